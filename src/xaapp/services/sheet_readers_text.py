"""Readers for the spreadsheet formats that are text: SpreadsheetML 2003 (Excel's XML) and HTML tables
saved with an ``.xls`` name by government portals; and the merged ranges of an ``.ods`` file.

Both use the standard library (``xml.etree`` on expat, which neither fetches external entities nor
expands entity bombs since expat 2.4; ``html.parser``, which accepts the unclosed ``<td>`` and ``<tr>``
portals write). HTML opens as Excel opens it: every table stacked in one sheet, text between tables
(titles) on rows of its own, ``colspan``/``rowspan`` as merged ranges.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

from xaapp.errors import KnownError
from xaapp.services.sheet_readers import MAX_ROWS, Range, Sheet

SS = "{urn:schemas-microsoft-com:office:spreadsheet}"
X = "{urn:schemas-microsoft-com:office:excel}"
ODS_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
#: A span larger than this is a broken attribute, not a list (Excel's own limit is 16,384 columns).
MAX_SPAN = 16_384


def _refuse(path: Path, vi: str, en: str) -> KnownError:
    return KnownError(f"Tệp {path.name}: {vi}", f"{path.name}: {en}")


def _put(rows: list[list[Any]], r: int, c: int, value: Any) -> None:
    while len(rows) <= r:
        rows.append([])
    row = rows[r]
    if len(row) <= c:
        row.extend([None] * (c + 1 - len(row)))
    row[c] = value


def _int_attr(value: str | None, default: int = 0) -> int:
    try:
        return max(0, min(int(str(value).strip()), MAX_SPAN * 64))
    except (TypeError, ValueError):
        return default


# --- SpreadsheetML 2003 ------------------------------------------------------------------------------


def _ss_value(kind: str, text: str) -> Any:
    if kind == "Number":
        try:
            number = float(text)
        except ValueError:
            return text or None
        return int(number) if number.is_integer() and abs(number) < 2**53 else number
    if kind == "DateTime":
        try:
            value = dt.datetime.fromisoformat(text[:19])
        except ValueError:
            return text or None
        return value.date() if value.time() == dt.time() else value
    if kind == "Boolean":
        return text.strip() in ("1", "true", "TRUE")
    if kind == "Error":
        return None
    return text if text != "" else None


def read_spreadsheetml(path: Path) -> list[Sheet]:
    """Every visible worksheet of an Excel 2003 XML workbook."""
    sheets: list[Sheet] = []
    name = ""
    rows: list[list[Any]] = []
    merged: list[Range] = []
    covered: set[tuple[int, int]] = set()
    hidden = False
    r = -1
    c = 0
    cell_at: tuple[int, int] | None = None
    try:
        for event, elem in ET.iterparse(path, events=("start", "end")):
            tag = elem.tag
            if event == "start":
                if tag == SS + "Worksheet":
                    name = elem.get(SS + "Name") or f"Sheet{len(sheets) + 1}"
                    rows, merged, covered, hidden, r = [], [], set(), False, -1
                elif tag == SS + "Row":
                    index = elem.get(SS + "Index")
                    r = _int_attr(index) - 1 if index else r + 1
                    if r >= MAX_ROWS:
                        raise _refuse(path, f"trang «{name}» có hơn {MAX_ROWS} dòng: hãy chia nhỏ.",
                                      f"sheet “{name}” has more than {MAX_ROWS} rows: split it.")  # fmt: skip
                    c = 0
                elif tag == SS + "Cell":
                    index = elem.get(SS + "Index")
                    if index:
                        c = _int_attr(index) - 1
                    while (r, c) in covered:
                        c += 1
                    across = min(_int_attr(elem.get(SS + "MergeAcross")), MAX_SPAN)
                    down = min(_int_attr(elem.get(SS + "MergeDown")), MAX_SPAN)
                    cell_at = (r, c)
                    if across or down:
                        merged.append((r, c, r + down, c + across))
                        covered.update((rr, cc) for rr in range(r, r + down + 1)
                                       for cc in range(c, c + across + 1) if (rr, cc) != (r, c))  # fmt: skip
                    c += across + 1
                continue
            if tag == SS + "Data" and cell_at is not None:
                value = _ss_value(elem.get(SS + "Type") or "String", "".join(elem.itertext()))
                if value is not None:
                    _put(rows, cell_at[0], cell_at[1], value)
            elif tag == SS + "Cell":
                cell_at = None
            elif tag == SS + "Row":
                elem.clear()
            elif tag == X + "Visible" and (elem.text or "").strip() in ("SheetHidden", "SheetVeryHidden"):
                hidden = True
            elif tag == SS + "Worksheet":
                if not hidden:
                    sheets.append(Sheet(name, tuple(rows), tuple(merged)))
                elem.clear()
    except ET.ParseError as exc:
        line, column = getattr(exc, "position", (0, 0))
        raise _refuse(
            path,
            f"tệp XML của Excel bị hỏng ở dòng {line}, cột {column}. Hãy mở bằng Excel và lưu lại dạng .xlsx.",
            f"the Excel XML is damaged at line {line}, column {column}. Open it in Excel and save it as .xlsx.",
        ) from None
    return sheets


# --- HTML tables ---------------------------------------------------------------------------------------

_BLOCKS = frozenset(("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "br", "center", "caption"))
_SKIPPED = frozenset(("script", "style", "head", "title"))


class _Table:
    def __init__(self, base: int) -> None:
        self.base = base  # grid row of the table's first row
        self.r = -1
        self.c = 0
        self.occupied: set[tuple[int, int]] = set()
        self.height = 0


class _HtmlGrid(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[Any]] = []
        self.merged: list[Range] = []
        self.tables: list[_Table] = []  # open tables; only the outermost places cells
        self.cell: tuple[int, int, int, int] | None = None  # (row, col, rowspan, colspan) in the grid
        self.parts: list[str] = []
        self.loose: list[str] = []  # text outside any table
        self.skip = 0
        self.cells = 0  # table cells with text

    # text outside tables: one row per block
    def _flush_loose(self) -> None:
        text = " ".join("".join(self.loose).split())
        self.loose = []
        if text:
            self.rows.append([text])

    def _close_cell(self) -> None:
        if self.cell is None:
            return
        r, c, rowspan, colspan = self.cell
        text = "\n".join(" ".join(line.split()) for line in "".join(self.parts).split("\n")).strip()
        if text:
            _put(self.rows, r, c, text)
            self.cells += 1
        if rowspan > 1 or colspan > 1:
            self.merged.append((r, c, r + rowspan - 1, c + colspan - 1))
        self.cell, self.parts = None, []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self.skip += 1
            return
        if tag == "table":
            if not self.tables:
                self._flush_loose()
                self.tables.append(_Table(len(self.rows)))
            else:
                self.tables.append(_Table(-1))  # a table inside a cell: its text joins that cell
            return
        if len(self.tables) != 1:
            if tag in _BLOCKS and not self.tables:
                self._flush_loose()
            elif tag in ("br", "tr", "td", "th", "p", "div") and self.cell is not None:
                self.parts.append("\n" if tag in ("br", "tr", "p", "div") else " ")
            return
        table = self.tables[0]
        if tag == "tr":
            self._close_cell()
            if len(self.rows) >= MAX_ROWS:
                raise ValueError("too many rows")
            table.r += 1
            table.c = 0
            table.height = max(table.height, table.r + 1)
        elif tag in ("td", "th"):
            self._close_cell()
            if table.r < 0:  # a cell before any <tr>
                table.r, table.height = 0, 1
            while (table.r, table.c) in table.occupied:
                table.c += 1
            values = dict(attrs)
            rowspan = max(1, min(_int_attr(values.get("rowspan"), 1), MAX_SPAN))
            colspan = max(1, min(_int_attr(values.get("colspan"), 1), MAX_SPAN))
            r = table.base + table.r
            self.cell = (r, table.c, rowspan, colspan)
            for rr in range(table.r, table.r + rowspan):
                for cc in range(table.c, table.c + colspan):
                    table.occupied.add((rr, cc))
            table.height = max(table.height, table.r + rowspan)
            table.c += colspan
        elif tag in ("br", "p", "div") and self.cell is not None:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skip = max(0, self.skip - 1)
            return
        if tag == "table" and self.tables:
            if len(self.tables) == 1:
                self._close_cell()
                table = self.tables[0]
                while len(self.rows) < table.base + table.height:
                    self.rows.append([])
            self.tables.pop()
        elif len(self.tables) == 1 and tag in ("td", "th", "tr"):
            self._close_cell()
        elif not self.tables and tag in _BLOCKS:
            self._flush_loose()

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        data = data.replace("\xa0", " ")
        if self.cell is not None:
            self.parts.append(data)
        elif not self.tables:
            self.loose.append(data)

    def finish(self) -> None:
        self.close()
        self._close_cell()
        if self.tables:
            table = self.tables[0]
            while len(self.rows) < table.base + table.height:
                self.rows.append([])
        self._flush_loose()


_CHARSET = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)


def decode_html(data: bytes) -> str:
    """The text of an HTML file: its byte-order mark, else its declared charset, else UTF-8, else
    Windows-1252 (which keeps TCVN3/VNI bytes as the letters the legacy converters expect)."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):  # fmt: skip
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    declared = _CHARSET.search(data[:4096])
    candidates = [declared.group(1).decode("ascii").lower()] if declared else []
    for encoding in [*candidates, "utf-8"]:
        try:
            codecs.lookup(encoding)
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("cp1252", errors="replace")


