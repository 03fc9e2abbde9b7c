"""Reads the cell values of a form workbook, at a cost that follows the used cells, not the formatted ones.

Real workbooks carry stray formatting: whole columns or rows given a fill or a border make Excel write
a styled empty cell at every crossing (1,024 columns by 10,000 rows is ten million cells), and push the
sheet's dimension out to them. openpyxl's read-only mode reads (and pads to) all of them. Here:

1. ``.xlsx``: each worksheet part we need is streamed out of the zip and cut, with plain byte searches,
   to the rows that hold a value (``<v>`` or an inline string); reading stops after
   :data:`EMPTY_ROWS_END` empty rows in a row — pyxform's rule, so both read the same rows — and each
   kept row is cut after the last header column. Sheets the form does not use are not read at all.
2. The cut workbook (or an ``.xls``/``.ods`` file as it is) is read by calamine (python-calamine, also
   used by the Excel import), which gives each cell's cached value with its type: text, number, bool,
   date or date-time.

Formulas are not evaluated (XLSForms do not use them); a formula's cached value is read like a value.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

#: A run of this many rows without a value ends a sheet (pyxform stops at the same count).
EMPTY_ROWS_END = 60
#: Sheets an XLSForm reader looks at; any other sheet is skipped unread.
USED_SHEETS = frozenset({"survey", "choices", "settings", "external_choices", "entities", "osm"})

_CHUNK = 64 * 1024
_ROW_NUMBER_RE = re.compile(rb'\sr="(\d+)"')
_CELL_START_RE = re.compile(rb'<(?:\w+:)?c\s[^>]*?\br="([A-Z]{1,3})\d+"')
_EMPTY_SHEET = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>'
)


class WorkbookUnreadable(Exception):
    """The file is not a workbook calamine can read; ``detail`` names the cause."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


def read_rows(path: Path) -> dict[str, tuple[str, list[tuple[int, list[Any]]]]]:
    """For each used sheet (by lower-case name): its title and its non-empty rows as
    ``(row number, values)``, 1-based, values without trailing empties; reading ends after
    :data:`EMPTY_ROWS_END` empty rows."""
    import python_calamine as calamine

    try:
        with path.open("rb") as fh:
            head = fh.read(4)
            fh.seek(0)
            if head.startswith(b"PK"):
                source: Any = io.BytesIO(_cut_xlsx(fh))
            else:
                source = fh
            workbook = calamine.CalamineWorkbook.from_filelike(source)
        try:
            out: dict[str, tuple[str, list[tuple[int, list[Any]]]]] = {}
            for index, meta in enumerate(workbook.sheets_metadata):
                key = meta.name.strip().lower()
                if key not in USED_SHEETS or key in out:
                    continue
                if meta.typ != calamine.SheetTypeEnum.WorkSheet:
                    continue
                sheet = workbook.get_sheet_by_index(index)
                grid = sheet.to_python(skip_empty_area=False) if sheet.height else []
                out[key] = (meta.name, list(_rows(iter(grid))))
            return out
        finally:
            workbook.close()
    except WorkbookUnreadable:
        raise
    except BaseException as exc:  # calamine raises its own errors, and a Rust panic is a BaseException
        if isinstance(exc, KeyboardInterrupt | SystemExit | GeneratorExit | MemoryError):
            raise
        raise WorkbookUnreadable(type(exc).__name__) from None


def _rows(rows: Iterator[list[Any]]) -> Iterator[tuple[int, list[Any]]]:
    """Non-empty rows with their numbers; stops after EMPTY_ROWS_END empty rows in a row."""
    empty_run = 0
    for number, row in enumerate(rows, start=1):
        values = list(row)
        while values and (values[-1] is None or values[-1] == ""):
            values.pop()
        if not values:
            empty_run += 1
            if empty_run >= EMPTY_ROWS_END:
                return
            continue
        empty_run = 0
        yield number, values


# -- cutting an .xlsx down to its used cells -----------------------------------------------------------


def _cut_xlsx(fh: Any) -> bytes:
    """A copy of the .xlsx in *fh* with the used sheets cut to their rows with values and the others
    emptied (stored uncompressed: calamine reads it straight from memory)."""
    try:
        archive = zipfile.ZipFile(fh)
    except zipfile.BadZipFile as exc:
        raise WorkbookUnreadable("BadZipFile") from exc
    with archive:
        used = _used_sheet_parts(archive)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as copy:
            for info in archive.infolist():
                name = info.filename
                if _is_worksheet(name):
                    if name in used:
                        data = _cut_sheet(_inflating(fh, info) or archive.open(info))
                        if data is None:  # rows without positions: the sheet as it is
                            data = archive.read(info)
                    else:
                        data = _EMPTY_SHEET
                else:
                    data = archive.read(info)
                copy.writestr(name, data)
        return out.getvalue()


