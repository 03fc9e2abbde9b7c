"""Household list rows for the register screens (one query per table; 20,000 households in well under a second)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import case, func, select

from xaapp.domain.text import fold
from xaapp.storage.db import Database
from xaapp.storage.orm import Household, Person, PovertyReview, Village

#: Review steps, latest first: the first date that is set tells where the household's review stands.
STEPS = (
    ("recognised_on", "recognised"),
    ("posted_on", "posted"),
    ("meeting_on", "meeting"),
    ("surveyed_on", "surveyed"),
    ("listed_on", "listed"),
)


#: Rows fetched per round trip: one fetchall of 80,000 people holds the GIL ~140 ms in C, which froze
#: the UI thread while the list loaded in the background (bench/bench_desktop.py).
_CHUNK = 500


@dataclass(frozen=True)
class HouseholdRow:
    id: int
    uuid: str
    code: str
    head_name: str
    village_id: int
    village: str
    members: int
    result_class: str | None
    step: str  # a code of STEPS, "not_started", or "" when the household has no review that year
    pending_sync: bool
    search_text: str  # folded names, IDs and phones of everyone in the household
    #: Each member as "name\tID\tphone", one per line: the list says which member a search found.
    members_text: str = ""


@dataclass(frozen=True)
class VillageRow:
    id: int
    name: str
    households: int


def village_rows(db: Database) -> list[VillageRow]:
    with db.read() as s:
        counts: dict[int, int] = {}
        for (vid,) in s.execute(select(Household.village_id).where(Household.deleted_at.is_(None))):
            counts[vid] = counts.get(vid, 0) + 1
        villages = s.scalars(select(Village).where(Village.deleted_at.is_(None)))
        return sorted(
            (VillageRow(v.id, v.name, counts.get(v.id, 0)) for v in villages), key=lambda r: fold(r.name)
        )


def household_rows(db: Database, review_year: int) -> list[HouseholdRow]:
    with db.read() as s:
        villages = dict(s.execute(select(Village.id, Village.name)).all())
        # Members summed up per household in SQL (count, head, search text): building ~80,000
        # per-person tuples in Python made the garbage collector run full collections that froze
        # the UI thread while the list reloaded in the background (bench/bench_desktop.py).
        people: dict[int, tuple[int, str | None, str, str]] = {}
        member = (
            Person.full_name
            + "\t"
            + func.coalesce(Person.personal_id, "")
            + "\t"
            + func.coalesce(Person.phone, "")
        )
        for hid, count, head, folded, ids, phones, members in s.execute(
            select(
                Person.household_id,
                func.count(),
                func.max(case((Person.relationship_to_head == "head", Person.full_name))),
                func.group_concat(Person.name_folded, " "),
                func.group_concat(func.coalesce(Person.personal_id, ""), " "),
                func.group_concat(func.coalesce(Person.phone, ""), " "),
                func.group_concat(member, "\n"),
            )
            .where(Person.deleted_at.is_(None))
            .group_by(Person.household_id)
            .execution_options(yield_per=_CHUNK)
        ):
            people[hid] = (count, head, f"{folded} {ids} {phones}", members)
        headless = [hid for hid, (_n, head, _t, _m) in people.items() if head is None]
        first_member: dict[int, str] = {}
        for hid, name in s.execute(
            select(Person.household_id, Person.full_name)
            .where(Person.household_id.in_(headless), Person.deleted_at.is_(None))
            .order_by(Person.position.desc())
        ):
            first_member[hid] = name  # the lowest position wins (ordered last)
        # Only the columns the list shows (not the answers JSON), in chunks: see _CHUNK.
        step_columns = [getattr(PovertyReview, attr) for attr, _ in STEPS]
        reviews = {
            hid: (cls, next((code for (_a, code), on in zip(STEPS, dates, strict=True) if on), "not_started"))
            for hid, cls, *dates in s.execute(
                select(PovertyReview.household_id, PovertyReview.result_class, *step_columns)
                .where(PovertyReview.review_year == review_year, PovertyReview.deleted_at.is_(None))
                .execution_options(yield_per=_CHUNK)
            )
        }
        rows = []
        # Plain columns, not ORM objects: 20,000 mapped instances (with their states) made the
        # garbage collector run full collections that froze the UI thread during a reload.
        for hid, huuid, code, village_id, phone, revision, synced in s.execute(
            select(
                Household.id,
                Household.uuid,
                Household.code,
                Household.village_id,
                Household.phone,
                Household.revision,
                Household.synced_revision,
            )
            .where(Household.deleted_at.is_(None))
            .execution_options(yield_per=_CHUNK)
        ):
            count, head, text, members = people.get(hid, (0, None, "", ""))
            head = head or first_member.get(hid, "")
            review = reviews.get(hid)
            step = review[1] if review is not None else ""
            haystack = f"{text} {phone or ''} {code or ''}"
            rows.append(
                HouseholdRow(
                    hid,
                    huuid,
                    code or "",
                    head,
                    village_id,
                    villages.get(village_id, ""),
                    count,
                    review[0] if review else None,
                    step,
                    revision > synced,
                    haystack,
                    members,
                )
            )
        return rows
