"""What the console shows of households: a village's households with their class of a year, and one
household with its members, reviews and every synced revision (what changed, from which device).

Read-only: households are changed on the commune's laptop. Personal IDs are returned as stored; the
pages mask them (``web.mask_id``) except on a household's own page for the roles allowed.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select

from xaapp.domain.text import name_sort_key
from xaapp.server.console import tally
from xaapp.server.console.schema import console_household, console_person, console_review, console_village
from xaapp.server.schema import record_version


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
    out: list[Any] = []
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
            HouseholdRow(
                h.uuid, h.code, h.address, _head(members), len(members), review, vi, en, h.uuid in started
            )
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
            Revision(
                entities[r.uuid],
                r.uuid,
                r.revision,
                r.op,
                r.device_id,
                r.received_at,
                _diff(previous.get(r.uuid), data),
            )
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
    counting = {
        r.uuid for r in tally.counting_reviews(tally.ReviewFacts.from_row(r) for r in review_rows).values()
    }
    reviews = [
        ReviewRow(
            r.uuid, r.review_year, r.kind, r.review_month, r.status, r.result_class, r.reason_vi, r.reason_en,
            tally.ReviewFacts.from_row(r).deprivations, r.surveyed_on, r.posted_on, r.recognised_on,
            r.decision_no, r.uuid in counting,
        )
        for r in review_rows
    ]  # fmt: skip
    reviews.sort(key=lambda r: (r.year, r.counts, r.month or 0), reverse=True)
    entities = {
        uuid: "household",
        **{m.uuid: "person" for m in people},
        **{r.uuid: "poverty_review" for r in reviews},
    }
    return HouseholdDetail(
        uuid,
        commune_code,
        h.village_uuid,
        v or "",
        h.code,
        h.address,
        people,
        reviews,
        history(conn, entities),
    )
