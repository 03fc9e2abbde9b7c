"""The sync screen: enroll, sync now (in the background, with progress and cancel), export a sync file,
and the conflicts list where the officer compares field by field and keeps either side."""

from __future__ import annotations

import json
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from xaapp.domain.local_time import format_local
from xaapp.errors import KnownError
from xaapp.services.sync import (
    ConflictView,
    SyncStatus,
    enroll_database,
    export_sync_file,
    list_conflicts,
    resolve_conflict,
    sync_database,
    sync_status,
)
from xaapp.storage.db import Database
from xaapp.sync.engine import SyncReport
from xaapp.sync.ports import Cancel
from xaapp.ui.i18n import current_language, localized
from xaapp.ui.labels import entity_label, field_label
from xaapp.ui.models.record_table import ColumnSpec, RecordTableModel
from xaapp.ui.table_fit import fit_columns, keyboard_table

Difference = tuple[str, Any, Any]


def _text(value: Any) -> str:
    if value is None:
        return "∅"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


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
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class SyncPanel(QWidget):
    """Thread contract: UI thread only; database and network work go through the task runner."""

    def __init__(
        self, db: Database, runner: Any, parent: QWidget | None = None, actor: str = "officer"
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

        self.conflicts: RecordTableModel[ConflictView] = RecordTableModel(
            [
                ColumnSpec(self.tr("Loại bản ghi"), lambda c: entity_label(c.entity)),
                ColumnSpec(self.tr("Mã bản ghi"), lambda c: c.entity_uuid[:8]),
                ColumnSpec(self.tr("Số trường khác nhau"), lambda c: len(c.differences), None, True),
                ColumnSpec(self.tr("Phát hiện lúc"), lambda c: format_local(c.created_at)),
            ],
            self,
        )
        self.conflict_view = QTableView()
        self.conflict_view.setModel(self.conflicts)
        self.conflict_view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.conflict_view.verticalHeader().setVisible(False)
        keyboard_table(self.conflict_view)
        fit_columns(self.conflict_view, stretch=3)  # every header shown whole
        self.differences: RecordTableModel[Difference] = RecordTableModel(
            [
                ColumnSpec(self.tr("Trường"), lambda d: field_label(d[0])),
                ColumnSpec(self.tr("Trên máy này"), lambda d: _text(d[1])),
                ColumnSpec(self.tr("Trên máy chủ"), lambda d: _text(d[2])),
            ],
            self,
        )
        self.difference_view = QTableView()
        self.difference_view.setModel(self.differences)
        self.difference_view.verticalHeader().setVisible(False)
        self.difference_view.horizontalHeader().setStretchLastSection(True)
        self.difference_view.horizontalHeader().setDefaultSectionSize(220)
        keyboard_table(self.difference_view)
        self.keep_local = QPushButton(self.tr("Giữ bản trên máy này"))
        self.keep_server = QPushButton(self.tr("Giữ bản trên máy chủ"))
        keep = QHBoxLayout()
        keep.addWidget(self.keep_local)
        keep.addWidget(self.keep_server)
        keep.addStretch(1)
        box = QGroupBox(self.tr("Xung đột cần cán bộ quyết định (không bản nào bị bỏ khi chưa chọn)"))
        box_layout = QVBoxLayout(box)
        box_layout.addWidget(self.conflict_view, 1)
        box_layout.addWidget(self.difference_view, 2)
        box_layout.addLayout(keep)

        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addWidget(box, 1)

        self.sync_button.clicked.connect(self.start_sync)
        self.cancel_button.clicked.connect(self.cancel_sync)
        self.export_button.clicked.connect(self._ask_export)
        self.enroll_button.clicked.connect(self._ask_enroll)
        self.conflict_view.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self._show_conflict(cur.row())
        )
        self.keep_local.clicked.connect(lambda: self.resolve_selected("local"))
        self.keep_server.clicked.connect(lambda: self.resolve_selected("server"))
        self._show_conflict(-1)

    # --- status and conflicts ------------------------------------------------------------------

    def reload(self) -> None:
        db = self._db
        self._runner.submit(lambda _p: (sync_status(db), list_conflicts(db)), on_done=self._loaded)

    def _loaded(self, result: tuple[SyncStatus, list[ConflictView]]) -> None:
        st, conflicts = result
        server = st.server_url or self.tr("chưa đăng ký")
        self.status.setText(
            self.tr(
                "<b>Máy chủ:</b> {0}<br><b>Thay đổi chờ gửi lên tỉnh:</b> {1}<br>"
                "<b>Lần đồng bộ thành công gần nhất:</b> {2}<br><b>Xung đột chưa xử lý:</b> {3}"
            ).format(
                escape(server),
                st.pending,
                format_local(st.last_success) if st.last_success else self.tr("chưa có"),  # local time
                st.open_conflicts,
            )
        )
        self.sync_button.setEnabled(st.enrolled and self._cancel is None)
        self.export_button.setEnabled(st.enrolled and self._cancel is None)
        self.conflicts.set_rows(conflicts)
        fit_columns(self.conflict_view, stretch=3)
        self._show_conflict(0 if conflicts else -1)
        if conflicts:
            self.conflict_view.selectRow(0)

    def _show_conflict(self, row: int) -> None:
        conflict = self.conflicts.row_at(row) if 0 <= row < self.conflicts.rowCount() else None
        self.differences.set_rows(list(conflict.differences) if conflict else [])
        self.keep_local.setEnabled(conflict is not None)
        self.keep_server.setEnabled(conflict is not None)

    def resolve_selected(self, keep: str) -> None:
        row = self.conflict_view.currentIndex().row()
        if not 0 <= row < self.conflicts.rowCount():
            return
        conflict_id, db, actor = self.conflicts.row_at(row).id, self._db, self.actor
        self._runner.submit(
            lambda _p: resolve_conflict(db, conflict_id, keep, actor),
            on_done=lambda _r: self.reload(),
            on_error=self._failed,
        )

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
            lambda p: sync_database(db, progress=p, cancel=cancel),
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

    def enroll(self, url: str, code: str) -> None:
        db = self._db
        self._runner.submit(
            lambda _p: enroll_database(db, url.strip(), code.strip()),
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
            self.enroll(dialog.url.text(), dialog.code.text())
