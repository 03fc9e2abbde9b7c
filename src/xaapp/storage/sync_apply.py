"""Applying pulled pages: records (parents first; a child whose parent comes later waits), reference
data (admin units into their table, forms and rule files under ``<data dir>/reference/``), and the
conflicts the server hands back.

Nothing the server sends names a path by itself: a reference kind must be one the app knows and a key
a plain file name (letters, digits, ``.``, ``_``, ``-``), and the resolved path must lie inside the
data folder's ``reference/`` — a server that says otherwise stops the sync (``ProtocolError``) before
anything is written.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import re
from pathlib import Path
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from xaapp.domain.clock import utcnow
from xaapp.domain.text import fold, nfc
from xaapp.paths import inside, private_dir
from xaapp.storage.orm import ENTITY_MODELS, AdminUnit, Household, OutboxEntry, Syncable, SyncConflict
from xaapp.storage.records import (
    KeyedRefs,
    MissingParent,
    RefResolver,
    change_for,
    column_for,
    fields_of,
    from_wire,
    load_by_uuid,
    parents_present,
    wire_hash,
)
from xaapp.storage.sync_conflicts import blocking_uuids, find_duplicate_codes, keep_conflict
from xaapp.storage.sync_outbox import get_state, set_state
from xaapp.sync.entities import ENTITY_RANK
from xaapp.sync.errors import ProtocolError
from xaapp.sync.protocol import (
    REFERENCE_FILE_KINDS,
    REFERENCE_KINDS,
    PullPage,
    ReferenceItem,
    ServerRecord,
)

logger = logging.getLogger(__name__)
SAFE_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,119}$")


def apply_page(s: Session, data_dir: Path, page: PullPage) -> tuple[int, list[tuple[Path, Path]]]:
    """Apply one page in the caller's transaction; returns (records changed, files to rename after commit)."""
    written = _apply_reference(s, data_dir, page.reference)
    deferred = [ServerRecord.from_json(d) for d in json.loads(get_state(s, "pull_deferred") or "[]")]
    pending = deferred + list(page.records)
    pending.sort(key=lambda r: ENTITY_RANK.get(r.entity, 99))
    refs = _page_refs(s, pending)
    changed, still_deferred = 0, []
    blocked = blocking_uuids(s)
    now = utcnow()
    pulled_households: list[Household] = []
    for entity in dict.fromkeys(r.entity for r in pending):
        items = [r for r in pending if r.entity == entity]
        local = load_by_uuid(s, entity, [r.uuid for r in items])
        _prefetch_parents_of(refs, entity, list(local.values()))
        created: list[Syncable] = []
        for rec in items:
            if rec.data is None:
                raise ProtocolError(f"{entity} {rec.uuid} arrived without its data")
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
                continue  # older than what we have
            elif rec.revision == obj.revision and wire_hash(obj, refs) == rec.hash:
                _acknowledge(s, obj, rec.revision, now)  # our own change, stored: its answer was lost
                continue
            elif rec.uuid in blocked or obj.revision > obj.synced_revision:
                keep_conflict(s, entity, rec.uuid, change_for(obj, refs).to_json(), rec)
                continue
            else:
                try:
                    from_wire(obj, rec.data, refs)
                except MissingParent:
                    still_deferred.append(rec.to_json())
                    continue
                obj.revision = obj.synced_revision = rec.revision
                changed += 1
            if isinstance(obj, Household):
                pulled_households.append(obj)
        s.flush()
        for obj in created:
            refs.remember(entity, obj.id, obj.uuid)
    find_duplicate_codes(s, pulled_households, refs)
    keep_delivered_conflicts(s, page.conflicts, refs)
    set_state(s, "pull_deferred", json.dumps(still_deferred, ensure_ascii=False) if still_deferred else None)
    set_state(s, "pull_cursor", page.cursor)
    return changed, written


def _page_refs(s: Session, records: list[ServerRecord]) -> KeyedRefs:
    """The parents the page's records name, looked up for this page only (by their UUIDs, in bulk)."""
    refs = KeyedRefs(s)
    wanted: dict[str, set[Any]] = {}
    for rec in records:
        if rec.data is None or rec.entity not in ENTITY_MODELS:
            continue  # no parents to look up (a record without its data is refused below)
        for spec in fields_of(rec.entity):
            if spec.kind == "ref":
                wanted.setdefault(spec.ref or "", set()).add(rec.data.get(spec.name))
    for entity, uuids in wanted.items():
        refs.prefetch_uuids(entity, uuids)
    return refs


def _prefetch_parents_of(refs: KeyedRefs, entity: str, objs: list[Syncable]) -> None:
    """The parents' UUIDs of records already here (their wire form is compared with the server's)."""
    for spec in fields_of(entity):
        if spec.kind == "ref":
            refs.prefetch_ids(spec.ref or "", (getattr(o, column_for(spec)) for o in objs))


def _acknowledge(s: Session, obj: Syncable, revision: int, now: Any) -> None:
    obj.synced_revision = revision
    s.execute(
        update(OutboxEntry)
        .where(
            OutboxEntry.entity_uuid == obj.uuid,
            OutboxEntry.acked_at.is_(None),
            OutboxEntry.revision <= revision,
        )
        .values(acked_at=now, outcome="duplicate")
    )


def keep_delivered_conflicts(s: Session, delivered: list[ServerRecord], refs: RefResolver) -> None:
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
            keep_conflict(s, rec.entity, rec.uuid, change_for(obj, refs).to_json(), rec)


def reference_target(data_dir: Path, kind: str, key: str) -> Path:
    """Where a reference file goes; ``ProtocolError`` for anything that is not a plain name inside."""
    if kind not in REFERENCE_FILE_KINDS or not SAFE_KEY.match(key) or key in (".", ".."):
        raise ProtocolError(f"reference item {kind!r}/{key!r} does not name a file the app keeps")
    base = data_dir / "reference"
    target = base / kind / key
    if not inside(base, target):
        raise ProtocolError(f"reference item {kind!r}/{key!r} points outside the data folder")
    return target


def _apply_reference(s: Session, data_dir: Path, items: list[ReferenceItem]) -> list[tuple[Path, Path]]:
    """Admin units go to their table; forms and rule files to ``<data dir>/reference/<kind>/<key>``.

    Every target is checked first, so a bad item writes nothing; files are written to a temporary
    name here and renamed after the commit."""
    targets: list[tuple[ReferenceItem, Path | None]] = []
    for item in items:
        if item.content is None:
            raise ProtocolError(f"reference item {item.kind}/{item.key} arrived without its content")
        if item.kind == "admin_unit":
            targets.append((item, None))
        elif item.kind in REFERENCE_KINDS or "/" in item.kind or "\\" in item.kind or ".." in item.kind:
            targets.append((item, reference_target(data_dir, item.kind, item.key)))
        else:
            logger.warning("reference kind %r is not known to this version: skipped", item.kind[:40])
    written: list[tuple[Path, Path]] = []
    codes = [item.key for item, final in targets if final is None]
    units = {u.code: u for u in s.scalars(select(AdminUnit).where(AdminUnit.code.in_(codes)))} if codes else {}
    for item, final in targets:
        if final is None:
            c = item.content
            unit = units.get(item.key)  # the units of a page read at once, not a query each
            name = nfc(str(c["name"]))
            if unit is None:
                units[item.key] = AdminUnit(code=item.key, name=name, kind=str(c["kind"]), name_folded=fold(name))
                s.add(units[item.key])
            else:
                unit.name, unit.kind, unit.name_folded = name, str(c["kind"]), fold(name)
            continue
        private_dir(final.parent)
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
