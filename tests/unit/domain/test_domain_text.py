"""Table-driven tests of xaapp.domain.text: folding, sort keys, money, dates, words, legacy encodings."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from xaapp.domain.text import (
    amount_in_words,
    detect_legacy_encoding,
    fold,
    format_date,
    format_money,
    legacy_to_unicode,
    name_sort_key,
    nfc,
    parse_date,
    sort_key,
    tcvn3_to_unicode,
    vni_to_unicode,
)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Nguyễn Văn An", "nguyen van an"),  # search ignores accents and case (docs/product.md)
        ("Đình", "dinh"),
        ("  ĐẶNG   thị  Hà ", "dang thi ha"),
        (unicodedata.normalize("NFD", "Hoà Bình"), "hoa binh"),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_nfc_composes_unikey_decomposed_input() -> None:
    decomposed = unicodedata.normalize("NFD", "Thanh Hóa")
    assert decomposed != "Thanh Hóa"
    assert nfc(decomposed) == "Thanh Hóa"


# docs/product.md: lists sort by given name (last word), then the rest, Vietnamese alphabet a ă â b c d đ e ê …
@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["Nguyễn Văn Bình", "Trần Thị An"], ["Trần Thị An", "Nguyễn Văn Bình"]),  # given name first
        (["Lê Văn Ân", "Lê Văn Ăn", "Lê Văn An"], ["Lê Văn An", "Lê Văn Ăn", "Lê Văn Ân"]),  # a < ă < â
        (["Vũ Đức", "Vũ Dung", "Vũ Em"], ["Vũ Dung", "Vũ Đức", "Vũ Em"]),  # d < đ < e
        (["Hồ Ơn", "Hồ Ôn", "Hồ On"], ["Hồ On", "Hồ Ôn", "Hồ Ơn"]),  # o < ô < ơ
        (["Mai Ưng", "Mai Uyên"], ["Mai Uyên", "Mai Ưng"]),  # u < ư
        (
            ["Lê Thị Hạ", "Lê Thị Há", "Lê Thị Hà", "Lê Thị Ha"],
            ["Lê Thị Ha", "Lê Thị Hà", "Lê Thị Há", "Lê Thị Hạ"],
        ),  # tones after base letter
        (["Trần An", "Lê An"], ["Lê An", "Trần An"]),  # same given name: then family name
        (["Lê Hải", "Lê Hà"], ["Lê Hà", "Lê Hải"]),  # letters decide before tones
    ],
)
def test_name_sort_order(names: list[str], expected: list[str]) -> None:
    assert sorted(names, key=name_sort_key) == expected


def test_sort_key_dictionary_order_of_syllables() -> None:
    words = ["bác", "bạ", "bá", "bã", "bả", "bà", "ba"]
    assert sorted(words, key=sort_key) == ["ba", "bà", "bả", "bã", "bá", "bạ", "bác"]


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (1_500_000, "1.500.000 đ"),
        (0, "0 đ"),
        (500, "500 đ"),
        (360_000, "360.000 đ"),
        (-25_000, "-25.000 đ"),
        (1_234_567_890, "1.234.567.890 đ"),
    ],
)
def test_format_money(amount: int, text: str) -> None:
    assert format_money(amount) == text


def test_format_money_rejects_fractions() -> None:
    with pytest.raises(TypeError):
        format_money(1.5)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("01/07/2024", dt.date(2024, 7, 1)),
        ("1/7/2024", dt.date(2024, 7, 1)),
        ("29-02-2024", dt.date(2024, 2, 29)),
        ("31.12.2026", dt.date(2026, 12, 31)),
        ("2024-07-01", dt.date(2024, 7, 1)),
    ],
)
def test_parse_date(text: str, date: dt.date) -> None:
    assert parse_date(text) == date


@pytest.mark.parametrize("text", ["29/02/2023", "32/01/2024", "07/2024", "", "abc"])
def test_parse_date_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="dd/mm/yyyy|không có thật"):
        parse_date(text)


def test_format_date() -> None:
    assert format_date(dt.date(2024, 7, 1)) == "01/07/2024"


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (0, "Không đồng"),
        (5, "Năm đồng"),
        (10, "Mười đồng"),
        (15, "Mười lăm đồng"),
        (21, "Hai mươi mốt đồng"),
        (24, "Hai mươi bốn đồng"),
        (105, "Một trăm linh năm đồng"),
        (360_000, "Ba trăm sáu mươi nghìn đồng"),
        (750_000, "Bảy trăm năm mươi nghìn đồng"),
        (1_500_000, "Một triệu năm trăm nghìn đồng"),  # issue 4 example
        (1_050_000, "Một triệu không trăm năm mươi nghìn đồng"),
        (1_005_000, "Một triệu không trăm linh năm nghìn đồng"),
        (2_000_000_000, "Hai tỷ đồng"),
        (1_000_000_001, "Một tỷ không trăm linh một đồng"),
    ],
)
def test_amount_in_words(amount: int, words: str) -> None:
    assert amount_in_words(amount) == words


@pytest.mark.parametrize(
    ("legacy", "encoding", "unicode"),
    [
        ("NguyÔn V¨n An", "tcvn3", "Nguyễn Văn An"),
        ("Lª ThÞ Hång", "tcvn3", "Lê Thị Hồng"),
        ("§µ N½ng", "tcvn3", "Đà Nẵng"),
        ("ViÖt Nam", "tcvn3", "Việt Nam"),
        ("TrÇn V¨n Hïng", "tcvn3", "Trần Văn Hùng"),
        ("Nguyeãn Vaên An", "vni", "Nguyễn Văn An"),
        ("Thanh Hoùa", "vni", "Thanh Hóa"),
        ("Ñaø Naüng", "vni", "Đà Nẵng"),
        ("Tröông Thò Thuûy", "vni", "Trương Thị Thủy"),
        ("Hoä ngheøo", "vni", "Hộ nghèo"),
        ("Hoàng Hà", "unicode", "Hoàng Hà"),  # Unicode with Latin-1 letters only is left alone
        ("Nguyễn Văn An", "unicode", "Nguyễn Văn An"),
        ("Nguyen Van An", "ascii", "Nguyen Van An"),
    ],
)
def test_legacy_detection_and_conversion(legacy: str, encoding: str, unicode: str) -> None:
    assert detect_legacy_encoding(legacy) == encoding
    assert legacy_to_unicode(legacy) == (unicode, encoding)


def test_tcvn3_upper_case_letters_with_own_codes() -> None:
    assert tcvn3_to_unicode("¡¢£¤¥¦§") == "ĂÂÊÔƠƯĐ"


def test_vni_upper_case() -> None:
    assert vni_to_unicode("VIEÄT NAM") == "VIỆT NAM"
