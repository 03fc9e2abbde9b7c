"""Finding a person of the register by name or ID for a picker (intake, registers).

Accents and case are ignored ("vi van on" finds "Vi Văn Ơn"). Results sort the Vietnamese way by
name, then oldest first, then village. Every result shows the birth (date, else year) and the village,
so that two people of the same name — a child and a grandfather — can be told apart; when even
those are the same, the head of the household is added.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select

from xaapp.domain.text import fold, format_date, name_sort_key, sort_key
from xaapp.storage.db import Database
from xaapp.storage.orm import Household, Person, Village


@dataclass(frozen=True)
class PersonChoice:
    person_id: int
    full_name: str
    #: Date of birth, or only the year when the day is unknown.
    birth: dt.date | int | None
    village: str
    #: The household head's name ("" when it is this person), to tell apart exact namesakes.
    head_name: str
    label: str

    @property
    def birth_year(self) -> int | None:
        return self.birth.year if isinstance(self.birth, dt.date) else self.birth


def _birth_text(birth: dt.date | int | None) -> str:
    if isinstance(birth, dt.date):
        return f"sinh {format_date(birth)}"
    return f"sinh năm {birth}" if birth else "chưa rõ năm sinh"


def person_choices(db: Database, needle: str, limit: int = 50) -> list[PersonChoice]:
    """People whose folded name contains *needle*, or whose personal ID contains its digits."""
    wanted = fold(needle).strip()
    if not wanted:
        return []
    digits = "".join(ch for ch in needle if ch.isdigit())
    match = Person.name_folded.contains(wanted)
    if digits and len(digits) >= 3:
        match = or_(match, Person.personal_id.contains(digits))
    with db.read() as s:
        found = s.execute(
            select(
                Person.id,
                Person.full_name,
                Person.dob,
                Person.birth_year,
                Person.household_id,
                Person.relationship_to_head,
                Village.name,
            )
            .join(Household, Person.household_id == Household.id)
            .join(Village, Household.village_id == Village.id)
            .where(Person.deleted_at.is_(None), Household.deleted_at.is_(None), match)
            .limit(limit)
        ).all()
        household_ids = {row.household_id for row in found}
        heads = dict(
            s.execute(
                select(Person.household_id, Person.full_name).where(
                    Person.household_id.in_(household_ids),
                    Person.relationship_to_head == "head",
                    Person.deleted_at.is_(None),
                )
            ).all()
        ) if household_ids else {}  # fmt: skip
    rows = []
    for pid, name, dob, birth_year, hid, relation, village in found:
        head = "" if relation == "head" else heads.get(hid, "")
        rows.append((pid, name, dob or birth_year, village or "", head))
    same = Counter((fold(name), _birth_text(birth), fold(village)) for _p, name, birth, village, _h in rows)
    choices = []
    for pid, name, birth, village, head in rows:
        parts = [name, _birth_text(birth), village]
        if same[(fold(name), _birth_text(birth), fold(village))] > 1:
            parts.append(f"chủ hộ {head}" if head else "chủ hộ")
        choices.append(PersonChoice(pid, name, birth, village, head, " – ".join(p for p in parts if p)))

    def order(c: PersonChoice) -> tuple[Any, ...]:
        birth = (
            c.birth if isinstance(c.birth, dt.date) else dt.date(c.birth, 1, 1) if c.birth else dt.date.max
        )
        return (name_sort_key(c.full_name), birth, sort_key(c.village), c.person_id)

    return sorted(choices, key=order)
