"""Typed amounts of đồng: grouped by dots, commas or spaces, never a separator misread as a decimal mark."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xaapp.domain.text import AmountError, format_money, parse_money

SETTINGS = settings(max_examples=300, deadline=None)
amounts = st.integers(min_value=-(10**15), max_value=10**15)
separators = st.sampled_from([".", ",", " ", "\u00a0", "\u202f"])
units = st.sampled_from(["", " đ", "đ", " đồng", " VND", " vnđ"])


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("12.000.000", 12_000_000),
        ("12,000,000", 12_000_000),
        ("12 000 000", 12_000_000),
        ("12000000", 12_000_000),
        ("  1.500.000 đ ", 1_500_000),
        ("1.500.000đồng", 1_500_000),
        ("-250.000", -250_000),
        ("0", 0),
        ("12.500", 12_500),  # twelve thousand five hundred, as a Vietnamese list prints it
    ],
)
def test_grouped_amounts_are_read_as_whole_dong(typed: str, amount: int) -> None:
    assert parse_money(typed) == amount


@pytest.mark.parametrize(
    "typed", ["12,5", "12.5", "1.50", "12,50", "12.5000", "1.500,00", "1,500.00", "1234,567"]
)
def test_anything_that_could_be_a_decimal_fraction_is_refused_not_guessed(typed: str) -> None:
    with pytest.raises(AmountError) as caught:
        parse_money(typed)
    assert caught.value.code == "ambiguous_amount"
    assert f"«{typed}» không rõ nghĩa" in caught.value.message_vi
    assert "không có phần lẻ" in caught.value.message_vi and "12.500" in caught.value.message_vi


@pytest.mark.parametrize(
    "typed", ["12 trieu", "12 triệu", "1..000", "12 5", "1.000.00", ".5", "đ", "", "12.", "abc"]
)
def test_letters_and_misplaced_separators_are_not_an_amount(typed: str) -> None:
    with pytest.raises(AmountError) as caught:
        parse_money(typed)
    assert caught.value.code == "not_amount"
    assert "không phải số tiền" in caught.value.message_vi and "12.000.000" in caught.value.message_vi


@SETTINGS
@given(amounts, separators, units)
def test_round_trip_through_any_grouping(amount: int, separator: str, unit: str) -> None:
    shown = format_money(amount, unit="")
    assert re.fullmatch(r"-?\d{1,3}(\.\d{3})*", shown)
    assert parse_money(shown) == amount
    assert parse_money(shown.replace(".", separator) + unit) == amount
    assert parse_money(str(amount)) == amount


@SETTINGS
@given(st.text(st.sampled_from("0123456789.,  -đ"), min_size=1, max_size=16))
def test_an_accepted_text_keeps_every_digit_it_was_typed_with(text: str) -> None:
    """No reading ever drops, adds or moves a digit (a separator is never taken as a decimal mark)."""
    try:
        value = parse_money(text)
    except AmountError:
        return
    digits = "".join(ch for ch in text if ch.isdigit())
    assert abs(value) == int(digits)
    assert format_money(value, unit="").replace(".", "").lstrip("-") == str(int(digits))


@SETTINGS
@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=10**6), separators)
def test_a_group_that_is_not_three_digits_is_never_accepted(whole: int, tail: int, separator: str) -> None:
    tail_text = str(tail)
    if len(tail_text) == 3:
        tail_text += "0"
    with pytest.raises(AmountError):
        parse_money(f"{whole}{separator}{tail_text}")