def _is_worksheet(name: str) -> bool:
    return (
        name.lower().startswith("xl/worksheets/") and name.lower().endswith(".xml") and name.count("/") == 2
    )


def _used_sheet_parts(archive: zipfile.ZipFile) -> set[str]:
    """Zip names of the worksheets whose sheet name is one an XLSForm uses (every worksheet when the
    workbook's own parts cannot be followed: reading too much is only slower)."""
    try:
        workbook = archive.read("xl/workbook.xml").decode("utf-8")
        rels = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8")
    except (KeyError, UnicodeDecodeError):
        return {n for n in archive.namelist() if _is_worksheet(n)}
    targets: dict[str, str] = {}
    for tag in re.findall(r"<(?:\w+:)?Relationship\b[^>]*>", rels):
        rid = re.search(r'\bId="([^"]+)"', tag)
        target = re.search(r'\bTarget="([^"]+)"', tag)
        if rid and target:
            targets[rid[1]] = target[1]
    names = {n.lower(): n for n in archive.namelist()}
    used: set[str] = set()
    for tag in re.findall(r"<(?:\w+:)?sheet\b[^>]*>", workbook):
        name = re.search(r'\bname="([^"]*)"', tag)
        rid = re.search(r'\br:id="([^"]+)"', tag) or re.search(r'\b\w+:id="([^"]+)"', tag)
        if not name or not rid or rid[1] not in targets:
            return {n for n in archive.namelist() if _is_worksheet(n)}
        title = _xml_text(name[1]).strip().lower()
        where = targets[rid[1]]
        part = where.lstrip("/") if where.startswith("/") else posixpath.normpath(f"xl/{where}")
        if title in USED_SHEETS and part.lower() in names:
            used.add(names[part.lower()])
    return used


def _xml_text(text: str) -> str:
    return (
        text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&apos;", "'")
    ).replace("&amp;", "&")


class _Inflater:
    """Reads a deflated zip member straight from the file with zlib (no CRC pass: calamine does not
    need it and a damaged part fails to inflate anyway); a quarter faster than ``ZipFile.open``."""

    def __init__(self, fh: Any, start: int, size: int) -> None:
        self.fh = fh
        self.position = start
        self.remaining = size
        self.inflate = zlib.decompressobj(-15)

    def read(self, n: int) -> bytes:
        out = b""
        while len(out) < n and (self.remaining or self.inflate.unconsumed_tail):
            data = self.inflate.unconsumed_tail
            if not data:
                self.fh.seek(self.position)
                data = self.fh.read(min(self.remaining, 16 * 1024))
                self.position += len(data)
                self.remaining -= len(data)
                if not data:
                    break
            out += self.inflate.decompress(data, _CHUNK)
        return out

    def close(self) -> None:
        """Nothing to release (the file belongs to the caller)."""


def _inflating(fh: Any, info: zipfile.ZipInfo) -> _Inflater | None:
    """An inflater of *info*'s data in *fh*, or None when the member is not plainly deflated."""
    if info.compress_type != zipfile.ZIP_DEFLATED or info.flag_bits & 0x1:
        return None
    fh.seek(info.header_offset)
    header = fh.read(30)
    if len(header) < 30 or header[:4] != b"PK\x03\x04":
        return None
    start = (
        info.header_offset
        + 30
        + int.from_bytes(header[26:28], "little")
        + int.from_bytes(header[28:30], "little")
    )
    return _Inflater(fh, start, info.compress_size)


def _cut_sheet(part: Any) -> bytes | None:
    """The worksheet XML streamed from *part*, keeping only rows with a value, each cut after the
    header's last column, and ending after EMPTY_ROWS_END empty rows. Falls back to the whole part
    when rows or cells do not say where they are (``r`` attributes): returns None."""
    buffer = b""
    while b"sheetData" not in buffer or b">" not in buffer[buffer.find(b"sheetData") :]:
        chunk = part.read(_CHUNK)
        if not chunk:
            return buffer
        buffer += chunk
    start = buffer.find(b"sheetData")
    open_end = buffer.index(b">", start) + 1
    prefix_match = re.search(rb"<(\w+:)?sheetData", buffer[:open_end])
    prefix = prefix_match[1] or b"" if prefix_match else b""
    head = re.sub(rb"<(?:\w+:)?dimension\b[^>]*/>", b"", buffer[:open_end])
    if buffer[open_end - 2 : open_end] == b"/>":  # <sheetData/>: no rows at all
        return head + b"</" + prefix + b"worksheet>"
    rows = _RowCutter(prefix)
    kept: list[bytes] = [head]
    rest = buffer[open_end:]
    finished = False
    while not finished:
        pos, finished = rows.feed(rest, kept)
        if finished:
            break
        rest = rest[pos:]
        chunk = part.read(_CHUNK)
        if not chunk:
            break
        rest += chunk
    part.close()
    if rows.fallback:
        return None
    kept.append(b"</" + prefix + b"sheetData></" + prefix + b"worksheet>")
    return b"".join(kept)


