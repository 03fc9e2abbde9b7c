"""Freezing the outbox into push batches and sync-file chunks.

The pending outbox is walked in send order (parents first: by entity rank, then by first change),
a page at a time; each record is read once, as it is now, and turned into a ``RecordChange``. A
record whose parent the server does not have (rejected, or itself waiting) is *held*: not sent,
marked ``waiting``, until the parent is accepted (see ``sync_outbox``). ``gather`` only reads, so
the next batch can be gathered on another thread while the one before is in flight; ``commit``
writes it down as the frozen batch.
"""

from __future__ import annotations

import json
import re
import uuid as uuid_mod
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from itertools import islice
from typing import Any

from sqlalchemy import JSON, Boolean, Float, Integer, String, bindparam, text, update
from sqlalchemy.orm import Session

from xaapp.domain.clock import utcnow
from xaapp.storage.driver_sql import rows_in, run_in
from xaapp.storage.orm import OutboxEntry
from xaapp.storage.records import KeyedRefs, RefResolver, column_for, fields_of
from xaapp.storage.sync_conflicts import blocking_uuids
from xaapp.storage.sync_outbox import (
    OUTBOX_TABLE,
    WAITING,
    batch_to_state,
    close_rows,
    entity_table,
    get_json,
    remember_batch,
    set_state,
)
from xaapp.sync.entities import ENTITY_RANK, parent_ref
from xaapp.sync.ports import Batch
from xaapp.sync.protocol import RecordChange, canonical_json, canonical_json_plain


def _waiting_note(spec_name: str, parent_entity: str, parent_uuid: str) -> str:
    return f"{spec_name}: waiting for {parent_entity} {parent_uuid}"


#: One page of an entity's pending outbox rows, oldest first. The index is named: SQLite's planner,
#: without statistics, took ix_outbox_pending and read past every pending row of the other entities.
_NEXT_PAGE = text(
    "SELECT seq, entity_uuid FROM outbox INDEXED BY ix_outbox_entity_pending"
    " WHERE entity = :entity AND acked_at IS NULL AND seq > :after ORDER BY seq LIMIT :n"
)


class _Pending:
    """The pending outbox, read in send order (parents first: by entity rank, then by first change),
    a page at a time through ``ix_outbox_entity_pending`` — never the whole outbox at once."""

    PAGE = 2000

    def __init__(self, s: Session, skip: set[str]) -> None:
        self.s, self.skip = s, skip
        self.seen: set[str] = set()
        self._iter = self._walk()

    def _walk(self) -> Iterator[tuple[str, str]]:
        for entity in ENTITY_RANK:
            after = 0
            while True:
                rows = self.s.execute(_NEXT_PAGE, {"entity": entity, "after": after, "n": self.PAGE}).all()
                for seq, uuid in rows:
                    after = seq
                    if uuid in self.seen or uuid in self.skip:
                        continue
                    self.seen.add(uuid)
                    yield entity, uuid
                if len(rows) < self.PAGE:
                    break

    def take(self, n: int) -> list[tuple[str, str]]:
        return list(islice(self._iter, n))


def _pending_seqs(s: Session, uuids: list[str]) -> dict[str, list[int]]:
    """Every unacknowledged outbox row of these records, oldest first."""
    out: dict[str, list[int]] = defaultdict(list)
    # The index is named: without statistics SQLite takes ix_outbox_pending and reads every pending row.
    sql = (
        "SELECT seq, entity_uuid FROM outbox INDEXED BY ix_outbox_entity_uuid"
        " WHERE entity_uuid IN {in} AND acked_at IS NULL ORDER BY seq"
    )
    for seq, uuid in rows_in(s, sql, uuids):
        out[uuid].append(seq)
    return out


