"""Read-only overviews for the shell's screens: beneficiaries, review totals by village, sync backlog."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select

from xaapp.domain.text import sort_key
from xaapp.storage.db import Database
from xaapp.storage.orm import (
    AllowancePeriod,
    Beneficiary,
    Household,
    OutboxEntry,
    Person,
    PovertyReview,
    SyncState,
    Village,
)


@dataclass(frozen=True)
class BeneficiaryRow:
    id: int
    full_name: str
    dob: dt.date | None
    village: str
    clauses: str
    amount: int
    status: str


@dataclass(frozen=True)
class ReviewTotalRow:
    village: str
    households: int
    reviewed: int
    poor: int
    near_poor: int
    final: int


@dataclass(frozen=True)
class SyncStatus:
    pending_changes: int
    last_success: str | None
    server_url: str | None


def beneficiary_rows(db: Database) -> list[BeneficiaryRow]:
    with db.read() as s:
        latest: dict[int, int] = {}
        for bid, _month, amount in s.execute(
            select(AllowancePeriod.beneficiary_id, AllowancePeriod.from_month, AllowancePeriod.amount)
            .where(AllowancePeriod.deleted_at.is_(None))
            .order_by(AllowancePeriod.from_month)
        ):
            latest[bid] = amount
        query = (
            select(Beneficiary, Person.full_name, Person.dob, Village.name)
            .join(Person, Beneficiary.person_id == Person.id)
            .join(Household, Person.household_id == Household.id)
            .join(Village, Household.village_id == Village.id)
            .where(Beneficiary.deleted_at.is_(None))
        )
        return [
            BeneficiaryRow(b.id, name, dob, village, ", ".join(b.clauses), latest.get(b.id, 0), b.status)
            for b, name, dob, village in s.execute(query)
        ]


def review_totals(db: Database, year: int) -> list[ReviewTotalRow]:
    with db.read() as s:
        households = dict(
            s.execute(
                select(Village.name, func.count(Household.id))
                .join(Household, Household.village_id == Village.id)
                .where(Household.deleted_at.is_(None))
                .group_by(Village.name)
            ).all()
        )
        stats: dict[str, list[int]] = {v: [0, 0, 0, 0] for v in households}
        query = (
            select(Village.name, PovertyReview.result_class, PovertyReview.status)
            .join(Household, PovertyReview.household_id == Household.id)
            .join(Village, Household.village_id == Village.id)
            .where(PovertyReview.review_year == year, PovertyReview.deleted_at.is_(None))
        )
        for village, cls, status in s.execute(query):
            row = stats.setdefault(village, [0, 0, 0, 0])
            row[0] += 1
            row[1] += cls == "poor"
            row[2] += cls == "near_poor"
            row[3] += status == "final"
        ordered = sorted(stats.items(), key=lambda item: sort_key(item[0]))
        return [ReviewTotalRow(v, households.get(v, 0), *counts) for v, counts in ordered]


def sync_status(db: Database) -> SyncStatus:
    with db.read() as s:
        pending = (
            s.scalar(select(func.count()).select_from(OutboxEntry).where(OutboxEntry.acked_at.is_(None))) or 0
        )
        state = dict(s.execute(select(SyncState.key, SyncState.value)).all())
        return SyncStatus(pending, state.get("last_success"), state.get("server_url"))
