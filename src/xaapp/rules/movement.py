"""Movement of a household between reviews, with the column labels of the Phụ lục VII movement tables.

For each household: its class in earlier reviews and now gives one event (escaped poverty, poor →
near-poor, newly poor, fell back – tái nghèo: poor in an earlier year but not last year – moved
in/out …) and the column it counts in on the poor and on the near-poor table (đầu kỳ, giảm, tăng,
cuối kỳ). :func:`movement_table` sums a commune's households so that cuối kỳ = đầu kỳ − giảm + tăng.
Labels are data (``resources/rules/movement.json``; marked unverified).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from xaapp.rules.data import load_topic, require, source_status
from xaapp.rules.figures import Figure, movement_figure, status_json
from xaapp.rules.inputs import RuleInputError
from xaapp.rules.results import Reason

CLASSES = ("poor", "near_poor", "average", "none")
TABLES = ("poor", "near_poor")


@dataclass(frozen=True)
class Movement:
    """One household's movement into the review of ``year``.

    ``poor_column`` / ``near_poor_column``: the decrease or increase column the household counts in
    on each table (None when it does not move on that table); ``start_*`` / ``end_*``: whether it
    counts at the start (đầu kỳ) and end (cuối kỳ) of that table.
    """

    year: int
    event: str
    previous: str | None
    current: str | None
    start_poor: bool
    end_poor: bool
    start_near_poor: bool
    end_near_poor: bool
    poor_column: str | None
    near_poor_column: str | None
    label: Reason
    status: str
    #: The rule figures the labels and columns come from (``movement.json``), with their status.
    figures: tuple[Figure, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "event": self.event,
            "previous": self.previous,
            "current": self.current,
            "poor_column": self.poor_column,
            "near_poor_column": self.near_poor_column,
            "start": {"poor": self.start_poor, "near_poor": self.start_near_poor},
            "end": {"poor": self.end_poor, "near_poor": self.end_near_poor},
            "label": self.label.to_json(),
            **status_json(self.figures),
        }


def _check_class(value: Any, field: str) -> str | None:
    if value is None:
        return None
    text = str(value)
    if text not in CLASSES:
        raise RuleInputError(
            field, f"phải là một trong {', '.join(CLASSES)}.", f"must be one of {', '.join(CLASSES)}."
        )
    return text


def household_movement(
    history: Mapping[int, str | None] | Mapping[str, str | None],
    year: int,
    *,
    moved_in: bool = False,
    moved_out: bool = False,
    rules_dir: Path | str | None = None,
) -> Movement:
    """The movement into the review of *year* of a household whose class by review year is *history*.

    *history* maps review years to "poor" / "near_poor" / "average" / "none" (None or absent: not
    reviewed, e.g. not yet living in the commune). ``moved_in``: the household came from elsewhere
    this period (tăng khác); ``moved_out``: it left, split or died out (giảm khác).

    >>> household_movement({2024: "poor", 2025: "none", 2026: "poor"}, 2026).event
    'fell_back_poor'
    """
    data = load_topic("movement", rules_dir)
    events = require(data, "events", where="movement")
    try:
        history = {int(y): c for y, c in history.items()}  # JSON objects give the years as text
    except ValueError:
        raise RuleInputError("history", "năm rà soát phải là số.", "review years must be numbers.") from None
    previous = _check_class(history.get(year - 1), f"history.{year - 1}")
    current = None if moved_out else _check_class(history.get(year), f"history.{year}")
    earlier = [_check_class(history[y], f"history.{y}") for y in sorted(history) if y < year - 1]
    start_poor, start_near = previous == "poor" and not moved_in, previous == "near_poor" and not moved_in
    end_poor, end_near = current == "poor", current == "near_poor"
    poor_col = near_col = None
    if moved_out:
        event = "moved_out"
        poor_col = "other_decrease" if start_poor else None
        near_col = "other_decrease" if start_near else None
    elif moved_in:
        event = "moved_in"
        poor_col = "other_increase" if end_poor else None
        near_col = "other_increase" if end_near else None
    elif previous == "poor":
        if current == "poor":
            event = "stayed_poor"
        elif current == "near_poor":
            event, poor_col, near_col = "poor_to_near_poor", "became_near_poor", "from_poor"
        else:
            event, poor_col = "escaped_poverty", "escaped"
    elif previous == "near_poor":
        if current == "near_poor":
            event = "stayed_near_poor"
        elif current == "poor":
            event, poor_col, near_col = "near_poor_to_poor", "from_near_poor", "became_poor"
        else:
            event, near_col = "escaped_near_poverty", "escaped"
    elif current == "poor":
        fell_back = "poor" in earlier
        event, poor_col = ("fell_back_poor", "fell_back") if fell_back else ("newly_poor", "new")
    elif current == "near_poor":
        fell_back = "near_poor" in earlier or "poor" in earlier
        event, near_col = ("fell_back_near_poor", "fell_back") if fell_back else ("newly_near_poor", "new")
    else:
        event = "unchanged_other"
    label = events.get(event, {"vi": event, "en": event})
    return Movement(
        year=year,
        event=event,
        previous=previous,
        current=current,
        start_poor=start_poor,
        end_poor=end_poor,
        start_near_poor=start_near,
        end_near_poor=end_near,
        poor_column=poor_col,
        near_poor_column=near_col,
        label=Reason(label["vi"], label["en"]),
        status=source_status(data),
        figures=(movement_figure(rules_dir),),
    )


@dataclass(frozen=True)
class MovementColumn:
    code: str
    kind: str
    vi: str
    en: str
    count: int

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "kind": self.kind, "vi": self.vi, "en": self.en, "count": self.count}


@dataclass(frozen=True)
class MovementTable:
    """One Phụ lục VII movement table (poor or near-poor) with counts; ``end == start - decreases + increases``."""

    table: str
    vi: str
    en: str
    columns: tuple[MovementColumn, ...]
    status: str
    figures: tuple[Figure, ...] = ()

    def count(self, code: str) -> int:
        return next(c.count for c in self.columns if c.code == code)

    def to_json(self) -> dict[str, Any]:
        return {
            "table": self.table,
            "vi": self.vi,
            "en": self.en,
            **status_json(self.figures),
            "columns": [c.to_json() for c in self.columns],
        }


def movement_table(
    movements: Iterable[Movement], table: str, *, rules_dir: Path | str | None = None
) -> MovementTable:
    """Sum *movements* into the "poor" or "near_poor" movement table, labelled from the data file."""
    if table not in TABLES:
        raise RuleInputError("table", f"phải là {' hoặc '.join(TABLES)}.", f"must be {' or '.join(TABLES)}.")
    data = load_topic("movement", rules_dir)
    spec = require(require(data, "tables", where="movement"), table, where="movement.tables")
    counts: dict[str, int] = {}
    for m in movements:
        start = m.start_poor if table == "poor" else m.start_near_poor
        end = m.end_poor if table == "poor" else m.end_near_poor
        column = m.poor_column if table == "poor" else m.near_poor_column
        counts["start"] = counts.get("start", 0) + int(start)
        counts["end"] = counts.get("end", 0) + int(end)
        if column:
            counts[column] = counts.get(column, 0) + 1
    columns = tuple(
        MovementColumn(
            str(c["code"]), str(c["kind"]), str(c["vi"]), str(c["en"]), counts.get(str(c["code"]), 0)
        )
        for c in spec["columns"]
    )
    return MovementTable(
        table, str(spec["vi"]), str(spec["en"]), columns, source_status(data), (movement_figure(rules_dir),)
    )
