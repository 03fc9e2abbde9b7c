"""XPath 1.0 values and their conversions, with the ODK extension that dates count as days.

Values are Python ``str``, ``float``, ``bool``, ``datetime.date``/``datetime.datetime`` and
:class:`NodeSet` (a list of nodes; the resolver gives each node's string value).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

EPOCH = dt.date(1970, 1, 1)
_NUMBER_RE = re.compile(r"^\s*-?(\d+(\.\d*)?|\.\d+)\s*$")
DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
DATETIME_RE = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$"
)


class NodeSet(list[Any]):
    """An ordered set of instance nodes (a Python list; the evaluator never mutates it)."""

    __slots__ = ()


Value = Any  # str | float | bool | dt.date | dt.datetime | NodeSet
StringOf = Callable[[object], str]


def number_to_string(x: float) -> str:
    """XPath ``string(number)``: 3 -> "3", 0.5 -> "0.5", NaN -> "NaN", no exponent."""
    if x != x:
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    if x == int(x) and abs(x) < 1e21:
        return str(int(x))
    text = repr(x)
    if "e" in text or "E" in text:
        text = format(Decimal(text), "f")
    return text


def parse_date(text: str) -> dt.date | None:
    """A ``YYYY-MM-DD`` date or ``YYYY-MM-DDTHH:MM…`` date-time, else None."""
    text = text.strip()
    m = DATE_RE.match(text)
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    m = DATETIME_RE.match(text)
    if m:
        try:
            seconds = int(m[6] or 0)
            micro = int(float(m[7]) * 1_000_000) if m[7] else 0
            tz = None
            if m[8]:
                if m[8] == "Z":
                    tz = dt.UTC
                else:
                    sign = -1 if m[8][0] == "-" else 1
                    digits = m[8][1:].replace(":", "")
                    tz = dt.timezone(sign * dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))
            return dt.datetime(int(m[1]), int(m[2]), int(m[3]), int(m[4]), int(m[5]), seconds, micro, tz)
        except ValueError:
            return None
    return None


def date_to_days(value: dt.date) -> float:
    """Days since 1970-01-01 (fractional for a date-time, in its own wall-clock time)."""
    if isinstance(value, dt.datetime):
        day = (value.date() - EPOCH).days
        seconds = value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6
        return day + seconds / 86400
    return float((value - EPOCH).days)


def date_to_string(value: dt.date) -> str:
    if isinstance(value, dt.datetime):
        text = value.isoformat(timespec="milliseconds")
        return text
    return value.isoformat()


def string_to_number(text: str) -> float:
    """XPath ``number(string)``, plus ODK's rule that a date string is its count of days."""
    if _NUMBER_RE.match(text):
        return float(text)
    if text and text[0].isdigit() and len(text) >= 10 and text[4:5] == "-":
        parsed = parse_date(text)
        if parsed is not None:
            return date_to_days(parsed)
    return math.nan


def to_string(value: Value, string_of: StringOf) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float | int):
        return number_to_string(float(value))
    if isinstance(value, NodeSet):
        return string_of(value[0]) if value else ""
    if isinstance(value, dt.date):
        return date_to_string(value)
    raise TypeError(f"not an XPath value: {value!r}")


def to_number(value: Value, string_of: StringOf) -> float:
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, float | int):
        return float(value)
    if isinstance(value, str):
        return string_to_number(value)
    if isinstance(value, NodeSet):
        return string_to_number(string_of(value[0])) if value else math.nan
    if isinstance(value, dt.date):
        return date_to_days(value)
    raise TypeError(f"not an XPath value: {value!r}")


def to_bool(value: Value) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, float | int):
        return not (value == 0 or value != value)
    if isinstance(value, str):
        return len(value) > 0
    if isinstance(value, NodeSet):
        return len(value) > 0
    if isinstance(value, dt.date):
        return True
    raise TypeError(f"not an XPath value: {value!r}")


def _atomic_compare(op: str, a: Value, b: Value, string_of: StringOf) -> bool:
    if op in ("=", "!="):
        if isinstance(a, bool) or isinstance(b, bool):
            equal = to_bool(a) == to_bool(b)
        elif isinstance(a, float | int | dt.date) or isinstance(b, float | int | dt.date):
            equal = to_number(a, string_of) == to_number(b, string_of)
        else:
            equal = to_string(a, string_of) == to_string(b, string_of)
        return equal if op == "=" else not equal
    x = to_number(a, string_of)
    y = to_number(b, string_of)
    if op == "<":
        return x < y
    if op == "<=":
        return x <= y
    if op == ">":
        return x > y
    return x >= y


_FLIP = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "=": "=", "!=": "!="}


def compare(op: str, a: Value, b: Value, string_of: StringOf) -> bool:
    """XPath 1.0 comparison, existential over node-sets (§3.4 of the XPath 1.0 spec)."""
    a_set = isinstance(a, NodeSet)
    b_set = isinstance(b, NodeSet)
    if a_set and b_set:
        right = [string_of(n) for n in b]
        return any(_atomic_compare(op, string_of(n), s, string_of) for n in a for s in right)
    if b_set and not a_set:
        return compare(_FLIP[op], b, a, string_of)
    if a_set:
        if isinstance(b, bool):
            return _atomic_compare(op, to_bool(a), b, string_of)
        if isinstance(b, float | int):
            return any(_atomic_compare(op, string_to_number(string_of(n)), b, string_of) for n in a)
        return any(_atomic_compare(op, string_of(n), b, string_of) for n in a)
    return _atomic_compare(op, a, b, string_of)
