"""Search over the household list: what a search finds (names, villages, IDs, phones, codes; accents and
case ignored; words from their start), the same through the index as by reading every row, and typing
that narrows gives what a fresh search gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from xaapp.domain.text import fold
from xaapp.services.household_search import HouseholdSearch, normalise, scan


def text(names: list[str], village: str, code: str, numbers: str) -> str:
    """A search text as ``services.households`` writes it."""
    return f"|{'|'.join(fold(n) for n in names)}|{fold(village)}|{fold(code)}|{numbers}"


TEXTS = [
    text(["Nguyễn Văn An", "Lò Thị Ánh"], "Bản Đôn", "00001", "038090001234 038190005678  0912345678"),
    text(["Nguyễn Văn Anh"], "Thôn Đồng Tâm", "00002", "038085000111  "),
    text(["Hà Văn Bình", "Nguyễn Thị Vân"], "Bản Đôn", "00003", "  0987000111"),
    text(["Lê Văn Thanh An"], "Thôn Lũng Cao", "A-17", "038170000999  "),
    text([], "Bản Hang", "00005", "  "),
    text(["Bàn Đức An"], "Thôn Lũng Cao", "00006", "03819000"),
]


def found(query: str) -> list[int] | None:
    index = HouseholdSearch(TEXTS)
    result = index.matches(query)
    assert result == scan(TEXTS, query)  # the index answers as reading every row does
    return result


def test_names_match_from_the_start_of_a_word_with_or_without_accents() -> None:
    assert found("nguyen van an") == [0, 1]  # An and Anh
    assert found("Nguyễn Văn An") == [0, 1]
    assert found("NGUYEN VAN ANH") == [1]
    assert found("van an") == [0, 1]  # the phrase may start at the middle name
    assert found("thanh an") == [3]
    assert found("guyen") == []  # not from the middle of a word
    assert found("an nguyen") == []  # words of two different people are not one phrase
    assert found("   ") is None  # no search: everything


def test_village_names_codes_ids_and_phones_are_searchable() -> None:
    assert found("ban don") == [0, 2]
    assert found("bản đôn") == [0, 2]
    assert found("thon lung") == [3, 5]
    assert found("ban") == [0, 2, 4, 5]  # the villages "Bản …" and the family name Bàn
    assert found("038190005678") == [0]  # a whole CCCD
    assert found("03819") == [0, 5]  # an ID's beginning
    assert found("0381") == [0, 3, 5]
    assert found("0987") == [2]  # a household's phone
    assert found("00003") == [2] and found("a-17") == [3]  # household codes, numeric or not
    assert found("038") == [0, 1, 3, 5]
    assert found("0") == [0, 1, 2, 3, 4, 5]
    assert found("5678") == []  # numbers too match from their start only


VOCAB = ["an", "anh", "ba", "ban", "bang", "don", "ha", "thi", "van", "vinh", "0381", "038190", "0912", "12"]


@settings(max_examples=120, deadline=None)
@given(
    st.lists(
        st.lists(st.lists(st.sampled_from(VOCAB), min_size=1, max_size=4).map(" ".join), max_size=4),
        min_size=1,
        max_size=30,
    ),
    st.lists(
        st.sampled_from([*VOCAB, "a", "b", "03", "van a", "ba d", "thi v", "an 12"]), min_size=1, max_size=4
    ),
)
def test_the_index_and_narrowing_agree_with_reading_every_row(
    households: list[list[str]], typed: list[str]
) -> None:
    texts = [f"|{'|'.join(names)}|ban don|{i:05d}|0381{i:08d} " for i, names in enumerate(households)]
    index = HouseholdSearch(texts)
    query = ""
    previous: list[int] | None = None
    for piece in typed:
        longer = normalise(query + " " + piece if query else piece)
        narrowed = index.matches(longer, previous if previous is not None and query else None)
        assert narrowed == index.matches(longer) == scan(texts, longer)
        query, previous = longer, narrowed


def test_numbers_read_from_the_database_give_the_same_answers_as_those_in_the_texts() -> None:
    numbers = sorted(
        (word, pos) for pos, t in enumerate(TEXTS) for word in " ".join(t.rsplit("|", 2)[1:]).split()
    )  # as SQLite sorts them: by text
    index = HouseholdSearch(TEXTS, numbers)
    for query in ("0381", "038190005678", "00003", "a-17", "0", "ban don", "nguyen van"):
        assert index.matches(query) == scan(TEXTS, query)
