"""Storing pushed records exactly once: duplicate, conflict, accepted or rejected, per record.

Used by ``POST /v1/push`` and by ``xaapp server import`` (sync files), so both paths are equally
idempotent. One call = one transaction of the caller. Rules, for a record (uuid, revision, base, hash):

1. the UUID belongs to another commune (or another entity)          → rejected, nothing revealed
2. (uuid, revision) already stored: same hash → duplicate; else     → conflict
3. a field fails validation, or the parent is in another commune    → rejected (field, reason)
4. the parent is not on the server (yet)                             → waiting: nothing stored; the
   device holds the record and sends it again once its parent is accepted (a parent rejected for a
   bad personal ID no longer orphans its children)
5. the server holds a revision newer than the record's base          → conflict (server version sent
   back), unless every version since that base came from this same device: a device's own revisions
   are a line, so its newer revision follows on (accepted) and an older one is already superseded
   (duplicate) — two sync files imported in either order, or a file and a push, never conflict with
   each other
6. otherwise                                                         → accepted: current version replaced,
   history row added, the commune's change counter (the pull cursor) advanced.

A household accepted with the code of another live household of the same village (typed on two
laptops) is answered with that household (``duplicate``), so its officer settles which is right.

The commune's ``commune_state`` row is locked first (``UPDATE``), so two pushes for one commune
never interleave and seq values commit in order, on SQLite and on PostgreSQL alike.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, String, bindparam, func, literal_column, select, true, update
from sqlalchemy.dialects.postgresql import ARRAY

from xaapp.server import planner_stats
from xaapp.server.bulk import insert_rows, one_of
from xaapp.server.schema import commune_state, conflict, record, record_version, rejection
from xaapp.server.validation import validate
from xaapp.sync.entities import ENTITY_FIELDS, parent_ref
from xaapp.sync.protocol import (
    RecordChange,
    RecordResult,
    ServerRecord,
)


@dataclass(frozen=True)
class Writer:
    device_id: str
    commune_code: str


@dataclass(slots=True)
class _Current:
    entity: str
    commune_code: str
    revision: int
    hash: str
    op: str
    data: str  # JSON text
    device_id: str = ""

    def server_record(self, uuid: str) -> ServerRecord:
        return ServerRecord(self.entity, uuid, self.revision, self.op, json.loads(self.data), self.hash)


WAITING = "waiting for its parent record"
#: Each entity's parent field (None for a village), looked up once per record, twice.
_PARENT = {entity: parent_ref(entity) for entity in ENTITY_FIELDS}
#: Column order of the rows ``ingest`` writes (``bulk.insert_rows``).
RECORD_COLUMNS = ("uuid", "entity", "commune_code", "revision", "hash", "op", "data", "seq", "device_id", "received_at")
VERSION_COLUMNS = ("uuid", "revision", "hash", "op", "data", "device_id", "batch_id", "received_at")


def lock_commune(conn: Connection, commune_code: str) -> int:
    """Take the commune's write lock (row lock until commit) and return its last seq."""
    result = conn.execute(
        update(commune_state)
        .where(commune_state.c.commune_code == commune_code)
        .values(last_seq=commune_state.c.last_seq)
    )
    if result.rowcount == 0:
        conn.execute(commune_state.insert().values(commune_code=commune_code, last_seq=0))
    return int(
        conn.execute(
            select(commune_state.c.last_seq).where(commune_state.c.commune_code == commune_code)
        ).scalar_one()
    )


def _chunks(items: list[Any], n: int = 500) -> list[list[Any]]:
    return [items[i : i + n] for i in range(0, len(items), n)]


def _load_current(conn: Connection, uuids: list[str]) -> dict[str, _Current]:
    out: dict[str, _Current] = {}
    cols = (
        record.c.uuid,
        record.c.entity,
        record.c.commune_code,
        record.c.revision,
        record.c.hash,
        record.c.op,
        record.c.data,
        record.c.device_id,
    )
    for part in _chunks(uuids):
        for uuid, entity, commune, revision, hash_, op, data, device in conn.execute(
            select(*cols).where(one_of(conn, record.c.uuid, part))
        ):
            out[uuid] = _Current(entity, commune, revision, hash_, op, data, device)
    return out


