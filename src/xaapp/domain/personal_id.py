"""Personal ID numbers: the 12-digit số định danh cá nhân / CCCD check, and legacy CMND kept as text.

Structure (Decree 137/2015/NĐ-CP Art. 13; Circular 07/2016/TT-BCA code table, later Circular
59/2021/TT-BCA; Law on Identification 2023 Art. 12):
digits 1–3 province where the birth was registered; digit 4 century and sex; digits 5–6 the last
two digits of the birth year; digits 7–12 random. Each failure has its own code and message.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Literal

Sex = Literal["male", "female"]

#: Birth-registration province codes of the 63 provinces before the 2025 mergers (Circular 07/2016/TT-BCA
#: appendix; the same numbers as the GSO province codes with a leading 0). IDs already issued keep them.
PROVINCE_CODES: dict[str, str] = {
    "001": "Hà Nội", "002": "Hà Giang", "004": "Cao Bằng", "006": "Bắc Kạn", "008": "Tuyên Quang",
    "010": "Lào Cai", "011": "Điện Biên", "012": "Lai Châu", "014": "Sơn La", "015": "Yên Bái",
    "017": "Hòa Bình", "019": "Thái Nguyên", "020": "Lạng Sơn", "022": "Quảng Ninh", "024": "Bắc Giang",
    "025": "Phú Thọ", "026": "Vĩnh Phúc", "027": "Bắc Ninh", "030": "Hải Dương", "031": "Hải Phòng",
    "033": "Hưng Yên", "034": "Thái Bình", "035": "Hà Nam", "036": "Nam Định", "037": "Ninh Bình",
    "038": "Thanh Hóa", "040": "Nghệ An", "042": "Hà Tĩnh", "044": "Quảng Bình", "045": "Quảng Trị",
    "046": "Thừa Thiên Huế", "048": "Đà Nẵng", "049": "Quảng Nam", "051": "Quảng Ngãi", "052": "Bình Định",
    "054": "Phú Yên", "056": "Khánh Hòa", "058": "Ninh Thuận", "060": "Bình Thuận", "062": "Kon Tum",
    "064": "Gia Lai", "066": "Đắk Lắk", "067": "Đắk Nông", "068": "Lâm Đồng", "070": "Bình Phước",
    "072": "Tây Ninh", "074": "Bình Dương", "075": "Đồng Nai", "077": "Bà Rịa - Vũng Tàu",
    "079": "TP. Hồ Chí Minh", "080": "Long An", "082": "Tiền Giang", "083": "Bến Tre", "084": "Trà Vinh",
    "086": "Vĩnh Long", "087": "Đồng Tháp", "089": "An Giang", "091": "Kiên Giang", "092": "Cần Thơ",
    "093": "Hậu Giang", "094": "Sóc Trăng", "095": "Bạc Liêu", "096": "Cà Mau",
}  # fmt: skip
THANH_HOA = "038"

#: Failure codes with their Vietnamese and English messages ({…} filled from the check).
MESSAGES: dict[str, tuple[str, str]] = {
    "empty": ("Chưa nhập số định danh.", "The personal ID number is empty."),
    "not_digits": (
        "Số định danh chỉ gồm chữ số (có ký tự «{bad}»).",
        "The personal ID must contain digits only (found “{bad}”).",
    ),
    "wrong_length": (
        "Số định danh phải có 12 chữ số (đang có {length}).",
        "The personal ID must have 12 digits (it has {length}).",
    ),
    "legacy_cmnd": (
        "Đây là số CMND cũ 9 chữ số, không phải số định danh: ghi vào ô «Số CMND cũ».",
        "This is an old 9-digit CMND number, not a personal ID: record it as the legacy CMND.",
    ),
    "unknown_province": (
        "Ba chữ số đầu «{code}» không phải mã tỉnh nơi đăng ký khai sinh.",
        "The first three digits “{code}” are not a birth-registration province code.",
    ),
    "sex_mismatch": (
        "Chữ số thứ 4 «{digit}» là của {id_sex_vi}, nhưng giới tính ghi là {sex_vi}.",
        "Digit 4 “{digit}” means {id_sex_en}, but the sex recorded is {sex_en}.",
    ),
    "century_mismatch": (
        "Chữ số thứ 4 «{digit}» là của người sinh từ {first} đến {last}, nhưng năm sinh ghi là {year}.",
        "Digit 4 “{digit}” means born {first}–{last}, but the birth year recorded is {year}.",
    ),
    "birth_year_mismatch": (
        "Chữ số thứ 5–6 «{yy}» phải là hai số cuối năm sinh {year} («{expected}»).",
        "Digits 5–6 “{yy}” must be the last two digits of the birth year {year} (“{expected}”).",
    ),
}

_SEX_WORDS = {"male": ("nam", "male"), "female": ("nữ", "female")}


@dataclass(frozen=True)
class IdProblem:
    """One failed check: a stable ``code`` and the message in Vietnamese and English."""

    code: str
    message_vi: str
    message_en: str

    def to_json(self) -> dict[str, str]:
        return {"code": self.code, "vi": self.message_vi, "en": self.message_en}


@dataclass(frozen=True)
class PersonalIdCheck:
    """Result of :func:`check_personal_id`. ``value`` is the number as digits (spaces removed)."""

    value: str
    problems: tuple[IdProblem, ...] = field(default_factory=tuple)
    province_code: str | None = None
    province_name: str | None = None
    sex: Sex | None = None
    century_first_year: int | None = None
    birth_year_digits: str | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(p.code for p in self.problems)

    def to_json(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "ok": self.ok,
            "problems": [p.to_json() for p in self.problems],
            "province_code": self.province_code,
            "province_name": self.province_name,
            "sex": self.sex,
            "century_first_year": self.century_first_year,
            "birth_year_digits": self.birth_year_digits,
        }


def _problem(problem_code: str, **values: Any) -> IdProblem:
    vi, en = MESSAGES[problem_code]
    return IdProblem(problem_code, vi.format(**values), en.format(**values))


def normalise_sex(value: Any) -> Sex | None:
    """Map "male"/"female", "nam"/"nữ", "m"/"f", 1/2 (Mẫu 01: 1 Nam, 2 Nữ) to "male"/"female"; else None."""
    if value is None:
        return None
    text = unicodedata.normalize("NFD", str(value).strip().lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    if text in {"male", "m", "nam", "1"}:
        return "male"
    if text in {"female", "f", "nu", "2"}:
        return "female"
    return None


def _clean(value: str) -> str:
    return "".join(unicodedata.normalize("NFKC", str(value)).split())


def check_personal_id(
    value: str,
    *,
    sex: Any = None,
    birth_date: dt.date | None = None,
    birth_year: int | None = None,
) -> PersonalIdCheck:
    """Check a 12-digit personal ID (CCCD / số định danh) against the recorded sex and date of birth.

    Spaces are ignored. *sex* accepts the forms of :func:`normalise_sex`; give *birth_date* or just
    *birth_year* (many older people only know the year). Checks that cannot run for lack of the
    data are skipped. Failure codes: empty, not_digits, legacy_cmnd, wrong_length,
    unknown_province, sex_mismatch, century_mismatch, birth_year_mismatch.

    >>> check_personal_id("038090001234", sex="nam", birth_year=1990).ok
    True
    """
    digits = _clean(value)
    if not digits:
        return PersonalIdCheck(digits, (_problem("empty"),))
    bad = next((ch for ch in digits if not ("0" <= ch <= "9")), None)
    if bad is not None:
        return PersonalIdCheck(digits, (_problem("not_digits", bad=bad),))
    if len(digits) == 9:
        return PersonalIdCheck(digits, (_problem("legacy_cmnd"),))
    if len(digits) != 12:
        return PersonalIdCheck(digits, (_problem("wrong_length", length=len(digits)),))

    problems: list[IdProblem] = []
    code, digit, yy = digits[:3], int(digits[3]), digits[4:6]
    province = PROVINCE_CODES.get(code)
    if province is None:
        problems.append(_problem("unknown_province", code=code))
    id_sex: Sex = "male" if digit % 2 == 0 else "female"
    first = 1900 + (digit // 2) * 100
    recorded_sex = normalise_sex(sex)
    if recorded_sex is not None and recorded_sex != id_sex:
        problems.append(
            _problem(
                "sex_mismatch",
                digit=digit,
                id_sex_vi=_SEX_WORDS[id_sex][0],
                id_sex_en=_SEX_WORDS[id_sex][1],
                sex_vi=_SEX_WORDS[recorded_sex][0],
                sex_en=_SEX_WORDS[recorded_sex][1],
            )
        )
    year = birth_date.year if birth_date is not None else birth_year
    if year is not None:
        if not first <= year <= first + 99:
            problems.append(
                _problem("century_mismatch", digit=digit, first=first, last=first + 99, year=year)
            )
        if yy != f"{year % 100:02d}":
            problems.append(_problem("birth_year_mismatch", yy=yy, year=year, expected=f"{year % 100:02d}"))
    return PersonalIdCheck(
        value=digits,
        problems=tuple(problems),
        province_code=code,
        province_name=province,
        sex=id_sex,
        century_first_year=first,
        birth_year_digits=yy,
    )


@dataclass(frozen=True)
class LegacyCmnd:
    """An old CMND number, kept as text (its 9-digit prefix table was not found, so it is not decoded)."""

    value: str
    problems: tuple[IdProblem, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_json(self) -> dict[str, Any]:
        return {"value": self.value, "ok": self.ok, "problems": [p.to_json() for p in self.problems]}


_CMND_LENGTH = (
    "Số CMND cũ phải có 9 hoặc 12 chữ số (đang có {length}).",
    "A legacy CMND number has 9 or 12 digits (it has {length}).",
)


def check_legacy_cmnd(value: str) -> LegacyCmnd:
    """Check an old CMND number: digits only, 9 or 12 of them; kept as text (leading zeros matter)."""
    digits = _clean(value)
    if not digits:
        return LegacyCmnd(digits, (_problem("empty"),))
    bad = next((ch for ch in digits if not ("0" <= ch <= "9")), None)
    if bad is not None:
        return LegacyCmnd(digits, (_problem("not_digits", bad=bad),))
    if len(digits) not in (9, 12):
        vi, en = _CMND_LENGTH
        return LegacyCmnd(
            digits, (IdProblem("wrong_length", vi.format(length=len(digits)), en.format(length=len(digits))),)
        )
    return LegacyCmnd(digits)


def make_personal_id(province_code: str, sex: Any, dob: dt.date | int, serial: int) -> str:
    """Build a structurally valid 12-digit personal ID (for demo data and tests, not for real people).

    >>> make_personal_id("038", "female", dt.date(2001, 5, 3), 42)
    '038301000042'
    """
    if province_code not in PROVINCE_CODES:
        raise ValueError(f"Mã tỉnh không có: {province_code!r} / Unknown province code: {province_code!r}")
    normal_sex = normalise_sex(sex)
    if normal_sex is None:
        raise ValueError(f"Giới tính không rõ: {sex!r} / Unknown sex: {sex!r}")
    year = dob if isinstance(dob, int) else dob.year
    if not 1900 <= year <= 2399:
        raise ValueError(f"Năm sinh ngoài 1900–2399: {year} / Birth year outside 1900–2399: {year}")
    if not 0 <= serial <= 999_999:
        raise ValueError(f"Số thứ tự ngoài 0–999999: {serial} / Serial outside 0–999999: {serial}")
    digit = (year - 1900) // 100 * 2 + (1 if normal_sex == "female" else 0)
    return f"{province_code}{digit}{year % 100:02d}{serial:06d}"
