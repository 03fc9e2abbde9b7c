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
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from xaapp.domain.clock import utcnow
from xaapp.storage.orm import ENTITY_MODELS, OutboxEntry, Syncable, SyncState
from xaapp.storage.records import RefResolver, change_for, load_by_uuid
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
    return json.dumps(
        {"batch_id": batch.batch_id, "records": [r.to_json() for r in batch.records], "seqs": seqs},
        ensure_ascii=False,
    )


def remember_batch(s: Session, batch_id: str) -> None:
    """Note a batch as made by this database (a restored older copy will not know it)."""
    ids = get_json(s, "sent_batches", [])
    ids.append(batch_id)
    set_json(s, "sent_batches", ids[-SENT_BATCHES_KEPT:])


def _waiting_note(spec_name: str, parent_entity: str, parent_uuid: str) -> str:
    return f"{spec_name}: waiting for {parent_entity} {parent_uuid}"


def freeze(
    s: Session, max_records: int, keep: tuple[Batch, dict[str, list[int]]] | None, *, persist: bool = True
) -> Batch | None:
    """The next pending changes (parents first, each record once, as it is now), at most *max_records*.

    *keep*: an interrupted batch whose records stay unchanged. ``persist``: store it as the frozen
    push batch (resent unchanged after an interruption); a sync file's batch is not stored."""
    kept_records = list(keep[0].records) if keep else []
    seqs_by_uuid: dict[str, list[int]] = dict(keep[1]) if keep else {}
    blocked = blocking_uuids(s)
    answered_waiting = set(get_json(s, "held", {}))
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for seq, entity, uuid in s.execute(
        select(OutboxEntry.seq, OutboxEntry.entity, OutboxEntry.entity_uuid)
        .where(OutboxEntry.acked_at.is_(None))
        .order_by(OutboxEntry.seq)
    ):
        if uuid in seqs_by_uuid or uuid in blocked or uuid in answered_waiting:
            continue
        groups[(entity, uuid)].append(seq)
    order = sorted(groups, key=lambda k: (ENTITY_RANK.get(k[0], 99), groups[k][0]))
    refs = RefResolver(s)
    in_batch = {r.uuid for r in kept_records}
    now = utcnow()
    records: list[RecordChange] = []
    stale: list[int] = []
    held: dict[str, str] = {}
    step = max(50, min(max_records, 2000))
    pos = 0
    while pos < len(order) and len(records) < max_records:
        chunk = order[pos : pos + step]
        pos += step
        loaded: dict[str, Syncable] = {}
        by_entity: dict[str, list[str]] = defaultdict(list)
        for entity, uuid in chunk:
            by_entity[entity].append(uuid)
        for entity, uuids in by_entity.items():
            loaded.update(load_by_uuid(s, entity, uuids))
        changes: dict[str, RecordChange] = {}
        for entity, uuid in chunk:
            obj = loaded.get(uuid)
            if obj is None or obj.revision <= obj.synced_revision:  # already acknowledged (or vanished)
                stale.extend(groups[(entity, uuid)])
            else:
                changes[uuid] = change_for(obj, refs)
        on_server = _parents_on_server(s, [c for c in changes.values()], in_batch)
        for entity, uuid in chunk:
            change = changes.get(uuid)
            if change is None or len(records) >= max_records:
                continue
            spec = parent_ref(entity)
            parent = change.data.get(spec.name) if spec else None
            if spec and parent not in in_batch and parent not in on_server:
                held[uuid] = _waiting_note(spec.name, spec.ref or "", str(parent))
                continue
            records.append(change)
            in_batch.add(uuid)
            seqs_by_uuid[uuid] = groups[(entity, uuid)]
    if stale:
        _close(s, stale, now, "duplicate")
    for uuid, note in held.items():
        s.execute(
            update(OutboxEntry)
            .where(OutboxEntry.entity_uuid == uuid, OutboxEntry.acked_at.is_(None))
            .values(outcome=WAITING, last_error=note)
        )
    if not records and not kept_records:
        if persist:
            set_state(s, "push_batch", None)
        return None
    batch = Batch(keep[0].batch_id if keep else str(uuid_mod.uuid4()), kept_records + records)
    if persist:
        new_seqs = [q for r in records for q in seqs_by_uuid[r.uuid]]
        for i in range(0, len(new_seqs), 500):
            s.execute(
                update(OutboxEntry)
                .where(OutboxEntry.seq.in_(new_seqs[i : i + 500]))
                .values(batch_id=batch.batch_id)
            )
        set_state(s, "push_batch", batch_to_state(batch, seqs_by_uuid))
        if not keep:
            remember_batch(s, batch.batch_id)
    return batch


def _parents_on_server(s: Session, changes: list[RecordChange], in_batch: set[str]) -> set[str]:
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
        s.execute(update(OutboxEntry).where(OutboxEntry.seq.in_(seqs[i : i + 500])).values(**values))


def settle(
    s: Session, entity: str, result: RecordResult, refs: RefResolver, now: Any, *, online: bool = True
) -> None:
    """Write down the server's answer for one record (its outbox rows up to the answered revision).

    *online*: answered in this run's push, so a ``waiting`` record is not sent again in this run."""
    obj = load_by_uuid(s, entity, [result.uuid]).get(result.uuid)
    rows = update(OutboxEntry).where(
        OutboxEntry.entity_uuid == result.uuid,
        OutboxEntry.acked_at.is_(None),
        OutboxEntry.revision <= result.revision,
    )
    outcome = result.outcome
    if outcome in STORED:
        if obj is not None and obj.synced_revision < result.revision <= obj.revision:
            obj.synced_revision = result.revision
        s.execute(rows.values(acked_at=now, outcome=outcome))
        if result.duplicate is not None and obj is not None:
            keep_duplicate_code(s, obj, change_for(obj, refs).to_json(), result.duplicate)
    elif outcome == "conflict":
        if result.server is not None and obj is not None:
            keep_conflict(s, entity, result.uuid, change_for(obj, refs).to_json(), result.server)
        s.execute(rows.values(acked_at=now, outcome=outcome))
    elif outcome == "rejected":
        s.execute(
            rows.values(
                acked_at=now, outcome=outcome, last_error=f"{result.field or ''}: {result.reason or ''}"[:500]
            )
        )
    elif outcome == WAITING:
        note = f"{result.field or ''}: {result.reason or 'waiting for its parent record'}"[:500]
        s.execute(rows.values(outcome=WAITING, last_error=note))
        if online:
            held = get_json(s, "held", {})
            held[result.uuid] = note
            set_json(s, "held", held)
    else:
        raise ValueError(f"unknown outcome {outcome}")
