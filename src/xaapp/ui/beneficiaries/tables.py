"""The social-assistance screen's tables: sortable, searchable (accents optional), Tab leaves them; the
beneficiaries' amount says in its tooltip which rule figures behind it are not verified."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QLineEdit, QTableView, QVBoxLayout, QWidget

from xaapp.ui.list_filter import SearchProxy, search_box
from xaapp.ui.models.record_table import RecordTableModel
from xaapp.ui.table_fit import keyboard_table


def list_table(model: RecordTableModel, parent: QWidget) -> QTableView:
    proxy = SearchProxy(parent)
    proxy.setSourceModel(model)
    view = QTableView(parent)
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setDefaultSectionSize(130)
    view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    keyboard_table(view)
    return view


def searchable(view: QTableView, activate: Callable[[], None]) -> tuple[QWidget, QLineEdit]:
    """*view* under its search box (filtering it as the officer types)."""
    proxy = view.model()
    assert isinstance(proxy, SearchProxy)
    box, keys = search_box(proxy, view, activate)
    view.setProperty("search_keys", keys)  # kept alive with the view
    holder = QWidget()
    column = QVBoxLayout(holder)
    column.setContentsMargins(0, 0, 0, 0)
    column.addWidget(box)
    column.addWidget(view, 1)
    return holder, box


AMOUNT_COLUMN = 4


class MarkedTableModel(RecordTableModel):
    """The beneficiaries table: the amount's tooltip names the rule figures not verified behind it."""

    def __init__(self, notes: dict[int, str], column: int, *args: Any) -> None:
        super().__init__(*args)
        self._notes, self._column = notes, column

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid() and index.column() == self._column:
            return self._notes.get(self.row_at(index.row()).id) or None
        return super().data(index, role)
