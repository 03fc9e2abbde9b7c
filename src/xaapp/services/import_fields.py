"""The fields an imported list can fill, the header names officers give them, and guesses from the values.

Headers are compared folded (no accents, no case, no punctuation, no "(1)" numbering), so "Ma ho",
"MÃ HỘ" and "Mã hộ (1)" are one name. A header that is not a known name but starts with one
("Họ và tên thành viên", "Ngày sinh (dd/mm/yyyy)") takes the longest known name it starts with.
When the header says nothing, :func:`guess_from_values` looks at the cells below it: dates,
12-digit IDs, Có/Không, Nam/Nữ, relationships, the commune's villages, phone numbers, clauses.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from xaapp.domain.text import fold

#: Field → (Vietnamese label, English label, header names as officers write them, folded when compared).
FIELDS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "village": ("Thôn, bản", "Village", ("thôn", "thôn bản", "thôn/bản", "bản", "thôn xóm", "thôn, bản", "xóm",
                                          "tổ dân phố", "thôn/tổ dân phố", "địa bàn", "tên thôn", "thôn bản tdp",
                                          "thôn/xóm", "tên thôn/bản")),
    "area_code": ("Mã địa bàn", "Area code", ("mã địa bàn", "mã thôn", "mã địa bàn thôn", "mã tdp")),
    "household": ("Mã hộ", "Household number", ("mã hộ", "số hộ", "hộ số", "mã số hộ", "stt hộ", "số thứ tự hộ",
                                                 "mã hộ gia đình", "mã hgđ")),
    "full_name": ("Họ và tên", "Full name", ("họ và tên", "họ tên", "họ và tên thành viên", "họ tên thành viên",
                                             "họ và tên người", "tên", "họ và tên đối tượng", "họ tên đối tượng",
                                             "họ tên người hưởng", "họ và tên người hưởng")),
    "head_name": ("Tên chủ hộ", "Head of household", ("tên chủ hộ", "họ tên chủ hộ", "họ và tên chủ hộ", "chủ hộ",
                                                      "chủ hộ gia đình")),
    "birth": ("Ngày sinh", "Date of birth", ("ngày sinh", "ngày tháng năm sinh", "năm sinh", "ngày/tháng/năm sinh",
                                             "sinh ngày", "ns", "ngày, tháng, năm sinh")),
    "sex": ("Giới tính", "Sex", ("giới tính", "giới", "nam/nữ", "nam nữ", "gt")),
    "personal_id": ("Số định danh (CCCD)", "Personal ID", ("số định danh", "số định danh cá nhân", "cccd", "số cccd",
                                                          "cccd/cmnd", "số cccd/cmnd", "số cmnd/cccd", "cmnd/cccd",
                                                          "mã định danh", "số căn cước", "căn cước công dân",
                                                          "số cmnd", "cmnd", "mã định danh cá nhân", "số căn cước công dân")),
    "relationship": ("Quan hệ với chủ hộ", "Relationship to head", ("quan hệ với chủ hộ", "quan hệ", "qh với chủ hộ",
                                                                   "quan hệ chủ hộ", "qh", "qh với ch")),
    "ethnicity": ("Dân tộc", "Ethnicity", ("dân tộc",)),
    "address": ("Địa chỉ", "Address", ("địa chỉ", "nơi ở", "nơi ở hiện tại", "địa chỉ thường trú", "nơi cư trú",
                                       "địa chỉ cư trú", "chỗ ở hiện nay")),
    "phone": ("Số điện thoại", "Phone", ("số điện thoại", "điện thoại", "sđt", "số đt", "đt", "đt liên hệ")),
    "result_class": ("Phân loại hộ", "Household class", ("phân loại", "phân loại hộ", "loại hộ", "kết quả rà soát",
                                                        "kết quả phân loại", "hộ nghèo/cận nghèo", "diện hộ",
                                                        "hộ nghèo, cận nghèo")),
    "flag_poor": ("Hộ nghèo (Có/Không)", "Poor household (yes/no)", ("hộ nghèo", "nghèo", "hn")),
    "flag_near_poor": ("Hộ cận nghèo (Có/Không)", "Near-poor household (yes/no)", ("hộ cận nghèo", "cận nghèo", "hcn")),
    "clause": ("Diện hưởng (Điều 5 khoản …)", "Clause (Art. 5)", ("diện hưởng", "diện", "diện đối tượng", "điều khoản",
                                                                 "khoản", "diện trợ cấp", "đối tượng", "loại đối tượng",
                                                                 "diện bảo trợ", "diện hưởng trợ cấp", "thuộc diện",
                                                                 "nhóm đối tượng")),
    "coefficient": ("Hệ số", "Coefficient", ("hệ số", "hệ số trợ cấp", "hệ số hưởng", "hs")),
    "amount": ("Mức trợ cấp (đồng/tháng)", "Monthly amount", ("mức trợ cấp", "số tiền", "mức hưởng", "thành tiền",
                                                             "mức trợ cấp hằng tháng", "mức trợ cấp hàng tháng",
                                                             "số tiền được hưởng", "số tiền hưởng", "mức trợ cấp/tháng")),
    "bank_account": ("Số tài khoản", "Bank account", ("số tài khoản", "tài khoản", "stk", "số tk", "tk ngân hàng")),
    "bank_name": ("Ngân hàng", "Bank", ("ngân hàng", "tên ngân hàng", "nơi mở tài khoản", "mở tại ngân hàng")),
    "start_month": ("Hưởng từ tháng", "Paid from (month)", ("hưởng từ tháng", "tháng bắt đầu hưởng", "thời điểm hưởng",
                                                           "ngày hưởng", "hưởng từ", "thời gian hưởng", "tháng hưởng")),
    "decision_no": ("Số quyết định", "Decision number", ("số quyết định", "quyết định", "số qđ", "qđ số")),
    "severity": ("Mức độ khuyết tật", "Disability severity", ("mức độ khuyết tật", "mức độ", "mức độ kt")),
}  # fmt: skip

#: Fields that make a sheet a social-assistance list rather than a household list.
BENEFICIARY_FIELDS = frozenset(("clause", "coefficient", "amount", "bank_account", "bank_name", "start_month",
                                "decision_no", "severity"))  # fmt: skip
#: Fields that only a household-level list (one row per household) carries.
HOUSEHOLD_FIELDS = frozenset(("household", "head_name", "address", "phone", "area_code", "result_class",
                              "flag_poor", "flag_near_poor", "village"))  # fmt: skip
#: Headers that are known and mean nothing to import ("STT", "Ghi chú", "Ký nhận").
IGNORED_HEADERS = frozenset(("stt", "tt", "so tt", "so thu tu", "ghi chu", "ky nhan", "ky ten", "ghi chu khac"))


def label(field: str) -> str:
    return FIELDS[field][0]


def label_en(field: str) -> str:
    return FIELDS[field][1]


def header_key(text: str) -> str:
    """A header folded for comparison: "HỌ VÀ TÊN (1)" -> "ho va ten"."""
    text = re.sub(r"\(.*?\)|\[.*?\]", " ", fold(text))
    text = re.sub(r"[^a-z0-9/ ]+", " ", text)
    return " ".join(text.split())


_SYNONYMS: dict[str, str] = {}
for _field, (_vi, _en, _names) in FIELDS.items():
    for _name in (*_names, _vi):
        _SYNONYMS.setdefault(header_key(_name), _field)


_PREFIXES = tuple(k for k in _SYNONYMS if " " in k)


def field_for_header(text: str) -> str | None:
    key = header_key(text)
    if not key:
        return None
    if key in _SYNONYMS:
        return _SYNONYMS[key]
    # "Họ và tên thành viên", "Số CCCD/CMND của chủ hộ": the longest known name of two words or more the
    # header starts with (one word is not enough: "Bản Lũng" is a village, not the header "Bản").
    best = max((k for k in _PREFIXES if key.startswith(k + " ")), key=len, default=None)
    return _SYNONYMS[best] if best else None


def is_ignored_header(text: str) -> bool:
    return header_key(text) in IGNORED_HEADERS


# --- guesses from the values ---------------------------------------------------------------------------

_DATE_TEXT = re.compile(r"^\d{1,2}[/.\-]\d{1,2}[/.\-](\d{2}|\d{4})$|^\d{4}-\d{2}-\d{2}$")
_PHONE = re.compile(r"^(\+?84|0)?[35789]\d{8}$")
_CLAUSE = re.compile(r"^(k|khoản|điều|đ|d)?\s*\d[\d.\s]*[a-d]?$|điều\s*5|khoản\s*\d", re.IGNORECASE)
FLAG_WORDS = frozenset(("co", "khong", "x", "1", "0", "c", "k", "yes", "no", "true", "false", "v"))
SEX_WORDS = frozenset(("nam", "nu", "male", "female"))
RELATION_WORDS = frozenset(("chu ho", "vo", "chong", "con", "con trai", "con gai", "cha", "me", "bo", "chau",
                            "ong", "ba", "anh", "chi", "em", "con dau", "con re", "khac"))  # fmt: skip
ETHNIC_WORDS = frozenset(("kinh", "muong", "thai", "tay", "dao", "mong", "hmong", "kho mu", "tho", "nung"))


def _share(values: list[Any], test: Any) -> float:
    return sum(1 for v in values if test(v)) / len(values) if values else 0.0


def guess_from_values(values: Iterable[Any], villages: Iterable[str] = (), today: dt.date | None = None) -> str | None:
    """The field a column most likely holds, from its first non-empty cells (None when nothing fits)."""
    sample = [v for v in values if v is not None and not (isinstance(v, str) and not v.strip())][:60]
    if len(sample) < 1:
        return None
    year = (today or dt.date.today()).year
    texts = [fold(str(v)).strip() for v in sample]
    folded_villages = {fold(v) for v in villages} | {fold(v).split(" ", 1)[-1] for v in villages}

    def digits(v: Any) -> str:
        if isinstance(v, float) and v.is_integer():
            v = int(v)
        return re.sub(r"[\s.]", "", str(v)) if isinstance(v, int | str) and not isinstance(v, bool) else ""

    checks: list[tuple[str, Any]] = [
        ("birth", lambda v: isinstance(v, dt.date) or (isinstance(v, str) and bool(_DATE_TEXT.match(v.strip())))
         or (isinstance(v, int | float) and not isinstance(v, bool) and float(v).is_integer() and 1900 <= v <= year)),
        ("personal_id", lambda v: digits(v).isdigit() and len(digits(v)) in (9, 11, 12)
         and not _PHONE.match(digits(v))),
        ("phone", lambda v: bool(_PHONE.match(digits(v)))),
        ("sex", lambda v: fold(str(v)).strip() in SEX_WORDS),
        ("relationship", lambda v: fold(str(v)).strip() in RELATION_WORDS),
        ("ethnicity", lambda v: fold(str(v)).strip() in ETHNIC_WORDS),
        ("flag_poor", lambda v: fold(str(v)).strip() in FLAG_WORDS or isinstance(v, bool)),
        ("village", lambda v: fold(str(v)).strip() in folded_villages),
        ("clause", lambda v: isinstance(v, str) and bool(_CLAUSE.search(v.strip()))),
        ("amount", lambda v: digits(v).isdigit() and 100_000 <= int(digits(v)) <= 20_000_000),
        ("coefficient", lambda v: isinstance(v, int | float | str) and _coefficient_like(v)),
    ]
    for field, test in checks:
        if _share(sample, test) >= 0.8:
            return field
    words = [t.split() for t in texts]
    if _share(words, lambda w: 2 <= len(w) <= 6 and all(x.isalpha() for x in w)) >= 0.8:
        return "full_name"
    return None


def _coefficient_like(value: Any) -> bool:
    try:
        number = float(str(value).replace(",", "."))
    except ValueError:
        return False
    return 0.5 <= number <= 5 and round(number * 2) == number * 2
