"""The outbox side of sync: freezing pending changes into batches and settling the server's answers.

One outbox serves both ways out: an online push and a sync file carried on a USB stick. A change
leaves the outbox only when the server has answered for it — in a push answer, or in the receipt of
an imported sync file (``sync.receipts``) — never because it was written into a file.

Answers, per record (its outbox rows up to the answered revision):

* ``accepted`` / ``duplicate``: the server has it; ``synced_revision`` moves up, the rows are closed;
* ``conflict``: a ``SyncConflict`` waits for the officer; the rows are closed (the choice is queued anew);
* ``rejected``: the rows are closed with the field and the reason; sent again after an edit;
* ``waiting``: the server does not have its parent; the rows stay open and marked ``waiting``.

Parents go first, and a record whose parent the server does not have (rejected, or itself waiting)
is *held*: not sent, marked ``waiting``, until the parent is accepted — then it goes out with the
next batch by itself, so a parent rejected for a bad ID and fixed later no longer orphans its children.
"""

from __future__ import annotations

import json
import uuid as uuid_mod
from collections import defaultdict
from collections.abc import Iterator
from functools import cache
from itertools import islice
from typing import Any, cast

from sqlalchemy import Table, bindparam, select, text, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from xaapp.domain.clock import utcnow
from xaapp.storage.orm import ENTITY_MODELS, OutboxEntry, Syncable, SyncState
from xaapp.storage.records import RefResolver, change_for, column_for, fields_of, load_by_uuid
from xaapp.storage.sync_conflicts import blocking_uuids, keep_conflict, keep_duplicate_code
from xaapp.sync.entities import ENTITY_RANK, parent_ref
from xaapp.sync.ports import Batch
from xaapp.sync.protocol import STORED, RecordChange, RecordResult

SENT_BATCHES_KEPT = 500
WAITING = "waiting"


def get_state(s: Session, key: str) -> str | None:
    return s.scalar(select(SyncState.value).where(SyncState.key == key))


def set_state(s: Session, key: str, value: str | None) -> None:
    row = s.get(SyncState, key)
    if value is None:
        if row is not None:
            s.delete(row)
    elif row is None:
        s.add(SyncState(key=key, value=value))
    else:
        row.value = value


def get_json(s: Session, key: str, default: Any) -> Any:
    raw = get_state(s, key)
    return json.loads(raw) if raw else default


def set_json(s: Session, key: str, value: Any) -> None:
    set_state(s, key, json.dumps(value, ensure_ascii=False) if value else None)


def batch_from_state(raw: str | None) -> tuple[Batch, dict[str, list[int]]] | None:
    if not raw:
        return None
    d = json.loads(raw)
    return Batch(d["batch_id"], [RecordChange.from_json(r) for r in d["records"]]), d["seqs"]


def batch_to_state(batch: Batch, seqs: dict[str, list[int]]) -> str:
    """The frozen batch as stored text: each record's kept wire bytes, not encoded again."""
    head = json.dumps(batch.batch_id, ensure_ascii=False).encode("utf-8")
    records = b",".join(r.wire_json() for r in batch.records)
    tail = json.dumps(seqs, separators=(",", ":")).encode("utf-8")
    return (b'{"batch_id":' + head + b',"records":[' + records + b'],"seqs":' + tail + b"}").decode("utf-8")


def remember_batch(s: Session, batch_id: str) -> None:
    """Note a batch as made by this database (a restored older copy will not know it)."""
    ids = get_json(s, "sent_batches", [])
    ids.append(batch_id)
    set_json(s, "sent_batches", ids[-SENT_BATCHES_KEPT:])


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
    for i in range(0, len(uuids), 500):
        for seq, uuid in s.execute(
            select(OutboxEntry.seq, OutboxEntry.entity_uuid)
            .where(OutboxEntry.entity_uuid.in_(uuids[i : i + 500]), OutboxEntry.acked_at.is_(None))
            .order_by(OutboxEntry.seq)
        ):
            out[uuid].append(seq)
    return out


