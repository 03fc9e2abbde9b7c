"""Table-driven tests of the 12-digit personal ID check and of legacy CMND numbers."""

from __future__ import annotations

import datetime as dt

import pytest

from xaapp.domain.personal_id import (
    PROVINCE_CODES,
    check_legacy_cmnd,
    check_personal_id,
    make_personal_id,
)


@pytest.mark.parametrize(
    ("value", "kwargs", "codes"),
    [
        # Decree 137/2015 Art. 13: digits 1-3 province, digit 4 century+sex, digits 5-6 birth year.
        ("038090001234", {"sex": "nam", "birth_year": 1990}, ()),
        ("038190001234", {"sex": "nữ", "birth_date": dt.date(1990, 5, 1)}, ()),
        ("038305001234", {"sex": "female", "birth_year": 2005}, ()),
        ("038 090 001 234", {}, ()),  # spaces ignored
        ("", {}, ("empty",)),
        ("03809000123A", {}, ("not_digits",)),
        ("03809000123", {}, ("wrong_length",)),
        ("0380900012345", {}, ("wrong_length",)),
        ("123456789", {}, ("legacy_cmnd",)),  # Law on Identification 2023: old 9-digit CMND is not an ID
        ("039090001234", {}, ("unknown_province",)),  # 039 not in the Circular 07/2016/TT-BCA list
        ("000090001234", {}, ("unknown_province",)),
        ("038190001234", {"sex": "male"}, ("sex_mismatch",)),  # digit 4 odd = female
        ("038090001234", {"sex": 2}, ("sex_mismatch",)),  # Mẫu 01: 1 Nam, 2 Nữ
        ("038290001234", {"birth_year": 1990}, ("century_mismatch",)),  # 2 = born 2000-2099
        ("038091001234", {"birth_year": 1990}, ("birth_year_mismatch",)),
        ("038200001234", {"birth_year": 1999}, ("century_mismatch", "birth_year_mismatch")),
        (
            "039391001234",
            {"sex": "nam", "birth_year": 1990},
            ("unknown_province", "sex_mismatch", "century_mismatch", "birth_year_mismatch"),
        ),
    ],
)
def test_check_personal_id(value: str, kwargs: dict, codes: tuple[str, ...]) -> None:
    result = check_personal_id(value, **kwargs)
    assert result.codes == codes
    assert result.ok is (codes == ())
    for problem in result.problems:
        assert problem.message_vi and problem.message_en and problem.message_vi != problem.message_en


def test_check_reports_decoded_parts() -> None:
    result = check_personal_id("038301000042")
    assert (result.province_name, result.sex, result.century_first_year, result.birth_year_digits) == (
        "Thanh Hóa",
        "female",
        2000,
        "01",
    )
    assert result.to_json()["ok"] is True


def test_province_list_has_the_63_old_provinces() -> None:
    assert len(PROVINCE_CODES) == 63
    assert PROVINCE_CODES["038"] == "Thanh Hóa" and PROVINCE_CODES["040"] == "Nghệ An"
    assert PROVINCE_CODES["001"] == "Hà Nội"


@pytest.mark.parametrize(
    ("value", "ok", "code"),
    [
        ("012345678", True, None),
        ("012345678901", True, None),
        ("0123", False, "wrong_length"),
        ("01234567x", False, "not_digits"),
        ("", False, "empty"),
    ],
)
def test_legacy_cmnd_kept_as_text(value: str, ok: bool, code: str | None) -> None:
    result = check_legacy_cmnd(value)
    assert result.ok is ok
    assert result.value == value  # leading zeros kept
    if code:
        assert result.problems[0].code == code


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("038", "female", dt.date(2001, 5, 3), 42), "038301000042"),
        (("038", "male", 1955, 999_999), "038055999999"),
        (("001", "nam", dt.date(2100, 1, 1), 0), "001400000000"),
    ],
)
def test_make_personal_id(args: tuple, expected: str) -> None:
    assert make_personal_id(*args) == expected


@pytest.mark.parametrize(
    "args",
    [
        ("039", "male", 1990, 1),
        ("038", "x", 1990, 1),
        ("038", "male", 1899, 1),
        ("038", "male", 1990, 1_000_000),
    ],
)
def test_make_personal_id_rejects(args: tuple) -> None:
    with pytest.raises(ValueError):
        make_personal_id(*args)
