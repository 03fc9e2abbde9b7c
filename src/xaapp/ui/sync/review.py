"""What the officer settles after a sync, on the Sync screen: conflicts (one record changed in two
places: compare field by field, keep either side; one household code typed on two laptops: mark as
seen once corrected) and the records the province does not have (rejected with the field and the
reason, or waiting for a parent record). The conflicts list has a search box like every list screen
(Ctrl+F; household, kind or date, accents optional; ↓ into the list)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget

from xaapp.domain.local_time import format_local
from xaapp.services.sync_review import ConflictView, ProblemView
from xaapp.ui.labels import entity_label, field_label
from xaapp.ui.list_filter import SearchProxy, search_box
from xaapp.ui.models.record_table import ColumnSpec, RecordTableModel
from xaapp.ui.table_fit import fit_columns, keyboard_table

Difference = tuple[str, Any, Any]


def _text(value: Any) -> str:
    if value is None:
        return "∅"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _table(model: RecordTableModel[Any]) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setStretchLastSection(True)
    keyboard_table(view)  # Tab leaves the table
    return view


class ConflictsBox(QGroupBox):
    """The open conflicts and, for the selected one, its differing fields; *on_resolve(id, keep)*."""

    def __init__(self, on_resolve: Callable[[int, str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Xung đột cần cán bộ quyết định (không bản nào bị bỏ khi chưa chọn)"))
        self._on_resolve = on_resolve
        self.conflicts: RecordTableModel[ConflictView] = RecordTableModel(
            [
                ColumnSpec(self.tr("Loại"), self._kind),
                ColumnSpec(self.tr("Bản ghi"), lambda c: f"{entity_label(c.entity)}: {c.label or c.entity_uuid[:8]}"),
                ColumnSpec(self.tr("Số trường khác nhau"), lambda c: len(c.differences), None, True),
                ColumnSpec(self.tr("Phát hiện lúc"), lambda c: format_local(c.created_at)),
            ],
            self,
        )
        self.proxy = SearchProxy(self)
        self.proxy.setSourceModel(self.conflicts)
        self.conflict_view = _table(self.proxy)  # type: ignore[arg-type]
        self.search, self._search_keys = search_box(
            self.proxy, self.conflict_view, lambda: None,
            self.tr("Tìm hộ, loại xung đột (không cần dấu)… Ctrl+F"),
        )  # fmt: skip
        self.search.textChanged.connect(lambda _t: self._follow_filter())
        self.differences: RecordTableModel[Difference] = RecordTableModel(
            [
                ColumnSpec(self.tr("Trường"), lambda d: field_label(d[0])),
                ColumnSpec(self.tr("Trên máy này"), lambda d: _text(d[1])),
                ColumnSpec(self.tr("Trên máy chủ"), lambda d: _text(d[2])),
            ],
            self,
        )
        self.difference_view = _table(self.differences)
        self.difference_view.horizontalHeader().setDefaultSectionSize(220)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.keep_local = QPushButton(self.tr("Giữ bản trên máy này"))
        self.keep_server = QPushButton(self.tr("Giữ bản trên máy chủ"))
        self.dismiss = QPushButton(self.tr("Đã xem (đã sửa mã hộ hoặc đúng là hai hộ)"))
        keep = QHBoxLayout()
        for b in (self.keep_local, self.keep_server, self.dismiss):
            keep.addWidget(b)
        keep.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.conflict_view, 1)
        layout.addWidget(self.hint)
        layout.addWidget(self.difference_view, 2)
        layout.addLayout(keep)
        self.conflict_view.selectionModel().currentRowChanged.connect(
            lambda cur, _p: self.show_row(cur.row())
        )
        self.keep_local.clicked.connect(lambda: self._resolve("local"))
        self.keep_server.clicked.connect(lambda: self._resolve("server"))
        self.dismiss.clicked.connect(lambda: self._resolve("dismiss"))
        self.show_row(-1)

    def _kind(self, c: ConflictView) -> str:
        return self.tr("Mã hộ trùng") if c.kind == "duplicate_code" else self.tr("Sửa ở hai nơi")

    def set_conflicts(self, rows: list[ConflictView]) -> None:
        self.conflicts.set_rows(rows)
        fit_columns(self.conflict_view, stretch=1)  # every header shown whole
        self.show_row(0 if rows else -1)
        if rows:
            self.conflict_view.selectRow(0)

    def _follow_filter(self) -> None:
        """The details follow the list as it is filtered: the first conflict still shown, or none."""
        if self.proxy.rowCount():
            self.conflict_view.selectRow(0)
            self.show_row(0)
        else:
            self.conflict_view.clearSelection()
            self.show_row(-1)

    def _at(self, row: int) -> ConflictView | None:
        """The conflict on row *row* of the list as shown (filtered)."""
        if not 0 <= row < self.proxy.rowCount():
            return None
        return self.conflicts.row_at(self.proxy.mapToSource(self.proxy.index(row, 0)).row())

    def selected(self) -> ConflictView | None:
        row = self.conflict_view.currentIndex().row()
        if not 0 <= row < self.proxy.rowCount():
            row = 0 if self.proxy.rowCount() else -1
        return self._at(row)

    def show_row(self, row: int) -> None:
        conflict = self._at(row)
        self.differences.set_rows(list(conflict.differences) if conflict else [])
        duplicate = conflict is not None and conflict.kind == "duplicate_code"
        self.keep_local.setEnabled(conflict is not None and not duplicate)
        self.keep_server.setEnabled(conflict is not None and not duplicate)
        self.dismiss.setEnabled(duplicate)
        if duplicate:
            self.hint.setText(
                self.tr(
                    "Hộ này có cùng mã và cùng thôn với một hộ do máy khác nhập (cột «Trên máy chủ»). Nếu nhập "
                    "nhầm, hãy sửa mã hộ trong danh sách hộ; nếu là cùng một hộ, hãy xóa bản thừa."
                )
            )
        else:
            self.hint.setText("")

    def _resolve(self, keep: str) -> None:
        conflict = self.selected()
        if conflict is not None:
            self._on_resolve(conflict.id, keep)


class ProblemsBox(QGroupBox):
    """Records the province does not have: rejected (field, reason) or waiting for their parent."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Bản ghi tỉnh chưa nhận (sửa rồi đồng bộ lại)"))
        self.problems: RecordTableModel[ProblemView] = RecordTableModel(
            [
                ColumnSpec(self.tr("Tình trạng"), self._kind),
                ColumnSpec(self.tr("Bản ghi"), lambda p: p.label),
                ColumnSpec(self.tr("Trường"), lambda p: p.field),
                ColumnSpec(self.tr("Lý do"), lambda p: p.reason),
            ],
            self,
        )
        self.view = _table(self.problems)
        self.view.horizontalHeader().setDefaultSectionSize(180)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)

    def _kind(self, p: ProblemView) -> str:
        return self.tr("Bị từ chối") if p.kind == "rejected" else self.tr("Chờ bản ghi cha")

    def set_problems(self, rows: list[ProblemView]) -> None:
        self.problems.set_rows(rows)
        self.setVisible(bool(rows))
