"""Why a household is on the list when the search found another member than the head: the head's
column then says which member matched ("Hà Văn Thạch — khớp: Bùi Thị Nguyệt"), and by what when it
was an ID or a phone number.

Thread contract: UI thread only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from xaapp.domain.text import fold
from xaapp.ui.models.household_table import Column, HouseholdTableModel

if TYPE_CHECKING:  # the list's rows come from the worker: no database code at start-up
    from xaapp.services.households import HouseholdRow


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


class MatchingTableModel(HouseholdTableModel):
    """The household list's model whose head column names the member a search found.

    Why here and not in a proxy's ``data()``: a Python ``data()`` override on the identity proxy
    returned ``None`` through PySide for most roles of every painted cell, and each such return lost a
    reference to ``None`` (Python 3.11 aborts with "deallocating None" after ~100,000 of them, within
    a minute of typing in a 20,000-household list: bench/bench_desktop.py). The model's own display
    hook is plain Python.
    """

    def _display(self, row: HouseholdRow, col: int) -> Any:
        shown = super()._display(row, col)
        if col == Column.HEAD and self._needle:
            why = matched_member(row, self._needle)
            if why:
                return f"{shown} — {why}"
        return shown
