"""xlsx export: read each workbook back with openpyxl and compare with the database."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "reports"))

from listdata import MONTH, NEAR_POOR, PAYMENT_TOTAL, PAYMENT_WORDS, POOR, YEAR, make_db  # noqa: E402

from xaapp.reports.document import Column, Group, ListDocument, Table  # noqa: E402
from xaapp.services import listing, listing_payment  # noqa: E402
from xaapp.services.exports import write_xlsx  # noqa: E402
from xaapp.services.list_documents import build_document  # noqa: E402

TODAY = dt.date(2026, 11, 28)


@pytest.fixture
def commune(tmp_path: Path):
    return make_db(tmp_path)


def _find_header(ws, first_title: str) -> int:
    for row in ws.iter_rows(min_col=1, max_col=1):
        if row[0].value == first_title:
            return row[0].row
    raise AssertionError(f"no header row starting with {first_title!r}")


def test_payment_xlsx_has_header_rows_totals_and_print_setup(commune, tmp_path: Path) -> None:
    db, _ids = commune
    path = write_xlsx(build_document(db, "payment", month=MONTH, today=TODAY), tmp_path / "chi-tra.xlsx")
    ws = load_workbook(path).worksheets[0]
    header = _find_header(ws, "STT")
    titles = [c.value for c in ws[header]]
    assert titles == ["STT", "Họ và tên", "Ngày sinh", "Khoản (Điều 5)", "Hệ số", "Số tiền (đồng)", "Ký nhận"]
    assert all(c.font.b for c in ws[header])
    assert ws.freeze_panes == f"A{header + 1}"
    assert ws.print_title_rows == f"${header}:${header}"
    assert int(ws.page_setup.paperSize) == 9 and ws.page_setup.orientation == "portrait"
    assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.column_dimensions["B"].width > ws.column_dimensions["A"].width
    data = [r for r in ws.iter_rows(min_row=header + 1, values_only=True) if isinstance(r[0], int)]
    expected = listing_payment.payment_rows(db, MONTH)
    assert [(r[1], r[5]) for r in data] == [(p.full_name, p.amount) for p in expected]
    binh = next(r for r in ws.iter_rows(min_row=header + 1) if r[1].value == "Lê Thị Bình")
    assert binh[2].value == dt.datetime(1958, 7, 1) and binh[2].number_format == "dd/mm/yyyy"
    assert binh[5].number_format == "#,##0"
    total = next(r for r in ws.iter_rows(min_row=header + 1, values_only=True) if r[1] == "Tổng cộng")
    assert total[5] == PAYMENT_TOTAL
    texts = [r[0] for r in ws.iter_rows(values_only=True) if isinstance(r[0], str)]
    assert f"Số tiền bằng chữ: {PAYMENT_WORDS}." in texts
    every = {v for r in ws.iter_rows(values_only=True) for v in r if isinstance(v, str)}
    assert {"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Bá Thước, ngày 28 tháng 11 năm 2026",
            "NGƯỜI LẬP BIỂU", "KẾ TOÁN", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"} <= every  # fmt: skip


def test_posting_xlsx_one_sheet_per_part_with_masked_ids(commune, tmp_path: Path) -> None:
    db, _ids = commune
    path = write_xlsx(build_document(db, "posting", year=YEAR, today=TODAY), tmp_path / "niem-yet.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames == ["HỘ NGHÈO", "HỘ CẬN NGHÈO"]
    for ws, names in zip(wb.worksheets, (POOR, NEAR_POOR), strict=True):
        header = _find_header(ws, "STT")
        assert ws.page_setup.orientation == "landscape"
        rows = [r for r in ws.iter_rows(min_row=header + 1, values_only=True) if isinstance(r[0], int)]
        assert [r[1] for r in rows] == names
        assert all(r[3] is None or "******" in r[3] for r in rows)


def test_escaped_xlsx_matches_the_rows_of_the_database(commune, tmp_path: Path) -> None:
    db, _ids = commune
    wb = load_workbook(write_xlsx(build_document(db, "escaped", year=YEAR, today=TODAY), tmp_path / "e.xlsx"))
    expected = listing.escaped_rows(db, YEAR)
    got = []
    for ws in wb.worksheets:
        header = _find_header(ws, "STT")
        assert [c.value for c in ws[header]][6:8] == ["Năm 2025", "Năm 2026"]
        got += [
            (r[1], r[6], r[7])
            for r in ws.iter_rows(min_row=header + 1, values_only=True)
            if isinstance(r[0], int)
        ]
    assert got == [(r.head_name, r.previous_label, r.class_label) for r in expected]
    assert got == [
        ("Nguyễn Văn Ân", "Hộ nghèo", "Hộ cận nghèo"),
        ("Hà Văn An", "Hộ cận nghèo", "Hộ có mức sống trung bình"),
    ]


def test_bank_file_is_a_bare_table_of_accounts(commune, tmp_path: Path) -> None:
    db, _ids = commune
    path = write_xlsx(build_document(db, "bank", month=MONTH, today=TODAY), tmp_path / "bank.xlsx")
    ws = load_workbook(path).worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == (
        "STT",
        "Số tài khoản",
        "Ngân hàng",
        "Họ và tên",
        "Số tiền (đồng)",
        "Nội dung chuyển khoản",
    )
    assert rows[1:] == [
        (1, "4011205123456", "Agribank Bá Thước", "Hà Thị Mai", 1_000_000, "Trợ cấp xã hội tháng 07/2026")
    ]
    assert (
        ws.freeze_panes == "A2" and ws["A2"].data_type == "n" and ws["B2"].data_type == "s"
    )  # account kept as text


def test_summary_xlsx_has_every_table(commune, tmp_path: Path) -> None:
    db, _ids = commune
    doc = build_document(db, "summary", year=YEAR, today=TODAY)
    wb = load_workbook(write_xlsx(doc, tmp_path / "tong-hop.xlsx"))
    assert len(wb.worksheets) == 4
    ws = wb.worksheets[0]
    total = next(r for r in ws.iter_rows(values_only=True) if r[1] == "Tổng cộng")
    assert total[2:5] == (6, 5, 2)
    assert wb.worksheets[2]["A1"].value == "ỦY BAN NHÂN DÂN XÃ BÁ THƯỚC"


def test_text_that_looks_like_a_formula_is_stored_as_text(tmp_path: Path) -> None:
    columns = (Column("no", "STT", "int"), Column("name", "Họ và tên"), Column("amount", "Số tiền", "money"))
    rows = ((1, '=HYPERLINK("http://x","bấm")', 5), (2, "+84 912", -3), (3, "-1+2", 0), (4, "@SUM(A1)", 1))
    doc = ListDocument("t", "T", "Xã Bá Thước", TODAY, (Table(columns, (Group(None, rows),)),))
    ws = load_workbook(write_xlsx(doc, tmp_path / "x.xlsx")).worksheets[0]
    cells = [r[1] for r in ws.iter_rows() if isinstance(r[0].value, int)]
    assert [c.value for c in cells] == [r[1] for r in rows]
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)
    amounts = [r[2].value for r in ws.iter_rows() if isinstance(r[0].value, int)]
    assert amounts == [5, -3, 0, 1]  # numbers stay numbers


def _cells(path: Path) -> list[list[tuple]]:
    return [
        [
            [(c.value, c.number_format, c.font.b, c.font.i, c.border.left.style, c.quotePrefix, c.alignment.wrap_text)
             for c in row]
            for row in ws.iter_rows()
        ]
        for ws in load_workbook(path).worksheets
    ]  # fmt: skip


def test_cells_written_the_fast_way_equal_those_made_the_plain_way(
    commune, tmp_path: Path, monkeypatch
) -> None:
    """The rows go to openpyxl through this module's own cell conversion (half the time of openpyxl's);
    the workbook is the same as the one openpyxl's plain cells give: values, types, formats and styles."""
    from xaapp.services import exports

    db, _ids = commune
    for key, kwargs in (
        ("payment", {"month": MONTH}),
        ("summary", {"year": YEAR}),
        ("posting", {"year": YEAR}),
    ):
        doc = build_document(db, key, today=TODAY, **kwargs)
        fast = write_xlsx(doc, tmp_path / f"{key}-fast.xlsx")
        monkeypatch.setattr(exports, "FAST_ROWS", False)
        plain = write_xlsx(doc, tmp_path / f"{key}-plain.xlsx")
        monkeypatch.setattr(exports, "FAST_ROWS", True)
        assert _cells(fast) == _cells(plain)
        assert any(v[0] is not None for sheet in _cells(fast) for row in sheet for v in row)


def test_a_long_village_is_written_with_progress_every_few_rows(tmp_path: Path) -> None:
    """Progress comes every ``TICK_ROWS`` rows, not once per village: the bar moves, a stop is heard
    within a few milliseconds, and the app's worker hands the interpreter lock to the window there."""
    from xaapp.services.exports import TICK_ROWS

    columns = (Column("no", "STT", "int"), Column("name", "Họ và tên"))
    big = tuple((i, f"Người {i}") for i in range(1, 3 * TICK_ROWS + 11))
    small = ((1, "Hà"), (2, "Lan"))
    doc = ListDocument("t", "T", "Xã Bá Thước", TODAY, (Table(columns, (Group("Thôn Đông", big), Group("Bản Pặt", small))),))
    ticks: list[int] = []
    ws = load_workbook(write_xlsx(doc, tmp_path / "x.xlsx", ticks.append)).worksheets[0]
    assert ticks == [TICK_ROWS, TICK_ROWS, TICK_ROWS, 10, 2]
    assert sum(1 for r in ws.iter_rows(values_only=True) if isinstance(r[0], int)) == len(big) + len(small)
