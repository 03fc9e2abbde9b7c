"""Writing the planned households of an import inside the caller's transaction: the households (new, or their
changed address and phone), new members, and the fields a matched person's row changes.

New households and people are written in bulk (``storage.bulk``: one ``executemany`` per table with the
revision, outbox and audit rows the ORM path would write), so a 20,000-row list takes seconds; changes to
records already in the register go through the ORM, whose audit names each changed field."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select

from xaapp.services.import_plan import HouseholdRow, ImportRow
from xaapp.storage.bulk import BulkInserter
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
    #: Each new household's row as written, with its new members' rows in register order (key → rows).
    new: dict[str, tuple[dict[str, Any], list[dict[str, Any]]]] = field(default_factory=dict)


def write_households(s: Any, bulk: BulkInserter, facts: dict[str, HouseholdRow], by_key: dict[str, list[ImportRow]]
                     ) -> tuple[dict[str, int], Added]:  # fmt: skip
    """Write every planned household (new ones, changed addresses and phones), their new members and the
    fields matched people's rows change, in the caller's transaction. New records are added to *bulk* and
    written by its ``flush`` (called here); changes are ORM updates. Returns the household id of each
    household key, and the counts."""
    added = Added()
    area = dict(s.execute(select(Village.id, Village.area_type)).all())
    ids: dict[str, int] = {}
    for key, rows in by_key.items():
        h = facts.get(key)
        household_id = h.household_id if h is not None else None
        if household_id is None:
            matched = next((r for r in rows if r.person_id is not None), None)
            if matched is not None:
                household_id = s.get(Person, matched.person_id).household_id
        if household_id is not None:
            ids[key] = household_id
            if h is not None and h.changes:
                household = s.get(Household, household_id)
                for name in ("address", "phone"):
                    if name in h.changes:
                        setattr(household, name, getattr(h, name))
                        added.updated += 1
            continue
        head = next((r for r in rows if r.relationship == "head"), rows[0])
        row = bulk.add(
            Household, village_id=head.village_id, code=h.code if h is not None else None,
            address=(h.address if h is not None else None) or head.address or head.village,
            phone=(h.phone if h is not None else None) or head.phone,
            area_type=area.get(head.village_id) or "rural",
        )  # fmt: skip
        ids[key] = row["id"]
        added.new[key] = (row, [])
    added.households = len(added.new)
    for key, rows in by_key.items():
        position = 0 if key in added.new else None
        for r in rows:
            if r.person_id is not None:
                if r.changes:
                    person = s.get(Person, r.person_id)
                    for name in r.changes:
                        setattr(person, PERSON_COLUMNS[name], getattr(r, name))
                    added.updated += len(r.changes)
                continue
            if position is None:
                position = (
                    s.scalar(select(func.count()).select_from(Person).where(Person.household_id == ids[key]))
                    or 0
                )
            person = bulk.add(
                Person, household_id=ids[key], position=position, full_name=r.full_name, sex=r.sex or "",
                dob=r.dob, birth_year=r.birth_year, ethnicity=r.ethnicity or "Kinh", personal_id=r.personal_id,
                legacy_id=r.legacy_id, relationship_to_head=r.relationship, phone=r.phone, details={},
            )  # fmt: skip
            if key in added.new:
                added.new[key][1].append(person)
            position += 1
            added.people += 1
    bulk.flush()
    s.flush()
    return ids, added
