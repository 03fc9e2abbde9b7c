"""Login at start: username and password; a wrong pair is refused without saying which part was wrong.

The dialog opens before the data file does (the app opens it in the background while the officer
types): until ``set_database`` is called, OK waits and the commune is the one remembered from the last
start. Nothing here imports the database layer until a password is checked.

An encrypted data file is unlocked in the same window: one more field, "Mật khẩu dữ liệu" (the
commune's data passphrase, or its recovery code), above the officer's own name and password. OK
first asks the app to unlock and open the file (``sig_unlock``); once it is open, the login goes on
by itself. One window, as an officer expects of "signing in"; the two secrets stay apart because the
data passphrase belongs to the commune's file and the password to the officer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from xaapp.errors import KnownError
from xaapp.ui.accounts.shown import AnnouncingDialog
from xaapp.ui.i18n import localized

if TYPE_CHECKING:
    from xaapp.services.accounts import UserRow
    from xaapp.storage.db import Database


class LoginDialog(AnnouncingDialog):
    sig_unlock = Signal(str)
    """The data passphrase (or recovery code) typed for an encrypted file; answered by ``set_database`` or
    ``unlock_failed``."""

    def __init__(
        self, db: Database | None, commune_name: str, parent: QWidget | None = None, locked: bool = False
    ) -> None:
        super().__init__(parent)
        self._db = db
        self.locked = locked
        self._unlocking = False
        self.user: UserRow | None = None
        self.setWindowTitle(self.tr("Đăng nhập – xaapp"))
        self.username = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        form = QFormLayout()
        self.data_pass = QLineEdit()
        self.data_pass.setEchoMode(QLineEdit.EchoMode.Password)
        self.data_pass.setPlaceholderText(self.tr("hoặc mã khôi phục"))
        if locked:
            form.addRow(self.tr("Mật khẩu dữ liệu:"), self.data_pass)
        else:
            self.data_pass.hide()
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
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setEnabled(db is not None or locked)
        if locked:
            self.data_pass.setFocus()

    def set_database(self, db: Database, commune_name: str) -> None:
        """The data file is open: passwords can be checked now (and are, if OK was pressed to unlock it)."""
        self._db = db
        self.commune.setText(f"<b>{commune_name}</b>")
        self.ok.setEnabled(True)
        self.data_pass.setEnabled(False)
        if self._unlocking:
            self._unlocking = False
            self.error.clear()
            self._submit()

    def unlock_failed(self, message: str) -> None:
        """The data passphrase did not open the file: say so and let the officer type it again."""
        self._unlocking = False
        self.error.setText(message)
        self.ok.setEnabled(True)
        self.data_pass.clear()
        self.data_pass.setFocus()

    def _submit(self) -> None:
        if self._db is None:
            if self.locked and not self._unlocking:
                if not self.data_pass.text():
                    self.error.setText(self.tr("Hãy nhập mật khẩu dữ liệu (hoặc mã khôi phục) để mở tệp dữ liệu."))
                    self.data_pass.setFocus()
                    return
                self._unlocking = True
                self.ok.setEnabled(False)
                self.error.setText(self.tr("Đang mở khóa tệp dữ liệu…"))
                self.sig_unlock.emit(self.data_pass.text())
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
