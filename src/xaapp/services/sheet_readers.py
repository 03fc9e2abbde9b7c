"""Reading any spreadsheet a commune keeps into one shape: sheets → rows of cell values, merged ranges.

The real format is told by the file's first bytes, never by its name: communes' ".xls" files are
as often an HTML table or SpreadsheetML saved by a government portal as real Excel 97-2003 files.

| content | reader | why |
|---|---|---|
| zip with ``xl/workbook.xml`` (``.xlsx``, ``.xlsm``) | python-calamine | Rust reader, 5-10x faster than openpyxl on big lists, keeps merged ranges |
| OLE2 compound file with a BIFF5/BIFF8 workbook (``.xls``) | python-calamine | reads Excel 5/95 and 97-2003, code pages included |
| zip with an OpenDocument spreadsheet ``mimetype`` (``.ods``) | python-calamine (values) + :mod:`sheet_readers_text` (merged ranges) | calamine does not report ODS merges |
| XML with the ``urn:schemas-microsoft-com:office:spreadsheet`` namespace (SpreadsheetML 2003) | :mod:`sheet_readers_text` (standard library XML) | no dependency for a simple format |
| HTML with ``<table>`` (portal exports named ``.xls``) | :mod:`sheet_readers_text` (standard library ``html.parser``) | tolerant of the broken HTML portals write |

Values come back as Excel has them: ``None`` for an empty cell, ``str``, ``float``/``int``, ``bool``,
``datetime.date``/``datetime.datetime``. Text is neither converted nor trimmed here (legacy fonts are
:mod:`import_read`'s job). A file that cannot be read gives a :class:`KnownError` saying what is wrong.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from dataclasses import dataclass
from itertools import zip_longest
from pathlib import Path
from typing import Any

from xaapp.errors import KnownError

MAX_ROWS = 100_000
#: Bytes looked at to tell a text format (HTML, SpreadsheetML) from another.
SNIFF_BYTES = 65_536

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"

#: Format code → how the messages and reports name it.
FORMAT_LABELS: dict[str, str] = {
    "xlsx": "Excel .xlsx",
    "xls": "Excel 97-2003 / 95 (.xls, BIFF)",
    "ods": "OpenDocument .ods",
    "spreadsheetml": "Excel 2003 XML (SpreadsheetML)",
    "html": "bảng HTML / HTML table",
}

Range = tuple[int, int, int, int]  # (first row, first column, last row, last column), 0-based, inclusive


@dataclass(frozen=True)
class Sheet:
    """One sheet: every row from the first (row 0 is Excel's row 1), each as long as it needs to be."""

    name: str
    rows: tuple[list[Any], ...]
    merged: tuple[Range, ...] = ()
    #: The same cells a column at a time (a short row's missing cells as None), when the reader had them:
    #: what ``zip_longest(*rows)`` gives, before anyone changes the rows.
    columns: tuple[tuple[Any, ...], ...] | None = None


@dataclass(frozen=True)
class Book:
    path: Path
    format: str  # a key of FORMAT_LABELS
    sheets: tuple[Sheet, ...]

    @property
    def format_label(self) -> str:
        return FORMAT_LABELS[self.format]


def _refuse(path: Path, vi: str, en: str) -> KnownError:
    return KnownError(f"Tệp {path.name}: {vi}", f"{path.name}: {en}")


def detect_format(path: Path) -> str:
    """The real format of *path* from its content: a key of FORMAT_LABELS. Refuses anything else."""
    try:
        with path.open("rb") as fh:
            head = fh.read(SNIFF_BYTES)
    except FileNotFoundError:
        raise KnownError(f"Không có tệp {path}.", f"No such file: {path}.") from None
    except IsADirectoryError:
        raise KnownError(f"{path} là thư mục, không phải tệp.", f"{path} is a folder, not a file.") from None
    except OSError as exc:
        raise _refuse(path, f"không mở được ({exc.strerror or exc}).", f"cannot be opened ({exc.strerror or exc}).") from None
    if not head:
        raise _refuse(path, "tệp rỗng (0 byte).", "the file is empty (0 bytes).")
    if head.startswith(OLE2_MAGIC):
        return "xls"
    if head.startswith(ZIP_MAGIC):
        return _zip_kind(path)
    text = _sniff_text(head)
    if "urn:schemas-microsoft-com:office:spreadsheet" in text and "<workbook" in text:
        return "spreadsheetml"
    if "<table" in text or "<html" in text:
        return "html"
    if "\t" in text or ";" in text or "," in text:
        raise _refuse(
            path,
            "là tệp văn bản (CSV/TXT), không phải bảng tính. Hãy mở bằng Excel và lưu lại dạng .xlsx.",
            "is plain text (CSV/TXT), not a spreadsheet. Open it in Excel and save it as .xlsx.",
        )
    raise _refuse(
        path,
        "không phải bảng tính đọc được (không phải .xlsx, .xls, .ods, XML hay HTML của Excel).",
        "is not a readable spreadsheet (not .xlsx, .xls, .ods, Excel XML or HTML).",
    )


def _sniff_text(head: bytes) -> str:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="replace").lower()
    return head.decode("latin-1").replace("\x00", "").lower()


