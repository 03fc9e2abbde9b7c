"""The household roster's actions on the form view: add a member (the first one starts as the head named
on the general page), remove one (asking first), move one up or down keeping its register identity.

``RosterActions`` is mixed into ``InterviewView``; it uses the view's session, roster name, member
identities, pages and ``refresh``/``go_to_member``/``go_to_page``. Its texts keep the view's
translation context ("InterviewView").

Thread contract: UI thread only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from xaapp.ui.interview.roster import asks

if TYPE_CHECKING:
    from xaapp.forms_engine import InterviewSession, PageView

#: The question on the general page naming the head, and the member fields it starts member 1 with.
HEAD_NAME = "general/head_name"
_HEAD_MEMBER = {"full_name": None, "relationship": "head"}  # None: the head's name


class RosterActions:
    session: InterviewSession
    roster: str
    member_ids: list[str | None]
    read_only: bool
    sig_changed: Any
    _pages: list[PageView]

    if TYPE_CHECKING:

        def refresh(self) -> None: ...
        def go_to_member(self, index: int) -> None: ...
        def go_to_page(self, index: int, focus_last: bool = False) -> None: ...
        def current_page(self) -> PageView: ...
        def _member_name(self, index: int) -> str: ...

    def add_member(self) -> None:
        if not self.roster or self.read_only:
            return
        index = self.session.add_repeat(self.roster)
        self.member_ids.append(None)
        if index == 1:
            self._start_head_member()
        self.refresh()
        self.go_to_member(index)
        self.sig_changed.emit()

    def _has(self, path: str) -> bool:
        return asks(self.session, path)

    def _start_head_member(self) -> None:
        """Member 1 starts as the head named on the general page (typed once)."""
        if not self._has(HEAD_NAME):
            return
        head = self.session.value(HEAD_NAME)
        if not head:
            return
        for name, value in _HEAD_MEMBER.items():
            path = f"{self.roster}[1]/{name}"
            if self._has(path) and self.session.value(path) in (None, ""):
                self.session.answer(path, head if value is None else value)

    def _rename_head_member(self, new_name: object) -> None:
        """The head's name changed on the general page: member 1 follows while it still has the old name."""
        path = f"{self.roster}[1]/full_name"
        if not self.roster or not self.session.repeat_count(self.roster) or not self._has(path):
            return
        old = self.session.value(HEAD_NAME)
        if old and self.session.value(path) == old and new_name:
            self.session.answer(path, new_name)

    def _current_member(self) -> int:
        page = self.current_page()
        return page.index if page.repeat == self.roster else 0

    def remove_member(self, confirm: bool = True) -> None:
        index = self._current_member()
        if not index or self.read_only:
            return
        if confirm:
            name = self._member_name(index) or str(index)
            box = QMessageBox(
                QMessageBox.Icon.Question,
                QCoreApplication.translate("InterviewView", "Xóa thành viên"),
                QCoreApplication.translate("InterviewView", "Xóa thành viên {0} khỏi hộ?").format(name),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                cast("QWidget", self),  # RosterActions is a mixin of the interview's QWidget
            )
            box.setTextFormat(Qt.TextFormat.PlainText)  # the name as typed, never markup
            if box.exec() != QMessageBox.StandardButton.Yes:
                return
        self.session.remove_repeat(f"{self.roster}[{index}]")
        if index - 1 < len(self.member_ids):
            del self.member_ids[index - 1]
        self.refresh()
        self.go_to_member(min(index, self.session.repeat_count(self.roster)) or 0)
        if not self.session.repeat_count(self.roster):
            self.go_to_page(next(i for i, p in enumerate(self._pages) if p.key == self.roster))
        self.sig_changed.emit()

    def move_member(self, delta: int) -> None:
        """Swap the current member with the one above (-1) or below (+1)."""
        index = self._current_member()
        other = index + delta
        if not index or self.read_only or not 1 <= other <= self.session.repeat_count(self.roster):
            return
        # The engine has no "move instance": swap the two entries in the JSON and load it back.
        document = self.session.to_json()
        entries = document["instance"][self.roster]
        entries[index - 1], entries[other - 1] = entries[other - 1], entries[index - 1]
        refused = document["instance"]["meta"].get("refused")
        if refused:  # text typed and refused moves with its member
            swap = {f"{self.roster}[{index}]/": f"{self.roster}[{other}]/"}
            swap.update({v: k for k, v in swap.items()})
            document["instance"]["meta"]["refused"] = {
                next((swap[p] + path[len(p) :] for p in swap if path.startswith(p)), path): text
                for path, text in refused.items()
            }
        self.session.load_json(document)
        while len(self.member_ids) < max(index, other):
            self.member_ids.append(None)
        ids = self.member_ids
        ids[index - 1], ids[other - 1] = ids[other - 1], ids[index - 1]
        self.refresh()
        self.go_to_member(other)
        self.sig_changed.emit()
