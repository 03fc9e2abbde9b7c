"""The review season screen: the year's households to review, each one's step, bulk village dates, totals.

Enter on a row opens (or starts) the household's review form; "Ghi bước" records one step for the
selected household, named in the dialog (village meeting with the share agreeing, posting,
recognition with the decision number); "Ghi cho cả thôn" records the meeting or posting date for
every household of a village whose review is ready for it, saying how many before it writes
(``ui.reviews.step_dialog``). Ctrl+F searches the list by head's name or village, accents optional;
↓ goes from the search box into the list. All database work runs through the task runner.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from xaapp.domain.text import fold, format_date, name_sort_key
from xaapp.errors import KnownError
from xaapp.services.returns import ReturnedRow, approvals, returned_queue
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
from xaapp.ui.households.review_window import open_review_window
from xaapp.ui.i18n import current_language
from xaapp.ui.interview.review_dialog import ReviewDialog
from xaapp.ui.labels import class_label, origin_label, review_status_label, step_label
from xaapp.ui.models.household_table import RowRole
from xaapp.ui.models.record_table import ColumnSpec, RecordTableModel
from xaapp.ui.models.sorting import PythonSortProxy
from xaapp.ui.reviews.returned import ReturnedPanel
from xaapp.ui.reviews.step_dialog import StepDialog, next_step, step_date_words, village_ready
from xaapp.ui.search_list import SearchListKeys
from xaapp.ui.table_fit import fit_columns, keyboard_table
from xaapp.ui.tasks import Runner

RECOGNISED_COLUMN = 8


def _date(value: dt.date | None) -> str:
    return format_date(value) if value else ""


def _where(row: ReviewListRow) -> str:
    """Where the household's review stands: no form yet, a draft, or the latest step of a final form."""
    if row.status != "final":
        return review_status_label(row.status)
    return step_label(row.step) if row.step else review_status_label(row.status)


def _meeting(row: ReviewListRow) -> str:
    if row.meeting_on is None:
        return ""
    if row.meeting_agree_pct is None:
        return _date(row.meeting_on)
    return f"{_date(row.meeting_on)} · {row.meeting_agree_pct:g}%".replace(".", ",")


class ReviewListModel(RecordTableModel):
    """The year's list; the recognition date's tooltip gives the decision number (kept out of the column
    so that the list fits a laptop screen)."""

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid() and index.column() == RECOGNISED_COLUMN:
            row = self.row_at(index.row())
            if row.decision_no:
                return self.tr("Quyết định công nhận số {0}").format(row.decision_no)
        return super().data(index, role)


