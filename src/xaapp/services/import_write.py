"""Writing one planned household of an import inside the caller's transaction: the household (new, or its
changed address and phone), new members, and the fields a matched person's row changes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from xaapp.services.import_plan import HouseholdRow, ImportRow
from xaapp.storage.orm import Household, Person, Village

#: ImportRow field -> Person column.
PERSON_COLUMNS = {"full_name": "full_name", "sex": "sex", "dob": "dob", "birth_year": "birth_year",
                  "ethnicity": "ethnicity", "personal_id": "personal_id", "relationship": "relationship_to_head",
                  "phone": "phone"}  # fmt: skip


@dataclass
class Added:
    households: int = 0
    people: int = 0
    updated: int = 0  # fields changed on households and people already registered


def write_household(s: Any, h: HouseholdRow | None, rows: list[ImportRow]) -> tuple[int, Added]:
    """Write the household of *rows* (planned together); returns its id and what was added or changed."""
    added = Added()
    household_id = h.household_id if h is not None else None
    if household_id is None:
        matched = next((r for r in rows if r.person_id is not None), None)
        if matched is not None:
            household_id = s.get(Person, matched.person_id).household_id
    if household_id is None:
        head = next((r for r in rows if r.relationship == "head"), rows[0])
        village = s.get(Village, head.village_id)
        household = Household(
            village_id=head.village_id, code=h.code if h is not None else None,
            address=(h.address if h is not None else None) or head.address or head.village,
            phone=(h.phone if h is not None else None) or head.phone,
            area_type=village.area_type if village is not None and village.area_type else "rural",
        )  # fmt: skip
        s.add(household)
        s.flush()
        household_id = household.id
        added.households = 1
        position = 0
    else:
        if h is not None and h.changes:
            household = s.get(Household, household_id)
            for name in ("address", "phone"):
                if name in h.changes:
                    setattr(household, name, getattr(h, name))
                    added.updated += 1
        position = s.scalar(select(func.count()).select_from(Person).where(Person.household_id == household_id)) or 0
    for r in rows:
        if r.person_id is not None:
            if r.changes:
                person = s.get(Person, r.person_id)
                for name in r.changes:
                    setattr(person, PERSON_COLUMNS[name], getattr(r, name))
                added.updated += len(r.changes)
            continue
        s.add(Person(
            household_id=household_id, position=position, full_name=r.full_name, sex=r.sex or "",
            dob=r.dob, birth_year=r.birth_year, ethnicity=r.ethnicity or "Kinh", personal_id=r.personal_id,
            legacy_id=r.legacy_id, relationship_to_head=r.relationship, phone=r.phone, details={},
        ))  # fmt: skip
        position += 1
        added.people += 1
    return household_id, added
