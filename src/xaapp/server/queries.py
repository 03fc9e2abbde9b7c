"""Reading the central database: pull pages by cursor, per-commune summaries, province statistics.

The pull cursor is ``"<record seq>.<reference seq>"``: the commune's change counter and the
reference-data counter, both taken from committed rows before the page is read, so a page never
skips a change that commits later (see ``schema``). Reference data comes first, then records in
seq order. A device's own accepted changes are not sent back to it (on a 64 kbit/s link that would
double every sync), unless it asks (``own``): a device restoring onto an empty database does, and so
does a laptop that finds it was restored from a backup (``device_state``: the server names the batch
it last stored from this device; a laptop that never froze that batch is older than its own data).
Pages hold at most ``limit`` items and ``max_bytes`` bytes, both chosen by the device to suit its link;
an item larger than ``max_bytes`` travels as a stub whose content is fetched in ranges (``item_content``).
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, and_, func, select

from xaapp.server.schema import (
    commune_state,
    conflict,
    counter,
    device,
    record,
    record_version,
    reference_item,
    rejection,
    sync_file,
)
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


#: What a stub (an item whose content is fetched separately) costs in a page, roughly.
STUB_BYTES = 200
MAX_PAGE_BYTES = 512_000


class _Page:
    """Fills one page: at most *limit* items and about *max_bytes* of content; an item larger than
    *max_bytes* goes in as a stub (the device fetches it in ranges), so any item fits some page."""

    def __init__(self, limit: int, max_bytes: int) -> None:
        self.limit, self.max_bytes = limit, max_bytes
        self.count = self.used = 0

    def take(self, size: int) -> bool | None:
        """None: the page is full; otherwise whether the item goes in whole (True) or as a stub."""
        if self.count >= self.limit:
            return None
        whole = size <= self.max_bytes
        cost = size if whole else STUB_BYTES
        if self.count and self.used + cost > self.max_bytes:
            return None
        self.count += 1
        self.used += cost
        return whole


def pull(
    conn: Connection,
    commune_code: str,
    device_id: str,
    cursor: str,
    limit: int,
    include_own: bool = False,
    max_bytes: int = MAX_PAGE_BYTES,
) -> PullPage:
    """One page: at most *limit* items and about *max_bytes* of content (a weak link needs small pages)."""
    rec_seq, ref_seq, restoring = parse_cursor(cursor)
    include_own = include_own or restoring
    o = ".o" if include_own else ""
    page = _Page(max(1, limit), max(1, min(max_bytes, MAX_PAGE_BYTES)))
    ref_top = int(conn.scalar(select(counter.c.value).where(counter.c.name == "reference")) or 0)
    rec_top = int(
        conn.scalar(select(commune_state.c.last_seq).where(commune_state.c.commune_code == commune_code)) or 0
    )
    refs_q = (
        select(reference_item)
        .where(reference_item.c.seq > ref_seq, reference_item.c.seq <= ref_top)
        .order_by(reference_item.c.seq)
        .limit(page.limit + 1)
    )
    reference: list[ReferenceItem] = []
    last_ref = ref_seq
    for r in conn.execute(refs_q):
        size = len(r.content.encode("utf-8"))  # bytes, as /v1/item serves them (not characters)
        whole = page.take(size)
        if whole is None:
            return PullPage([], reference, f"{rec_seq}.{last_ref}{o}", True)
        content = json.loads(r.content) if whole else None
        reference.append(ReferenceItem(r.kind, r.key, r.hash, content, 0 if whole else size))
        last_ref = r.seq
    if page.count >= page.limit:
        return PullPage([], reference, f"{rec_seq}.{ref_top}{o}", True)
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
    room = page.limit - page.count
    records: list[ServerRecord] = []
    last_rec = rec_seq
    for r in conn.execute(select(*cols).where(and_(*cond)).order_by(record.c.seq).limit(room + 1)):
        size = len(r.data.encode("utf-8"))
        whole = page.take(size)
        if whole is None:
            return PullPage(records, reference, f"{last_rec}.{ref_top}{o}", True)
        data = json.loads(r.data) if whole else None
        records.append(
            ServerRecord(r.entity, r.uuid, r.revision, r.op, data, r.hash, 0 if whole else size)
        )
        last_rec = r.seq
    return PullPage(
        records, reference, f"{rec_top}.{ref_top}", False, open_conflicts(conn, commune_code, device_id)
    )


def item_content(
    conn: Connection,
    commune_code: str,
    *,
    uuid: str = "",
    revision: int = 0,
    kind: str = "",
    key: str = "",
    hash: str = "",
) -> bytes | None:
    """The bytes a stub stands for: a record version of this commune (``uuid`` + ``revision``) or a
    reference item (``kind`` + ``key``, still at ``hash``). None when there is no such thing (any more)."""
    if uuid:
        q = (
            select(record_version.c.data)
            .join(record, record.c.uuid == record_version.c.uuid)
            .where(
                record_version.c.uuid == uuid,
                record_version.c.revision == revision,
                record.c.commune_code == commune_code,
            )
        )
        found = conn.scalar(q)
    else:
        found = conn.scalar(
            select(reference_item.c.content).where(
                reference_item.c.kind == kind, reference_item.c.key == key, reference_item.c.hash == hash
            )
        )
    return found.encode("utf-8") if found is not None else None


def device_state(conn: Connection, device_id: str, awaiting_files: list[int]) -> dict[str, Any]:
    """For the handshake: the batch this device's records last came in (a laptop that does not know
    it was restored from a backup), and the receipts of the sync files it still waits for."""
    last = conn.scalar(
        select(record_version.c.batch_id)
        .where(record_version.c.device_id == device_id)
        .order_by(record_version.c.received_at.desc(), record_version.c.batch_id.desc())
        .limit(1)
    )
    last_file = conn.scalar(select(func.max(sync_file.c.file_seq)).where(sync_file.c.device_id == device_id))
    receipts: list[Any] = []
    wanted = sorted({int(n) for n in awaiting_files})[:1000]
    if wanted:
        q = select(sync_file.c.receipt).where(
            sync_file.c.device_id == device_id,
            sync_file.c.file_seq.in_(wanted),
            sync_file.c.receipt.is_not(None),
        )
        receipts = [json.loads(text) for text in conn.scalars(q)]
    return {"last_batch_id": last, "last_file_seq": int(last_file or 0), "file_receipts": receipts}


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
