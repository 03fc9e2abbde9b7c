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
