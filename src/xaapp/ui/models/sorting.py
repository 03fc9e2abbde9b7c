"""Sorting proxy that compares Python sort keys in Python.

Why not ``setSortRole``: Vietnamese sort keys are nested tuples; handed to Qt as a QVariant they
get compared by C++ code that touches Python objects without the interpreter lock, which corrupted
the heap (seen as random aborts at garbage collection). The source model exposes
``sort_value(row, column)`` and this proxy calls it directly — also faster, no QVariant round trip.
"""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel

Index = QModelIndex | QPersistentModelIndex


class SortableModel(Protocol):
    def sort_value(self, row: int, column: int) -> Any: ...


class PythonSortProxy(QSortFilterProxyModel):
    def lessThan(self, left: Index, right: Index) -> bool:
        model: Any = self.sourceModel()
        return bool(
            model.sort_value(left.row(), left.column()) < model.sort_value(right.row(), right.column())
        )
