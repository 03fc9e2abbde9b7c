"""The Excel import wizard: choose a file → see what was understood and every row → errors → import.

Step 1 picks the file (and the review year of a class column). Reading and checking the file runs
as a TaskRunner task (``services.importing.plan_import``, which changes nothing). Step 2 shows the
column mapping, each row with its status (new, already registered, error) and every problem by
row and column; "Nhập" is enabled only when there is no error. Step 3 writes everything in one
transaction (``commit_import``) and shows what was added.

Thread contract: UI thread only.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from xaapp.domain.text import format_date
from xaapp.errors import KnownError
from xaapp.services.import_read import FIELDS
from xaapp.services.importing import (
    ImportIssue,
    ImportPlan,
    ImportResult,
    ImportRow,
    commit_import,
    plan_import,
)
from xaapp.storage.db import Database
from xaapp.ui.models.record_table import ColumnSpec, RecordTableModel

logger = logging.getLogger(__name__)

STATUS_LABELS = {"new": "Mới", "unchanged": "Đã có", "updated": "Đã có, cập nhật", "error": "Lỗi"}
RELATIONSHIP_LABELS = {
    "head": "Chủ hộ", "spouse": "Vợ/chồng", "child": "Con", "parent": "Cha/mẹ", "grandchild": "Cháu",
    "grandparent": "Ông/bà", "sibling": "Anh/chị/em", "child_in_law": "Con dâu/rể", "other": "Khác",
}  # fmt: skip


def _birth(row: ImportRow) -> str:
    if row.dob is not None:
        return format_date(row.dob)
    return str(row.birth_year or "")


def _table(model: RecordTableModel[Any]) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    return view


class ImportWizard(QDialog):
    def __init__(self, db: Database, runner: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db, self._runner = db, runner
        self.plan: ImportPlan | None = None
        self.result: ImportResult | None = None
        self.setWindowTitle(self.tr("Nhập từ Excel / Import from Excel"))
        self.resize(1000, 640)

        # Step 1: the file.
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText(
            self.tr("Tệp Excel .xlsx có dòng tiêu đề: Thôn, Họ và tên, Ngày sinh…")
        )
        browse = QPushButton(self.tr("Chọn tệp…"))
        browse.clicked.connect(self._browse)
        self.year_check = QCheckBox(self.tr("Cột phân loại hộ là kết quả rà soát năm"))
        self.year_spin = QSpinBox()
        self.year_spin.setRange(2015, 2100)
        self.year_spin.setValue(2025)
        self.check_button = QPushButton(self.tr("Đọc và kiểm tra tệp"))
        self.check_button.clicked.connect(self.analyse)
        step1 = QWidget()
        l1 = QVBoxLayout(step1)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        l1.addWidget(QLabel(self.tr("<b>Bước 1.</b> Chọn tệp Excel danh sách hộ, nhân khẩu.")))
        l1.addLayout(row)
        year_row = QHBoxLayout()
        year_row.addWidget(self.year_check)
        year_row.addWidget(self.year_spin)
        year_row.addStretch(1)
        l1.addLayout(year_row)
        l1.addWidget(self.check_button)
        l1.addStretch(1)

        # Step 2: what was understood, rows, errors.
        self.mapping_label = QLabel()
        self.mapping_label.setWordWrap(True)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.rows_model: RecordTableModel[ImportRow] = RecordTableModel(
            [
                ColumnSpec(self.tr("Dòng"), lambda r: r.row, align_right=True),
                ColumnSpec(self.tr("Trạng thái"), lambda r: self.tr(STATUS_LABELS.get(r.status, r.status))),
                ColumnSpec(self.tr("Thôn"), lambda r: r.village),
                ColumnSpec(self.tr("Họ và tên"), lambda r: r.full_name),
                ColumnSpec(self.tr("Ngày sinh"), _birth),
                ColumnSpec(self.tr("Số định danh"), lambda r: r.personal_id or r.legacy_id or ""),
                ColumnSpec(
                    self.tr("Quan hệ"), lambda r: RELATIONSHIP_LABELS.get(r.relationship, r.relationship)
                ),
                ColumnSpec(self.tr("Trùng với"), lambda r: r.match_reason),
            ],
            self,
        )
        self.issues_model: RecordTableModel[ImportIssue] = RecordTableModel(
            [
                ColumnSpec(self.tr("Dòng"), lambda i: i.row, align_right=True),
                ColumnSpec(self.tr("Cột"), lambda i: i.column),
                ColumnSpec(self.tr("Tiêu đề cột"), lambda i: i.header),
                ColumnSpec(self.tr("Mức"), lambda i: self.tr("Lưu ý") if i.warning else self.tr("Lỗi")),
                ColumnSpec(self.tr("Nội dung"), lambda i: f"{i.message_vi} / {i.message_en}"),
            ],
            self,
        )
        self.tabs = QTabWidget()
        self.tabs.addTab(_table(self.rows_model), self.tr("Các dòng"))
        self.tabs.addTab(_table(self.issues_model), self.tr("Lỗi"))
        self.back_button = QPushButton(self.tr("Quay lại"))
        self.back_button.clicked.connect(lambda: self.stack.setCurrentIndex(0))
        self.commit_button = QPushButton(self.tr("Nhập vào dữ liệu"))
        self.commit_button.clicked.connect(self.commit)
        step2 = QWidget()
        l2 = QVBoxLayout(step2)
        l2.addWidget(QLabel(self.tr("<b>Bước 2.</b> Kiểm tra các cột, các dòng và lỗi.")))
        l2.addWidget(self.mapping_label)
        l2.addWidget(self.tabs, 1)
        l2.addWidget(self.summary_label)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.commit_button)
        l2.addLayout(buttons)

        # Step 3: done.
        self.done_label = QLabel()
        self.done_label.setWordWrap(True)
        close = QPushButton(self.tr("Đóng"))
        close.clicked.connect(self.accept)
        step3 = QWidget()
        l3 = QVBoxLayout(step3)
        l3.addWidget(QLabel(self.tr("<b>Bước 3.</b> Kết quả.")))
        l3.addWidget(self.done_label)
        l3.addStretch(1)
        l3.addWidget(close)

        self.stack = QStackedWidget()
        for step in (step1, step2, step3):
            self.stack.addWidget(step)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.message)

    def _browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Chọn tệp Excel"), "", "Excel (*.xlsx)")
        if name:
            self.path_edit.setText(name)

    def _on_error(self, exc: BaseException) -> None:
        self.check_button.setEnabled(True)
        if isinstance(exc, KnownError):
            self.message.setText(str(exc))
        else:
            logger.error("import task failed", exc_info=exc)
            self.message.setText(self.tr("Lỗi không mong đợi / Unexpected error: {0}").format(exc))

    def analyse(self) -> None:
        """Read and check the chosen file in the background (nothing is written)."""
        path = Path(self.path_edit.text().strip())
        year = self.year_spin.value() if self.year_check.isChecked() else None
        self.message.setText(self.tr("Đang đọc tệp… / Reading the file…"))
        self.check_button.setEnabled(False)
        db = self._db
        self._runner.submit(lambda _progress: plan_import(db, path, year=year), on_done=self._show_plan,
                            on_error=self._on_error)  # fmt: skip

    def _show_plan(self, plan: ImportPlan) -> None:
        self.check_button.setEnabled(True)
        self.plan = plan
        mapping = "; ".join(f"{FIELDS[f][0]}: {where}" for f, where in plan.mapping.items())
        self.mapping_label.setText(
            self.tr("Tiêu đề ở dòng {0}. Các cột: {1}").format(plan.header_row, mapping)
        )
        self.rows_model.set_rows(list(plan.rows))
        self.issues_model.set_rows(list(plan.issues))
        self.tabs.setTabText(1, self.tr("Lỗi ({0})").format(len(plan.issues)))
        if plan.errors:
            self.tabs.setCurrentIndex(1)
        self.summary_label.setText(plan.summary())
        self.commit_button.setEnabled(plan.ok)
        self.message.setText(
            self.tr("Sửa các lỗi trong tệp rồi đọc lại: chưa nhập dòng nào.") if plan.errors else ""
        )
        self.stack.setCurrentIndex(1)

    def commit(self) -> None:
        """Write the checked plan in one transaction."""
        if self.plan is None or not self.plan.ok:
            return
        plan, db = self.plan, self._db
        self.commit_button.setEnabled(False)
        self._runner.submit(lambda _progress: commit_import(db, plan, actor="import"), on_done=self._committed,
                            on_error=self._on_error)  # fmt: skip

    def _committed(self, result: ImportResult) -> None:
        self.result = result
        self.done_label.setText(
            self.tr("Đã nhập {0} hộ, {1} người; bổ sung {2} thông tin; {3} kết quả phân loại.").format(
                result.households, result.people, result.updated, result.reviews
            )
        )
        self.message.setText("")
        self.stack.setCurrentIndex(2)
