"""The demo's new records collected by table and handed over as rows (``services.demo_records`` draws them).

``RecordBuilder.add(table, **values)`` gives a record its local id and a time-ordered UUID (its random bits
from the demo's random stream);
``take`` hands the records collected so far over as tuples of named columns, with the JSON columns converted
to the text the writer would make and the other columns the writer would convert (dates, a flag, floats)
already as their types store them on SQLite: the cheapest form to pickle, unpickle and write
(``storage.bulk.BulkInserter.add_tuples``). Imports neither SQLAlchemy nor the storage layer.
"""

from __future__ import annotations

import json
import random
from operator import itemgetter
from typing import Any

from xaapp.domain.record_ids import uuid7_text

#: The columns each table stores as JSON (``storage.orm``'s JSON columns, tested equal).
JSON_COLUMNS = {"person": ("details",), "poverty_review": ("answers", "result"), "beneficiary": ("clauses", "answers")}
#: The other columns whose values the records carry as their types store them on SQLite: dates as ISO text,
#: a flag as 0 or 1, a float as a float (tested against the columns' own conversions).
CONVERTED_AHEAD = {
    "household": ("ethnic_minority",),
    "person": ("dob",),
    "poverty_review": ("listed_on", "surveyed_on", "meeting_on", "posted_on", "recognised_on", "meeting_agree_pct"),
    "beneficiary": ("decision_date",),
    "allowance_period": ("coefficient",),
}
#: A slice handed over: by table, (columns, rows as tuples of their values, the columns converted ahead).
Slice = dict[str, tuple[tuple[str, ...], list[tuple[Any, ...]], tuple[str, ...]]]


class RecordBuilder:
    """Collects the demo's new records by table, each with its local id (counted from *first_ids*) and a UUID
    drawn from the demo's random stream, until ``take`` hands them over to be written."""

    def __init__(self, rng: random.Random, first_ids: dict[str, int], epoch_ms: int) -> None:
        self.rng = rng
        self.next_id = dict(first_ids)
        self.rows: dict[str, list[dict[str, Any]]] = {}
        self.count = 0
        self._bits = rng.getrandbits
        self._made = 0  # records made so far (``count`` restarts at each ``take``)
        self._epoch_ms = epoch_ms

    def add(self, table: str, **values: Any) -> dict[str, Any]:
        values["id"] = self.next_id[table]
        self.next_id[table] += 1
        # Time-ordered like the app's own (``domain.record_ids``): one millisecond after the record before,
        # counting from the demo's day; counter and random bits from the demo's random stream.
        bits = self._bits(128)
        self._made += 1
        values["uuid"] = uuid7_text(self._epoch_ms + self._made, bits >> 64, bits)
        rows = self.rows.get(table)
        if rows is None:
            rows = self.rows[table] = []
        rows.append(values)
        self.count += 1
        return values

    def take(self) -> Slice:
        """The records collected so far by table as (columns, rows as tuples of those columns' values, the
        columns converted ahead): the JSON columns converted to the text the writer would make (work done
        here, in the generating process; text is cheaper to hand over than nested values), and tuples,
        cheaper to hand over and to write than dicts."""
        rows, self.rows, self.count = self.rows, {}, 0
        out = {}
        for table, table_rows in rows.items():
            converted = _to_json(table, table_rows) + CONVERTED_AHEAD.get(table, ())
            columns = tuple(table_rows[0])
            width, values = len(columns), itemgetter(*columns)
            if any(len(row) != width for row in table_rows):  # every row of a table is built alike
                raise ValueError(f"the demo's {table} rows differ in their columns")
            out[table] = (columns, [values(row) for row in table_rows], converted)
        return out


_dumps = json.JSONEncoder().encode  # what json.dumps(value) does with its defaults, without its argument checks


def _to_json(table: str, rows: list[dict[str, Any]]) -> tuple[str, ...]:
    """Convert *table*'s JSON columns in *rows* to text, as ``storage.bulk.convert_ahead`` does with the
    columns' own types (``json.dumps``; tested equal). A value met again is not encoded again: the same
    object (a class the rules gave two reviews) by identity, a person's details (booleans and text only) by
    their items."""
    names = JSON_COLUMNS.get(table, ())
    by_id: dict[int, tuple[Any, str]] = {}  # the value kept beside its text: its id cannot be reused
    for name in names:
        if table == "person":
            by_items: dict[tuple[tuple[str, Any], ...], str] = {}
            for row in rows:
                value = row[name]
                key = tuple(value.items())
                text = by_items.get(key)
                if text is None:
                    text = by_items[key] = _dumps(value)
                row[name] = text
            continue
        for row in rows:
            value = row[name]
            seen = by_id.get(id(value))
            if seen is None or seen[0] is not value:
                seen = by_id[id(value)] = (value, _dumps(value))
            row[name] = seen[1]
    return names
