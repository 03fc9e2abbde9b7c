"""The local side of sync: ``SqlSyncStore`` satisfies ``xaapp.sync.ports.OutboxStore`` over the database.

Every method is one local transaction. Bookkeeping lives in ``sync_state`` (key/value):
identity (device id, token, server URL, commune), ``pull_cursor``, ``push_batch`` (the frozen
batch still waiting for answers, as JSON), ``pull_deferred`` (pulled records whose parent comes on
a later page), ``file_seq`` (last exported sync-file number), ``last_success`` and ``last_report``.
Pulled changes are applied with ``remote=True`` sessions (not re-queued), revision and
``synced_revision`` set to the server's revision. A record with unsent local edits is never
overwritten by a pull: a ``SyncConflict`` is kept until the officer chooses (``services.sync``).
"""

from __future__ import annotations

import base64
import hashlib
import json
import uuid as uuid_mod
from collections import defaultdict
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from xaapp.domain.clock import utcnow
from xaapp.domain.text import fold, nfc
from xaapp.errors import KnownError
from xaapp.storage.backup import backup_file
from xaapp.storage.db import Database
from xaapp.storage.orm import (
    ENTITY_MODELS,
    AdminUnit,
    OutboxEntry,
    Setting,
    Syncable,
    SyncConflict,
    SyncState,
)
from xaapp.storage.records import (
    MissingParent,
    RefResolver,
    change_for,
    from_wire,
    load_by_uuid,
    parents_present,
    wire_hash,
)
from xaapp.sync.errors import ProtocolError
from xaapp.sync.ports import Batch, DeviceIdentity
from xaapp.sync.protocol import (
    ENTITY_RANK,
    INITIAL_CURSOR,
    PullPage,
    RecordChange,
    RecordResult,
    ReferenceItem,
    ServerRecord,
)

COMMUNE_SETTING = "commune_code"  # the key services.settings uses for the installation's commune
BACKUPS_KEPT = 5


def _get(s: Session, key: str) -> str | None:
    return s.scalar(select(SyncState.value).where(SyncState.key == key))


def _set(s: Session, key: str, value: str | None) -> None:
    row = s.get(SyncState, key)
    if value is None:
        if row is not None:
            s.delete(row)
    elif row is None:
        s.add(SyncState(key=key, value=value))
    else:
        row.value = value


def _batch_from_state(raw: str | None) -> tuple[Batch, dict[str, list[int]]] | None:
    if not raw:
        return None
    d = json.loads(raw)
    return Batch(d["batch_id"], [RecordChange.from_json(r) for r in d["records"]]), d["seqs"]


def _batch_to_state(batch: Batch, seqs: dict[str, list[int]]) -> str:
    return json.dumps(
        {"batch_id": batch.batch_id, "records": [r.to_json() for r in batch.records], "seqs": seqs},
        ensure_ascii=False,
    )