class ReviewListProxy(PythonSortProxy):
    """Filters the year's list by village and by the head's name or the village typed (accents optional)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.village_id: int | None = None
        self.needle = ""

    def set_village(self, village_id: int | None) -> None:
        self.beginFilterChange()
        self.village_id = village_id
        self.endFilterChange()

    def set_search(self, text: str) -> None:
        self.beginFilterChange()
        self.needle = fold(text)
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent) -> bool:
        source: Any = self.sourceModel()  # a RecordTableModel of ReviewListRow
        row = source.row_at(source_row)  # the Python row itself, not through a Qt variant
        if self.village_id is not None and row.village_id != self.village_id:
            return False
        return not self.needle or self.needle in fold(f"{row.head_name} {row.village}")


class ReviewsPage(QWidget):
    sig_loaded = Signal(int)
    """The year's list reached the view (number of households)."""

    def __init__(self, db: Database, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db, self._runner = db, runner
        self.actor = "system"
        self.review_dialog: ReviewDialog | None = None
        self.year = QSpinBox()
        self.year.setRange(2022, 2035)
        self.year.setValue(dt.date.today().year)
        self.village_box = QComboBox()
        self.village_box.setMinimumWidth(180)
        self.model: RecordTableModel[ReviewListRow] = ReviewListModel(
            [
                ColumnSpec(self.tr("Chủ hộ"), lambda r: r.head_name, lambda r: name_sort_key(r.head_name)),
                ColumnSpec(self.tr("Thôn"), lambda r: r.village, lambda r: fold(r.village)),
                ColumnSpec(self.tr("Diện rà soát"), lambda r: origin_label(r.origin)),
                ColumnSpec(self.tr("Phân loại"), lambda r: class_label(r.result_class)),
                ColumnSpec(self.tr("Phiếu, bước"), _where),
                ColumnSpec(
                    self.tr("Khảo sát"), lambda r: _date(r.surveyed_on), lambda r: str(r.surveyed_on or "")
                ),
                ColumnSpec(
                    self.tr("Họp thôn · đồng ý"),
                    _meeting,
                    lambda r: (str(r.meeting_on or ""), r.meeting_agree_pct or 0.0),
                ),
                ColumnSpec(
                    self.tr("Niêm yết"), lambda r: _date(r.posted_on), lambda r: str(r.posted_on or "")
                ),
                ColumnSpec(
                    self.tr("Công nhận"),
                    lambda r: _date(r.recognised_on),
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
        keyboard_table(self.table)
        self.table.activated.connect(lambda _i: self.open_selected())
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Tìm chủ hộ, thôn (không cần dấu)… Ctrl+F"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._search)
        self.search_keys = SearchListKeys(self.search, self.table, self.open_selected)  # ↓ into the list
        self.totals = QLabel()
        self.totals.setWordWrap(True)
        self.approval = QLabel()  # the province's approval of the year's lists (received on sync)
        self.approval.setTextFormat(Qt.TextFormat.PlainText)
        self.approval.setWordWrap(True)
        self.returned = ReturnedPanel(self)  # "Bị trả lại": reviews the province returned
        self.returned.sig_open.connect(self.open_returned)
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
        top.addWidget(self.search, 1)
        top.addWidget(self.step_button)
        top.addWidget(self.bulk_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.totals)
        layout.addWidget(self.approval)
        layout.addWidget(self.returned)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        self.year.valueChanged.connect(lambda _v: self.reload())
        self.village_box.currentIndexChanged.connect(lambda _i: self._filter())

    # -- loading ---------------------------------------------------------------------------------

    def reload(self) -> None:
        db, year = self._db, self.year.value()
        self._runner.submit(
            lambda _p: (review_list(db, year), returned_queue(db), approvals(db, year)),
            on_done=self._loaded_all,
        )

    def _loaded_all(self, loaded: tuple[list[ReviewListRow], list[ReturnedRow], dict[int, Any]]) -> None:
        rows, returned, approved = loaded
        self.returned.set_rows(returned)
        villages = len({r.village_id for r in rows})
        self.approval.setText(self.returned.approval_text(self.year.value(), approved, villages))
        self._loaded(rows)

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
        fit_columns(self.table, stretch=0)
        self.sig_loaded.emit(len(rows))

    def _filter(self) -> None:
        self.proxy.set_village(self.village_box.currentData())
        self._show_totals(year_totals(self._village_rows(), self.year.value()))

    def _village_rows(self) -> list[ReviewListRow]:
        """The rows of the chosen village (all villages: every row), whatever the search box says."""
        village = self.village_box.currentData()
        rows = [self.model.row_at(r) for r in range(self.model.rowCount())]
        return [r for r in rows if village is None or r.village_id == village]

    def _search(self, text: str) -> None:
        self.proxy.set_search(text)
        self.search_keys.clear_highlight()

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
        self._runner.submit(
            lambda _p: open_review(db, row.household_id, year, actor=actor), on_done=self._open
        )

    def open_returned(self, row: ReturnedRow) -> None:
        """Open the review of a household in the "Bị trả lại" queue (the year it was returned for)."""
        db, actor, household_id = self._db, self.actor, row.household_id
        if household_id is None:  # the household is not on this laptop (yet)
            return
        self._runner.submit(
            lambda _p: open_review(db, household_id, row.year, actor=actor), on_done=self._open
        )

    def _open(self, record: ReviewRecord) -> None:
        self.review_dialog = open_review_window(self._db, self._runner, record, self.actor, "", self)
        self.review_dialog.finished.connect(lambda _r: self.reload())
        self.review_dialog.show()

    def _ask_step(self) -> None:
        row = self.selected_row()
        if row is None or row.review_id is None:
            self.message.setText(self.tr("Chọn một hộ đã có phiếu rà soát."))
            return
        dialog = self.step_dialog_for(row)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            step, on, pct, decision = dialog.values()
            self.record_step_for_selected(step, on, pct, decision)

    def step_dialog_for(self, row: ReviewListRow) -> StepDialog:
        """The dialog of Ctrl+B for *row*'s household: it names the household and offers its next step."""
        steps = ["meeting", "posted", "recognised"]
        dialog = StepDialog(
            steps,
            self.tr("Ghi bước rà soát – hộ {0}").format(row.head_name),
            self.tr("Hộ {0} – {1}").format(row.head_name, row.village),
            self,
        )
        dialog.step.setCurrentIndex(steps.index(next_step(row, steps)))
        if row.meeting_agree_pct is not None:
            dialog.pct.setText(f"{row.meeting_agree_pct:g}")
        return dialog

    def record_step_for_selected(
        self, step: str, on: dt.date, pct: float | None = None, decision: str | None = None
    ) -> None:
        row = self.selected_row()
        if row is None or row.review_id is None:
            return
        db, actor, review_id = self._db, self.actor, row.review_id
        self._runner.submit(
            lambda _p: record_step(db, review_id, step, on, agree_pct=pct, decision_no=decision, actor=actor),
            on_done=lambda _r: (self.message.setText(self.tr("Đã ghi bước.")), self.reload()),
            on_error=self._failed,
        )

    def _ask_village_step(self) -> None:
        if self.village_box.currentData() is None:
            self.message.setText(self.tr("Chọn thôn trước khi ghi ngày cho cả thôn."))
            return
        dialog = self.village_dialog()
        if dialog.exec() == QDialog.DialogCode.Accepted:
            step, on, pct, _ = dialog.values()
            self.record_village(step, on, pct)

    def village_dialog(self) -> StepDialog:
        """The dialog of "Ghi ngày cho cả thôn": it names the village and counts the households it changes."""
        village_id, name = self.village_box.currentData(), self.village_box.currentText()
        rows = self._village_rows()
        return StepDialog(
            ["meeting", "posted"],
            self.tr("Ghi ngày cho cả thôn – {0}").format(name),
            self.tr("{0}: {1} hộ trong danh sách rà soát năm {2}").format(name, len(rows), self.year.value()),
            self,
            count=lambda step, on: len(village_ready(rows, village_id, step, on)),
        )

    def record_village(self, step: str, on: dt.date, pct: float | None = None) -> None:
        """Record the meeting or posting date for every ready household of the chosen village."""
        village_id = self.village_box.currentData()
        if village_id is None:
            return
        db, actor, year = self._db, self.actor, self.year.value()
        self._runner.submit(
            lambda _p: record_village_step(db, year, village_id, step, on, agree_pct=pct, actor=actor),
            on_done=lambda n: (
                self.message.setText(
                    self.tr("Đã ghi {0} cho {1} hộ của {2}.").format(
                        step_date_words(step), n, self.village_box.currentText()
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
