"""Keys of a search box above its results (person picker, commune search, household list).

Down (or Page Down) in the box moves into the results: the first row if none is highlighted, else
the next one; Up on the first row goes back to the box, and typing in the results goes on typing
in the box. Enter opens the highlighted row — in the box too — never a row the officer did not see
highlighted: when several rows match and none is highlighted, Enter only asks to choose one.

Thread contract: UI thread only.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QLineEdit

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_DOWN = (Qt.Key.Key_Down, Qt.Key.Key_PageDown)


class SearchListKeys(QObject):
    """Wires *search* and *view*: ``activate()`` is called for Enter on a highlighted row;
    ``ambiguous(n)`` (optional) when Enter is pressed in the box with *n* rows and none highlighted."""

    def __init__(
        self,
        search: QLineEdit,
        view: QAbstractItemView,
        activate: Callable[[], None],
        ambiguous: Callable[[int], None] | None = None,
    ) -> None:
        super().__init__(search)
        self._search, self._view = search, view
        self._activate, self._ambiguous = activate, ambiguous
        search.installEventFilter(self)
        view.installEventFilter(self)

    def _rows(self) -> int:
        model = self._view.model()
        return model.rowCount() if model is not None else 0

    def highlight(self, row: int) -> None:
        model = self._view.model()
        if model is None or not 0 <= row < model.rowCount():
            return
        index = model.index(row, 0)
        self._view.setCurrentIndex(index)
        self._view.scrollTo(index)

    def highlighted_row(self) -> int | None:
        index = self._view.currentIndex()
        return index.row() if index.isValid() and self._view.selectionModel().isSelected(index) else None

    def clear_highlight(self) -> None:
        """No row highlighted (call after the results change, unless exactly one row matches)."""
        self._view.selectionModel().clearSelection()
        self._view.setCurrentIndex(self._view.model().index(-1, -1))
        if self._rows() == 1:
            self.highlight(0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() != QEvent.Type.KeyPress:
            return False
        assert isinstance(event, QKeyEvent)
        key = event.key()
        if event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            return False
        if watched is self._search:
            if key in _DOWN and self._rows():
                current = self.highlighted_row()
                self.highlight(0 if current is None else min(current + 1, self._rows() - 1))
                self._view.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
            if key in _ENTER:
                if self.highlighted_row() is not None:
                    self._activate()
                elif self._rows() and self._ambiguous is not None:
                    self._ambiguous(self._rows())
                return True
            return False
        if watched is self._view:
            if key in _ENTER:
                if self.highlighted_row() is not None:
                    self._activate()
                return True
            if key == Qt.Key.Key_Up and (self.highlighted_row() or 0) == 0:
                self._search.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
            text = event.text()
            if text and text.isprintable():
                self._search.setFocus(Qt.FocusReason.OtherFocusReason)
                self._search.insert(text)
                return True
            if key == Qt.Key.Key_Backspace:
                self._search.setFocus(Qt.FocusReason.OtherFocusReason)
                self._search.backspace()
                return True
        return False