def _zip_kind(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            if "mimetype" in names and z.read("mimetype").strip() == ODS_MIMETYPE:
                return "ods"
            if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
                if "xl/workbook.bin" in names and "xl/workbook.xml" not in names:
                    raise _refuse(
                        path,
                        "là Excel nhị phân (.xlsb). Hãy mở bằng Excel và lưu lại dạng .xlsx.",
                        "is a binary Excel workbook (.xlsb). Open it in Excel and save it as .xlsx.",
                    )
                return "xlsx"
            if "word/document.xml" in names:
                raise _refuse(path, "là văn bản Word, không phải bảng tính.", "is a Word document, not a spreadsheet.")
    except zipfile.BadZipFile:
        raise _refuse(
            path,
            "bị hỏng: tệp nén .xlsx/.ods không đọc được (có thể tải về chưa hết). Hãy mở bằng Excel và lưu lại.",
            "is damaged: the .xlsx/.ods archive cannot be read (perhaps an incomplete download). Open it in "
            "Excel and save it again.",
        ) from None
    raise _refuse(path, "là tệp nén nhưng không phải bảng tính .xlsx hay .ods.",
                  "is a zip archive but not an .xlsx or .ods spreadsheet.")  # fmt: skip


def read_book(path: Path | str) -> Book:
    """Read every visible worksheet of *path*, whatever its real format."""
    path = Path(path)
    kind = detect_format(path)
    if kind in ("xlsx", "xls", "ods"):
        sheets = _read_calamine(path, kind)
    else:
        from xaapp.services import sheet_readers_text as text_readers

        sheets = text_readers.read_spreadsheetml(path) if kind == "spreadsheetml" else text_readers.read_html(path)
    kept = tuple(s for s in sheets if s.rows)
    if not kept:
        raise _refuse(path, "trống: không có trang tính nào có dữ liệu.", "is empty: no sheet has any data.")
    for sheet in kept:
        if len(sheet.rows) > MAX_ROWS:
            raise _refuse(path, f"trang «{sheet.name}» có hơn {MAX_ROWS:,} dòng: hãy chia nhỏ.".replace(",", "."),
                          f"sheet “{sheet.name}” has more than {MAX_ROWS:,} rows: split it.")  # fmt: skip
    return Book(path, kind, kept)


def _calamine_failure(path: Path, kind: str, exc: BaseException) -> KnownError:
    name = type(exc).__name__
    detail = " ".join(str(exc).split())[:200]
    if name == "PasswordError" or "password" in detail.lower() or "encrypt" in detail.lower():
        return _refuse(path, "có đặt mật khẩu. Hãy mở bằng Excel, bỏ mật khẩu rồi lưu lại.",
                       "is password-protected. Open it in Excel, remove the password and save it.")  # fmt: skip
    label = FORMAT_LABELS[kind]
    return _refuse(
        path,
        f"có dạng {label} nhưng bị hỏng, không đọc được ({detail}). Hãy mở bằng Excel và lưu lại dạng .xlsx.",
        f"looks like {label} but is damaged and cannot be read ({detail}). Open it in Excel and save it as .xlsx.",
    )


def _is_fatal(exc: BaseException) -> bool:
    return isinstance(exc, KeyboardInterrupt | SystemExit | GeneratorExit | MemoryError)


def _read_calamine(path: Path, kind: str) -> list[Sheet]:
    import python_calamine as calamine

    sheets: list[Sheet] = []
    try:
        # from_filelike tells the format by content; from_path would trust the extension.
        with path.open("rb") as fh:
            workbook = calamine.CalamineWorkbook.from_filelike(fh)
        try:
            for index, meta in enumerate(workbook.sheets_metadata):
                if meta.visible != calamine.SheetVisibleEnum.Visible:
                    continue  # hidden sheets hold drop-down lists and lookups, not the list itself
                if meta.typ != calamine.SheetTypeEnum.WorkSheet:
                    continue
                sheet = workbook.get_sheet_by_index(index)
                if sheet.height == 0 and sheet.width == 0:
                    continue
                raw = sheet.to_python(skip_empty_area=False)
                if len(raw) > MAX_ROWS:
                    raise _refuse(path, f"trang «{meta.name}» có hơn {MAX_ROWS} dòng: hãy chia nhỏ.",
                                  f"sheet “{meta.name}” has more than {MAX_ROWS} rows: split it.")  # fmt: skip
                rows, columns = _clean_rows(raw)
                merged = tuple((a, b, c, d) for (a, b), (c, d) in (sheet.merged_cell_ranges or ()))
                sheets.append(Sheet(meta.name, rows, merged, columns))
        finally:
            workbook.close()
    except KnownError:
        raise
    except BaseException as exc:  # calamine raises its own errors, and a Rust panic is a BaseException
        if _is_fatal(exc):
            raise
        raise _calamine_failure(path, kind, exc) from None
    if kind == "ods":
        from xaapp.services import sheet_readers_text as text_readers

        spans = text_readers.ods_merged_ranges(path)
        sheets = [Sheet(s.name, s.rows, spans.get(s.name, ()), s.columns) for s in sheets]
    return sheets


_TIMES: frozenset[type] = frozenset((dt.timedelta, dt.time))
_EMPTY_AS_NONE: dict[Any, None] = {"": None}


def _clean_rows(raw: list[list[Any]]) -> tuple[tuple[list[Any], ...], tuple[tuple[Any, ...], ...]]:
    """calamine's "" for an empty cell becomes None, a time its text; trailing empty cells are dropped.
    (The rows, and the same cells by column: ``Sheet.columns``.)

    A column at a time: the kinds of value in a column are seen in one pass, and a column of numbers
    (or of texts none of which is empty) is left as it is."""
    columns = list(zip_longest(*raw, fillvalue=""))
    changed = False
    for c, column in enumerate(columns):
        kinds = set(map(type, column))
        if kinds & _TIMES:
            columns[c] = tuple(None if v == "" else (_clean_time(v) if v.__class__ in _TIMES else v) for v in column)
            changed = True
        elif str in kinds and "" in column:
            columns[c] = tuple(map(_EMPTY_AS_NONE.get, column, column))  # .get(v, v): "" → None, the rest as is
            changed = True
    while columns and columns[-1].count(None) == len(columns[-1]):  # a column empty to the bottom
        columns.pop()
        changed = True
    if not columns:
        return tuple([] for _ in raw), ()
    rows = [list(r) for r in zip(*columns, strict=True)] if changed else [list(r) for r in raw]
    for row in rows:
        while row and row[-1] is None:
            row.pop()
    return tuple(rows), tuple(columns)


def _clean_time(value: Any) -> str:
    """A duration or time of day (never a list's data, but typed by mistake) as the text Excel shows."""
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    seconds = int(value.total_seconds())
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}"
