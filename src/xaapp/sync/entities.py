"""The synced entities and their wire fields: one definition for the app, the server and the tests.

``ENTITY_FIELDS`` lists, per entity and parents first (the order records are sent and applied in),
the fields a record carries on the wire: type, length, allowed values, and for a foreign key the
entity it names (travelling as that record's UUID). A test checks it matches the database columns.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class FieldSpec:
    """One wire field of an entity. ``kind``: str int float bool date datetime month dict list ref."""

    name: str
    kind: str
    required: bool = False
    max_len: int | None = None
    choices: tuple[str, ...] | None = None
    ref: str | None = None  # for kind "ref": the referenced entity


def _f(name: str, kind: str = "str", **kw: Any) -> FieldSpec:
    return FieldSpec(name, kind, **kw)


def _ref(name: str, entity: str) -> FieldSpec:
    return FieldSpec(name, "ref", required=True, ref=entity)


COMMON_FIELDS: tuple[FieldSpec, ...] = (
    _f("created_at", "datetime", required=True),
    _f("updated_at", "datetime", required=True),
    _f("deleted_at", "datetime"),
)

_STATUS = ("active", "suspended", "stopped")

#: Wire fields per entity, parents first (the order records are sent and applied in).
ENTITY_FIELDS: dict[str, tuple[FieldSpec, ...]] = {
    "village": (
        _f("commune_code", required=True, max_len=5),
        _f("name", required=True, max_len=100),
        _f("area_type", choices=("rural", "urban")),
    ),
    "household": (
        _ref("village_uuid", "village"),
        _f("code", max_len=20),
        _f("address", max_len=200),
        _f("area_type", choices=("rural", "urban")),
        _f("phone", max_len=20),
        _f("ethnic_minority", "bool"),
    ),
    "person": (
        _ref("household_uuid", "household"),
        _f("position", "int"),
        _f("full_name", required=True, max_len=100),
        _f("sex", required=True, choices=("male", "female")),
        _f("dob", "date"),
        _f("birth_year", "int"),
        _f("ethnicity", max_len=30),
        _f("personal_id", max_len=12),
        _f("legacy_id", max_len=12),
        _f("relationship_to_head", max_len=20),
        _f("phone", max_len=20),
        _f("details", "dict"),
    ),
    "poverty_review": (
        _ref("household_uuid", "household"),
        _f("review_year", "int", required=True),
        _f("kind", choices=("periodic", "monthly")),
        _f("review_month", "int"),
        _f("form_id", max_len=60),
        _f("form_version", max_len=30),
        _f("answers", "dict"),
        _f("status", choices=("draft", "final")),
        _f("result_class", choices=("poor", "near_poor", "average", "none")),
        _f("result", "dict"),
        _f("listed_on", "date"),
        _f("surveyed_on", "date"),
        _f("meeting_on", "date"),
        _f("meeting_agree_pct", "float"),
        _f("posted_on", "date"),
        _f("recognised_on", "date"),
        _f("decision_no", max_len=40),
    ),
    "beneficiary": (
        _ref("person_uuid", "person"),
        _f("clauses", "list"),
        _f("status", choices=_STATUS),
        _f("start_month", "month", required=True),
        _f("decision_no", max_len=40),
        _f("decision_date", "date"),
        _f("bank_account", max_len=30),
        _f("bank_name", max_len=100),
        _f("form_id", max_len=60),
        _f("form_version", max_len=30),
        _f("answers", "dict"),
    ),
    "beneficiary_event": (
        _ref("beneficiary_uuid", "beneficiary"),
        _f("action", required=True, max_len=10),
        _f("effective_month", "month", required=True),
        _f("reason"),
        _f("decision_no", max_len=40),
    ),
    "allowance_period": (
        _ref("beneficiary_uuid", "beneficiary"),
        _f("from_month", "month", required=True),
        _f("standard_level", "int", required=True),
        _f("coefficient", "float", required=True),
        _f("amount", "int", required=True),
        _f("basis"),
    ),
    "merit_record": (
        _ref("person_uuid", "person"),
        _f("category", required=True, max_len=40),
        _f("status", choices=_STATUS),
        _f("answers", "dict"),
    ),
    "child_record": (
        _ref("person_uuid", "person"),
        _f("group_code", required=True, max_len=10),
        _f("status", choices=_STATUS),
        _f("answers", "dict"),
    ),
}
ENTITIES: tuple[str, ...] = tuple(ENTITY_FIELDS)
ENTITY_RANK: dict[str, int] = {name: i for i, name in enumerate(ENTITIES)}


def parent_ref(entity: str) -> FieldSpec | None:
    """The field naming this entity's parent record (None for a village, whose parent is the commune)."""
    return next((f for f in ENTITY_FIELDS[entity] if f.kind == "ref"), None)
