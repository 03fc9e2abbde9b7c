"""The import wizard: choose a file → (choose columns) → see what was understood and every row → import.

Step 1 picks the file (.xlsx, .xls, .ods, Excel XML or HTML), the review year of a class column, the
village of rows that name none, and the month a beneficiary list's amounts are checked for. Reading
and checking runs as a TaskRunner task (``services.importing.plan_import``, which changes nothing).
When the headers are not understood, the mapping step (``import_mapping_page``) shows the first
rows with a field chosen for each column (a guess from the header, the values, or last time); the
choice is saved for the file's header shape and the file is checked again. Step 2 shows the format,
the legacy-font cells converted, the columns, each row with its state (new, updated, unchanged,
rejected) and every problem by sheet!cell; "Nhập" is enabled only when there is no error. Step 3
writes everything in one transaction (``commit_import``) and shows what was added.

Thread contract: UI thread only.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
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

from xaapp.domain.text import format_date, format_money
from xaapp.errors import KnownError
from xaapp.services.households import village_rows
from xaapp.services.import_fields import FIELDS
from xaapp.services.import_mapping import ImportMapping, save_mapping
from xaapp.services.import_read import MappingNeeded, PreparedBook, SheetMapping, prepare_book
from xaapp.services.importing import (
    BeneficiaryRow,
    ImportIssue,
    ImportPlan,
    ImportResult,
    ImportRow,
    column_previews,
    commit_import,
    plan_import,
)
from xaapp.storage.db import Database
from xaapp.ui.lists.import_mapping_page import MappingPage
from xaapp.ui.models.record_table import ColumnSpec, RecordTableModel
from xaapp.ui.tasks import Runner

logger = logging.getLogger(__name__)

STATUS_LABELS = {"new": "Mới", "unchanged": "Đã có", "updated": "Đã có, cập nhật", "error": "Lỗi"}
RELATIONSHIP_LABELS = {
    "head": "Chủ hộ", "spouse": "Vợ/chồng", "child": "Con", "parent": "Cha/mẹ", "grandchild": "Cháu",
    "grandparent": "Ông/bà", "sibling": "Anh/chị/em", "child_in_law": "Con dâu/rể", "other": "Khác",
}  # fmt: skip
FILE_FILTER = "Bảng tính (*.xlsx *.xlsm *.xls *.ods *.xml *.htm *.html);;Tất cả (*)"
FILE_PAGE, PLAN_PAGE, DONE_PAGE, MAPPING_PAGE = range(4)


def _birth(row: ImportRow | BeneficiaryRow) -> str:
    if row.dob is not None:
        return format_date(row.dob)
    return str(getattr(row, "birth_year", "") or "")


def _table(model: RecordTableModel[Any]) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    return view


class ImportWizard(QDialog):
    def __init__(self, db: Database, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db, self._runner = db, runner
        self.plan: ImportPlan | None = None
        self.import_result: ImportResult | None = None  # not "result": QDialog.result() is Qt's
        self._prepared: PreparedBook | None = None
        self._mapping: dict[str, SheetMapping] = {}
        self.setWindowTitle(self.tr("Nhập từ Excel / Import from Excel"))
        self.resize(1000, 640)

        # Step 1: the file.
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText(self.tr("Tệp .xlsx, .xls, .ods, XML hoặc HTML: danh sách hộ, nhân khẩu hoặc "
                                                  "đối tượng bảo trợ xã hội"))  # fmt: skip
        browse = QPushButton(self.tr("Chọn tệp…"))
        browse.clicked.connect(self._browse)
        self.year_check = QCheckBox(self.tr("Cột phân loại hộ là kết quả rà soát năm"))
        self.year_spin = QSpinBox()
        self.year_spin.setRange(2015, 2100)
        self.year_spin.setValue(2025)
        self.village_combo = QComboBox()
        self.village_combo.addItem(self.tr("— theo tệp —"), None)
        for village in village_rows(db):
            self.village_combo.addItem(village.name, village.name)
        today = dt.date.today()
        self.month_edit = QLineEdit(f"{today.year:04d}-{today.month:02d}")
        self.month_edit.setInputMask("9999-99")
        self.check_button = QPushButton(self.tr("Đọc và kiểm tra tệp"))
        self.check_button.clicked.connect(self.analyse)
        step1 = QWidget()
        l1 = QVBoxLayout(step1)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        l1.addWidget(QLabel(self.tr("<b>Bước 1.</b> Chọn tệp danh sách (Excel mới, Excel cũ .xls, phông TCVN3/VNI "
                                    "đều được).")))  # fmt: skip
        l1.addLayout(row)
        year_row = QHBoxLayout()
        year_row.addWidget(self.year_check)
        year_row.addWidget(self.year_spin)
        year_row.addStretch(1)
        l1.addLayout(year_row)
        village_row = QHBoxLayout()
        village_row.addWidget(QLabel(self.tr("Thôn của các dòng không ghi thôn:")))
        village_row.addWidget(self.village_combo)
        village_row.addWidget(QLabel(self.tr("Tháng tính trợ cấp (danh sách đối tượng):")))
        village_row.addWidget(self.month_edit)
        village_row.addStretch(1)
        l1.addLayout(village_row)
        l1.addWidget(self.check_button)
        l1.addStretch(1)

        # Step 2: what was understood, rows, errors.
        self.mapping_label = QLabel()
        self.mapping_label.setWordWrap(True)
        self.legacy_label = QLabel()
        self.legacy_label.setWordWrap(True)
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
                ColumnSpec(self.tr("Quan hệ"), lambda r: RELATIONSHIP_LABELS.get(r.relationship, r.relationship)),
                ColumnSpec(self.tr("Trùng với / thay đổi"),
                           lambda r: r.match_reason + (f" – {', '.join(r.changes)}" if r.changes else "")),
                ColumnSpec(self.tr("Trang"), lambda r: r.sheet),
            ],
            self,
        )  # fmt: skip
        self.beneficiaries_model: RecordTableModel[BeneficiaryRow] = RecordTableModel(
            [
                ColumnSpec(self.tr("Dòng"), lambda b: b.row, align_right=True),
                ColumnSpec(self.tr("Trạng thái"), lambda b: self.tr(STATUS_LABELS.get(b.status, b.status))),
                ColumnSpec(self.tr("Thôn"), lambda b: b.village),
                ColumnSpec(self.tr("Họ và tên"), lambda b: b.full_name),
                ColumnSpec(self.tr("Ngày sinh"), _birth),
                ColumnSpec(self.tr("Diện"), lambda b: b.clause or ""),
                ColumnSpec(self.tr("Hệ số"), lambda b: "" if b.coefficient is None else f"{b.coefficient:g}".replace(".", ",")),
                ColumnSpec(self.tr("Mức trợ cấp"), lambda b: "" if b.amount is None else format_money(b.amount)),
                ColumnSpec(self.tr("Số tài khoản"), lambda b: b.bank_account or ""),
            ],
            self,
        )  # fmt: skip
        self.issues_model: RecordTableModel[ImportIssue] = RecordTableModel(
            [
                ColumnSpec(self.tr("Dòng"), lambda i: i.row, align_right=True),
                ColumnSpec(self.tr("Cột"), lambda i: i.column),
                ColumnSpec(self.tr("Tiêu đề cột"), lambda i: i.header),
                ColumnSpec(self.tr("Ô"), lambda i: i.ref),
                ColumnSpec(self.tr("Mức"), lambda i: self.tr("Lưu ý") if i.warning else self.tr("Lỗi")),
                ColumnSpec(self.tr("Nội dung và cách sửa"), lambda i: f"{i.message_vi} / {i.message_en}"),
            ],
            self,
        )
        self.rows_view = _table(self.rows_model)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.rows_view, self.tr("Các dòng"))
        self.tabs.addTab(_table(self.issues_model), self.tr("Lỗi"))
        self.back_button = QPushButton(self.tr("Quay lại"))
        self.back_button.clicked.connect(lambda: self.stack.setCurrentIndex(FILE_PAGE))
        self.remap_button = QPushButton(self.tr("Chọn lại cột…"))
        self.remap_button.clicked.connect(self.choose_columns)
        self.commit_button = QPushButton(self.tr("Nhập vào dữ liệu"))
        self.commit_button.clicked.connect(self.commit)
        step2 = QWidget()
        l2 = QVBoxLayout(step2)
        l2.addWidget(QLabel(self.tr("<b>Bước 2.</b> Kiểm tra các cột, các dòng và lỗi.")))
        l2.addWidget(self.mapping_label)
        l2.addWidget(self.legacy_label)
        l2.addWidget(self.tabs, 1)
        l2.addWidget(self.summary_label)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.remap_button)
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

        # The mapping step (shown when the headers are not understood, or on request).
        self.mapping_page = MappingPage()
        self.mapping_page.sig_apply.connect(self.apply_mapping)
        self.mapping_page.sig_back.connect(lambda: self.stack.setCurrentIndex(FILE_PAGE))

        self.stack: QStackedWidget = QStackedWidget()
        for step in (step1, step2, step3, self.mapping_page):
            self.stack.addWidget(step)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.message)
        self.path_edit.textChanged.connect(self._forget_file)

    def _browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Chọn tệp danh sách"), "", self.tr(FILE_FILTER))
        if name:
            self.path_edit.setText(name)

    def _forget_file(self) -> None:
        self._prepared, self._mapping = None, {}

    def _on_error(self, exc: BaseException) -> None:
        self.check_button.setEnabled(True)
        if isinstance(exc, MappingNeeded):
            self._prepared = exc.prepared
            self.mapping_page.set_previews(exc.previews, str(exc).split("\n")[0])
            self.message.setText("")
            self.stack.setCurrentIndex(MAPPING_PAGE)
        elif isinstance(exc, KnownError):
            self.message.setText(str(exc))
        else:
            logger.error("import task failed", exc_info=exc)
            self.message.setText(self.tr("Lỗi không mong đợi / Unexpected error: {0}").format(exc))

    def _options(self) -> dict[str, Any]:
        month = self.month_edit.text().strip()
        return {
            "year": self.year_spin.value() if self.year_check.isChecked() else None,
            "village": self.village_combo.currentData(),
            "month": month if len(month) == 7 and month[4] == "-" and month[:4].isdigit() else None,
        }

    def analyse(self) -> None:
        """Read and check the chosen file in the background (nothing is written)."""
        path = Path(self.path_edit.text().strip())
        options, db, chosen, prepared = self._options(), self._db, dict(self._mapping), self._prepared
        self.message.setText(self.tr("Đang đọc tệp… / Reading the file…"))
        self.check_button.setEnabled(False)

        def task(_progress: Any) -> ImportPlan:
            mapping = ImportMapping(sheets=chosen) if chosen else None
            return plan_import(db, path, mapping=mapping, prepared=prepared, **options)

        self._runner.submit(task, on_done=self._show_plan, on_error=self._on_error)

    def choose_columns(self) -> None:
        """Show the mapping step for the current file even though its headers were understood."""
        path, db, prepared = Path(self.path_edit.text().strip()), self._db, self._prepared

        def task(_progress: Any) -> Any:
            book = prepared or prepare_book(path)
            return book, column_previews(db, book)

        def show(result: Any) -> None:
            self._prepared, previews = result
            self.mapping_page.set_previews(previews)
            self.stack.setCurrentIndex(MAPPING_PAGE)

        self._runner.submit(task, on_done=show, on_error=self._on_error)

    def apply_mapping(self, sheets: dict[str, SheetMapping]) -> None:
        """Keep the officer's columns for the file's header shapes, then check the file with them."""
        self._mapping = dict(sheets)
        if self._prepared is not None and sheets:
            prepared, db = self._prepared, self._db
            self._runner.submit(lambda _p: save_mapping(db, prepared, sheets, actor="import"),
                                on_done=lambda _n: self.analyse(), on_error=self._on_error)  # fmt: skip
        else:
            self.analyse()

    def _show_plan(self, plan: ImportPlan) -> None:
        self.check_button.setEnabled(True)
        self.plan = plan
        mapping = " ".join(
            f"[{sheet}] " + "; ".join(f"{FIELDS[f][0]}: {where}" for f, where in fields.items())
            for sheet, fields in plan.mappings.items()
        )
        self.mapping_label.setText(
            self.tr("{0}. Tiêu đề ở dòng {1}. Các cột: {2}").format(plan.format_label, plan.header_row, mapping)
        )
        self.legacy_label.setText(plan.legacy.text())
        self.legacy_label.setVisible(bool(plan.legacy.converted))
        if plan.kind == "beneficiaries":
            self.beneficiaries_model.set_rows(list(plan.beneficiaries))
            self.rows_view.setModel(self.beneficiaries_model)
        else:
            self.rows_model.set_rows(list(plan.rows))
            self.rows_view.setModel(self.rows_model)
        self.issues_model.set_rows(list(plan.issues))
        self.tabs.setTabText(1, self.tr("Lỗi ({0})").format(len(plan.issues)))
        if plan.errors:
            self.tabs.setCurrentIndex(1)
        self.summary_label.setText(plan.summary())
        self.commit_button.setEnabled(plan.ok)
        self.message.setText(
            self.tr("Sửa các lỗi trong tệp rồi đọc lại: chưa nhập dòng nào.") if plan.errors else ""
        )
        self.stack.setCurrentIndex(PLAN_PAGE)

    def commit(self) -> None:
        """Write the checked plan in one transaction."""
        if self.plan is None or not self.plan.ok:
            return
        plan, db = self.plan, self._db
        self.commit_button.setEnabled(False)
        self._runner.submit(lambda progress: commit_import(db, plan, actor="import", progress=progress),
                            on_done=self._committed, on_error=self._on_error, on_progress=self._on_progress)  # fmt: skip

    def _on_progress(self, text: str, _done: int, _total: int) -> None:
        """The phase of the writing (households and people, classes, saving), shown while the file is written."""
        self.message.setText(text)

    def _committed(self, result: ImportResult) -> None:
        self.import_result = result
        if self.plan is not None and self.plan.kind == "beneficiaries":
            text = self.tr("Đã nhập {0} đối tượng, {1} người mới; cập nhật {2} thông tin.").format(
                result.beneficiaries, result.people, result.updated)
        else:
            text = self.tr("Đã nhập {0} hộ, {1} người; cập nhật {2} thông tin; {3} kết quả phân loại.").format(
                result.households, result.people, result.updated, result.reviews)
        self.done_label.setText(text)
        self.message.setText("")
        self.stack.setCurrentIndex(DONE_PAGE)
