"""The yearly report's tables (Biểu 1–4) summed over communes, or over one commune's villages.

The laptop prints them for one commune (``services.list_summary``); the province sees the same
columns with one row per commune (or per village when it opens a commune), made from the
console's tallies. Indicator names come from the poverty standard in force for the year and the
movement columns from ``rules.movement`` (the province's data files), exactly as on the laptop.
``workbook`` writes them as an Excel file, one sheet per table.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from xaapp.rules.movement import movement_table
from xaapp.rules.standards import standard_for_year


@dataclass(frozen=True)
class Col:
    key: str
    vi: str
    en: str
    kind: str = "int"  # int | percent | text


@dataclass(frozen=True)
class Row:
    label: str
    link: str | None  # the key to drill into (commune code or village uuid), None for none
    values: tuple[Any, ...]
    label_en: str = ""  # when the label is a word rather than a name (indicators)


@dataclass(frozen=True)
class ReportTable:
    key: str
    title_vi: str
    title_en: str
    label_vi: str
    label_en: str
    columns: tuple[Col, ...]
    rows: tuple[Row, ...]
    total: tuple[Any, ...]
    bands: tuple[tuple[str, str, int], ...] = ()  # (vi, en, span) over the value columns
    drill: bool = True


@dataclass(frozen=True)
class Report:
    year: int
    level: str  # "province" or "commune"
    tables: tuple[ReportTable, ...]
    notes: tuple[tuple[str, str], ...]


def _rate(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def build(year: int, level: str, units: list[tuple[str, str, dict[str, int]]]) -> Report:
    """*units*: (key, name, tallies) per row, already sorted; tallies as ``queries.tallies`` gives them."""
    unit_word = ("Xã, phường", "Commune") if level == "province" else ("Thôn, bản", "Village")
    b1_cols = (
        Col("households", "Tổng số hộ", "Households"),
        Col("final", "Số hộ đã rà soát", "Households reviewed"),
        Col("poor", "Số hộ nghèo", "Poor households"),
        Col("poor_rate", "Tỷ lệ hộ nghèo", "Poverty rate", "percent"),
        Col("near_poor", "Số hộ cận nghèo", "Near-poor households"),
        Col("near_poor_rate", "Tỷ lệ hộ cận nghèo", "Near-poverty rate", "percent"),
    )

    def b1(t: dict[str, int]) -> tuple[Any, ...]:
        hh, poor, near = t.get("households", 0), t.get("cls:poor", 0), t.get("cls:near_poor", 0)
        return (hh, t.get("final", 0), poor, _rate(poor, hh), near, _rate(near, hh))

    total: dict[str, int] = {}
    for _k, _n, t in units:
        for metric, n in t.items():
            total[metric] = total.get(metric, 0) + n
    b1_table = ReportTable(
        "b1",
        f"Biểu 1. Kết quả rà soát hộ nghèo, hộ cận nghèo năm {year}",
        f"Table 1. Poor and near-poor household review results, {year}",
        *unit_word,
        b1_cols,
        tuple(Row(name, key, b1(t)) for key, name, t in units),
        b1(total),
    )

    standard = standard_for_year(year)
    indicators = [(i.code, i.name_vi, i.name_en) for i in standard.indicators.indicators] if standard else []
    known = {c for c, _, _ in indicators}
    for metric in sorted(total):
        if metric.startswith("dep:"):
            code = metric.split(":", 2)[2]
            if code not in known:  # found in reviews but not in the year's list: still counted
                indicators.append((code, code, code))
                known.add(code)
    poor_n, near_n = total.get("cls:poor", 0), total.get("cls:near_poor", 0)
    b2_rows = []
    for code, vi, en in indicators:
        p, q = total.get(f"dep:poor:{code}", 0), total.get(f"dep:near_poor:{code}", 0)
        b2_rows.append(
            Row(
                f"{vi[:1].upper()}{vi[1:]}" if vi else en,
                None,
                (p, _rate(p, poor_n), q, _rate(q, near_n)),
                en,
            )
        )
    b2_title = f"Biểu 2. Chỉ số thiếu hụt dịch vụ xã hội cơ bản của hộ nghèo, hộ cận nghèo năm {year}"
    if standard is not None and standard.indicators.provisional:
        b2_title += " (danh mục chỉ số tạm thời)"
    b2_table = ReportTable(
        "b2",
        b2_title,
        f"Table 2. Deprivations of poor and near-poor households, {year}",
        "Chỉ số thiếu hụt",
        "Indicator",
        (
            Col("poor", "Số hộ", "Households"),
            Col("poor_rate", "Tỷ lệ", "Share", "percent"),
            Col("near_poor", "Số hộ", "Households"),
            Col("near_poor_rate", "Tỷ lệ", "Share", "percent"),
        ),
        tuple(b2_rows),
        (poor_n, None, near_n, None),
        bands=(
            (f"Hộ nghèo ({poor_n} hộ)", f"Poor ({poor_n})", 2),
            (f"Hộ cận nghèo ({near_n} hộ)", f"Near-poor ({near_n})", 2),
        ),
        drill=False,
    )

    movement = []
    for table, number, word, word_en in (
        ("poor", 3, "nghèo", "poor"),
        ("near_poor", 4, "cận nghèo", "near-poor"),
    ):
        spec = movement_table([], table).columns
        cols = tuple(Col(c.code, c.vi, c.en) for c in spec)
        bands: list[tuple[str, str, int]] = []
        for c in spec:
            vi, en = {"decrease": ("Giảm", "Decrease"), "increase": ("Tăng", "Increase")}.get(
                c.kind, ("", "")
            )
            if bands and vi and bands[-1][0] == vi:
                bands[-1] = (vi, en, bands[-1][2] + 1)
            else:
                bands.append((vi, en, 1))

        def values(t: dict[str, int], table: str = table, spec: Any = spec) -> tuple[Any, ...]:
            return tuple(t.get(f"mv:{table}:{c.code}", 0) for c in spec)

        movement.append(
            ReportTable(
                f"b{number}",
                f"Biểu {number}. Diễn biến hộ {word} năm {year - 1} – {year}",
                f"Table {number}. Movement of {word_en} households {year - 1}–{year}",
                *unit_word,
                cols,
                tuple(Row(name, key, values(t)) for key, name, t in units),
                values(total),
                bands=tuple(bands),
            )
        )
    notes = []
    if total.get("draft"):
        notes.append(
            (
                f"Ghi chú: {total['draft']} hộ có phiếu rà soát năm {year} chưa hoàn thành, chưa được tính.",
                f"Note: {total['draft']} households with an unfinished {year} review are not counted.",
            )
        )
    if total.get("pending"):
        notes.append(
            (
                f"{total['pending']} hộ nghèo, cận nghèo năm {year - 1} chưa có kết quả rà soát năm {year}: "
                "chưa tính vào biểu diễn biến.",
                f"{total['pending']} poor or near-poor households of {year - 1} have no {year} result yet: "
                "left out of the movement tables.",
            )
        )
    return Report(year, level, (b1_table, b2_table, *movement), tuple(notes))


def workbook(report: Report, heading: str) -> bytes:
    """The report as xlsx: one sheet per table, title, band and header rows, a total row."""
    wb = Workbook()
    if wb.active is not None:
        wb.remove(wb.active)
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    bold = Font(bold=True)
    for table in report.tables:
        ws = wb.create_sheet(title=f"Biểu {table.key[1:]}")
        width = 2 + len(table.columns)
        ws.append([heading])
        ws.append([table.title_vi])
        ws["A1"].font = ws["A2"].font = Font(bold=True, size=12)
        ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
        header_row = 3
        if table.bands:
            band_cells: list[Any] = ["", ""]
            for vi, _en, span in table.bands:
                band_cells += [vi] + [""] * (span - 1)
            ws.append(band_cells)
            col = 3
            for _vi, _en, span in table.bands:
                if span > 1:
                    ws.merge_cells(start_row=3, start_column=col, end_row=3, end_column=col + span - 1)
                col += span
            header_row = 4
        ws.append(["STT", table.label_vi, *(c.vi for c in table.columns)])
        for cells in ws.iter_rows(min_row=3, max_row=header_row):
            for cell in cells:
                cell.font = bold
                cell.border = border
                cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        for n, row in enumerate(table.rows, 1):
            ws.append([n, row.label, *row.values])
        ws.append([None, "Tổng cộng" if table.drill else "Số hộ", *table.total])
        last = ws.max_row
        for cells in ws.iter_rows(min_row=header_row + 1, max_row=last):
            for cell in cells:
                cell.border = border
        for cell in ws[last]:
            cell.font = bold
        for i, c in enumerate(table.columns, 3):
            if c.kind == "percent":
                for (cell,) in ws.iter_rows(min_row=header_row + 1, max_row=last, min_col=i, max_col=i):
                    cell.number_format = "0.0%"
            else:
                for (cell,) in ws.iter_rows(min_row=header_row + 1, max_row=last, min_col=i, max_col=i):
                    cell.number_format = "#,##0"
        ws.column_dimensions["A"].width = 6
        ws.column_dimensions["B"].width = 36
        for i in range(3, width + 1):
            ws.column_dimensions[get_column_letter(i)].width = 13
        ws.freeze_panes = ws.cell(row=header_row + 1, column=3)
        for vi, _en in report.notes:
            ws.append([None, vi])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
