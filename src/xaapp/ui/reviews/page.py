"""The review season screen: the year's households to review, each one's step, bulk village dates, totals.

Enter on a row opens (or starts) the household's review form; "Ghi bước" records one step for the
selected household (village meeting with the share agreeing, posting, recognition with the
decision number); "Ghi cho cả thôn" records the meeting or posting date for every household of a
village whose review is ready for it. All database work runs through the task runner.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from xaapp.domain.text import fold, format_date, name_sort_key, parse_date
from xaapp.errors import KnownError
from xaapp.services.reviews import (
    ReviewListRow,
    ReviewRecord,
    YearTotals,
    open_review,
    record_step,
    record_village_step,
    review_list,
    year_totals,
)
from xaapp.storage.db import Database
from xaapp.ui.i18n import current_language
from xaapp.ui.interview.review_dialog import ReviewDialog
from xaapp.ui.labels import class_label, origin_label, review_status_label, step_label
from xaapp.ui.models.household_table import RowRole
from xaapp.ui.models.record_table import ColumnSpec, RecordTableModel
from xaapp.ui.models.sorting import PythonSortProxy

_STEP_NAMES = {"surveyed": "surveyed", "meeting": "meeting", "posted": "posted", "recognised": "recognised"}


def _date(value: dt.date | None) -> str:
    return format_date(value) if value else ""


class ReviewListProxy(PythonSortProxy):
    """Filters the year's list by village."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.village_id: int | None = None

    def set_village(self, village_id: int | None) -> None:
        self.beginFilterChange()
        self.village_id = village_id
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent) -> bool:  # type: ignore[override]
        if self.village_id is None:
            return True
        row = self.sourceModel().index(source_row, 0).data(RowRole)
        return row is not None and row.village_id == self.village_id


