"""Attached files on the central server: rows of chunks in the database, per commune.

* ``attachment``: one row per (commune, SHA-256): the declared size, the bytes received so far,
  whether it is complete (checked against its hash), which device began it and when.
* ``attachment_chunk``: the bytes, one row per uploaded chunk (``at_byte``, ``data``), in order.

Stored in the database rather than in a folder beside it: the server is stateless and several
instances share one PostgreSQL (a folder would have to be shared between them too), a database
backup then holds the files with the answers that name them, and a chunk and its bookkeeping commit
in one transaction, so an upload cut anywhere leaves either the chunk or nothing. Files are kept per
commune (the same scan sent by two communes is stored twice): a device can only ever learn about,
add to or read files of its own commune, so no answer reveals what another commune holds.

A file is accepted only if a record of the device's commune names it in its answers (``references``:
the current ``record.data`` holds ``"<sha256>/…``, checked by parsing the answers).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Connection,
    DateTime,
    LargeBinary,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    and_,
    delete,
    func,
    select,
    update,
)

from xaapp.server.schema import record
from xaapp.sync.attachments import ANSWER_ENTITIES, AttachmentRef, answer_refs

metadata = MetaData()

attachment = Table(
    "attachment",
    metadata,
    Column("commune_code", String(5), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("size", BigInteger, nullable=False),
    Column("received", BigInteger, nullable=False, default=0),
    Column("complete", Boolean, nullable=False, default=False),
    Column("device_id", String(40), nullable=False),
    Column("started_at", DateTime, nullable=False),
    Column("completed_at", DateTime),
    PrimaryKeyConstraint("commune_code", "sha256"),
)

attachment_chunk = Table(
    "attachment_chunk",
    metadata,
    Column("commune_code", String(5), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("at_byte", BigInteger, nullable=False),
    Column("data", LargeBinary, nullable=False),
    PrimaryKeyConstraint("commune_code", "sha256", "at_byte"),
)


@dataclass(frozen=True)
class Held:
    size: int
    received: int
    complete: bool


def held(conn: Connection, commune: str, sha256: str, lock: bool = False) -> Held | None:
    query = select(attachment.c.size, attachment.c.received, attachment.c.complete).where(
        attachment.c.commune_code == commune, attachment.c.sha256 == sha256
    )
    if lock:
        query = query.with_for_update()
    row = conn.execute(query).first()
    return Held(int(row.size), int(row.received), bool(row.complete)) if row else None


def references(conn: Connection, commune: str, sha256: str, limit: int = 20) -> list[AttachmentRef]:
    """Answers of this commune's records (their current versions) that name the file *sha256*."""
    found: list[AttachmentRef] = []
    rows = conn.execute(
        select(record.c.entity, record.c.uuid, record.c.data)
        .where(
            record.c.commune_code == commune,
            record.c.entity.in_(ANSWER_ENTITIES),  # ix_record_commune_entity: households are not read
            record.c.data.like(f'%"{sha256}/%'),
        )
        .order_by(record.c.uuid)
        .limit(limit)
    )
    for row in rows:
        try:
            data = json.loads(row.data)
        except ValueError:
            continue
        found += [r for r in answer_refs(row.entity, row.uuid, data) if r.sha256 == sha256]
    return found


def begin(conn: Connection, commune: str, sha256: str, size: int, device_id: str, now: datetime) -> Held:
    """Start (or start again, when an unfinished one declared another size) the upload of a file."""
    conn.execute(
        delete(attachment_chunk).where(
            attachment_chunk.c.commune_code == commune, attachment_chunk.c.sha256 == sha256
        )
    )
    conn.execute(
        delete(attachment).where(attachment.c.commune_code == commune, attachment.c.sha256 == sha256)
    )
    conn.execute(
        attachment.insert().values(
            commune_code=commune,
            sha256=sha256,
            size=size,
            received=0,
            complete=False,
            device_id=device_id,
            started_at=now,
        )
    )
    return Held(size, 0, False)


def chunks(
    conn: Connection, commune: str, sha256: str, start: int = 0, end: int | None = None
) -> Iterator[bytes]:
    """The stored bytes of ``[start, end)``, chunk by chunk (one row in memory at a time)."""
    where = [attachment_chunk.c.commune_code == commune, attachment_chunk.c.sha256 == sha256]
    if end is not None:
        where.append(attachment_chunk.c.at_byte < end)
    first = conn.scalar(
        select(func.max(attachment_chunk.c.at_byte)).where(*where, attachment_chunk.c.at_byte <= start)
    )
    where.append(attachment_chunk.c.at_byte >= (first or 0))
    offsets = list(
        conn.scalars(
            select(attachment_chunk.c.at_byte).where(and_(*where)).order_by(attachment_chunk.c.at_byte)
        )
    )
    for at in offsets:
        data = conn.scalar(
            select(attachment_chunk.c.data).where(
                attachment_chunk.c.commune_code == commune,
                attachment_chunk.c.sha256 == sha256,
                attachment_chunk.c.at_byte == at,
            )
        )
        assert data is not None  # its offset was read a moment ago in this transaction
        data = bytes(data)
        lo = max(0, start - at)
        hi = len(data) if end is None else min(len(data), end - at)
        if hi > lo:
            yield data[lo:hi]


def append(conn: Connection, commune: str, sha256: str, at: int, data: bytes, now: datetime) -> Held | None:
    """Store *data* at byte *at* (which must be what the server holds); at the last byte check the hash:
    the finished file (complete), or None when it does not match — then everything is discarded."""
    state = held(conn, commune, sha256, lock=True)
    if state is None or state.complete or state.received != at or at + len(data) > state.size:
        raise ValueError("offset")
    if data:
        conn.execute(
            attachment_chunk.insert().values(commune_code=commune, sha256=sha256, at_byte=at, data=data)
        )
    received = at + len(data)
    complete = received == state.size
    if complete:
        digest = hashlib.sha256()
        for piece in chunks(conn, commune, sha256):
            digest.update(piece)
        if digest.hexdigest() != sha256:
            discard(conn, commune, sha256)
            return None
    conn.execute(
        update(attachment)
        .where(attachment.c.commune_code == commune, attachment.c.sha256 == sha256)
        .values(received=received, complete=complete, completed_at=now if complete else None)
    )
    return Held(state.size, received, complete)


def discard(conn: Connection, commune: str, sha256: str) -> None:
    conn.execute(
        delete(attachment_chunk).where(
            attachment_chunk.c.commune_code == commune, attachment_chunk.c.sha256 == sha256
        )
    )
    conn.execute(
        delete(attachment).where(attachment.c.commune_code == commune, attachment.c.sha256 == sha256)
    )
