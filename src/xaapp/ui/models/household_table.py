"""Household list as a Qt table model over HouseholdRow DTOs; filtering and sorting happen in Python.

Why not QSortFilterProxyModel for this list: at 100,000 households it calls ``filterAcceptsRow``
and ``lessThan`` back into Python once per row or comparison, which stalled the UI thread for
seconds on every search keystroke and every reload (see bench/bench_desktop.py). Here:

- the rows arrive already sorted the Vietnamese way by head's name (sorted by SQLite on the stored
  sort key, ``services.households``): that order is the model's "canonical" one, position = index;
- a search asks the word index (``services.household_search``, built on a worker after the rows
  have arrived; until then the same search by reading every row) for the canonical positions that
  match, narrowing the previous result while the search text grows;
- another sort order (header click) is a permutation of the positions, computed once per click
  from cheap per-column keys, and the matches are read in that order.

``HouseholdFilterProxy`` is a pass-through that keeps the page's proxy API (``set_search``,
``set_village``) and forwards header-click sorting to the model.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from itertools import compress
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QIdentityProxyModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from xaapp.domain.text import fold, sort_text
from xaapp.services.household_search import HouseholdSearch, normalise, scan
from xaapp.ui.labels import class_label, step_label

if TYPE_CHECKING:
    from xaapp.services.households import HouseholdRow

RowRole = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_ROW = int(RowRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole.value)
_RIGHT = int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)
_HORIZONTAL = Qt.Orientation.Horizontal


class Column(IntEnum):
    HEAD = 0
    VILLAGE = 1
    MEMBERS = 2
    CLASS = 3
    STEP = 4
    SYNC = 5


class HouseholdTableModel(QAbstractTableModel):
    """Read-only rows; call ``set_rows`` from the UI thread after loading them in the background
    (sorted as ``services.households.household_rows`` sorts them), then ``set_search_index``.

    ``rowCount`` counts the rows that pass the filter (village and search text)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._all: list[HouseholdRow] = []
        self._search: HouseholdSearch | None = None
        self._texts: list[str] | None = None  # search texts, for searching before the index exists
        self._order: Sequence[int] | None = None  # positions in the current sort order; None: canonical
        self._needle = ""  # the (normalised) search text
        self._matches: list[int] | None = None  # canonical positions matching it, ascending; None: all
        self._village_id: int | None = None
        self._visible: Sequence[int] = range(0)  # positions that pass the filter, in display order
        self._sort = (int(Column.HEAD), Qt.SortOrder.AscendingOrder)
        self._headers: list[str] | None = None

    def headers(self) -> list[str]:
        """The column titles, translated once (the view asks for each title many times while it is drawn;
        a change of language rebuilds the window, and this model with it)."""
        if self._headers is None:
            self._headers = [
                self.tr("Chủ hộ"),
                self.tr("Thôn"),
                self.tr("Số người"),
                self.tr("Phân loại"),
                self.tr("Bước rà soát"),
                self.tr("Đồng bộ"),
            ]
        return self._headers

    def set_rows(self, rows: list[HouseholdRow]) -> list[object]:
        """Show *rows* (in ``household_rows`` order); the search text and village filter are kept.
        Returns the rows and index shown until now, for ``listing_chunks.let_go`` off the UI thread
        (freed here, 100,000 rows and their index would hold the UI thread some 30 ms)."""
        self.beginResetModel()
        old: list[object] = [self._all, self._search, self._texts]
        self._all, self._search, self._texts = rows, None, None
        canonical = self._sort == (int(Column.HEAD), Qt.SortOrder.AscendingOrder)
        self._order = None if canonical else self._sorted_order(*self._sort)
        self._matches = self._find(self._needle, None)
        self._visible = self._filtered()
        self.endResetModel()
        return old

    def set_search_index(self, rows: list[HouseholdRow], search: HouseholdSearch) -> None:
        """Search *rows* through *search* from now on (ignored when the model shows other rows by now)."""
        if rows is self._all and len(search) == len(rows):
            self._search, self._texts = search, None

    def has_search_index(self) -> bool:
        return self._search is not None

    def total(self) -> int:
        """Every household loaded, filter or not."""
        return len(self._all)

    def row_at(self, row: int) -> HouseholdRow:
        return self._all[self._visible[row]]

    # -- filter and sort -----------------------------------------------------------------------

    def _find(self, needle: str, within: list[int] | None) -> list[int] | None:
        if not needle:
            return None
        if self._search is not None:
            return self._search.matches(needle, within)
        if self._texts is None:
            self._texts = [r.search_text for r in self._all]
        return scan(self._texts, needle, within)

    def _filtered(self) -> Sequence[int]:
        rows, matches, village = self._all, self._matches, self._village_id
        if village is not None:
            candidates = range(len(rows)) if matches is None else matches
            matches = [i for i in candidates if rows[i].village_id == village]
        if self._order is None:
            return range(len(rows)) if matches is None else matches
        if matches is None:
            return self._order
        marks = bytearray(len(rows))
        for i in matches:
            marks[i] = 1
        return list(compress(self._order, map(marks.__getitem__, self._order)))

    def set_filter(self, needle: str | None = None, village_id: int | None | bool = False) -> None:
        """Change the search text and/or the village (``False`` keeps it)."""
        if needle is not None:
            needle = normalise(needle)
            if needle != self._needle:
                narrowing = bool(self._needle) and needle.startswith(self._needle)
                self._matches = self._find(needle, self._matches if narrowing else None)
                self._needle = needle
        if village_id is not False:
            self._village_id = village_id
        self.beginResetModel()
        self._visible = self._filtered()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if (column, order) == self._sort or not 0 <= column < len(Column):
            return
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order)
        canonical = column == Column.HEAD and order == Qt.SortOrder.AscendingOrder
        self._order = None if canonical else self._sorted_order(column, order)
        self._visible = self._filtered()
        self.layoutChanged.emit()

    def _sorted_order(self, column: int, order: Qt.SortOrder) -> Sequence[int]:
        count = len(self._all)
        descending = order == Qt.SortOrder.DescendingOrder
        if column == Column.HEAD:
            return range(count - 1, -1, -1) if descending else range(count)
        keys = self._column_keys(Column(column))
        # Stable: rows with the same value stay in head-name order (reversed with the column).
        return sorted(range(count), key=keys.__getitem__, reverse=descending)

    def _column_keys(self, column: Column) -> list[Any]:
        """One cheap key per row (ints or short strings; labels and village names ranked once each)."""
        rows = self._all
        if column == Column.MEMBERS:
            return [r.members for r in rows]
        if column == Column.SYNC:
            return [r.pending_sync for r in rows]
        if column == Column.VILLAGE:
            ranks = {r.village for r in rows}
            rank = {name: key for key, name in sorted((sort_text(name), name) for name in ranks)}
            return [rank[r.village] for r in rows]
        labels: dict[Any, str] = {}
        value = (lambda r: r.result_class) if column == Column.CLASS else (lambda r: r.step)
        out = []
        for r in rows:
            v = value(r)
            key = labels.get(v)
            if key is None:
                key = labels[v] = fold(str(self._display(r, column)))
            out.append(key)
        return out

    def sort_value(self, row: int, column: int) -> Any:
        """The value this column sorts by (kept for callers that sort in Python)."""
        data = self.row_at(row)
        if column == Column.HEAD:
            return self._visible[row]  # rows arrive in head-name order: the position is the key
        if column == Column.MEMBERS:
            return data.members
        return fold(str(self._display(data, Column(column))))

    # -- Qt model API --------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == _DISPLAY and orientation == _HORIZONTAL:  # asked for every section and role while drawn
            return self.headers()[section]
        return None

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        # Called for every visible cell and role on each paint: ints, no enum objects, no isValid().
        if role == _DISPLAY:
            at = index.row()
            if not 0 <= at < len(self._visible):
                return None
            return self._display(self._all[self._visible[at]], index.column())
        if role == _ROW:
            at = index.row()
            return self._all[self._visible[at]] if 0 <= at < len(self._visible) else None
        if role == _ALIGNMENT and index.column() == Column.MEMBERS:
            return _RIGHT
        return None

    def _display(self, row: HouseholdRow, col: int) -> Any:
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
    """The page's view of the list: filters by village and by search text ("nguyen van an");
    the work is done by the source model (see the module docstring)."""

    def _model(self) -> HouseholdTableModel:
        model = self.sourceModel()
        assert isinstance(model, HouseholdTableModel)
        return model

    def set_search(self, text: str) -> None:
        self._model().set_filter(needle=text)

    def set_village(self, village_id: int | None) -> None:
        self._model().set_filter(village_id=village_id)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._model().sort(column, order)
