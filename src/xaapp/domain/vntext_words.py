"""Amounts of money read out in Vietnamese words, as written on payment lists ("Một triệu năm trăm nghìn đồng")."""

from __future__ import annotations

_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
#: Group names for thousands; past "tỷ" Vietnamese repeats the scale ("nghìn tỷ", "triệu tỷ", "tỷ tỷ").
_SCALES = ("", "nghìn", "triệu")


def _three_digits(number: int, *, full: bool) -> list[str]:
    """Words for 0 < number < 1000; *full* spells "không trăm" / "linh" inside a larger amount."""
    hundreds, rest = divmod(number, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    if hundreds or full:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units:
            if words:
                words.append("linh")
            words.append(_DIGITS[units])
        return words
    if tens == 1:
        words.append("mười")
    else:
        words += [_DIGITS[tens], "mươi"]
    if units == 1:
        words.append("mốt" if tens > 1 else "một")
    elif units == 5:
        words.append("lăm")
    elif units:
        words.append(_DIGITS[units])
    return words


def _below_billion(number: int, *, full: bool) -> list[str]:
    """Words for 0 < number < 1,000,000,000."""
    groups: list[int] = []
    while number:
        number, group = divmod(number, 1000)
        groups.append(group)
    words: list[str] = []
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            continue
        words += _three_digits(group, full=full or bool(words))
        if _SCALES[index]:
            words.append(_SCALES[index])
    return words


def _number_words(number: int, *, full: bool = False) -> list[str]:
    if number < 1_000_000_000:
        return _below_billion(number, full=full)
    high, low = divmod(number, 1_000_000_000)
    words = _number_words(high, full=full) + ["tỷ"]
    if low:
        words += _below_billion(low, full=True)
    return words


def number_in_words(number: int) -> str:
    """Vietnamese words for a whole number, lower case: 1_500_000 -> "một triệu năm trăm nghìn"."""
    if isinstance(number, bool) or not isinstance(number, int):
        raise TypeError("số tiền phải là số nguyên / the amount must be an integer")
    if number == 0:
        return "không"
    prefix = ["âm"] if number < 0 else []
    return " ".join(prefix + _number_words(abs(number)))


def amount_in_words(amount: int, currency: str = "đồng") -> str:
    """The amount as written on a payment list: 1_500_000 -> "Một triệu năm trăm nghìn đồng"."""
    text = f"{number_in_words(amount)} {currency}".strip()
    return text[0].upper() + text[1:]
