"""Reading the central database: pull pages by cursor, per-commune summaries, province statistics.

The pull cursor is ``"<record seq>.<reference seq>"``: the commune's change counter and the
reference-data counter, both taken from committed rows before the page is read, so a page never
skips a change that commits later (see ``schema``). Reference data comes first, then records in
seq order. A device's own accepted changes are not sent back to it (on a 64 kbit/s link that would
double every sync), unless it asks (``own``): a device restoring onto an empty database does.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, and_, func, select

from xaapp.server.schema import commune_state, conflict, counter, device, record, reference_item, rejection
from xaapp.sync.protocol import PullPage, ReferenceItem, ServerRecord


class BadCursor(ValueError):
    pass


def parse_cursor(cursor: str) -> tuple[int, int, bool]:
    """(record seq, reference seq, restoring). A restore's cursor ends in ``.o`` until its last page."""
    if not cursor:
        return 0, 0, False
    try:
        parts = cursor.split(".")
        if len(parts) not in (2, 3) or (len(parts) == 3 and parts[2] != "o"):
            raise ValueError(cursor)
        return int(parts[0]), int(parts[1]), len(parts) == 3
    except ValueError as exc:
        raise BadCursor(cursor) from exc


def _fit(sizes: list[int], budget: int) -> int:
    """How many leading items fit in *budget* bytes (always at least one)."""
    used = 0
    for i, size in enumerate(sizes):
        used += size
        if used > budget and i > 0:
            return i
    return len(sizes)


def pull(
    conn: Connection,
    commune_code: str,
    device_id: str,
    cursor: str,
    limit: int,
    include_own: bool = False,
    max_bytes: int = 512_000,
) -> PullPage:
    """One page: at most *limit* items and about *max_bytes* of content (a weak link needs small pages)."""
    rec_seq, ref_seq, restoring = parse_cursor(cursor)
    include_own = include_own or restoring
    o = ".o" if include_own else ""
    ref_top = int(conn.scalar(select(counter.c.value).where(counter.c.name == "reference")) or 0)
    rec_top = int(
        conn.scalar(select(commune_state.c.last_seq).where(commune_state.c.commune_code == commune_code)) or 0
    )
    refs_q = (
        select(reference_item)
        .where(reference_item.c.seq > ref_seq, reference_item.c.seq <= ref_top)
        .order_by(reference_item.c.seq)
        .limit(limit + 1)
    )
    refs = conn.execute(refs_q).all()
    fit = _fit([len(r.content) for r in refs[:limit]], max_bytes)
    if fit < min(len(refs), limit):
        refs, limit = refs[: fit + 1], fit
    reference = [ReferenceItem(r.kind, r.key, r.hash, json.loads(r.content)) for r in refs[:limit]]
    if len(refs) > limit:
        return PullPage([], reference, f"{rec_seq}.{refs[limit - 1].seq}{o}", True)
    new_ref = ref_top
    room = limit - len(reference)
    if room == 0:
        return PullPage([], reference, f"{rec_seq}.{new_ref}{o}", True)
    cond = [record.c.commune_code == commune_code, record.c.seq > rec_seq, record.c.seq <= rec_top]
    if not include_own:
        cond.append(record.c.device_id != device_id)
    cols = (
        record.c.entity,
        record.c.uuid,
        record.c.revision,
        record.c.op,
        record.c.data,
        record.c.hash,
        record.c.seq,
    )
    rows = conn.execute(select(*cols).where(and_(*cond)).order_by(record.c.seq).limit(room + 1)).all()
    budget = max_bytes - sum(len(r.content) for r in refs[:limit])
    fit = (
        _fit([len(r.data) for r in rows[:room]], max(budget, 1))
        if reference
        else _fit([len(r.data) for r in rows[:room]], max_bytes)
    )
    if fit < min(len(rows), room):
        rows, room = rows[: fit + 1], fit
    records = [
        ServerRecord(r.entity, r.uuid, r.revision, r.op, json.loads(r.data), r.hash) for r in rows[:room]
    ]
    if len(rows) > room:
        return PullPage(records, reference, f"{rows[room - 1].seq}.{new_ref}{o}", True)
    return PullPage(
        records, reference, f"{rec_top}.{new_ref}", False, open_conflicts(conn, commune_code, device_id)
    )


def open_conflicts(
    conn: Connection, commune_code: str, device_id: str, limit: int = 1000
) -> list[ServerRecord]:
    """The current server version of each record *device_id* sent in conflict, while the server still
    holds the version it conflicted with (once the device pushes its choice, the record moves on)."""
    q = (
        select(record.c.entity, record.c.uuid, record.c.revision, record.c.op, record.c.data, record.c.hash)
        .join(
            conflict, and_(conflict.c.uuid == record.c.uuid, conflict.c.server_revision == record.c.revision)
        )
        .where(
            conflict.c.device_id == device_id,
            conflict.c.commune_code == commune_code,
            record.c.commune_code == commune_code,
        )
        .distinct()
        .order_by(record.c.uuid)
        .limit(limit)
    )
    return [
        ServerRecord(r.entity, r.uuid, r.revision, r.op, json.loads(r.data), r.hash) for r in conn.execute(q)
    ]


def summary(conn: Connection, commune_code: str) -> dict[str, int]:
    q = (
        select(record.c.entity, func.count())
        .where(record.c.commune_code == commune_code)
        .group_by(record.c.entity)
    )
    return {entity: int(n) for entity, n in conn.execute(q)}


def stats(conn: Connection) -> dict[str, Any]:
    """Records per type and commune (tombstones apart), conflicts, rejections and devices."""
    communes: dict[str, dict[str, Any]] = {}

    def slot(code: str) -> dict[str, Any]:
        return communes.setdefault(
            code,
            {
                "records": {},
                "deleted": {},
                "conflicts": 0,
                "rejections": 0,
                "devices": 0,
                "revoked_devices": 0,
            },
        )

    q = select(record.c.commune_code, record.c.entity, record.c.op, func.count()).group_by(
        record.c.commune_code, record.c.entity, record.c.op
    )
    for code, entity, op, n in conn.execute(q):
        bucket = slot(code)["deleted" if op == "delete" else "records"]
        bucket[entity] = bucket.get(entity, 0) + int(n)
    for table, key in ((conflict, "conflicts"), (rejection, "rejections")):
        for code, n in conn.execute(
            select(table.c.commune_code, func.count()).group_by(table.c.commune_code)
        ):
            slot(code)[key] = int(n)
    dq = select(device.c.commune_code, device.c.revoked_at.is_(None), func.count()).group_by(
        device.c.commune_code, device.c.revoked_at.is_(None)
    )
    for code, active, n in conn.execute(dq):
        slot(code)["devices" if active else "revoked_devices"] += int(n)
    totals: dict[str, int] = {}
    for c in communes.values():
        for entity, n in c["records"].items():
            totals[entity] = totals.get(entity, 0) + n
    refs = {
        k: int(n)
        for k, n in conn.execute(select(reference_item.c.kind, func.count()).group_by(reference_item.c.kind))
    }
    return {
        "communes": dict(sorted(communes.items())),
        "totals": totals,
        "reference": refs,
        "conflicts": sum(c["conflicts"] for c in communes.values()),
        "rejections": sum(c["rejections"] for c in communes.values()),
    }
