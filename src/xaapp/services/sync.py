"""Sync use cases: enroll this computer, sync with the province server, export a sync file, and the
sync panel's status and conflicts (compare field by field, keep this computer's or the server's).

Called from the command line and, on a worker thread with its own progress and cancel objects,
from the desktop sync panel.
"""

from __future__ import annotations

import json
import platform
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select, update

from xaapp.domain.clock import utcnow
from xaapp.errors import KnownError
from xaapp.storage.db import Database
from xaapp.storage.orm import ENTITY_MODELS, AuditEntry, OutboxEntry, SyncConflict
from xaapp.storage.records import RefResolver, change_for, diff_fields, from_wire, load_by_uuid
from xaapp.storage.sync_store import SqlSyncStore
from xaapp.sync.engine import SyncOptions, SyncReport, run_sync
from xaapp.sync.errors import NotEnrolledError
from xaapp.sync.file_transport import SyncFileHeader, build_sync_file, signing_key, write_sync_file
from xaapp.sync.ports import CancelToken, Progress
from xaapp.sync.protocol import ServerRecord
from xaapp.sync.transport_http import HttpTransport


def sync_database(
    db: Database,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
    options: SyncOptions | None = None,
) -> SyncReport:
    """One sync of *db* with the server it is enrolled with. Never raises for network trouble."""
    store = SqlSyncStore(db)
    ident = store.identity()
    if ident is None:
        raise NotEnrolledError()
    options = options or SyncOptions()
    options.expected_commune = ident.commune_code
    transport = HttpTransport(ident.server_url, ident.token)
    try:
        return run_sync(store, transport, progress, cancel, options)
    finally:
        transport.close()


def enroll_database(db: Database, server_url: str, code: str, label: str = "") -> tuple[str, str]:
    """Trade a one-time code for a device token; returns (device id, commune code)."""
    transport = HttpTransport(server_url)
    try:
        enrollment = transport.enroll(code.strip(), label or platform.node())
    finally:
        transport.close()
    SqlSyncStore(db).save_identity(
        enrollment.device_id, enrollment.token, server_url.rstrip("/"), enrollment.commune_code
    )
    return enrollment.device_id, enrollment.commune_code


def export_sync_file(db: Database, path: Path) -> dict[str, Any]:
    """Write every pending change to one signed file; returns what was written."""
    store = SqlSyncStore(db)
    ident = store.identity()
    if ident is None:
        raise NotEnrolledError()
    batch = store.freeze_all()
    if batch is None:
        return {"file": None, "records": 0}
    seq = store.next_file_seq()
    header = SyncFileHeader(
        ident.device_id, ident.commune_code, seq, batch.batch_id, utcnow().isoformat() + "Z"
    )
    write_sync_file(path, build_sync_file(header, batch.records, signing_key(ident.token)))
    store.mark_exported(batch, seq)
    return {"file": str(path), "records": len(batch.records), "file_seq": seq}


# --- for the sync panel: status and conflicts -------------------------------------------------


@dataclass(frozen=True)
class SyncStatus:
    enrolled: bool
    device_id: str | None
    server_url: str | None
    commune_code: str | None
    pending: int
    open_conflicts: int
    last_success: str | None
    last_report: dict[str, Any] | None


@dataclass(frozen=True)
class ConflictView:
    """One open conflict, compared field by field: (field, this computer's value, the server's value)."""

    id: int
    entity: str
    entity_uuid: str
    server_revision: int
    server_deleted: bool
    local_deleted: bool
    differences: list[tuple[str, Any, Any]]
    created_at: str


def sync_status(db: Database) -> SyncStatus:
    store = SqlSyncStore(db)
    ident = store.identity()
    report = store.state("last_report")
    return SyncStatus(
        ident is not None,
        ident.device_id if ident else None,
        ident.server_url if ident else None,
        ident.commune_code if ident else None,
        store.pending_count(),
        store.open_conflicts(),
        store.state("last_success"),
        json.loads(report) if report else None,
    )


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
                )
            )
    return out


def resolve_conflict(db: Database, conflict_id: int, keep: str, actor: str) -> None:
    """Settle one conflict. ``keep="local"``: this computer's version is queued again on top of the
    server's revision (it will be accepted, the server keeps the other version in its history);
    ``keep="server"``: the server's version replaces the local one. Both choices are audited."""
    if keep not in ("local", "server"):
        raise ValueError(keep)
    with db.session(actor=actor, remote=True) as s:
        row = s.get(SyncConflict, conflict_id)
        if row is None or row.resolved_at is not None:
            raise KnownError("Xung đột này đã được xử lý.", "This conflict has already been settled.")
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
            from_wire(obj, server.data, refs)
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
