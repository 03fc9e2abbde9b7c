"""The register side of a household review: households and members written from the household form's
answers (and read back into a new review), inside the caller's transaction.

The household form (``forms/household_review.xlsx``) holds the household in ``general/…`` and its
people in the ``members`` repeat. Members are matched to ``Person`` rows by the UUID list the review
keeps beside its answers (``answers["_xaapp"]["members"]``, one entry per repeat instance, kept in
step by the roster when members are added, removed or reordered), then by personal ID, then by
folded name. A person who is no longer in the form gets a tombstone. Every text is NFC.

These functions take an open ``Session``: they are the building blocks of ``services.reviews``,
which owns the transaction (the register and the review change together or not at all).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from xaapp.domain.clock import utcnow
from xaapp.domain.text import fold, nfc
from xaapp.errors import KnownError
from xaapp.storage.orm import Household, Person, Village

#: Form ethnicity codes → the names the register keeps (as the demo and imports do).
ETHNICITY_NAMES = {
    "kinh": "Kinh", "muong": "Mường", "thai": "Thái", "mong": "Mông", "dao": "Dao", "tho": "Thổ",
    "kho_mu": "Khơ Mú", "hoa": "Hoa", "other": "Khác",
}  # fmt: skip
_ETHNICITY_CODES = {fold(name): code for code, name in ETHNICITY_NAMES.items()} | {"h'mong": "mong"}
#: Member answers kept in ``Person.details`` (the rest have columns of their own).
DETAIL_FIELDS = (
    "in_school", "education_level", "enterprise_training", "health_insurance", "work_status",
    "disability", "malnourished",
)  # fmt: skip
_YES_NO_DETAILS = ("in_school", "enterprise_training", "health_insurance", "malnourished")


@dataclass(frozen=True)
class RegisterResult:
    household_id: int
    household_uuid: str
    person_uuids: tuple[str | None, ...]  # aligned with the members repeat


def text(value: Any) -> str:
    """NFC text with runs of spaces collapsed ("" for None)."""
    if value is None:
        return ""
    return " ".join(nfc(str(value)).split())


def ethnicity_code(name: str | None) -> str | None:
    if not name:
        return None
    return _ETHNICITY_CODES.get(fold(name), "other")


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def next_household_code(s: Session) -> str:
    """One more than the highest numeric household code of the commune (deleted ones too: a number is
    never given twice), as wide as it ("00041" → "00042"); "00001" for the first."""
    codes = s.scalars(select(Household.code).where(Household.code.is_not(None)))
    numbers = [c for c in codes if c is not None and c.isdigit()]
    if not numbers:
        return "00001"
    top = max(numbers, key=int)
    return str(int(top) + 1).zfill(len(top))


def find_village(s: Session, name: str) -> Village | None:
    """The commune's village whose name folds to the same text as *name* ("ban don" → "Bản Đôn")."""
    wanted = fold(name)
    if not wanted:
        return None
    for village in s.scalars(select(Village).where(Village.deleted_at.is_(None))):
        if fold(village.name) == wanted:
            return village
    return None


def prefill(s: Session, household: Household) -> tuple[dict[str, Any], list[str | None]]:
    """Answers for a new review of *household* taken from the register, and the members' UUIDs."""
    village = s.get(Village, household.village_id)
    people = [
        p
        for p in s.scalars(
            select(Person)
            .where(Person.household_id == household.id, Person.deleted_at.is_(None))
            .order_by(Person.position, Person.id)
        )
    ]
    return prefill_from(household, village.name if village else None, people)


def prefill_from(
    household: Any, village: str | None, people: Sequence[Any]
) -> tuple[dict[str, Any], list[str | None]]:
    """``prefill`` from what is already at hand: *household* and its living *people* in register order (ORM
    objects, or anything with their attributes), and the name of its *village*."""
    head = next((p for p in people if p.relationship_to_head == "head"), None)
    general = {
        "village": village,
        "area_type": household.area_type or None,
        "address": household.address or None,
        "head_name": head.full_name if head else None,
        "phone": household.phone,
    }
    members = []
    for p in people:
        member: dict[str, Any] = {
            "full_name": p.full_name,
            "sex": p.sex or None,
            "dob": p.dob.isoformat() if p.dob else None,
            "ethnicity": ethnicity_code(p.ethnicity),
            "personal_id": p.personal_id,
            "relationship": p.relationship_to_head,
        }
        details = p.details or {}
        for key in DETAIL_FIELDS:
            value = details.get(key)
            if value is None:
                continue
            if isinstance(value, bool):
                value = "yes" if value else "no"
            member[key] = value
        members.append(member)
    return {"general": general, "members": members}, [p.uuid for p in people]


