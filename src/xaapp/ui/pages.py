"""The shell's overview screens: beneficiaries, reviews by village, sync backlog (read-only for now)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QSpinBox, QTableView, QVBoxLayout, QWidget

from xaapp.domain.text import format_date, format_money, name_sort_key
from xaapp.services.overview import (
    BeneficiaryRow,
    ReviewTotalRow,
    beneficiary_rows,
    review_totals,
    sync_status,
)
from xaapp.storage.db import Database
from xaapp.ui.labels import status_label
from xaapp.ui.models.record_table import ColumnSpec, RecordTableModel
from xaapp.ui.models.sorting import PythonSortProxy


def _table(model: RecordTableModel, parent: QWidget) -> QTableView:
    proxy = PythonSortProxy(parent)
    proxy.setSourceModel(model)
    view = QTableView()
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setDefaultSectionSize(150)
    view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    return view


class BeneficiariesPage(QWidget):
    def __init__(self, db: Database, runner: object, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db, self._runner = db, runner
        self.model: RecordTableModel[BeneficiaryRow] = RecordTableModel(
            [
                ColumnSpec(self.tr("Họ và tên"), lambda r: r.full_name, lambda r: name_sort_key(r.full_name)),
                ColumnSpec(
                    self.tr("Ngày sinh"),
                    lambda r: format_date(r.dob) if r.dob else "",
                    lambda r: r.dob.isoformat() if r.dob else "",
                ),
                ColumnSpec(self.tr("Thôn"), lambda r: r.village),
                ColumnSpec(self.tr("Khoản (Điều 5)"), lambda r: r.clauses),
                ColumnSpec(
                    self.tr("Mức hưởng/tháng"), lambda r: format_money(r.amount), lambda r: r.amount, True
                ),
                ColumnSpec(self.tr("Trạng thái"), lambda r: status_label(r.status)),
            ],
            self,
        )
        self.summary = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(_table(self.model, self))

    def reload(self) -> None:
        db = self._db
        self._runner.submit(lambda _p: beneficiary_rows(db), on_done=self._loaded)  # type: ignore[attr-defined]

    def _loaded(self, rows: list[BeneficiaryRow]) -> None:
        self.model.set_rows(rows)
        active = [r for r in rows if r.status == "active"]
        self.summary.setText(
            self.tr("{0} đối tượng đang hưởng; tổng chi mỗi tháng {1}").format(
                len(active), format_money(sum(r.amount for r in active))
            )
        )


class ReviewsPage(QWidget):
    def __init__(self, db: Database, runner: object, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db, self._runner = db, runner
        self.year = QSpinBox()
        self.year.setRange(2022, 2035)
        self.year.setValue(dt.date.today().year)
        self.model: RecordTableModel[ReviewTotalRow] = RecordTableModel(
            [
                ColumnSpec(self.tr("Thôn"), lambda r: r.village),
                ColumnSpec(self.tr("Số hộ"), lambda r: r.households, None, True),
                ColumnSpec(self.tr("Đã rà soát"), lambda r: r.reviewed, None, True),
                ColumnSpec(self.tr("Hộ nghèo"), lambda r: r.poor, None, True),
                ColumnSpec(self.tr("Hộ cận nghèo"), lambda r: r.near_poor, None, True),
                ColumnSpec(self.tr("Đã hoàn tất phiếu"), lambda r: r.final, None, True),
            ],
            self,
        )
        self.totals = QLabel()
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Năm rà soát:")))
        top.addWidget(self.year)
        top.addWidget(self.totals, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(_table(self.model, self))
        self.year.valueChanged.connect(lambda _v: self.reload())

    def reload(self) -> None:
        db, year = self._db, self.year.value()
        self._runner.submit(lambda _p: review_totals(db, year), on_done=self._loaded)  # type: ignore[attr-defined]

    def _loaded(self, rows: list[ReviewTotalRow]) -> None:
        self.model.set_rows(rows)
        hh = sum(r.households for r in rows) or 1
        poor, near = sum(r.poor for r in rows), sum(r.near_poor for r in rows)
        self.totals.setText(
            self.tr("Toàn xã: {0} hộ nghèo ({1:.2f}%), {2} hộ cận nghèo ({3:.2f}%)").format(
                poor, 100 * poor / hh, near, 100 * near / hh
            )
        )


class SyncPage(QWidget):
    def __init__(self, db: Database, runner: object, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db, self._runner = db, runner
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addStretch(1)

    def reload(self) -> None:
        db = self._db
        self._runner.submit(lambda _p: sync_status(db), on_done=self._loaded)  # type: ignore[attr-defined]

    def _loaded(self, st: object) -> None:
        self.status.setText(
            self.tr(
                "<b>Thay đổi chờ gửi lên tỉnh:</b> {0}<br><b>Lần đồng bộ thành công gần nhất:</b> {1}<br>"
                "<b>Máy chủ:</b> {2}"
            ).format(
                st.pending_changes,
                st.last_success or self.tr("chưa có"),  # type: ignore[attr-defined]
                st.server_url or self.tr("chưa đăng ký"),
            )
        )  # type: ignore[attr-defined]
