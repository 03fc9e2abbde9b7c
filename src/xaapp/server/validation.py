"""Checks the server applies to every pushed record before storing it.

The field rules come from ``sync.protocol.ENTITY_FIELDS`` (the same definition the app serialises
with): required fields, types, lengths, allowed values, dates and months; plus the content hash and
the personal ID check of ``domain.personal_id`` and the clause codes of ``rules.allowance`` (the
app's own rules and rule data). A failed check rejects the record
with the field and the reason; the device keeps the record and shows why.

Personal ID: a malformed number (not 12 digits, a 9-digit CMND in the wrong field, an unknown
province code) is rejected; a number that disagrees with the recorded sex or birth year is accepted,
because the app saves such records with a warning (the officer may have a paper to prove it).
"""

from __future__ import annotations

import re
import uuid as uuid_mod
from datetime import date, datetime
from typing import Any

from xaapp.domain.personal_id import check_personal_id
from xaapp.rules.allowance import clause_codes
from xaapp.sync.protocol import COMMON_FIELDS, ENTITY_FIELDS, FieldSpec, RecordChange, content_hash

_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
#: personal ID problems that reject the record (the others are warnings, see module docstring).
_ID_FATAL = {"empty", "not_digits", "wrong_length", "legacy_cmnd", "unknown_province"}

Problem = tuple[str, str]  # (field, reason)


def _check_value(spec: FieldSpec, value: Any) -> str | None:
    kind = spec.kind
    if kind in ("str", "ref"):
        if not isinstance(value, str):
            return "must be text"
        if spec.max_len is not None and len(value) > spec.max_len:
            return f"longer than {spec.max_len} characters"
        if spec.choices is not None and value not in spec.choices:
            return f"must be one of {', '.join(spec.choices)}"
        if kind == "ref":
            try:
                uuid_mod.UUID(value)
            except ValueError:
                return "must be a record UUID"
        return None
    if kind == "int":
        return None if isinstance(value, int) and not isinstance(value, bool) else "must be a whole number"
    if kind == "float":
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        return None if ok else "must be a number"
    if kind == "bool":
        return None if isinstance(value, bool) else "must be true or false"
    if kind == "dict":
        return None if isinstance(value, dict) else "must be an object"
    if kind == "list":
        return None if isinstance(value, list) else "must be a list"
    if kind == "month":
        return None if isinstance(value, str) and _MONTH.match(value) else "must be a month YYYY-MM"
    try:
        if kind == "date":
            date.fromisoformat(value)
        elif kind == "datetime":
            datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return f"must be an ISO {kind}"
    return None


def validate(change: RecordChange) -> Problem | None:
    """The first problem of *change*, or None if it may be stored."""
    if change.entity not in ENTITY_FIELDS:
        return ("entity", f"unknown entity {change.entity!r}")
    try:
        uuid_mod.UUID(change.uuid)
    except ValueError:
        return ("uuid", "must be a UUID")
    if change.op not in ("upsert", "delete"):
        return ("op", "must be upsert or delete")
    if change.revision < 1 or not 0 <= change.base_revision < change.revision:
        return ("revision", "revision must be ≥ 1 and greater than base_revision ≥ 0")
    if content_hash(change.entity, change.op, change.data) != change.hash:
        return ("hash", "content hash does not match the data")
    specs = ENTITY_FIELDS[change.entity] + COMMON_FIELDS
    known = {s.name for s in specs}
    unknown = sorted(set(change.data) - known)
    if unknown:
        return (unknown[0], "unknown field")
    for spec in specs:
        value = change.data.get(spec.name)
        if value is None or value == "":
            if spec.required:
                return (spec.name, "required")
            continue
        reason = _check_value(spec, value)
        if reason:
            return (spec.name, reason)
    if (change.op == "delete") != (change.data.get("deleted_at") is not None):
        return ("deleted_at", "a delete carries deleted_at and an upsert does not")
    if change.entity == "beneficiary" and change.op == "upsert":
        known_clauses = clause_codes()
        for index, clause in enumerate(change.data.get("clauses") or []):
            if clause not in known_clauses:
                return (
                    f"clauses[{index}]",
                    f"unknown clause {clause!r} (the rules know {', '.join(known_clauses)})",
                )
    if change.entity == "person" and change.data.get("personal_id"):
        check = check_personal_id(change.data["personal_id"])
        fatal = [p for p in check.problems if p.code in _ID_FATAL]
        if fatal:
            return ("personal_id", fatal[0].message_en)
    return None
