"""New synced records written many rows at a time, tracked exactly as ``storage.tracking`` tracks them.

``BulkInserter(session)`` collects new records (``add(Model, **values)`` gives each its local id and a
UUID at once, so children can point at parents before anything is written) and ``flush()`` writes them
inside the session's transaction: one ``executemany`` per table, parents before children (the order of
``SYNCABLE_MODELS``), then one outbox row (``upsert`` at revision 1) and one audit row (``create``, with the
session's actor and reason) per record, in that same order. What lands in the database is what the tracked
ORM path writes when the same objects are added and flushed: the columns' own defaults, a person's name
normalised with its folded and sort forms (``orm.Person``), values converted by the columns' own types, and
the same revision, outbox and audit rows (tests/unit/storage/test_bulk.py builds one data set both ways and
compares the two databases). A caller that streams flushes every few thousand records, so memory stays
bounded whatever the size. A producer in another process can hand rows over ready: as tuples of named
columns with their ids (``add_tuples``: no dict per row to pickle, complete and read back; a plan per
shape adds the revision, times, defaults and a person's name forms) and with the columns' conversions
already made (``converted=``: ``convert_ahead`` for JSON, a date's ISO text ...), so that only SQLite's own
work is left to the writing process.

Only new records go this way; changes to existing records go through the ORM (``storage.tracking``), whose
field-by-field audit they need. Changes applied from the server are never written here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from operator import itemgetter
from typing import Any

from sqlalchemy import JSON, Column, Date, DateTime, Table, func, select
from sqlalchemy.dialects.sqlite import dialect as sqlite_dialect
from sqlalchemy.orm import Session

from xaapp.domain.clock import utcnow
from xaapp.domain.text import fold, name_sort_text, nfc
from xaapp.storage.orm import SYNCABLE_MODELS, AuditEntry, OutboxEntry, Person, Syncable, new_uuid

_ORDER = {model: i for i, model in enumerate(SYNCABLE_MODELS)}
Processor = Callable[[Any], Any] | None


class _Parameters:
    """What a column default that reads the row (``orm._name_sort_default``) is handed."""

    def __init__(self, row: dict[str, Any]) -> None:
        self.row = row

    def get_current_parameters(self, isolate_multiinsert_groups: bool = True) -> dict[str, Any]:
        return self.row


_NAMES: dict[
    str, tuple[str, str, str]
] = {}  # typed name -> the three forms (names repeat: each is worked out once)


def _name_forms(typed: str) -> tuple[str, str, str]:
    """What ``orm.Person._normalise_name`` makes of a name: (full_name, name_folded, name_sort)."""
    forms = _NAMES.get(typed)
    if forms is None:
        name = " ".join(nfc(typed).split())
        forms = (name, fold(name), name_sort_text(name))
        if len(_NAMES) >= 50_000:
            _NAMES.clear()
        _NAMES[typed] = forms
    return forms


def _person_names(row: dict[str, Any]) -> None:
    row["full_name"], row["name_folded"], row["name_sort"] = _name_forms(row["full_name"])


_NORMALISE: dict[type, Callable[[dict[str, Any]], None]] = {Person: _person_names}
#: The same for rows given as tuples: the column read, the function, the columns it fills.
_NORMALISE_COLUMNS: dict[type, tuple[str, Callable[[str], tuple[Any, ...]], tuple[str, ...]]] = {
    Person: ("full_name", _name_forms, ("full_name", "name_folded", "name_sort")),
}
_NEW_ONLY = ("revision", "created_at", "updated_at")  # what flush sets on a new record


def convert_ahead(model: type[Syncable], rows: list[dict[str, Any]]) -> tuple[str, ...]:
    """Convert the JSON columns of *rows* to their text now, by the columns' own types on SQLite, as
    ``flush`` would, and name those columns (pass them to ``add_rows(..., converted=)``): a producer in
    another process can do this work there, and hand over plain text instead of nested values."""
    dialect = _SQLITE
    table = model.__table__  # type: ignore[attr-defined]  # a mapped model
    processors = [
        (c.name, c.type.dialect_impl(dialect).bind_processor(dialect))
        for c in table.columns
        if isinstance(c.type, JSON)
    ]
    for row in rows:
        for name, process in processors:
            if name in row and process is not None:
                row[name] = process(row[name])
    return tuple(name for name, process in processors if process is not None)


_SQLITE = sqlite_dialect()


def _processor(column: Column[Any], dialect: Any) -> Processor:
    """The column type's own conversion of a Python value for the database; for dates and times it answers
    again without converting when the value is the one it converted last (every row of a flush shares its
    timestamp)."""
    process = column.type.dialect_impl(dialect).bind_processor(dialect)
    if process is None or not isinstance(column.type, Date | DateTime):
        return process
    last: list[Any] = [object(), None]

    def remembered(value: Any) -> Any:
        if value is not last[0]:
            last[0], last[1] = value, process(value)
        return last[1]

    return remembered


def _convert(value: Any, process: Processor) -> Any:
    return value if process is None else process(value)


class _TableWriter:
    """The INSERT of one table with its columns' defaults and type conversions, looked up once."""

    def __init__(self, table: Table, dialect: Any, skip: tuple[str, ...] = ()) -> None:
        self.columns: list[Column[Any]] = [c for c in table.columns if c.name not in skip]
        self.names = [c.name for c in self.columns]
        self.processors: list[Processor] = [_processor(c, dialect) for c in self.columns]
        self.defaults: list[tuple[str, Any]] = []
        for c in self.columns:
            default = c.default
            if default is None:
                self.defaults.append((c.name, None))
            elif getattr(default, "is_scalar", False):
                self.defaults.append((c.name, default.arg))  # type: ignore[attr-defined]  # a ScalarElementColumnDefault
            else:
                self.defaults.append((c.name, default))
        quoted = ", ".join(f'"{n}"' for n in self.names)
        marks = ", ".join("?" for _ in self.names)
        self.sql = f'INSERT INTO "{table.name}" ({quoted}) VALUES ({marks})'
        self._missing: dict[tuple[tuple[str, ...], tuple[str, ...]], list[tuple[str, Any, Processor]]] = {}
        self._plans: dict[tuple[Any, ...], Any] = {}

    def complete(self, row: dict[str, Any], converted_ahead: tuple[str, ...] = ()) -> None:
        """Fill the columns *row* leaves out with their defaults, as an ORM insert would (a default of a
        column *converted_ahead* converted here, as the rest of that column's values were ahead)."""
        shape = (tuple(row), converted_ahead)
        missing = self._missing.get(shape)
        if missing is None:  # rows built alike leave out the same columns: looked up once per shape
            process = dict(zip(self.names, self.processors, strict=True))
            missing = self._missing[shape] = [
                (n, d, process[n] if n in converted_ahead else None) for n, d in self.defaults if n not in row
            ]
        for name, default, convert in missing:
            if default is None or not hasattr(default, "arg"):
                value = default
            else:
                value = default.arg(_Parameters(row))
            row[name] = value if convert is None else convert(value)

    def tuple_params(
        self,
        model: type[Syncable],
        columns: tuple[str, ...],
        converted_ahead: tuple[str, ...],
        rows: list[tuple[Any, ...]],
        now: Any,
    ) -> list[tuple[Any, ...]]:
        """Rows given as tuples of *columns* as this INSERT's parameters: a new record's revision (1) and
        times (*now*) and the defaults of the columns left out added, the normalised columns' forms (a
        person's name) worked out, the values of columns not *converted_ahead* converted by their types."""
        key = (model, columns, converted_ahead)
        plan = self._plans.get(key)
        if plan is None:
            plan = self._plans[key] = self._plan(model, columns, converted_ahead)
        getter, fixed, normalise, convert, computed = plan
        tail = tuple(value if process is None else process(now) for value, process in fixed)
        if computed or convert is not None:  # the slower way, row by row (the demo's rows never need it)
            rows = [self._converted(row, columns, convert, computed) for row in rows]
        if normalise is None:
            return [getter(row + tail) for row in rows]
        at, forms = normalise
        return [getter(row + forms(row[at]) + tail) for row in rows]

    @staticmethod
    def _converted(row: tuple[Any, ...], columns: tuple[str, ...], convert: list[Processor] | None,
                   computed: tuple[tuple[Callable[[Any], Any], Processor], ...]) -> tuple[Any, ...]:  # fmt: skip
        """*row* with its values converted by their types and the defaults made from it (a fresh dict or
        list each, from the row as given) after them."""
        made = ()
        if computed:
            values = _Parameters(dict(zip(columns, row, strict=True)))
            made = tuple(_convert(make(values), process) for make, process in computed)
        if convert is not None:
            row = tuple(v if p is None else p(v) for v, p in zip(row, convert, strict=True))
        return row + made

    def _plan(self, model: type[Syncable], columns: tuple[str, ...], converted_ahead: tuple[str, ...]) -> Any:
        """How ``tuple_params`` makes one shape of tuples into parameters, worked out once."""
        for name in _NEW_ONLY:
            if name in columns:
                raise ValueError(f"rows given as tuples are new records: {name} is set here, not given")
        if "id" not in columns or "uuid" not in columns:
            raise ValueError("rows given as tuples carry their id and uuid")
        unknown = set(columns) - set(self.names)
        if unknown:
            raise ValueError(f"no such columns in {model.__entity__}: {sorted(unknown)}")
        process = dict(zip(self.names, self.processors, strict=True))
        convert = [None if name in converted_ahead else process[name] for name in columns]
        # The parameters are taken from each row + the defaults made from it + its normalised forms + the
        # fixed values, in this order:
        order = list(columns)
        computed: list[tuple[Callable[[Any], Any], Processor]] = []
        for name, default in self.defaults:
            if (name not in columns and name not in _NEW_ONLY and default is not None and hasattr(default, "arg")
                    and not (model in _NORMALISE_COLUMNS and name in _NORMALISE_COLUMNS[model][2])):  # fmt: skip
                computed.append((default.arg, process[name]))
                order.append(name)
        normalise = None
        if model in _NORMALISE_COLUMNS:
            source, forms, filled = _NORMALISE_COLUMNS[model]
            normalise = (columns.index(source), forms)
            order[columns.index(source)] = ""  # the name as given: its normalised form is written
            order.extend(filled)
        fixed: list[tuple[Any, Processor]] = []  # (value, None) or (None, the type's conversion of now)
        for name, default in self.defaults:
            if name in order:
                continue
            if name in ("created_at", "updated_at"):
                fixed.append((None, process[name] or (lambda now: now)))
                order.append(name)
                continue
            value = 1 if name == "revision" else default  # a scalar (the rest are made from the row above)
            converter = process[name]
            fixed.append((value if converter is None else converter(value), None))
            order.append(name)
        getter = itemgetter(*(order.index(name) for name in self.names))
        uses = convert if any(p is not None for p in convert) else None
        return getter, tuple(fixed), normalise, uses, tuple(computed)

    def params(self, rows: list[dict[str, Any]], converted_ahead: tuple[str, ...] = ()) -> Iterator[list[Any]]:
        """Each row's values in the INSERT's order, converted by their columns' types (but for the columns
        *converted_ahead*, whose values are already)."""
        getter = itemgetter(*self.names)
        converted = [
            (i, p) for i, p in enumerate(self.processors) if p is not None and self.names[i] not in converted_ahead
        ]
        for row in rows:
            values = list(getter(row))
            for i, p in converted:
                values[i] = p(values[i])
            yield values