class _RowCutter:
    """Finds rows in the sheetData bytes and keeps those holding a value."""

    def __init__(self, prefix: bytes) -> None:
        self.row_open = b"<" + prefix + b"row"
        self.row_close = b"</" + prefix + b"row>"
        self.data_close = b"</" + prefix + b"sheetData"
        self.values = (b"<" + prefix + b"v>", b"<" + prefix + b"v ", b"<" + prefix + b"is>")
        self.cell_open = b"<" + prefix + b"c"
        self.no_position = re.compile(b"<" + re.escape(prefix) + rb"c(?=[\s>/])(?![^>]*\br=)")
        self.last_value_row = 0
        self.width = 0  # columns of the header row (its last cell with a value)
        self.fallback = False

    def feed(self, data: bytes, kept: list[bytes]) -> tuple[int, bool]:
        """Consume whole rows from *data*; returns (bytes consumed, whether the sheet is done).

        A row whose first closing tag is its own ``</row>`` holds only self-closing (empty) cells: it
        is passed over after one search, however many styled cells it has."""
        pos = 0
        while True:
            start = data.find(self.row_open, pos)
            if start < 0:
                end_of_data = data.find(self.data_close, pos)
                return (end_of_data, True) if end_of_data >= 0 else (pos, False)
            if data.find(self.data_close, pos, start) >= 0:
                return pos, True
            tag_end = data.find(b">", start)
            if tag_end < 0:
                return start, False
            number_match = _ROW_NUMBER_RE.search(data, start, tag_end)
            if number_match is None:
                self.fallback = True  # rows that do not say their number: read the sheet as it is
                return start, True
            number = int(number_match[1])
            if number - self.last_value_row > EMPTY_ROWS_END:
                return start, True
            if data[tag_end - 1] == 47:  # "/": <row r="7"/>
                pos = tag_end + 1
                continue
            first_close = data.find(b"</", tag_end)
            if first_close < 0:
                return start, False
            if data.startswith(self.row_close, first_close):
                pos = first_close + len(self.row_close)
                continue
            body_end = data.find(self.row_close, first_close)
            if body_end < 0:
                return start, False
            body = self._used_cells(data, tag_end + 1, body_end)
            if any(v in body for v in self.values):
                cells = body.count(self.cell_open + b" ") + body.count(self.cell_open + b">")
                if body.count(self.cell_open + b' r="') != cells and self.no_position.search(body):
                    self.fallback = True
                    return start, True
                kept.append(data[start : tag_end + 1] + body + self.row_close)
                self.last_value_row = number
            pos = body_end + len(self.row_close)

    def _number(self, data: bytes, start: int) -> int | None:
        """The ``r`` of the row tag at *start* (None when the tag is cut off or has none)."""
        tag_end = data.find(b">", start)
        if tag_end < 0:
            return None
        match = _ROW_NUMBER_RE.search(data, start, tag_end)
        return int(match[1]) if match else None

    def _used_cells(self, data: bytes, start: int, end: int) -> bytes:
        """The row's cells up to the header's last column (the header row: all; it sets the width)."""
        if self.width == 0:
            body = data[start:end]
            value_at = max(body.rfind(v) for v in self.values)
            if value_at >= 0:  # the header's last column is that of the last cell holding a value
                cell = _CELL_START_RE.match(body, max(0, body.rfind(self.cell_open, 0, value_at)))
                self.width = _column_number(cell[1]) if cell else 0
            return body
        last = _CELL_START_RE.match(data, max(start, data.rfind(self.cell_open, start, end)), end)
        if last is None or _column_number(last[1]) <= self.width:
            return data[start:end]  # the usual row: its last cell is in the header's columns
        for match in _CELL_START_RE.finditer(data, start, end):
            if _column_number(match[1]) > self.width:
                return data[start : match.start()]
        return data[start:end]


def _column_number(letters: bytes) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + ch - 64
    return number
