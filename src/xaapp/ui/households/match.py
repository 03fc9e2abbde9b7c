"""Why a household is on the list when the search found another member than the head: the head's
column then says which member matched ("Hà Văn Thạch — khớp: Bùi Thị Nguyệt"), and by what when it
was an ID or a phone number.

Thread contract: UI thread only.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from xaapp.domain.text import fold
from xaapp.services.households import HouseholdRow
from xaapp.ui.models.household_table import Column, HouseholdFilterProxy, RowRole

Index = QModelIndex | QPersistentModelIndex


def matched_member(row: HouseholdRow, needle: str) -> str:
    """What the folded *needle* found in *row* other than the head's name, in words ("" for the head,
    or when no single member holds it)."""
    if not needle or needle in fold(row.head_name):
        return ""
    for line in row.members_text.split("\n"):
        name, _, rest = line.partition("\t")
        personal_id, _, phone = rest.partition("\t")
        if needle in fold(name):
            return QCoreApplication.translate("HouseholdsPage", "khớp: {0}").format(name)
        if personal_id and needle in personal_id:
            return QCoreApplication.translate("HouseholdsPage", "khớp số định danh của {0}").format(name)
        if phone and needle in phone:
            return QCoreApplication.translate("HouseholdsPage", "khớp số điện thoại của {0}").format(name)
    if row.code and needle in fold(row.code):
        return QCoreApplication.translate("HouseholdsPage", "khớp mã hộ {0}").format(row.code)
    return ""


class MatchingProxy(HouseholdFilterProxy):
    """The household list's proxy (filter and sort by the model) that names the member a search found."""

    needle = ""

    def set_search(self, text: str) -> None:
        self.needle = fold(text)
        super().set_search(text)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        value = super().data(index, role)
        if (
            self.needle
            and index.column() == Column.HEAD
            and role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)
        ):
            why = matched_member(super().data(index, RowRole), self.needle)
            if why:
                head = super().data(index, Qt.ItemDataRole.DisplayRole)
                return f"{head} — {why}"
        return value