def _only_own_since(conn: Connection, uuid: str, base_revision: int, device_id: str) -> bool:
    """Whether every version of *uuid* after *base_revision* was written by *device_id*."""
    other = conn.scalar(
        select(record_version.c.revision)
        .where(
            record_version.c.uuid == uuid,
            record_version.c.revision > base_revision,
            record_version.c.device_id != device_id,
        )
        .limit(1)
    )
    return other is None


def _load_versions(conn: Connection, keys: list[tuple[str, int]]) -> dict[tuple[str, int], str]:
    """Hashes of the stored versions among *keys*. Looked up by uuid (the primary key's first column;
    a row-value ``IN`` list made SQLite scan the whole table), then narrowed to the revisions asked."""
    wanted = set(keys)
    out: dict[tuple[str, int], str] = {}
    for part in _chunks(sorted({u for u, _r in keys})):
        q = select(record_version.c.uuid, record_version.c.revision, record_version.c.hash).where(
            one_of(conn, record_version.c.uuid, part)
        )
        for uuid, revision, hash_ in conn.execute(q):
            if (uuid, revision) in wanted:
                out[(uuid, revision)] = hash_
    return out


def ingest(
    conn: Connection, writer: Writer, batch_id: str, changes: list[RecordChange], now: datetime
) -> list[RecordResult]:
    seq = lock_commune(conn, writer.commune_code)
    planner_stats.before_batch(conn, len(changes))  # fresh statistics for this batch's lookups
    uuids = list(dict.fromkeys(c.uuid for c in changes))
    parent_uuids = []
    for c in changes:
        spec = _PARENT.get(c.entity)
        if spec and isinstance(c.data.get(spec.name), str):
            parent_uuids.append(c.data[spec.name])
    current = _load_current(conn, list(dict.fromkeys(uuids + parent_uuids)))
    versions = _load_versions(conn, [(c.uuid, c.revision) for c in changes])

    results: list[RecordResult] = []
    inserts: dict[str, tuple[Any, ...]] = {}  # new records by uuid (a later revision in the batch replaces)
    updates: list[dict[str, Any]] = []
    history: list[tuple[Any, ...]] = []
    conflicts: list[dict[str, Any]] = []
    rejections: list[dict[str, Any]] = []
    commune, device, batch = writer.commune_code, writer.device_id, batch_id[:64]

    def reject(c: RecordChange, field: str, reason: str) -> None:
        results.append(RecordResult(c.uuid, c.revision, "rejected", field=field, reason=reason))
        rejections.append(
            {
                "uuid": c.uuid[:36],
                "entity": c.entity[:30],
                "commune_code": writer.commune_code,
                "revision": c.revision,
                "field": field[:60],
                "reason": reason,
                "device_id": writer.device_id,
                "received_at": now,
            }
        )

    def conflicting(c: RecordChange, mine: _Current) -> None:
        results.append(RecordResult(c.uuid, c.revision, "conflict", server=mine.server_record(c.uuid)))
        conflicts.append(
            {
                "uuid": c.uuid,
                "entity": c.entity,
                "commune_code": writer.commune_code,
                "revision": c.revision,
                "base_revision": c.base_revision,
                "hash": c.hash,
                "data": c.data_json.decode(),
                "server_revision": mine.revision,
                "device_id": writer.device_id,
                "received_at": now,
            }
        )

    for c in changes:
        mine = current.get(c.uuid)
        if mine is not None and mine.commune_code != writer.commune_code:
            reject(c, "uuid", "unknown record, or not one of this device's commune")
            continue
        if mine is not None and mine.entity != c.entity:
            reject(c, "entity", f"uuid already used by a {mine.entity}")
            continue
        stored_hash = versions.get((c.uuid, c.revision))
        if stored_hash is not None and mine is not None:
            if stored_hash == c.hash:
                results.append(RecordResult(c.uuid, c.revision, "duplicate"))
            else:
                conflicting(c, mine)
            continue
        problem = validate(c)
        if problem is None:
            problem = _ownership(c, writer, current)
        if problem is not None and problem[1] == WAITING:
            results.append(RecordResult(c.uuid, c.revision, "waiting", field=problem[0], reason=WAITING))
            continue
        if problem is not None:
            reject(c, *problem)
            continue
        if mine is not None and c.base_revision < mine.revision:
            own_line = mine.device_id == writer.device_id and _only_own_since(
                conn, c.uuid, c.base_revision, writer.device_id
            )
            if not own_line:
                conflicting(c, mine)
                continue
            if c.revision < mine.revision:  # an older revision of our own, already superseded
                results.append(RecordResult(c.uuid, c.revision, "duplicate"))
                continue
        seq += 1
        data_text = c.data_json.decode()  # the bytes the hash was checked on
        if c.uuid in inserts or mine is None:  # new to the server (perhaps a second revision in this batch)
            inserts[c.uuid] = (c.uuid, c.entity, commune, c.revision, c.hash, c.op, data_text, seq, device, now)
        else:
            updates.append(
                {
                    "b_uuid": c.uuid,
                    "entity": c.entity,
                    "commune_code": commune,
                    "revision": c.revision,
                    "hash": c.hash,
                    "op": c.op,
                    "data": data_text,
                    "seq": seq,
                    "device_id": device,
                    "received_at": now,
                }
            )
        history.append((c.uuid, c.revision, c.hash, c.op, data_text, device, batch, now))
        current[c.uuid] = _Current(c.entity, commune, c.revision, c.hash, c.op, data_text)
        versions[(c.uuid, c.revision)] = c.hash
        results.append(RecordResult(c.uuid, c.revision, "accepted"))

    _flag_duplicate_codes(conn, writer.commune_code, changes, results, current)
    insert_rows(conn, record, RECORD_COLUMNS, list(inserts.values()))
    if updates:
        stmt = update(record).where(record.c.uuid == bindparam("b_uuid"))
        conn.execute(stmt, updates)
    insert_rows(conn, record_version, VERSION_COLUMNS, history)
    if conflicts:
        conn.execute(conflict.insert(), conflicts)
    if rejections:
        conn.execute(rejection.insert(), rejections)
    conn.execute(
        update(commune_state).where(commune_state.c.commune_code == writer.commune_code).values(last_seq=seq)
    )
    return results


