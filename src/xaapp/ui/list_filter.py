"""Search as you type over a list screen's table, accents and case ignored ("nguyen thi" finds
"Nguyễn Thị"), with a search box wired for the keyboard (↓ into the list, Enter opens the row).

``SearchProxy`` sorts like ``PythonSortProxy`` and keeps the rows whose shown texts (every column,
folded once per row and kept until the list is reloaded) contain the folded search text.

Thread contract: UI thread only.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QWidget

from xaapp.domain.text import fold
from xaapp.ui.models.sorting import PythonSortProxy
from xaapp.ui.search_list import SearchListKeys

Index = QModelIndex | QPersistentModelIndex


class SearchProxy(PythonSortProxy):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.needle = ""
        self._folded: dict[int, str] = {}

    def setSourceModel(self, model) -> None:  # noqa: N802 (Qt's name)
        super().setSourceModel(model)
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.dataChanged):
            signal.connect(self._folded.clear)

    def set_search(self, text: str) -> None:
        self.beginFilterChange()
        self.needle = fold(text)
        self.endFilterChange()

    def haystack(self, source_row: int) -> str:
        """The folded text a search looks in: every column's shown text of the row."""
        found = self._folded.get(source_row)
        if found is None:
            model = self.sourceModel()
            # model.data(), not index.data(): a Python call, no round trip through Qt's variants.
            texts = (model.data(model.index(source_row, c)) for c in range(model.columnCount()))
            found = fold(" ".join(str(t) for t in texts if t not in (None, "")))
            self._folded[source_row] = found
        return found

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802 (Qt's name)
        return not self.needle or self.needle in self.haystack(source_row)


def search_box(
    proxy: SearchProxy, view: QAbstractItemView, activate: Callable[[], None], placeholder: str = ""
) -> tuple[QLineEdit, SearchListKeys]:
    """A search box filtering *proxy* as the officer types; ↓ goes into *view*, Enter runs *activate*."""
    box = QLineEdit()
    box.setPlaceholderText(
        placeholder or QCoreApplication.translate("SearchProxy", "Tìm (không cần dấu)… Ctrl+F")
    )
    box.setClearButtonEnabled(True)
    keys = SearchListKeys(box, view, activate)

    def changed(text: str) -> None:
        proxy.set_search(text)
        keys.clear_highlight()

    box.textChanged.connect(changed)
    return box, keys


def focus_box(box: QLineEdit) -> bool:
    box.setFocus(Qt.FocusReason.ShortcutFocusReason)
    box.selectAll()
    return True