class _Loaded:
    """A record's row read without the ORM (no identity map, no instance state: a push reads every
    record once), shaped as ``records.change_for`` reads a record."""

    __slots__ = ("_row", "__entity__")

    def __init__(self, entity: str, row: Any) -> None:  # noqa: ANN401
        self.__entity__, self._row = entity, row

    def __getattr__(self, name: str) -> Any:  # noqa: ANN401
        return getattr(self._row, name)

    def change(self, refs: RefResolver) -> RecordChange:
        """``records.change_for`` of this row, read by position (a push builds every record once)."""
        row = self._row
        data: dict[str, Any] = {}
        for name, i, how, ref in _row_plan(self.__entity__):
            value = row[i]
            if how == _AS_IS or value is None:
                data[name] = value
            elif how == _REF:
                data[name] = refs.uuid_of(ref, value)
            else:
                data[name] = value.isoformat(timespec="microseconds") if how == _DATETIME else value.isoformat()
        op = "delete" if row.deleted_at is not None else "upsert"
        return RecordChange.make(self.__entity__, row.uuid, row.revision, row.synced_revision, op, data)


def _table(entity: str) -> Table:
    return cast(Table, ENTITY_MODELS[entity].__table__)  # type: ignore[attr-defined]  # a mapped model


_AS_IS, _REF, _DATE, _DATETIME = range(4)


@cache
def _row_plan(entity: str) -> tuple[tuple[str, int, int, str], ...]:
    """Per wire field of *entity*: its name, its column's position in ``select(table)``, how its value
    travels (as is, as a parent's UUID, as ISO date or date-time text) and the parent entity."""
    keys = list(_table(entity).c.keys())
    how = {"ref": _REF, "date": _DATE, "datetime": _DATETIME}
    return tuple(
        (spec.name, keys.index(column_for(spec)), how.get(spec.kind, _AS_IS), spec.ref or "")
        for spec in fields_of(entity)
    )


_OUTBOX = cast(Table, OutboxEntry.__table__)


def _load_rows(s: Session, entity: str, uuids: list[str]) -> dict[str, _Loaded]:
    table = _table(entity)
    out: dict[str, _Loaded] = {}
    for i in range(0, len(uuids), 500):
        for row in s.execute(select(table).where(table.c.uuid.in_(uuids[i : i + 500]))):
            out[row.uuid] = _Loaded(entity, row)
    return out


