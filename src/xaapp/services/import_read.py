"""Reading a commune's Excel list: the sheet's cells, the header row, which column holds what, cell values.

Communes keep last year's lists in Excel with their own headers ("Họ và tên", "Ho ten", "HỌ TÊN CHỦ
HỘ" …), sometimes a few title lines above the header, sometimes in TCVN3 or VNI fonts. The header
row is the row among the first ``HEADER_SCAN_ROWS`` whose cells name the most known fields;
names are compared folded (no accents, no case, no punctuation), after legacy-font conversion.
Cell readers (``parse_birth``, ``id_text``, the relationship and class words) turn what officers
type into values, or raise ``CellError`` saying why not.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import from_excel
from openpyxl.utils.exceptions import InvalidFileException

from xaapp.domain.text import (
    Encoding,
    detect_legacy_encoding,
    fold,
    nfc,
    parse_date,
    tcvn3_to_unicode,
    vni_to_unicode,
)
from xaapp.errors import KnownError

HEADER_SCAN_ROWS = 30
MAX_ROWS = 100_000

#: Field → (Vietnamese label, English label, header names as officers write them, folded when compared).
FIELDS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "village": ("Thôn, bản", "Village", ("thôn", "thôn bản", "thôn/bản", "bản", "thôn xóm", "thôn, bản",
                                          "tổ dân phố", "thôn/tổ dân phố", "địa bàn", "tên thôn", "thôn bản tdp")),
    "household": ("Mã hộ", "Household number", ("mã hộ", "số hộ", "hộ số", "mã số hộ", "stt hộ", "số thứ tự hộ")),
    "full_name": ("Họ và tên", "Full name", ("họ và tên", "họ tên", "họ và tên thành viên", "họ tên thành viên",
                                             "họ và tên người", "tên")),
    "birth": ("Ngày sinh", "Date of birth", ("ngày sinh", "ngày tháng năm sinh", "năm sinh", "ngày/tháng/năm sinh",
                                             "sinh ngày")),
    "sex": ("Giới tính", "Sex", ("giới tính", "giới", "nam/nữ", "nam nữ")),
    "personal_id": ("Số định danh (CCCD)", "Personal ID", ("số định danh", "số định danh cá nhân", "cccd", "số cccd",
                                                          "cccd/cmnd", "số cccd/cmnd", "số cmnd/cccd", "cmnd/cccd",
                                                          "mã định danh", "số căn cước", "căn cước công dân")),
    "relationship": ("Quan hệ với chủ hộ", "Relationship to head", ("quan hệ với chủ hộ", "quan hệ", "qh với chủ hộ",
                                                                   "quan hệ chủ hộ")),
    "ethnicity": ("Dân tộc", "Ethnicity", ("dân tộc",)),
    "address": ("Địa chỉ", "Address", ("địa chỉ", "nơi ở", "nơi ở hiện tại", "địa chỉ thường trú")),
    "result_class": ("Phân loại hộ", "Household class", ("phân loại", "phân loại hộ", "loại hộ", "kết quả rà soát",
                                                        "kết quả phân loại", "hộ nghèo/cận nghèo")),
}  # fmt: skip
REQUIRED = ("village", "full_name", "birth")


def header_key(text: str) -> str:
    """A header folded for comparison: "HỌ VÀ TÊN (1)" -> "ho va ten"."""
    text = re.sub(r"\(.*?\)|\[.*?\]", " ", fold(text))
    text = re.sub(r"[^a-z0-9/ ]+", " ", text)
    return " ".join(text.split())


_SYNONYMS: dict[str, str] = {
    header_key(name): field for field, (_vi, _en, names) in FIELDS.items() for name in names
}


def field_for_header(text: str) -> str | None:
    key = header_key(text)
    if key in _SYNONYMS:
        return _SYNONYMS[key]
    # "Họ và tên chủ hộ", "Ngày sinh (dd/mm/yyyy)": the longest known name the header starts with.
    best = max((k for k in _SYNONYMS if key.startswith(k + " ")), key=len, default=None)
    return _SYNONYMS[best] if best else None


@dataclass(frozen=True)
class SheetData:
    """The used cells of the first sheet, text converted to Unicode NFC, with the header found."""

    path: Path
    sheet: str
    rows: tuple[tuple[Any, ...], ...]  # every row from the first, values as read (text converted)
    encoding: Encoding
    header_row: int  # 1-based Excel row number
    mapping: dict[str, int]  # field -> 0-based column index
    headers: tuple[str, ...]  # the header row's texts
    unmapped: tuple[str, ...]  # header texts no field claimed

    def column_letter(self, field: str) -> str:
        return get_column_letter(self.mapping[field] + 1)

    def header_of(self, field: str) -> str:
        return self.headers[self.mapping[field]]


def _open(path: Path) -> Any:
    if not path.exists():
        raise KnownError(f"Không có tệp {path}.", f"No such file: {path}.")
    if path.suffix.lower() == ".xls":
        raise KnownError(
            f"Tệp {path.name} là Excel cũ (.xls). Hãy mở bằng Excel và lưu lại dạng .xlsx rồi nhập lại.",
            f"{path.name} is an old Excel file (.xls). Open it in Excel, save it as .xlsx and import that.",
        )
    try:
        return load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise KnownError(
            f"Tệp {path.name} không phải tệp Excel .xlsx đọc được ({type(exc).__name__}).",
            f"{path.name} is not a readable Excel .xlsx file ({type(exc).__name__}).",
        ) from None


def _surely_unicode(text: str) -> bool:
    """Text with a letter beyond Latin-1 (ă đ ơ ư ạ …) is Unicode whatever its column looks like."""
    return any(ord(ch) > 0xFF for ch in text)


def _convert(rows: list[list[Any]]) -> tuple[list[list[Any]], Encoding]:
    """Convert TCVN3/VNI text to Unicode NFC. The encoding is decided over the whole sheet (a short
    word alone is ambiguous, a sheet of names is not); cells that are surely Unicode (a title
    retyped later) stay as they are. Returns the rows and the encoding found."""
    sample = " ".join(v for r in rows for v in r if isinstance(v, str) and not _surely_unicode(v))
    encoding = detect_legacy_encoding(sample)
    legacy = encoding in ("tcvn3", "vni")
    out: list[list[Any]] = []
    for row in rows:
        converted = []
        for value in row:
            if isinstance(value, str):
                if legacy and not _surely_unicode(value):
                    value = _legacy(value, encoding)
                value = " ".join(nfc(value).split())
            converted.append(value)
        out.append(converted)
    return out, encoding if legacy else "unicode"


def _legacy(value: str, encoding: Encoding) -> str:
    return tcvn3_to_unicode(value) if encoding == "tcvn3" else vni_to_unicode(value)


def read_sheet(path: Path | str) -> SheetData:
    """Read the first sheet of *path*, find its header row and map its columns. Refuses (KnownError)
    a file that is not xlsx, is empty, or has no recognisable header with the required columns."""
    path = Path(path)
    wb = _open(path)
    try:
        ws = wb.worksheets[0]
        raw: list[list[Any]] = []
        for values in ws.iter_rows(values_only=True):
            raw.append(list(values))
            if len(raw) > MAX_ROWS:
                raise KnownError(
                    f"Tệp có hơn {MAX_ROWS} dòng: hãy chia nhỏ.", f"More than {MAX_ROWS} rows: split it."
                )
        sheet_name = ws.title
    finally:
        wb.close()
    while raw and all(v is None or (isinstance(v, str) and not v.strip()) for v in raw[-1]):
        raw.pop()
    if not raw:
        raise KnownError(f"Tệp {path.name} trống: không có dòng nào.", f"{path.name} is empty: no rows.")
    rows, encoding = _convert(raw)
    best: tuple[int, int, dict[str, int]] | None = None
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        mapping: dict[str, int] = {}
        for col, value in enumerate(row):
            if isinstance(value, str) and value.strip():
                found = field_for_header(value)
                if found and found not in mapping:
                    mapping[found] = col
        score = len(mapping)
        if "full_name" in mapping and score >= 2 and (best is None or score > best[1]):
            best = (index, score, mapping)
    expected = ", ".join(FIELDS[f][0] for f in REQUIRED)
    if best is None:
        raise KnownError(
            f"Không tìm thấy dòng tiêu đề trong {HEADER_SCAN_ROWS} dòng đầu của tệp {path.name}. Cần có các cột: "
            f"{expected}.",
            f"No header row found in the first {HEADER_SCAN_ROWS} rows of {path.name}. Required columns: "
            + ", ".join(FIELDS[f][1] for f in REQUIRED) + ".",
        )  # fmt: skip
    index, _score, mapping = best
    headers = tuple("" if v is None else str(v) for v in rows[index])
    missing = [f for f in REQUIRED if f not in mapping]
    if missing:
        raise KnownError(
            f"Dòng tiêu đề (dòng {index + 1}) thiếu cột: {', '.join(FIELDS[f][0] for f in missing)}.",
            f"The header row (row {index + 1}) lacks the column(s): {', '.join(FIELDS[f][1] for f in missing)}.",
        )
    claimed = set(mapping.values())
    unmapped = tuple(h for i, h in enumerate(headers) if h.strip() and i not in claimed)
    return SheetData(
        path, sheet_name, tuple(tuple(r) for r in rows), encoding, index + 1, mapping, headers, unmapped
    )


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
    "ho ngheo": "poor", "ngheo": "poor", "n": "poor", "poor": "poor",
    "ho can ngheo": "near_poor", "can ngheo": "near_poor", "cn": "near_poor", "near_poor": "near_poor",
    "ho co muc song trung binh": "average", "muc song trung binh": "average", "trung binh": "average",
    "tb": "average", "average": "average",
    "khong": "none", "khong thuoc dien": "none", "thoat ngheo": "none", "none": "none",
}  # fmt: skip


# --- cell parsing ----------------------------------------------------------------------------------


class CellError(ValueError):
    """A cell that cannot be read; ``vi``/``en`` say why."""

    def __init__(self, vi: str, en: str) -> None:
        super().__init__(vi)
        self.vi, self.en = vi, en


def text_of(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def parse_birth(value: Any, today: dt.date) -> tuple[dt.date | None, int | None]:
    """(date of birth, birth year) from an Excel date, a dd/mm/yyyy text, or a year alone."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise CellError("Thiếu ngày sinh (hoặc năm sinh).", "The date (or year) of birth is missing.")
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    elif isinstance(value, int | float) and not isinstance(value, bool):
        number = int(value)
        if 1900 <= number <= today.year and number == value:
            return None, number
        if 1 <= number < 2_958_466:  # an Excel serial day number stored without a date format
            day = from_excel(value).date()
        else:
            raise CellError(f"Ngày sinh không hợp lệ: {value}.", f"Invalid date of birth: {value}.")
    else:
        text = text_of(value)
        if text.isdigit() and len(text) == 4:
            year = int(text)
            if not 1900 <= year <= today.year:
                raise CellError(f"Năm sinh {year} không hợp lệ.", f"Birth year {year} is not valid.")
            return None, year
        try:
            day = parse_date(text)
        except ValueError:
            raise CellError(f"Ngày sinh «{text}» không đúng dạng dd/mm/yyyy.",
                             f"Date of birth “{text}” is not in dd/mm/yyyy form.") from None  # fmt: skip
    if not dt.date(1900, 1, 1) <= day <= today:
        raise CellError(f"Ngày sinh {day:%d/%m/%Y} nằm ngoài khoảng hợp lý.",
                         f"Date of birth {day:%d/%m/%Y} is out of range.")  # fmt: skip
    return day, day.year


def id_text(value: Any) -> str:
    """A personal ID cell as digits: Excel drops the leading 0 of a number ("38070001234" → "038070001234")."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        digits = str(int(value))
        return digits.zfill(12) if len(digits) == 11 else digits
    return "".join(text_of(value).split())
