"""From a spreadsheet file to the tables an import works on: legacy text converted, merged cells filled,
the header found, title, group and total rows set aside, each column given its field.

Steps, per visible sheet of the file (:mod:`sheet_readers` reads every format into one grid):

1. **Legacy text**: TCVN3 (ABC, .VnTime) and VNI text is detected per column (a column of names
   decides what a short word alone cannot) and per cell (a cell whose own letters are unmistakable),
   then converted to Unicode NFC; the ``LegacyReport`` counts the cells converted from each encoding.
2. **Merged cells**: a merged range's value fills every cell of the range ("Thôn Đông" merged down
   over its households gives each of them its village).
3. **Header**: the row among the first ``HEADER_SCAN_ROWS`` whose cells name the most known fields
   (:mod:`import_fields`), with a second header row below it when there is one ("Phân loại" over
   "Hộ nghèo | Hộ cận nghèo"); a column-number row ("1 2 3 …", "(1) (2) …") below it is skipped.
   A saved or given ``SheetMapping`` replaces the guess.
4. **Rows**: after the header, a row with one text across it is a group row ("Thôn Đông": the village
   of the rows below) or a total row ("Cộng thôn", "Tổng cộng"), skipped; every other row is data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter

from xaapp.domain.text import fold
from xaapp.errors import KnownError
from xaapp.services.frozen_init import direct_init
from xaapp.services.import_cells import (  # noqa: F401  (re-exported: importers use one module)
    CLASSES,
    RELATIONSHIPS,
    CellError,
    id_text,
    parse_birth,
    text_of,
)
from xaapp.services.import_fields import (
    FIELDS,
    field_for_header,
    header_key,
)
from xaapp.services.import_sheet_text import LEGACY_NAMES, convert_sheet, fill_merged
from xaapp.services.sheet_readers import Book, read_book

HEADER_SCAN_ROWS = 30
PREVIEW_ROWS = 8
_GROUP_PREFIXES = ("thon ", "ban ", "xom ", "to dan pho ", "khu pho ", "lang ", "khu ", "tdp ", "to ", "doi ")
#: "Cộng thôn", "Tổng cộng:", "Tổng số" — but not the family name Tống ("Tống Văn An").
_TOTAL = re.compile(r"^(cong|tong cong|tong so|tong|cong chung)(\s*[:.]|\s+(thon|ban|xom|to|khu|toan xa|xa|"
                    r"cong|so|trang|chung|ho|nguoi|danh sach)\b|\s*$|\s*\d)")
_TOTAL_INITIALS = frozenset("cCtTTỔổỘộ")
_NUMBERING = re.compile(r"^\(?([0-9]{1,2}|[A-Za-z])\)?$")


def cell_ref(sheet: str, column: int, row: int) -> str:
    """Where a cell is, as Excel names it: "HoDan!C5"."""
    return f"{sheet}!{get_column_letter(column + 1)}{row}"


@dataclass(frozen=True)
class SheetMapping:
    """Which column holds which field, chosen by the officer (or saved from last time) for one sheet."""

    header_row: int  # 1-based Excel row of the header; data starts below it
    columns: dict[int, str]  # 0-based column → field; a column not listed is skipped ("bỏ qua")


@dataclass(frozen=True)
class LegacyReport:
    """How many cells were converted from each legacy encoding, and in which columns."""

    cells: dict[str, int] = field(default_factory=dict)  # "tcvn3"/"vni" → cells converted
    columns: tuple[str, ...] = ()  # "HoDan!B (TCVN3 (ABC))"

    @property
    def converted(self) -> int:
        return sum(self.cells.values())

    @property
    def main_encoding(self) -> str:
        """The encoding most cells were converted from, or "unicode"."""
        return max(self.cells, key=lambda k: self.cells[k]) if self.cells else "unicode"

    def text(self) -> str:
        if not self.cells:
            return ""
        parts = ", ".join(f"{n:,} ô {LEGACY_NAMES[k]}".replace(",", ".") for k, n in sorted(self.cells.items()))
        parts_en = ", ".join(f"{n:,} {LEGACY_NAMES[k]} cells" for k, n in sorted(self.cells.items()))
        where = "; ".join(self.columns[:8]) + (" …" if len(self.columns) > 8 else "")
        return (f"Đã chuyển sang Unicode {parts} / converted to Unicode: {parts_en} ({where})")  # fmt: skip


@direct_init
@dataclass(frozen=True)
class DataRow:
    row: int  # Excel row number
    values: list[Any]
    group: str | None  # text of the group row above it ("Thôn Đông"), if any


@dataclass(frozen=True)
class SheetTable:
    """One sheet's data rows with the column of each field."""

    sheet: str
    header_row: int  # 1-based Excel row number
    mapping: dict[str, int]  # field -> 0-based column index
    headers: tuple[str, ...]  # the header texts, per column
    unmapped: tuple[str, ...]  # header texts no field claimed
    rows: tuple[DataRow, ...]
    skipped_rows: int  # group, total and column-number rows in the data area
    from_mapping: bool = False  # columns chosen by the officer (or saved), not recognised from the headers

    def column_letter(self, name: str) -> str:
        return get_column_letter(self.mapping[name] + 1)

    def header_of(self, name: str) -> str:
        col = self.mapping[name]
        return self.headers[col] if col < len(self.headers) else ""

    def ref(self, row: int, name: str | None) -> str:
        if name is None or name not in self.mapping:
            return f"{self.sheet}!{row}:{row}"
        return cell_ref(self.sheet, self.mapping[name], row)


