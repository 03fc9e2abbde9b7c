"""The shape of a printable list: heading, tables of typed cells, totals, signatures, charts.

``services.list_documents`` fills a ``ListDocument`` from the database; ``reports.html`` turns it
into HTML for Qt to print, ``services.exports`` into an xlsx workbook. Cells keep their Python
types (``int`` money, ``date``, ``float`` ratios) so each output formats them its own way;
``format_cell`` is the printed form (money ``1.500.000 đ``, dates ``dd/mm/yyyy``, ``12,5%``).

A value that rests on a rule figure not verified is a :class:`Marked` cell: printed with its mark
("750.000 đ¹"), the mark explained by one of the document's ``footnotes``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from xaapp.domain.text import format_date, format_money

ColumnKind = Literal["text", "int", "year", "money", "date", "decimal", "percent", "signature"]
Orientation = Literal["portrait", "landscape"]

PROVINCE_NAME = "Tỉnh Thanh Hóa"
NATIONAL_HEADING = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
NATIONAL_MOTTO = "Độc lập - Tự do - Hạnh phúc"


@dataclass(frozen=True)
class Marked:
    """A cell value with a mark after it ("¹"): the value rests on a figure the footnote names."""

    value: Any
    mark: str


def plain(value: Any) -> Any:
    """The value of a cell without its mark."""
    return value.value if isinstance(value, Marked) else value


@dataclass(frozen=True)
class Column:
    """One column: a key, its printed header, the kind of value and a width in characters."""

    key: str
    title: str
    kind: ColumnKind = "text"
    width: float = 12.0
    #: Summed in village subtotals and the grand total.
    summed: bool = False


@dataclass(frozen=True)
class HeaderBand:
    """A header cell spanning ``span`` columns above the column titles ("Giảm", "Tăng")."""

    title: str
    span: int = 1


@dataclass(frozen=True)
class Group:
    """Rows under one heading row (a village); ``subtotal`` adds a "Cộng" row after them."""

    title: str | None
    rows: tuple[tuple[Any, ...], ...]
    subtotal: bool = False


@dataclass(frozen=True)
class Table:
    columns: tuple[Column, ...]
    groups: tuple[Group, ...]
    title: str | None = None
    #: Adds a "Tổng cộng" row summing the ``summed`` columns of every row.
    grand_total: bool = False
    #: Optional first header row of spanning bands; their spans must add up to the column count.
    bands: tuple[HeaderBand, ...] = ()
    #: Key of a money column whose per-page subtotal the printing code writes under each page.
    page_total_column: str | None = None
    #: A short name for the xlsx sheet holding this table (at most 31 characters).
    sheet_name: str = "Danh sách"
    #: The grand-total row when plain sums do not fit (rates recomputed over the totals).
    total_row: tuple[Any, ...] | None = None
    #: A mark after "Tổng cộng" when the total adds up marked values.
    total_mark: str = ""

    def rows(self) -> list[tuple[Any, ...]]:
        return [row for group in self.groups for row in group.rows]

    def index(self, key: str) -> int:
        for i, column in enumerate(self.columns):
            if column.key == key:
                return i
        raise KeyError(key)

    def sums(self, rows: Sequence[tuple[Any, ...]]) -> tuple[Any, ...]:
        """The subtotal row of *rows*: sums in ``summed`` columns, None elsewhere."""
        out: list[Any] = []
        for i, column in enumerate(self.columns):
            if column.summed:
                out.append(sum(plain(row[i]) or 0 for row in rows))
            else:
                out.append(None)
        return tuple(out)

    def grand_total_row(self) -> tuple[Any, ...] | None:
        if not self.grand_total:
            return None
        return self.total_row if self.total_row is not None else self.sums(self.rows())


@dataclass(frozen=True)
class Signature:
    """A signature block: the role in capitals, then a hint in italics, then the name (if known)."""

    role: str
    title: str = ""
    hint: str = "(Ký, ghi rõ họ tên)"
    name: str = ""


@dataclass(frozen=True)
class BarChart:
    """A grouped bar chart: one bar per series in each category."""

    title: str
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[int, ...]], ...]


@dataclass(frozen=True)
class ListDocument:
    """Everything a printed list shows, in the order it shows it."""

    key: str
    title: str
    commune_name: str
    date: dt.date
    tables: tuple[Table, ...]
    subtitle: str = ""
    orientation: Orientation = "portrait"
    #: "Số tiền bằng chữ: …" under the last table (payment lists).
    amount_in_words: str = ""
    notes: tuple[str, ...] = ()
    signatures: tuple[Signature, ...] = ()
    charts: tuple[BarChart, ...] = field(default_factory=tuple)
    #: Whether personal ID numbers on this list are masked (lists posted in public).
    public: bool = False
    #: The xlsx is a bare table for another program (a bank): header on row 1, data rows, nothing else.
    xlsx_plain: bool = False
    #: "¹ Chưa xác minh: …": what each mark in the document stands for (under the tables, on every sheet).
    footnotes: tuple[str, ...] = ()

    @property
    def place(self) -> str:
        """The place in "Bá Thước, ngày …": the commune name without "Xã"/"Phường"."""
        for prefix in ("Xã ", "Phường ", "Thị trấn "):
            if self.commune_name.startswith(prefix):
                return self.commune_name[len(prefix) :]
        return self.commune_name

    @property
    def authority(self) -> str:
        """The issuing body, upper case: "ỦY BAN NHÂN DÂN XÃ BÁ THƯỚC"."""
        return f"ỦY BAN NHÂN DÂN {self.commune_name.upper()}"

    @property
    def dateline(self) -> str:
        d = self.date
        return f"{self.place}, ngày {d.day:02d} tháng {d.month:02d} năm {d.year}"

    def row_count(self) -> int:
        return sum(len(t.rows()) for t in self.tables)


def format_percent(value: float) -> str:
    """A ratio 0.125 as Vietnamese lists print it: "12,5%"."""
    return f"{value * 100:.1f}".replace(".", ",") + "%"


def format_decimal(value: float) -> str:
    """A coefficient with a decimal comma and no trailing zeros: 1.5 -> "1,5"; 2.0 -> "2"."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def format_cell(value: Any, kind: ColumnKind) -> str:
    """The printed text of one cell."""
    if isinstance(value, Marked):
        return format_cell(value.value, kind) + value.mark
    if value is None or value == "":
        return ""
    if kind == "money":
        return format_money(int(value))
    if kind == "date":
        if isinstance(value, dt.date):
            return format_date(value)
        return str(value)  # a birth year alone
    if kind == "percent":
        return format_percent(float(value))
    if kind == "decimal":
        return format_decimal(float(value))
    if kind == "int":
        return f"{int(value):,}".replace(",", ".")
    if kind == "year":
        return str(int(value))
    return str(value)
