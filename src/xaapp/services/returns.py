"""What the province decided, as the officer sees it: the "Bị trả lại" queue (households whose review
the province returned, with the supervisor's comment) and approved lists.

The decisions arrive on sync (``storage.review_state``); nothing here changes a review. The officer
fixes a returned review in the form and saves it final again (an edit of a final review, with a
reason, as any other); it then shows as *fixed, waiting for the sync*, and the next sync tells the
province, which clears the return on both sides (``server.review_loop.settle``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from xaapp.domain.text import format_date, name_sort_key
from xaapp.storage.db import Database
from xaapp.storage.orm import (
    Household,
    ListApproval,
    Person,
    PovertyReview,
    ReviewReturn,
    Village,
)


def local_date(at: dt.datetime) -> dt.date:
    """A stored (naive UTC) time's date on this computer's clock, as the app's other dates."""
    return at.replace(tzinfo=dt.UTC).astimezone().date()


@dataclass(frozen=True)
class ReturnedRow:
    """One returned household's review as the queue shows it."""

    return_id: int
    household_id: int | None
    review_id: int | None
    head_name: str
    village: str
    year: int
    comment: str
    returned_by: str
    returned_on: dt.date
    fixed: bool  # saved final again after the return arrived: the next sync tells the province
    resolved_on: dt.date | None  # the province saw the fix


def returned_queue(db: Database, include_resolved: bool = False) -> list[ReturnedRow]:
    """The households the province returned (not yet cleared, unless *include_resolved*), by head's name."""
    with db.read() as s:
        q = select(ReviewReturn)
        if not include_resolved:
            q = q.where(ReviewReturn.resolved_at.is_(None))
        rows = s.scalars(q).all()
        out = []
        for r in rows:
            review = s.scalar(select(PovertyReview).where(PovertyReview.uuid == r.review_uuid))
            household = s.scalar(select(Household).where(Household.uuid == r.household_uuid))
            head = (
                s.scalar(
                    select(Person.full_name).where(
                        Person.household_id == household.id,
                        Person.relationship_to_head == "head",
                        Person.deleted_at.is_(None),
                    )
                )
                if household is not None
                else None
            )
            village = s.get(Village, household.village_id) if household is not None else None
            fixed = bool(
                review is not None
                and review.status == "final"
                and review.revision > r.review_revision
                and review.updated_at >= r.received_at
            )
            out.append(
                ReturnedRow(
                    r.id,
                    household.id if household is not None else None,
                    review.id if review is not None else None,
                    head or "",
                    village.name if village is not None else "",
                    r.review_year,
                    r.comment,
                    r.returned_by,
                    local_date(r.returned_at),
                    fixed,
                    local_date(r.resolved_at) if r.resolved_at else None,
                )
            )
    return sorted(out, key=lambda x: (name_sort_key(x.head_name), x.return_id))


def returned_household_ids(db: Database, year: int) -> dict[int, ReturnedRow]:
    """Household id → its open return of *year* (for marking rows of the review list)."""
    return {r.household_id: r for r in returned_queue(db) if r.year == year and r.household_id is not None}


@dataclass(frozen=True)
class Approval:
    village_id: int
    village: str
    approved_on: dt.date
    approved_by: str


def approvals(db: Database, year: int) -> dict[int, Approval]:
    """Village id → the approval in force of its *year* list."""
    with db.read() as s:
        rows = s.execute(
            select(ListApproval, Village)
            .join(Village, Village.uuid == ListApproval.village_uuid)
            .where(ListApproval.year == year, ListApproval.withdrawn_at.is_(None))
        ).all()
        return {
            v.id: Approval(v.id, v.name, local_date(a.approved_at), a.approved_by)
            for a, v in sorted(rows, key=lambda av: av[0].approved_at)
        }


def approval_line(db: Database, year: int, village_id: int | None) -> str | None:
    """The printed line "Danh sách đã được duyệt ngày dd/mm/yyyy" for a village's list, or for the
    whole commune's when every village is approved (the latest date); None when not approved."""
    found = approvals(db, year)
    if village_id is not None:
        a = found.get(village_id)
    else:
        with db.read() as s:
            live = set(s.scalars(select(Village.id).where(Village.deleted_at.is_(None))).all())
        a = max(found.values(), key=lambda x: x.approved_on) if live and live <= set(found) else None
    return f"Danh sách đã được duyệt ngày {format_date(a.approved_on)}." if a else None
