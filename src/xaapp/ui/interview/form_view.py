"""The form renderer: one page of an interview at a time, driven by the forms engine's session.

Field-list groups are one page; each member of the roster repeat is one page under the roster
table (add, remove, reorder members there). Relevance and validation are recomputed by the engine
on every answer and shown at once, the message beside the field ("required" only once the
officer has been through the field, or after trying to finalise). Calculated values of the page's
group are shown read-only.

Keyboard: Tab/Shift+Tab between fields; Enter moves to the next field and, after the last one, to
the next page; in a choice, the digit of an answer picks it and moves on at once (one key per
answer, as the field is then full); PageDown / PageUp (or Alt+→ / Alt+←) next / previous page;
Ctrl+M adds a member; Alt+↑ / Alt+↓ move the member; Ctrl+Delete removes the member.

The head is named once: the first member added to the household roster starts with the name typed
as the head's on the general page (``general/head_name``) and the relationship "head"; while that
name is unchanged there, retyping the head's name on the general page renames member 1 too.

A read-only form (a finalised review) keeps its answers in the normal text colour on a grey field,
so it reads like the paper form rather than a disabled one.

Thread contract: UI thread only. Saving is the owner's job (``sig_changed``).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from xaapp.forms_engine import InterviewSession, Issue, PageView
from xaapp.ui.interview.editors import (
    NoteEditor,
    QuestionEditor,
    editor_for,
)
from xaapp.ui.interview.form_keys import FormKeys
from xaapp.ui.interview.roster import RosterColumn, RosterTableModel, asks, roster_rows
from xaapp.ui.interview.roster_actions import HEAD_NAME, RosterActions
from xaapp.ui.look import read_only_style
from xaapp.ui.table_fit import fit_columns

log = logging.getLogger(__name__)

_INDEX_RE = re.compile(r"\[\d+\]")
#: Issues shown only once the officer has been through the field (or tried to finalise).
_QUIET_CODES = {"required"}


class InterviewView(FormKeys, RosterActions, QWidget):
    sig_changed = Signal()
    """An answer or the roster changed (the owner autosaves)."""
    sig_page_changed = Signal(int)
    """The page shown changed (index in ``pages()``)."""

    def __init__(
        self,
        session: InterviewSession,
        roster: str = "members",
        summary: Callable[[InterviewSession], str] | None = None,
        member_ids: list[str | None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.roster = roster if roster in session.form.items else ""
        self._summary = summary
        self.member_ids: list[str | None] = list(member_ids or [])
        self._pages: list[PageView] = []
        self.index = 0
        self.editors: dict[str, QuestionEditor] = {}
        self._messages: dict[str, QLabel] = {}
        self._calc: dict[str, QLineEdit] = {}
        self.touched: set[str] = set()
        self.show_all_issues = False
        self.read_only = False
        self.last_path = ""

        self.page_list = QListWidget()
        self.page_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.page_list.setMaximumWidth(220)
        self.page_list.setWordWrap(True)  # long page titles wrap: no sideways scrolling
        self.page_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.page_list.currentRowChanged.connect(self._page_clicked)
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)  # titles may carry answers (${name})
        self.title.setStyleSheet("font-weight: bold; font-size: 14pt")
        self.roster_model = RosterTableModel(self)
        self.roster_table = QTableView()
        self.roster_table.setModel(self.roster_model)
        self.roster_table.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.roster_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.roster_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.roster_table.verticalHeader().setVisible(False)
        self.roster_table.setMaximumHeight(170)
        self.roster_table.clicked.connect(lambda index: self.go_to_member(index.row() + 1))
        self.roster_hint = QLabel(
            self.tr("Ctrl+M: thêm thành viên · Alt+↑/↓: đổi thứ tự · Ctrl+Delete: xóa thành viên")
        )
        self.roster_hint.setStyleSheet("color: #555")
        self.fields = QWidget()
        self.grid = QGridLayout(self.fields)
        self.grid.setColumnStretch(1, 2)
        self.grid.setColumnStretch(2, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.fields)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.summary.setMinimumWidth(240)

        center = QWidget()
        column = QVBoxLayout(center)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.title)
        column.addWidget(self.roster_table)
        column.addWidget(self.roster_hint)
        column.addWidget(scroll, 1)
        splitter = QSplitter()
        splitter.addWidget(self.page_list)
        splitter.addWidget(center)
        splitter.addWidget(self.summary)
        splitter.setStretchFactor(1, 1)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(splitter)

        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot in (
            ("PgDown", self.next_page),
            ("Alt+Right", self.next_page),
            ("PgUp", self.previous_page),
            ("Alt+Left", self.previous_page),
            ("Ctrl+M", self.add_member),
            ("Alt+Up", lambda: self.move_member(-1)),
            ("Alt+Down", lambda: self.move_member(1)),
            ("Ctrl+Del", self.remove_member),
        ):
            shortcut = QShortcut(QKeySequence(keys), self, context=context)
            shortcut.activated.connect(slot)
        self._rebuild_pages()
        self._render()

    # -- pages -----------------------------------------------------------------------------------

    def pages(self) -> list[PageView]:
        return list(self._pages)

    def current_page(self) -> PageView:
        return self._pages[self.index]

    def _rebuild_pages(self) -> None:
        pages = self.session.pages()
        if self.roster and not any(p.repeat == self.roster for p in pages):
            # No member yet: a page of its own holds the (empty) roster, where Ctrl+M adds one.
            order = self.session.form.top
            where = order.index(self.roster) if self.roster in order else len(order)
            label = self.session.form.items[self.roster].label(self.session.lang)
            position = next((i for i, p in enumerate(pages) if self._top_index(p.key) > where), len(pages))
            pages.insert(position, PageView(self.roster, label, (), self.roster, 0))
        self._pages = pages
        self.page_list.blockSignals(True)
        self.page_list.clear()
        for page in pages:
            text = page.title
            if page.repeat == self.roster and page.index:
                name = self._member_name(page.index)
                text = f"{page.title} {page.index}" + (f": {name}" if name else "")
            self.page_list.addItem(text)
        self.index = max(0, min(self.index, len(pages) - 1))
        self.page_list.setCurrentRow(self.index)
        self.page_list.blockSignals(False)

    def _top_index(self, key: str) -> int:
        top = _INDEX_RE.sub("", key).split("/")[0]
        order = self.session.form.top
        return order.index(top) if top in order else len(order)

    def _member_name(self, index: int) -> str:
        path = f"{self.roster}[{index}]/full_name"
        return str(self.session.value(path) or "") if asks(self.session, path) else ""

    def go_to_page(self, index: int, focus_last: bool = False) -> None:
        if not self._pages:
            return
        index = max(0, min(index, len(self._pages) - 1))
        self.index = index
        self.page_list.blockSignals(True)
        self.page_list.setCurrentRow(index)
        self.page_list.blockSignals(False)
        self._render()
        editors = self._focusable()
        if editors:
            (editors[-1] if focus_last else editors[0]).focus_widget().setFocus()
        elif self.roster and self.current_page().repeat == self.roster:
            self.setFocus()
        self.sig_page_changed.emit(index)

    def _page_clicked(self, row: int) -> None:
        if row >= 0 and row != self.index:
            self.go_to_page(row)

    def next_page(self) -> None:
        self._touch_page()
        self.go_to_page(self.index + 1)

    def previous_page(self) -> None:
        self.go_to_page(self.index - 1)

    def go_to_path(self, path: str) -> bool:
        """Show the page holding question *path* and put the cursor there (resuming a draft)."""
        for i, page in enumerate(self._pages):
            if any(q.path == path for q in page.questions):
                self.go_to_page(i)
                editor = self.editors.get(path)
                if editor is not None:
                    editor.focus_widget().setFocus()
                    self.last_path = path
                return True
        return False

    def go_to_member(self, index: int) -> None:
        key = f"{self.roster}[{index}]"
        for i, page in enumerate(self._pages):
            if page.repeat == self.roster and page.index == index or page.key == key:
                self.go_to_page(i)
                return

    # -- rendering -------------------------------------------------------------------------------

    def _clear(self) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        for editor in self.editors.values():
            editor.deleteLater()
        self.editors, self._messages, self._calc = {}, {}, {}

    def _render(self) -> None:
        self._clear()
        self.fields.setStyleSheet(read_only_style() if self.read_only else "")
        if not self._pages:
            return
        page = self.current_page()
        on_roster = bool(self.roster) and page.repeat == self.roster
        title = page.title
        if on_roster and page.index:
            title = self.tr("{0} – người thứ {1}").format(page.title, page.index)
        self.title.setText(title)
        self.roster_table.setVisible(on_roster)
        self.roster_hint.setVisible(on_roster)
        if on_roster:
            self.roster_model.set_rows(roster_rows(self.session, self.roster))
            fit_columns(self.roster_table, stretch=RosterColumn.NAME)  # "Quan hệ với chủ hộ" shown whole
            if page.index:
                self.roster_table.selectRow(page.index - 1)
        row = 0
        previous: QWidget | None = None
        for q in page.questions:
            editor = editor_for(q, self)
            editor.sig_answered.connect(self._answered)
            self.editors[q.path] = editor
            if isinstance(editor, NoteEditor):
                self.grid.addWidget(editor.widget, row, 0, 1, 3)
            else:
                label = QLabel(q.label + (" *" if q.required else ""))
                label.setTextFormat(Qt.TextFormat.PlainText)
                label.setWordWrap(True)
                label.setBuddy(editor.focus_widget())
                if q.hint:
                    label.setToolTip(q.hint)
                message = QLabel()
                message.setTextFormat(Qt.TextFormat.PlainText)  # messages quote what was typed
                message.setWordWrap(True)
                message.setStyleSheet("color: #b00020")
                self._messages[q.path] = message
                self.grid.addWidget(label, row, 0)
                self.grid.addWidget(editor.widget, row, 1)
                self.grid.addWidget(message, row, 2)
                for target in self._key_targets(editor):
                    target.installEventFilter(self)
                    if previous is not None:
                        QWidget.setTabOrder(previous, target)
                    previous = target
                editor.widget.setEnabled(not (q.read_only or self.read_only))
            row += 1
        for path, label_text in self._calculated_rows(page):
            label = QLabel(label_text)
            value = QLineEdit()
            value.setReadOnly(True)
            value.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            value.setStyleSheet("background: #f0f0f0")
            self._calc[path] = value
            self.grid.addWidget(label, row, 0)
            self.grid.addWidget(value, row, 1)
            row += 1
        self.grid.setRowStretch(row, 1)
        for i in range(self.grid.count()):
            item = self.grid.itemAt(i)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.show()  # now, not queued: the cursor must be able to go there at once
        self._show_values(page)

    def _calculated_rows(self, page: PageView) -> list[tuple[str, str]]:
        """(path, label) of the labelled calculations of the page's group or repeat instance."""
        form = self.session.form
        item = form.items.get(_INDEX_RE.sub("", page.key).split("/")[-1])
        if item is None or item.kind == "field":
            return []
        out = []
        for name in item.children:
            child = form.items[name]
            label = child.label(self.session.lang)
            if child.type == "calculate" and label:
                out.append((f"{page.key}/{child.name}", label))
        return out

    def _show_values(self, page: PageView) -> None:
        for q in page.questions:
            editor = self.editors.get(q.path)
            if editor is None:
                continue
            editor.set_view(q)
            if self.read_only or q.read_only:
                editor.widget.setEnabled(False)
            message = self._messages.get(q.path)
            if message is not None:
                message.setText(" ".join(i.message for i in self.visible_issues(q.path, q.issues)))
        for path, field in self._calc.items():
            if not asks(self.session, path):  # a page built before a member was removed: say so, show nothing
                log.warning("calculation %s is no longer in the interview; its page is out of date", path)
                field.clear()
                continue
            value = self.session.value(path)
            field.setText("" if value is None or value != value else str(value))
        if self._summary is not None:
            self.summary.setText(self._summary(self.session))

    def visible_issues(self, path: str, issues: tuple[Issue, ...] | list[Issue]) -> list[Issue]:
        if self.show_all_issues or path in self.touched:
            return list(issues)
        return [i for i in issues if i.code not in _QUIET_CODES]

    def message_for(self, path: str) -> str:
        label = self._messages.get(path)
        return label.text() if label is not None else ""

    # -- answering -------------------------------------------------------------------------------

    def _answered(self, path: str, value: object) -> None:
        if self.read_only:
            return
        if path == HEAD_NAME:
            self._rename_head_member(value)
        self.session.answer(path, value)  # refused text empties the question; its issue shows at once
        self.last_path = path
        self.refresh()
        self.sig_changed.emit()

    def refresh(self) -> None:
        """Recompute pages after a change; re-render only when the page's questions changed."""
        page_key = self.current_page().key if self._pages else ""
        before = [q.path for q in self.current_page().questions] if self._pages else []
        focused = self._focused_path()
        self._rebuild_pages()
        self.index = next((i for i, p in enumerate(self._pages) if p.key == page_key), self.index)
        self.page_list.blockSignals(True)
        self.page_list.setCurrentRow(self.index)
        self.page_list.blockSignals(False)
        page = self.current_page()
        if [q.path for q in page.questions] != before:
            cursor = None
            focus = self.focusWidget()
            if focused and isinstance(focus, QLineEdit):
                cursor = focus.cursorPosition()
            self._render()
            if focused in self.editors:
                widget = self.editors[focused].focus_widget()
                widget.setFocus()
                if cursor is not None and isinstance(widget, QLineEdit):
                    widget.setCursorPosition(cursor)
        else:
            self._show_values(page)

    def _focused_path(self) -> str:
        focus = self.focusWidget()
        for path, editor in self.editors.items():
            if focus is not None and (focus is editor.widget or editor.widget.isAncestorOf(focus)):
                return path
        return ""

    def current_path(self) -> str:
        """The field the officer is in (or was in last): where a reopened draft resumes."""
        return self._focused_path() or self.last_path

    def _focusable(self) -> list[QuestionEditor]:
        return [e for e in self.editors.values() if not isinstance(e, NoteEditor) and e.widget.isEnabled()]

    def _touch_page(self) -> None:
        self.touched.update(self.editors)

    # -- whole form ------------------------------------------------------------------------------

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        self._render()

    def first_issue(self) -> Issue | None:
        issues = self.session.all_issues()
        return issues[0] if issues else None

    def show_issues_and_go_to_first(self) -> Issue | None:
        """After a refused finalise: every message visible, the cursor on the first problem."""
        self.show_all_issues = True
        issue = self.first_issue()
        if issue is not None and not self.go_to_path(issue.path):
            self._render()
        elif issue is None:
            self._render()
        return issue
