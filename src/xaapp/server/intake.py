"""Pushed records checked for shape and range before anything of them reaches the database.

A push (or a sync file's record list) arrives as decoded JSON. The envelope must be right or the
whole request is refused (400, naming the field). Each record is then checked on its own against
its definition, ``sync.protocol.RecordChange`` (through ``wire_schema``: a known ``entity``, a
``uuid`` written the canonical way — lower case, hyphens; other spellings of a UUID are refused,
never mapped, so the server's id is always the laptop's —, revisions that fit the database column,
an ``op``, a ``data`` object, a hexadecimal ``hash``), then for what no type says: a base revision
below the revision, and text that is valid UTF-8 without NUL. A record failing here is *rejected* with the field and the reason, like any
invalid record (the laptop shows it and does not resend it), and is never given to ``ingest``,
whose queries therefore only ever see values the columns can hold.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import ValidationError
from sqlalchemy import Connection

from xaapp.server.bodies import bad_text, clean_text
from xaapp.server.ingest import Writer, ingest
from xaapp.server.schema import rejection
from xaapp.server.wire_schema import adapter, field_adapter, problem
from xaapp.sync.entities import ENTITY_FIELDS
from xaapp.sync.protocol import PROTOCOL_VERSION, PushRequest, RecordChange, RecordResult

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


def screen_record(item: Any, check_text: bool = True) -> RecordChange | Refused:  # noqa: ANN401 - decoded JSON
    """One record of a push: a ``RecordChange`` safe to ingest, or why it is refused. *check_text*
    False: the caller found all the batch's text clean already."""
    try:
        change: RecordChange = _RECORD.validate_python(item)
    except ValidationError as exc:
        bad = problem(exc, whole="record")
        if not isinstance(item, dict):
            return Refused("", "", 0, bad.field, bad.reason)
        # what passed its check can be recorded with the refusal (the columns hold it)
        safe = {k: item[k] for k in ("uuid", "entity", "revision") if k in item and k not in bad.failed}
        return Refused(safe.get("uuid", ""), safe.get("entity", ""), safe.get("revision", 0), bad.field, bad.reason)
    if not change.base_revision < change.revision:
        return Refused(
            change.uuid, change.entity, change.revision, "base_revision", "must be a whole number from 0 to revision - 1"
        )
    where = bad_text(change.data) if check_text else None
    if where is not None:
        top = where.split(".", 1)[0].split("[", 1)[0]
        field = top if top in {s.name for s in ENTITY_FIELDS[change.entity]} else "data"
        return Refused(change.uuid, change.entity, change.revision, field, TEXT_REASON)
    return change


_RECORD = adapter(RecordChange)
_BATCH_ID = field_adapter(PushRequest, "batch_id")


def screen_push(
    body: Any,  # noqa: ANN401 - decoded JSON
    max_records: int,
    text_clean: bool = False,
) -> tuple[str, list[RecordChange | Refused]]:
    """The batch id and the screened records of a push body; ``BadEnvelope`` if the body is wrong.
    *text_clean*: the body's bytes showed that no string of it can hold a NUL or an unpaired surrogate
    (``bodies.decode_checked``), so the records' text need not be walked."""
    if not isinstance(body, dict):
        raise BadEnvelope("body", "must be a JSON object")
    protocol = body.get("protocol")
    if not _is_int(protocol) or protocol != PROTOCOL_VERSION:
        raise BadEnvelope("protocol", f"must be {PROTOCOL_VERSION}", code="protocol")
    try:
        batch_id: str = _BATCH_ID.validate_python(body.get("batch_id"))
    except ValidationError as exc:
        raise BadEnvelope("batch_id", problem(exc, "batch_id").reason) from exc
    if not clean_text(batch_id):
        raise BadEnvelope("batch_id", TEXT_REASON)
    records = body.get("records")
    if not isinstance(records, list):
        raise BadEnvelope("records", "must be a list")
    if len(records) > max_records:
        raise BadEnvelope("records", f"at most {max_records} records per push", code="too_many_records")
    # one pass over the whole batch in the common case (none at all when the bytes showed it clean)
    check_text = not text_clean and bad_text(records) is not None
    return batch_id, [screen_record(r, check_text) for r in records]


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
