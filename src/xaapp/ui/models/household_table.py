"""Household list as a Qt table model over HouseholdRow DTOs, with an accent-insensitive filter proxy."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from xaapp.domain.text import fold, name_sort_key
from xaapp.services.households import HouseholdRow
from xaapp.ui.labels import class_label, step_label
from xaapp.ui.models.sorting import PythonSortProxy

RowRole = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    HEAD = 0
    VILLAGE = 1
    MEMBERS = 2
    CLASS = 3
    STEP = 4
    SYNC = 5


class HouseholdTableModel(QAbstractTableModel):
    """Read-only rows; call ``set_rows`` from the UI thread after loading them in the background."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[HouseholdRow] = []
        self._sort_keys: list[Any] = []

    def headers(self) -> list[str]:
        return [
            self.tr("Chủ hộ"),
            self.tr("Thôn"),
            self.tr("Số người"),
            self.tr("Phân loại"),
            self.tr("Bước rà soát"),
            self.tr("Đồng bộ"),
        ]

    def set_rows(self, rows: list[HouseholdRow]) -> None:
        self.beginResetModel()
        self._rows = rows
        self._sort_keys = [name_sort_key(r.head_name) for r in rows]
        self.endResetModel()

    def row_at(self, row: int) -> HouseholdRow:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        col = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, col)
        if role == RowRole:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole and col == Column.MEMBERS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def sort_value(self, row: int, column: int) -> Any:
        """The value the proxy sorts by (Python objects stay in Python, see ui/models/sorting.py)."""
        if column == Column.HEAD:
            return self._sort_keys[row]
        if column == Column.MEMBERS:
            return self._rows[row].members
        return fold(str(self._display(self._rows[row], Column(column))))

    def _display(self, row: HouseholdRow, col: Column) -> Any:
        if col == Column.HEAD:
            return row.head_name
        if col == Column.VILLAGE:
            return row.village
        if col == Column.MEMBERS:
            return row.members
        if col == Column.CLASS:
            return class_label(row.result_class)
        if col == Column.STEP:
            return step_label(row.step)
        return self.tr("Chờ gửi") if row.pending_sync else self.tr("Đã gửi")


class HouseholdFilterProxy(PythonSortProxy):
    """Filters by village and by a folded search text over names, IDs and phones ("nguyen van an")."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._needle = ""
        self._village_id: int | None = None

    def set_search(self, text: str) -> None:
        self.beginFilterChange()
        self._needle = fold(text)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_village(self, village_id: int | None) -> None:
        self.beginFilterChange()
        self._village_id = village_id
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, HouseholdTableModel)
        row = model.row_at(source_row)
        if self._village_id is not None and row.village_id != self._village_id:
            return False
        return self._needle in row.search_text