def read_html(path: Path) -> list[Sheet]:
    """The tables of an HTML file as one sheet named after the file (as Excel opens it)."""
    text = decode_html(path.read_bytes())
    parser = _HtmlGrid()
    try:
        parser.feed(text)
        parser.finish()
    except ValueError:
        raise _refuse(path, f"bảng HTML có hơn {MAX_ROWS} dòng: hãy chia nhỏ.",
                      f"the HTML table has more than {MAX_ROWS} rows: split it.") from None  # fmt: skip
    if not parser.cells:
        raise _refuse(path, "là trang HTML nhưng không có bảng nào có dữ liệu.", "is an HTML page with no table data.")
    rows = list(parser.rows)
    while rows and not any(v is not None for v in rows[-1]):
        rows.pop()
    return [Sheet(path.stem, tuple(rows), tuple(parser.merged))]


# --- ODS merged ranges ---------------------------------------------------------------------------------


def ods_merged_ranges(path: Path) -> dict[str, tuple[Range, ...]]:
    """Merged ranges of every table of an ``.ods`` file, by sheet name (calamine does not report them)."""
    spans: dict[str, list[Range]] = {}
    current: list[Range] | None = None
    r = c = 0
    try:
        with zipfile.ZipFile(path) as z, z.open("content.xml") as fh:
            for event, elem in ET.iterparse(fh, events=("start", "end")):
                tag = elem.tag
                if event == "start":
                    if tag == ODS_TABLE + "table":
                        current = spans.setdefault(elem.get(ODS_TABLE + "name") or "", [])
                        r = 0
                    elif tag == ODS_TABLE + "table-row":
                        c = 0
                    elif tag in (ODS_TABLE + "table-cell", ODS_TABLE + "covered-table-cell"):
                        rows_spanned = _int_attr(elem.get(ODS_TABLE + "number-rows-spanned"), 1)
                        cols_spanned = _int_attr(elem.get(ODS_TABLE + "number-columns-spanned"), 1)
                        if current is not None and (rows_spanned > 1 or cols_spanned > 1):
                            current.append((r, c, r + rows_spanned - 1, c + cols_spanned - 1))
                        c += max(1, _int_attr(elem.get(ODS_TABLE + "number-columns-repeated"), 1))
                elif tag == ODS_TABLE + "table-row":
                    r += max(1, _int_attr(elem.get(ODS_TABLE + "number-rows-repeated"), 1))
                    elem.clear()
    except (KeyError, zipfile.BadZipFile, ET.ParseError, OSError):
        return {}  # the values were read; a file whose layout cannot be read again keeps no merges
    return {name: tuple(ranges) for name, ranges in spans.items()}
