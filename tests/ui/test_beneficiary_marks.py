"""The beneficiaries screen marks an amount that rests on a rule figure not verified (¹), names the figure
in the tooltip and the legend, and its month total is that month's payment list."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from xaapp.services import beneficiaries as ben
from xaapp.services import listing_payment
from xaapp.storage.db import Database
from xaapp.storage.orm import AllowancePeriod, Beneficiary, Person
from xaapp.ui.beneficiaries.page import AMOUNT_COLUMN, BeneficiariesPage, intake_summary
from xaapp.ui.i18n import install_language
from xaapp.ui.models.household_table import RowRole
from xaapp.ui.tasks import InlineTaskRunner

pytestmark = pytest.mark.gui


def add_student(db: Database, month: str) -> int:
    """A 19-year-old paid under clause 5.2 (the "up to 22" reading, unverified in the data)."""
    year = int(month[:4])
    with db.session(actor="test") as s:
        taken = set(s.scalars(select(Beneficiary.person_id)))
        person = next(p for p in s.scalars(select(Person).order_by(Person.id)) if p.id not in taken)
        person.dob = dt.date(year - 19, 1, 10)
        b = Beneficiary(person_id=person.id, clauses=["5.2"], status="active", start_month=month)
        s.add(b)
        s.flush()
        s.add(AllowancePeriod(beneficiary_id=b.id, from_month=month, standard_level=500_000, coefficient=1.5,
                              amount=750_000))  # fmt: skip
        return b.id


def test_marked_amount_tooltip_legend_and_month_total(qtbot, demo_db: Database) -> None:
    install_language("vi")
    page = BeneficiariesPage(demo_db, InlineTaskRunner())
    page.month = "2026-11"
    student = add_student(demo_db, "2026-11")
    qtbot.addWidget(page)
    page.show()
    page.reload()
    model = page.model
    by_id = {model.index(r, 0).data(RowRole).id: r for r in range(model.rowCount())}
    legend = page.legend.text().split("\n")
    (note,) = [line for line in legend if "Chưa xác minh: hệ số 1,5 của diện 5.2" in line]
    mark = note.split(" ", 1)[0]  # "¹", or a later number when the demo's own marks come first
    cell = model.index(by_id[student], AMOUNT_COLUMN)
    assert cell.data() == f"750.000 đ{mark}"
    tip = cell.data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("Chưa xác minh: hệ số 1,5 của diện 5.2") and "đọc là dưới 22" in tip
    verified = next(r for i, r in by_id.items() if i != student and not model.index(r, 0).data(RowRole).unverified)
    assert "¹" not in model.index(verified, AMOUNT_COLUMN).data()
    assert model.index(verified, AMOUNT_COLUMN).data(Qt.ItemDataRole.ToolTipRole) is None
    assert page.legend.isVisible()
    paid = listing_payment.payment_rows(demo_db, "2026-11")
    total = f"{sum(r.amount for r in paid):,}".replace(",", ".")
    assert f"Tháng 11/2026: {len(paid)} người được chi trả, tổng {total} đ" in page.summary.text()


class _Session:
    def __init__(self, instance: dict) -> None:
        self._instance = instance

    def to_json(self) -> dict:
        return {"instance": self._instance}


def test_intake_side_panel_marks_and_explains_an_unverified_amount(qtbot) -> None:
    install_language("vi")
    instance = {
        "applicant": {"dob": "1990-03-12"},
        "category_group": {"categories": "c5_4", "household_poverty": "poor"},
        "conditions": {"children_raised": 2},
        "payment": {"effective_month": "2026-12-01"},
    }
    assert ben.quote_allowance(instance).rule_status == "unverified"
    text = intake_summary(_Session(instance))
    assert "Mức trợ cấp hàng tháng: 1.000.000 đ¹</b>" in text
    assert "¹ Chưa xác minh: con được tính của diện 5.4" in text
    instance["category_group"]["categories"] = "c5_6"
    instance["conditions"] = {"disability_level": "severe", "disability_certificate_date": "2026-05-10"}
    text = intake_summary(_Session(instance))
    assert "Mức trợ cấp hàng tháng: 750.000 đ</b>" in text and "xác minh" not in text
