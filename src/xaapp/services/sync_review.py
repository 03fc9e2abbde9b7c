"""What the officer reviews after a sync: open conflicts (compare field by field, keep either side;
a household code typed on two laptops) and the records the server does not have — rejected with the
field and the reason, or waiting for a parent record that was rejected.

The Sync screen and ``xaapp sync`` show these; ``services.sync`` re-exports them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from xaapp.domain.clock import utcnow
from xaapp.errors import KnownError
from xaapp.storage.db import Database
from xaapp.storage.orm import ENTITY_MODELS, AuditEntry, Household, OutboxEntry, Person, SyncConflict, Village
from xaapp.storage.records import RefResolver, change_for, diff_fields, from_wire, load_by_uuid
from xaapp.storage.sync_conflicts import is_duplicate_code
from xaapp.storage.sync_store import SqlSyncStore
from xaapp.sync.protocol import ServerRecord

VERSION, DUPLICATE_CODE = "version", "duplicate_code"


@dataclass(frozen=True)
class ConflictView:
    """One open conflict, compared field by field: (field, this computer's value, the server's value).

    ``kind``: ``version`` (one record edited in two places: keep either side) or ``duplicate_code``
    (two households of one village with the same code: ``other_uuid`` is the other one; the officer
    corrects the code or deletes the copy, or dismisses the question)."""

    id: int
    entity: str
    entity_uuid: str
    server_revision: int
    server_deleted: bool
    local_deleted: bool
    differences: list[tuple[str, Any, Any]]
    created_at: str
    kind: str = VERSION
    label: str = ""
    other_uuid: str = ""


@dataclass(frozen=True)
class ProblemView:
    """A record the server does not have: ``rejected`` (fix *field* and it goes again) or ``waiting``
    (for its parent record, named in ``reason``, to be accepted)."""

    kind: str
    entity: str
    uuid: str
    label: str
    field: str
    reason: str


def describe(s: Session, entity: str, uuid: str) -> str:
    """A few words an officer recognises a record by (household code and address, a person's name …)."""
    obj = load_by_uuid(s, entity, [uuid]).get(uuid) if entity in ENTITY_MODELS else None
    if obj is None:
        return f"{entity} {uuid[:8]}"
    if isinstance(obj, Household):
        return f"Hộ {obj.code or '?'} – {obj.address}"
    if isinstance(obj, Person):
        return obj.full_name
    if isinstance(obj, Village):
        return obj.name
    person_id = getattr(obj, "person_id", None)
    if person_id is not None:
        person = s.get(Person, person_id)
        if person is not None:
            return f"{entity}: {person.full_name}"
    return f"{entity} {uuid[:8]}"


def list_problems(db: Database) -> list[ProblemView]:
    problems = SqlSyncStore(db).problems()
    out: list[ProblemView] = []
    with db.read() as s:
        for p in problems:
            reason = p["reason"]
            if p["kind"] == "waiting":
                words = reason.split()
                if len(words) >= 2 and words[-2] in ENTITY_MODELS:  # "waiting for <entity> <uuid>"
                    reason = f"chờ «{describe(s, words[-2], words[-1])}» được máy chủ nhận / waiting for it"
            out.append(
                ProblemView(
                    p["kind"], p["entity"], p["uuid"], describe(s, p["entity"], p["uuid"]), p["field"], reason
                )
            )
    return out


def list_conflicts(db: Database) -> list[ConflictView]:
    """Open conflicts; the local side is the record as it is now (it may have been edited since)."""
    out: list[ConflictView] = []
    with db.read() as s:
        refs = RefResolver(s)
        for row in s.scalars(
            select(SyncConflict).where(SyncConflict.resolved_at.is_(None)).order_by(SyncConflict.id)
        ):
            obj = load_by_uuid(s, row.entity, [row.entity_uuid]).get(row.entity_uuid)
            local = change_for(obj, refs).data if obj is not None else dict(row.local_payload.get("data", {}))
            server = dict(row.server_payload.get("data", {}))
            duplicate = is_duplicate_code(row.server_payload)
            out.append(
                ConflictView(
                    row.id,
                    row.entity,
                    row.entity_uuid,
                    row.server_revision,
                    row.server_payload.get("op") == "delete",
                    bool(local.get("deleted_at")),
                    diff_fields(local, server),
                    row.created_at.isoformat(),
                    DUPLICATE_CODE if duplicate else VERSION,
                    describe(s, row.entity, row.entity_uuid),
                    str(row.server_payload.get("uuid", "")) if duplicate else "",
                )
            )
    return out


def resolve_conflict(db: Database, conflict_id: int, keep: str, actor: str) -> None:
    """Settle one conflict. ``keep="local"``: this computer's version is queued again on top of the
    server's revision (it will be accepted, the server keeps the other version in its history);
    ``keep="server"``: the server's version replaces the local one; ``keep="dismiss"`` (a duplicate
    household code only): the officer has seen it (two real households, or a code to correct by hand).
    Every choice is audited."""
    if keep not in ("local", "server", "dismiss"):
        raise ValueError(keep)
    with db.session(actor=actor, remote=True) as s:
        row = s.get(SyncConflict, conflict_id)
        if row is None or row.resolved_at is not None:
            raise KnownError("Xung đột này đã được xử lý.", "This conflict has already been settled.")
        if is_duplicate_code(row.server_payload) != (keep == "dismiss"):
            raise KnownError(
                "Mã hộ trùng chỉ có thể đánh dấu «đã xem» (sửa mã hộ hoặc xóa hộ trùng trong danh sách hộ).",
                "A duplicate household code can only be marked as seen (correct the code or delete the copy "
                "in the household list).",
            )
        if keep == "dismiss":
            now = utcnow()
            s.add(
                AuditEntry(
                    at=now,
                    username=actor,
                    entity=row.entity,
                    entity_uuid=row.entity_uuid,
                    action="resolve",
                    field="code",
                    old_value=f"duplicate of {row.server_payload.get('uuid')}",
                    new_value=keep,
                    reason=s.info.get("reason"),
                )
            )
            row.resolved_at, row.resolution = now, keep
            return
        refs = RefResolver(s)
        obj = load_by_uuid(s, row.entity, [row.entity_uuid]).get(row.entity_uuid)
        server = ServerRecord.from_json(row.server_payload)
        now = utcnow()
        s.execute(
            update(OutboxEntry)
            .where(OutboxEntry.entity_uuid == row.entity_uuid, OutboxEntry.acked_at.is_(None))
            .values(acked_at=now, outcome="superseded")
        )
        if keep == "server":
            if obj is None:
                obj = ENTITY_MODELS[row.entity]()
                obj.uuid = row.entity_uuid
                s.add(obj)
            from_wire(obj, cast("dict[str, Any]", server.data), refs)  # a conflict is over a change with data
            obj.revision = obj.synced_revision = server.revision
        else:
            if obj is None:
                raise KnownError(
                    "Bản ghi trên máy này không còn.", "The record no longer exists on this computer."
                )
            obj.revision = max(obj.revision, server.revision) + 1
            obj.synced_revision = server.revision
            obj.updated_at = now
            s.add(
                OutboxEntry(
                    entity=row.entity,
                    entity_uuid=row.entity_uuid,
                    revision=obj.revision,
                    op="delete" if obj.deleted_at is not None else "upsert",
                    created_at=now,
                    attempts=0,
                )
            )
        s.add(
            AuditEntry(
                at=now,
                username=actor,
                entity=row.entity,
                entity_uuid=row.entity_uuid,
                action="resolve",
                field=None,
                old_value=f"server r{server.revision}",
                new_value=keep,
                reason=s.info.get("reason"),
            )
        )
        row.resolved_at, row.resolution = now, keep
