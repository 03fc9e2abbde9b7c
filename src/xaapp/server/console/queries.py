"""What the console pages read: communes, their sync state, a commune's villages, their counts.

Counts come from ``console_tally`` (a few rows per village and year), names of communes from the
province's unit list (``reference_item``), devices, conflicts and rejections from the sync tables.
A rejection is *open* while the server holds no accepted version of that record at or after the
rejected revision; a conflict is *pending* while the record is still at the server revision the
device conflicted with (the laptop has not sent the officer's choice yet).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, and_, exists, func, or_, select

from xaapp.domain.text import sort_key
from xaapp.server.console.schema import (
    console_feed,
    console_tally,
    console_village,
)
from xaapp.server.devices import DeviceRow  # one device row for the sync API and the console
from xaapp.server.schema import conflict, device, record, reference_item, rejection, sync_file

STEP_METRICS = ("households", "surveyed", "final", "posted", "decided")


@dataclass(frozen=True)
class Unit:
    code: str
    name: str
    kind: str


def units(conn: Connection) -> dict[str, Unit]:
    """The province's communes and wards, by code (from the reference data the server ships)."""
    out = {}
    for key, content in conn.execute(
        select(reference_item.c.key, reference_item.c.content).where(reference_item.c.kind == "admin_unit")
    ):
        data = json.loads(content)
        out[key] = Unit(key, str(data.get("name", key)), str(data.get("kind", "")))
    return out


def years(conn: Connection) -> list[int]:
    """Review years with at least one review, newest first."""
    return sorted(
        (
            int(y)
            for y in conn.scalars(
                select(console_tally.c.year)
                .where(console_tally.c.year > 0, console_tally.c.metric == "surveyed")
                .distinct()
            )
        ),
        reverse=True,
    )


def _in_scope(column: Any, communes: Iterable[str] | None) -> Any:
    return column.in_(list(communes)) if communes is not None else True


def tallies(
    conn: Connection,
    year: int,
    by: str,
    communes: Iterable[str] | None,
    village_of_commune: str | None = None,
) -> dict[str, dict[str, int]]:
    """{commune code or village uuid: {metric: n}} for *year* (and the register's households)."""
    key = console_tally.c.commune_code if by == "commune" else console_tally.c.village_uuid
    cond = [
        or_(
            console_tally.c.year == year,
            and_(console_tally.c.year == 0, console_tally.c.metric == "households"),
        ),
        _in_scope(console_tally.c.commune_code, communes),
    ]
    if village_of_commune is not None:
        cond.append(console_tally.c.commune_code == village_of_commune)
    q = (
        select(key, console_tally.c.metric, func.sum(console_tally.c.value))
        .where(*cond)
        .group_by(key, console_tally.c.metric)
    )
    out: dict[str, dict[str, int]] = defaultdict(dict)
    for k, metric, n in conn.execute(q):
        out[k][metric] = int(n)
    return out


@dataclass(frozen=True)
class SyncFacts:
    last_sync: datetime | None = None
    devices: int = 0
    conflicts: int = 0
    rejected: int = 0


def sync_facts(conn: Connection, communes: Iterable[str] | None) -> dict[str, SyncFacts]:
    seen: dict[str, dict[str, Any]] = defaultdict(
        lambda: {"last_sync": None, "devices": 0, "conflicts": 0, "rejected": 0}
    )

    def later(code: str, when: datetime | None) -> None:
        if when is not None and (seen[code]["last_sync"] is None or when > seen[code]["last_sync"]):
            seen[code]["last_sync"] = when

    dq = (
        select(
            device.c.commune_code,
            func.max(device.c.last_seen_at),
            func.count().filter(device.c.revoked_at.is_(None)),
        )
        .where(_in_scope(device.c.commune_code, communes))
        .group_by(device.c.commune_code)
    )
    for code, last, active in conn.execute(dq):
        later(code, last)
        seen[code]["devices"] = int(active or 0)
    fq = (
        select(device.c.commune_code, func.max(sync_file.c.imported_at))
        .join(device, device.c.id == sync_file.c.device_id)
        .where(_in_scope(device.c.commune_code, communes))
        .group_by(device.c.commune_code)
    )
    for code, last in conn.execute(fq):
        later(code, last)
    cq = (
        select(conflict.c.commune_code, func.count(func.distinct(conflict.c.uuid)))
        .join(record, and_(record.c.uuid == conflict.c.uuid, record.c.revision == conflict.c.server_revision))
        .where(_in_scope(conflict.c.commune_code, communes))
        .group_by(conflict.c.commune_code)
    )
    for code, n in conn.execute(cq):
        seen[code]["conflicts"] = int(n)
    rq = (
        select(rejection.c.commune_code, func.count(func.distinct(rejection.c.uuid)))
        .where(_in_scope(rejection.c.commune_code, communes), ~_fixed())
        .group_by(rejection.c.commune_code)
    )
    for code, n in conn.execute(rq):
        seen[code]["rejected"] = int(n)
    return {code: SyncFacts(**v) for code, v in seen.items()}