@dataclass(frozen=True)
class SheetPreview:
    """What the column-mapping step shows for one sheet: first rows and a guess per column."""

    sheet: str
    header_row: int  # 1-based, the row taken as the header
    headers: tuple[str, ...]
    sample: tuple[tuple[str, ...], ...]  # the first data rows, as text
    guesses: tuple[str | None, ...]  # per column: a field or None (bỏ qua)
    sources: tuple[str, ...]  # per column: "header", "values", "saved" or ""
    shape: str  # header_shape(headers): the key a mapping is saved under

    def mapping(self) -> SheetMapping:
        return SheetMapping(self.header_row, {i: f for i, f in enumerate(self.guesses) if f})


class MappingNeeded(KnownError):
    """The headers were not understood well enough: the officer must say which column is what."""

    def __init__(self, vi: str, en: str, previews: tuple[SheetPreview, ...], prepared: PreparedBook | None = None) -> None:
        super().__init__(vi, en)
        self.previews = previews
        self.prepared = prepared  # the file as read, so the mapping step need not read it again


@dataclass(frozen=True)
class Grid:
    """A sheet after legacy conversion and merged-cell filling."""

    name: str
    rows: list[list[Any]]


@dataclass(frozen=True)
class PreparedBook:
    path: Path
    format: str
    format_label: str
    grids: tuple[Grid, ...]
    legacy: LegacyReport


def header_shape(headers: tuple[str, ...] | list[str]) -> str:
    """A sheet's header row folded to one line: equal for two files of the same template."""
    return "|".join(header_key(h) for h in headers).rstrip("|")


# --- 1. legacy text, 2. merged cells (import_sheet_text) ---------------------------------------------


def prepare_book(path: Path | str) -> PreparedBook:
    """Read *path* (any format) and convert legacy text and merged cells in every sheet."""
    book: Book = read_book(path)
    counts: dict[str, int] = {}
    columns: list[str] = []
    grids = []
    for sheet in book.sheets:
        rows = convert_sheet(sheet, counts, columns)
        fill_merged(rows, sheet.merged)
        grids.append(Grid(sheet.name, rows))
    return PreparedBook(book.path, book.format, book.format_label, tuple(grids), LegacyReport(counts, tuple(columns)))


# --- 3. header ---------------------------------------------------------------------------------------


