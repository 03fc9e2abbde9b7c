"""A ``ListDocument`` as an xlsx workbook that opens correctly in Excel with Vietnamese text.

One sheet per table: a few title lines (commune, title, subtitle), the header row in bold,
the rows with native types (numbers, dates) and number formats, subtotals and the grand total as
values, the amount in words and notes below. The header row is frozen, and the print setup is
A4 in the list's orientation, header rows repeated on every page, fitted to the page width.
Always written in openpyxl's write-only mode (streams rows; 20,000 rows in about a second).

A marked value (``reports.document.Marked``: it rests on a rule figure not verified) keeps its type,
its mark shown by the number format (``#,##0"¹"``) or appended to text; the document's footnotes,
which say what each mark stands for, are written under the table of every sheet.

Text that starts with ``=``, ``+``, ``-`` or ``@`` is stored as text with Excel's quote prefix,
so a name typed as ``=HYPERLINK(...)`` never becomes a formula (formula injection).
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Callable, Iterator
from copy import copy
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from xaapp.errors import KnownError
from xaapp.reports.document import (
    NATIONAL_HEADING,
    NATIONAL_MOTTO,
    Column,
    ListDocument,
    Marked,
    Table,
    format_cell,
    plain,
)

FORMULA_STARTS = ("=", "+", "-", "@")
NUMBER_FORMATS = {
    "int": "#,##0",
    "year": "0",
    "money": "#,##0",
    "decimal": "0.0#",
    "percent": "0.0%",
    "date": "dd/mm/yyyy",
}
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_BOLD = Font(name="Times New Roman", bold=True)
_PLAIN = Font(name="Times New Roman")
_ITALIC = Font(name="Times New Roman", italic=True)
_TITLE = Font(name="Times New Roman", bold=True, size=13)
_WRAP_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)

Tick = Callable[[int], None]
#: Rows written between two ticks (a few milliseconds of work): a caller on a worker thread can give
#: other threads their turn there (see ``ui.lists.panel.export_task``).
TICK_ROWS = 64


#: A cell waiting to be written: its value, its style (shared, never changed once made) and whether it is
#: text that must not become a formula.
Styled = tuple[Any, StyleArray, bool]


def _cell(ws: WriteOnlyWorksheet, value: Any, column: Column | None = None, *, font: Font = _PLAIN,
          border: bool = False, align: Alignment | None = None) -> Styled:  # fmt: skip
    """One styled cell. Styles are resolved once per combination (setting ``font``/``border`` per cell
    hashes the style objects every time: 4× slower) and the resolved style is shared by the cells that
    have it; the cells themselves are made as the row is written (``_row_writer``)."""
    kind = column.kind if column is not None else "text"
    mark = ""
    if isinstance(value, Marked):
        mark, value = value.mark, value.value
        if isinstance(value, str) or value is None:
            value, mark = f"{value or ''}{mark}", ""
    quote = isinstance(value, str) and value.startswith(FORMULA_STARTS)
    number_format = NUMBER_FORMATS.get(kind) if value is not None and not isinstance(value, str) else None
    if kind == "date" and isinstance(value, int):  # only the birth year is known
        number_format = None
    if mark:  # a number with its mark: the value stays a number, the format shows the mark
        number_format = f'{number_format or "General"}"{mark}"'
    cache: dict[tuple[Any, ...], StyleArray] = ws.parent.__dict__.setdefault(
        "_xaapp_styles", {}
    )  # per workbook
    key = (id(font), border, id(align), number_format, quote)
    style = cache.get(key)
    if style is None:
        scratch: Any = WriteOnlyCell(ws)  # its _style (private, not in openpyxl's stubs) is the shared style
        scratch.font = font
        if border:
            scratch.border = _BORDER
        if align is not None:
            scratch.alignment = align
        if number_format:
            scratch.number_format = number_format
        if quote:
            scratch.quotePrefix = True
        style = cache[key] = scratch._style
    return value, style, quote


def _row_writer(ws: WriteOnlyWorksheet) -> Callable[[list[Styled | None], int], Iterator[Cell]]:
    """Turns an appended row of ``Styled`` values into cells for openpyxl's row writer, one reused cell
    (the writer writes each before asking for the next, as openpyxl's own conversion relies on)."""

    def cells(values: list[Styled | None], row_idx: int) -> Iterator[Cell]:
        cell: Any = WriteOnlyCell(ws)  # _style: private, not in openpyxl's stubs
        sink = StyleArray()  # taking a date, openpyxl gives the cell a date format: not to the shared style
        for col_idx, item in enumerate(values, 1):
            if item is None:
                continue
            value, style, quote = item
            cell._style = sink
            cell.value = value
            if quote:
                cell.data_type = "s"  # never a formula
            cell._style = style
            cell.column = col_idx
            cell.row = row_idx
            yield cell

    return cells


#: Rows through ``_row_writer`` (openpyxl 3.1's write-only sheet); off, cells are made the plain way.
FAST_ROWS = True


def _create_sheet(wb: Workbook, title: str) -> Any:
    """A write-only sheet whose rows are lists of ``Styled`` (or None). openpyxl's own conversion takes
    plain values, or cells after a failed attempt at each as a value, and makes a new cell after every
    styled one: as much work again as writing the cells (bench/bench_lists.py).

    Typed ``Any``: the write-only sheet hands its print setup, column widths and sheet properties to a
    worksheet it wraps (``__getattr__``), which openpyxl's stubs do not show."""
    ws: Any = wb.create_sheet(title)
    if FAST_ROWS and hasattr(ws, "_values_to_row"):
        ws._values_to_row = _row_writer(ws)
    else:  # another openpyxl: hand it ready-made cells, the slower way
        append = ws.append
        ws.append = lambda row: append([_made(ws, item) for item in row])
    return ws


def _made(ws: WriteOnlyWorksheet, item: Styled | None) -> Cell | None:
    if item is None:
        return None
    value, style, quote = item
    cell = WriteOnlyCell(ws, value)
    if quote:
        cell.data_type = "s"
    cell._style = copy(style)  # type: ignore[attr-defined]  # private, not in openpyxl's stubs
    return cell


def _sheet_title(name: str, used: set[str]) -> str:
    base = "".join(ch for ch in name if ch not in "[]:*?/\\")[:31] or "Sheet"
    title, n = base, 2
    while title in used:
        suffix = f" ({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(title)
    return title


def _write_table(
    wb: Workbook, doc: ListDocument, table: Table, title: str, last: bool, tick: Tick | None
) -> None:
    ws = _create_sheet(wb, title)
    n_cols = len(table.columns)
    for i, column in enumerate(table.columns, 1):
        ws.column_dimensions[get_column_letter(i)].width = max(column.width, 6) + 2
    mid = max(n_cols // 2, 1)  # where the national heading and the middle signature go
    lines: list[list[tuple[int, str, Font]]] = [
        [(0, f"ỦY BAN NHÂN DÂN {doc.commune_name.upper()}", _BOLD), (mid, NATIONAL_HEADING, _BOLD)],
        [(mid, NATIONAL_MOTTO, _BOLD)],
        [(mid, doc.dateline, _ITALIC)],
        [(0, doc.title, _TITLE)],
    ]
    if doc.subtitle:
        lines.append([(0, doc.subtitle, _ITALIC)])
    if table.title:
        lines.append([(0, table.title, _BOLD)])
    if doc.xlsx_plain:
        lines = []
    header_first = len(lines) + 1
    header_last = header_first + (1 if table.bands else 0)
    # Write-only sheets write their view and page setup with the first row: set them before any append.
    ws.freeze_panes = f"A{header_last + 1}"
    ws.print_title_rows = f"{header_first}:{header_last}"
    ws.page_setup.orientation = doc.orientation
    ws.page_setup.paperSize = "9"  # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    for line in lines:
        cells: list[Any] = [None] * (max(i for i, _t, _f in line) + 1)
        for i, text, font in line:
            cells[i] = _cell(ws, text, font=font)
        ws.append(cells)
    if table.bands:
        row: list[Any] = []
        for band in table.bands:
            row.append(_cell(ws, band.title, font=_BOLD, border=True, align=_WRAP_CENTER))
            row.extend(_cell(ws, None, border=True) for _ in range(band.span - 1))
        ws.append(row)
    ws.append([_cell(ws, c.title, font=_BOLD, border=True, align=_WRAP_CENTER) for c in table.columns])

    def label_row(label: str, values: tuple[Any, ...]) -> list[Styled]:
        cells = []
        for i, column in enumerate(table.columns):
            value = values[i]
            if i == 1 and value is None:
                value = label
            cells.append(_cell(ws, value, column, font=_BOLD, border=True))
        return cells

    for group in table.groups:
        if group.title and not doc.xlsx_plain:
            ws.append([_cell(ws, None, border=True), _cell(ws, group.title, font=_BOLD, border=True),
                       *(_cell(ws, None, border=True) for _ in range(n_cols - 2))])  # fmt: skip
        since = 0
        for values in group.rows:
            if doc.xlsx_plain:  # a bank's program reads the bare values: no marks (the printed list has them)
                values = tuple(plain(v) for v in values)
            ws.append([_cell(ws, v, c, border=True) for c, v in zip(table.columns, values, strict=True)])
            since += 1
            if since == TICK_ROWS and tick is not None:
                tick(since)
                since = 0
        if group.subtotal and not doc.xlsx_plain:
            ws.append(label_row("Cộng", table.sums(group.rows)))
        if tick is not None and since:
            tick(since)
    if doc.xlsx_plain:
        return
    total = table.grand_total_row()
    if total is not None:
        ws.append(label_row("Tổng cộng" + table.total_mark, total))
    if doc.footnotes:
        ws.append([])
        for note in doc.footnotes:
            ws.append([_cell(ws, note, font=_ITALIC)])
    if last:
        ws.append([])
        if doc.amount_in_words:
            ws.append([_cell(ws, f"Số tiền bằng chữ: {doc.amount_in_words}.", font=_ITALIC)])
        for note in doc.notes:
            ws.append([_cell(ws, note)])
        if doc.signatures:
            spots = [
                1 + round(k * (n_cols - 2) / max(len(doc.signatures) - 1, 1))
                for k in range(len(doc.signatures))
            ]
            for part, font in (("role", _BOLD), ("title", _BOLD), ("hint", _ITALIC)):
                cells = [None] * n_cols
                for spot, signature in zip(spots, doc.signatures, strict=True):
                    text = getattr(signature, part)
                    cells[min(spot, n_cols - 1)] = _cell(ws, text, font=font) if text else None
                ws.append(cells)


def write_xlsx(doc: ListDocument, path: Path, progress: Tick | None = None) -> Path:
    """Write *doc* to *path* (atomically: a temporary file renamed into place). Returns *path*."""
    wb = Workbook(write_only=True)
    used: set[str] = set()
    for i, table in enumerate(doc.tables):
        _write_table(wb, doc, table, _sheet_title(table.sheet_name, used), i == len(doc.tables) - 1, progress)
    if not doc.tables:
        _create_sheet(wb, "Trống")
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(suffix=".xlsx", dir=path.parent)
        os.close(fd)
        try:
            wb.save(tmp)
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    except PermissionError as exc:
        raise KnownError(
            f"Không ghi được tệp {path}: tệp đang mở trong Excel hoặc thư mục không cho ghi.",
            f"Cannot write {path}: the file is open in Excel or the folder is read-only.",
        ) from exc
    return path


def cell_text(value: Any, column: Column) -> str:
    """The text an xlsx cell shows for *value* (used by tests and the preview)."""
    if isinstance(value, dt.date):
        return format_cell(value, "date")
    return format_cell(value, column.kind)
