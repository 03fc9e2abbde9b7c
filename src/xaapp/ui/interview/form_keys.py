"""The form view's keys: Enter moves to the next question (after the last one, the next page), the digit
of a choice picks it and moves on, and a field left for the first time shows its "required" message.

``FormKeys`` is mixed into ``InterviewView``, which installs it as the event filter of every editor's
widgets; it uses the view's editors, pages and ``_show_values``/``next_page``.

Thread contract: UI thread only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

from xaapp.ui.interview.editors import ChoiceEditor, MultiChoiceEditor, QuestionEditor, choice_digit

if TYPE_CHECKING:
    from xaapp.forms_engine import PageView


class FormKeys:
    editors: dict[str, QuestionEditor]
    touched: set[str]
    last_path: str
    _pages: list[PageView]

    if TYPE_CHECKING:

        def _focused_path(self) -> str: ...
        def _focusable(self) -> list[QuestionEditor]: ...
        def _show_values(self, page: PageView) -> None: ...
        def current_page(self) -> PageView: ...
        def next_page(self) -> None: ...

    def _key_targets(self, editor: QuestionEditor) -> list[QWidget]:
        if isinstance(editor, MultiChoiceEditor):
            return list(editor._boxes.values())
        return [editor.focus_widget()]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn:
            path = self._focused_path()
            if path:
                self.last_path = path
        if event.type() == QEvent.Type.FocusOut:
            path = next((p for p, e in self.editors.items() if watched in self._key_targets(e)), "")
            if path and path not in self.touched:
                self.touched.add(path)
                QTimer.singleShot(0, self._show_current)
        if event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers() & (
                Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
            ):
                self._advance(watched)
                return True
            number = choice_digit(event)
            owner = self._owner(watched) if number else None
            if isinstance(owner, ChoiceEditor):
                path = owner.path
                if owner.pick(number):  # may re-render the page (relevance): move on from the path
                    self._advance_from(path)
                return True
        return super().eventFilter(watched, event)  # type: ignore[misc]  # a mixin of a QWidget subclass

    def _owner(self, watched: QObject) -> QuestionEditor | None:
        return next((e for e in self.editors.values() if watched in self._key_targets(e)), None)

    def _show_current(self) -> None:
        if self._pages:
            self._show_values(self.current_page())

    def _advance(self, watched: QObject) -> None:
        """Enter: the next question of the page (from any box of a multiple choice), or the first
        question of the next page."""
        owner = self._owner(watched)
        if owner is not None:
            owner.commit()  # dates are reported when complete or left; Enter completes them
        # The commit may have re-rendered the page (relevance changed): look the editor up again.
        self._advance_from(owner.path if owner is not None else self._focused_path())

    def _advance_from(self, path: str) -> None:
        editors = self._focusable()
        paths = [e.path for e in editors]
        if path in paths and paths.index(path) + 1 < len(editors):
            self._key_targets(editors[paths.index(path) + 1])[0].setFocus()
            return
        self.next_page()
