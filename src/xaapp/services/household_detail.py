"""Everything about one household for its detail view: members, review history with reasons, movement,
beneficiaries living there, and the audit trail of its records (times in Vietnam's local time)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from xaapp.domain.local_time import to_local
from xaapp.errors import KnownError
from xaapp.rules.figure_marks import FigureMarks
from xaapp.rules.movement import household_movement
from xaapp.storage.db import Database
from xaapp.storage.orm import AuditEntry, Beneficiary, Household, Person, PovertyReview, Village


@dataclass(frozen=True)
class MemberRow:
    uuid: str
    full_name: str
    sex: str
    dob: dt.date | None
    relationship: str
    personal_id: str | None
    ethnicity: str


@dataclass(frozen=True)
class ReviewHistoryRow:
    uuid: str
    year: int
    kind: str
    status: str
    result_class: str | None
    reason_vi: str
    reason_en: str
    movement_vi: str
    movement_en: str


@dataclass(frozen=True)
class BeneficiaryInHousehold:
    full_name: str
    clauses: tuple[str, ...]
    status: str
    start_month: str


@dataclass(frozen=True)
class AuditRow:
    at: dt.datetime  # local time (Asia/Ho_Chi_Minh); stored as UTC
    username: str
    entity: str
    action: str
    field: str | None
    old_value: str | None
    new_value: str | None
    reason: str | None


@dataclass(frozen=True)
class HouseholdDetail:
    id: int
    uuid: str
    code: str
    village: str
    address: str
    area_type: str
    phone: str | None
    members: tuple[MemberRow, ...]
    reviews: tuple[ReviewHistoryRow, ...]
    beneficiaries: tuple[BeneficiaryInHousehold, ...]
    audit: tuple[AuditRow, ...]
    #: Footnotes of the marks (¹ …) on movement labels that rest on rule figures not verified.
    notes_vi: tuple[str, ...] = ()
    notes_en: tuple[str, ...] = ()

    @property
    def head_name(self) -> str:
        return next((m.full_name for m in self.members if m.relationship == "head"), "")


def household_detail(db: Database, household_id: int, audit_limit: int = 200) -> HouseholdDetail:
    with db.read() as s:
        household = s.get(Household, household_id)
        if household is None or household.deleted_at is not None:
            raise KnownError(f"Không tìm thấy hộ số {household_id}.", f"Household {household_id} not found.")
        village = s.get(Village, household.village_id)
        people = s.scalars(
            select(Person)
            .where(Person.household_id == household_id, Person.deleted_at.is_(None))
            .order_by(Person.position)
        ).all()
        reviews = s.scalars(
            select(PovertyReview)
            .where(PovertyReview.household_id == household_id, PovertyReview.deleted_at.is_(None))
            .order_by(PovertyReview.review_year, PovertyReview.review_month)
        ).all()
        person_ids = [p.id for p in people]
        benefs = s.execute(
            select(Beneficiary, Person.full_name)
            .join(Person, Beneficiary.person_id == Person.id)
            .where(Beneficiary.person_id.in_(person_ids), Beneficiary.deleted_at.is_(None))
        ).all()
        uuids = [
            household.uuid,
            *(p.uuid for p in people),
            *(r.uuid for r in reviews),
            *(b.uuid for b, _ in benefs),
        ]
        audit = s.scalars(
            select(AuditEntry)
            .where(AuditEntry.entity_uuid.in_(uuids))
            .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
            .limit(audit_limit)
        ).all()

        history: dict[int, str] = {}
        review_rows = []
        marks = FigureMarks()
        for review in reviews:
            if review.kind == "periodic" and review.result_class and review.status == "final":
                history[review.review_year] = review.result_class
            move_vi = move_en = ""
            if review.result_class and review.kind == "periodic":
                known = {y: c for y, c in history.items() if y < review.review_year}
                known[review.review_year] = review.result_class
                movement = household_movement(known, review.review_year)
                mark = marks.mark(movement.figures)  # the movement labels are rule data, not all verified
                move_vi, move_en = movement.label.vi + mark, movement.label.en + mark
            reason = review.result.get("reason", {}) if isinstance(review.result, dict) else {}
            review_rows.append(
                ReviewHistoryRow(
                    review.uuid,
                    review.review_year,
                    review.kind,
                    review.status,
                    review.result_class,
                    reason.get("vi", ""),
                    reason.get("en", ""),
                    move_vi,
                    move_en,
                )
            )
        return HouseholdDetail(
            household.id,
            household.uuid,
            household.code or "",
            village.name if village else "",
            household.address,
            household.area_type,
            household.phone,
            tuple(
                MemberRow(
                    p.uuid, p.full_name, p.sex, p.dob, p.relationship_to_head, p.personal_id, p.ethnicity
                )
                for p in people
            ),
            tuple(reversed(review_rows)),
            tuple(
                BeneficiaryInHousehold(name, tuple(b.clauses), b.status, b.start_month) for b, name in benefs
            ),
            tuple(
                AuditRow(
                    to_local(a.at),
                    a.username,
                    a.entity,
                    a.action,
                    a.field,
                    a.old_value,
                    a.new_value,
                    a.reason,
                )
                for a in audit
            ),
            marks.footnotes("vi"),
            marks.footnotes("en"),
        )
