"""A commune's yearly report as sent (the signed snapshot, ``server.yearly_report``) next to its
tables today: every cell whose value changed since the report is marked ("thay đổi sau báo cáo").

Rows are matched by what they stand for (a village's uuid, else the row's label), columns by their
key; a row only in the snapshot (a village gone since) or only today (a village added) has every
cell changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from xaapp.server.console.tables import Col, Report


@dataclass(frozen=True)
class Cell:
    kind: str  # int | percent | text
    now: Any  # today's value (None: the row is gone)
    then: Any  # the value in the report (None: the row was not there)
    changed: bool


@dataclass(frozen=True)
class RowView:
    label: str
    label_en: str
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class TableView:
    key: str
    title_vi: str
    title_en: str
    label_vi: str
    label_en: str
    columns: tuple[Col, ...]
    bands: tuple[tuple[str, str, int], ...]
    rows: tuple[RowView, ...]
    total: tuple[Cell, ...]
    drill: bool


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        return a is not None and b is not None and abs(float(a) - float(b)) < 1e-9
    return bool(a == b)


def _cells(
    cols: tuple[Col, ...], now: dict[str, Any] | None, then: dict[str, Any] | None
) -> tuple[Cell, ...]:
    out = []
    for c in cols:
        a = now.get(c.key) if now is not None else None
        b = then.get(c.key) if then is not None else None
        changed = now is None or then is None or not _same(a, b)
        out.append(Cell(c.kind, a, b, changed))
    return tuple(out)


def _by_col(keys: list[str], values: Any) -> dict[str, Any]:
    return dict(zip(keys, list(values or []), strict=False))


def compare(today: Report, sent: dict[str, Any]) -> tuple[tuple[TableView, ...], int]:
    """Today's tables with the snapshot's values beside them; also how many cells changed."""
    sent_tables = {str(t.get("key")): t for t in sent.get("tables") or [] if isinstance(t, dict)}
    views, changed = [], 0
    for table in today.tables:
        old = sent_tables.get(table.key, {})
        old_keys = [str(c.get("key")) for c in old.get("columns") or [] if isinstance(c, dict)]
        old_rows = {
            str(r.get("link") or r.get("label")): r for r in old.get("rows") or [] if isinstance(r, dict)
        }
        keys = [c.key for c in table.columns]
        rows = []
        for row in table.rows:
            then = old_rows.pop(str(row.link or row.label), None)
            cells = _cells(table.columns, _by_col(keys, row.values),
                           _by_col(old_keys, then["values"]) if then is not None else None)  # fmt: skip
            rows.append(RowView(row.label, row.label_en, cells))
        for gone in old_rows.values():
            label = str(gone.get("label") or "")
            rows.append(RowView(label, str(gone.get("label_en") or ""),
                                _cells(table.columns, None, _by_col(old_keys, gone.get("values")))))  # fmt: skip
        total = _cells(
            table.columns, _by_col(keys, table.total), _by_col(old_keys, old.get("total")) if old else None
        )
        changed += sum(c.changed for r in rows for c in r.cells)
        views.append(TableView(table.key, table.title_vi, table.title_en, table.label_vi, table.label_en,
                               table.columns, table.bands, tuple(rows), total, table.drill))  # fmt: skip
    return tuple(views), changed
