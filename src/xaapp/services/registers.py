"""Registers of people with merit and of children in special circumstances: a person of the register
is added through ``forms/merit_register.xlsx`` or ``forms/child_register.xlsx``, prefilled from what
the register knows. One function per user action, one transaction each, DTOs out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import select

from xaapp.domain.text import name_sort_key
from xaapp.errors import KnownError
from xaapp.services.beneficiaries import IntakeRecord, choices_of, start_intake
from xaapp.services.reviews import current_form, form_problems
from xaapp.storage.db import Database
from xaapp.storage.orm import ChildRecord, Household, MeritRecord, Person, Village


@dataclass(frozen=True)
class RegisterRow:
    id: int
    person_id: int
    full_name: str
    dob: dt.date | None
    village: str
    category: str  # merit category, or the child's first group code
    status: str


def start_register_entry(db: Database, kind: str, person_id: int) -> IntakeRecord:
    """A new merit (``"merit"``) or children (``"child"``) register entry for a person of the register,
    with what the register knows filled in."""
    intake = start_intake(db, person_id)
    applicant = intake.answers["applicant"]
    known = {k: applicant.get(k) for k in ("full_name", "sex", "dob", "personal_id", "village")}
    if kind == "merit":
        answers: dict[str, Any] = {"person": {**known, "phone": applicant.get("phone")}}
    else:
        answers = {"child": {**known, "ethnicity": applicant.get("ethnicity")}}
        poverty = intake.answers["category_group"].get("household_poverty")
        if poverty:
            answers["circumstances"] = {"household_poverty": poverty}
    return IntakeRecord(intake.person_id, intake.full_name, answers)


def save_register_entry(
    db: Database, kind: str, person_id: int, instance: Mapping[str, Any], actor: str = "system"
) -> RegisterRow:
    """Add a person to the merit register (``kind="merit"``) or the children register (``"child"``)
    from the answers of ``forms/merit_register.xlsx`` / ``forms/child_register.xlsx``."""
    form_id = {"merit": "merit_register", "child": "child_register"}.get(kind)
    if form_id is None:
        raise KnownError(f"Sổ không có: {kind}.", f"Unknown register: {kind}.")
    problems = form_problems(current_form(form_id), instance)
    if problems:
        raise KnownError(
            f"Chưa thể lưu, còn {len(problems)} chỗ chưa đúng: {'; '.join(problems[:3])}",
            f"Cannot save yet: {len(problems)} answer(s) to fix.",
        )
    answers = dict(instance)
    with db.session(actor=actor) as s:
        person = s.get(Person, person_id)
        if person is None:
            raise KnownError(f"Không tìm thấy người số {person_id}.", f"Person {person_id} not found.")
        if kind == "merit":
            category = str((answers.get("merit") or {}).get("category") or "")
            record: MeritRecord | ChildRecord = MeritRecord(
                person_id=person_id, category=category, answers=answers
            )
        else:
            groups = choices_of((answers.get("circumstances") or {}).get("groups"))
            record = ChildRecord(person_id=person_id, group_code=groups[0] if groups else "", answers=answers)
        s.add(record)
        s.flush()
        return _register_row(s, record)


def _register_row(s: Any, record: MeritRecord | ChildRecord) -> RegisterRow:
    person = s.get(Person, record.person_id)
    village = s.get(Village, s.get(Household, person.household_id).village_id)
    category = record.category if isinstance(record, MeritRecord) else record.group_code
    return RegisterRow(
        record.id, person.id, person.full_name, person.dob, village.name, category, record.status
    )


def register_rows(db: Database, kind: str) -> list[RegisterRow]:
    model: type[MeritRecord] | type[ChildRecord] = MeritRecord if kind == "merit" else ChildRecord
    with db.read() as s:
        records = cast(
            "list[MeritRecord | ChildRecord]",
            s.scalars(select(model).where(model.deleted_at.is_(None))).all(),
        )
        rows = [_register_row(s, r) for r in records]
        return sorted(rows, key=lambda r: name_sort_key(r.full_name))
