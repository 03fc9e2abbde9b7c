"""The household view opens from the list by keyboard and shows members, reviews with reasons, changes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from xaapp.storage.db import Database
from xaapp.storage.orm import Person
from xaapp.ui.i18n import install_language
from xaapp.ui.main_window import MainWindow
from xaapp.ui.tasks import InlineTaskRunner

pytestmark = pytest.mark.gui


def test_enter_on_a_household_opens_its_view_with_history_and_changes(
    qtbot, demo_db: Database, officer
) -> None:
    with demo_db.session(actor="thu", reason="Sửa theo CCCD") as s:
        person = s.scalars(select(Person).where(Person.relationship_to_head == "head")).first()
        old_name, person.full_name = person.full_name, person.full_name + " Anh"
        household_id = person.household_id
    window = MainWindow(
        demo_db,
        InlineTaskRunner(),
        officer,
        "Xã Bá Thước",
        False,
        demo_db.path.parent / "ui.ini",
        install_language("vi"),
    )
    qtbot.addWidget(window)
    window.show()
    page = window.households
    page.search.setText(old_name + " Anh")
    assert page.proxy.rowCount() >= 1
    page.table.setFocus()
    page.table.setCurrentIndex(page.proxy.index(0, 0))
    assert page.selected_household().id == household_id
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    dialog = page.detail_dialog
    assert dialog.isVisible() and old_name + " Anh" in dialog.windowTitle()
    assert dialog.members.rowCount() == page.selected_household().members
    years = [dialog.reviews.index(r, 0).data() for r in range(dialog.reviews.rowCount())]
    assert years == [2026, 2025]
    assert "chuẩn nông thôn" in dialog.reviews.index(0, 3).data()  # the reason, in Vietnamese
    change = dialog.audit.index(0, 3).data()
    assert change == f"{old_name} → {old_name} Anh"
    assert dialog.audit.index(0, 4).data() == "Sửa theo CCCD"


def test_movement_labels_carry_the_mark_of_their_unverified_source(qtbot, demo_db: Database) -> None:
    # Every movement-table label in the rule data is marked unverified: the review history says so.
    from xaapp.services.household_detail import household_detail
    from xaapp.storage.orm import Household
    from xaapp.ui.households.detail import HouseholdDetailDialog

    install_language("vi")
    with demo_db.read() as s:
        ids = s.scalars(select(Household.id).order_by(Household.id)).all()
    detail = next(
        d for d in map(lambda i: household_detail(demo_db, i), ids) if any(r.movement_vi for r in d.reviews)
    )
    moved = [r.movement_vi for r in detail.reviews if r.movement_vi]
    assert all(label.endswith("¹") for label in moved), moved
    assert detail.notes_vi and detail.notes_vi[0].startswith("¹ Chưa xác minh: ")
    view = HouseholdDetailDialog(detail)
    qtbot.addWidget(view)
    assert view.movement_notes.text().startswith("¹ Chưa xác minh: ")