class _Loaded:
    """A record's row read straight from the database driver (no ORM, no SQLAlchemy result
    processing: a push reads every record once), shaped as ``records.change_for`` reads a record."""

    __slots__ = ("_row", "__entity__")

    def __init__(self, entity: str, row: tuple[Any, ...]) -> None:
        self.__entity__, self._row = entity, row

    def __getattr__(self, name: str) -> Any:  # noqa: ANN401
        return self._row[_columns(self.__entity__)[name]]

    def change(self, refs: RefResolver) -> RecordChange:
        """``records.change_for`` of this row, read by position; the values are the driver's (text
        for dates, JSON text, 0/1), turned into what the ORM's types would have given, as wire values."""
        row = self._row
        data: dict[str, Any] = {}
        plain = True  # no float json.dumps spells with an exponent, so orjson may write the canonical bytes
        for name, i, how, ref in _row_plan(self.__entity__):
            value = row[i]
            if how == _AS_IS or value is None:
                data[name] = value
            elif how == _REF:
                data[name] = refs.uuid_of(ref, value)
            elif how == _JSON:
                plain = plain and not _exponent_float(value)
                data[name] = json.loads(value)
            elif how == _FLOAT:
                plain = plain and (value == 0 or 1e-4 <= abs(value) < 1e16)
                data[name] = value
            elif how == _DATETIME:
                data[name] = _datetime_text(value)
            elif how == _DATE:
                data[name] = value if len(value) == 10 else date.fromisoformat(value[:10]).isoformat()
            else:
                data[name] = bool(value)
        names = _columns(self.__entity__)
        op = "delete" if row[names["deleted_at"]] is not None else "upsert"
        return RecordChange.make(
            self.__entity__,
            row[names["uuid"]],
            row[names["revision"]],
            row[names["synced_revision"]],
            op,
            data,
            canonical_json_plain(data) if plain else canonical_json(data),
        )


#: A float as ``json.dumps`` spells it with an exponent ("1e-05", "2.5e+16"), its number ending there.
_EXPONENT = re.compile(r"e[-+]\d+(?:[,}\]\s]|$)")


def _exponent_float(stored: str) -> bool:
    """Whether JSON text stored by ``json.dumps`` (SQLAlchemy's JSON type) may hold a float spelled with
    an exponent, NaN or Infinity: one ``canonical_json_plain`` would spell otherwise (a text that
    merely looks so only takes the slower road)."""
    return "NaN" in stored or "Infinity" in stored or _EXPONENT.search(stored) is not None


def _datetime_text(value: str) -> str:
    """A stored date-time (SQLAlchemy writes ``2026-11-30 03:40:00.123456``) as the wire's ISO text."""
    if len(value) == 26 and value[10] == " ":
        return value[:10] + "T" + value[11:]
    return datetime.fromisoformat(value).replace(tzinfo=None).isoformat(timespec="microseconds")


_AS_IS, _REF, _DATE, _DATETIME, _JSON, _BOOL, _FLOAT = range(7)


@cache
def _columns(entity: str) -> dict[str, int]:
    """*entity*'s columns by name → position in ``_select_sql``'s rows."""
    return {name: i for i, name in enumerate(entity_table(entity).c.keys())}


@cache
def _row_plan(entity: str) -> tuple[tuple[str, int, int, str], ...]:
    """Per wire field of *entity*: its name, its column's position, how its stored value travels
    (as is, as a parent's UUID, as ISO date or date-time text, as JSON, as true/false) and the parent."""
    table, columns = entity_table(entity), _columns(entity)
    how = {"ref": _REF, "date": _DATE, "datetime": _DATETIME}
    plan = []
    for spec in fields_of(entity):
        column = table.c[column_for(spec)]
        kind = how.get(spec.kind, _AS_IS)
        if isinstance(column.type, JSON):
            kind = _JSON
        elif isinstance(column.type, Boolean):
            kind = _BOOL
        elif isinstance(column.type, Float):
            kind = _FLOAT
        elif kind == _AS_IS and not isinstance(column.type, String | Integer):
            raise TypeError(f"{entity}.{column.name}: no wire form for {column.type!r}")
        plan.append((spec.name, columns[column.name], kind, spec.ref or ""))
    return tuple(plan)


@cache
def _select_sql(entity: str, n: int) -> str:
    names = ", ".join(f'"{name}"' for name in entity_table(entity).c.keys())
    return f'SELECT {names} FROM "{entity_table(entity).name}" WHERE uuid IN ({", ".join("?" * n)})'


def _load_rows(s: Session, entity: str, uuids: list[str]) -> dict[str, _Loaded]:
    driver: Any = s.connection().connection.driver_connection  # the session's, in its transaction
    at = _columns(entity)["uuid"]
    out: dict[str, _Loaded] = {}
    for i in range(0, len(uuids), 500):
        part = uuids[i : i + 500]
        for row in driver.execute(_select_sql(entity, len(part)), part).fetchall():
            out[row[at]] = _Loaded(entity, row)
    return out


