"""Issue 14, lists and screens as an officer expects them: the preview follows the list, every list can be
searched without accents, village-wide steps say how many households they change, dialogs name their
household, a search hit says which member matched, new households have a code and an address, the
social pension is named, times are local and no code reaches the screen."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog
from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit" / "forms_engine"))

from forms_household import HEAD, SPOUSE, fill_household, new_session  # noqa: E402

from xaapp.domain.text import fold  # noqa: E402
from xaapp.services import reviews
from xaapp.services.household_detail import household_detail
from xaapp.services.list_documents import build_document
from xaapp.services.listing import household_rows
from xaapp.services.reviews import review_list
from xaapp.storage.db import Database
from xaapp.storage.orm import AllowancePeriod, AuditEntry, Beneficiary, Household, Person, Village
from xaapp.ui.beneficiaries.page import BeneficiariesPage, intake_summary
from xaapp.ui.households.detail import HouseholdDetailDialog, header_text
from xaapp.ui.households.page import HouseholdsPage
from xaapp.ui.i18n import install_language
from xaapp.ui.lists.panel import ListsPanel
from xaapp.ui.models.household_table import Column, RowRole
from xaapp.ui.reviews.page import ReviewsPage
from xaapp.ui.tasks import InlineTaskRunner

pytestmark = pytest.mark.gui
YEAR = dt.date.today().year


def type_text(widget, text: str) -> None:
    for ch in text:
        QApplication.sendEvent(
            widget, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
        )


def test_the_preview_follows_the_chosen_list_and_never_prints_the_old_one(qtbot, demo_db: Database) -> None:
    install_language("vi")
    panel = ListsPanel(demo_db, InlineTaskRunner())
    qtbot.addWidget(panel)
    panel.select("posting", year=YEAR)
    panel.show_preview()
    assert panel.document.key == "posting" and "HỘ NGHÈO" in panel.browser.toPlainText()
    panel.select("payment", year=YEAR, month=11)
    assert panel.document is None and panel.browser.toPlainText() == ""  # the old list is gone at once
    qtbot.waitUntil(lambda: panel.document is not None, timeout=3000)
    assert panel.document.key == "payment" and "CHI TRẢ" in panel.browser.toPlainText()


def test_the_beneficiary_lists_are_searched_without_accents(qtbot, demo_db: Database) -> None:
    install_language("vi")
    page = BeneficiariesPage(demo_db, InlineTaskRunner())
    qtbot.addWidget(page)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
    page.reload()
    someone = page.model.row_at(0)
    type_text(page.search, fold(someone.full_name))  # "ha van dong" finds "Hà Văn Đông"
    shown = [page.table.model().index(r, 0).data(RowRole) for r in range(page.table.model().rowCount())]
    assert someone in shown and all(fold(someone.full_name) in fold(r.full_name) for r in shown)
    assert len(shown) < page.model.rowCount()
    page.search.setText(fold(someone.village))
    assert all(r.village == someone.village for r in (
        page.table.model().index(i, 0).data(RowRole) for i in range(page.table.model().rowCount())
    ))  # fmt: skip
    page.tabs.setCurrentIndex(1)  # the people with merit have their own search box
    assert page.focus_search() and QApplication.focusWidget() is page.searches[1]


def _reviews_page(qtbot, db: Database) -> ReviewsPage:
    install_language("vi")
    page = ReviewsPage(db, InlineTaskRunner())
    page.actor = "thu"
    qtbot.addWidget(page)
    page.show()
    page.year.setValue(YEAR)
    page.reload()
    return page


def test_a_village_wide_step_says_how_many_households_it_changes_before_writing(qtbot, demo_db: Database) -> None:
    page = _reviews_page(qtbot, demo_db)
    page.village_box.setCurrentIndex(1)
    village, village_id = page.village_box.currentText(), page.village_box.currentData()
    before = {r.household_id: r for r in review_list(demo_db, YEAR)}
    met = [r for r in before.values() if r.village_id == village_id and r.meeting_on and not r.posted_on]
    assert met  # the demo's village meetings are held; the posting is next
    dialog = page.village_dialog()
    assert village in dialog.windowTitle() and village in dialog.about.text()
    dialog.step.setCurrentIndex(0)  # the village meeting: one share for every household, said so
    assert "ghi chung cho cả" in dialog.effect.text() and "Ctrl+B" in dialog.effect.text()
    dialog.step.setCurrentIndex(1)  # the posting
    dialog.date.setText(f"26/11/{YEAR}")
    assert dialog.households() == len(met)
    assert dialog.ok_button().text() == f"Ghi cho {len(met)} hộ" and f"cho {len(met)} hộ" in dialog.effect.text()
    dialog.date.setText(f"01/01/{YEAR}")  # before the meetings: nobody is ready, nothing can be written
    assert dialog.households() == 0 and not dialog.ok_button().isEnabled()
    dialog.reject()
    assert {r.household_id: r for r in review_list(demo_db, YEAR)} == before  # asking wrote nothing

    page.record_village("posted", dt.date(YEAR, 11, 26))
    assert page.message.text() == f"Đã ghi ngày niêm yết cho {len(met)} hộ của {village}."
    after = {r.household_id: r for r in review_list(demo_db, YEAR)}
    assert {h for h, r in after.items() if r.posted_on == dt.date(YEAR, 11, 26)} == {r.household_id for r in met}

    # One household's share differs from the meeting's: Ctrl+B names it and changes its share only.
    target = met[0]
    index = next(
        page.proxy.index(r, 0)
        for r in range(page.proxy.rowCount())
        if page.proxy.index(r, 0).data(RowRole).household_id == target.household_id
    )
    page.table.setCurrentIndex(index)
    step = page.step_dialog_for(page.selected_row())
    assert target.head_name in step.windowTitle() and target.head_name in step.about.text()
    assert step.step.currentData() == "recognised"  # its next step
    assert step.pct.text() == f"{target.meeting_agree_pct:g}"  # its share as recorded
    page.record_step_for_selected("meeting", target.meeting_on, 55.0)
    shares = {r.household_id: r.meeting_agree_pct for r in review_list(demo_db, YEAR)}
    assert shares[target.household_id] == 55.0
    assert all(shares[r.household_id] == r.meeting_agree_pct for r in met[1:])


def test_a_search_hit_on_another_member_says_which_member_matched(qtbot, demo_db: Database) -> None:
    with demo_db.read() as s:
        member = s.scalars(
            select(Person).where(Person.relationship_to_head == "spouse", Person.deleted_at.is_(None))
        ).first()
        name = member.full_name
    install_language("vi")
    page = HouseholdsPage(demo_db, InlineTaskRunner())
    qtbot.addWidget(page)
    page.show()
    page.reload()
    page.search.setText(fold(name))
    cells = [page.proxy.index(r, Column.HEAD) for r in range(page.proxy.rowCount())]
    found = next(c for c in cells if c.data(RowRole).id == member.household_id)
    assert found.data() == f"{found.data(RowRole).head_name} — khớp: {name}"
    page.search.setText(fold(found.data(RowRole).head_name))  # the head's own name: nothing added
    heads = [page.proxy.index(r, Column.HEAD).data() for r in range(page.proxy.rowCount())]
    assert found.data(RowRole).head_name in heads


def test_a_new_household_gets_the_next_code_and_its_village_as_address(qtbot, demo_db: Database) -> None:
    with demo_db.read() as s:
        village = s.scalars(select(Village).order_by(Village.id)).first()
        vid, vname = village.id, village.name
        top = max(int(c) for c in s.scalars(select(Household.code)) if c and c.isdigit())
    session = fill_household(new_session(), [HEAD, SPOUSE])
    session.answer("general/village", vname)
    session.answer("general/address", None)
    saved = reviews.save_review(
        demo_db, reviews.new_household_record(vid, YEAR), session.to_json()["instance"], finalise=True
    )
    detail = household_detail(demo_db, saved.household_id)
    assert detail.code == f"{top + 1:05d}" and detail.address == vname
    install_language("vi")
    assert "·  ·" not in header_text(detail) and f"mã hộ {top + 1:05d}" in header_text(detail)
    every = household_rows(demo_db, YEAR, classes=("poor", "near_poor", "average", "none"))
    row = next(r for r in every if r.household_id == saved.household_id)
    assert row.address == vname  # the posting list's address column is not blank


def test_a_row_paid_as_the_social_pension_says_so(qtbot, demo_db: Database) -> None:
    month = f"{YEAR}-11"
    with demo_db.session(actor="test") as s:
        taken = set(s.scalars(select(Beneficiary.person_id)))
        person = next(p for p in s.scalars(select(Person).order_by(Person.id)) if p.id not in taken)
        person.dob = dt.date(YEAR - 82, 3, 1)
        name = person.full_name
        b = Beneficiary(person_id=person.id, clauses=["5.5a"], status="active", start_month=month)
        s.add(b)
        s.flush()
        s.add(AllowancePeriod(beneficiary_id=b.id, from_month=month, standard_level=500_000, coefficient=0.0,
                              amount=500_000, basis="trợ cấp hưu trí xã hội 500.000 đ"))  # fmt: skip
    doc = build_document(demo_db, "payment", month=month)
    rows = [row for table in doc.tables for group in table.groups for row in group.rows]
    (row,) = [r for r in rows if r[1] == name]
    assert row[4] == "hưởng trợ cấp hưu trí xã hội"  # the coefficient column says why there is none
    assert all(r[4] for r in rows)  # and no row leaves it blank

    install_language("vi")
    page = BeneficiariesPage(demo_db, InlineTaskRunner())
    page.month = month
    qtbot.addWidget(page)
    page.show()
    page.reload()
    page.search.setText(name)
    page.table.setCurrentIndex(page.table.model().index(0, 0))
    assert page.periods.index(0, 2).data() == "hưởng trợ cấp hưu trí xã hội"


class _Answers:
    def __init__(self, instance: dict) -> None:
        self._instance = instance

    def to_json(self) -> dict:
        return {"instance": self._instance}


def test_the_intake_panel_names_the_social_pension_never_its_code(qtbot) -> None:
    install_language("vi")
    instance = {
        "applicant": {"dob": "1940-03-12"},
        "category_group": {"categories": "c5_5a", "household_poverty": "none"},
        "payment": {"effective_month": f"{YEAR}-12-01"},
    }
    paid = intake_summary(_Answers(instance))  # not poor: 5.5a is out, the social pension is paid
    assert "Trợ cấp hưu trí xã hội" in paid and "social_pension" not in paid
    assert "hộ này không thuộc diện hộ nghèo" in paid and "none" not in paid
    instance["category_group"]["household_poverty"] = "poor"
    kept = intake_summary(_Answers(instance))  # poor, over 80: 5.5a pays more, the pension is set aside
    assert "Trợ cấp hưu trí xã hội:" in kept and "social_pension" not in kept


def test_the_change_history_is_in_local_time_and_in_words(qtbot, demo_db: Database) -> None:
    with demo_db.session(actor="thu", reason="Sửa theo CCCD") as s:
        person = s.scalars(select(Person).where(Person.relationship_to_head == "child")).first()
        person.sex = "female" if person.sex == "male" else "male"
        household_id, uuid = person.household_id, person.uuid
    with demo_db.read() as s:
        stored = s.scalars(
            select(AuditEntry).where(AuditEntry.entity_uuid == uuid).order_by(AuditEntry.id.desc())
        ).first()
    detail = household_detail(demo_db, household_id)
    shown = next(a for a in detail.audit if a.field == "sex")
    assert shown.at - stored.at == dt.timedelta(hours=7)  # Asia/Ho_Chi_Minh
    install_language("vi")
    dialog = HouseholdDetailDialog(detail)
    qtbot.addWidget(dialog)
    row = next(r for r in range(dialog.audit.rowCount()) if dialog.audit.index(r, 2).data().endswith("Giới tính"))
    assert dialog.audit.index(row, 2).data() == "Thành viên hộ: Giới tính"
    assert dialog.audit.index(row, 3).data() in ("Nam → Nữ", "Nữ → Nam")
    assert dialog.audit.index(row, 0).data() == shown.at.strftime("%d/%m/%Y %H:%M")
    assert "UTC" not in dialog.audit.headerData(0, Qt.Orientation.Horizontal)


def test_the_status_dialog_names_the_person_it_acts_on(qtbot, demo_db: Database, monkeypatch) -> None:
    install_language("vi")
    page = BeneficiariesPage(demo_db, InlineTaskRunner())
    qtbot.addWidget(page)
    page.show()
    page.reload()
    page.table.setCurrentIndex(page.table.model().index(0, 0))
    item = page.selected()
    seen = {}

    def look(dialog: QDialog) -> int:
        seen["title"], seen["who"] = dialog.windowTitle(), dialog.who.text()
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr("xaapp.ui.beneficiaries.dialogs.StatusDialog.exec", look)
    page._ask_status()
    assert item.full_name in seen["title"] and item.full_name in seen["who"] and item.village in seen["who"]


def test_the_review_window_names_the_household_it_is_for(qtbot, demo_db: Database) -> None:
    install_language("vi")
    page = HouseholdsPage(demo_db, InlineTaskRunner())
    qtbot.addWidget(page)
    page.show()
    page.reload()
    page.table.setCurrentIndex(page.proxy.index(0, 0))
    row = page.selected_household()
    page.review_selected()
    assert page.review_dialog.windowTitle().endswith(f" – {row.head_name} ({row.village})")
    page.review_dialog.close()
    page.village_box.setCurrentIndex(1)
    page.new_household()
    village = page.village_box.currentText().split(" (")[0]
    assert page.review_dialog.windowTitle().endswith(f" – hộ mới ({village})")
    page.review_dialog.close()
