"""Search boxes with a list under them: Down moves into the results, Enter opens the highlighted row —
never a first match nobody highlighted; namesakes are told apart by birth and village (units: type).

The tester's case: "vi van on", Down, Enter opened a 7-year-old instead of the 83-year-old of the same name.
"""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from xaapp.services.reference import UnitRow
from xaapp.storage.db import Database, open_database
from xaapp.storage.orm import Household, Person, Village
from xaapp.ui.accounts.setup_dialog import SetupDialog, unit_labels
from xaapp.ui.beneficiaries.page import PersonPicker
from xaapp.ui.households.page import HouseholdsPage
from xaapp.ui.i18n import install_language
from xaapp.ui.tasks import InlineTaskRunner

pytestmark = pytest.mark.gui


def add_namesakes(db: Database) -> tuple[int, int]:
    """Two people called Vi Văn Ơn in two villages: a boy born 2019 (7) and a man born 1943 (83)."""
    with db.session(actor="test") as s:
        villages = s.query(Village).order_by(Village.id).limit(2).all()
        ids = []
        for village, dob, relation in ((villages[0], dt.date(2019, 4, 2), "child"),
                                       (villages[1], dt.date(1943, 1, 15), "head")):  # fmt: skip
            hh = Household(village_id=village.id, address=village.name, area_type="rural")
            s.add(hh)
            s.flush()
            person = Person(household_id=hh.id, position=0, full_name="Vi Văn Ơn", sex="male", dob=dob,
                            relationship_to_head=relation)  # fmt: skip
            s.add(person)
            s.flush()
            ids.append(person.id)
        return ids[0], ids[1]


def make_picker(qtbot, db: Database) -> PersonPicker:
    install_language("vi")
    picker = PersonPicker(db)
    qtbot.addWidget(picker)
    picker.show()
    picker.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is picker)
    picker.search.setFocus()
    return picker


def rows(picker: PersonPicker) -> list[tuple[int, str]]:
    return [
        (picker.results.item(r).data(Qt.ItemDataRole.UserRole), picker.results.item(r).text())
        for r in range(picker.results.count())
    ]


def test_vi_van_on_down_enter_opens_the_highlighted_namesake(qtbot, demo_db: Database) -> None:
    boy, man = add_namesakes(demo_db)
    picker = make_picker(qtbot, demo_db)
    qtbot.keyClicks(picker.search, "vi van on")
    shown = dict(rows(picker))
    assert {boy, man} <= set(shown)
    assert "sinh 02/04/2019" in shown[boy] and "sinh 15/01/1943" in shown[man]
    with demo_db.read() as s:  # each shows its own village
        for pid in (boy, man):
            village = s.get(Village, s.get(Household, s.get(Person, pid).household_id).village_id).name
            assert shown[pid].endswith(village)
    assert picker.person_id() is None  # several match: none is picked for the officer
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert picker.result() == 0 and picker.isVisible() and "bấm ↓" in picker.hint.text()
    qtbot.keyClick(picker.search, Qt.Key.Key_Down)
    assert picker.results.hasFocus() and picker.keys.highlighted_row() == 0
    order = [pid for pid, _label in rows(picker)]
    for _ in range(order.index(man)):
        qtbot.keyClick(picker.results, Qt.Key.Key_Down)
    assert picker.person_id() == man
    qtbot.keyClick(picker.results, Qt.Key.Key_Return)
    assert picker.result() == PersonPicker.DialogCode.Accepted and picker.person_id() == man


def test_the_other_namesake_and_back_up_into_the_box(qtbot, demo_db: Database) -> None:
    boy, man = add_namesakes(demo_db)
    picker = make_picker(qtbot, demo_db)
    qtbot.keyClicks(picker.search, "vi van on")
    order = [pid for pid, _label in rows(picker)]
    qtbot.keyClick(picker.search, Qt.Key.Key_Down)
    qtbot.keyClick(picker.results, Qt.Key.Key_Up)  # from the first row back to the box
    assert picker.search.hasFocus() and picker.keys.highlighted_row() == 0
    qtbot.keyClick(picker.search, Qt.Key.Key_Down)  # Down in the box moves on from the highlight
    assert picker.results.hasFocus() and picker.keys.highlighted_row() == 1
    while picker.keys.highlighted_row() > order.index(boy):
        qtbot.keyClick(picker.results, Qt.Key.Key_Up)
    while picker.keys.highlighted_row() < order.index(boy):
        qtbot.keyClick(picker.results, Qt.Key.Key_Down)
    assert picker.person_id() == boy != man
    qtbot.keyClick(picker.results, Qt.Key.Key_Return)
    assert picker.result() == PersonPicker.DialogCode.Accepted and picker.person_id() == boy


def test_a_single_match_opens_with_enter_and_typing_in_the_list_goes_on_in_the_box(
    qtbot, demo_db: Database
) -> None:
    _boy, man = add_namesakes(demo_db)
    with demo_db.session(actor="test") as s:
        s.get(Person, man).full_name = "Vi Văn Ơn Lão"
    picker = make_picker(qtbot, demo_db)
    qtbot.keyClicks(picker.search, "vi van on")
    qtbot.keyClick(picker.search, Qt.Key.Key_Down)
    qtbot.keyClicks(picker.results, " lao")  # typed while in the list: goes to the search box
    assert picker.search.text() == "vi van on lao" and [pid for pid, _ in rows(picker)] == [man]
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert picker.result() == PersonPicker.DialogCode.Accepted and picker.person_id() == man


def test_commune_search_keys_and_namesake_units(qtbot, tmp_path) -> None:
    install_language("vi")
    dialog = SetupDialog(open_database(tmp_path))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    dialog.unit_search.setFocus()
    qtbot.keyClicks(dialog.unit_search, "thanh")
    shown = dialog.unit_model.stringList()
    assert len(shown) > 2 and dialog.selected_unit() is None
    qtbot.keyClick(dialog.unit_search, Qt.Key.Key_Return)
    assert dialog.result() == 0 and "bấm ↓" in dialog.error.text()
    qtbot.keyClick(dialog.unit_search, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.unit_list, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.unit_list, Qt.Key.Key_Return)
    chosen = dialog.selected_unit()
    assert chosen is not None and shown[1] == f"{chosen.name} ({chosen.code})"
    assert dialog.username.hasFocus() and dialog.result() == 0  # chosen, the set-up goes on
    same = [UnitRow("1", "Xã Đông Sơn", "xa"), UnitRow("2", "Xã Đông Sơn", "phuong"), UnitRow("3", "Xã Hà Long", "xa")]
    assert unit_labels(same) == ["Xã Đông Sơn – xã (1)", "Xã Đông Sơn – phường (2)", "Xã Hà Long (3)"]


def test_household_search_down_then_enter_opens_the_highlighted_household(qtbot, demo_db: Database) -> None:
    _boy, man = add_namesakes(demo_db)
    install_language("vi")
    page = HouseholdsPage(demo_db, InlineTaskRunner())
    qtbot.addWidget(page)
    page.show()
    page.reload()
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
    page.search.setFocus()
    qtbot.keyClicks(page.search, "vi van on")
    assert page.proxy.rowCount() >= 1
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    assert page.table.hasFocus() and page.table.currentIndex().row() == 0
    if page.proxy.rowCount() > 1:  # the second household named so: Down again, and that one opens
        qtbot.keyClick(page.table, Qt.Key.Key_Down)
        assert page.table.currentIndex().row() == 1
    row = page.selected_household()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert page.detail_dialog.isVisible() and page.detail_dialog.detail.id == row.id
