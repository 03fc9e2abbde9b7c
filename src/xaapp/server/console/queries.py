"""What the console pages read: communes, a commune's villages, a village's households, a household.

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
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, and_, exists, func, or_, select

from xaapp.domain.text import name_sort_key, sort_key
from xaapp.server.console import tally
from xaapp.server.console.schema import (
    console_feed,
    console_household,
    console_person,
    console_review,
    console_tally,
    console_village,
)
from xaapp.server.schema import conflict, device, record, record_version, reference_item, rejection, sync_file

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
    return sorted(
        (int(y) for y in conn.scalars(select(console_tally.c.year).where(console_tally.c.year > 0).distinct())),
        reverse=True,
    )


def _in_scope(column: Any, communes: Iterable[str] | None) -> Any:
    return column.in_(list(communes)) if communes is not None else True


def tallies(
    conn: Connection, year: int, by: str, communes: Iterable[str] | None, village_of_commune: str | None = None
) -> dict[str, dict[str, int]]:
    """{commune code or village uuid: {metric: n}} for *year* (and the register's households)."""
    key = console_tally.c.commune_code if by == "commune" else console_tally.c.village_uuid
    cond = [
        or_(console_tally.c.year == year, and_(console_tally.c.year == 0, console_tally.c.metric == "households")),
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
    seen: dict[str, dict[str, Any]] = defaultdict(lambda: {"last_sync": None, "devices": 0, "conflicts": 0, "rejected": 0})

    def later(code: str, when: datetime | None) -> None:
        if when is not None and (seen[code]["last_sync"] is None or when > seen[code]["last_sync"]):
            seen[code]["last_sync"] = when

    dq = (
        select(device.c.commune_code, func.max(device.c.last_seen_at), func.count().filter(device.c.revoked_at.is_(None)))
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
    rows = [CommuneRow(known[c], facts.get(c, SyncFacts()), counts.get(c, {}), refreshed.get(c)) for c in codes]
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


@dataclass(frozen=True)
class DeviceRow:
    id: str
    commune_code: str
    label: str
    enrolled_at: datetime
    revoked_at: datetime | None
    last_seen_at: datetime | None


def devices(conn: Connection, communes: Iterable[str] | None) -> list[DeviceRow]:
    q = select(device).where(_in_scope(device.c.commune_code, communes)).order_by(device.c.commune_code, device.c.enrolled_at)
    return [DeviceRow(r.id, r.commune_code, r.label, r.enrolled_at, r.revoked_at, r.last_seen_at) for r in conn.execute(q)]


# --- households -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Member:
    uuid: str
    position: int | None
    full_name: str
    sex: str
    birth: str
    personal_id: str | None
    relationship: str


@dataclass(frozen=True)
class HouseholdRow:
    uuid: str
    code: str
    address: str
    head: Member | None
    members: int
    review: tally.ReviewFacts | None  # the review that counts for the year
    reason_vi: str
    reason_en: str
    surveyed: bool  # a review of the year exists (draft or final)


def _members(conn: Connection, household_uuids: list[str]) -> dict[str, list[Member]]:
    out: dict[str, list[Member]] = defaultdict(list)
    for start in range(0, len(household_uuids), 900):
        q = select(console_person).where(
            console_person.c.household_uuid.in_(household_uuids[start : start + 900]),
            console_person.c.deleted.is_(False),
        )
        for p in conn.execute(q):
            birth = p.dob or (str(p.birth_year) if p.birth_year else "")
            out[p.household_uuid].append(
                Member(p.uuid, p.position, p.full_name, p.sex, birth, p.personal_id, p.relationship)
            )
    for people in out.values():
        people.sort(key=lambda m: (m.position if m.position is not None else 1_000_000, m.uuid))
    return out


def _head(people: list[Member]) -> Member | None:
    return next((m for m in people if m.relationship == "head"), people[0] if people else None)


def _reviews(conn: Connection, household_uuids: list[str]) -> list[Any]:
    out = []
    for start in range(0, len(household_uuids), 900):
        q = select(console_review).where(
            console_review.c.household_uuid.in_(household_uuids[start : start + 900]),
            console_review.c.deleted.is_(False),
        )
        out.extend(conn.execute(q).all())
    return out


def households(conn: Connection, village_uuid: str, year: int) -> list[HouseholdRow]:
    """The village's households with their class of *year*, sorted by the head's name."""
    hh = conn.execute(
        select(console_household).where(
            console_household.c.village_uuid == village_uuid, console_household.c.deleted.is_(False)
        )
    ).all()
    uuids = [h.uuid for h in hh]
    people = _members(conn, uuids)
    rows = [r for r in _reviews(conn, uuids) if r.review_year == year]
    chosen = tally.counting_reviews(tally.ReviewFacts.from_row(r) for r in rows)
    reasons = {r.uuid: (r.reason_vi, r.reason_en) for r in rows}
    started = {r.household_uuid for r in rows}
    out = []
    for h in hh:
        review = chosen.get((h.uuid, year))
        vi, en = reasons.get(review.uuid, ("", "")) if review else ("", "")
        members = people.get(h.uuid, [])
        out.append(
            HouseholdRow(h.uuid, h.code, h.address, _head(members), len(members), review, vi, en, h.uuid in started)
        )
    return sorted(out, key=lambda r: (name_sort_key(r.head.full_name if r.head else ""), r.code, r.uuid))


@dataclass(frozen=True)
class ReviewRow:
    uuid: str
    year: int
    kind: str
    month: int | None
    status: str
    result_class: str | None
    reason_vi: str
    reason_en: str
    deprivations: tuple[str, ...]
    surveyed_on: str | None
    posted_on: str | None
    recognised_on: str | None
    decision_no: str | None
    counts: bool  # the review that counts for its year


@dataclass(frozen=True)
class Revision:
    entity: str
    uuid: str
    revision: int
    op: str
    device_id: str
    received_at: datetime
    changed: tuple[tuple[str, Any, Any], ...]  # (field, before, after)


@dataclass(frozen=True)
class HouseholdDetail:
    uuid: str
    commune_code: str
    village_uuid: str
    village_name: str
    code: str
    address: str
    members: list[Member]
    reviews: list[ReviewRow]
    history: list[Revision] = field(default_factory=list)


_SKIP_IN_DIFF = {"created_at", "updated_at", "answers", "result", "details"}


def _diff(before: dict[str, Any] | None, after: dict[str, Any]) -> tuple[tuple[str, Any, Any], ...]:
    keys = sorted(set(after) | set(before or {}))
    out = []
    for k in keys:
        if k in _SKIP_IN_DIFF:
            continue
        old = (before or {}).get(k)
        new = after.get(k)
        if old != new:
            out.append((k, old, new))
    return tuple(out)


def history(conn: Connection, entities: dict[str, str], limit: int = 300) -> list[Revision]:
    """Every synced revision of the given records ({uuid: entity}), newest first, with what changed."""
    rows: list[Any] = []
    keys = list(entities)
    for start in range(0, len(keys), 900):
        q = select(
            record_version.c.uuid,
            record_version.c.revision,
            record_version.c.op,
            record_version.c.data,
            record_version.c.device_id,
            record_version.c.received_at,
        ).where(record_version.c.uuid.in_(keys[start : start + 900]))
        rows.extend(conn.execute(q).all())
    rows.sort(key=lambda r: (r.uuid, r.revision))
    out: list[Revision] = []
    previous: dict[str, dict[str, Any]] = {}
    for r in rows:
        data = json.loads(r.data)
        out.append(
            Revision(entities[r.uuid], r.uuid, r.revision, r.op, r.device_id, r.received_at, _diff(previous.get(r.uuid), data))
        )
        previous[r.uuid] = data
    out.sort(key=lambda v: (v.received_at, v.revision), reverse=True)
    return out[:limit]


def household(conn: Connection, commune_code: str, uuid: str) -> HouseholdDetail | None:
    h = conn.execute(
        select(console_household).where(
            console_household.c.uuid == uuid, console_household.c.commune_code == commune_code
        )
    ).first()
    if h is None:
        return None
    v = conn.execute(select(console_village.c.name).where(console_village.c.uuid == h.village_uuid)).scalar()
    people = _members(conn, [uuid]).get(uuid, [])
    review_rows = _reviews(conn, [uuid])
    counting = {r.uuid for r in tally.counting_reviews(tally.ReviewFacts.from_row(r) for r in review_rows).values()}
    reviews = [
        ReviewRow(
            r.uuid, r.review_year, r.kind, r.review_month, r.status, r.result_class, r.reason_vi, r.reason_en,
            tally.ReviewFacts.from_row(r).deprivations, r.surveyed_on, r.posted_on, r.recognised_on,
            r.decision_no, r.uuid in counting,
        )
        for r in review_rows
    ]  # fmt: skip
    reviews.sort(key=lambda r: (r.year, r.counts, r.month or 0), reverse=True)
    entities = {uuid: "household", **{m.uuid: "person" for m in people}, **{r.uuid: "poverty_review" for r in reviews}}
    return HouseholdDetail(
        uuid, commune_code, h.village_uuid, v or "", h.code, h.address, people, reviews, history(conn, entities)
    )