def _member_details(member: Mapping[str, Any], old: Mapping[str, Any]) -> dict[str, Any]:
    details = {k: v for k, v in old.items() if k not in DETAIL_FIELDS}
    for key in DETAIL_FIELDS:
        value = member.get(key)
        if value in (None, ""):
            continue
        details[key] = (value == "yes") if key in _YES_NO_DETAILS else value
    return details


def _set(obj: object, name: str, value: Any) -> None:
    """Assign only real changes, so the audit log records only what the officer changed."""
    if getattr(obj, name) != value:
        setattr(obj, name, value)


def write_household(
    s: Session,
    instance: Mapping[str, Any],
    household: Household | None,
    village_id: int | None,
    person_uuids: Sequence[str | None],
) -> RegisterResult:
    """Create or update the household and its members from the form's *instance* answers.

    *village_id* places a new household when the village named in the answers is not one of
    the commune's villages. Members without a name yet are kept in the answers only.
    """
    general = instance.get("general") or {}
    village = find_village(s, text(general.get("village")))
    if village is not None:
        village_id = village.id
    elif household is not None:
        village_id = household.village_id
    if village_id is None:
        raise KnownError(
            "Chưa chọn thôn của hộ (tên thôn không có trong danh sách thôn của xã).",
            "The household's village is not set (the village name is not one of the commune's villages).",
        )
    if household is None:  # a new household gets the next number of the commune's household book
        household = Household(village_id=village_id, code=next_household_code(s))
        s.add(household)
    _set(household, "village_id", village_id)
    # Where the household lives: as answered, else its village (as the demo and the imports record it).
    home = s.get(Village, village_id)
    address = text(general.get("address")) or text(general.get("permanent_address"))
    _set(household, "address", address or (home.name if home is not None else ""))
    _set(household, "area_type", general.get("area_type") or household.area_type or "rural")
    _set(household, "phone", text(general.get("phone")) or None)
    _set(household, "ethnic_minority", bool(instance.get("hh_ethnic_minority")))

    existing = (
        list(
            s.scalars(select(Person).where(Person.household_id == household.id, Person.deleted_at.is_(None)))
        )
        if household.id is not None
        else []
    )
    by_uuid = {p.uuid: p for p in existing}
    unmatched = list(existing)
    members = [m for m in (instance.get("members") or []) if isinstance(m, Mapping)]
    slots: list[Person | None] = []
    position = 0
    for index, member in enumerate(members):
        name = text(member.get("full_name"))
        wanted = person_uuids[index] if index < len(person_uuids) else None
        person = by_uuid.get(wanted) if wanted else None
        if person is None and member.get("personal_id"):
            person = next((p for p in unmatched if p.personal_id == member.get("personal_id")), None)
        if person is None and name:
            person = next((p for p in unmatched if p.name_folded == fold(name)), None)
        if person is not None and person in unmatched:
            unmatched.remove(person)
        if not name:
            slots.append(person)
            continue
        if person is None:
            person = Person(household=household, full_name=name, sex=member.get("sex") or "")
            s.add(person)
        _set(person, "position", position)
        _set(person, "full_name", name)
        _set(person, "sex", member.get("sex") or "")
        dob = _date(member.get("dob"))
        _set(person, "dob", dob)
        _set(person, "birth_year", dob.year if dob else person.birth_year)
        code = member.get("ethnicity")
        _set(person, "ethnicity", ETHNICITY_NAMES.get(str(code or "")) or person.ethnicity or "Kinh")
        _set(person, "personal_id", text(member.get("personal_id")) or None)
        _set(person, "relationship_to_head", member.get("relationship") or "other")
        details = _member_details(member, person.details or {})
        if details != (person.details or {}):
            person.details = details  # JSON columns are reassigned, never mutated in place
        position += 1
        slots.append(person)
    now = utcnow()
    for person in unmatched:
        person.deleted_at = now
    s.flush()  # one flush: one revision, outbox row and audit entry per changed record
    uuids = tuple(p.uuid if p is not None else None for p in slots)
    return RegisterResult(household.id, household.uuid, uuids)
