"""Revisions, outbox rows and audit rows, written in the same flush as the change they describe.

Installed once on the session factory (``install``). For every synced record added or changed in
a session: the revision goes up by one, ``updated_at`` is set, one outbox row is queued and the
audit log gets who/when/entity/field/old → new (and the reason, when the session carries one).
JSON columns are compared key by key, so a changed answer is logged as ``answers.<name>``.
Physical deletes of synced records are refused: set ``deleted_at`` (a tombstone) instead.
Changes applied from the server (``session.info["remote"]``) are neither queued nor re-revised.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session, sessionmaker

from xaapp.domain.clock import utcnow
from xaapp.storage.orm import SYNCABLE_MODELS, AuditEntry, OutboxEntry, Syncable, new_uuid

#: Bookkeeping columns that are not the user's data, so not audited field by field.
_ORDER = {model: i for i, model in enumerate(SYNCABLE_MODELS)}
_NOT_AUDITED = {
    "id",
    "uuid",
    "revision",
    "synced_revision",
    "created_at",
    "updated_at",
    "name_folded",
    "name_sort",
}


def install(factory: sessionmaker[Session]) -> None:
    event.listen(factory, "before_flush", _before_flush)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def _changes(obj: Syncable) -> list[tuple[str, Any, Any]]:
    """(field, old, new) for every changed user column of *obj*; dict columns key by key."""
    state = inspect(obj)
    out: list[tuple[str, Any, Any]] = []
    for attr in state.mapper.column_attrs:
        if attr.key in _NOT_AUDITED:
            continue
        hist = state.attrs[attr.key].history
        if not hist.has_changes():
            continue
        old = hist.deleted[0] if hist.deleted else None
        new = hist.added[0] if hist.added else None
        if isinstance(old, dict) or isinstance(new, dict):
            old_d, new_d = old or {}, new or {}
            for key in sorted(set(old_d) | set(new_d)):
                if old_d.get(key) != new_d.get(key):
                    out.append((f"{attr.key}.{key}", old_d.get(key), new_d.get(key)))
        elif old != new:
            out.append((attr.key, old, new))
    return out


def _before_flush(session: Session, _ctx: object, _instances: object) -> None:
    if session.info.get("remote"):
        return
    actor = session.info.get("actor") or "system"
    reason = session.info.get("reason")
    now = utcnow()

    def audit(obj: Syncable, action: str, field: str | None = None, old: Any = None, new: Any = None) -> None:
        session.add(
            AuditEntry(
                at=now,
                username=actor,
                entity=obj.__entity__,
                entity_uuid=obj.uuid,
                action=action,
                field=field,
                old_value=_text(old),
                new_value=_text(new),
                reason=reason,
            )
        )

    def queue(obj: Syncable, op: str) -> None:
        session.add(
            OutboxEntry(
                entity=obj.__entity__,
                entity_uuid=obj.uuid,
                revision=obj.revision,
                op=op,
                created_at=now,
                attempts=0,
            )
        )

    for obj in list(session.deleted):
        if isinstance(obj, Syncable):
            raise ValueError(f"{obj.__entity__} records are never deleted physically; set deleted_at instead")

    # Parents before children (the order of SYNCABLE_MODELS), so the outbox replays in a valid order.
    new = sorted((o for o in session.new if isinstance(o, Syncable)), key=lambda o: _ORDER[type(o)])
    for obj in new:
        if obj.uuid is None:
            obj.uuid = new_uuid()
        obj.revision = (obj.revision or 0) + 1
        obj.created_at = obj.created_at or now
        obj.updated_at = now
        audit(obj, "create")
        queue(obj, "upsert")

    for obj in list(session.dirty):
        if not isinstance(obj, Syncable) or not session.is_modified(obj, include_collections=False):
            continue
        changes = _changes(obj)
        if not changes:
            continue
        obj.revision = (obj.revision or 0) + 1
        obj.updated_at = now
        deleted = any(f == "deleted_at" and old is None and new is not None for f, old, new in changes)
        if deleted:
            audit(obj, "delete", "deleted_at", None, obj.deleted_at)
        else:
            for field, old, new in changes:
                audit(obj, "update", field, old, new)
        queue(obj, "delete" if deleted else "upsert")
