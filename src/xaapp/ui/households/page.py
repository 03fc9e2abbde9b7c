"""Villages → households: the register screen (village filter, search as you type, sorted list).

The first screen of the main window, so it imports only what showing the list needs: the review
form (forms engine), the household view and the review services load when first opened.
"""

from __future__ import annotations

import gc
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from xaapp.services.listing_chunks import let_go
from xaapp.ui.households.match import MatchingTableModel
from xaapp.ui.models.household_table import Column, HouseholdFilterProxy, RowRole
from xaapp.ui.search_list import SearchListKeys
from xaapp.ui.shortcuts import fit_to_screen
from xaapp.ui.tasks import Runner, full_gc_paused

if TYPE_CHECKING:
    from xaapp.services.household_detail import HouseholdDetail
    from xaapp.services.household_search import HouseholdSearch
    from xaapp.services.households import HouseholdRow, VillageRow
    from xaapp.services.reviews import ReviewRecord
    from xaapp.storage.db import Database
    from xaapp.ui.interview.review_dialog import ReviewDialog


def _load_rows(db: Database, year: int) -> tuple[list[VillageRow], list[HouseholdRow]]:
    """Villages and the household list, sorted (runs on the task runner's worker, which also
    imports the database layer: the window is on screen before it is loaded)."""
    from xaapp.services.households import household_rows, village_rows

    with full_gc_paused():
        return village_rows(db), household_rows(db, year)


def _index(db: Database, rows: list[HouseholdRow]) -> HouseholdSearch:
    from xaapp.services.households import household_search

    with full_gc_paused():
        return household_search(db, rows)


