"""Dialogs of the social-assistance screen: finding a person of the register, changing a status."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from xaapp.services.person_search import person_choices
from xaapp.storage.db import Database
from xaapp.ui.labels import event_label
from xaapp.ui.search_list import SearchListKeys


class PersonPicker(QDialog):
    """Find a person of the register by name or ID (accents optional); every row shows the birth and
    the village. Down moves into the results, Enter opens the highlighted person (``ui.search_list``)."""

    LIMIT = 50

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.setWindowTitle(self.tr("Chọn người trong sổ hộ"))
        self.resize(520, 420)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Gõ tên hoặc số định danh (không cần dấu)…"))
        self.results = QListWidget()
        self.hint = QLabel(self.tr("↓ chọn trong danh sách, Enter để mở."))
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.results)
        layout.addWidget(self.hint)
        self.keys = SearchListKeys(self.search, self.results, self._pick, self._ask_to_choose)
        self.search.textChanged.connect(self._find)
        self.results.itemDoubleClicked.connect(lambda _i: self._pick())

    def _find(self, text: str) -> None:
        self.results.clear()
        if len(text.strip()) < 2:
            self.hint.setText(self.tr("↓ chọn trong danh sách, Enter để mở."))
            return
        found = person_choices(self._db, text, limit=self.LIMIT)
        for choice in found:
            item = QListWidgetItem(choice.label)
            item.setData(Qt.ItemDataRole.UserRole, choice.person_id)
            self.results.addItem(item)
        self.keys.clear_highlight()
        if not found:
            self.hint.setText(self.tr("Không tìm thấy người nào."))
        elif len(found) >= self.LIMIT:
            self.hint.setText(self.tr("Nhiều hơn {0} người: gõ thêm để thu hẹp.").format(self.LIMIT))
        else:
            self.hint.setText(self.tr("{0} người. ↓ chọn trong danh sách, Enter để mở.").format(len(found)))

    def _ask_to_choose(self, count: int) -> None:
        self.hint.setText(
            self.tr("Có {0} người khớp: bấm ↓ để chọn đúng người (xem năm sinh, thôn), rồi Enter.").format(
                count
            )
        )

    def _pick(self) -> None:
        if self.person_id() is not None:
            self.accept()

    def person_id(self) -> int | None:
        row = self.keys.highlighted_row()
        item = self.results.item(row) if row is not None else None
        return item.data(Qt.ItemDataRole.UserRole) if item else None


class StatusDialog(QDialog):
    """Suspend, stop or resume one beneficiary's allowance; *name* and *about* (birth, village) say whose."""

    def __init__(self, name: str = "", about: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(
            self.tr("Đổi trạng thái hưởng – {0}").format(name) if name else self.tr("Đổi trạng thái hưởng")
        )
        self.who = QLabel(" – ".join(x for x in (name, about) if x))
        self.who.setTextFormat(Qt.TextFormat.PlainText)  # the name as typed, never markup
        self.who.setStyleSheet("font-weight: bold")
        self.who.setVisible(bool(name))
        self.action = QComboBox()
        for code in ("suspend", "stop", "resume"):
            self.action.addItem(event_label(code), code)
        today = dt.date.today()
        self.month = QLineEdit(f"{today.month:02d}/{today.year}")
        self.month.setPlaceholderText("mm/yyyy")
        self.reason = QLineEdit()
        self.decision = QLineEdit()
        form = QFormLayout(self)
        form.addRow(self.who)
        form.addRow(self.tr("Thao tác:"), self.action)
        form.addRow(self.tr("Từ tháng (mm/yyyy):"), self.month)
        form.addRow(self.tr("Lý do:"), self.reason)
        form.addRow(self.tr("Số quyết định:"), self.decision)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def month_value(self) -> str:
        text = self.month.text().strip()
        if "/" in text:
            month, year = text.split("/", 1)
            return f"{year.strip()}-{int(month):02d}" if month.strip().isdigit() else text
        return text
