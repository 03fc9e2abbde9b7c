"""A household with three members entered through the form by keyboard only: saved, listed, classified."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from xaapp.storage.db import Database
from xaapp.storage.orm import AuditEntry, Person, PovertyReview
from xaapp.ui.i18n import install_language
from xaapp.ui.main_window import MainWindow
from xaapp.ui.tasks import InlineTaskRunner

pytestmark = pytest.mark.gui
_TOOL = Path(__file__).resolve().parents[2] / "tools" / "keyboard_walk.py"


def load_walker():
    spec = importlib.util.spec_from_file_location("keyboard_walk", _TOOL)
    module = importlib.util.module_from_spec(spec)
    sys.modules["keyboard_walk"] = module
    spec.loader.exec_module(module)
    return module


def test_a_three_person_household_entered_by_keyboard_only_is_saved_listed_and_classified(
    qtbot, demo_db: Database, officer
) -> None:
    kw = load_walker()
    window = MainWindow(
        demo_db,
        InlineTaskRunner(),
        officer,
        "Xã Bá Thước",
        True,
        demo_db.path.parent / "ui.ini",
        install_language("vi"),
    )
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    page = window.households
    before = page.model.total()
    # Choose the village filter and open a new household form, keys only.
    page.village_box.setFocus()
    qtbot.keyClick(page.village_box, Qt.Key.Key_Down)
    village = page.village_box.currentText().split(" (")[0]
    qtbot.keyClick(page.village_box, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = page.review_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    assert dialog.view.session.value("general/village") == village

    report = kw.walk(dialog, kw.HOUSEHOLD, kw.MEMBERS_5[:3])
    assert dialog.record.status == "final", dialog.banner.text()
    assert "Hộ nghèo" in dialog.banner.text() and "Hộ nghèo" in dialog.view.summary.text()
    assert "chuẩn nông thôn" in dialog.view.summary.text()  # the reason, in words
    assert report.keystrokes["general/head_name"] == len("Hà Văn Thạch") + 1
    assert report.keystrokes["members[1]/full_name"] == 1  # the head's name, typed once: Enter
    assert report.keystrokes["members[2]/sex"] == 1  # "2" (Nữ) picks and moves on
    assert report.keystrokes["members[2]/dob"] == len("03091981") + 1  # eight digits, then Enter
    assert report.keystrokes["information/info_devices"] == 2  # "2" ticks "2. Radio, đài", then Enter

    qtbot.keyClick(dialog.view, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert page.model.total() == before + 1
    page.search.setText("ha van thach")  # accent-insensitive search finds the new household
    assert page.proxy.rowCount() >= 1
    found = [
        page.model.row_at(page.proxy.mapToSource(page.proxy.index(r, 0)).row())
        for r in range(page.proxy.rowCount())
    ]
    new = next(r for r in found if r.id == dialog.record.household_id)
    assert new.head_name == "Hà Văn Thạch" and new.members == 3 and new.result_class == "poor"
    assert page.proxy.index(found.index(new), 3).data() == "Hộ nghèo"
    with demo_db.read() as s:
        review = s.get(PovertyReview, dialog.record.review_id)
        assert review.status == "final" and "chuẩn nông thôn" in review.result["reason"]["vi"]
        names = s.scalars(
            select(Person.full_name).where(Person.household_id == new.id).order_by(Person.position)
        )
        assert list(names) == ["Hà Văn Thạch", "Bùi Thị Nguyệt", "Hà Thị Hường"]
        assert (
            s.scalars(select(AuditEntry).where(AuditEntry.entity_uuid == review.uuid)).first().username
            == "thu"
        )


def _same(value, wanted) -> bool:
    """An answer as stored against the walk's typed answer (dates dd/mm/yyyy, numbers as text)."""
    if isinstance(wanted, str) and wanted.count("/") == 2:
        day, month, year = wanted.split("/")
        return str(value) == f"{year}-{month}-{day}"
    if isinstance(wanted, str) and wanted.isdigit() and not wanted.startswith("0"):
        return float(value) == float(wanted)
    if isinstance(wanted, list):
        return sorted(value if isinstance(value, list) else str(value).split()) == sorted(wanted)
    return value == wanted


def test_the_five_person_household_takes_at_most_240_keys_and_stores_the_same_answers(
    qtbot, demo_db: Database
) -> None:
    """tools/keyboard_walk.py's household (293 keys before the head was named once, digits moved on
    and ticked boxes, and dates took eight digits): the answers stored are exactly the walk's."""
    from xaapp.ui.households.page import HouseholdsPage

    kw = load_walker()
    install_language("vi")
    page = HouseholdsPage(demo_db, InlineTaskRunner())
    qtbot.addWidget(page)
    page.show()
    page.reload()
    page.village_box.setCurrentIndex(1)
    page.new_household()
    dialog = page.review_dialog
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    report = kw.walk(dialog, kw.HOUSEHOLD, kw.MEMBERS_5)
    assert dialog.record.status == "final", dialog.banner.text()
    assert report.total <= 240, report.table()
    instance = dialog.view.session.to_json()["instance"]
    groups = {k: v for k, v in instance.items() if isinstance(v, dict)}
    answers = {name: value for group in groups.values() for name, value in group.items()}
    for name, wanted in kw.HOUSEHOLD.items():
        assert _same(answers[name], wanted), (name, answers[name], wanted)
    assert len(instance["members"]) == 5
    for member, wanted_member in zip(instance["members"], kw.MEMBERS_5, strict=True):
        for name, wanted in wanted_member.items():
            assert _same(member.get(name), wanted), (name, member.get(name), wanted)
    # Questions the walk left alone keep their defaults and nothing else was answered.
    assert {m.get("personal_id") for m in instance["members"][1:]} == {None}
