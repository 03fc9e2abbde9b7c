"""The beneficiaries screen: an intake shows the right monthly amount and is saved; status changes with
reason and month appear in the history; the tables pass the model tester."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from xaapp.storage.db import Database
from xaapp.storage.orm import Beneficiary, Person
from xaapp.ui.beneficiaries.page import BeneficiariesPage, choice_label
from xaapp.ui.i18n import install_language
from xaapp.ui.models.household_table import RowRole
from xaapp.ui.tasks import InlineTaskRunner

pytestmark = pytest.mark.gui


def make_page(qtbot, db: Database) -> BeneficiariesPage:
    install_language("vi")
    page = BeneficiariesPage(db, InlineTaskRunner())
    page.actor = "thu"
    qtbot.addWidget(page)
    page.show()
    page.reload()
    return page


def person_without_benefit(db: Database) -> int:
    with db.read() as s:
        taken = set(s.scalars(select(Beneficiary.person_id)))
        people = s.scalars(select(Person).where(Person.dob < dt.date(1990, 1, 1)).order_by(Person.id))
        return next(p.id for p in people if p.id not in taken)


def test_an_intake_shows_the_right_monthly_amount_and_saves_the_beneficiary(qtbot, demo_db: Database) -> None:
    page = make_page(qtbot, demo_db)
    before = page.model.rowCount()
    page.start_intake(person_without_benefit(demo_db))
    dialog = page.intake_dialog
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    view = dialog.view
    assert "Mức trợ cấp hiện khi" in view.summary.text()
    for path, value in {
        "applicant/ethnicity": "muong",
        "category_group/categories": ["c5_6"],
        "category_group/household_poverty": "poor",
        "conditions/disability_level": "severe",
        "conditions/disability_certificate": "15/GXN-UBND",
        "conditions/disability_certificate_date": "10/05/2026",
        "documents/declaration_form": "1d",
        "documents/documents_shown": ["id_card", "disability_certificate"],
        "payment/payment_method": "cash_commune",
    }.items():
        view._answered(path, value)  # as the editors report it
    assert view.go_to_path("payment/effective_month")
    qtbot.keyClicks(QApplication.focusWidget(), "01/12/2026")
    summary = view.summary.text()
    assert "Mức trợ cấp hàng tháng: 750.000 đ" in summary  # severe disability: 1.5 × 500.000 đ
    assert "5.6 × 1.5 = 750.000 đ" in summary and "Mức chuẩn: 500.000 đ" in summary
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.saved is not None, dialog.banner.text()
    assert page.model.rowCount() == before + 1
    row = next(page.model.index(r, 0).data(RowRole) for r in range(page.model.rowCount())
               if page.model.index(r, 0).data(RowRole).id == dialog.saved.id)  # fmt: skip
    assert row.amount == 750_000 and row.status == "active"


def test_a_required_answer_blocks_saving_an_intake(qtbot, demo_db: Database) -> None:
    page = make_page(qtbot, demo_db)
    page.start_intake(person_without_benefit(demo_db))
    dialog = page.intake_dialog
    dialog.save()
    assert dialog.saved is None and dialog.banner.text().startswith("Chưa thể lưu: còn")
    assert "bắt buộc" in dialog.banner.text()


def test_status_changes_need_a_reason_and_show_in_the_history(qtbot, demo_db: Database) -> None:
    page = make_page(qtbot, demo_db)
    proxy = page.table.model()
    active = next(r for r in range(proxy.rowCount()) if proxy.index(r, 0).data(RowRole).status == "active")
    page.table.setCurrentIndex(proxy.index(active, 0))
    item = page.selected()
    page.change_status("suspend", "2026-12", "")
    assert page.message.text() == "Phải ghi lý do thay đổi trạng thái."
    page.change_status("suspend", "2026-12", "Không nhận trợ cấp 3 tháng liền")
    assert "Tạm dừng" in page.message.text()
    assert page.selected().id == item.id and page.selected().status == "suspended"
    events = [
        (page.events.index(r, 1).data(), page.events.index(r, 2).data())
        for r in range(page.events.rowCount())
    ]
    assert ("Tạm dừng", "Không nhận trợ cấp 3 tháng liền") in events
    assert page.periods.rowCount() >= 1


def test_beneficiary_tables_pass_the_model_tester(qtmodeltester, qtbot, demo_db: Database) -> None:
    page = make_page(qtbot, demo_db)
    qtmodeltester.check(page.model)
    page.table.setCurrentIndex(page.table.model().index(0, 0))
    qtmodeltester.check(page.events)
    qtmodeltester.check(page.periods)


def test_a_person_with_merit_is_added_to_the_register_through_its_form(qtbot, demo_db: Database) -> None:
    page = make_page(qtbot, demo_db)
    person_id = person_without_benefit(demo_db)
    page.start_register_entry("merit", person_id)
    dialog = page.register_dialog
    view = dialog.view
    with demo_db.read() as s:
        name, dob = s.get(Person, person_id).full_name, s.get(Person, person_id).dob
    assert view.session.value("person/full_name") == name  # filled in from the register
    for path, value in {
        "person/dob": dob.strftime("%d/%m/%Y"),  # the birth year in the personal ID must agree
        "merit/role": "person",
        "merit/category": "war_invalid",
        "merit/injury_rate": "61",
        "decision/decision_number": "12/QĐ",
        "decision/decision_date": "01/01/2000",
        "decision/health_insurance": "yes",
    }.items():
        view._answered(path, value)
    dialog.save()
    assert dialog.saved is not None, dialog.banner.text()
    assert [page.merit.index(r, 0).data() for r in range(page.merit.rowCount())] == [name]
    assert (
        page.merit.index(0, 3).data()
        == choice_label("merit_register", "merit_category", "war_invalid")
        != "war_invalid"
    )
