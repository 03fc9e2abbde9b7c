"""Login at start: username and password; a wrong pair is refused without saying which part was wrong."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from xaapp.errors import KnownError
from xaapp.services.accounts import UserRow, authenticate
from xaapp.storage.db import Database
from xaapp.ui.accounts.shown import AnnouncingDialog
from xaapp.ui.i18n import localized


class LoginDialog(AnnouncingDialog):
    def __init__(self, db: Database, commune_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.user: UserRow | None = None
        self.setWindowTitle(self.tr("Đăng nhập – xaapp"))
        self.username = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        form = QFormLayout()
        form.addRow(self.tr("Tên đăng nhập:"), self.username)
        form.addRow(self.tr("Mật khẩu:"), self.password)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"<b>{commune_name}</b>"))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _submit(self) -> None:
        try:
            self.user = authenticate(self._db, self.username.text(), self.password.text())
        except KnownError as exc:
            self.error.setText(localized(exc))
            self.password.clear()
            self.password.setFocus()
            return
        self.accept()
