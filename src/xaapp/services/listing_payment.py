"""Rows of the monthly payment list and the bank transfer file: who is paid in a month, and how much.

A beneficiary is paid in month M exactly when it is active in M (:func:`status_in_month`): its start
month is not after M, and its status changes up to M (events: start, suspend, stop, resume, each
taking effect from its month, in the order they were recorded) leave it active; and an allowance
period is in force (the latest ``from_month`` not after M) with an amount. Someone whose allowance
starts in M + 1 is not on M's list; someone suspended or stopped from M is not paid in M, and
someone resumed from M is. Sorted by village, then name.

Each row carries the rule figures its amount rests on that are not verified (``rules.figures``),
so the printed list can mark the amount and explain the mark in a footnote.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from xaapp.domain.text import name_sort_text, sort_text
from xaapp.rules.figures import Figure, ages_in_month, allowance_figures, not_verified
from xaapp.services.listing import village_names
from xaapp.services.listing_chunks import FETCH
from xaapp.storage.db import Database
from xaapp.storage.orm import (
    AllowancePeriod,
    Beneficiary,
    BeneficiaryEvent,
    Household,
    Person,
)

#: Printed in the coefficient column of a row paid as the social pension (Luật Bảo hiểm xã hội 2024:
#: someone entitled to both is paid the higher), which has no coefficient.
PENSION_NOTE = "hưởng trợ cấp hưu trí xã hội"


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
    #: Rule figures the amount rests on that are not verified (empty: all verified).
    unverified: tuple[Figure, ...] = ()

    @property
    def clause_text(self) -> str:
        return ", ".join(self.clauses)

    @property
    def paid_as_pension(self) -> bool:
        """The amount is the social pension's, higher than the allowance (it has no coefficient)."""
        return not self.coefficient and self.amount > 0

    @property
    def coefficient_text(self) -> str:
        """The coefficient as printed ("1,5"), or why there is none (the social pension is paid)."""
        if self.paid_as_pension:
            return PENSION_NOTE
        return f"{self.coefficient:g}".replace(".", ",")


def status_in_month(month: str, status: str, start_month: str, events: list[tuple[str, int, str]]) -> str:
    """A beneficiary's status in *month* (``YYYY-MM``): "not_started", "active", "suspended" or "stopped".

    *events* are every (effective month, id, action) of the beneficiary (any month; the id keeps the
    order of two changes in one month). Before ``start_month``, or before its first "start" event,
    it has not started. A beneficiary with no events at all (loaded from elsewhere) has only its
    current *status* to go by.
    """
    if start_month > month:
        return "not_started"
    if not events:
        return status
    ordered = sorted(events)
    current = "not_started" if any(action == "start" for _m, _i, action in ordered) else "active"
    for effective, _id, action in ordered:
        if effective > month:
            break
        if action in ("start", "resume"):
            current = "active"
        elif action == "suspend":
            current = "suspended"
        elif action == "stop":
            current = "stopped"
    return current


def month_date(month: str) -> dt.date:
    return dt.date(int(month[:4]), int(month[5:7]), 1)


def events_by_beneficiary(s: Session, month: str | None = None) -> dict[int, list[tuple[str, int, str]]]:
    """{beneficiary id: [(effective month, id, action), …]} of the events not deleted (up to *month*)."""
    q = select(
        BeneficiaryEvent.beneficiary_id,
        BeneficiaryEvent.effective_month,
        BeneficiaryEvent.id,
        BeneficiaryEvent.action,
    ).where(BeneficiaryEvent.deleted_at.is_(None))
    if month is not None:
        q = q.where(BeneficiaryEvent.effective_month <= month)
    q = q.execution_options(yield_per=FETCH)
    events: dict[int, list[tuple[str, int, str]]] = defaultdict(list)
    for bid, effective, eid, action in s.execute(q):
        events[bid].append((effective, eid, action))
    return events


class UnverifiedFigures:
    """The not-verified figures of an allowance under some clauses in one month, cached per (clauses, ages)."""

    def __init__(self, month: str) -> None:
        self._month = month_date(month)
        self._cache: dict[tuple[tuple[str, ...], tuple[int, ...]], tuple[Figure, ...]] = {}

    def __call__(self, clauses: tuple[str, ...], birth: dt.date | int | None) -> tuple[Figure, ...]:
        ages = ages_in_month(birth, self._month)
        key = (clauses, ages)
        found = self._cache.get(key)
        if found is None:
            found = not_verified(allowance_figures(clauses, self._month, ages=ages))
            self._cache[key] = found
        return found


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
        beneficiaries = s.execute(q.execution_options(yield_per=FETCH)).all()
        # Every event (not only those up to the month): "has events at all" decides whether the
        # current status or the history counts, and a "start" event after the month means not yet.
        events = events_by_beneficiary(s)
        periods: dict[int, tuple[str, int, int, float, int]] = {}
        for bid, from_month, pid, level, coefficient, amount in s.execute(
            select(
                AllowancePeriod.beneficiary_id,
                AllowancePeriod.from_month,
                AllowancePeriod.id,
                AllowancePeriod.standard_level,
                AllowancePeriod.coefficient,
                AllowancePeriod.amount,
            )
            .where(AllowancePeriod.deleted_at.is_(None), AllowancePeriod.from_month <= month)
            .execution_options(yield_per=FETCH)
        ):
            key = (from_month, pid)
            if bid not in periods or key > periods[bid][:2]:
                periods[bid] = (from_month, pid, level, coefficient, amount)
        names = village_names(s)
    rows: list[PaymentRow] = []
    figures = UnverifiedFigures(month)
    for b in beneficiaries:
        if status_in_month(month, b.status, b.start_month, events.get(b.id, [])) != "active":
            continue
        period = periods.get(b.id)
        if period is None or period[4] <= 0:
            continue
        clauses = tuple(str(c) for c in (b.clauses or []))
        rows.append(
            PaymentRow(
                beneficiary_id=b.id,
                village_id=b.village_id,
                village=names.get(b.village_id, ""),
                full_name=b.full_name,
                birth=b.dob or b.birth_year,
                sex=b.sex,
                personal_id=b.personal_id,
                clauses=clauses,
                standard_level=period[2],
                coefficient=float(period[3]),
                amount=int(period[4]),
                bank_account=b.bank_account,
                bank_name=b.bank_name,
                unverified=figures(clauses, b.dob or b.birth_year),
            )
        )
    # Keys as text (same order as the tuple keys): a sort comparing nested tuples holds the interpreter
    # lock long enough at a district's size to freeze the UI thread during an export.
    return sorted(rows, key=lambda r: (sort_text(r.village), name_sort_text(r.full_name), r.beneficiary_id))


def bank_rows(db: Database, month: str, village_id: int | None = None) -> list[PaymentRow]:
    """The payment list restricted to beneficiaries with a bank account (cashless payment file)."""
    return [r for r in payment_rows(db, month, village_id) if r.bank_account]
