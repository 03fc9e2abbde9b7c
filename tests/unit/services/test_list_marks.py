"""Printed lists mark every value that rests on a rule figure not marked verified, and say which in a
footnote: in the HTML (print, PDF) and in the Excel file. The small commune of listdata gets a student
paid under clause 5.2 (the "up to 22" reading, unverified) and a 2027 review (the 2027–2030 standard)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "reports"))

from listdata import MONTH, PAYMENT_TOTAL, make_db  # noqa: E402

from xaapp.reports.document import Marked  # noqa: E402
from xaapp.reports.html import document_html  # noqa: E402
from xaapp.services.exports import write_xlsx  # noqa: E402
from xaapp.services.list_documents import build_document  # noqa: E402
from xaapp.storage.orm import AllowancePeriod, Beneficiary, Household, Person, PovertyReview  # noqa: E402

TODAY = dt.date(2026, 11, 28)
UP_TO_22 = "¹ Chưa xác minh: hệ số 1,5 của diện 5.2"


@pytest.fixture
def commune(tmp_path: Path):
    db, ids = make_db(tmp_path)
    with db.session(actor="test") as s:
        hh = s.scalars(select_household(ids["ban_lung"])).first()
        student = Person(household_id=hh.id, position=9, full_name="Lò Thị Xuân", sex="female",
                         dob=dt.date(2007, 5, 1), relationship_to_head="child")  # fmt: skip
        s.add(student)
        s.flush()
        b = Beneficiary(person_id=student.id, clauses=["5.2"], status="active", start_month="2026-01",
                        bank_account="4011205999999", bank_name="Agribank Bá Thước")  # fmt: skip
        s.add(b)
        s.flush()
        s.add(AllowancePeriod(beneficiary_id=b.id, from_month="2026-01", standard_level=500_000, coefficient=1.5,
                              amount=750_000))  # fmt: skip
        s.add(PovertyReview(household_id=hh.id, review_year=2027, kind="periodic", status="final",
                            result_class="poor", result={"classification": "poor", "deprivations": [],
                                                         "reason": {"vi": "Thu nhập dưới chuẩn", "en": ""}},
                            answers={}))  # fmt: skip
    return db


def select_household(village_id: int):
    from sqlalchemy import select

    return select(Household).where(Household.village_id == village_id).order_by(Household.id)


def amount_cells(doc) -> dict[str, object]:
    table = doc.tables[0]
    name, amount = table.index("name"), table.index("amount")
    return {row[name]: row[amount] for row in table.rows()}


def test_payment_list_marks_the_amount_under_the_up_to_22_reading(commune) -> None:
    doc = build_document(commune, "payment", month=MONTH, today=TODAY)
    cells = amount_cells(doc)
    assert cells["Lò Thị Xuân"] == Marked(750_000, "¹")
    assert cells["Hà Thị Mai"] == 1_000_000 and cells["Lê Thị Bình"] == 750_000  # verified: no mark
    (footnote,) = doc.footnotes
    assert footnote.startswith(UP_TO_22) and "đọc là dưới 22" in footnote
    assert doc.tables[0].grand_total_row()[doc.tables[0].index("amount")] == PAYMENT_TOTAL + 750_000
    html = document_html(doc)
    assert "750.000 đ¹" in html and "Tổng cộng¹" in html and "Chưa xác minh: hệ số 1,5 của diện 5.2" in html


def test_payment_xlsx_keeps_numbers_shows_the_mark_and_the_footnote(commune, tmp_path: Path) -> None:
    doc = build_document(commune, "payment", month=MONTH, today=TODAY)
    ws = load_workbook(write_xlsx(doc, tmp_path / "chi-tra.xlsx")).worksheets[0]
    rows = {r[1].value: r for r in ws.iter_rows() if isinstance(r[0].value, int)}
    xuan, mai = rows["Lò Thị Xuân"][5], rows["Hà Thị Mai"][5]
    assert xuan.value == 750_000 and xuan.data_type == "n" and xuan.number_format == '#,##0"¹"'
    assert mai.value == 1_000_000 and mai.number_format == "#,##0"
    texts = [v for r in ws.iter_rows(values_only=True) for v in r if isinstance(v, str)]
    assert any(t.startswith(UP_TO_22) for t in texts) and "Tổng cộng¹" in texts


def test_the_bank_file_stays_bare_while_its_printed_list_is_marked(commune, tmp_path: Path) -> None:
    doc = build_document(commune, "bank", month=MONTH, today=TODAY)
    assert "750.000 đ¹" in document_html(doc) and doc.footnotes[0].startswith(UP_TO_22)
    ws = load_workbook(write_xlsx(doc, tmp_path / "bank.xlsx")).worksheets[0]
    values = list(ws.iter_rows(values_only=True))
    assert [r[3] for r in values[1:]] == ["Hà Thị Mai", "Lò Thị Xuân"]
    assert all("¹" not in (c.number_format or "") for r in ws.iter_rows() for c in r)
    assert not any(isinstance(v, str) and "xác minh" in v for r in values for v in r)


def test_summary_marks_the_movement_tables_and_names_their_labels(commune, tmp_path: Path) -> None:
    doc = build_document(commune, "summary", year=2026, today=TODAY)
    titles = [t.title for t in doc.tables]
    assert not titles[0].endswith("¹") and not titles[1].endswith("¹")  # 2022–2025 standard: verified
    assert titles[2].startswith("Biểu 3.") and titles[2].endswith("¹") and titles[3].endswith("¹")
    (footnote,) = doc.footnotes
    assert footnote.startswith("¹ Chưa xác minh: tên cột, nhãn biểu diễn biến")
    wb = load_workbook(write_xlsx(doc, tmp_path / "tong-hop.xlsx"))
    for ws in wb.worksheets[2:]:
        texts = [v for r in ws.iter_rows(values_only=True) for v in r if isinstance(v, str)]
        assert any(t.endswith("¹") and t.startswith("Biểu") for t in texts) and footnote in texts


def test_lists_of_2027_rest_on_the_secondary_standard_and_provisional_indicators(commune) -> None:
    posting = build_document(commune, "posting", year=2027, today=TODAY)
    (row,) = posting.tables[0].rows()
    reason = row[posting.tables[0].index("reason")]
    assert isinstance(reason, Marked) and reason.mark == "¹,²"
    first, second = posting.footnotes
    assert first.startswith("¹ Nguồn thứ cấp: chuẩn nghèo 2027-2030 (chuẩn thu nhập")
    assert second.startswith("² Chưa xác minh: danh mục chỉ số thiếu hụt 2027-2030 (tạm thời)")
    summary = build_document(commune, "summary", year=2027, today=TODAY)
    assert all(t.title.endswith(("¹,²", "¹,²,³")) for t in summary.tables)
    assert summary.charts[0].title.endswith("¹,²")


def test_lists_resting_on_verified_figures_have_no_marks(commune) -> None:
    for name in ("posting", "escaped"):
        doc = build_document(commune, name, year=2026, today=TODAY)
        assert doc.footnotes == ()
        assert not any(isinstance(v, Marked) for t in doc.tables for r in t.rows() for v in r)


def test_the_status_survives_the_saved_review_classification() -> None:
    # services.reviews.classify_answers drops the rules' "notes"; "status" and "not_verified" stay with the
    # result stored on the review, which the posting and escaped lists read.
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "forms_engine"))
    from forms_household import HEAD, SON_10, SPOUSE, fill_household, new_session

    from xaapp.services.reviews import classify_answers

    session = fill_household(new_session(), [HEAD, SPOUSE, SON_10])
    session.answer("general/review_year", 2027)
    session.answer("housing/waste_disposal", "collected")  # asked from 2027 (the 2027–2030 list)
    session.answer("general/village", "Thôn Đông")
    session.answer("income/income_wages", 24_000_000)
    session.answer("income/income_farming", 12_000_000)
    session.answer("income/income_business", 0)
    session.answer("causes/poverty_causes", ["no_capital"])
    result = classify_answers(session.to_json()["instance"])
    assert result is not None and "notes" not in result
    assert result["status"] == "unverified"
    assert "poverty_standards.records[2027-2030]" in {f["key"] for f in result["not_verified"]}


def test_export_command_names_the_figures_behind_its_marks(tmp_path: Path, capsys) -> None:
    from xaapp.cli import main

    make_db(tmp_path)
    out = tmp_path / "tong-hop.xlsx"
    assert main(["export", "--data-dir", str(tmp_path / "data"), "--list", "summary", "--year", "2026",
                 "-o", str(out)]) == 0  # fmt: skip
    printed = capsys.readouterr().out.splitlines()
    assert printed[-1].startswith("¹ Chưa xác minh: tên cột, nhãn biểu diễn biến")
