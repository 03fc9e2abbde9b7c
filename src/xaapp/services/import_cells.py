"""Reading one cell of an imported list as officers type it, or saying why not (``CellError``).

Dates: Excel dates, Excel serial numbers stored without a date format, dd/mm/yyyy, d/m/yy, dd.mm.yyyy,
yyyy-mm-dd, or a year alone. Numbers stored as text with thousand separators ("1.500.000", "1,500,000",
"750 000"). Yes/no as Có/Không, X/blank, 1/0. IDs and phone numbers that Excel stored as numbers get
their lost leading zero back.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

from xaapp.domain.text import fold, parse_date

EXCEL_EPOCH = dt.date(1899, 12, 30)

RELATIONSHIPS: dict[str, str] = {
    "chu ho": "head", "chu": "head", "ch": "head", "head": "head",
    "vo": "spouse", "chong": "spouse", "vo/chong": "spouse", "spouse": "spouse",
    "con": "child", "con trai": "child", "con gai": "child", "con de": "child", "con nuoi": "child", "child": "child",
    "cha": "parent", "me": "parent", "bo": "parent", "bo de": "parent", "me de": "parent", "cha me": "parent",
    "bo/me": "parent", "parent": "parent",
    "chau": "grandchild", "chau noi": "grandchild", "chau ngoai": "grandchild",
    "ong": "grandparent", "ba": "grandparent", "ong noi": "grandparent", "ba noi": "grandparent",
    "ong ngoai": "grandparent", "ba ngoai": "grandparent",
    "anh": "sibling", "chi": "sibling", "em": "sibling", "anh/chi/em": "sibling",
    "con dau": "child_in_law", "con re": "child_in_law",
    "khac": "other", "other": "other",
}  # fmt: skip
CLASSES: dict[str, str] = {
    "ho ngheo": "poor", "ngheo": "poor", "n": "poor", "poor": "poor", "hn": "poor",
    "ho can ngheo": "near_poor", "can ngheo": "near_poor", "cn": "near_poor", "near_poor": "near_poor",
    "hcn": "near_poor",
    "ho co muc song trung binh": "average", "muc song trung binh": "average", "trung binh": "average",
    "tb": "average", "average": "average",
    "khong": "none", "khong thuoc dien": "none", "thoat ngheo": "none", "none": "none",
}  # fmt: skip
_YES = frozenset(("co", "x", "1", "c", "yes", "true", "v", "co ", "dung", "phai"))
_NO = frozenset(("khong", "0", "k", "no", "false", "", "-"))


class CellError(ValueError):
    """A cell that cannot be read; ``vi``/``en`` say why (and what to write instead)."""

    def __init__(self, vi: str, en: str) -> None:
        super().__init__(vi)
        self.vi, self.en = vi, en


class _FoldTable(dict[int, str]):
    """Each character's part of ``fold`` before case folding: ``đ``/``Đ`` as ``d``/``D``, else its NFD
    decomposition without combining marks (worked out once per character met)."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        base = "d" if ch == "đ" else "D" if ch == "Đ" else ch
        out = "".join(c for c in unicodedata.normalize("NFD", base) if not unicodedata.combining(c))
        self[code] = out
        return out


_FOLD_TABLE = _FoldTable()


def fold_fast(text: str) -> str:
    """``domain.text.fold`` by a table of characters instead of a pass over each decomposed one: the same
    result for every text (a test compares them on every character), several times faster on a list's
    20,000 names. Decomposing a text is decomposing each character then putting combining marks in
    canonical order; all of those marks are dropped, so character by character gives the same."""
    if text.isascii():
        return " ".join(text.casefold().split())
    return " ".join(text.translate(_FOLD_TABLE).casefold().split())


def blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def text_of(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date() if value.time() == dt.time() else value
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"
    return " ".join(str(value).split())


_SHORT_DATE = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2})\s*$")


