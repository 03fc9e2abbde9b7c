"""Login at start: username and password; a wrong pair is refused without saying which part was wrong.

The dialog opens before the data file does (the app opens it in the background while the officer
types): until ``set_database`` is called, OK waits and the commune is the one remembered from the last
start. Nothing here imports the database layer until a password is checked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from xaapp.errors import KnownError
from xaapp.ui.accounts.shown import AnnouncingDialog
from xaapp.ui.i18n import localized

if TYPE_CHECKING:
    from xaapp.services.accounts import UserRow
    from xaapp.storage.db import Database


class LoginDialog(AnnouncingDialog):
    def __init__(self, db: Database | None, commune_name: str, parent: QWidget | None = None) -> None:
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
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        self.commune = QLabel(f"<b>{commune_name}</b>")
        layout = QVBoxLayout(self)
        layout.addWidget(self.commune)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(db is not None)

    def set_database(self, db: Database, commune_name: str) -> None:
        """The data file is open: passwords can be checked now."""
        self._db = db
        self.commune.setText(f"<b>{commune_name}</b>")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)

    def _submit(self) -> None:
        if self._db is None:
            return
        from xaapp.services.accounts import authenticate

        try:
            self.user = authenticate(self._db, self.username.text(), self.password.text())
        except KnownError as exc:
            self.error.setText(localized(exc))
            self.password.clear()
            self.password.setFocus()
            return
        self.accept()
