"""The summary report of a review year: results by village, deprivation counts, movement, a bar chart.

Indicator names come from the poverty standard in force for the year (``rules.standards``) and
movement columns from ``rules.movement`` (data the province can correct), so the tables follow
the rules without copies of them here. A table resting on figures the data does not mark verified —
the 2027–2030 standard and its provisional indicator list, every movement-table label — has a
numbered mark after its title, explained in the report's footnotes (``rules.figure_marks``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from xaapp.domain.text import sort_key
from xaapp.reports.document import (
    BarChart,
    Column,
    Group,
    HeaderBand,
    ListDocument,
    Signature,
    Table,
)
from xaapp.rules.figure_marks import FigureMarks
from xaapp.rules.figures import merge, movement_figure, year_figures
from xaapp.rules.movement import Movement, household_movement, movement_table
from xaapp.rules.standards import standard_for_year
from xaapp.services import listing
from xaapp.storage.db import Database


def _rate(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def results_table(rows: list[listing.VillageSummaryRow], year: int, mark: str = "") -> Table:
    columns = (
        Column("no", "STT", "int", 6),
        Column("village", "Thôn, bản", "text", 22),
        Column("households", "Tổng số hộ", "int", 10, summed=True),
        Column("reviewed", "Số hộ đã rà soát", "int", 10, summed=True),
        Column("poor", "Số hộ nghèo", "int", 10, summed=True),
        Column("poor_rate", "Tỷ lệ hộ nghèo", "percent", 10),
        Column("near_poor", "Số hộ cận nghèo", "int", 10, summed=True),
        Column("near_poor_rate", "Tỷ lệ hộ cận nghèo", "percent", 10),
    )
    body = tuple(
        (n, r.village, r.households, r.reviewed, r.poor, r.poor_rate, r.near_poor, r.near_poor_rate)
        for n, r in enumerate(rows, 1)
    )
    hh = sum(r.households for r in rows)
    poor = sum(r.poor for r in rows)
    near = sum(r.near_poor for r in rows)
    total = (None, None, hh, sum(r.reviewed for r in rows), poor, _rate(poor, hh), near, _rate(near, hh))
    return Table(columns, (Group(None, body),), title=f"Biểu 1. Kết quả rà soát hộ nghèo, hộ cận nghèo năm {year} theo thôn{mark}",
                 grand_total=True, total_row=total, sheet_name="Kết quả theo thôn")  # fmt: skip


def deprivation_table(counts: dict[str, dict[str, int]], year: int, mark: str = "") -> Table:
    standard = standard_for_year(year)
    indicators = [(i.code, i.name_vi) for i in standard.indicators.indicators] if standard else []
    known = {code for code, _ in indicators}
    for bucket in counts.values():  # codes found in reviews but not in the year's list still count
        for code in sorted(bucket):
            if not code.startswith("_") and code not in known:
                indicators.append((code, code))
                known.add(code)
    poor_n = counts.get("poor", {}).get("_households", 0)
    near_n = counts.get("near_poor", {}).get("_households", 0)
    columns = (
        Column("no", "STT", "int", 6),
        Column("indicator", "Chỉ số thiếu hụt", "text", 36),
        Column("poor", "Số hộ", "int", 9),
        Column("poor_rate", "Tỷ lệ", "percent", 9),
        Column("near_poor", "Số hộ", "int", 9),
        Column("near_poor_rate", "Tỷ lệ", "percent", 9),
    )
    body = []
    for n, (code, name) in enumerate(indicators, 1):
        p = counts.get("poor", {}).get(code, 0)
        q = counts.get("near_poor", {}).get(code, 0)
        body.append((n, name[:1].upper() + name[1:], p, _rate(p, poor_n), q, _rate(q, near_n)))
    total = (None, "Số hộ", poor_n, None, near_n, None)
    title = f"Biểu 2. Chỉ số thiếu hụt dịch vụ xã hội cơ bản của hộ nghèo, hộ cận nghèo năm {year}"
    if standard is not None and standard.indicators.provisional:
        title += " (danh mục chỉ số tạm thời)"
    title += mark
    return Table(
        columns,
        (Group(None, tuple(body)),),
        title=title,
        grand_total=True,
        total_row=total,
        bands=(
            HeaderBand("", 2),
            HeaderBand(f"Hộ nghèo ({poor_n} hộ)", 2),
            HeaderBand(f"Hộ cận nghèo ({near_n} hộ)", 2),
        ),
        sheet_name="Thiếu hụt",
    )


def movement_tables(
    db: Database,
    year: int,
    village_id: int | None,
    history: dict[int, dict[int, str]] | None = None,
    mark: str = "",
) -> tuple[Table, Table, int]:
    """Poor and near-poor movement by village from *year* - 1 to *year* (``rules.movement``).

    Returns both tables and how many households with a class last year have no completed review
    this year: they are left out (the table would otherwise count them as having left poverty) and
    the report says so. *history* ({year: {household: class}}) may be passed when already loaded.
    """
    if history is None:
        history = listing.classes_by_year(db, range(year - 5, year + 1), village_id)
    village_of = listing.household_villages(db)
    names = {v.id: v.name for v in listing.villages(db)}
    if village_id is not None:
        names = {village_id: names.get(village_id, "")}
    ordered = sorted(names.items(), key=lambda kv: sort_key(kv[1]))
    per_village: dict[int, list[Movement]] = defaultdict(list)
    pending = 0
    households = set().union(*(set(by_hh) for by_hh in history.values())) if history else set()
    for hid in households:
        vid = village_of.get(hid)
        if vid not in names:
            continue
        classes = {y: by_hh[hid] for y, by_hh in history.items() if hid in by_hh}
        if year not in classes:
            pending += int(classes.get(year - 1) in ("poor", "near_poor"))
            continue
        per_village[vid].append(household_movement(classes, year))
    tables: list[Table] = []
    for group, number, word in (("poor", "3", "nghèo"), ("near_poor", "4", "cận nghèo")):
        counted = [(name, movement_table(per_village[vid], group)) for vid, name in ordered]
        spec = movement_table([], group).columns
        body = tuple((n, name, *(c.count for c in t.columns)) for n, (name, t) in enumerate(counted, 1))
        columns = (
            Column("no", "STT", "int", 6),
            Column("village", "Thôn, bản", "text", 20),
            *(Column(c.code, c.vi, "int", 10, summed=True) for c in spec),
        )
        bands = [HeaderBand("", 2)]
        for c in spec:
            label = {"decrease": "Giảm", "increase": "Tăng"}.get(c.kind, "")
            if label and bands[-1].title == label:
                bands[-1] = HeaderBand(label, bands[-1].span + 1)
            else:
                bands.append(HeaderBand(label, 1))
        title = f"Biểu {number}. Diễn biến hộ {word} năm {year - 1} – {year}{mark}"
        tables.append(Table(columns, (Group(None, body),), title=title, grand_total=True, bands=tuple(bands),
                            sheet_name=f"Diễn biến hộ {word}"))  # fmt: skip
    return tables[0], tables[1], pending


def class_chart(
    db: Database,
    year: int,
    village_id: int | None,
    history: dict[int, dict[int, str]] | None = None,
    mark: str = "",
) -> BarChart:
    """Poor and near-poor households per village in *year* - 1 and *year* (every completed review)."""
    if history is None:
        history = listing.classes_by_year(db, [year - 1, year], village_id)
    village_of = listing.household_villages(db)
    found = listing.villages(db)
    names = [v for v in found if village_id is None or v.id == village_id]
    counts: dict[tuple[int, int, str], int] = defaultdict(int)
    for y, by_hh in history.items():
        for hid, cls in by_hh.items():
            if y in (year - 1, year) and hid in village_of:
                counts[(y, village_of[hid], cls)] += 1
    series = tuple(
        (f"{label} {y}", tuple(counts[(y, v.id, cls)] for v in names))
        for cls, label in (("poor", "Hộ nghèo"), ("near_poor", "Hộ cận nghèo"))
        for y in (year - 1, year)
    )
    return BarChart(
        title=f"Số hộ nghèo, hộ cận nghèo theo thôn, năm {year - 1} và năm {year}{mark}",
        categories=tuple(v.name for v in names),
        series=series,
    )


def summary_document(db: Database, year: int, village_id: int | None, today: dt.date,
                     signatures: tuple[Signature, ...] = ()) -> ListDocument:  # fmt: skip
    rows = listing.village_summary_rows(db, year)
    if village_id is not None:
        names = {v.id: v.name for v in listing.villages(db)}
        rows = [r for r in rows if r.village == names.get(village_id)]
    counts = listing.deprivation_counts(db, year, village_id)
    history = listing.classes_by_year(db, range(year - 5, year + 1), village_id)
    marks = FigureMarks()
    this_year, last_year = year_figures(year), year_figures(year - 1)
    results_mark = marks.mark(this_year)
    move_mark = marks.mark(merge((movement_figure(),), last_year, this_year))
    chart_mark = marks.mark(merge(last_year, this_year))
    poor_move, near_move, pending = movement_tables(db, year, village_id, history, move_mark)
    chart = class_chart(db, year, village_id, history, chart_mark)
    drafts = listing.review_counts(db, year, village_id).draft
    notes = []
    if drafts:
        notes.append(f"Ghi chú: {drafts} hộ có phiếu rà soát năm {year} chưa hoàn thành, chưa được tính.")
    if pending:
        notes.append(
            f"{pending} hộ nghèo, cận nghèo năm {year - 1} chưa có kết quả rà soát năm {year}: "
            "chưa tính vào biểu diễn biến."
        )
    return ListDocument(
        key="summary",
        title=f"TỔNG HỢP KẾT QUẢ RÀ SOÁT HỘ NGHÈO, HỘ CẬN NGHÈO NĂM {year}",
        subtitle="Kết quả theo thôn, chỉ số thiếu hụt và diễn biến",
        commune_name=listing.commune_info(db).name,
        date=today,
        orientation="landscape",
        tables=(
            results_table(rows, year, results_mark),
            deprivation_table(counts, year, results_mark),
            poor_move,
            near_move,
        ),
        notes=tuple(notes),
        footnotes=marks.footnotes(),
        signatures=signatures,
        charts=(chart,),
    )
