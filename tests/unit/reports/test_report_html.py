"""reports: ListDocument → HTML for Qt, the SVG chart, cell formats. Pure, no Qt."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

from xaapp.reports.chart import bar_chart_svg
from xaapp.reports.document import (
    BarChart,
    Column,
    Group,
    HeaderBand,
    ListDocument,
    Signature,
    Table,
    format_cell,
)
from xaapp.reports.html import document_html, row_plan, running_header, table_html

COLUMNS = (
    Column("no", "STT", "int", 5),
    Column("name", "Họ và tên", "text", 25),
    Column("birth", "Ngày sinh", "date", 11),
    Column("amount", "Số tiền", "money", 12, summed=True),
)


def _table(**kw) -> Table:
    groups = (
        Group("Thôn Đồng Tâm (2 người)", ((1, "Lê Thị <b>Bình</b>", dt.date(1958, 7, 1), 750_000),
                                           (2, "Hà Thị Mai", 1990, 1_000_000)), subtotal=True),
        Group("Bản Lũng (1 người)", ((3, "Lò Văn Páo", None, 500_000),), subtotal=True),
    )  # fmt: skip
    return Table(COLUMNS, groups, grand_total=True, page_total_column="amount", **kw)


def test_cells_print_the_vietnamese_way() -> None:
    assert format_cell(1_500_000, "money") == "1.500.000 đ"
    assert format_cell(dt.date(2026, 7, 1), "date") == "01/07/2026"
    assert format_cell(1958, "date") == "1958"
    assert format_cell(0.125, "percent") == "12,5%"
    assert format_cell(1.5, "decimal") == "1,5" and format_cell(2.0, "decimal") == "2"
    assert format_cell(12345, "int") == "12.345"
    assert format_cell(None, "money") == ""


def test_table_html_has_a_repeating_head_subtotals_total_and_escapes_text() -> None:
    html = table_html(_table())
    assert html.count("<thead>") == 1 and "<th" in html.split("</thead>")[0]
    assert "Lê Thị &lt;b&gt;Bình&lt;/b&gt;" in html
    assert html.count("<b>Cộng</b>") == 2
    assert "<b>1.750.000 đ</b>" in html and "<b>2.250.000 đ</b>" in html  # subtotal, grand total
    assert "01/07/1958" in html and ">1990<" in html


def test_row_plan_matches_the_html_rows() -> None:
    for table in (_table(), _table(bands=(HeaderBand("", 2), HeaderBand("Tiền", 2)))):
        html = table_html(table)
        plan = row_plan(table)
        assert len(plan) == html.count("<tr>")
        assert [v for v in plan if v is not None] == [750_000, 1_000_000, 500_000]


def test_document_html_has_heading_title_words_signatures() -> None:
    doc = ListDocument(
        "payment", "DANH SÁCH CHI TRẢ", "Xã Bá Thước", dt.date(2026, 11, 28), (_table(),),
        subtitle="Tháng 07/2026", amount_in_words="Hai triệu hai trăm năm mươi nghìn đồng",
        signatures=(Signature("NGƯỜI LẬP BIỂU"), Signature("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "(Ký tên, đóng dấu)")),
    )  # fmt: skip
    html = document_html(doc)
    for text in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "ỦY BAN NHÂN DÂN<br/>XÃ BÁ THƯỚC",
                 "Bá Thước, ngày 28 tháng 11 năm 2026", "DANH SÁCH CHI TRẢ", "Tháng 07/2026",
                 "Số tiền bằng chữ: <i>Hai triệu hai trăm năm mươi nghìn đồng.</i>", "NGƯỜI LẬP BIỂU", "CHỦ TỊCH"):  # fmt: skip
        assert text in html, text
    assert running_header(doc) == "ỦY BAN NHÂN DÂN XÃ BÁ THƯỚC – DANH SÁCH CHI TRẢ – Tháng 07/2026"


def test_empty_table_says_so() -> None:
    table = Table(COLUMNS, (Group(None, ()),), grand_total=True, page_total_column="amount")
    html = table_html(table)
    assert "Không có hộ, người nào." in html
    assert len(row_plan(table)) == html.count("<tr>")


def test_bar_chart_is_valid_svg_with_a_bar_per_value() -> None:
    chart = BarChart("Hộ nghèo", ("Bản Lũng", "Thôn Đồng Tâm"), (("2025", (3, 12)), ("2026", (1, 9))))
    svg = bar_chart_svg(chart)
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    bars = [r for r in root.iter(f"{ns}rect") if r.get("fill") not in ("#ffffff",) and float(r.get("height")) > 0
            and r.get("y") != "12"]  # fmt: skip
    heights = sorted(float(b.get("height")) for b in bars)
    assert len(heights) == 4
    assert abs(heights[-1] / heights[0] - 12) < 0.1  # bars proportional to the values (1 decimal in SVG)
    texts = [t.text for t in root.iter(f"{ns}text")]
    assert "Thôn Đồng Tâm" in texts and "12" in texts and "2026" in texts
    assert re.search(r"<svg[^>]+viewBox", svg)
