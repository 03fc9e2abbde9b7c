"""The Lists screen's line for the year's report to the province: its state ("chưa gửi", "chờ gửi",
"tỉnh đã nhận ngày …") and the button that marks it as sent, after a confirmation naming the year and
the commune (``services.yearly_report``). The mark travels with the next sync.

Thread contract: UI thread only (one short local transaction per click).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QWidget

from xaapp.errors import KnownError
from xaapp.services.yearly_report import ReportStatus, mark_report_sent, report_status
from xaapp.storage.db import Database
from xaapp.ui.i18n import current_language, localized


class ReportSentBar(QWidget):
    def __init__(self, db: Database, actor: Callable[[], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db, self._actor = db, actor  # *actor*: the signed-in officer's username, asked when marking
        self.year = 0
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.button = QPushButton(self.tr("Đánh dấu đã gửi báo cáo năm…"))
        self.button.setToolTip(
            self.tr("Báo cáo năm gửi tỉnh (trước ngày 25/11): tỉnh lưu lại biểu của năm ở lần đồng bộ tới")
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
        self.button.clicked.connect(self.ask_and_mark)

    def set_year(self, year: int) -> None:
        self.year = year
        self.refresh()

    def refresh(self) -> None:
        try:
            status = report_status(self._db, self.year)
        except KnownError as exc:
            self.label.setText(localized(exc))
            return
        vi, en = status.text()  # built with dates and names: both languages come from the service
        self.label.setText(en if current_language() == "en" else vi)
        self.button.setEnabled(not status.waiting)

    def confirm(self, status: ReportStatus) -> bool:
        """Ask the officer (tests replace this)."""
        commune = status.commune_name or status.commune_code
        again = self.tr(" (gửi lại: tỉnh giữ cả bản trước)") if status.received_at else ""
        answer = QMessageBox.question(
            self,
            self.tr("Gửi báo cáo năm"),
            self.tr("Đánh dấu đã gửi báo cáo năm %1 của %2%3?\n\nỞ lần đồng bộ tới (qua mạng hoặc tệp), "
                    "tỉnh lưu lại các biểu của năm %1 (có chữ ký); sửa sau đó sẽ hiện là thay đổi sau báo cáo.")
            .replace("%1", str(status.year)).replace("%2", commune).replace("%3", again),
        )  # fmt: skip
        return answer == QMessageBox.StandardButton.Yes

    def ask_and_mark(self) -> None:
        try:
            status = report_status(self._db, self.year)
            if not self.confirm(status):
                return
            mark_report_sent(self._db, self.year, self._actor())
        except KnownError as exc:
            self.label.setText(localized(exc))
            return
        self.refresh()
