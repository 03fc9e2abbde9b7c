"""Vietnamese text rules: NFC, folding for search, name sort keys, money, dates, amounts in words, legacy fonts.

Money and words live in :mod:`xaapp.domain.vntext_words`, TCVN3/VNI conversion in
:mod:`xaapp.domain.vntext_legacy`; both are re-exported here so callers import one module.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from xaapp.domain.vntext_legacy import (
        Encoding,
        detect_legacy_encoding,
        legacy_to_unicode,
        tcvn3_to_unicode,
        vni_to_unicode,
    )
    from xaapp.domain.vntext_words import amount_in_words, number_in_words

#: Re-exported from their own modules, loaded on first use (their tables cost start-up time).
_ELSEWHERE = {
    "Encoding": "xaapp.domain.vntext_legacy",
    "detect_legacy_encoding": "xaapp.domain.vntext_legacy",
    "legacy_to_unicode": "xaapp.domain.vntext_legacy",
    "tcvn3_to_unicode": "xaapp.domain.vntext_legacy",
    "vni_to_unicode": "xaapp.domain.vntext_legacy",
    "amount_in_words": "xaapp.domain.vntext_words",
    "number_in_words": "xaapp.domain.vntext_words",
}


def __getattr__(name: str) -> Any:
    module = _ELSEWHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "Encoding",
    "AmountError",
    "amount_in_words",
    "detect_legacy_encoding",
    "fold",
    "format_date",
    "format_money",
    "legacy_to_unicode",
    "name_sort_key",
    "name_sort_text",
    "nfc",
    "number_in_words",
    "parse_date",
    "parse_money",
    "sort_key",
    "sort_text",
    "tcvn3_to_unicode",
    "vni_to_unicode",
    "word_sort_key",
]


def nfc(text: str) -> str:
    """Return *text* in Unicode NFC (Unikey and old files often produce decomposed forms)."""
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Fold *text* for accent- and case-insensitive matching: "Đình Nguyễn" -> "dinh nguyen".

    Strips every combining mark after NFD decomposition and maps đ/Đ (which is a letter of its
    own, not a base letter with a mark) to d.
    """
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


# --- Sort keys ---------------------------------------------------------------------------------

#: The Vietnamese alphabet (29 letters) with f, j, w, z placed where Latin puts them, for foreign names.
_ALPHABET = ("a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l", "m",
             "n", "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z")  # fmt: skip
_LETTER_RANK = {letter: index for index, letter in enumerate(_ALPHABET)}
#: Marks that make a letter of its own (ă â ê ô ơ ư), as opposed to tones.
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}
#: Tone order of Vietnamese dictionaries and of the CLDR "vi" collation:
#: ngang, huyền, hỏi, ngã, sắc, nặng.
_TONE_RANK = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_DIGIT_BASE = -20  # digits sort before letters
_OTHER_BASE = 1000  # anything else after letters, by code point


def _char_ranks(ch: str) -> tuple[int, int]:
    """(letter rank, tone rank) of one NFC character, lower-cased."""
    if ch == "đ":
        return _LETTER_RANK["đ"], 0
    decomposed = unicodedata.normalize("NFD", ch)
    base, marks = decomposed[0], decomposed[1:]
    letter = unicodedata.normalize("NFC", base + "".join(m for m in marks if m in _LETTER_MARKS))
    tone = max((_TONE_RANK.get(m, 0) for m in marks), default=0)
    if letter in _LETTER_RANK:
        return _LETTER_RANK[letter], tone
    if base.isdigit() and base.isascii():
        return _DIGIT_BASE + int(base), tone
    return _OTHER_BASE + ord(letter[0]), tone


WordKey = tuple[tuple[int, ...], tuple[int, ...]]
SortKey = tuple[tuple[WordKey, ...], tuple[tuple[int, ...], ...], str]


def word_sort_key(word: str) -> WordKey:
    """Sort key of one word (syllable): its letters in Vietnamese order, then its tones."""
    ranks = [_char_ranks(ch) for ch in nfc(word).lower()]
    return tuple(r[0] for r in ranks), tuple(r[1] for r in ranks)


def _case_key(words: list[str]) -> tuple[tuple[int, ...], ...]:
    return tuple(tuple(0 if ch.islower() or not ch.isalpha() else 1 for ch in word) for word in words)