class SqlSyncStore:
    """``OutboxStore`` over one local database (see the module docstring)."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.data_dir = db.path.parent

    def _session(self) -> Any:
        return self.db.session(actor="sync", remote=True)

    # --- identity -----------------------------------------------------------------------------

    def identity(self) -> DeviceIdentity | None:
        with self.db.read() as s:
            values = {k: _get(s, k) for k in ("device_id", "token", "server_url", "commune_code")}
        if not all(values.values()):
            return None
        return DeviceIdentity(
            values["device_id"] or "",
            values["token"] or "",
            values["server_url"] or "",
            values["commune_code"] or "",
        )

    def save_identity(self, device_id: str, token: str, server_url: str, commune_code: str) -> None:
        """Remember the enrollment; the installation's commune is set (or must already match)."""
        with self._session() as s:
            setting = s.get(Setting, COMMUNE_SETTING)
            if setting is not None and setting.value and setting.value != commune_code:
                raise KnownError(
                    f"Mã đăng ký là của xã {commune_code}, nhưng dữ liệu trên máy này là của xã {setting.value}.",
                    f"The enrollment code is for commune {commune_code}, but this computer's data is "
                    f"commune {setting.value}.",
                )
            if setting is None:
                s.add(Setting(key=COMMUNE_SETTING, value=commune_code))
            if _get(s, "device_id") not in (None, device_id):  # a new enrollment, maybe another server:
                _set(s, "pull_cursor", None)  # pull from the start (records already here are skipped)
                _set(s, "pull_deferred", None)
            for key, value in (
                ("device_id", device_id),
                ("token", token),
                ("server_url", server_url),
                ("commune_code", commune_code),
            ):
                _set(s, key, value)

    def state(self, key: str) -> str | None:
        with self.db.read() as s:
            return _get(s, key)

    # --- push ---------------------------------------------------------------------------------

    def current_batch(self) -> Batch | None:
        with self.db.read() as s:
            found = _batch_from_state(_get(s, "push_batch"))
        return found[0] if found else None

    def freeze_batch(self, max_records: int) -> Batch | None:
        with self._session() as s:
            found = _batch_from_state(_get(s, "push_batch"))
            if found:
                return found[0]
            return self._freeze(s, max_records, None)

    def freeze_all(self) -> Batch | None:
        """Everything pending in one batch (for a sync file), the interrupted batch's records unchanged."""
        with self._session() as s:
            return self._freeze(s, 10**9, _batch_from_state(_get(s, "push_batch")))

    def _freeze(
        self, s: Session, max_records: int, keep: tuple[Batch, dict[str, list[int]]] | None
    ) -> Batch | None:
        kept_records = list(keep[0].records) if keep else []
        seqs_by_uuid: dict[str, list[int]] = dict(keep[1]) if keep else {}
        blocked = set(s.scalars(select(SyncConflict.entity_uuid).where(SyncConflict.resolved_at.is_(None))))
        groups: dict[tuple[str, str], list[int]] = defaultdict(list)
        for seq, entity, uuid in s.execute(
            select(OutboxEntry.seq, OutboxEntry.entity, OutboxEntry.entity_uuid)
            .where(OutboxEntry.acked_at.is_(None))
            .order_by(OutboxEntry.seq)
        ):
            if uuid in seqs_by_uuid or uuid in blocked:
                continue
            groups[(entity, uuid)].append(seq)
        order = sorted(groups, key=lambda k: (ENTITY_RANK.get(k[0], 99), groups[k][0]))[:max_records]
        refs = RefResolver(s)
        by_entity: dict[str, list[str]] = defaultdict(list)
        for entity, uuid in order:
            by_entity[entity].append(uuid)
        loaded: dict[str, Syncable] = {}
        for entity, uuids in by_entity.items():
            loaded.update(load_by_uuid(s, entity, uuids))
        now = utcnow()
        records: list[RecordChange] = []
        stale: list[int] = []
        for entity, uuid in order:
            obj = loaded.get(uuid)
            if obj is None or obj.revision <= obj.synced_revision:  # already acknowledged (or vanished)
                stale.extend(groups[(entity, uuid)])
                continue
            records.append(change_for(obj, refs))
            seqs_by_uuid[uuid] = groups[(entity, uuid)]
        if stale:
            s.execute(
                update(OutboxEntry)
                .where(OutboxEntry.seq.in_(stale))
                .values(acked_at=now, outcome="duplicate")
            )
        if not records and not kept_records:
            _set(s, "push_batch", None)
            return None
        batch = Batch(keep[0].batch_id if keep else str(uuid_mod.uuid4()), kept_records + records)
        new_seqs = [q for r in records for q in seqs_by_uuid[r.uuid]]
        for i in range(0, len(new_seqs), 500):
            s.execute(
                update(OutboxEntry)
                .where(OutboxEntry.seq.in_(new_seqs[i : i + 500]))
                .values(batch_id=batch.batch_id)
            )
        _set(s, "push_batch", _batch_to_state(batch, seqs_by_uuid))
        return batch

    def record_results(self, batch_id: str, results: list[RecordResult]) -> None:
        with self._session() as s:
            found = _batch_from_state(_get(s, "push_batch"))
            if found is None or found[0].batch_id != batch_id:
                raise RuntimeError(f"answers for batch {batch_id}, which is not the frozen batch")
            batch, seqs = found
            sent = {r.uuid: r for r in batch.records}
            now = utcnow()
            done: set[str] = set()
            by_entity: dict[str, list[RecordResult]] = defaultdict(list)
            for res in results:
                by_entity[sent[res.uuid].entity].append(res)
            for entity, items in by_entity.items():
                objs = load_by_uuid(s, entity, [r.uuid for r in items])
                for res in items:
                    change = sent[res.uuid]
                    values: dict[str, Any] = {"acked_at": now, "outcome": res.outcome}
                    if res.outcome in ("accepted", "duplicate"):
                        obj = objs.get(res.uuid)
                        if obj is not None and obj.synced_revision < change.revision:
                            obj.synced_revision = change.revision
                    elif res.outcome == "conflict" and res.server is not None:
                        _keep_conflict(s, entity, res.uuid, change.to_json(), res.server)
                    elif res.outcome == "rejected":
                        values["last_error"] = f"{res.field or ''}: {res.reason or ''}"[:500]
                    s.execute(
                        update(OutboxEntry)
                        .where(OutboxEntry.seq.in_(seqs.get(res.uuid, [])))
                        .values(**values)
                    )
                    done.add(res.uuid)
            batch.records = [r for r in batch.records if r.uuid not in done]
            for u in done:
                seqs.pop(u, None)
            _set(s, "push_batch", _batch_to_state(batch, seqs) if batch.records else None)

    def note_failure(self, batch_id: str, error: str) -> None:
        with self._session() as s:
            found = _batch_from_state(_get(s, "push_batch"))
            if not found:
                return
            all_seqs = [q for qs in found[1].values() for q in qs]
            for i in range(0, len(all_seqs), 500):
                s.execute(
                    update(OutboxEntry)
                    .where(OutboxEntry.seq.in_(all_seqs[i : i + 500]))
                    .values(attempts=OutboxEntry.attempts + 1, last_error=error)
                )

    def mark_exported(self, batch: Batch, file_seq: int) -> None:
        """The batch went out in sync file *file_seq*: treat it as sent (the server import is idempotent)."""
        with self._session() as s:
            found = _batch_from_state(_get(s, "push_batch"))
            seqs = found[1] if found else {}
            now = utcnow()
            by_entity: dict[str, list[RecordChange]] = defaultdict(list)
            for r in batch.records:
                by_entity[r.entity].append(r)
            for entity, items in by_entity.items():
                objs = load_by_uuid(s, entity, [r.uuid for r in items])
                for r in items:
                    obj = objs.get(r.uuid)
                    if obj is not None and obj.synced_revision < r.revision:
                        obj.synced_revision = r.revision
                    s.execute(
                        update(OutboxEntry)
                        .where(OutboxEntry.seq.in_(seqs.get(r.uuid, [])))
                        .values(acked_at=now, outcome="exported")
                    )
            _set(s, "push_batch", None)
            _set(s, "file_seq", str(file_seq))

    # --- pull ---------------------------------------------------------------------------------

    def pull_cursor(self) -> str:
        with self.db.read() as s:
            return _get(s, "pull_cursor") or INITIAL_CURSOR

    def prepare_apply(self) -> None:
        backups = self.data_dir / "backups"
        backup_file(self.db.path, backups, "before-sync")
        for old in sorted(backups.glob(f"{self.db.path.stem}-before-sync-*.db"))[:-BACKUPS_KEPT]:
            old.unlink(missing_ok=True)

    def apply_pull(self, page: PullPage) -> int:
        with self._session() as s:
            deferred = [ServerRecord.from_json(d) for d in json.loads(_get(s, "pull_deferred") or "[]")]
            written = self._apply_reference(s, page.reference)
            pending = deferred + list(page.records)
            pending.sort(key=lambda r: ENTITY_RANK.get(r.entity, 99))
            refs = RefResolver(s)
            changed, still_deferred = 0, []
            for entity in dict.fromkeys(r.entity for r in pending):
                items = [r for r in pending if r.entity == entity]
                local = load_by_uuid(s, entity, [r.uuid for r in items])
                open_conflicts = set(
                    s.scalars(
                        select(SyncConflict.entity_uuid).where(
                            SyncConflict.entity == entity, SyncConflict.resolved_at.is_(None)
                        )
                    )
                )
                created: list[Syncable] = []
                for rec in items:
                    obj = local.get(rec.uuid)
                    if obj is None:
                        if not parents_present(entity, rec.data, refs):
                            still_deferred.append(rec.to_json())
                            continue
                        obj = ENTITY_MODELS[entity]()
                        obj.uuid = rec.uuid
                        from_wire(obj, rec.data, refs)
                        obj.revision = obj.synced_revision = rec.revision
                        s.add(obj)
                        local[rec.uuid] = obj
                        created.append(obj)
                        changed += 1
                    elif rec.revision <= obj.synced_revision:
                        continue  # our own change coming back, or older than what we have
                    elif rec.uuid in open_conflicts or obj.revision > obj.synced_revision:
                        _keep_conflict(s, entity, rec.uuid, change_for(obj, refs).to_json(), rec)
                    else:
                        try:
                            from_wire(obj, rec.data, refs)
                        except MissingParent:
                            still_deferred.append(rec.to_json())
                            continue
                        obj.revision = obj.synced_revision = rec.revision
                        changed += 1
                s.flush()
                for obj in created:
                    refs.remember(entity, obj.id, obj.uuid)
            self._keep_delivered_conflicts(s, page.conflicts, refs)
            _set(
                s, "pull_deferred", json.dumps(still_deferred, ensure_ascii=False) if still_deferred else None
            )
            _set(s, "pull_cursor", page.cursor)
        for tmp, final in written:
            tmp.replace(final)
        return changed

    def _keep_delivered_conflicts(self, s: Session, delivered: list[ServerRecord], refs: RefResolver) -> None:
        """Conflicts the server reports for records this device sent (e.g. in an imported sync file).

        Nothing to ask when this computer already holds the server's version, or when the officer has
        already decided on that server version (the choice is on its way in the outbox)."""
        for rec in delivered:
            obj = load_by_uuid(s, rec.entity, [rec.uuid]).get(rec.uuid)
            if obj is None or wire_hash(obj, refs) == rec.hash:
                continue
            decided = s.scalar(
                select(SyncConflict.id).where(
                    SyncConflict.entity_uuid == rec.uuid,
                    SyncConflict.server_revision == rec.revision,
                    SyncConflict.resolved_at.is_not(None),
                )
            )
            if decided is None:
                _keep_conflict(s, rec.entity, rec.uuid, change_for(obj, refs).to_json(), rec)

    def _apply_reference(self, s: Session, items: list[ReferenceItem]) -> list[tuple[Path, Path]]:
        """Admin units go to their table; forms and rule files to ``<data dir>/reference/<kind>/``.

        Files are written to a temporary name here and renamed after the commit."""
        written: list[tuple[Path, Path]] = []
        for item in items:
            if item.kind == "admin_unit":
                c = item.content
                unit = s.get(AdminUnit, item.key)
                name = nfc(str(c["name"]))
                if unit is None:
                    s.add(AdminUnit(code=item.key, name=name, kind=str(c["kind"]), name_folded=fold(name)))
                else:
                    unit.name, unit.kind, unit.name_folded = name, str(c["kind"]), fold(name)
                continue
            folder = self.data_dir / "reference" / item.kind
            folder.mkdir(parents=True, exist_ok=True)
            final = folder / Path(item.key).name
            tmp = final.with_name(final.name + ".part")
            if item.kind == "form":  # an XLSForm workbook: the bytes, checked against their SHA-256
                raw = base64.b64decode(item.content["base64"])
                if hashlib.sha256(raw).hexdigest() != item.content["sha256"]:
                    raise ProtocolError(f"form {item.key} arrived damaged")
                tmp.write_bytes(raw)
            else:
                tmp.write_text(json.dumps(item.content, ensure_ascii=False, indent=1), encoding="utf-8")
            written.append((tmp, final))
        return written

    # --- counts and bookkeeping ---------------------------------------------------------------

    def pending_count(self) -> int:
        with self.db.read() as s:
            return int(
                s.scalar(
                    select(func.count(func.distinct(OutboxEntry.entity_uuid))).where(
                        OutboxEntry.acked_at.is_(None)
                    )
                )
                or 0
            )

    def open_conflicts(self) -> int:
        with self.db.read() as s:
            return int(
                s.scalar(
                    select(func.count()).select_from(SyncConflict).where(SyncConflict.resolved_at.is_(None))
                )
                or 0
            )

    def local_counts(self) -> dict[str, int]:
        with self.db.read() as s:
            counts = {
                name: int(s.scalar(select(func.count()).select_from(model)) or 0)
                for name, model in ENTITY_MODELS.items()
            }
        return {k: v for k, v in counts.items() if v}

    def finish(self, succeeded_at: str, report: dict[str, object]) -> None:
        with self._session() as s:
            if succeeded_at:
                _set(s, "last_success", succeeded_at)
            _set(s, "last_report", json.dumps(report, ensure_ascii=False, default=str))

    def next_file_seq(self) -> int:
        with self.db.read() as s:
            return int(_get(s, "file_seq") or 0) + 1

    def forget_sync_history(self) -> None:
        """Used after restoring onto a new enrollment: pull again from the start."""
        with self._session() as s:
            s.execute(delete(SyncState).where(SyncState.key.in_(["pull_cursor", "pull_deferred"])))


def _keep_conflict(s: Session, entity: str, uuid: str, local: dict[str, Any], server: ServerRecord) -> None:
    """Open (or refresh) the conflict of one record; one open conflict per record, newest server side."""
    row = s.scalar(
        select(SyncConflict).where(SyncConflict.entity_uuid == uuid, SyncConflict.resolved_at.is_(None))
    )
    if row is None:
        row = s.scalar(
            select(SyncConflict).where(
                SyncConflict.entity == entity,
                SyncConflict.entity_uuid == uuid,
                SyncConflict.server_revision == server.revision,
            )
        )
        if row is not None:  # settled before, yet here again: ask the officer again rather than drop it
            row.local_payload, row.server_payload = local, server.to_json()
            row.resolved_at = row.resolution = None
            return
        s.add(
            SyncConflict(
                entity=entity,
                entity_uuid=uuid,
                local_payload=local,
                server_payload=server.to_json(),
                server_revision=server.revision,
                created_at=utcnow(),
            )
        )
    elif server.revision >= row.server_revision:
        row.local_payload, row.server_payload, row.server_revision = local, server.to_json(), server.revision
