"""Rows of the monthly payment list and the bank transfer file: who is paid in a month, and how much.

A beneficiary is paid in a month when its start month has come, its status then (from its
events: start/resume, suspend, stop, each from an effective month) is active, and an allowance
period is in force (the latest ``from_month`` not after the month). Sorted by village, then name.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select

from xaapp.domain.text import name_sort_key, sort_key
from xaapp.services.listing import village_names
from xaapp.storage.db import Database
from xaapp.storage.orm import (
    AllowancePeriod,
    Beneficiary,
    BeneficiaryEvent,
    Household,
    Person,
)


@dataclass(frozen=True)
class PaymentRow:
    """A beneficiary paid in a month: the allowance period in force and the bank details."""

    beneficiary_id: int
    village_id: int
    village: str
    full_name: str
    birth: dt.date | int | None
    sex: str
    personal_id: str | None
    clauses: tuple[str, ...]
    standard_level: int
    coefficient: float
    amount: int
    bank_account: str | None
    bank_name: str | None

    @property
    def clause_text(self) -> str:
        return ", ".join(self.clauses)


def _status_at(month: str, status: str, start_month: str, events: list[tuple[str, str]]) -> str:
    """A beneficiary's status in *month* from its events (start/resume, suspend, stop) up to then."""
    if start_month > month:
        return "not_started"
    if not events:
        return status
    current = "active"
    for effective, action in sorted(events):
        if effective > month:
            break
        if action in ("start", "resume"):
            current = "active"
        elif action == "suspend":
            current = "suspended"
        elif action == "stop":
            current = "stopped"
    return current


def payment_rows(db: Database, month: str, village_id: int | None = None) -> list[PaymentRow]:
    """Beneficiaries active in *month* (YYYY-MM) with the allowance in force then, by village and name."""
    with db.read() as s:
        q = (
            select(
                Beneficiary.id,
                Beneficiary.clauses,
                Beneficiary.status,
                Beneficiary.start_month,
                Beneficiary.bank_account,
                Beneficiary.bank_name,
                Person.full_name,
                Person.dob,
                Person.birth_year,
                Person.sex,
                Person.personal_id,
                Household.village_id,
            )
            .join(Person, Person.id == Beneficiary.person_id)
            .join(Household, Household.id == Person.household_id)
            .where(
                Beneficiary.deleted_at.is_(None),
                Person.deleted_at.is_(None),
                Household.deleted_at.is_(None),
                Beneficiary.start_month <= month,
            )
        )
        if village_id is not None:
            q = q.where(Household.village_id == village_id)
        beneficiaries = s.execute(q).all()
        events: dict[int, list[tuple[str, str]]] = defaultdict(list)
        for bid, effective, action in s.execute(
            select(
                BeneficiaryEvent.beneficiary_id, BeneficiaryEvent.effective_month, BeneficiaryEvent.action
            ).where(BeneficiaryEvent.deleted_at.is_(None), BeneficiaryEvent.effective_month <= month)
        ):
            events[bid].append((effective, action))
        periods: dict[int, tuple[str, int, int, float, int]] = {}
        for bid, from_month, pid, level, coefficient, amount in s.execute(
            select(
                AllowancePeriod.beneficiary_id,
                AllowancePeriod.from_month,
                AllowancePeriod.id,
                AllowancePeriod.standard_level,
                AllowancePeriod.coefficient,
                AllowancePeriod.amount,
            ).where(AllowancePeriod.deleted_at.is_(None), AllowancePeriod.from_month <= month)
        ):
            key = (from_month, pid)
            if bid not in periods or key > periods[bid][:2]:
                periods[bid] = (from_month, pid, level, coefficient, amount)
        names = village_names(s)
    rows: list[PaymentRow] = []
    for b in beneficiaries:
        if _status_at(month, b.status, b.start_month, events.get(b.id, [])) != "active":
            continue
        period = periods.get(b.id)
        if period is None or period[4] <= 0:
            continue
        rows.append(
            PaymentRow(
                beneficiary_id=b.id,
                village_id=b.village_id,
                village=names.get(b.village_id, ""),
                full_name=b.full_name,
                birth=b.dob or b.birth_year,
                sex=b.sex,
                personal_id=b.personal_id,
                clauses=tuple(str(c) for c in (b.clauses or [])),
                standard_level=period[2],
                coefficient=float(period[3]),
                amount=int(period[4]),
                bank_account=b.bank_account,
                bank_name=b.bank_name,
            )
        )
    return sorted(rows, key=lambda r: (sort_key(r.village), name_sort_key(r.full_name), r.beneficiary_id))


def bank_rows(db: Database, month: str, village_id: int | None = None) -> list[PaymentRow]:
    """The payment list restricted to beneficiaries with a bank account (cashless payment file)."""
    return [r for r in payment_rows(db, month, village_id) if r.bank_account]