def _ownership(c: RecordChange, writer: Writer, current: dict[str, _Current]) -> tuple[str, str] | None:
    """A device writes only into its own commune: villages name it, others hang under its records."""
    if c.entity == "village":
        if c.data.get("commune_code") != writer.commune_code:
            return ("commune_code", "not this device's commune")
        return None
    spec = _PARENT[c.entity]
    if spec is None:
        return None
    parent = current.get(c.data[spec.name])
    if parent is None:
        return (spec.name, WAITING)
    if parent.commune_code != writer.commune_code:
        # Answered exactly as a parent not stored yet: the answer must not tell that the UUID exists elsewhere.
        return (spec.name, WAITING)
    if parent.entity != spec.ref:
        return (spec.name, f"must name a {spec.ref}")
    return None


def _village_and_code(conn: Connection) -> tuple[Any, Any]:
    """SQL for a household's ``village_uuid`` and ``code`` fields, read from its JSON text: written out
    literally, exactly as the expression index ``ix_record_household_village_code`` (Alembic revision
    ``0009``) has them, so the lookup reads only the households of those villages with those codes."""
    if conn.dialect.name == "postgresql":
        return (
            literal_column("(CAST(record.data AS JSON) ->> 'village_uuid')"),
            literal_column("(CAST(record.data AS JSON) ->> 'code')"),
        )
    return literal_column("json_extract(record.data, '$.village_uuid')"), literal_column(
        "json_extract(record.data, '$.code')"
    )


