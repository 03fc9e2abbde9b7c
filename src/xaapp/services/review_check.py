"""Is every final review's class still the class its facts give? (``xaapp db check --deep``)

For each final periodic review the stored answers are run through the household form again (every
calculation recomputed) and classified with the rules of the review's year; a review whose stored
class differs from that — or whose facts no longer allow a class — is a :class:`ClassMismatch`.
A class imported from an Excel list comes without facts: it is counted, not re-derived.

The rule data's fingerprint (a hash of ``resources/rules/*.json``) is kept in the settings table;
the app runs this check after the rule data changes (:func:`rules_changed`, :func:`remember_rules`).
Reading only: the check itself changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import select

from xaapp.forms_engine import InterviewSession
from xaapp.services.review_facts import assess_session, current_form, missing_text
from xaapp.services.reviews import shown_answers

# The fingerprint of the rule data lives apart (light to import at start-up); kept importable from here.
from xaapp.services.rules_fingerprint import (  # noqa: E402, F401
    RULES_FINGERPRINT,
    remember_rules,
    rules_changed,
    rules_fingerprint,
)
from xaapp.storage.db import Database
from xaapp.storage.orm import Household, Person, PovertyReview, Village


class ProgressLike(Protocol):
    def set_text(self, text: str) -> None: ...
    def set_range(self, total: int) -> None: ...
    def advance(self, n: int = 1) -> None: ...
    def cancelled(self) -> bool: ...


@dataclass(frozen=True)
class ClassMismatch:
    """A final review whose stored class is not the class its stored facts give now."""

    review_id: int
    household_id: int
    household_code: str
    head_name: str
    village: str
    year: int
    stored_class: str | None
    derived_class: str | None  # None: the facts do not allow a class (``missing`` says why)
    missing: str = ""


@dataclass(frozen=True)
class CheckReport:
    checked: int
    mismatches: tuple[ClassMismatch, ...]
    imported: int  # classes from an imported list, without facts: not re-derived
    complete: bool = True  # False when the check was cancelled part-way

    @property
    def ok(self) -> bool:
        return not self.mismatches


def household_code(household: Household) -> str:
    return household.code or f"#{household.id}"


@dataclass(frozen=True)
class _Stored:
    review_id: int
    household_id: int
    household_code: str
    village_id: int
    year: int
    result_class: str | None
    imported: bool
    form_id: str
    answers: dict[str, Any]


def _final_reviews(db: Database) -> tuple[int, Iterator[_Stored]]:
    """How many final reviews there are, and each one with the answers it shows (500 per read)."""
    where = (
        PovertyReview.status == "final",
        PovertyReview.kind == "periodic",
        PovertyReview.deleted_at.is_(None),
        Household.deleted_at.is_(None),
    )
    with db.read() as s:
        ids = list(
            s.scalars(
                select(PovertyReview.id)
                .join(Household, Household.id == PovertyReview.household_id)
                .where(*where)
                .order_by(PovertyReview.review_year, PovertyReview.household_id, PovertyReview.id)
            )
        )

    def rows() -> Iterator[_Stored]:
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            with db.read() as s:
                found = {r.id: r for r in s.scalars(select(PovertyReview).where(PovertyReview.id.in_(chunk)))}
                out = []
                for rid in chunk:
                    review = found[rid]
                    household = s.get(Household, review.household_id)
                    assert household is not None
                    instance, _meta, form_id = shown_answers(s, review, household)
                    out.append(
                        _Stored(
                            rid, household.id, household_code(household), household.village_id,
                            review.review_year, review.result_class, bool((review.result or {}).get("imported")),
                            form_id, instance,
                        )
                    )  # fmt: skip
            yield from out

    return len(ids), rows()


def check_reviews(db: Database, progress: ProgressLike | None = None) -> CheckReport:
    """Re-derive the class of every final review from its stored answers; list each mismatch."""
    with db.read() as s:
        villages = dict(s.execute(select(Village.id, Village.name)).all())
        heads = dict(
            s.execute(
                select(Person.household_id, Person.full_name).where(
                    Person.relationship_to_head == "head", Person.deleted_at.is_(None)
                )
            ).all()
        )
    total, reviews = _final_reviews(db)
    if progress is not None:
        progress.set_text("Kiểm tra phân loại các phiếu đã hoàn tất / Checking the classes of final reviews")
        progress.set_range(total)
    sessions: dict[str, InterviewSession] = {}  # one per form, reloaded per review (building one costs more)
    mismatches: list[ClassMismatch] = []
    checked = imported = 0
    for stored in reviews:
        if progress is not None and progress.cancelled():
            return CheckReport(checked, tuple(mismatches), imported, complete=False)
        session = sessions.get(stored.form_id)
        if session is None:
            session = sessions[stored.form_id] = InterviewSession(current_form(stored.form_id), lang="vi")
        load_issues = session.load_json({"instance": stored.answers})
        assessment = assess_session(session, load_issues)
        derived = assessment.result_class
        if progress is not None:
            progress.advance()
        if derived is None and stored.imported:
            imported += 1
            continue
        checked += 1
        if derived != stored.result_class:
            mismatches.append(
                ClassMismatch(
                    stored.review_id,
                    stored.household_id,
                    stored.household_code,
                    heads.get(stored.household_id, ""),
                    villages.get(stored.village_id, ""),
                    stored.year,
                    stored.result_class,
                    derived,
                    missing_text(list(assessment.missing)) if derived is None else "",
                )
            )
    return CheckReport(checked, tuple(mismatches), imported)


# --- the rule data's fingerprint ---------------------------------------------------------------------
