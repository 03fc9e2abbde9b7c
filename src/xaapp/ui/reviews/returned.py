"""The "Bị trả lại" queue on the review screen: households whose review the province returned, with
the supervisor's comment, name and date, and whether the fix is saved and waiting for the sync.

Shown above the year's list only when something is returned; Enter (or a double click) on a row
opens that household's review form, where the officer fixes it and saves it final again (with a
reason, as any edit of a final review). The next sync tells the province, which clears it.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QLabel, QTableView, QVBoxLayout, QWidget

from xaapp.domain.text import fold, format_date, name_sort_key
from xaapp.services.returns import Approval, ReturnedRow
from xaapp.ui.models.household_table import RowRole
from xaapp.ui.models.record_table import ColumnSpec, RecordTableModel
from xaapp.ui.table_fit import fit_columns, keyboard_table


class ReturnedPanel(QGroupBox):
    sig_open = Signal(object)
    """A returned row was chosen (its ``ReturnedRow``): open its review."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model: RecordTableModel[ReturnedRow] = RecordTableModel(
            [
                ColumnSpec(self.tr("Chủ hộ"), lambda r: r.head_name, lambda r: name_sort_key(r.head_name)),
                ColumnSpec(self.tr("Thôn"), lambda r: r.village, lambda r: fold(r.village)),
                ColumnSpec(self.tr("Năm"), lambda r: str(r.year)),
                ColumnSpec(self.tr("Ý kiến của tỉnh"), lambda r: r.comment),
                ColumnSpec(self.tr("Người trả lại"), lambda r: r.returned_by),
                ColumnSpec(
                    self.tr("Ngày trả lại"), lambda r: format_date(r.returned_on), lambda r: r.returned_on
                ),
                ColumnSpec(self.tr("Tình trạng"), self._state),
            ],
            self,
        )
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.setMaximumHeight(150)
        self.table.setWordWrap(True)
        keyboard_table(self.table)
        self.table.activated.connect(self._chosen)
        self.hint = QLabel(
            self.tr(
                "Mở phiếu (Enter), sửa theo ý kiến rồi lưu hoàn tất lại; lần đồng bộ sau tỉnh sẽ xóa khỏi danh sách này."
            )
        )
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.hint)
        self.set_rows([])

    def _state(self, row: ReturnedRow) -> str:
        if row.resolved_on is not None:
            return self.tr("Tỉnh đã nhận bản sửa")
        if row.fixed:
            return self.tr("Đã sửa, chờ đồng bộ")
        return self.tr("Chờ sửa")

    def set_rows(self, rows: list[ReturnedRow]) -> None:
        self.model.set_rows(rows)
        self.setTitle(self.tr("Bị trả lại ({0})").format(len(rows)))
        self.setVisible(bool(rows))
        if rows:
            fit_columns(self.table, stretch=3)

    def _chosen(self, index) -> None:  # noqa: ANN001 - a QModelIndex
        row = index.data(RowRole) if index.isValid() else None
        if row is not None and row.household_id is not None:
            self.sig_open.emit(row)

    def approval_text(self, year: int, approved: dict[int, Approval], villages: int) -> str:
        """The line under the totals: which villages' lists of *year* the province approved, and when."""
        if not approved:
            return self.tr("Danh sách năm {0}: tỉnh chưa duyệt thôn nào.").format(year)
        names = "; ".join(
            f"{a.village} ({format_date(a.approved_on)})"
            for a in sorted(approved.values(), key=lambda a: fold(a.village))
        )
        return self.tr("Danh sách năm {0} đã được duyệt: {1}/{2} thôn – {3}.").format(
            year, len(approved), villages, names
        )