class _ChunkRefs(KeyedRefs):
    """The parents' UUIDs of one chunk of records, fetched for that chunk by id — a ``RefResolver``
    loads whole tables, which per batch made a push's cost grow with the square of the records."""

    def prefetch(self, rows: list[_Loaded]) -> None:
        self._uuid_of.clear()
        self._id_of.clear()
        self._absent.clear()
        wanted: dict[str, set[int]] = defaultdict(set)
        for row in rows:
            for spec in fields_of(row.__entity__):
                if spec.kind == "ref" and (value := getattr(row, column_for(spec))) is not None:
                    wanted[spec.ref or ""].add(value)
        for entity, ids in wanted.items():
            self.prefetch_ids(entity, ids)


class _Emitted:
    """The records already written into a sync file: every record the walk has passed, but those
    left out (stale or held) — the walk's own set of UUIDs, not a second one as large."""

    def __init__(self, pending: _Pending) -> None:
        self.pending = pending
        self.left_out: set[str] = set()

    def add(self, uuid: str) -> None:
        pass

    def discard(self, uuid: str) -> None:
        self.left_out.add(uuid)

    def __contains__(self, uuid: object) -> bool:
        return uuid in self.pending.seen and uuid not in self.left_out


class _Freezer:
    """Turns pending outbox rows into ``RecordChange``s, chunk by chunk: stale rows (the record was
    acknowledged meanwhile, or is gone) are noted to be closed, a record whose parent the server does
    not have is noted to be held (``waiting``), the others come out with their outbox rows. Nothing is
    written until ``write_notes``: a batch can be gathered ahead, while the one before is in flight."""

    def __init__(self, s: Session, skip: set[str], in_batch: set[str] | _Emitted) -> None:
        self.s = s
        self.pending = _Pending(s, skip)
        self.refs = _ChunkRefs(s)
        self.in_batch = in_batch
        self.stale: list[int] = []
        self.held: list[dict[str, Any]] = []

    def next_chunk(self, n: int) -> tuple[list[RecordChange], dict[str, list[int]]] | None:
        """Up to *n* outbox records turned into changes (fewer when some are stale or held); None at the end."""
        chunk = self.pending.take(n)
        if not chunk:
            return None
        seqs = _pending_seqs(self.s, [u for _e, u in chunk])
        by_entity: dict[str, list[str]] = defaultdict(list)
        for entity, uuid in chunk:
            by_entity[entity].append(uuid)
        loaded: dict[str, _Loaded] = {}
        for entity, uuids in by_entity.items():
            loaded.update(_load_rows(self.s, entity, uuids))
        self.refs.prefetch([r for r in loaded.values() if r.revision > r.synced_revision])
        changes: dict[str, RecordChange] = {}
        for _entity, uuid in chunk:
            obj = loaded.get(uuid)
            if obj is None or obj.revision <= obj.synced_revision:  # already acknowledged (or vanished)
                self.stale.extend(seqs.get(uuid, []))
                self.in_batch.discard(uuid)
            else:
                changes[uuid] = obj.change(self.refs)
        on_server = _parents_on_server(self.s, list(changes.values()), self.in_batch)
        records: list[RecordChange] = []
        for entity, uuid in chunk:
            change = changes.get(uuid)
            if change is None:
                continue
            spec = parent_ref(entity)
            parent = change.data.get(spec.name) if spec else None
            if spec and parent not in self.in_batch and parent not in on_server:
                self.held.append({"b_uuid": uuid, "note": _waiting_note(spec.name, spec.ref or "", str(parent))})
                self.in_batch.discard(uuid)
                continue
            records.append(change)
            self.in_batch.add(uuid)
        return records, {r.uuid: seqs[r.uuid] for r in records}


def write_notes(s: Session, stale: list[int], held: list[dict[str, Any]]) -> None:
    """Close the stale outbox rows a walk found and mark the records it held as ``waiting``."""
    if stale:
        close_rows(s, stale, utcnow(), "duplicate")
    if held:
        s.connection().execute(
            update(OUTBOX_TABLE)
            .where(OutboxEntry.entity_uuid == bindparam("b_uuid"), OutboxEntry.acked_at.is_(None))
            .values(outcome=WAITING, last_error=bindparam("note")),
            held,
        )


def _skipped(s: Session) -> set[str]:
    """Records not to send now: an open conflict of versions, or answered "waiting" in this run."""
    return blocking_uuids(s) | set(get_json(s, "held", {}))


