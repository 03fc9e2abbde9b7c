"""Qt's own strings (button boxes, file and input dialogs, context menus, print preview) are Vietnamese when the
interface is: Qt ships no Vietnamese catalogue, so resources/i18n/qt_vi.ts carries one."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
)

from xaapp.ui import i18n

pytestmark = pytest.mark.gui

# Strings Qt asks for that are not words: shortcuts, number formats, paper names, layout direction.
NOT_WORDS = {
    ("QGuiApplication", "QT_LAYOUT_DIRECTION"),
    ("QPrintPreviewDialog", "%1%"),
    ("QPageSize", "A4"),
}
# Shortcut names, and file-type descriptions from the MIME database (an open set, depending on the folder shown).
SKIPPED_CONTEXTS = {"QShortcut", "QMimeType"}


class _Misses(QTranslator):
    """Installed first, so Qt asks it only for strings no other catalogue translated."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: set[tuple[str, str]] = set()

    def translate(self, context, source, disambiguation=None, n=-1):  # type: ignore[override]
        self.seen.add((context, source))
        return None  # a null string: "not translated here", so Qt shows its source text

    def isEmpty(self) -> bool:  # noqa: N802 (Qt's name)
        return False


@pytest.fixture
def vietnamese(qapp: QApplication) -> Iterator[_Misses]:
    misses = _Misses()
    qapp.installTranslator(misses)
    previous = QLocale()
    assert i18n.install_language("vi") == "vi"
    try:
        yield misses
    finally:
        for translator in i18n._installed:
            qapp.removeTranslator(translator)
        i18n._installed.clear()
        qapp.removeTranslator(misses)
        QLocale.setDefault(previous)


def _file_dialog(save: bool) -> QFileDialog:
    dialog = QFileDialog(None, "Lưu danh sách")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave if save else QFileDialog.AcceptMode.AcceptOpen)
    return dialog


def test_ok_cancel_close_and_yes_no_are_vietnamese(vietnamese: _Misses) -> None:
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok
        | QDialogButtonBox.StandardButton.Cancel
        | QDialogButtonBox.StandardButton.Close
        | QDialogButtonBox.StandardButton.Yes
        | QDialogButtonBox.StandardButton.No
    )
    texts = {b.text() for b in box.buttons()}
    assert texts == {"Đồng ý", "Hủy", "Đóng", "&Có", "&Không"}


def test_the_save_dialog_speaks_vietnamese(vietnamese: _Misses) -> None:
    dialog = _file_dialog(save=True)
    labels = {w.text() for w in dialog.findChildren(QLabel) if w.text()}
    buttons = {w.text() for w in dialog.findChildren(QPushButton) if w.text()}
    assert {"&Tìm trong:", "&Tên tệp:", "&Loại tệp:"} <= labels
    assert {"&Lưu", "Hủy"} <= buttons
    assert not {"&Look in:", "File &name:", "&Save", "Cancel"} & (labels | buttons)
    dialog.deleteLater()


def test_context_menus_are_vietnamese(vietnamese: _Misses) -> None:
    for widget in (QLineEdit(), QPlainTextEdit()):
        texts = [a.text().split("\t")[0] for a in widget.createStandardContextMenu().actions() if a.text()]
        assert "Sao &chép" in texts and "&Dán" in texts and "Chọn tất cả" in texts, texts
        assert not {"&Copy", "&Paste", "Select All"} & set(texts)


def test_every_string_the_standard_widgets_ask_for_is_translated(vietnamese: _Misses) -> None:
    printer = QPrinter()  # the preview keeps a pointer to it: it must outlive the dialog
    made = [
        _file_dialog(True),
        _file_dialog(False),
        QPrintPreviewDialog(printer),
        QInputDialog(),
        QMessageBox(),
    ]
    made[-1].setDetailedText("chi tiết")
    for widget in made:
        widget.show()
    spin = QSpinBox()
    editors = [QLineEdit(), QPlainTextEdit(), spin.findChild(QLineEdit)]
    menus = [editor.createStandardContextMenu() for editor in editors]
    QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    QCoreApplication.processEvents()
    missing = sorted(
        (context, source)
        for context, source in vietnamese.seen
        if context.startswith("Q")  # Qt's own classes; the app's strings are Vietnamese at the source
        and (context, source) not in NOT_WORDS
        and context not in SKIPPED_CONTEXTS
        and not (source.startswith(("Alt+", "Ctrl+", "Backspace")) or source in {"Ctrl", "Alt", "Shift"})
        and not source.startswith("%1 ")  # file-size units, formatted by QLocale
    )
    for widget in made:
        widget.close()
        widget.deleteLater()
    del menus, editors, spin, made
    assert missing == []