def _fixed() -> Any:
    """A rejected record since accepted at or after the rejected revision."""
    return exists().where(record.c.uuid == rejection.c.uuid, record.c.revision >= rejection.c.revision)


@dataclass(frozen=True)
class CommuneRow:
    unit: Unit
    sync: SyncFacts
    counts: dict[str, int]
    refreshed_at: datetime | None = None

    def n(self, metric: str) -> int:
        return self.counts.get(metric, 0)


def communes(conn: Connection, year: int, scope: Iterable[str] | None) -> list[CommuneRow]:
    """Every commune in scope (synced or not), sorted by name the Vietnamese way."""
    known = units(conn)
    codes = sorted(set(scope) & set(known)) if scope is not None else sorted(known)
    counts = tallies(conn, year, "commune", codes if scope is not None else None)
    facts = sync_facts(conn, codes if scope is not None else None)
    refreshed = dict(conn.execute(select(console_feed.c.commune_code, console_feed.c.refreshed_at)).all())
    rows = [
        CommuneRow(known[c], facts.get(c, SyncFacts()), counts.get(c, {}), refreshed.get(c)) for c in codes
    ]
    return sorted(rows, key=lambda r: sort_key(r.unit.name))


@dataclass(frozen=True)
class VillageRow:
    uuid: str
    name: str
    counts: dict[str, int]

    def n(self, metric: str) -> int:
        return self.counts.get(metric, 0)


def villages(conn: Connection, commune_code: str, year: int) -> list[VillageRow]:
    names = conn.execute(
        select(console_village.c.uuid, console_village.c.name).where(
            console_village.c.commune_code == commune_code, console_village.c.deleted.is_(False)
        )
    ).all()
    counts = tallies(conn, year, "village", [commune_code], commune_code)
    rows = [VillageRow(u, n, counts.get(u, {})) for u, n in names]
    return sorted(rows, key=lambda r: sort_key(r.name))


def village(conn: Connection, commune_code: str, village_uuid: str) -> VillageRow | None:
    r = conn.execute(
        select(console_village.c.uuid, console_village.c.name).where(
            console_village.c.uuid == village_uuid,
            console_village.c.commune_code == commune_code,
            console_village.c.deleted.is_(False),
        )
    ).first()
    return VillageRow(r.uuid, r.name, {}) if r is not None else None


@dataclass(frozen=True)
class RejectionRow:
    entity: str
    uuid: str
    revision: int
    field: str
    reason: str
    device_id: str
    received_at: datetime


def open_rejections(conn: Connection, commune_code: str, limit: int = 100) -> list[RejectionRow]:
    q = (
        select(rejection)
        .where(rejection.c.commune_code == commune_code, ~_fixed())
        .order_by(rejection.c.id.desc())
        .limit(limit)
    )
    return [
        RejectionRow(r.entity, r.uuid, r.revision, r.field, r.reason, r.device_id, r.received_at)
        for r in conn.execute(q)
    ]


def devices(conn: Connection, communes: Iterable[str] | None) -> list[DeviceRow]:
    q = (
        select(device)
        .where(_in_scope(device.c.commune_code, communes))
        .order_by(device.c.commune_code, device.c.enrolled_at)
    )
    return [
        DeviceRow(
            r.id, r.commune_code, r.label, r.enrolled_at, r.revoked_at, r.last_seen_at, r.token_expires_at
        )
        for r in conn.execute(q)
    ]
