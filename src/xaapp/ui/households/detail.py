"""The household view: members, review history with class, reason and movement, beneficiaries, change history
(local time, each field and coded value in words)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTableView, QTabWidget, QVBoxLayout, QWidget

from xaapp.domain.text import fold, format_date, name_sort_key
from xaapp.services.household_detail import (
    AuditRow,
    BeneficiaryInHousehold,
    HouseholdDetail,
    MemberRow,
    ReviewHistoryRow,
)
from xaapp.ui.i18n import current_language
from xaapp.ui.labels import (
    class_label,
    entity_label,
    field_label,
    relationship_label,
    sex_label,
    status_label,
    value_label,
)
from xaapp.ui.models.record_table import ColumnSpec, RecordTableModel
from xaapp.ui.models.sorting import PythonSortProxy
from xaapp.ui.table_fit import fit_columns, keyboard_table


def _view(model: RecordTableModel, parent: QWidget, sortable: bool = True) -> QTableView:
    view = QTableView(parent)
    if sortable:
        proxy = PythonSortProxy(parent)
        proxy.setSourceModel(model)
        view.setModel(proxy)
        view.setSortingEnabled(True)
    else:
        view.setModel(model)
    view.setAlternatingRowColors(True)
    view.setWordWrap(True)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setDefaultSectionSize(140)
    keyboard_table(view)
    return view


def _change(a: AuditRow) -> str:
    if a.action == "create":
        return QCoreApplication.translate("HouseholdDetailDialog", "Thêm mới")
    if a.action == "delete":
        return QCoreApplication.translate("HouseholdDetailDialog", "Xóa")
    field = a.field or ""
    old = value_label(field, a.old_value) if a.old_value else "∅"
    new = value_label(field, a.new_value) if a.new_value else "∅"
    return f"{old} → {new}"


def header_text(detail: HouseholdDetail) -> str:
    """The household in one line: head, village, address, code and phone — the parts it has."""
    parts = [f"<b>{escape(detail.head_name)}</b>", escape(detail.village)]
    if detail.address and fold(detail.address) != fold(detail.village):
        parts.append(escape(detail.address))
    if detail.code:
        parts.append(
            escape(QCoreApplication.translate("HouseholdDetailDialog", "mã hộ {0}").format(detail.code))
        )
    if detail.phone:
        parts.append(
            escape(QCoreApplication.translate("HouseholdDetailDialog", "ĐT {0}").format(detail.phone))
        )
    return " · ".join(p for p in parts if p)


class HouseholdDetailDialog(QDialog):
    def __init__(self, detail: HouseholdDetail, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.detail = detail
        en = current_language() == "en"
        self.setWindowTitle(self.tr("Hộ {0} – {1}").format(detail.head_name, detail.village))
        self.resize(1000, 560)
        self.members: RecordTableModel[MemberRow] = RecordTableModel(
            [
                ColumnSpec(self.tr("Họ và tên"), lambda m: m.full_name, lambda m: name_sort_key(m.full_name)),
                ColumnSpec(self.tr("Quan hệ với chủ hộ"), lambda m: relationship_label(m.relationship)),
                ColumnSpec(self.tr("Giới tính"), lambda m: sex_label(m.sex)),
                ColumnSpec(
                    self.tr("Ngày sinh"),
                    lambda m: format_date(m.dob) if m.dob else "",
                    lambda m: m.dob.isoformat() if m.dob else "",
                ),
                ColumnSpec(self.tr("Dân tộc"), lambda m: m.ethnicity),
                ColumnSpec(self.tr("Số định danh"), lambda m: m.personal_id or ""),
            ],
            self,
        )
        self.members.set_rows(list(detail.members))
        self.reviews: RecordTableModel[ReviewHistoryRow] = RecordTableModel(
            [
                ColumnSpec(self.tr("Năm"), lambda r: r.year),
                ColumnSpec(self.tr("Phân loại"), lambda r: class_label(r.result_class)),
                ColumnSpec(self.tr("Biến động"), lambda r: r.movement_en if en else r.movement_vi),
                ColumnSpec(self.tr("Lý do"), lambda r: r.reason_en if en else r.reason_vi),
            ],
            self,
        )
        self.reviews.set_rows(list(detail.reviews))
        self.beneficiaries: RecordTableModel[BeneficiaryInHousehold] = RecordTableModel(
            [
                ColumnSpec(self.tr("Họ và tên"), lambda b: b.full_name),
                ColumnSpec(self.tr("Khoản (Điều 5)"), lambda b: ", ".join(b.clauses)),
                ColumnSpec(self.tr("Từ tháng"), lambda b: b.start_month),
                ColumnSpec(self.tr("Trạng thái"), lambda b: status_label(b.status)),
            ],
            self,
        )
        self.beneficiaries.set_rows(list(detail.beneficiaries))
        self.audit: RecordTableModel[AuditRow] = RecordTableModel(
            [
                ColumnSpec(self.tr("Thời điểm"), lambda a: a.at.strftime("%d/%m/%Y %H:%M")),
                ColumnSpec(self.tr("Người sửa"), lambda a: a.username),
                ColumnSpec(
                    self.tr("Trường"),
                    lambda a: entity_label(a.entity) + (f": {field_label(a.field)}" if a.field else ""),
                ),
                ColumnSpec(self.tr("Cũ → mới"), _change),
                ColumnSpec(self.tr("Lý do sửa"), lambda a: a.reason or ""),
            ],
            self,
        )
        self.audit.set_rows(list(detail.audit))

        header = QLabel(header_text(detail))
        header.setTextFormat(Qt.TextFormat.RichText)  # every part escaped
        header.setWordWrap(True)
        self.tabs = QTabWidget()
        views = [
            (_view(self.members, self, sortable=False), 0, self.tr("Thành viên ({0})").format(len(detail.members))),
            (_view(self.reviews, self, sortable=False), 3, self.tr("Lịch sử rà soát")),
            (_view(self.beneficiaries, self), 0, self.tr("Đối tượng bảo trợ")),
            (_view(self.audit, self, sortable=False), 3, self.tr("Lịch sử thay đổi")),
        ]
        notes = detail.notes_en if en else detail.notes_vi
        for view, stretch, title in views:
            fit_columns(view, stretch=stretch)  # whole headers, the long texts wrapped in the stretched one
            if view.model() is self.reviews and notes:  # what the marks (¹) on movement labels mean
                page = QWidget()
                page_layout = QVBoxLayout(page)
                page_layout.setContentsMargins(0, 0, 0, 0)
                page_layout.addWidget(view, 1)
                self.movement_notes = QLabel("\n".join(notes))
                self.movement_notes.setTextFormat(Qt.TextFormat.PlainText)
                self.movement_notes.setWordWrap(True)
                page_layout.addWidget(self.movement_notes)
                self.tabs.addTab(page, title)
                continue
            self.tabs.addTab(view, title)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(header)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