def _stored_households(conn: Connection, commune_code: str, keys: list[tuple[str, str]]) -> Iterator[Any]:
    """The commune's live households stored under any of *keys* (village UUID, code), as rows of (uuid,
    revision, op, data, hash, village, code), read through ``ix_record_household_village_code``."""
    village_of, code_of = _village_and_code(conn)
    cols = (record.c.uuid, record.c.revision, record.c.op, record.c.data, record.c.hash, village_of, code_of)
    live = (
        record.c.commune_code == commune_code,
        record.c.entity == literal_column("'household'"),  # literal: the partial index's condition
        record.c.op == "upsert",
    )
    if conn.dialect.name == "postgresql":
        # Each key looked up on its own, below an OFFSET 0 fence: PostgreSQL's planner thinks reading a
        # JSON field costs nothing, so for village IN (...) AND code IN (...) it estimated every code in
        # every village of the batch (5,000 rows), and scanned the table, decoding each household (150 ms
        # a batch at 40,000 records, growing with the commune). A parameterized lookup per key has one plan.
        k = func.unnest(
            bindparam(None, [v for v, _c in keys], type_=ARRAY(String), unique=True),
            bindparam(None, [c for _v, c in keys], type_=ARRAY(String), unique=True),
        ).table_valued("village", "code").render_derived(name="k")
        labelled = (*cols[:5], village_of.label("village"), code_of.label("code"))
        one = (
            select(*labelled)
            .where(*live, village_of == k.c.village, code_of == k.c.code)
            .offset(literal_column("0"))
            .lateral("r")
        )
        yield from conn.execute(select(one).select_from(k).join(one, true()))
        return
    villages = sorted({v for v, _c in keys})
    for codes in _chunks(sorted({c for _v, c in keys})):
        q = select(*cols).where(*live, village_of.in_(villages), code_of.in_(codes))  # a batch's: a few villages
        yield from conn.execute(q)


def _flag_duplicate_codes(
    conn: Connection,
    commune_code: str,
    changes: list[RecordChange],
    results: list[RecordResult],
    current: dict[str, _Current],
) -> None:
    """Answer each accepted live household that shares its village and code with another live household
    (two laptops typed the same household) with that other household, so its officer is asked."""
    fresh = [
        (i, c)
        for i, (c, r) in enumerate(zip(changes, results, strict=True))
        if c.entity == "household" and r.outcome == "accepted" and c.op == "upsert" and c.data.get("code")
    ]
    if not fresh:
        return
    in_batch = {
        c.uuid
        for c, r in zip(changes, results, strict=True)
        if c.entity == "household" and r.outcome == "accepted"
    }
    by_key: dict[tuple[str, str], list[ServerRecord | str]] = {}  # stored ones, then this batch's uuids
    wanted = {(str(c.data.get("village_uuid")), str(c.data["code"])) for _i, c in fresh}
    for row in _stored_households(conn, commune_code, sorted(wanted)):
        key = (str(row[5]), str(row[6]))
        if row[0] in in_batch or key not in wanted:  # its new version (this batch) counts instead
            continue
        by_key.setdefault(key, []).append(ServerRecord("household", row[0], row[1], row[2], json.loads(row[3]), row[4]))
    for _i, c in fresh:
        key = (str(c.data.get("village_uuid")), str(c.data["code"]))
        by_key.setdefault(key, []).append(c.uuid)  # its answer is made only if another needs it
    for i, c in fresh:
        key = (str(c.data.get("village_uuid")), str(c.data["code"]))
        other = next((x for x in by_key[key] if (x if isinstance(x, str) else x.uuid) != c.uuid), None)
        if other is not None:
            r = results[i]
            dup = current[other].server_record(other) if isinstance(other, str) else other
            results[i] = RecordResult(r.uuid, r.revision, r.outcome, duplicate=dup)
