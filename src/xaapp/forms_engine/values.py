"""Conversion between Python values (what the UI and JSON hold) and instance text (what XPath sees)."""

from __future__ import annotations

import datetime as dt
import re

from xaapp.domain.text import AmountError, nfc, parse_money
from xaapp.forms_engine import geo
from xaapp.forms_engine.attachments import Attachment, parse_answer
from xaapp.forms_engine.model import Item
from xaapp.forms_engine.types import ATTACHMENT_TYPES, GEO_TYPES
from xaapp.forms_engine.xpath_types import number_to_string, parse_date

_INT_RE = re.compile(r"^\s*[+-]?\d+\s*$")
_DEC_RE = re.compile(r"^\s*[+-]?(\d+(\.\d*)?|\.\d+)\s*$")
_NUMBER_TEXT_RE = re.compile(r"^-?(\d+(\.\d*)?|\.\d+)$")
_VN_DATE_RE = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")
_ISO_DATE_RE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_TIME_RE = re.compile(r"^\s*(\d{1,2})(?:[:hH](\d{2})?)(?::(\d{2})(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?\s*$")
_DATETIME_RE = re.compile(
    r"^\s*(?:(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>\d{4})"
    r"|(?P<iyear>\d{4})-(?P<imonth>\d{1,2})-(?P<iday>\d{1,2}))[ T,]+(?P<time>\S+)\s*$"
)
#: The ODK appearance that marks a number typed with thousands separators; here it also means a
#: whole amount (money in đồng), read by :func:`xaapp.domain.text.parse_money`.
THOUSANDS_SEP = "thousands-sep"


def grouped(item: Item) -> bool:
    """Whether *item* is a number typed and shown with thousands separators (12.000.000)."""
    return item.type in ("integer", "decimal") and THOUSANDS_SEP in item.appearance.split()


