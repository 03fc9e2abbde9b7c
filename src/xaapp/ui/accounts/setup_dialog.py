"""First-run setup: choose the commune (searchable, accent-insensitive), create the first admin, maybe load the demo.

In the commune search, Down moves into the results and Enter takes the highlighted unit (then the
cursor goes on to the admin's name); a unit is chosen only by highlighting it — typing alone picks
one only when it is the only match. Units of the same name show their type (xã / phường).

"Mã hóa dữ liệu" asks for a data passphrase (twice); the app then encrypts the file once set-up is done
and shows the recovery code (``recovery_dialog``). It is off by default, and for the demo commune too.
"""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QStringListModel
from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from xaapp.domain.roles import Role
from xaapp.domain.text import fold
from xaapp.errors import KnownError
from xaapp.services.accounts import UserRow, complete_setup
from xaapp.services.demo_names import DEMO_COMMUNE_CODE
from xaapp.services.reference import UnitRow, read_units_csv, search_units
from xaapp.storage.data_key import MIN_PASSPHRASE, check_passphrase
from xaapp.storage.db import Database
from xaapp.ui.accounts.shown import AnnouncingDialog
from xaapp.ui.i18n import localized
from xaapp.ui.search_list import SearchListKeys

KIND_LABELS = {"xa": "xã", "phuong": "phường", "thi_tran": "thị trấn"}


def unit_labels(units: list[UnitRow]) -> list[str]:
    """ "Xã Bá Thước (14923)"; units that share a name also show their type: "X – phường (code)"."""
    names = Counter(fold(u.name) for u in units)
    return [
        f"{u.name} – {KIND_LABELS.get(u.kind, u.kind)} ({u.code})"
        if names[fold(u.name)] > 1
        else f"{u.name} ({u.code})"
        for u in units
    ]


class SetupDialog(AnnouncingDialog):
    """Accepts once the commune is recorded and the admin exists. ``load_demo`` tells whether to load the demo."""

    def __init__(self, db: Database, parent: QWidget | None = None, can_encrypt: bool = True) -> None:
        super().__init__(parent)
        self._db = db
        self._units = read_units_csv()
        self._shown: list[UnitRow] = list(self._units)
        self.user: UserRow | None = None
        self.load_demo = False
        self.encrypt_passphrase: str | None = None  # set when the officer chose encryption
        self.setWindowTitle(self.tr("Thiết lập lần đầu – xaapp"))

        self.unit_search = QLineEdit()
        self.unit_search.setPlaceholderText(self.tr("Gõ tên xã/phường, có dấu hoặc không…"))
        self.unit_list = QListView()
        self.unit_model = QStringListModel(self)
        self.unit_list.setModel(self.unit_model)
        self.unit_list.setMinimumHeight(180)
        self.demo_box = QCheckBox(self.tr("Nạp dữ liệu xã mẫu (Xã Bá Thước) để làm quen"))
        self.username = QLineEdit("admin")
        self.full_name = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password2 = QLineEdit()
        self.password2.setEchoMode(QLineEdit.EchoMode.Password)
        self.encrypt_box = QCheckBox(
            self.tr("Mã hóa dữ liệu bằng mật khẩu riêng (nên chọn: máy tính có thể bị mất hoặc bị lấy cắp)")
        )
        self.data_pass = QLineEdit()
        self.data_pass.setEchoMode(QLineEdit.EchoMode.Password)
        self.data_pass.setPlaceholderText(self.tr("ít nhất {0} ký tự; cả xã dùng chung").format(MIN_PASSPHRASE))
        self.data_pass2 = QLineEdit()
        self.data_pass2.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("Tên đăng nhập quản trị:"), self.username)
        form.addRow(self.tr("Họ và tên:"), self.full_name)
        form.addRow(self.tr("Mật khẩu:"), self.password)
        form.addRow(self.tr("Nhập lại mật khẩu:"), self.password2)
        self.cipher_form = cipher_form = QFormLayout()
        cipher_form.addRow(self.tr("Mật khẩu dữ liệu:"), self.data_pass)
        cipher_form.addRow(self.tr("Nhập lại mật khẩu dữ liệu:"), self.data_pass2)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("<b>Xã/phường sử dụng phần mềm</b> (166 đơn vị của tỉnh Thanh Hóa)")))
        layout.addWidget(self.unit_search)
        layout.addWidget(self.unit_list)
        layout.addWidget(self.demo_box)
        layout.addLayout(form)
        layout.addWidget(self.encrypt_box)
        layout.addLayout(cipher_form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

        self.unit_keys = SearchListKeys(self.unit_search, self.unit_list, self._unit_chosen, self._ask_unit)
        self.unit_search.textChanged.connect(self._filter)
        self.demo_box.toggled.connect(self._demo_toggled)
        self.encrypt_box.toggled.connect(self._encrypt_toggled)
        self._encrypt_toggled(False)
        self.encrypt_box.setVisible(can_encrypt)  # not offered for a file encrypted already
        for row in range(self.cipher_form.rowCount()):
            self.cipher_form.setRowVisible(row, can_encrypt)
        self._filter("")

    def _encrypt_toggled(self, on: bool) -> None:
        self.data_pass.setEnabled(on)
        self.data_pass2.setEnabled(on)
        if on:
            self.data_pass.setFocus()

    def _filter(self, text: str) -> None:
        self._shown = search_units(self._units, text)
        self.unit_model.setStringList(unit_labels(self._shown))
        self.unit_keys.clear_highlight()

    def _unit_chosen(self) -> None:
        self.error.clear()
        self.username.setFocus()
        self.username.selectAll()

    def _ask_unit(self, count: int) -> None:
        self.error.setText(self.tr("Có {0} xã/phường khớp: bấm ↓ để chọn, rồi Enter.").format(count))

    def _demo_toggled(self, on: bool) -> None:
        if on:
            self.unit_search.setText("Bá Thước")
        self.unit_search.setEnabled(not on)
        self.unit_list.setEnabled(not on)

    def selected_unit(self) -> UnitRow | None:
        if self.demo_box.isChecked():
            return next(u for u in self._units if u.code == DEMO_COMMUNE_CODE)
        row = self.unit_keys.highlighted_row()
        return self._shown[row] if row is not None and row < len(self._shown) else None

    def _submit(self) -> None:
        unit = self.selected_unit()
        if unit is None:
            self.error.setText(self.tr("Hãy chọn xã/phường trong danh sách."))
            return
        if self.password.text() != self.password2.text():
            self.error.setText(self.tr("Hai lần nhập mật khẩu không khớp."))
            self.password2.setFocus()
            return
        if self.encrypt_box.isChecked():
            try:
                check_passphrase(self.data_pass.text(), self.data_pass2.text())
            except KnownError as exc:
                self.error.setText(localized(exc))
                self.data_pass.setFocus()
                return
        try:
            self.user = complete_setup(
                self._db, unit.code, self.username.text(), self.full_name.text(), self.password.text()
            )
        except KnownError as exc:
            self.error.setText(localized(exc))
            return
        assert self.user.role == Role.ADMIN
        self.load_demo = self.demo_box.isChecked()
        self.encrypt_passphrase = self.data_pass.text() if self.encrypt_box.isChecked() else None
        self.accept()
