"""The members roster: a table model over frozen member rows read from an interview session."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from xaapp.domain.text import format_date, name_sort_key
from xaapp.errors import KnownError
from xaapp.forms_engine import InterviewSession
from xaapp.ui.models.household_table import RowRole

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class RosterRow:
    index: int  # 1-based repeat position
    full_name: str
    sex: str
    dob: dt.date | None
    relationship: str
    age: int | None


class RosterColumn(IntEnum):
    NUMBER = 0
    NAME = 1
    RELATIONSHIP = 2
    SEX = 3
    DOB = 4
    AGE = 5


def asks(session: InterviewSession, path: str) -> bool:
    """True when the form has a question at *path* (``members[2]/sex``): forms other than the household
    review may lack a member's sex or age. Only the "no such question" error is caught; any other
    problem reaches the crash handler instead of showing as an empty cell."""
    try:
        session.locate(path)
    except KnownError:
        return False
    return True


def _label(session: InterviewSession, path: str) -> str:
    if not asks(session, path):
        return ""
    view = session.question(path)
    return next((c.label for c in view.choices if c.name == view.value), "")


def roster_rows(session: InterviewSession, repeat: str = "members") -> list[RosterRow]:
    """One row per instance of *repeat*, read from the session (labels in the session's language)."""
    rows = []
    for i in range(1, session.repeat_count(repeat) + 1):
        base = f"{repeat}[{i}]"

        def value(name: str, base: str = base) -> Any:
            path = f"{base}/{name}"
            return session.value(path) if asks(session, path) else None

        age = value("age")
        rows.append(
            RosterRow(
                i,
                str(value("full_name") or ""),
                _label(session, f"{base}/sex"),
                value("dob") if isinstance(value("dob"), dt.date) else None,
                _label(session, f"{base}/relationship"),
                int(age) if isinstance(age, int | float) and age == age else None,
            )
        )
    return rows


class RosterTableModel(QAbstractTableModel):
    """Read-only; the roster changes through the session, then ``set_rows``."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[RosterRow] = []

    def headers(self) -> list[str]:
        return [
            QCoreApplication.translate("RosterTableModel", "TT"),
            QCoreApplication.translate("RosterTableModel", "Họ và tên"),
            QCoreApplication.translate("RosterTableModel", "Quan hệ với chủ hộ"),
            QCoreApplication.translate("RosterTableModel", "Giới tính"),
            QCoreApplication.translate("RosterTableModel", "Ngày sinh"),
            QCoreApplication.translate("RosterTableModel", "Tuổi"),
        ]

    def set_rows(self, rows: list[RosterRow]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(RosterColumn)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def sort_value(self, row: int, column: int) -> Any:
        r = self._rows[row]
        if column == RosterColumn.NAME:
            return name_sort_key(r.full_name)
        if column == RosterColumn.DOB:
            return r.dob.isoformat() if r.dob else ""
        if column in (RosterColumn.NUMBER, RosterColumn.AGE):
            return r.index if column == RosterColumn.NUMBER else (r.age if r.age is not None else -1)
        return str(self.data(self.index(row, column)))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        col = RosterColumn(index.column())
        if role == RowRole:
            return r
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (RosterColumn.NUMBER, RosterColumn.AGE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if col == RosterColumn.NUMBER:
            return r.index
        if col == RosterColumn.NAME:
            return r.full_name
        if col == RosterColumn.RELATIONSHIP:
            return r.relationship
        if col == RosterColumn.SEX:
            return r.sex
        if col == RosterColumn.DOB:
            return format_date(r.dob) if r.dob else ""
        return "" if r.age is None else r.age
