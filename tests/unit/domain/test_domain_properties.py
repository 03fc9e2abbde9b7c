"""Hypothesis property tests: text folding, sort keys and personal-ID checks (issue 4, "Done when")."""

from __future__ import annotations

import datetime as dt
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from xaapp.domain.personal_id import PROVINCE_CODES, check_personal_id, make_personal_id
from xaapp.domain.text import (
    amount_in_words,
    fold,
    format_money,
    legacy_to_unicode,
    name_sort_key,
    sort_key,
    tcvn3_to_unicode,
)
from xaapp.domain.vntext_legacy import TCVN3_TO_UNICODE

VIET_LETTERS = "aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệghiìỉĩíịklmnoòỏõóọôồổỗốộơờởỡớợpqrstuùủũúụưừửữứựvxyỳỷỹýỵ"
letters = st.sampled_from(VIET_LETTERS + VIET_LETTERS.upper())
words = st.text(letters, min_size=1, max_size=7)
names = st.lists(words, min_size=1, max_size=4).map(" ".join)
texts = st.text(st.one_of(letters, st.sampled_from(" -.,0123456789")), max_size=30)

#: Local settings (not a global profile, so other test modules keep theirs).
SETTINGS = settings(max_examples=150, deadline=None)


@SETTINGS
@given(texts)
def test_fold_is_idempotent_and_ascii_for_vietnamese(text: str) -> None:
    folded = fold(text)
    assert fold(folded) == folded
    assert folded.isascii()
    assert folded == folded.lower()


@SETTINGS
@given(texts)
def test_fold_ignores_normalisation_form_and_case(text: str) -> None:
    assert fold(unicodedata.normalize("NFD", text)) == fold(text) == fold(text.upper())


@SETTINGS
@given(names)
def test_sort_key_ignores_normalisation_form_and_spacing(name: str) -> None:
    nfd = unicodedata.normalize("NFD", name)
    assert name_sort_key(nfd) == name_sort_key(name)
    assert name_sort_key("  " + name.replace(" ", "   ") + " ") == name_sort_key(name)


@SETTINGS
@given(names, names)
def test_sort_key_is_a_total_order_consistent_with_equality(a: str, b: str) -> None:
    ka, kb = name_sort_key(a), name_sort_key(b)
    assert (ka == kb) == (" ".join(a.split()) == " ".join(b.split()))


@SETTINGS
@given(words, words)
def test_letters_decide_before_tones(a: str, b: str) -> None:
    # Two words whose tone-less letters differ compare the same way whatever their tones.
    def strip_tones(word: str) -> str:
        tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
        return unicodedata.normalize(
            "NFC", "".join(ch for ch in unicodedata.normalize("NFD", word) if ch not in tones)
        )

    if strip_tones(a).lower() != strip_tones(b).lower():
        assert (sort_key(a) < sort_key(b)) == (sort_key(strip_tones(a)) < sort_key(strip_tones(b)))


@SETTINGS
@given(names)
def test_given_name_leads(name: str) -> None:
    parts = name.split()
    assert name_sort_key(name)[0][0] == sort_key(parts[-1])[0][0]


@SETTINGS
@given(st.integers(min_value=0, max_value=10**15))
def test_money_round_trips(amount: int) -> None:
    text = format_money(amount)
    assert text.endswith(" đ")
    assert int(text[:-2].replace(".", "")) == amount


@SETTINGS
@given(st.integers(min_value=1, max_value=10**12))
def test_amount_in_words_is_capitalised_and_ends_in_dong(amount: int) -> None:
    words_text = amount_in_words(amount)
    assert words_text[0].isupper() and words_text.endswith(" đồng")
    assert unicodedata.is_normalized("NFC", words_text)


@SETTINGS
@given(st.text(st.sampled_from(sorted(TCVN3_TO_UNICODE) + list("abcdeghiklmnopqrstuvxy ")), max_size=25))
def test_tcvn3_conversion_never_leaves_a_tcvn3_letter(text: str) -> None:
    converted = tcvn3_to_unicode(text)
    assert unicodedata.is_normalized("NFC", converted)
    assert not any(ch in TCVN3_TO_UNICODE and ch not in TCVN3_TO_UNICODE.values() for ch in converted)


@SETTINGS
@given(texts)
def test_unicode_vietnamese_is_never_converted(text: str) -> None:
    # Text holding a letter beyond Latin-1 is Unicode and comes back unchanged.
    text = text + " ư"
    assert legacy_to_unicode(text) == (unicodedata.normalize("NFC", text), "unicode")


@SETTINGS
@given(
    st.sampled_from(sorted(PROVINCE_CODES)),
    st.sampled_from(["male", "female"]),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2399, 12, 31)),
    st.integers(min_value=0, max_value=999_999),
)
def test_made_ids_pass_the_check_and_any_changed_year_fails(
    province: str, sex: str, dob: dt.date, serial: int
) -> None:
    value = make_personal_id(province, sex, dob, serial)
    assert len(value) == 12 and value.isdigit()
    assert check_personal_id(value, sex=sex, birth_date=dob).ok
    other_year = dob.year + 1 if dob.year < 2399 else dob.year - 1
    assert not check_personal_id(value, sex=sex, birth_year=other_year).ok
    other_sex = "female" if sex == "male" else "male"
    assert check_personal_id(value, sex=other_sex, birth_date=dob).codes == ("sex_mismatch",)


@SETTINGS
@given(st.text(max_size=14))
def test_check_never_raises_and_always_explains(value: str) -> None:
    result = check_personal_id(value)
    assert result.ok or all(p.message_vi and p.message_en for p in result.problems)
    if result.ok:
        assert len(result.value) == 12 and result.value.isdigit()


@SETTINGS
@given(names, names)
def test_stored_name_sort_text_orders_as_the_sort_key(a: str, b: str) -> None:
    from xaapp.domain.text import name_sort_text

    ka, kb = name_sort_key(a), name_sort_key(b)
    ta, tb = name_sort_text(a), name_sort_text(b)
    assert (ka < kb) == (ta < tb) and (ka == kb) == (ta == tb)
    assert ta.encode("utf-8") and tb.encode("utf-8")  # storable: no lone surrogates


@SETTINGS
@given(st.text(max_size=12), st.text(max_size=12))
def test_stored_sort_text_orders_as_the_sort_key_for_any_text(a: str, b: str) -> None:
    from xaapp.domain.text import sort_text

    # Any character at all (digits, symbols, letters of other scripts, the surrogate range's neighbours)
    # keeps its order, as long as it stays under the top of Unicode once shifted.
    if any(ord(ch) > 0x10FFFF - 0x900 - 1100 for ch in a + b):
        return
    assert (sort_key(a) < sort_key(b)) == (sort_text(a) < sort_text(b))
    assert sort_text(a).encode("utf-8")