def parse_day(value: Any, today: dt.date) -> dt.date:
    """A date from an Excel date, an Excel serial, dd/mm/yyyy, d/m/yy, dd.mm.yyyy or yyyy-mm-dd text."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 1 <= value < 2_958_466 and float(value).is_integer():
            return EXCEL_EPOCH + dt.timedelta(days=int(value))
        raise ValueError(value)
    text = text_of(value)
    if text.isdigit() and len(text) == 5:  # an Excel serial that became text (HTML exports)
        return EXCEL_EPOCH + dt.timedelta(days=int(text))
    short = _SHORT_DATE.match(text)
    if short:
        day, month, yy = (int(g) for g in short.groups())
        year = 2000 + yy if 2000 + yy <= today.year else 1900 + yy
        return dt.date(year, month, day)
    return parse_date(text)


def parse_birth(value: Any, today: dt.date) -> tuple[dt.date | None, int | None]:
    """(date of birth, birth year) from an Excel date, a dd/mm/yyyy text, or a year alone."""
    if blank(value):
        raise CellError("Thiếu ngày sinh (hoặc năm sinh).", "The date (or year) of birth is missing.")
    if isinstance(value, int | float) and not isinstance(value, bool) and float(value).is_integer():
        if 1900 <= value <= today.year:
            return None, int(value)
    text = text_of(value) if not isinstance(value, dt.date) else ""
    if text.isdigit() and len(text) == 4:
        year = int(text)
        if not 1900 <= year <= today.year:
            raise CellError(f"Năm sinh {year} không hợp lệ.", f"Birth year {year} is not valid.")
        return None, year
    try:
        day = parse_day(value, today)
    except ValueError:
        raise CellError(f"Ngày sinh «{text_of(value)}» không đúng dạng dd/mm/yyyy: hãy sửa thành ngày/tháng/năm.",
                        f"Date of birth “{text_of(value)}” is not in dd/mm/yyyy form: write day/month/year.") from None  # fmt: skip
    if not dt.date(1900, 1, 1) <= day <= today:
        raise CellError(f"Ngày sinh {day:%d/%m/%Y} nằm ngoài khoảng hợp lý.",
                        f"Date of birth {day:%d/%m/%Y} is out of range.")  # fmt: skip
    return day, day.year


def id_text(value: Any) -> str:
    """A personal ID cell as digits: Excel drops the leading 0 of a number ("38070001234" → "038070001234")."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        digits = str(int(value))
        return digits.zfill(12) if len(digits) == 11 else digits
    return "".join(text_of(value).replace(".", "").split())


def phone_text(value: Any) -> str:
    """A phone number as digits with its leading 0 (Excel stored 912345678 for 0912345678)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        digits = str(int(value))
    else:
        digits = re.sub(r"[\s.\-()]", "", text_of(value))
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    if digits.isdigit() and len(digits) == 9:
        digits = "0" + digits
    return digits


def account_text(value: Any) -> str:
    """A bank account number as Excel may have stored it (a number loses nothing up to 15 digits)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(int(value))
    return re.sub(r"[\s.\-]", "", text_of(value))


def parse_flag(value: Any) -> bool:
    """Có/Không, X/blank, 1/0, yes/no → True/False."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        if value in (0, 1):
            return bool(value)
        raise CellError(f"«{text_of(value)}» phải là Có/Không (hoặc X, 1/0).",
                        f"“{text_of(value)}” must be Có/Không (or X, 1/0).")  # fmt: skip
    key = fold(text_of(value)).strip(" .")
    if key in _YES:
        return True
    if key in _NO:
        return False
    raise CellError(f"«{text_of(value)}» phải là Có/Không (hoặc X, 1/0).", f"“{text_of(value)}” must be Có/Không (or X, 1/0).")


_GROUPED = re.compile(r"^\d{1,3}([.,\s]\d{3})+$")


def parse_money(value: Any) -> int:
    """Đồng as a whole number: 750000, 750000.0, "750.000", "750,000", "750 000", "750.000 đ"."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        if float(value).is_integer() and value >= 0:
            return int(value)
        raise CellError(f"Số tiền {value} phải là số đồng nguyên.", f"The amount {value} must be whole đồng.")
    text = re.sub(r"\s*(đ|đồng|vnđ|vnd|d)\.?$", "", text_of(value), flags=re.IGNORECASE).strip()
    if _GROUPED.match(text):
        return int(re.sub(r"[.,\s]", "", text))
    if text.isdigit():
        return int(text)
    raise CellError(f"Số tiền «{text_of(value)}» không đọc được: hãy ghi số, ví dụ 750.000.",
                    f"Amount “{text_of(value)}” cannot be read: write a number such as 750.000.")  # fmt: skip


def parse_decimal(value: Any) -> float:
    """A coefficient: 1.5, "1,5", "1.5", "2"."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    text = text_of(value).replace(",", ".")
    try:
        return float(text)
    except ValueError:
        raise CellError(f"Hệ số «{text_of(value)}» không đọc được: hãy ghi số, ví dụ 1,5.",
                        f"Coefficient “{text_of(value)}” cannot be read: write a number such as 1.5.") from None  # fmt: skip


_MONTH_TEXT = re.compile(r"^\s*(\d{1,2})[/.\-](\d{4})\s*$")


def parse_month(value: Any, today: dt.date) -> str:
    """A month "YYYY-MM" from a date, "mm/yyyy", "dd/mm/yyyy" or "yyyy-mm"."""
    text = text_of(value)
    match = _MONTH_TEXT.match(text)
    if match:
        month, year = int(match.group(1)), int(match.group(2))
    elif re.match(r"^\d{4}-\d{2}$", text):
        year, month = int(text[:4]), int(text[5:])
    else:
        try:
            day = parse_day(value, today)
        except ValueError:
            raise CellError(f"Tháng «{text}» không đọc được: hãy ghi mm/yyyy.",
                            f"Month “{text}” cannot be read: write mm/yyyy.") from None  # fmt: skip
        year, month = day.year, day.month
    if not (1 <= month <= 12 and 2000 <= year <= today.year + 1):
        raise CellError(f"Tháng «{text}» không hợp lệ.", f"Month “{text}” is not valid.")
    return f"{year:04d}-{month:02d}"
