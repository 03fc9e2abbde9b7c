"""Villages → households: the register screen (village filter, search as you type, sorted list)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from xaapp.services.household_detail import HouseholdDetail, household_detail
from xaapp.services.households import HouseholdRow, VillageRow, household_rows, village_rows
from xaapp.storage.db import Database
from xaapp.ui.households.detail import HouseholdDetailDialog
from xaapp.ui.models.household_table import Column, HouseholdFilterProxy, HouseholdTableModel, RowRole


class HouseholdsPage(QWidget):
    sig_loaded = Signal(int)
    """Emitted with the number of households after a (re)load has reached the view."""

    def __init__(self, db: Database, runner: object, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db, self._runner = db, runner
        self.review_year = dt.date.today().year
        self.village_box = QComboBox()
        self.village_box.setMinimumWidth(200)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Tìm theo tên, số định danh, điện thoại (không cần dấu)…"))
        self.search.setClearButtonEnabled(True)
        self.count_label = QLabel()
        self.model = HouseholdTableModel(self)
        self.proxy = HouseholdFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(Column.HEAD, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setDefaultSectionSize(150)  # fixed widths: measuring 20,000 rows to fit would stall the UI
        header.setSectionResizeMode(Column.HEAD, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(Column.MEMBERS, 80)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Thôn:")))
        top.addWidget(self.village_box)
        top.addWidget(self.search, 1)
        top.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table)

        self.search.textChanged.connect(self._on_search)
        self.table.activated.connect(lambda _index: self.open_selected())  # Enter or double-click
        self.village_box.currentIndexChanged.connect(self._on_village)

    def reload(self) -> None:
        """Load villages and households off the UI thread; the view updates when they arrive."""
        db, year = self._db, self.review_year
        self._runner.submit(  # type: ignore[attr-defined]
            lambda _p: (village_rows(db), household_rows(db, year)), on_done=self._on_loaded
        )

    def _on_loaded(self, result: tuple[list[VillageRow], list[HouseholdRow]]) -> None:
        villages, rows = result
        self.village_box.blockSignals(True)
        self.village_box.clear()
        self.village_box.addItem(self.tr("Tất cả các thôn"), None)
        for v in villages:
            self.village_box.addItem(f"{v.name} ({v.households})", v.id)
        self.village_box.blockSignals(False)
        self.model.set_rows(rows)
        self._update_count()
        self.sig_loaded.emit(len(rows))

    def selected_household(self) -> HouseholdRow | None:
        index = self.table.currentIndex()
        return index.data(RowRole) if index.isValid() else None

    def open_selected(self) -> None:
        """Open the household view of the selected row (loaded off the UI thread)."""
        row = self.selected_household()
        if row is None:
            return
        db = self._db
        self._runner.submit(lambda _p: household_detail(db, row.id), on_done=self._show_detail)  # type: ignore[attr-defined]

    def _show_detail(self, detail: HouseholdDetail) -> None:
        self.detail_dialog = HouseholdDetailDialog(detail, self)
        self.detail_dialog.show()

    def _on_search(self, text: str) -> None:
        self.proxy.set_search(text)
        self._update_count()

    def _on_village(self, _index: int) -> None:
        self.proxy.set_village(self.village_box.currentData())
        self._update_count()

    def _update_count(self) -> None:
        self.count_label.setText(self.tr("{0} / {1} hộ").format(self.proxy.rowCount(), self.model.rowCount()))