@dataclass
class Gathered:
    """The next batch as read, not yet written down (``commit`` does): its records, their outbox rows,
    the stale rows and held records the walk found, and the batch it was gathered behind."""

    records: list[RecordChange]
    seqs: dict[str, list[int]]
    stale: list[int]
    held: list[dict[str, Any]]
    behind: str | None = None  # the batch id in flight while it was gathered


def gather(
    s: Session, max_records: int, in_flight: Batch | None = None, answered: Sequence[Batch] = ()
) -> Gathered:
    """The next pending changes (parents first, each record once, as it is now), at most
    *max_records*, read without writing anything. *in_flight*: a batch being sent meanwhile;
    *answered*: batches answered whose answers are not written down yet. Their records are left out
    (one edited meanwhile goes out in a later batch, based on the answer), and count as present for
    their children (were one refused, the server answers "waiting" for the child, and the child is
    held then)."""
    flying = {r.uuid for b in (in_flight, *answered) if b is not None for r in b.records}
    with s.no_autoflush:
        freezer = _Freezer(s, _skipped(s) | flying, set(flying))
        records: list[RecordChange] = []
        seqs_by_uuid: dict[str, list[int]] = {}
        while len(records) < max_records:
            found = freezer.next_chunk(max_records - len(records))
            if found is None:
                break
            records += found[0]
            seqs_by_uuid.update(found[1])
    for record in records:
        record.wire_json()  # encoded here, on the gathering thread, not when the batch is written down
    behind = in_flight.batch_id if in_flight else None
    return Gathered(records, seqs_by_uuid, freezer.stale, freezer.held, behind)


def commit(s: Session, gathered: Gathered) -> tuple[Batch, dict[str, list[int]], str] | None:
    """Write a gathered batch down as the frozen push batch (resent unchanged after an interruption):
    the batch, its outbox rows by record and the stored state text; None when nothing is to be sent."""
    write_notes(s, gathered.stale, gathered.held)
    records, seqs_by_uuid = gathered.records, gathered.seqs
    if not records:
        set_state(s, "push_batch", None)
        return None
    batch = Batch(str(uuid_mod.uuid4()), records)
    new_seqs = [q for r in records for q in seqs_by_uuid[r.uuid]]
    run_in(s, "UPDATE outbox SET batch_id = ? WHERE seq IN {in}", new_seqs, batch.batch_id)
    state = batch_to_state(batch, seqs_by_uuid)
    set_state(s, "push_batch", state)
    remember_batch(s, batch.batch_id)
    return batch, seqs_by_uuid, state


def freeze(
    s: Session, max_records: int, answered: Sequence[Batch] = ()
) -> tuple[Batch, dict[str, list[int]], str] | None:
    """``gather`` and ``commit`` in one go (*answered*: as for ``gather``)."""
    return commit(s, gather(s, max_records, None, answered))


def stream_pending(s: Session, chunk: int = 500) -> Iterator[list[RecordChange]]:
    """Every pending change (parents first, each record once), *chunk* at a time, for a sync file;
    nothing is stored as sent. Memory stays bounded by the chunk and one set of UUIDs, not the outbox."""
    with s.no_autoflush:
        freezer = _Freezer(s, blocking_uuids(s), set())
        freezer.in_batch = _Emitted(freezer.pending)
        while (found := freezer.next_chunk(chunk)) is not None:
            write_notes(s, freezer.stale, freezer.held)
            freezer.stale, freezer.held = [], []
            if found[0]:
                yield found[0]
            s.expunge_all()  # the records of this chunk are written out: let them go


def _parents_on_server(s: Session, changes: list[RecordChange], in_batch: set[str] | _Emitted) -> set[str]:
    """Of the parents these changes name (outside the batch), those the server has a version of."""
    wanted: dict[str, set[str]] = defaultdict(set)
    for c in changes:
        spec = parent_ref(c.entity)
        parent = c.data.get(spec.name) if spec else None
        if spec and isinstance(parent, str) and parent not in in_batch:
            wanted[spec.ref or ""].add(parent)
    found: set[str] = set()
    for entity, uuids in wanted.items():
        sql = f'SELECT uuid FROM "{entity_table(entity).name}" WHERE uuid IN {{in}} AND synced_revision > 0'
        found.update(uuid for (uuid,) in rows_in(s, sql, sorted(uuids)))
    return found


