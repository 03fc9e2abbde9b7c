"""The app shell: first-run setup, login, main window lists, language switch, crash dialog (offscreen)."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from xaapp.domain.text import name_sort_key
from xaapp.services.accounts import needs_setup
from xaapp.storage.db import Database, open_database
from xaapp.ui.accounts.login_dialog import LoginDialog
from xaapp.ui.accounts.setup_dialog import SetupDialog
from xaapp.ui.i18n import install_language
from xaapp.ui.main_window import MainWindow
from xaapp.ui.models.household_table import HouseholdTableModel
from xaapp.ui.tasks import InlineTaskRunner

pytestmark = pytest.mark.gui
PASSWORD = "mat-khau-1"  # the officer account of the demo fixture (tests/ui/conftest.py)


def type_text(widget, text: str) -> None:
    """Type Vietnamese the way an input method commits it (qtbot.keyClicks aborts on non-ASCII)."""
    widget.setFocus()
    for ch in text:
        QApplication.sendEvent(
            widget, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
        )


def make_window(qtbot, db: Database, user, language: str = "vi", tmp: Path | None = None) -> MainWindow:
    lang = install_language(language)
    window = MainWindow(
        db, InlineTaskRunner(), user, "Xã Bá Thước", True, (tmp or db.path.parent) / "ui.ini", lang
    )
    qtbot.addWidget(window)
    window.show()
    return window


def test_first_run_setup_searches_communes_without_accents_and_creates_the_admin(
    qtbot, tmp_path: Path
) -> None:
    db = open_database(tmp_path)
    dialog = SetupDialog(db)
    qtbot.addWidget(dialog)
    type_text(dialog.unit_search, "thiệu hoa")
    assert dialog.unit_model.stringList() == ["Xã Thiệu Hóa (15772)"]
    dialog.unit_search.setText("ba thuoc")
    assert dialog.selected_unit().name == "Xã Bá Thước"
    dialog.full_name.setText("Hà Văn Tuấn")
    dialog.password.setText(PASSWORD)
    dialog.password2.setText(PASSWORD + "x")
    dialog._submit()
    assert dialog.error.text() == "Hai lần nhập mật khẩu không khớp." and needs_setup(db)
    dialog.password2.setText(PASSWORD)
    dialog._submit()
    assert dialog.result() == SetupDialog.DialogCode.Accepted
    assert dialog.user.username == "admin" and not needs_setup(db)


def test_login_refuses_a_wrong_password_with_a_vietnamese_message(qtbot, demo_db: Database) -> None:
    install_language("vi")
    dialog = LoginDialog(demo_db, "Xã Bá Thước")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.username, "thu")
    qtbot.keyClicks(dialog.password, "sai-mat-khau")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.user is None and dialog.error.text() == "Sai tên đăng nhập hoặc mật khẩu."
    assert dialog.password.text() == ""
    qtbot.keyClicks(dialog.password, PASSWORD)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.user is not None and dialog.user.full_name == "Lê Thị Thu"


def test_main_window_lists_households_and_search_ignores_accents(qtbot, demo_db: Database, officer) -> None:
    window = make_window(qtbot, demo_db, officer)
    page = window.households
    assert page.model.rowCount() == 300
    page.search.setText("nguyen")
    shown = [page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())]
    assert shown and page.proxy.rowCount() < 300
    heads_with_nguyen = [s for s in shown if s.startswith("Nguyễn")]
    assert heads_with_nguyen  # "nguyen" finds "Nguyễn"
    page.search.clear()
    type_text(page.search, "Nguyễn")
    assert page.proxy.rowCount() == len(shown)  # typed with accents or without: same result
    assert window.windowTitle().endswith("DỮ LIỆU MẪU")


def test_household_list_is_sorted_the_vietnamese_way_by_given_name(qtbot, demo_db: Database, officer) -> None:
    window = make_window(qtbot, demo_db, officer)
    proxy = window.households.proxy
    names = [proxy.index(r, 0).data() for r in range(proxy.rowCount())]
    assert names == sorted(names, key=name_sort_key)
    initials = [n.split()[-1][0] for n in names]
    assert initials.index("D") < initials.index("Đ") if "Đ" in initials and "D" in initials else True
    assert initials[0] == "A" and initials[-1] in "XY"  # by given name (An … Yến), not family name


def test_other_screens_show_real_data(qtbot, demo_db: Database, officer) -> None:
    window = make_window(qtbot, demo_db, officer)
    window.nav.setCurrentRow(1)
    assert window.beneficiaries.model.rowCount() > 0
    assert "người được chi trả" in window.beneficiaries.summary.text()
    window.nav.setCurrentRow(2)
    window.reviews.year.setValue(2025)
    assert "hộ nghèo" in window.reviews.totals.text()
    window.nav.setCurrentRow(window.nav.count() - 1)
    assert (
        "Thay đổi chờ gửi lên tỉnh:</b> " in window.sync.status.text()
        and "chưa đăng ký" in window.sync.status.text()
    )


def test_english_is_a_switchable_second_language(qtbot, demo_db: Database, officer) -> None:
    window = make_window(qtbot, demo_db, officer, language="en")
    try:
        assert window.nav.item(0).text() == "Villages and households"
        assert window.households.model.headerData(0, Qt.Orientation.Horizontal) == "Head of household"
    finally:
        install_language("vi")
    window_vi = make_window(qtbot, demo_db, officer, language="vi")
    assert window_vi.nav.item(0).text() == "Thôn và hộ gia đình"


def test_window_state_is_remembered(qtbot, demo_db: Database, officer, tmp_path: Path) -> None:
    window = make_window(qtbot, demo_db, officer, tmp=tmp_path)
    window.nav.setCurrentRow(2)
    window.close()
    again = make_window(qtbot, demo_db, officer, tmp=tmp_path)
    assert again.nav.currentRow() == 2


def test_household_model_passes_the_model_tester(qtmodeltester, demo_db: Database) -> None:
    from xaapp.services.households import household_rows

    model = HouseholdTableModel()
    model.set_rows(household_rows(demo_db, 2026))
    qtmodeltester.check(model)


def test_an_unhandled_error_is_logged_and_shown_with_details(qtbot, tmp_path: Path, monkeypatch) -> None:
    from xaapp.ui.crash import install_excepthook

    shown: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self) or 0)
    log = tmp_path / "xaapp.log"
    handler = logging.FileHandler(log, encoding="utf-8")
    logging.getLogger().addHandler(handler)
    old_hook = sys.excepthook
    try:
        install_excepthook(str(log))
        try:
            raise ZeroDivisionError("chia cho không")
        except ZeroDivisionError:
            sys.excepthook(*sys.exc_info())
    finally:
        sys.excepthook = old_hook
        logging.getLogger().removeHandler(handler)
        handler.close()
    assert len(shown) == 1 and "ZeroDivisionError: chia cho không" in shown[0].detailedText()
    assert str(log) in shown[0].text()
    assert "ZeroDivisionError" in log.read_text(encoding="utf-8")
    QCoreApplication.processEvents()
