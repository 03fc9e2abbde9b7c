"""Pushed records checked for shape and range before anything of them reaches the database.

A push (or a sync file's record list) arrives as decoded JSON. The envelope must be right or the
whole request is refused (400, naming the field). Each record is then checked on its own: an object
with a known ``entity``, a ``uuid`` written the canonical way (lower case, hyphens — other spellings
of a UUID are refused, never mapped, so the server's id is always the laptop's), revisions that fit
the database column, an ``op``, a ``data`` object, a hexadecimal ``hash``, and text that is valid
UTF-8 without NUL. A record failing here is *rejected* with the field and the reason, like any
invalid record (the laptop shows it and does not resend it), and is never given to ``ingest``,
whose queries therefore only ever see values the columns can hold.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection

from xaapp.server.bodies import bad_text, clean_text
from xaapp.server.ingest import Writer, ingest
from xaapp.server.schema import rejection
from xaapp.server.validation import UUID_REASON, is_uuid
from xaapp.sync.entities import ENTITY_FIELDS
from xaapp.sync.protocol import PROTOCOL_VERSION, RecordChange, RecordResult

#: The largest revision the database's INTEGER columns hold (PostgreSQL: 32-bit signed).
MAX_REVISION = 2**31 - 1
MAX_BATCH_ID = 64
_HASH_RE = re.compile(r"^[0-9a-f]{1,64}$")
TEXT_REASON = "not valid text: holds a NUL character or an unpaired surrogate (invalid UTF-8)"


class BadEnvelope(ValueError):
    """The request as a whole is malformed (400): *field* and *reason* say what."""

    def __init__(self, field: str, reason: str, code: str = "bad_request") -> None:
        super().__init__(f"{field}: {reason}")
        self.field, self.reason, self.code = field, reason, code


@dataclass(frozen=True)
class Refused:
    """A record refused before ingest: what can safely be recorded of it, and why."""

    uuid: str
    entity: str
    revision: int
    field: str
    reason: str

    def result(self) -> RecordResult:
        return RecordResult(self.uuid, self.revision, "rejected", field=self.field, reason=self.reason)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def screen_record(item: Any) -> RecordChange | Refused:
    """One record of a push: a ``RecordChange`` safe to ingest, or why it is refused."""
    if not isinstance(item, dict):
        return Refused("", "", 0, "record", "must be an object")
    uuid: Any = item.get("uuid")  # Any until checked below
    entity: Any = item.get("entity")
    revision: Any = item.get("revision")
    safe_uuid = uuid if is_uuid(uuid) else ""
    safe_entity = entity if isinstance(entity, str) and entity in ENTITY_FIELDS else ""
    safe_revision = revision if _is_int(revision) and 1 <= revision <= MAX_REVISION else 0

    def refuse(field: str, reason: str) -> Refused:
        return Refused(safe_uuid, safe_entity, safe_revision, field, reason)

    if not safe_entity:
        return refuse("entity", f"must be one of {', '.join(ENTITY_FIELDS)}")
    if not safe_uuid:
        return refuse("uuid", UUID_REASON)
    if not safe_revision:
        return refuse("revision", f"must be a whole number from 1 to {MAX_REVISION}")
    base: Any = item.get("base_revision")
    if not _is_int(base) or not 0 <= base < revision:
        return refuse("base_revision", "must be a whole number from 0 to revision - 1")
    op = item.get("op")
    if op not in ("upsert", "delete"):
        return refuse("op", "must be upsert or delete")
    data = item.get("data")
    if not isinstance(data, dict):
        return refuse("data", "must be an object")
    where = bad_text(data)
    if where is not None:
        top = where.split(".", 1)[0].split("[", 1)[0]
        return refuse(top if top in {s.name for s in ENTITY_FIELDS[entity]} else "data", TEXT_REASON)
    digest = item.get("hash")
    if not isinstance(digest, str) or not _HASH_RE.match(digest):
        return refuse("hash", "must be the record's content hash in lower-case hexadecimal")
    return RecordChange(entity, uuid, revision, base, op, data, digest)


def screen_push(body: Any, max_records: int) -> tuple[str, list[RecordChange | Refused]]:
    """The batch id and the screened records of a push body; ``BadEnvelope`` if the body is wrong."""
    if not isinstance(body, dict):
        raise BadEnvelope("body", "must be a JSON object")
    protocol = body.get("protocol")
    if not _is_int(protocol) or protocol != PROTOCOL_VERSION:
        raise BadEnvelope("protocol", f"must be {PROTOCOL_VERSION}", code="protocol")
    batch_id = body.get("batch_id")
    if not isinstance(batch_id, str) or not 1 <= len(batch_id) <= MAX_BATCH_ID or not clean_text(batch_id):
        raise BadEnvelope("batch_id", f"must be text of 1 to {MAX_BATCH_ID} characters")
    records = body.get("records")
    if not isinstance(records, list):
        raise BadEnvelope("records", "must be a list")
    if len(records) > max_records:
        raise BadEnvelope("records", f"at most {max_records} records per push", code="too_many_records")
    return batch_id, [screen_record(r) for r in records]


def ingest_screened(
    conn: Connection, writer: Writer, batch_id: str, screened: list[RecordChange | Refused], now: datetime
) -> list[RecordResult]:
    """``ingest`` the records that passed, record the refusals, answer in request order."""
    good = [s for s in screened if isinstance(s, RecordChange)]
    results = iter(ingest(conn, writer, batch_id, good, now))
    refused = [s for s in screened if isinstance(s, Refused)]
    if refused:
        conn.execute(
            rejection.insert(),
            [
                {
                    "uuid": r.uuid,
                    "entity": r.entity,
                    "commune_code": writer.commune_code,
                    "revision": r.revision,
                    "field": r.field[:60],
                    "reason": r.reason,
                    "device_id": writer.device_id,
                    "received_at": now,
                }
                for r in refused
            ],
        )
    return [s.result() if isinstance(s, Refused) else next(results) for s in screened]
