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
from collections import defaultdict
from datetime import datetime
from typing import Any, NamedTuple, cast

from sqlalchemy import Table, bindparam, delete, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from xaapp.storage.driver_sql import rows_in, run_in, run_many
from xaapp.storage.orm import ENTITY_MODELS, OutboxEntry, Syncable, SyncState
from xaapp.storage.records import RefResolver, change_for, load_by_uuid
from xaapp.storage.sync_conflicts import keep_conflict, keep_duplicate_code
from xaapp.sync.ports import Batch
from xaapp.sync.protocol import STORED, RecordChange, RecordResult

SENT_BATCHES_KEPT = 500
WAITING = "waiting"


def entity_table(entity: str) -> Table:
    return cast(Table, ENTITY_MODELS[entity].__table__)  # type: ignore[attr-defined]  # a mapped model


OUTBOX_TABLE = cast(Table, OutboxEntry.__table__)


def get_state(s: Session, key: str) -> str | None:
    return s.scalar(select(SyncState.value).where(SyncState.key == key))


def set_state(s: Session, key: str, value: str | None) -> None:
    """Store (or, with None, remove) one bookkeeping value, without reading the old one back (the
    frozen push batch is hundreds of kilobytes)."""
    if value is None:
        s.execute(delete(SyncState).where(SyncState.key == key))
    else:
        s.execute(
            sqlite_insert(SyncState)
            .values(key=key, value=value)
            .on_conflict_do_update(index_elements=[SyncState.key], set_={"value": value})
        )


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


def close_rows(s: Session, seqs: list[int], now: datetime, outcome: str, error: str | None = None) -> None:
    """Close these outbox rows (those still open) with *outcome* (and *error*) at *now*."""
    at = f"{now:%Y-%m-%d %H:%M:%S}.{now.microsecond:06d}"  # as SQLAlchemy stores a date-time in SQLite
    if error is None:
        sql = "UPDATE outbox SET acked_at = ?, outcome = ? WHERE seq IN {in} AND acked_at IS NULL"
        run_in(s, sql, seqs, at, outcome)
    else:
        sql = "UPDATE outbox SET acked_at = ?, outcome = ?, last_error = ? WHERE seq IN {in} AND acked_at IS NULL"
        run_in(s, sql, seqs, at, outcome, error)


class _Revisions(NamedTuple):
    id: int
    uuid: str
    revision: int
    synced_revision: int


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
        revs: dict[str, _Revisions] = {}
        for entity, uuids in by_entity.items():
            sql = f'SELECT id, uuid, revision, synced_revision FROM "{entity_table(entity).name}" WHERE uuid IN {{in}}'
            for row in rows_in(s, sql, uuids):
                revs[row[1]] = _Revisions(*row)
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
        for entity, rows in synced.items():
            sql = f'UPDATE "{entity_table(entity).name}" SET synced_revision = ? WHERE id = ?'
            run_many(s, sql, [(r["rev"], r["b_id"]) for r in rows])
        conn = s.connection()
        outbox = OUTBOX_TABLE
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
                close_rows(s, outcome_seqs, now, outcome)
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
