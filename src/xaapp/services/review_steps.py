"""A year's review list and the steps of each household's review (listed → surveyed → village meeting →
posted → recognised); one function per user action, one transaction each, DTOs out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from xaapp.domain.text import fold, name_sort_key
from xaapp.errors import KnownError
from xaapp.storage.db import Database
from xaapp.storage.orm import Household, Person, PovertyReview, Village

META = "_xaapp"
#: Steps of the review in order: (code, date column). "meeting" also records the share agreeing,
#: "recognised" the decision number.
STEP_ORDER = (
    ("listed", "listed_on"),
    ("surveyed", "surveyed_on"),
    ("meeting", "meeting_on"),
    ("posted", "posted_on"),
    ("recognised", "recognised_on"),
)
_STEP_COLUMN = dict(STEP_ORDER)


@dataclass(frozen=True)
class ReviewListRow:
    """One household of a year's review list with where its review stands."""

    household_id: int
    review_id: int | None
    head_name: str
    village_id: int
    village: str
    origin: str  # poor | near_poor (last year's class) | request | other
    last_class: str | None
    status: str  # "" (not started) | draft | final
    result_class: str | None
    step: str  # latest step reached: a code of STEP_ORDER or ""
    listed_on: dt.date | None
    surveyed_on: dt.date | None
    meeting_on: dt.date | None
    meeting_agree_pct: float | None
    posted_on: dt.date | None
    recognised_on: dt.date | None
    decision_no: str | None


@dataclass(frozen=True)
class YearTotals:
    year: int
    to_review: int
    started: int
    final: int
    poor: int
    near_poor: int
    average: int
    none: int
    meeting: int
    posted: int
    recognised: int


def _meta(answers: Mapping[str, Any] | None) -> dict[str, Any]:
    meta = (answers or {}).get(META)
    return dict(meta) if isinstance(meta, Mapping) else {}


def review_list(db: Database, year: int) -> list[ReviewListRow]:
    """The households to review in *year*: last year's poor and near-poor, those who asked, and any
    other household whose review for the year was started; sorted by village, then the Vietnamese way."""
    with db.read() as s:
        villages = dict(s.execute(select(Village.id, Village.name)).all())
        last = {
            hid: cls
            for hid, cls in s.execute(
                select(PovertyReview.household_id, PovertyReview.result_class).where(
                    PovertyReview.review_year == year - 1,
                    PovertyReview.status == "final",
                    PovertyReview.deleted_at.is_(None),
                )
            )
        }
        current = {
            r.household_id: r
            for r in s.scalars(
                select(PovertyReview).where(
                    PovertyReview.review_year == year,
                    PovertyReview.kind == "periodic",
                    PovertyReview.deleted_at.is_(None),
                )
            )
        }
        wanted = {hid for hid, cls in last.items() if cls in ("poor", "near_poor")} | set(current)
        heads = dict(
            s.execute(
                select(Person.household_id, Person.full_name).where(
                    Person.relationship_to_head == "head", Person.deleted_at.is_(None)
                )
            ).all()
        )
        rows = []
        for h in s.scalars(select(Household).where(Household.deleted_at.is_(None))):
            if h.id not in wanted:
                continue
            review = current.get(h.id)
            last_class = last.get(h.id)
            meta = _meta(review.answers if review else None)
            if last_class in ("poor", "near_poor"):
                origin = last_class
            elif "request" in meta:
                origin = "request"
            else:
                origin = "other"
            step = ""
            if review is not None:
                step = next((code for code, col in reversed(STEP_ORDER) if getattr(review, col)), "")
            rows.append(
                ReviewListRow(
                    h.id,
                    review.id if review else None,
                    heads.get(h.id, ""),
                    h.village_id,
                    villages.get(h.village_id, ""),
                    origin,
                    last_class,
                    review.status if review else "",
                    review.result_class if review else None,
                    step,
                    *(
                        (
                            review.listed_on,
                            review.surveyed_on,
                            review.meeting_on,
                            review.meeting_agree_pct,
                            review.posted_on,
                            review.recognised_on,
                            review.decision_no,
                        )
                        if review
                        else (None,) * 7
                    ),
                )
            )
        rows.sort(key=lambda r: (fold(r.village), name_sort_key(r.head_name)))
        return rows


