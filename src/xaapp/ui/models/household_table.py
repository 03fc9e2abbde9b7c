"""Household list as a Qt table model over HouseholdRow DTOs; filtering and sorting happen in Python.

Why not QSortFilterProxyModel for this list: at 20,000 households it calls ``filterAcceptsRow`` and
``lessThan`` back into Python once per row or comparison (hundreds of thousands of calls), which
stalled the UI thread for more than a second on every search keystroke and every reload (see
bench/bench_desktop.py). Here the model keeps the rows pre-sorted (sort keys computed off the UI
thread by ``prepare_rows``), filters with one list comprehension per keystroke (narrowing the
previous result when the search text grows), and sorts with ``sorted`` on cached keys.
``HouseholdFilterProxy`` is a pass-through that keeps the page's proxy API (``set_search``,
``set_village``) and forwards header-click sorting to the model.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QIdentityProxyModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from xaapp.domain.text import fold, name_sort_key
from xaapp.services.households import HouseholdRow
from xaapp.ui.labels import class_label, step_label

RowRole = Qt.ItemDataRole.UserRole + 2
#: Added to each int of a sort key (digits rank from -20 in domain.text) so characters stay above "\x01".
_BIAS = 64
Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    HEAD = 0
    VILLAGE = 1
    MEMBERS = 2
    CLASS = 3
    STEP = 4
    SYNC = 5


@dataclass(frozen=True)
class PreparedRows:
    """Rows sorted the Vietnamese way by head's given name, with their sort keys (built off the UI thread)."""

    rows: list[HouseholdRow]
    head_keys: list[Any]


def flat_key(key: Any) -> str:
    """An order-preserving string for a nested tuple sort key (ints, strings, tuples).

    Why: ``name_sort_key`` gives ~20 tuples per name; 20,000 of them made sorting hold the GIL
    for ~60 ms in C and the garbage collector walk ~400,000 extra objects (both froze the UI
    thread while the list loaded in the background). One string per row is compared in C as
    fast, and strings are not tracked by the collector. Each int becomes one character above
    the terminator, strings one character per character; every tuple and string ends with the
    terminator "\x01", the smallest character, so a prefix sorts first as it does for tuples.
    """
    if isinstance(key, tuple):
        return "".join(flat_key(part) for part in key) + "\x01"
    if isinstance(key, str):
        return "".join(chr(ord(ch) + _BIAS) for ch in key) + "\x01"
    return chr(min(int(key) + _BIAS, 0x10FFFF))


def prepare_rows(rows: list[HouseholdRow]) -> PreparedRows:
    """Sort *rows* by head name the Vietnamese way; safe to call from a worker thread (no Qt)."""
    keyed = sorted((flat_key(name_sort_key(r.head_name)), i) for i, r in enumerate(rows))
    return PreparedRows([rows[i] for _, i in keyed], [k for k, _ in keyed])


class HouseholdTableModel(QAbstractTableModel):
    """Read-only rows; call ``set_rows`` from the UI thread after loading them in the background.

    ``rowCount`` counts the rows that pass the filter (village and search text)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._all: list[HouseholdRow] = []
        self._keys: dict[int, list[Any]] = {}  # column → sort key per row of _all
        self._order: list[int] = []  # positions in _all, in the current sort order
        self._visible: list[int] = []  # positions in _all that pass the filter, in order
        self._needle = ""
        self._village_id: int | None = None
        self._sort = (int(Column.HEAD), Qt.SortOrder.AscendingOrder)

    def headers(self) -> list[str]:
        return [
            self.tr("Chủ hộ"),
            self.tr("Thôn"),
            self.tr("Số người"),
            self.tr("Phân loại"),
            self.tr("Bước rà soát"),
            self.tr("Đồng bộ"),
        ]

    def set_rows(self, rows: list[HouseholdRow] | PreparedRows) -> None:
        prepared = rows if isinstance(rows, PreparedRows) else prepare_rows(rows)
        self.beginResetModel()
        self._all = prepared.rows
        self._keys = {int(Column.HEAD): prepared.head_keys}
        self._order = list(range(len(self._all)))
        if self._sort != (int(Column.HEAD), Qt.SortOrder.AscendingOrder):
            self._order = self._sorted_order(*self._sort)
        self._visible = self._filtered(self._order)
        self.endResetModel()

    def total(self) -> int:
        """Every household loaded, filter or not."""
        return len(self._all)

    def row_at(self, row: int) -> HouseholdRow:
        return self._all[self._visible[row]]

    # -- filter and sort -----------------------------------------------------------------------

    def _filtered(self, candidates: list[int]) -> list[int]:
        rows, needle, village = self._all, self._needle, self._village_id
        if village is None:
            return [i for i in candidates if needle in rows[i].search_text] if needle else list(candidates)
        return [i for i in candidates if rows[i].village_id == village and needle in rows[i].search_text]

    def set_filter(self, needle: str | None = None, village_id: int | None | bool = False) -> None:
        """Change the search text (folded) and/or the village (``False`` keeps it)."""
        narrowing = False
        if needle is not None:
            narrowing = needle.startswith(self._needle) and village_id is False
            self._needle = needle
        if village_id is not False:
            self._village_id = village_id  # type: ignore[assignment]
        self.beginResetModel()
        self._visible = self._filtered(self._visible if narrowing else self._order)
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if (column, order) == self._sort or not 0 <= column < len(Column):
            return
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order)
        self._order = self._sorted_order(column, order)
        self._visible = self._filtered(self._order)
        self.layoutChanged.emit()

    def _sorted_order(self, column: int, order: Qt.SortOrder) -> list[int]:
        keys = self._keys.get(column)
        if keys is None:
            keys = [self._sort_value(r, Column(column)) for r in self._all]
            self._keys[column] = keys
        return sorted(
            range(len(self._all)), key=keys.__getitem__, reverse=order == Qt.SortOrder.DescendingOrder
        )

    def _sort_value(self, row: HouseholdRow, column: Column) -> Any:
        if column == Column.HEAD:
            return flat_key(name_sort_key(row.head_name))
        if column == Column.MEMBERS:
            return row.members
        return fold(str(self._display(row, column)))

    def sort_value(self, row: int, column: int) -> Any:
        """The value this column sorts by (kept for callers that sort in Python)."""
        return self._sort_value(self.row_at(row), Column(column))

    # -- Qt model API --------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._visible):
            return None
        row = self._all[self._visible[index.row()]]
        col = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, col)
        if role == RowRole:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole and col == Column.MEMBERS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

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


class HouseholdFilterProxy(QIdentityProxyModel):
    """The page's view of the list: filters by village and by folded search text ("nguyen van an");
    the work is done by the source model (see the module docstring)."""

    def _model(self) -> HouseholdTableModel:
        model = self.sourceModel()
        assert isinstance(model, HouseholdTableModel)
        return model

    def set_search(self, text: str) -> None:
        self._model().set_filter(needle=fold(text))

    def set_village(self, village_id: int | None) -> None:
        self._model().set_filter(village_id=village_id)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._model().sort(column, order)