def _row_fields(row: list[Any]) -> dict[str, int]:
    found: dict[str, int] = {}
    for col, value in enumerate(row):
        if isinstance(value, str):
            name = field_for_header(value)
            if name and name not in found:
                found[name] = col
    return found


def _cell(row: list[Any], col: int) -> Any:
    return row[col] if col < len(row) else None


def _is_numbering(row: list[Any]) -> bool:
    cells = [text_of(v) for v in row if v is not None]
    return len(cells) >= 3 and all(_NUMBERING.match(c) for c in cells)


def find_header(rows: list[list[Any]]) -> tuple[int, int, dict[str, int], tuple[str, ...]] | None:
    """(header row index, rows the header takes, field → column, header texts), or None."""
    best: tuple[int, int, dict[str, int]] | None = None
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        mapping = _row_fields(row)
        if ("full_name" in mapping or "head_name" in mapping) and len(mapping) >= 2:
            if best is None or len(mapping) > best[1]:
                best = (index, len(mapping), mapping)
    if best is None:
        return None
    index, _score, mapping = best
    name_col = mapping.get("full_name", mapping.get("head_name", 0))
    if index > 0 and _cell(rows[index - 1], name_col) is not None and _cell(rows[index - 1], name_col) == _cell(
        rows[index], name_col
    ):
        index -= 1  # the best row is the lower half of a two-row header whose cells are merged down
        mapping = _row_fields(rows[index])
    top = rows[index]
    headers = ["" if v is None else text_of(v) for v in top]
    height = 1
    if index + 1 < len(rows):
        sub = rows[index + 1]
        name_col = mapping.get("full_name", mapping.get("head_name", 0))
        sub_fields = _row_fields(sub)
        under_name = _cell(sub, name_col)
        if sub_fields and (under_name is None or under_name == _cell(top, name_col)):
            height = 2
            width = max(len(top), len(sub))
            headers = []
            for col in range(width):
                a, b = text_of(_cell(top, col)), text_of(_cell(sub, col))
                headers.append(a if not b or b == a else (f"{a} / {b}" if a else b))
            combined: dict[str, int] = {}
            for col in range(width):
                b, a = _cell(sub, col), _cell(top, col)
                name = (field_for_header(b) if isinstance(b, str) and b != a else None) or (
                    field_for_header(a) if isinstance(a, str) else None
                )
                if name and name not in combined:
                    combined[name] = col
            mapping = combined
    return index, height, mapping, tuple(headers)


# --- 4. rows -----------------------------------------------------------------------------------------


def _single_text(row: list[Any]) -> str | None:
    """The text of a row that carries one text only (merged across, or alone in its first cell)."""
    values = set(row)
    values.discard(None)
    if len(values) != 1:
        return None
    found = values.pop()
    return found if isinstance(found, str) else None


def _is_total(row: list[Any], name_col: int | None) -> bool:
    for first in row:
        if isinstance(first, str):
            break
    else:
        return False
    if first[:1] not in _TOTAL_INITIALS or not _TOTAL.match(fold(first)):
        return False
    name = _cell(row, name_col) if name_col is not None else None
    return name is None or name == first or not any(isinstance(v, str) and v != first for v in row)


