"""The sync screen: enroll, sync now (in the background, with progress and cancel), export a sync file
and read its receipt, accept a server's new certificate; below, the conflicts the officer settles and
the records the province has not taken, with the field and the reason (``review``)."""

from __future__ import annotations

import gc
import sys
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from xaapp.domain.local_time import format_local
from xaapp.errors import KnownError
from xaapp.services.sync import (
    SyncStatus,
    enroll_database,
    export_sync_file,
    import_receipt,
    repin_certificate,
    sync_database,
    sync_status,
)
from xaapp.services.sync_review import (
    ConflictView,
    ProblemView,
    list_conflicts,
    list_problems,
    resolve_conflict,
)
from xaapp.storage.db import Database
from xaapp.sync.engine import SyncReport
from xaapp.sync.ports import Cancel
from xaapp.ui.i18n import current_language, localized
from xaapp.ui.sync.review import ConflictsBox, ProblemsBox
from xaapp.ui.tasks import Runner, full_gc_paused


def _sync_task(db: Database, progress: Any, cancel: Cancel) -> SyncReport:
    """One sync on a worker. What the app holds by now (modules, the list and its index) is moved out
    of the garbage collector's sight first (``gc.freeze``, as the household list does after each
    load): a full collection among the records sent and received then walks only the sync's own
    objects, instead of holding the interpreter lock, and so the UI thread, some 50 ms at a time
    (bench/bench_desktop.py). The young generations are still collected while it runs, the full
    passes held off (``full_gc_paused``: the push's three threads make objects fast enough for a full
    pass to come round every few batches, each holding the lock some 40 ms); most of a sync's objects
    are freed by reference counting anyway. And the interpreter hands its lock round every
    millisecond instead of every five while the sync runs: with the push's three threads wanting it,
    the UI thread could otherwise wait its turn behind each of them in a row (a 50 ms stall)."""
    gc.freeze()
    interval = sys.getswitchinterval()
    sys.setswitchinterval(min(interval, 0.001))
    try:
        with full_gc_paused():
            return sync_database(db, progress=progress, cancel=cancel)
    finally:
        sys.setswitchinterval(interval)


class EnrollDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Đăng ký máy với máy chủ tỉnh"))
        self.url = QLineEdit()
        self.url.setPlaceholderText("https://…")
        self.code = QLineEdit()
        form = QFormLayout(self)
        form.addRow(self.tr("Địa chỉ máy chủ:"), self.url)
        form.addRow(self.tr("Mã đăng ký (tỉnh cấp):"), self.code)
        # Off by default: plain http to another machine sends the token and households in clear.
        self.insecure = QCheckBox(self.tr("Cho phép http không mã hóa (chỉ trong mạng nội bộ tin cậy)"))
        self.insecure.setToolTip(
            self.tr(
                "Chỉ đánh dấu khi tỉnh cho biết máy chủ trong mạng nội bộ không có https. "
                "Mã truy cập và dữ liệu hộ dân sẽ đi qua mạng không mã hóa."
            )
        )
        form.addRow(self.insecure)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class SyncPanel(QWidget):
    """Thread contract: UI thread only; database and network work go through the task runner."""

    def __init__(
        self, db: Database, runner: Runner, parent: QWidget | None = None, actor: str = "officer"
    ) -> None:
        super().__init__(parent)
        self._db, self._runner, self.actor = db, runner, actor
        self._cancel: Cancel | None = None
        self._task_progress: Any = None
        self.last_report: SyncReport | None = None

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # server messages and names, never markup
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.sync_button = QPushButton(self.tr("Đồng bộ ngay"))
        self.cancel_button = QPushButton(self.tr("Dừng"))
        self.cancel_button.setEnabled(False)
        self.sync_button.setEnabled(False)  # until the status says this computer is enrolled
        self.export_button = QPushButton(self.tr("Xuất tệp đồng bộ (USB)…"))
        self.export_button.setEnabled(False)
        self.enroll_button = QPushButton(self.tr("Đăng ký với máy chủ…"))
        buttons = QHBoxLayout()
        for b in (self.sync_button, self.cancel_button, self.export_button, self.enroll_button):
            buttons.addWidget(b)
        buttons.addStretch(1)

        self.receipt_button = QPushButton(self.tr("Nhập biên nhận của tỉnh…"))
        self.receipt_button.setEnabled(False)
        self.repin_button = QPushButton(self.tr("Nhận chứng chỉ mới của máy chủ"))
        self.repin_button.setVisible(False)
        more = QHBoxLayout()
        for b in (self.receipt_button, self.repin_button):
            more.addWidget(b)
        more.addStretch(1)
        self.review = ConflictsBox(self._resolve)
        self.problem_box = ProblemsBox()
        # the names earlier tests and callers use
        self.conflicts, self.differences = self.review.conflicts, self.review.differences
        self.conflict_view = self.review.conflict_view
        self.search = self.review.search  # Ctrl+F (ui.shortcuts)
        self.keep_local, self.keep_server = self.review.keep_local, self.review.keep_server

        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        layout.addLayout(more)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addWidget(self.problem_box, 1)
        layout.addWidget(self.review, 2)

        self.sync_button.clicked.connect(self.start_sync)
        self.cancel_button.clicked.connect(self.cancel_sync)
        self.export_button.clicked.connect(self._ask_export)
        self.enroll_button.clicked.connect(self._ask_enroll)
        self.receipt_button.clicked.connect(self._ask_receipt)
        self.repin_button.clicked.connect(self.repin)
        self.problem_box.set_problems([])

    # --- status and conflicts ------------------------------------------------------------------

    def reload(self) -> None:
        db = self._db
        self._runner.submit(
            lambda _p: (sync_status(db), list_conflicts(db), list_problems(db)), on_done=self._loaded
        )

    def _loaded(self, result: tuple[SyncStatus, list[ConflictView], list[ProblemView]]) -> None:
        st, conflicts, problems = result
        server = st.server_url or self.tr("chưa đăng ký")
        files = ", ".join(str(f["file_seq"]) for f in st.files_awaiting_receipt) or self.tr("không có")
        self.status.setText(
            self.tr(
                "<b>Máy chủ:</b> {0}<br><b>Thay đổi chờ gửi lên tỉnh:</b> {1}<br>"
                "<b>Lần đồng bộ thành công gần nhất:</b> {2}<br><b>Xung đột chưa xử lý:</b> {3}<br>"
                "<b>Tệp đồng bộ chờ biên nhận:</b> {4}"
            ).format(
                escape(server),
                st.pending,
                format_local(st.last_success) if st.last_success else self.tr("chưa có"),  # local time
                st.open_conflicts,
                files,
            )
        )
        idle = st.enrolled and self._cancel is None
        self.sync_button.setEnabled(idle)
        self.export_button.setEnabled(idle)
        self.receipt_button.setEnabled(idle)
        last_error = (st.last_report or {}).get("error") or {}
        self.repin_button.setVisible(last_error.get("code") == "certificate_changed")
        self.review.set_conflicts(conflicts)
        self.problem_box.set_problems(problems)

    def _resolve(self, conflict_id: int, keep: str) -> None:
        db, actor = self._db, self.actor
        self._runner.submit(
            lambda _p: resolve_conflict(db, conflict_id, keep, actor),
            on_done=lambda _r: self.reload(),
            on_error=self._failed,
        )

    def resolve_selected(self, keep: str) -> None:
        conflict = self.review.selected()
        if conflict is not None:
            self._resolve(conflict.id, keep)

    # --- sync, export, enroll ------------------------------------------------------------------

    def start_sync(self) -> None:
        if self._cancel is not None:
            return  # one sync at a time
        cancel = self._cancel = Cancel()
        db = self._db
        self.sync_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.setVisible(True)
        self.progress.setRange(0, 0)
        self.message.setText(self.tr("Đang đồng bộ…"))
        self._task_progress = self._runner.submit(
            lambda p: _sync_task(db, p, cancel),
            on_done=self._synced,
            on_error=self._failed,
            on_progress=self._on_progress,
            uses_db=True,
        )

    def cancel_sync(self) -> None:
        if self._cancel is not None:
            self._cancel.cancel()
            self.message.setText(self.tr("Đang dừng… các gói đã gửi được giữ, lần sau tiếp tục từ đó."))

    def _on_progress(self, text: str, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 0))
        self.progress.setValue(min(done, total) if total else 0)
        if text:
            self.message.setText(text)

    def _finish(self) -> None:
        self._cancel = None
        self.cancel_button.setEnabled(False)
        self.progress.setVisible(False)
        self.reload()

    def _synced(self, report: SyncReport) -> None:
        self.last_report = report
        self._finish()
        if report.error:
            self.message.setText(report.error["en" if current_language() == "en" else "vi"])
        elif report.cancelled:
            self.message.setText(self.tr("Đã dừng. Còn {0} thay đổi chờ gửi.").format(report.pending))
        else:
            self.message.setText(
                self.tr(
                    "Xong: gửi {0} bản ghi ({1} trùng lặp đã bỏ qua), nhận {2}; {3} xung đột cần quyết định."
                ).format(
                    report.pushed.get("accepted", 0),
                    report.pushed.get("duplicate", 0),
                    report.applied,
                    report.open_conflicts,
                )
                + self._attachments_line(report)
            )

    def _attachments_line(self, report: SyncReport) -> str:
        """One line on attached files, when any moved or wait."""
        waiting = len(report.attachments_waiting)
        if not (report.attachments_sent or report.attachments_received or waiting):
            return ""
        return "\n" + self.tr("Tệp đính kèm: gửi {0}, nhận {1}, còn chờ {2}.").format(
            report.attachments_sent, report.attachments_received, waiting
        )

    def _failed(self, exc: BaseException) -> None:
        self._finish()
        if isinstance(exc, KnownError):
            self.message.setText(localized(exc))
        else:
            raise exc

    def export_to(self, path: Path) -> None:
        db = self._db
        self._runner.submit(
            lambda _p: export_sync_file(db, path), on_done=self._exported, on_error=self._failed
        )

    def _exported(self, result: dict[str, Any]) -> None:
        self.reload()
        if result["file"] is None:
            self.message.setText(self.tr("Không có thay đổi nào chờ gửi."))
        else:
            self.message.setText(
                self.tr("Đã ghi {0} bản ghi vào {1}. Mang tệp này lên nơi có mạng để gửi.").format(
                    result["records"], result["file"]
                )
            )

    def import_receipt_from(self, path: Path) -> None:
        db = self._db
        self._runner.submit(
            lambda _p: import_receipt(db, path),
            on_done=self._receipt_read,
            on_error=self._failed,
            uses_db=True,
        )

    def _receipt_read(self, result: dict[str, Any]) -> None:
        self.reload()
        o = result["outcomes"]
        self.message.setText(
            self.tr(
                "Biên nhận tệp số {0}: tỉnh đã nhận {1} bản ghi, từ chối {2}, xung đột {3}; còn chờ gửi {4}."
            ).format(
                result["file_seq"],
                o.get("accepted", 0) + o.get("duplicate", 0),
                o.get("rejected", 0),
                o.get("conflict", 0),
                result["pending"],
            )
        )

    def repin(self) -> None:
        db = self._db
        self._runner.submit(
            lambda _p: repin_certificate(db),
            on_done=lambda pin: (
                self.message.setText(self.tr("Đã nhận chứng chỉ mới (SHA-256 {0}…).").format(pin[:16])),
                self.reload(),
            ),
            on_error=self._failed,
        )

    def _ask_receipt(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Chọn tệp biên nhận của tỉnh"))
        if path:
            self.import_receipt_from(Path(path))

    def enroll(self, url: str, code: str, allow_insecure_http: bool = False) -> None:
        db = self._db
        self._runner.submit(
            lambda _p: enroll_database(
                db, url.strip(), code.strip(), allow_insecure_http=allow_insecure_http
            ),
            on_done=lambda r: (
                self.message.setText(self.tr("Đã đăng ký: thiết bị {0}, xã {1}.").format(*r)),
                self.reload(),
            ),
            on_error=self._failed,
            uses_db=True,
        )

    def _ask_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Lưu tệp đồng bộ"), "xaapp-sync.xaz")
        if path:
            self.export_to(Path(path))

    def _ask_enroll(self) -> None:
        dialog = EnrollDialog(self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.enroll(dialog.url.text(), dialog.code.text(), dialog.insecure.isChecked())