class _ChunkRefs(RefResolver):
    """The parents' UUIDs of one chunk of records, fetched for that chunk by id — a ``RefResolver``
    loads whole tables, which per batch made a push's cost grow with the square of the records."""

    def _load(self, entity: str) -> None:
        self._uuid_of.setdefault(entity, {})
        self._id_of.setdefault(entity, {})

    def prefetch(self, rows: list[_Loaded]) -> None:
        self._uuid_of.clear()
        self._id_of.clear()
        wanted: dict[str, set[int]] = defaultdict(set)
        for row in rows:
            for spec in fields_of(row.__entity__):
                if spec.kind == "ref" and (value := getattr(row, column_for(spec))) is not None:
                    wanted[spec.ref or ""].add(value)
        for entity, ids in wanted.items():
            model, items = ENTITY_MODELS[entity], sorted(ids)
            for i in range(0, len(items), 500):
                for local_id, uuid in self.session.execute(
                    select(model.id, model.uuid).where(model.id.in_(items[i : i + 500]))
                ):
                    self.remember(entity, local_id, uuid)


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
    acknowledged meanwhile, or is gone) are closed, a record whose parent the server does not have is
    held (``waiting``), the others come out with their outbox rows."""

    def __init__(self, s: Session, skip: set[str], in_batch: set[str] | _Emitted) -> None:
        self.s = s
        self.pending = _Pending(s, skip)
        self.refs = _ChunkRefs(s)
        self.in_batch = in_batch
        self.now = utcnow()

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
        stale: list[int] = []
        for _entity, uuid in chunk:
            obj = loaded.get(uuid)
            if obj is None or obj.revision <= obj.synced_revision:  # already acknowledged (or vanished)
                stale.extend(seqs.get(uuid, []))
                self.in_batch.discard(uuid)
            else:
                changes[uuid] = obj.change(self.refs)
        on_server = _parents_on_server(self.s, list(changes.values()), self.in_batch)
        records: list[RecordChange] = []
        held: list[dict[str, Any]] = []
        for entity, uuid in chunk:
            change = changes.get(uuid)
            if change is None:
                continue
            spec = parent_ref(entity)
            parent = change.data.get(spec.name) if spec else None
            if spec and parent not in self.in_batch and parent not in on_server:
                held.append({"b_uuid": uuid, "note": _waiting_note(spec.name, spec.ref or "", str(parent))})
                self.in_batch.discard(uuid)
                continue
            records.append(change)
            self.in_batch.add(uuid)
        if stale:
            _close(self.s, stale, self.now, "duplicate")
        if held:
            self.s.connection().execute(
                update(_OUTBOX)
                .where(OutboxEntry.entity_uuid == bindparam("b_uuid"), OutboxEntry.acked_at.is_(None))
                .values(outcome=WAITING, last_error=bindparam("note")),
                held,
            )
        return records, {r.uuid: seqs[r.uuid] for r in records}


def _skipped(s: Session) -> set[str]:
    """Records not to send now: an open conflict of versions, or answered "waiting" in this run."""
    return blocking_uuids(s) | set(get_json(s, "held", {}))


def freeze(s: Session, max_records: int) -> tuple[Batch, dict[str, list[int]], str] | None:
    """The next pending changes (parents first, each record once, as it is now), at most *max_records*,
    stored as the frozen push batch (resent unchanged after an interruption): the batch, its outbox
    rows by record and the stored state text."""
    with s.no_autoflush:
        freezer = _Freezer(s, _skipped(s), set())
        records: list[RecordChange] = []
        seqs_by_uuid: dict[str, list[int]] = {}
        while len(records) < max_records:
            found = freezer.next_chunk(max_records - len(records))
            if found is None:
                break
            records += found[0]
            seqs_by_uuid.update(found[1])
    if not records:
        set_state(s, "push_batch", None)
        return None
    batch = Batch(str(uuid_mod.uuid4()), records)
    new_seqs = [q for r in records for q in seqs_by_uuid[r.uuid]]
    for i in range(0, len(new_seqs), 500):
        s.execute(
            update(OutboxEntry)
            .where(OutboxEntry.seq.in_(new_seqs[i : i + 500]))
            .values(batch_id=batch.batch_id)
        )
    state = batch_to_state(batch, seqs_by_uuid)
    set_state(s, "push_batch", state)
    remember_batch(s, batch.batch_id)
    return batch, seqs_by_uuid, state


def stream_pending(s: Session, chunk: int = 500) -> Iterator[list[RecordChange]]:
    """Every pending change (parents first, each record once), *chunk* at a time, for a sync file;
    nothing is stored as sent. Memory stays bounded by the chunk and one set of UUIDs, not the outbox."""
    with s.no_autoflush:
        freezer = _Freezer(s, blocking_uuids(s), set())
        freezer.in_batch = _Emitted(freezer.pending)
        while (found := freezer.next_chunk(chunk)) is not None:
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
        model = ENTITY_MODELS[entity]
        items = sorted(uuids)
        for i in range(0, len(items), 500):
            found.update(
                s.scalars(
                    select(model.uuid).where(model.uuid.in_(items[i : i + 500]), model.synced_revision > 0)
                )
            )
    return found


def _close(s: Session, seqs: list[int], now: Any, outcome: str, error: str | None = None) -> None:
    values: dict[str, Any] = {"acked_at": now, "outcome": outcome}
    if error is not None:
        values["last_error"] = error
    for i in range(0, len(seqs), 500):
        s.execute(
            update(OutboxEntry)
            .where(OutboxEntry.seq.in_(seqs[i : i + 500]), OutboxEntry.acked_at.is_(None))
            .values(**values)
            .execution_options(synchronize_session=False)
        )


def _one(s: Session, entity: str, uuid: str) -> Syncable | None:
    return load_by_uuid(s, entity, [uuid]).get(uuid)


def settle(
    s: Session,
    answers: list[tuple[str, RecordResult]],
    refs: RefResolver,
    now: Any,
    *,
    online: bool = True,
    seqs: dict[str, list[int]] | None = None,
) -> None:
    """Write down the server's answers, (entity, result) each, for their outbox rows up to the answered
    revision: a few set-based statements for the lot, whatever their number.

    *online*: answered in this run's push, so a ``waiting`` record is not sent again in this run.
    *seqs*: the outbox rows each answered record was sent for (a frozen push batch: every row of
    the record up to the sent revision); without them (a sync file's receipt) the rows are found by
    record and revision."""
    with s.no_autoflush:
        by_entity: dict[str, list[str]] = defaultdict(list)
        for entity, res in answers:
            by_entity[entity].append(res.uuid)
        revs: dict[str, Any] = {}
        for entity, uuids in by_entity.items():
            model = ENTITY_MODELS[entity]
            for i in range(0, len(uuids), 500):
                for row in s.execute(
                    select(model.id, model.uuid, model.revision, model.synced_revision).where(
                        model.uuid.in_(uuids[i : i + 500])
                    )
                ):
                    revs[row.uuid] = row
        closed: list[dict[str, Any]] = []
        waiting: list[dict[str, Any]] = []
        synced: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for entity, res in answers:
            rev = revs.get(res.uuid)
            answer = {"b_uuid": res.uuid, "b_rev": res.revision, "outcome": res.outcome, "error": None}
            outcome = res.outcome
            if outcome in STORED:
                if rev is not None and rev.synced_revision < res.revision <= rev.revision:
                    synced[entity].append({"b_id": rev.id, "rev": res.revision})
                obj = _one(s, entity, res.uuid) if res.duplicate is not None and rev is not None else None
                if obj is not None and res.duplicate is not None:
                    if obj.synced_revision < res.revision <= obj.revision:
                        set_committed_value(obj, "synced_revision", res.revision)
                    keep_duplicate_code(s, obj, change_for(obj, refs).to_json(), res.duplicate)
            elif outcome == "conflict":
                obj = _one(s, entity, res.uuid) if res.server is not None and rev is not None else None
                if obj is not None and res.server is not None:
                    keep_conflict(s, entity, res.uuid, change_for(obj, refs).to_json(), res.server)
            elif outcome == "rejected":
                answer["error"] = f"{res.field or ''}: {res.reason or ''}"[:500]
            elif outcome == WAITING:
                answer["error"] = f"{res.field or ''}: {res.reason or 'waiting for its parent record'}"[:500]
                waiting.append(answer)
                continue
            else:
                raise ValueError(f"unknown outcome {outcome}")
            closed.append(answer)
        conn = s.connection()
        for entity, rows in synced.items():
            table = _table(entity)
            conn.execute(
                table.update()
                .where(table.c.id == bindparam("b_id"))
                .values(synced_revision=bindparam("rev")),
                rows,
            )
        outbox = _OUTBOX
        mine = (
            outbox.c.entity_uuid == bindparam("b_uuid"),
            outbox.c.acked_at.is_(None),
            outbox.c.revision <= bindparam("b_rev"),
        )
        plain = [r for r in closed if r["error"] is None]
        noted = [r for r in closed if r["error"] is not None]
        if seqs is not None:  # one statement per outcome, by primary key
            by_outcome: dict[str, list[int]] = defaultdict(list)
            for r in plain:
                by_outcome[r["outcome"]] += seqs.get(r["b_uuid"], [])
            for outcome, outcome_seqs in by_outcome.items():
                _close(s, outcome_seqs, now, outcome)
            plain = []
        if plain:
            conn.execute(
                outbox.update().where(*mine).values(acked_at=now, outcome=bindparam("outcome")), plain
            )
        if noted:
            conn.execute(
                outbox.update()
                .where(*mine)
                .values(acked_at=now, outcome=bindparam("outcome"), last_error=bindparam("error")),
                noted,
            )
        if waiting:
            conn.execute(
                outbox.update().where(*mine).values(outcome=WAITING, last_error=bindparam("error")), waiting
            )
            if online:
                held = get_json(s, "held", {})
                held.update({r["b_uuid"]: r["error"] for r in waiting})
                set_json(s, "held", held)