def _data_rows(rows: list[list[Any]], start: int, name_col: int | None) -> tuple[list[DataRow], int]:
    """The data rows from *start* on (each with the text of the group row above it), and how many rows were
    set aside as group or total rows.

    A row whose first cell is a text that cannot start a total ("Cộng", "Tổng") and whose second cell holds
    another value is data (two values: not a group row's one text; not a total row): such rows are passed by
    one comprehension over the rows; only the others — empty, one text, starting with a number or a C/T —
    are looked at one by one."""
    part = rows[start:]
    odd = [i for i, r in enumerate(part)  # not plainly data: looked at below
           if len(r) < 2 or (f := r[0]).__class__ is not str or f[:1] in _TOTAL_INITIALS or r[1] is None or r[1] == f]  # fmt: skip
    dropped: set[int] = set()
    groups: list[tuple[int, str]] = []  # (index, text) of each group row
    skipped = 0
    for i in odd:
        row = part[i]
        empty = row.count(None)
        if empty == len(row):
            dropped.add(i)
            continue
        single = _single_text(row)
        if (single is not None and single[:1] in _TOTAL_INITIALS and _TOTAL.match(fold(single))) or _is_total(
            row, name_col
        ):
            skipped += 1
            dropped.add(i)
            continue
        if single is not None and (len(row) - empty > 1 or _looks_like_group(single)
                                   or name_col is None or _cell(row, name_col) is None):  # fmt: skip
            groups.append((i, single))
            skipped += 1
            dropped.add(i)
    first = start + 1  # Excel's row number of part[0]
    if not dropped:  # every row is data: the rows as they are
        return list(map(DataRow, range(first, first + len(part)), part, repeat(None))), skipped
    kept = [i for i in range(len(part)) if i not in dropped]
    if groups:
        marks = iter(groups + [(len(part), "")])
        upto, text = next(marks)
        group: str | None = None
        under: list[str | None] = []
        for i in kept:
            while i > upto:
                group = text
                upto, text = next(marks)
            under.append(group)
    else:
        under = [None] * len(kept)
    return list(map(DataRow, [first + i for i in kept], [part[i] for i in kept], under)), skipped


def _looks_like_group(text: str) -> bool:
    key = fold(text)
    return key.startswith(_GROUP_PREFIXES) or bool(re.match(r"^([ivx]+|[a-z]|\d+)[.)]\s", key))


def group_village_key(text: str) -> str:
    """"Thôn Đông (25 hộ)", "1. Bản Lũng" → "dong", "lung": the name as villages are matched."""
    key = re.sub(r"\(.*?\)", " ", fold(text))
    key = re.sub(r"^([ivx]+|[a-z]|\d+)[.)]\s*", "", key).strip(" .:-")
    return key


# --- the tables of a file ----------------------------------------------------------------------------


def read_tables(
    prepared: PreparedBook,
    mappings: dict[str, SheetMapping] | None = None,
    saved: dict[str, SheetMapping] | None = None,
) -> tuple[list[SheetTable], list[str]]:
    """The tables of every sheet whose header is recognised or mapped, and the names of the others.

    *mappings* (by sheet name) are the officer's choice for this file; *saved* (by header shape) are
    mappings kept from earlier files of the same template. Without either, headers are recognised."""
    tables: list[SheetTable] = []
    ignored: list[str] = []
    for grid in prepared.grids:
        rows = grid.rows
        chosen = (mappings or {}).get(grid.name)
        found = find_header(rows) if chosen is None else None
        if chosen is None and saved:
            for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
                shape = header_shape(tuple(text_of(v) for v in row))
                if shape in saved:
                    chosen = SheetMapping(index + 1, saved[shape].columns)
                    break
        if chosen is not None:
            index = max(0, chosen.header_row - 1)
            headers = tuple(text_of(v) for v in rows[index]) if index < len(rows) else ()
            mapping: dict[str, int] = {}
            for col, name in sorted(chosen.columns.items()):
                if name in FIELDS and name not in mapping:
                    mapping[name] = col
            height = 1
        elif found is not None:
            index, height, mapping, headers = found
        else:
            ignored.append(grid.name)
            continue
        start = index + height
        while start < len(rows) and (_is_numbering(rows[start]) or not any(v is not None for v in rows[start])):
            start += 1
        name_col = mapping.get("full_name", mapping.get("head_name"))
        data, skipped = _data_rows(rows, start, name_col)
        claimed = set(mapping.values())
        unmapped = tuple(h for i, h in enumerate(headers) if h.strip() and i not in claimed)
        tables.append(SheetTable(grid.name, index + 1, mapping, tuple(headers), unmapped, tuple(data),
                                 skipped + (start - index - height), from_mapping=chosen is not None))  # fmt: skip
    return tables, ignored
