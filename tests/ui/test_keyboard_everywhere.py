"""Issue 14, keyboard: every screen by Ctrl+digit, Ctrl+F to its search box, ↓ into the results, Tab out of
tables, every action reachable without the mouse, digits tick boxes, a focus frame one can see, the
head's name typed once."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QSpinBox,
    QTableView,
    QWidget,
)

from xaapp.domain.text import fold
from xaapp.services import reviews
from xaapp.storage.db import Database
from xaapp.storage.orm import Village
from xaapp.ui.i18n import install_language
from xaapp.ui.interview.review_dialog import ReviewDialog
from xaapp.ui.look import FOCUS_COLOUR, FOCUS_STYLE, FOCUS_TINT
from xaapp.ui.main_window import MainWindow
from xaapp.ui.tasks import InlineTaskRunner

pytestmark = pytest.mark.gui
CTRL = Qt.KeyboardModifier.ControlModifier


def type_text(widget: QWidget, text: str) -> None:
    for ch in text:
        QApplication.sendEvent(
            widget, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
        )


def key(qtbot, k: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(QApplication.focusWidget(), k, modifiers)


def open_window(qtbot, db: Database, officer, tmp: Path | None = None) -> MainWindow:
    window = MainWindow(
        db,
        InlineTaskRunner(),
        officer,
        "Xã Bá Thước",
        True,
        (tmp or db.path.parent) / "ui.ini",
        install_language("vi"),
    )
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def test_ctrl_digits_show_each_screen_and_ctrl_f_goes_to_its_search_box(
    qtbot, demo_db: Database, officer
) -> None:
    window = open_window(qtbot, demo_db, officer)
    window.nav.setFocus()
    from xaapp.ui.sync.panel import SyncPanel

    seen_without: list[int] = []
    searches = {
        window.households: window.households.search,
        window.beneficiaries: window.beneficiaries.search,
        window.reviews: window.reviews.search,
    }
    for row in range(window.nav.count()):
        key(qtbot, Qt.Key(Qt.Key.Key_1 + row), CTRL)
        page = window.stack.currentWidget()
        assert window.nav.currentRow() == row and window.stack.currentIndex() == row
        focus = QApplication.focusWidget()
        assert focus is not None and page.isAncestorOf(focus)  # the cursor is in the screen shown
        if isinstance(page, SyncPanel):
            searches[page] = page.search  # the conflicts list's
        if page in searches:
            key(qtbot, Qt.Key.Key_Tab)  # somewhere else in the screen
            key(qtbot, Qt.Key.Key_F, CTRL)
            assert QApplication.focusWidget() is searches[page], window.nav.item(row).text()
        else:  # a screen with no list to search says so
            key(qtbot, Qt.Key.Key_F, CTRL)
            assert window.statusBar().currentMessage() == "Màn hình này không có ô tìm kiếm."
            seen_without.append(row)
    assert len(searches) == 4 and seen_without  # the Lists screen has none: it prints lists
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Màn hình")
    assert [a.shortcut().toString() for a in menu.actions() if not a.isSeparator()] == [
        *(f"Ctrl+{n}" for n in range(1, window.nav.count() + 1)),
        "Ctrl+F",
    ]


def test_down_from_a_search_box_goes_into_its_results_and_enter_opens_the_row(
    qtbot, demo_db: Database, officer
) -> None:
    window = open_window(qtbot, demo_db, officer)
    reviews_page = window.reviews
    key(qtbot, Qt.Key.Key_3, CTRL)
    key(qtbot, Qt.Key.Key_F, CTRL)
    first = reviews_page.model.row_at(0)
    type_text(reviews_page.search, fold(first.head_name))  # accents optional
    assert 0 < reviews_page.proxy.rowCount() < reviews_page.model.rowCount()
    key(qtbot, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is reviews_page.table
    row = reviews_page.selected_row()
    assert row is not None and fold(row.head_name) == fold(first.head_name)
    key(qtbot, Qt.Key.Key_Return)
    assert reviews_page.review_dialog is not None
    assert reviews_page.review_dialog.record.household_id == row.household_id
    reviews_page.review_dialog.close()

    key(qtbot, Qt.Key.Key_2, CTRL)
    page = window.beneficiaries
    assert QApplication.focusWidget() is page.search
    someone = page.model.row_at(0)
    type_text(page.search, someone.full_name)
    key(qtbot, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is page.table and page.selected().full_name == someone.full_name
    key(qtbot, Qt.Key.Key_Return)  # Enter: the person's history below the list
    assert QApplication.focusWidget() in page.history_tables and page.periods.rowCount() >= 1


def _tab_chain(qtbot, start: QWidget, limit: int = 120) -> list[QWidget]:
    start.setFocus()
    seen: list[QWidget] = []
    for _ in range(limit):
        key(qtbot, Qt.Key.Key_Tab)
        focus = QApplication.focusWidget()
        if focus is None or focus in seen:
            break
        seen.append(focus)
    return seen


def test_every_action_of_every_screen_is_reached_by_tab_or_a_key(qtbot, demo_db: Database, officer) -> None:
    window = open_window(qtbot, demo_db, officer)
    for row in range(window.nav.count()):
        window.nav.setCurrentRow(row)
        page = window.stack.currentWidget()
        chain = _tab_chain(qtbot, window.nav)
        controls = [
            w
            for w in page.findChildren(QWidget)
            if isinstance(w, QAbstractButton | QLineEdit | QComboBox | QSpinBox | QTableView)
            and w.isVisible()
            and w.isEnabled()
            and not isinstance(w.parentWidget(), QSpinBox | QComboBox)  # a spin box's own line edit
        ]
        missed = [
            getattr(w, "text", lambda w=w: type(w).__name__)() or type(w).__name__
            for w in controls
            if w not in chain and not (isinstance(w, QAbstractButton) and not w.shortcut().isEmpty())
        ]
        assert not missed, (window.nav.item(row).text(), missed)
        tables = [w for w in controls if isinstance(w, QTableView)]
        for table in tables:  # Tab leaves a table for the next widget instead of walking its cells
            assert not table.tabKeyNavigation()
            table.setFocus()
            key(qtbot, Qt.Key.Key_Tab)
            assert QApplication.focusWidget() is not table, window.nav.item(row).text()


def _dialog(qtbot, db: Database) -> ReviewDialog:
    with db.read() as s:
        village = s.query(Village).order_by(Village.id).first()
        vid, name = village.id, village.name
    install_language("vi")
    dialog = ReviewDialog(db, InlineTaskRunner(), reviews.new_household_record(vid, 2026), "thu", name)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def test_digits_tick_the_numbered_boxes_of_a_multiple_choice(qtbot, demo_db: Database) -> None:
    dialog = _dialog(qtbot, demo_db)
    view = dialog.view
    view.go_to_path("information/info_devices")
    boxes = list(view.editors["information/info_devices"]._boxes.values())
    assert [b.text() for b in boxes[:2]] == ["1. Ti vi", "2. Radio, đài"]
    key(qtbot, Qt.Key.Key_2)
    key(qtbot, Qt.Key.Key_4)
    assert view.session.value("information/info_devices") == ["radio", "smartphone"]
    assert QApplication.focusWidget() is boxes[3]  # the cursor follows the box ticked
    key(qtbot, Qt.Key.Key_2)  # again: unticked
    assert view.session.value("information/info_devices") == ["smartphone"]
    key(qtbot, Qt.Key.Key_Return)
    assert view.current_path() != "information/info_devices"  # Enter: the next question


def test_the_heads_name_is_typed_once_and_member_1_follows_it(qtbot, demo_db: Database) -> None:
    dialog = _dialog(qtbot, demo_db)
    view = dialog.view
    view.go_to_path("general/head_name")
    type_text(QApplication.focusWidget(), "Lò Văn Pá")
    key(qtbot, Qt.Key.Key_M, CTRL)
    assert view.session.value("members[1]/full_name") == "Lò Văn Pá"
    assert view.session.value("members[1]/relationship") == "head"
    assert QApplication.focusWidget().text() == "Lò Văn Pá"  # on screen, with the cursor in it
    view.go_to_path("general/head_name")  # a typo corrected on the general page: member 1 follows
    field = QApplication.focusWidget()
    field.end(False)
    type_text(field, "o")
    assert view.session.value("members[1]/full_name") == "Lò Văn Páo"
    key(qtbot, Qt.Key.Key_M, CTRL)  # only the first member is the head
    assert view.session.value("members[2]/full_name") in (None, "")
    assert view.session.value("members[2]/relationship") in (None, "")


def test_a_date_typed_as_eight_digits_is_read_as_dd_mm_yyyy(qtbot, demo_db: Database) -> None:
    dialog = _dialog(qtbot, demo_db)
    view = dialog.view
    view.go_to_path("general/survey_date")
    field = QApplication.focusWidget()
    field.clear()
    type_text(field, "05112026")
    assert field.text() == "05/11/2026" and str(view.session.value("general/survey_date")) == "2026-11-05"


def test_the_focus_frame_is_drawn_for_every_kind_of_field(qtbot, demo_db: Database, officer) -> None:
    open_window(qtbot, demo_db, officer)
    sheet = QApplication.instance().styleSheet()
    assert FOCUS_STYLE.strip() in sheet
    for kind in (
        "QLineEdit:focus",
        "QComboBox:focus",
        "QCheckBox:focus",
        "QPushButton:focus",
        "QTableView:focus",
    ):
        assert kind in sheet
    dialog = _dialog(qtbot, demo_db)
    view = dialog.view
    view.go_to_path("information/info_devices")
    box = view.editors["information/info_devices"]._boxes["tv"]
    other = view.editors["information/info_devices"]._boxes["radio"]
    assert isinstance(box, QCheckBox) and box.hasFocus()

    def tinted(widget: QWidget) -> float:
        image = widget.grab().toImage()
        pixels = [image.pixelColor(x, y).name() for x in range(image.width()) for y in range(image.height())]
        return sum(p in (FOCUS_TINT, FOCUS_COLOUR) for p in pixels) / len(pixels)

    assert tinted(box) > 0.5 and tinted(other) == 0  # the box with the cursor stands out in the focus colour
