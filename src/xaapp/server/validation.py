"""Checks the server applies to every pushed record before storing it.

The record's own shape (entity, UUID, revisions, operation, hash spelling) was checked against its
definition, ``sync.protocol.RecordChange``, before (``intake``); ``ingest`` takes only such records.
The field rules here come from ``sync.protocol.ENTITY_FIELDS`` (the same definition the app serialises
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
from collections.abc import Callable
from datetime import date, datetime
from functools import cache
from typing import Any

import orjson

from xaapp.domain.personal_id import check_personal_id
from xaapp.rules.allowance import clause_codes
from xaapp.server.wire_schema import UUID_REASON
from xaapp.sync.entities import COMMON_FIELDS, ENTITY_FIELDS, FieldSpec
from xaapp.sync.protocol import RecordChange
from xaapp.sync.wire_types import UUID_RE

#: Whole numbers beyond this do not survive JSON readers that use doubles, nor every laptop column.
MAX_SAFE_INT = 2**53 - 1
_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
#: personal ID problems that reject the record (the others are warnings, see module docstring).
_ID_FATAL = {"empty", "not_digits", "wrong_length", "legacy_cmnd", "unknown_province"}

Problem = tuple[str, str]  # (field, reason)


#: A pull cursor as the server writes it: ``<record seq>.<reference seq>[.o]``, each below 10^18 so
#: it fits a BIGINT column.
_CURSOR = re.compile(r"^(?:\d{1,18}\.\d{1,18}(?:\.o)?)?$")
#: What a device hears for a record it may not touch, whether it is unknown or another commune's:
#: one reason for both, so a push cannot tell whether a UUID exists elsewhere.
NOT_YOURS = "unknown record, or not one of this device's commune"


def is_uuid(value: Any) -> bool:
    """Written the one way the wire allows (``sync.wire_types.UUID_PATTERN``)."""
    return isinstance(value, str) and UUID_RE.fullmatch(value) is not None


def is_cursor(value: str) -> bool:
    return len(value) <= 40 and _CURSOR.match(value) is not None


def _check_value(spec: FieldSpec, value: Any) -> str | None:
    kind = spec.kind
    if kind in ("str", "ref"):
        if not isinstance(value, str):
            return "must be text"
        if spec.max_len is not None and len(value) > spec.max_len:
            return f"longer than {spec.max_len} characters"
        if spec.choices is not None and value not in spec.choices:
            return f"must be one of {', '.join(spec.choices)}"
        if kind == "ref" and not is_uuid(value):
            return UUID_REASON
        return None
    if kind == "int":
        if not isinstance(value, int) or isinstance(value, bool):
            return "must be a whole number"
        return None if -MAX_SAFE_INT <= value <= MAX_SAFE_INT else f"must lie between ±{MAX_SAFE_INT}"
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


def _quick_check(spec: FieldSpec) -> Callable[[Any], bool]:
    """A test that passes the common right values of *spec* at a glance: text within its length, a
    UUID, an ISO date, a whole number … Whatever it does not pass goes to ``_check_value``, which says
    what is wrong (or finds it right after all), so it only ever saves time."""
    kind, limit, choices = spec.kind, spec.max_len, spec.choices
    if kind == "str":
        if choices is not None:
            return lambda v: v.__class__ is str and v in choices and (limit is None or len(v) <= limit)
        if limit is None:
            return lambda v: v.__class__ is str
        return lambda v: v.__class__ is str and len(v) <= limit
    if kind == "ref" and limit is None and choices is None:
        uuid = UUID_RE.fullmatch
        return lambda v: v.__class__ is str and uuid(v) is not None
    if kind in ("date", "datetime"):
        parse = date.fromisoformat if kind == "date" else datetime.fromisoformat

        def iso(v: Any) -> bool:  # noqa: ANN401
            if v.__class__ is not str:
                return False
            try:
                parse(v)
            except ValueError:
                return False
            return True

        return iso
    if kind == "month":
        return lambda v: v.__class__ is str and _MONTH.match(v) is not None
    if kind == "int":
        return lambda v: v.__class__ is int and -MAX_SAFE_INT <= v <= MAX_SAFE_INT
    if kind == "float":
        return lambda v: v.__class__ is float or v.__class__ is int
    shape = {"bool": bool, "dict": dict, "list": list}.get(kind)
    return lambda v: shape is not None and v.__class__ is shape


@cache
def _fields(entity: str) -> tuple[tuple[tuple[str, bool, Callable[[Any], bool], FieldSpec], ...], frozenset[str]]:
    """An entity's wire fields (its own, then the common ones) with their quick checks, and their names."""
    specs = ENTITY_FIELDS[entity] + COMMON_FIELDS
    return tuple((s.name, s.required, _quick_check(s), s) for s in specs), frozenset(s.name for s in specs)


def _hash_matches(change: RecordChange) -> bool:
    """Whether ``hash`` is the content hash of the record's data (``RecordChange.data_hash``), the
    data's canonical bytes kept on *change* for storing. They are written by orjson first (a third of
    ``json.dumps``' time): when the hash matches on its bytes, those are the bytes the device hashed,
    the canonical ones. Where orjson writes a value otherwise (a float's spelling, a whole number
    past 64 bits) the hash does not match on them, and ``canonical_json``'s bytes decide."""
    if "data_json" not in change.__dict__:
        try:
            change.__dict__["data_json"] = orjson.dumps(change.data, option=orjson.OPT_SORT_KEYS)
        except orjson.JSONEncodeError:
            pass
        else:
            if change.data_hash() == change.hash:
                return True
            del change.__dict__["data_json"]  # data_hash() again: from canonical_json's bytes
    return change.data_hash() == change.hash


def validate(change: RecordChange) -> Problem | None:
    """The first problem of *change* (a record that passed ``intake.screen_record``), or None if it
    may be stored."""
    if not _hash_matches(change):
        return ("hash", "content hash does not match the data")
    specs, known = _fields(change.entity)
    if not known.issuperset(change.data):
        unknown = sorted(set(change.data) - known)
        return (unknown[0], "unknown field")
    get = change.data.get
    for name, required, quick, spec in specs:
        value = get(name)
        if value is None or value == "":
            if required:
                return (name, "required")
            continue
        if quick(value):
            continue
        reason = _check_value(spec, value)
        if reason:
            return (name, reason)
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