def year_totals(rows: Sequence[ReviewListRow], year: int) -> YearTotals:
    """Totals of a year's review list (computed from the rows already loaded)."""
    final = [r for r in rows if r.status == "final"]
    return YearTotals(
        year,
        len(rows),
        sum(1 for r in rows if r.status),
        len(final),
        sum(1 for r in final if r.result_class == "poor"),
        sum(1 for r in final if r.result_class == "near_poor"),
        sum(1 for r in final if r.result_class == "average"),
        sum(1 for r in final if r.result_class == "none"),
        sum(1 for r in rows if r.meeting_on),
        sum(1 for r in rows if r.posted_on),
        sum(1 for r in rows if r.recognised_on),
    )


def _check_step(review: PovertyReview, step: str, on: dt.date) -> None:
    if step not in _STEP_COLUMN:
        raise KnownError(f"Bước rà soát không có: {step}.", f"Unknown review step: {step}.")
    index = [code for code, _ in STEP_ORDER].index(step)
    if step in ("meeting", "posted", "recognised") and review.status != "final":
        raise KnownError(
            "Phiếu khảo sát của hộ chưa hoàn tất, chưa thể ghi bước này.",
            "The household's survey is not final yet; this step cannot be recorded.",
        )
    for code, col in STEP_ORDER[1:index]:
        before = getattr(review, col)
        if before is None:
            raise KnownError(
                f"Phải ghi bước trước ({code}) trước bước này.", f"Record the earlier step ({code}) first."
            )
        if on < before:
            raise KnownError(
                "Ngày của bước này không được trước ngày của bước trước.",
                "This step's date cannot be before the previous step's date.",
            )


def record_step(
    db: Database,
    review_id: int,
    step: str,
    on: dt.date,
    *,
    agree_pct: float | None = None,
    decision_no: str | None = None,
    actor: str = "system",
    reason: str | None = None,
) -> ReviewListRow:
    """Record one step of one household's review (meeting with the share agreeing, recognition with
    the decision number); returns the household's updated list row."""
    with db.session(actor=actor, reason=reason) as s:
        review = s.get(PovertyReview, review_id)
        if review is None:
            raise KnownError(f"Không tìm thấy phiếu số {review_id}.", f"Review {review_id} not found.")
        _check_step(review, step, on)
        _apply_step(review, step, on, agree_pct, decision_no)
        household_id, year = review.household_id, review.review_year
    return next(r for r in review_list(db, year) if r.household_id == household_id)


def _apply_step(
    review: PovertyReview, step: str, on: dt.date, agree_pct: float | None, decision_no: str | None
) -> None:
    if step == "meeting":
        if agree_pct is None or not 0 <= agree_pct <= 100:
            raise KnownError(
                "Ghi tỷ lệ đồng ý của cuộc họp thôn (từ 0 đến 100%).",
                "Enter the share agreeing at the village meeting (0 to 100%).",
            )
        review.meeting_agree_pct = agree_pct
    if step == "recognised":
        number = " ".join((decision_no or "").split())
        if not number:
            raise KnownError("Ghi số quyết định công nhận.", "Enter the decision number.")
        review.decision_no = number
    setattr(review, _STEP_COLUMN[step], on)


def record_village_step(
    db: Database,
    year: int,
    village_id: int,
    step: str,
    on: dt.date,
    *,
    agree_pct: float | None = None,
    actor: str = "system",
) -> int:
    """Record the village meeting or the public posting for every household of a village whose
    review is ready for it (final, earlier steps done, this one not yet); returns how many."""
    if step not in ("meeting", "posted"):
        raise KnownError(
            "Chỉ ghi hàng loạt ngày họp thôn và ngày niêm yết.",
            "Only meeting and posting dates are recorded in bulk.",
        )
    count = 0
    with db.session(actor=actor) as s:
        reviews = s.scalars(
            select(PovertyReview)
            .join(Household, PovertyReview.household_id == Household.id)
            .where(
                Household.village_id == village_id,
                Household.deleted_at.is_(None),
                PovertyReview.review_year == year,
                PovertyReview.kind == "periodic",
                PovertyReview.deleted_at.is_(None),
            )
        )
        for review in reviews:
            if getattr(review, _STEP_COLUMN[step]) is not None:
                continue
            try:
                _check_step(review, step, on)
            except KnownError:
                continue
            _apply_step(review, step, on, agree_pct, None)
            count += 1
    return count