class BulkInserter:
    """Collects new synced records and writes them, tracked, in the session's transaction (module docstring)."""

    def __init__(self, session: Session) -> None:
        if session.info.get("remote"):
            raise ValueError("changes applied from the server are not written in bulk")
        self.session = session
        self.actor = session.info.get("actor") or "system"
        self.reason = session.info.get("reason")
        # new rows by model, in batches that share which columns were converted ahead: rows as dicts
        # (columns None) or as tuples of the batch's columns
        self.pending: dict[type[Syncable], list[tuple[list[Any], tuple[str, ...], tuple[str, ...] | None]]] = {}
        self.written: dict[type[Syncable], int] = {}
        self._next_id: dict[type[Syncable], int] = {}
        self._writers: dict[Any, _TableWriter] = {}

    def __len__(self) -> int:
        """Records waiting for ``flush``."""
        return sum(len(rows) for batches in self.pending.values() for rows, _converted, _columns in batches)

    def next_id(self, model: type[Syncable]) -> int:
        if model not in self._next_id:
            self.session.flush()
            top = self.session.scalar(select(func.max(model.id)))
            self._next_id[model] = (top or 0) + 1
        return self._next_id[model]

    def add(self, model: type[Syncable], **values: Any) -> dict[str, Any]:
        """A new record of *model*: the row as it will be written (``id`` and ``uuid`` set now)."""
        self.add_rows(model, [values])
        return values

    def add_rows(
        self, model: type[Syncable], rows: list[dict[str, Any]], converted: tuple[str, ...] = ()
    ) -> None:
        """New records of *model*, each row a dict of its values (kept and completed in place); a row with
        an ``id`` keeps it, and the ids given next follow the highest. *converted*: columns whose values are
        already what their column's type makes of them for SQLite (``convert_ahead`` for JSON; a date's ISO
        text): written as they are."""
        pending = self._batch(model, converted, None)
        next_id = self.next_id(model)
        for row in rows:
            given = row.get("id")
            if given is None:
                row["id"] = next_id
                next_id += 1
            elif given >= next_id:
                next_id = given + 1
            if row.get("uuid") is None:
                row["uuid"] = new_uuid()
        self._next_id[model] = next_id
        pending.extend(rows)

    def add_tuples(
        self,
        model: type[Syncable],
        columns: tuple[str, ...],
        rows: list[tuple[Any, ...]],
        converted: tuple[str, ...] = (),
    ) -> None:
        """New records of *model* as tuples of the values of *columns*, which name the ``id`` and ``uuid``
        (given) and leave out the revision and times (set by ``flush``, as for every new record): the
        cheapest rows to hand over from another process and to write. Written as ``add_rows`` writes the
        same rows as dicts. *converted*: as for ``add_rows``."""
        at = columns.index("id")
        if rows:
            self._next_id[model] = max(self.next_id(model), max(row[at] for row in rows) + 1)
        self._batch(model, converted, columns).extend(rows)

    def _batch(self, model: type[Syncable], converted: tuple[str, ...], columns: tuple[str, ...] | None) -> list[Any]:
        batches = self.pending.setdefault(model, [])
        if batches and batches[-1][1:] == (converted, columns):
            return batches[-1][0]
        rows: list[Any] = []
        batches.append((rows, converted, columns))
        return rows

    def _writer(self, key: Any, table: Table, skip: tuple[str, ...] = ()) -> _TableWriter:
        writer = self._writers.get(key)
        if writer is None:
            writer = self._writers[key] = _TableWriter(table, self.session.get_bind().dialect, skip)
        return writer

    def flush(self) -> int:
        """Write every pending record with its outbox and audit rows; returns how many records."""
        if not self.pending:
            return 0
        self.session.flush()  # ORM changes of this transaction first: they came first
        now = utcnow()
        # The session's own DBAPI connection, so the rows are in its transaction; executemany straight on
        # its cursor streams the converted rows instead of building another list of them.
        cursor = self.session.connection().connection.cursor()
        out = self._writer(OutboxEntry, OutboxEntry.__table__, skip=("seq",))  # type: ignore[arg-type]  # a Table
        log = self._writer(AuditEntry, AuditEntry.__table__, skip=("id",))  # type: ignore[arg-type]  # a Table
        # Their rows are built ready for the database: the one timestamp converted once by its column's type.
        assert out.names == ["entity", "entity_uuid", "revision", "op", "created_at", "batch_id", "attempts",
                             "last_error", "acked_at", "outcome"], out.names  # fmt: skip
        assert log.names == ["at", "username", "entity", "entity_uuid", "action", "field", "old_value",
                             "new_value", "reason"], log.names  # fmt: skip
        stamp = out.processors[4](now) if out.processors[4] else now
        outbox: list[tuple[Any, ...]] = []
        audit: list[tuple[Any, ...]] = []
        count = 0
        for model in sorted(self.pending, key=_ORDER.__getitem__):
            writer = self._writer(model, model.__table__)  # type: ignore[attr-defined]  # a mapped model
            normalise = _NORMALISE.get(model)
            entity = model.__entity__
            for rows, converted, columns in self.pending[model]:
                if columns is not None:  # tuples: their parameters made by the table's plan for them
                    uuid_at = columns.index("uuid")
                    outbox.extend([(entity, row[uuid_at], 1, "upsert", stamp, None, 0, None, None, None) for row in rows])
                    audit.extend([(stamp, self.actor, entity, row[uuid_at], "create", None, None, None, self.reason)
                                  for row in rows])  # fmt: skip
                    cursor.executemany(writer.sql, writer.tuple_params(model, columns, converted, rows, now))
                else:
                    for row in rows:
                        if normalise is not None:
                            normalise(row)
                        row["revision"] = (row.get("revision") or 0) + 1
                        row["created_at"] = row.get("created_at") or now
                        row["updated_at"] = now
                        writer.complete(row, converted)
                        outbox.append(
                            (entity, row["uuid"], row["revision"], "upsert", stamp, None, 0, None, None, None)
                        )
                        audit.append(
                            (stamp, self.actor, entity, row["uuid"], "create", None, None, None, self.reason)
                        )
                    cursor.executemany(writer.sql, writer.params(rows, converted))  # type: ignore[arg-type]  # sqlite3 takes any iterable
                self.written[model] = self.written.get(model, 0) + len(rows)
                count += len(rows)
        cursor.executemany(out.sql, outbox)
        cursor.executemany(log.sql, audit)
        cursor.close()
        self.pending = {}
        return count


@contextmanager
def bulk(session: Session) -> Iterator[BulkInserter]:
    """A ``BulkInserter`` on *session* whose last records are flushed when the block ends without error."""
    inserter = BulkInserter(session)
    yield inserter
    inserter.flush()
