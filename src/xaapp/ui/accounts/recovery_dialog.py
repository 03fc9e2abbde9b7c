"""The recovery code of an encrypted data file, shown once: to print (or copy by hand) for the commune's safe.

The dialog closes only once the officer ticks that the code is printed or copied (Esc does not skip it):
without the code, a forgotten passphrase loses the data for good.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtGui import QFont, QFontDatabase, QTextDocument
from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget


class RecoveryCodeDialog(QDialog):
    def __init__(self, code: str, commune_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.code = code
        self.commune_name = commune_name
        self.setWindowTitle(self.tr("Mã khôi phục dữ liệu – xaapp"))
        intro = QLabel(
            self.tr(
                "Tệp dữ liệu đã được mã hóa. Mã dưới đây mở được tệp dữ liệu và mọi bản sao lưu khi quên mật khẩu "
                "dữ liệu hoặc trên máy tính khác. <b>Mã chỉ hiện một lần:</b> hãy in ra (hoặc chép tay) và cất vào "
                "tủ hồ sơ của xã, không để cùng máy tính."
            )
        )
        intro.setWordWrap(True)
        self.code_label = QLabel(code)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSize(max(mono.pointSize(), 10) + 6)
        mono.setWeight(QFont.Weight.Bold)
        self.code_label.setFont(mono)
        self.code_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.print_button = QPushButton(self.tr("In mã khôi phục…"))
        self.print_button.clicked.connect(self._print)
        self.confirm = QCheckBox(self.tr("Tôi đã in hoặc chép mã này và sẽ cất vào tủ hồ sơ của xã"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setEnabled(False)
        self.confirm.toggled.connect(self.ok.setEnabled)
        self.buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        for w in (intro, self.code_label, self.print_button, self.confirm, self.buttons):
            layout.addWidget(w)
        self.confirm.setFocus()

    def reject(self) -> None:  # Esc or the window's close button: only once the code is kept
        if self.confirm.isChecked():
            super().reject()

    def document(self) -> QTextDocument:
        """The printed sheet: commune, date, the code, what it is for and how to use it."""
        doc = QTextDocument(self)
        when = QDateTime.currentDateTime().toString("dd/MM/yyyy HH:mm")
        doc.setHtml(
            "<h2>{title}</h2><p>{commune}<br>{when_label} {when}</p>"
            "<p style='font-size:22pt; font-family:monospace'><b>{code}</b></p><p>{use}</p><p>{keep}</p>".format(
                title=html.escape(self.tr("MÃ KHÔI PHỤC DỮ LIỆU XAAPP")),
                commune=html.escape(self.commune_name),
                when_label=html.escape(self.tr("Ngày mã hóa:")),
                when=when,
                code=html.escape(self.code),
                use=html.escape(
                    self.tr(
                        "Khi quên mật khẩu dữ liệu, hoặc khi mở tệp dữ liệu hay bản sao lưu trên máy tính khác, gõ mã "
                        "này vào ô «Mật khẩu dữ liệu» của cửa sổ đăng nhập, hoặc khi lệnh xaapp hỏi mật khẩu."
                    )
                ),
                keep=html.escape(
                    self.tr("Cất trong tủ hồ sơ có khóa của xã, không để cùng máy tính, không gửi qua mạng.")
                ),
            )
        )
        return doc

    def _print(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.document().print_(printer)