def sort_key(text: str) -> SortKey:
    """Vietnamese order for plain text (village names, words), syllable by syllable as dictionaries do.

    Within a syllable letters decide first ("a" < "ă" < "â" < "b" … "d" < "đ" < "e" …), then the
    tone (none, huyền, hỏi, ngã, sắc, nặng): "ba" < "bà" < "bả" < "bã" < "bá" < "bạ" < "bác".
    Upper/lower case only breaks ties. Accepts NFD or NFC input and any spacing.
    """
    words = nfc(text).split()
    return tuple(word_sort_key(w) for w in words), _case_key(words), " ".join(words)


def name_sort_key(full_name: str) -> SortKey:
    """Sort key for a person's full name as Vietnamese lists sort: given name (last word) first.

    "Nguyễn Văn An" sorts under "An", then by "Nguyễn Văn" (family and middle names in order).
    """
    words = nfc(full_name).split()
    return sort_key(" ".join(words[-1:] + words[:-1]))


# --- Sort keys as text, to store and compare as plain strings -----------------------------------

#: Ends every part of a flattened key; smaller than any character an element becomes.
_END = "\x01"
#: Added to each int of a key (digits rank from -20) and to each character of the text part.
_BIAS = 64


def _code_point(value: int) -> str:
    """An int ≥ 2 as one character, in order, skipping the surrogates (which UTF-8 and SQLite refuse)."""
    if value >= 0xD800:
        value += 0x800
    return chr(min(value, 0x10FFFF))


def _flat_ints(values: tuple[int, ...]) -> str:
    return "".join(_code_point(v + _BIAS) for v in values) + _END


@functools.lru_cache(maxsize=65536)
def _flat_word(word: str) -> tuple[str, str, str]:
    """(letters and tones, case, characters) of one word, each flattened; cached: names repeat words."""
    letters, tones = word_sort_key(word)
    case = _case_key([word])[0]
    chars = "".join(_code_point(ord(ch) + _BIAS) for ch in word)
    return _flat_ints(letters) + _flat_ints(tones) + _END, _flat_ints(case), chars


_SPACE = _code_point(ord(" ") + _BIAS)


def _flat_words(words: list[str]) -> str:
    parts = [_flat_word(w) for w in words]
    return (
        "".join(p[0] for p in parts) + _END
        + "".join(p[1] for p in parts) + _END
        + _SPACE.join(p[2] for p in parts) + _END
        + _END
    )  # fmt: skip


def sort_text(text: str) -> str:
    """``sort_key(text)`` as one string that compares (code point by code point, as Python and SQLite's
    default collation do) in the same order, so it can be stored in a column and sorted on in SQL.

    Each int of the nested key becomes one character (biased above the terminator), each tuple and
    the text part end with the terminator "\x01", the smallest character, so a prefix sorts first as it
    does for tuples. One string per name is also far cheaper to keep and compare than ~20 tuples.
    """
    return _flat_words(nfc(text).split())


def name_sort_text(full_name: str) -> str:
    """``name_sort_key(full_name)`` as one string in the same order (see ``sort_text``): given name first."""
    words = nfc(full_name).split()
    return _flat_words(words[-1:] + words[:-1])


# --- Money and dates ---------------------------------------------------------------------------


def format_money(amount: int, *, unit: str = "đ") -> str:
    """Money as Vietnamese lists print it: 1500000 -> "1.500.000 đ" (dot thousands separator)."""
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise TypeError("số tiền phải là số nguyên đồng / the amount must be a whole number of đồng")
    digits = f"{abs(amount):,}".replace(",", ".")
    sign = "-" if amount < 0 else ""
    return f"{sign}{digits} {unit}".rstrip()


#: Messages of :class:`AmountError` by code, Vietnamese then English; ``{value}`` is the typed text.
AMOUNT_MESSAGES: dict[str, tuple[str, str]] = {
    "not_amount": (
        "«{value}» không phải số tiền: chỉ gồm chữ số, có thể chia nhóm 3 chữ số bằng dấu chấm "
        "(ví dụ 12.000.000).",
        "“{value}” is not an amount: digits only, optionally grouped by threes with dots (e.g. 12.000.000).",
    ),
    "ambiguous_amount": (
        "«{value}» không rõ nghĩa: số tiền tính bằng đồng, không có phần lẻ; sau dấu phân cách phải đủ "
        "3 chữ số (ví dụ 12.500 hoặc 12.000.000).",
        "“{value}” is ambiguous: amounts are whole đồng with no fraction; each group after a separator "
        "has 3 digits (e.g. 12.500 or 12.000.000).",
    ),
}


