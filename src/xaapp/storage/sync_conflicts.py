"""Conflicts kept for the officer: a record the server holds in another version, or a household whose
code another household of the same village already has (typed on two laptops).

Both are ``SyncConflict`` rows. A duplicate code is marked by ``"kind": "duplicate_code"`` in its
``server_payload`` (the other household, with its own UUID): it does not hold the record back (the
officer's fix — a new code, or the copy deleted — must be able to travel) and it clears itself once
the two households no longer share village and code.
"""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import select
from sqlalchemy.orm import Session

from xaapp.domain.clock import utcnow
from xaapp.storage.orm import Household, Syncable, SyncConflict
from xaapp.storage.records import RefResolver, change_for, load_by_uuid
from xaapp.sync.protocol import ServerRecord

DUPLICATE_CODE = "duplicate_code"


def is_duplicate_code(payload: dict[str, Any]) -> bool:
    return payload.get("kind") == DUPLICATE_CODE


def blocking_uuids(s: Session) -> set[str]:
    """Records held back from sending: those with an open conflict of versions."""
    rows = s.execute(
        select(SyncConflict.entity_uuid, SyncConflict.server_payload).where(
            SyncConflict.resolved_at.is_(None)
        )
    )
    return {uuid for uuid, payload in rows if not is_duplicate_code(payload)}


def keep_conflict(s: Session, entity: str, uuid: str, local: dict[str, Any], server: ServerRecord) -> None:
    """Open (or refresh) the conflict of one record; one open conflict per record, newest server side."""
    row = next(
        (
            r
            for r in s.scalars(
                select(SyncConflict).where(
                    SyncConflict.entity_uuid == uuid, SyncConflict.resolved_at.is_(None)
                )
            )
            if not is_duplicate_code(r.server_payload)
        ),
        None,
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


def keep_duplicate_code(s: Session, obj: Syncable, local: dict[str, Any], other: ServerRecord) -> None:
    """Ask the officer about *obj*, a household sharing village and code with *other* (another UUID)."""
    if other.uuid == obj.uuid:
        return
    payload = {**other.to_json(), "kind": DUPLICATE_CODE}
    for row in s.scalars(select(SyncConflict).where(SyncConflict.entity_uuid == obj.uuid)):
        if is_duplicate_code(row.server_payload) and row.server_payload.get("uuid") == other.uuid:
            if row.resolved_at is None or row.resolution != "dismiss":
                row.local_payload, row.server_payload = local, payload
                row.resolved_at = row.resolution = None
            return
        if row.server_revision == other.revision and row.entity == "household":
            return  # the unique key is taken by a conflict of versions: that one is asked first
    s.add(
        SyncConflict(
            entity="household",
            entity_uuid=obj.uuid,
            local_payload=local,
            server_payload=payload,
            server_revision=other.revision,
            created_at=utcnow(),
        )
    )


def find_duplicate_codes(s: Session, households: list[Household], refs: RefResolver) -> None:
    """After pulling *households*: flag each one that shares village and code with a live local household."""
    live = [h for h in households if h.deleted_at is None and h.code]
    if not live:
        return
    codes = sorted({h.code for h in live if h.code})
    others: dict[tuple[int, str], list[Household]] = {}
    for i in range(0, len(codes), 500):
        q = select(Household).where(Household.code.in_(codes[i : i + 500]), Household.deleted_at.is_(None))
        for h in s.scalars(q):
            others.setdefault((h.village_id, h.code or ""), []).append(h)
    for pulled in live:
        for mine in others.get((pulled.village_id, pulled.code or ""), []):
            if mine.uuid != pulled.uuid:
                c = change_for(pulled, refs)
                server = ServerRecord(c.entity, c.uuid, pulled.revision, c.op, c.data, c.hash)
                keep_duplicate_code(s, mine, change_for(mine, refs).to_json(), server)


def clear_settled_duplicates(s: Session, refs: RefResolver) -> None:
    """Close duplicate-code questions the officer has answered by editing (new code, copy deleted)."""
    now = utcnow()
    for row in s.scalars(select(SyncConflict).where(SyncConflict.resolved_at.is_(None))):
        payload = row.server_payload
        if not is_duplicate_code(payload):
            continue
        mine = cast("Household | None", load_by_uuid(s, "household", [row.entity_uuid]).get(row.entity_uuid))
        other = cast(
            "Household | None",
            load_by_uuid(s, "household", [str(payload.get("uuid"))]).get(str(payload.get("uuid"))),
        )
        other_key: tuple[int | None, Any, bool]
        if other is not None:
            other_key = (other.village_id, other.code, other.deleted_at is None)
        else:
            data = payload.get("data") or {}
            village = refs.id_of("village", str(data.get("village_uuid")))
            other_key = (village, data.get("code"), not data.get("deleted_at"))
        if mine is None or mine.deleted_at is not None or not other_key[2]:
            still = False
        else:
            still = (mine.village_id, mine.code) == other_key[:2]
        if not still:
            row.resolved_at, row.resolution = now, "cleared"