#: Words of Qt's own vocabulary that must never reach a Vietnamese screen (buttons, menus, wizard pages).
QT_ENGLISH = {"ok", "cancel", "close", "apply", "yes", "no", "save", "open", "help", "reset", "back", "next",
              "finish", "browse", "discard", "retry", "ignore", "abort", "previous", "today", "print", "select all",
              "copy", "paste", "cut", "undo", "redo", "delete", "show details...", "hide details..."}  # fmt: skip


#: The app's own source texts that happen to be plain ASCII (a Vietnamese word, a date pattern).
APP_ASCII = {"Trang", "dd/mm/yyyy"}


def _visible_words(widget) -> list[str]:
    """Every text a widget and its children show: window title, labels, buttons, tooltips, placeholders."""
    from PySide6.QtWidgets import QAbstractButton, QGroupBox, QWidget

    texts = [widget.windowTitle()]
    for child in [widget, *widget.findChildren(QWidget)]:
        if isinstance(child, QAbstractButton | QLabel):
            texts.append(child.text())
        if isinstance(child, QLineEdit):
            texts.append(child.placeholderText())
        if isinstance(child, QGroupBox):
            texts.append(child.title())
        texts.append(child.toolTip())
    return [t.replace("&", "").strip() for t in texts if t and t.strip()]


def test_every_dialog_of_the_app_and_the_calendar_popup_are_vietnamese(
    vietnamese: _Misses, demo_db, qtbot
) -> None:
    from PySide6.QtCore import QDate
    from PySide6.QtWidgets import QCalendarWidget, QDateEdit, QTableView, QToolButton
    from sqlalchemy import select

    from xaapp.services import reviews
    from xaapp.services.household_detail import household_detail
    from xaapp.storage.orm import Household
    from xaapp.ui.accounts.login_dialog import LoginDialog
    from xaapp.ui.accounts.recovery_dialog import RecoveryCodeDialog
    from xaapp.ui.accounts.setup_dialog import SetupDialog
    from xaapp.ui.beneficiaries.dialogs import PersonPicker, StatusDialog
    from xaapp.ui.households.detail import HouseholdDetailDialog
    from xaapp.ui.interview.review_dialog import ReviewDialog
    from xaapp.ui.lists.import_wizard import ImportWizard
    from xaapp.ui.reviews.step_dialog import StepDialog
    from xaapp.ui.sync.panel import EnrollDialog
    from xaapp.ui.tasks import InlineTaskRunner

    runner = InlineTaskRunner()
    with demo_db.read() as s:
        hid = s.scalars(select(Household.id).order_by(Household.id)).first()
    record = reviews.open_review(demo_db, hid, 2026, actor="thu")
    dialogs = [
        LoginDialog(None, "Xã Bá Thước", locked=True),
        SetupDialog(demo_db),
        RecoveryCodeDialog("ABCD-EFGH-JKMN-PQRS-TVWX-YZ23", "Xã Bá Thước"),
        EnrollDialog(),
        PersonPicker(demo_db),
        StatusDialog("Hà Văn Tuấn", "Bản Đôn"),
        StepDialog(["posted"], "Niêm yết", "Hộ Hà Văn Tuấn"),
        HouseholdDetailDialog(household_detail(demo_db, hid)),
        ImportWizard(demo_db, runner),
        ReviewDialog(demo_db, runner, record, "thu"),
    ]
    date = QDateEdit(QDate(2026, 7, 1))
    date.setCalendarPopup(True)
    date.show()
    calendar: QCalendarWidget = date.calendarWidget()
    calendar.show()
    for dialog in dialogs:
        dialog.show()
    QCoreApplication.processEvents()

    # the calendar popup: month and weekday names from the Vietnamese locale
    header = calendar.findChild(QTableView).model()
    assert [header.index(0, c).data() for c in range(7)] == ["Thứ 2", "Thứ 3", "Thứ 4", "Thứ 5", "Thứ 6", "Thứ 7", "CN"]
    month_button = calendar.findChild(QToolButton, "qt_calendar_monthbutton")
    assert month_button.text() == "Tháng 7"
    assert [a.text() for a in month_button.menu().actions()][:2] == ["Tháng 1", "Tháng 2"]

    english = {
        type(w).__name__: sorted({t for t in _visible_words(w) if t.lower().rstrip(":") in QT_ENGLISH})
        for w in [*dialogs, calendar]
    }
    missing = sorted(
        (context, source)
        for context, source in vietnamese.seen
        if context.startswith("Q") and (context, source) not in NOT_WORDS and context not in SKIPPED_CONTEXTS
        # the app's own dialogs ask under Qt's class names too, for their Vietnamese source texts
        and source.isascii() and any(ch.isalpha() for ch in source)
        and source not in APP_ASCII
        and not source.startswith(("Alt+", "Ctrl+", "Backspace"))  # key names, as in the test above
    )
    for dialog in dialogs:
        dialog.close()
        dialog.deleteLater()
    date.close()
    date.deleteLater()
    demo_db.close()
    assert {k: v for k, v in english.items() if v} == {}
    assert missing == [], repr(missing)