class HouseholdsPage(QWidget):
    sig_loaded = Signal(int)
    """Emitted with the number of households after a (re)load has reached the view."""
    sig_indexed = Signal()
    """The search index of the loaded list is ready (searching no longer reads every row)."""

    def __init__(self, db: Database, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db, self._runner = db, runner
        self.actor = "system"  # the signed-in user's name, set by the main window
        self.review_year = time.localtime().tm_year  # today's year (datetime loads later, with the list)
        self.review_dialog: ReviewDialog | None = None
        self._loads = 0  # reloads asked for; a list that arrives after a newer request is dropped
        self._villages: list[VillageRow] = []
        self.village_box = QComboBox()
        self.village_box.setMinimumWidth(200)
        self.search = QLineEdit()
        self.search.setPlaceholderText(
            self.tr("Tìm theo tên, thôn, số định danh, điện thoại (không cần dấu)… Ctrl+F")
        )
        self.search.setClearButtonEnabled(True)
        self.count_label = QLabel()
        self.model = MatchingTableModel(self)  # a search hit on another member says which member
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
        self.new_button = QPushButton(self.tr("Thêm hộ mới (Ctrl+N)"))
        self.review_button = QPushButton(self.tr("Phiếu rà soát (Ctrl+R)"))
        self.new_button.clicked.connect(lambda: self.new_household())
        self.review_button.clicked.connect(self.review_selected)
        self.request_button = QPushButton(self.tr("Hộ đề nghị rà soát…"))
        self.request_button.clicked.connect(self._ask_request)
        top.addWidget(self.new_button)
        top.addWidget(self.review_button)
        top.addWidget(self.request_button)
        QShortcut(QKeySequence("Ctrl+N"), self).activated.connect(lambda: self.new_household())
        QShortcut(QKeySequence("Ctrl+R"), self).activated.connect(self.review_selected)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table)

        self.search.textChanged.connect(self._on_search)
        self.search_keys = SearchListKeys(self.search, self.table, self.open_selected)  # ↓ into the list
        self.table.setTabKeyNavigation(False)  # Tab leaves the list
        self.table.activated.connect(lambda _index: self.open_selected())  # Enter or double-click
        self.village_box.currentIndexChanged.connect(self._on_village)

    def reload(self) -> None:
        """Load villages and households off the UI thread; the view updates when they arrive, and
        the search index follows (searching reads every row until it is there)."""
        db, year = self._db, self.review_year
        self._loads += 1
        ticket = self._loads
        self._runner.submit(
            lambda _p: _load_rows(db, year), on_done=lambda result: self._on_loaded(result, ticket)
        )

    def _on_loaded(
        self, result: tuple[list[VillageRow], list[HouseholdRow]], ticket: int | None = None
    ) -> None:
        if ticket is not None and ticket != self._loads:
            return  # a newer reload is on its way
        villages, rows = result
        self._villages = villages
        current = self.village_box.currentData()
        self.village_box.blockSignals(True)
        self.village_box.clear()
        self.village_box.addItem(self.tr("Tất cả các thôn"), None)
        for v in villages:
            self.village_box.addItem(f"{v.name} ({v.households})", v.id)
        self.village_box.setCurrentIndex(max(0, self.village_box.findData(current)))
        self.village_box.blockSignals(False)
        old = self.model.set_rows(rows)
        self._runner.submit(lambda _p: let_go(old), uses_db=False)  # the rows shown until now, in slices
        # The list is long-lived: move it (and everything older) out of the collector's sight, so
        # that the next full collection (triggered by a later reload) walks only young objects
        # instead of freezing the UI thread for 60–80 ms at 20,000 households. Rows are acyclic;
        # when replaced they are freed by reference counting, frozen or not.
        gc.freeze()
        self.proxy.set_village(self.village_box.currentData())
        self._update_count()
        self.sig_loaded.emit(self.model.total())
        db = self._db
        self._runner.submit(
            lambda _p: _index(db, rows), on_done=lambda search: self._on_indexed(rows, search)
        )

    def _on_indexed(self, rows: list[HouseholdRow], search: HouseholdSearch) -> None:
        self.model.set_search_index(rows, search)
        if self.model.has_search_index():
            gc.freeze()  # see _on_loaded
            self.sig_indexed.emit()

    def selected_household(self) -> HouseholdRow | None:
        index = self.table.currentIndex()
        return index.data(RowRole) if index.isValid() else None

    def open_selected(self) -> None:
        """Open the household view of the selected row (loaded off the UI thread)."""
        row = self.selected_household()
        if row is None:
            return
        from xaapp.services.household_detail import household_detail

        db = self._db
        self._runner.submit(lambda _p: household_detail(db, row.id), on_done=self._show_detail)

    def _show_detail(self, detail: HouseholdDetail) -> None:
        from xaapp.ui.households.detail import HouseholdDetailDialog

        self.detail_dialog = HouseholdDetailDialog(detail, self)
        fit_to_screen(self.detail_dialog)
        self.detail_dialog.show()

    def new_household(self, village_id: int | None = None) -> None:
        """Open the household form for a household not in the register (village: the filter's, or asked)."""
        village_id = village_id or self.village_box.currentData()
        if village_id is None:
            names = [v.name for v in self._villages]
            if not names:
                return
            from PySide6.QtWidgets import QInputDialog  # with the action, not with the first screen

            name, ok = QInputDialog.getItem(
                self, self.tr("Thêm hộ mới"), self.tr("Thôn của hộ:"), names, 0, False
            )
            if not ok:
                return
            village_id = next(v.id for v in self._villages if v.name == name)
        from xaapp.services.reviews import new_household_record

        village = next((v.name for v in self._villages if v.id == village_id), "")
        self._open_review(new_household_record(village_id, self.review_year), village)

    def review_selected(self) -> None:
        """Open (or start) this year's review of the selected household, resuming a draft where it was left."""
        row = self.selected_household()
        if row is None:
            return
        from xaapp.services.reviews import open_review

        db, year, actor = self._db, self.review_year, self.actor
        self._runner.submit(
            lambda _p: open_review(db, row.id, year, actor=actor), on_done=self._open_review
        )

    def _ask_request(self) -> None:
        row = self.selected_household()
        if row is None:
            return
        from PySide6.QtWidgets import QInputDialog

        note, ok = QInputDialog.getText(
            self, self.tr("Hộ đề nghị rà soát"), self.tr("Nội dung đề nghị của hộ {0}:").format(row.head_name)
        )
        if ok:
            self.request_review(note)

    def request_review(self, note: str) -> None:
        """Put the selected household on this year's review list because it asked (with its note)."""
        row = self.selected_household()
        if row is None:
            return
        from xaapp.services.reviews import request_review

        db, year, actor = self._db, self.review_year, self.actor
        self._runner.submit(
            lambda _p: request_review(db, row.id, year, note, actor=actor), on_done=lambda _r: self.reload()
        )

    def _open_review(self, record: ReviewRecord, village: str = "") -> None:
        from xaapp.ui.households.review_window import open_review_window

        self.review_dialog = open_review_window(self._db, self._runner, record, self.actor, village, self)
        self.review_dialog.finished.connect(lambda _r: self.reload())
        self.review_dialog.show()

    def _on_search(self, text: str) -> None:
        self.proxy.set_search(text)
        self._update_count()

    def _on_village(self, _index: int) -> None:
        self.proxy.set_village(self.village_box.currentData())
        self._update_count()

    def _update_count(self) -> None:
        self.count_label.setText(self.tr("{0} / {1} hộ").format(self.proxy.rowCount(), self.model.total()))