class AmountError(ValueError):
    """Typed text that is not a whole amount of đồng. ``code`` is ``not_amount`` (letters, stray
    signs, separators in the wrong place) or ``ambiguous_amount`` (could be a decimal fraction:
    "12,5", "1.50"); ``message_vi``/``message_en`` say what to type instead."""

    def __init__(self, code: str, text: str) -> None:
        self.code = code
        self.text = text
        vi, en = AMOUNT_MESSAGES[code]
        self.message_vi = vi.format(value=text)
        self.message_en = en.format(value=text)
        super().__init__(f"{self.message_vi} / {self.message_en}")


#: What may follow an amount: the currency, as officers write it ("12.000.000 đ", "… đồng", "… VND").
_MONEY_UNITS = ("đồng", "vnđ", "vnd", "đ")
#: Thousands separators accepted between groups: dot (Vietnamese), comma (English, Excel), space
#: (also the no-break, thin and narrow no-break spaces Word and Excel put there).
_MONEY_SEPARATORS = frozenset(".,  \u00a0\u2009\u202f")
_MONEY_GROUPS = re.compile(r"[.,\s]")


def parse_money(text: str) -> int:
    """A whole amount of đồng typed by an officer: "12.000.000", "12,000,000", "12 000 000",
    "12000000", optionally with "đ"/"đồng"/"VND" after it and a leading "-".

    One kind of separator per amount, and every group after the first has exactly three digits, so
    a separator is only ever a thousands separator. Anything that could be a decimal fraction is
    refused rather than guessed: "12,5", "12.50" and "1.500,00" (Vietnamese writes decimals with a
    comma, English with a dot, and amounts of đồng have no fraction) raise
    ``AmountError("ambiguous_amount")``; letters or misplaced separators ("12 trieu", "1..000",
    "12 5") raise ``AmountError("not_amount")``. ``format_money(n, unit="")`` writes it back as
    "12.000.000".
    """
    shown = " ".join(nfc(text).split())
    body = nfc(text).strip()
    low = body.lower()
    for unit in _MONEY_UNITS:
        if low.endswith(unit):
            body = body[: -len(unit)].rstrip()
            break
    negative = body.startswith("-")
    if negative:
        body = body[1:].lstrip()
    if not body or not body[0].isdigit() or not body[-1].isdigit():
        raise AmountError("not_amount", shown)
    others = [ch for ch in body if not ("0" <= ch <= "9")]
    if any(ch not in _MONEY_SEPARATORS for ch in others):
        raise AmountError("not_amount", shown)
    if others:
        kinds = {"space" if ch.isspace() else ch for ch in others}
        if len(kinds) > 1:  # "12.000,5", "1,500.00": a thousands separator and a decimal mark
            raise AmountError("ambiguous_amount", shown)
        groups = _MONEY_GROUPS.split(body)
        if len(groups[0]) > 3 or any(len(group) != 3 for group in groups[1:]):
            if len(groups) == 2 and kinds != {"space"}:
                raise AmountError("ambiguous_amount", shown)  # "12,5", "1.50", "1234,567"
            raise AmountError("not_amount", shown)
    value = int("".join(ch for ch in body if "0" <= ch <= "9"))
    return -value if negative else value


def format_date(value: dt.date) -> str:
    """A date as dd/mm/yyyy: 2024-07-01 -> "01/07/2024"."""
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


_DATE_VN = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})\s*$")
_DATE_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})\s*$")


def parse_date(text: str) -> dt.date:
    """Parse a date typed as dd/mm/yyyy (also d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy) or ISO yyyy-mm-dd.

    Raises ValueError with a Vietnamese then English message when the text is not a real date.
    """
    iso = _DATE_ISO.match(text)
    match = _DATE_VN.match(text)
    if iso:
        year, month, day = (int(g) for g in iso.groups())
    elif match:
        day, month, year = (int(g) for g in match.groups())
    else:
        raise ValueError(
            f"Ngày không đúng dạng dd/mm/yyyy: {text!r} / Date is not in dd/mm/yyyy form: {text!r}"
        )
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"Ngày không có thật: {text!r} / No such date: {text!r}") from None