class BadValue(ValueError):
    """The value does not fit the question type; ``code`` is the issue code."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def to_text(item: Item, value: object, choice_names: frozenset[str] | None = None) -> str:
    """Canonical instance text for *value* given to question *item*; raises BadValue."""
    if value is None:
        return ""
    kind = item.type
    if kind == "integer":
        if isinstance(value, bool):
            raise BadValue("not_integer")
        if isinstance(value, int):
            return str(value)
        if isinstance(value, float):
            if value != value or not value.is_integer():
                raise BadValue("not_integer")
            return str(int(value))
        text = str(value).strip()
        if text == "":
            return ""
        if grouped(item):
            return str(_amount(text))
        if not _INT_RE.match(text):
            raise BadValue("not_integer")
        return str(int(text))
    if kind == "decimal":
        if isinstance(value, bool):
            raise BadValue("not_decimal")
        if isinstance(value, int | float):
            if value != value:
                raise BadValue("not_decimal")
            return number_to_string(float(value))
        text = str(value).strip()
        if text == "":
            return ""
        if grouped(item):
            return number_to_string(float(_amount(text)))
        if not _DEC_RE.match(text):
            raise BadValue("not_decimal")
        return number_to_string(float(text))
    if kind == "date":
        if isinstance(value, dt.datetime):
            return value.date().isoformat()
        if isinstance(value, dt.date):
            return value.isoformat()
        text = str(value).strip()
        if text == "":
            return ""
        m = _VN_DATE_RE.match(text)
        if m:
            return _calendar_date(int(m[3]), int(m[2]), int(m[1]))
        m = _ISO_DATE_RE.match(text)
        if m:
            return _calendar_date(int(m[1]), int(m[2]), int(m[3]))
        parsed = parse_date(text)
        if parsed is None:
            raise BadValue("not_date")
        return (parsed.date() if isinstance(parsed, dt.datetime) else parsed).isoformat()
    if kind in ("time", "datetime") or kind in GEO_TYPES or kind in ATTACHMENT_TYPES:
        return _other_text(kind, value)
    if kind == "metadata":
        return ""
    if kind == "select_one":
        text = nfc(str(value)).strip()
        if text and choice_names is not None and text not in choice_names:
            raise BadValue("not_a_choice", value=text)
        return text
    if kind == "select_multiple":
        if isinstance(value, list | tuple | set | frozenset):
            parts = [str(v).strip() for v in value]
        else:
            parts = to_text_plain(value).split()
        parts = [nfc(p) for p in parts if p]
        for part in parts:
            if choice_names is not None and part not in choice_names:
                raise BadValue("not_a_choice", value=part)
        return " ".join(dict.fromkeys(parts))
    if kind == "acknowledge":
        if isinstance(value, bool):
            return "OK" if value else ""
        return "" if str(value).strip().lower() in ("", "false", "0") else "OK"
    return to_text_plain(value)


def _other_text(kind: str, value: object) -> str:
    """Time, date-time, places and attachments."""
    if kind in ATTACHMENT_TYPES:
        if isinstance(value, Attachment):
            return value.answer
        text = to_text_plain(value)
        found = parse_answer(text)
        if text and found is None:
            raise BadValue("not_attachment")
        return found.answer if found else ""
    if kind in GEO_TYPES:
        try:
            return geo.canonical(kind, to_text_plain(value))
        except geo.GeoError as exc:
            raise BadValue(exc.code, **exc.params) from exc
    if kind == "time":
        if isinstance(value, dt.datetime):
            value = value.time()
        if isinstance(value, dt.time):
            return value.replace(microsecond=0, tzinfo=None).isoformat()
        text = to_text_plain(value)
        return _time(text, "not_time") if text else ""
    if isinstance(value, dt.datetime):  # datetime
        return value.replace(microsecond=0, tzinfo=None).isoformat()
    if isinstance(value, dt.date):
        return f"{value.isoformat()}T00:00:00"
    text = to_text_plain(value)
    if text == "":
        return ""
    m = _DATETIME_RE.match(text)
    if m is None:
        raise BadValue("not_datetime")
    if m["day"]:
        day = _calendar_date(int(m["year"]), int(m["month"]), int(m["day"]))
    else:
        day = _calendar_date(int(m["iyear"]), int(m["imonth"]), int(m["iday"]))
    return f"{day}T{_time(m['time'], 'not_datetime')}"


def _time(text: str, code: str) -> str:
    """``14:30``, ``14h30``, ``14:30:15`` (an ODK ``14:30:00.000+07:00`` too) -> ``14:30:00``."""
    m = _TIME_RE.match(text)
    if m is None:
        raise BadValue(code)
    hour, minute, second = int(m[1]), int(m[2] or 0), int(m[3] or 0)
    if hour > 23 or minute > 59 or second > 59:
        raise BadValue(code)
    return f"{hour:02d}:{minute:02d}:{second:02d}"


def _amount(text: str) -> int:
    try:
        return parse_money(text)
    except AmountError as exc:
        raise BadValue(exc.code, value=exc.text) from exc


def _calendar_date(year: int, month: int, day: int) -> str:
    """ISO text of a date typed with the right shape; a day the calendar does not have is named."""
    if year < 1:
        raise BadValue("not_date")
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        shown = f"{day:02d}/{month:02d}/{year:04d}"
        if not 1 <= month <= 12:
            raise BadValue("no_such_month", value=shown, month=month) from None
        following = dt.date(year + 1, 1, 1) if month == 12 else dt.date(year, month + 1, 1)
        days = (following - dt.date(year, month, 1)).days
        raise BadValue("no_such_date", value=shown, month=month, year=year, days=days) from None


def to_text_plain(value: object) -> str:
    """Instance text of a value given to a text-like question."""
    if isinstance(value, float):
        return number_to_string(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return nfc(str(value)).strip()


def from_text(item: Item, text: str) -> object:
    """The Python value of instance *text* for the UI: int, float, date, list[str], bool or str."""
    if text == "":
        return None
    kind = item.type
    try:
        if kind == "integer":
            return int(text)
        if kind == "decimal":
            return float(text)
        if kind in ("date", "today"):
            return dt.date.fromisoformat(text)
    except ValueError:
        return text
    if kind == "select_multiple":
        return text.split()
    if kind == "acknowledge":
        return True
    if kind == "calculate" and _NUMBER_TEXT_RE.match(text):
        number = float(text)
        return int(number) if "." not in text else number
    return text


def to_json_value(item: Item, text: str) -> object:
    """JSON form: numbers as numbers, select_multiple as a space-separated string, dates as text."""
    if text == "":
        return None
    if item.type == "integer":
        try:
            return int(text)
        except ValueError:
            return text
    if item.type == "decimal" or (item.type == "calculate" and _NUMBER_TEXT_RE.match(text)):
        number = float(text)
        return int(number) if number.is_integer() and "." not in text else number
    return text