class StepDialog(QDialog):
    """Asks for a step, its date (dd/mm/yyyy) and, as the step needs, the share agreeing or the decision number."""

    def __init__(self, steps: list[str], title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.step = QComboBox()
        for code in steps:
            self.step.addItem(step_label(code), code)
        self.date = QLineEdit(format_date(dt.date.today()))
        self.date.setPlaceholderText("dd/mm/yyyy")
        self.pct = QLineEdit()
        self.decision = QLineEdit()
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        form = QFormLayout(self)
        form.addRow(self.tr("Bước:"), self.step)
        form.addRow(self.tr("Ngày (dd/mm/yyyy):"), self.date)
        form.addRow(self.tr("Tỷ lệ đồng ý khi họp thôn (%):"), self.pct)
        form.addRow(self.tr("Số quyết định công nhận:"), self.decision)
        form.addRow(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.step.currentIndexChanged.connect(self._enable)
        self._enable()

    def _enable(self) -> None:
        code = self.step.currentData()
        self.pct.setEnabled(code == "meeting")
        self.decision.setEnabled(code == "recognised")

    def values(self) -> tuple[str, dt.date, float | None, str | None]:
        pct = self.pct.text().strip().replace(",", ".")
        return (
            self.step.currentData(),
            parse_date(self.date.text()),
            float(pct) if pct else None,
            self.decision.text().strip() or None,
        )

    def _check(self) -> None:
        try:
            self.values()
        except ValueError:
            self.error.setText(self.tr("Ngày phải có dạng dd/mm/yyyy và tỷ lệ là một số."))
            return
        self.accept()


class ReviewsPage(QWidget):
    sig_loaded = Signal(int)
    """The year's list reached the view (number of households)."""

    def __init__(self, db: Database, runner: object, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db, self._runner = db, runner
        self.actor = "system"
        self.review_dialog: ReviewDialog | None = None
        self.year = QSpinBox()
        self.year.setRange(2022, 2035)
        self.year.setValue(dt.date.today().year)
        self.village_box = QComboBox()
        self.village_box.setMinimumWidth(180)
        self.model: RecordTableModel[ReviewListRow] = RecordTableModel(
            [
                ColumnSpec(self.tr("Chủ hộ"), lambda r: r.head_name, lambda r: name_sort_key(r.head_name)),
                ColumnSpec(self.tr("Thôn"), lambda r: r.village, lambda r: fold(r.village)),
                ColumnSpec(self.tr("Diện rà soát"), lambda r: origin_label(r.origin)),
                ColumnSpec(self.tr("Phiếu"), lambda r: review_status_label(r.status)),
                ColumnSpec(self.tr("Phân loại"), lambda r: class_label(r.result_class)),
                ColumnSpec(self.tr("Bước"), lambda r: step_label(r.step) if r.step else ""),
                ColumnSpec(
                    self.tr("Khảo sát"), lambda r: _date(r.surveyed_on), lambda r: str(r.surveyed_on or "")
                ),
                ColumnSpec(
                    self.tr("Họp thôn"), lambda r: _date(r.meeting_on), lambda r: str(r.meeting_on or "")
                ),
                ColumnSpec(
                    self.tr("Đồng ý (%)"),
                    lambda r: "" if r.meeting_agree_pct is None else f"{r.meeting_agree_pct:g}",
                    lambda r: r.meeting_agree_pct or 0.0,
                    True,
                ),
                ColumnSpec(
                    self.tr("Niêm yết"), lambda r: _date(r.posted_on), lambda r: str(r.posted_on or "")
                ),
                ColumnSpec(
                    self.tr("Công nhận"),
                    lambda r: " ".join(x for x in (_date(r.recognised_on), r.decision_no or "") if x),
                    lambda r: str(r.recognised_on or ""),
                ),
            ],
            self,
        )
        self.proxy = ReviewListProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setDefaultSectionSize(95)
        header.resizeSection(0, 190)
        header.resizeSection(2, 150)
        header.setSectionResizeMode(10, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(lambda _i: self.open_selected())
        self.totals = QLabel()
        self.totals.setWordWrap(True)
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # village names, messages: never markup
        self.message.setWordWrap(True)
        self.step_button = QPushButton(self.tr("Ghi bước cho hộ… (Ctrl+B)"))
        self.bulk_button = QPushButton(self.tr("Ghi ngày cho cả thôn…"))
        self.step_button.clicked.connect(self._ask_step)
        self.bulk_button.clicked.connect(self._ask_village_step)
        QShortcut(QKeySequence("Ctrl+B"), self).activated.connect(self._ask_step)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Năm rà soát:")))
        top.addWidget(self.year)
        top.addWidget(QLabel(self.tr("Thôn:")))
        top.addWidget(self.village_box)
        top.addStretch(1)
        top.addWidget(self.step_button)
        top.addWidget(self.bulk_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.totals)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        self.year.valueChanged.connect(lambda _v: self.reload())
        self.village_box.currentIndexChanged.connect(lambda _i: self._filter())

    # -- loading ---------------------------------------------------------------------------------

    def reload(self) -> None:
        db, year = self._db, self.year.value()
        self._runner.submit(lambda _p: review_list(db, year), on_done=self._loaded)  # type: ignore[attr-defined]

    def _loaded(self, rows: list[ReviewListRow]) -> None:
        self.model.set_rows(rows)
        villages = sorted({(r.village, r.village_id) for r in rows}, key=lambda v: fold(v[0]))
        current = self.village_box.currentData()
        self.village_box.blockSignals(True)
        self.village_box.clear()
        self.village_box.addItem(self.tr("Tất cả các thôn"), None)
        for name, vid in villages:
            self.village_box.addItem(name, vid)
        index = self.village_box.findData(current)
        self.village_box.setCurrentIndex(max(0, index))
        self.village_box.blockSignals(False)
        self._filter()
        self.sig_loaded.emit(len(rows))

    def _filter(self) -> None:
        self.proxy.set_village(self.village_box.currentData())
        shown = [self.proxy.index(r, 0).data(RowRole) for r in range(self.proxy.rowCount())]
        self._show_totals(year_totals(shown, self.year.value()))

    def _show_totals(self, t: YearTotals) -> None:
        self.totals.setText(
            self.tr(
                "Năm {0}: {1} hộ cần rà soát, {2} đã có phiếu, {3} phiếu hoàn tất — {4} hộ nghèo, {5} hộ cận nghèo, "
                "{6} mức sống trung bình, {7} không nghèo; đã họp thôn {8}, đã niêm yết {9}, đã công nhận {10}."
            ).format(
                t.year,
                t.to_review,
                t.started,
                t.final,
                t.poor,
                t.near_poor,
                t.average,
                t.none,
                t.meeting,
                t.posted,
                t.recognised,
            )  # fmt: skip
        )

    def selected_row(self) -> ReviewListRow | None:
        index = self.table.currentIndex()
        return index.data(RowRole) if index.isValid() else None

    # -- actions ---------------------------------------------------------------------------------

    def open_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        db, year, actor = self._db, self.year.value(), self.actor
        self._runner.submit(  # type: ignore[attr-defined]
            lambda _p: open_review(db, row.household_id, year, actor=actor), on_done=self._open
        )

    def _open(self, record: ReviewRecord) -> None:
        self.review_dialog = ReviewDialog(self._db, self._runner, record, self.actor, parent=self)
        self.review_dialog.finished.connect(lambda _r: self.reload())
        self.review_dialog.show()

    def _ask_step(self) -> None:
        row = self.selected_row()
        if row is None or row.review_id is None:
            self.message.setText(self.tr("Chọn một hộ đã có phiếu rà soát."))
            return
        dialog = StepDialog(["meeting", "posted", "recognised"], self.tr("Ghi bước rà soát"), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            step, on, pct, decision = dialog.values()
            self.record_step_for_selected(step, on, pct, decision)

    def record_step_for_selected(
        self, step: str, on: dt.date, pct: float | None = None, decision: str | None = None
    ) -> None:
        row = self.selected_row()
        if row is None or row.review_id is None:
            return
        db, actor, review_id = self._db, self.actor, row.review_id
        self._runner.submit(  # type: ignore[attr-defined]
            lambda _p: record_step(db, review_id, step, on, agree_pct=pct, decision_no=decision, actor=actor),
            on_done=lambda _r: (self.message.setText(self.tr("Đã ghi bước.")), self.reload()),
            on_error=self._failed,
        )

    def _ask_village_step(self) -> None:
        if self.village_box.currentData() is None:
            self.message.setText(self.tr("Chọn thôn trước khi ghi ngày cho cả thôn."))
            return
        dialog = StepDialog(["meeting", "posted"], self.tr("Ghi ngày cho cả thôn"), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            step, on, pct, _ = dialog.values()
            self.record_village(step, on, pct)

    def record_village(self, step: str, on: dt.date, pct: float | None = None) -> None:
        """Record the meeting or posting date for every ready household of the chosen village."""
        village_id = self.village_box.currentData()
        if village_id is None:
            return
        db, actor, year = self._db, self.actor, self.year.value()
        self._runner.submit(  # type: ignore[attr-defined]
            lambda _p: record_village_step(db, year, village_id, step, on, agree_pct=pct, actor=actor),
            on_done=lambda n: (
                self.message.setText(
                    self.tr("Đã ghi {0} cho {1} hộ của {2}.").format(
                        step_label(step).lower(), n, self.village_box.currentText()
                    )
                ),
                self.reload(),
            ),
            on_error=self._failed,
        )

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, KnownError):
            en = current_language() == "en"
            self.message.setText(exc.message_en if en and exc.message_en else exc.message_vi)
        else:
            raise exc
