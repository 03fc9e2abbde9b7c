"""Question types: the XLSForm spellings and aliases, and which ones xaapp supports."""

from __future__ import annotations

from dataclasses import dataclass

_SIMPLE = {
    "text": "text",
    "string": "text",
    "integer": "integer",
    "int": "integer",
    "decimal": "decimal",
    "date": "date",
    "note": "note",
    "calculate": "calculate",
    "hidden": "hidden",
    "acknowledge": "acknowledge",
    "trigger": "acknowledge",
    "start": "start",
    "end": "end",
    "today": "today",
}
_SELECT_PREFIXES = (
    ("add select multiple prompt using", "select_multiple"),
    ("add select one prompt using", "select_one"),
    ("select all that apply from", "select_multiple"),
    ("select all that apply", "select_multiple"),
    ("select_multiple", "select_multiple"),
    ("select one from", "select_one"),
    ("select one", "select_one"),
    ("select_one", "select_one"),
    ("select1", "select_one"),
)
_UNSUPPORTED_PREFIXES = (
    "select_one_from_file",
    "select_multiple_from_file",
    "select one from file",
    "select multiple from file",
    "select_one_external",
    "select_multiple_external",
    "rank",
)
#: Media, location and widgets xaapp does not offer: the form is refused, naming the type and cell.
UNSUPPORTED = frozenset(
    {
        "geopoint",
        "gps",
        "geotrace",
        "geoshape",
        "image",
        "photo",
        "audio",
        "video",
        "file",
        "barcode",
        "time",
        "datetime",
        "range",
        "osm",
        "xml-external",
        "csv-external",
        "background-audio",
        "background-geopoint",
        "start-geopoint",
        "add image prompt",
        "add photo prompt",
        "add audio prompt",
        "add video prompt",
        "add file prompt",
        "add date time prompt",
        "entity",
    }
)
#: Device metadata that has no meaning on a desktop: skipped with a warning.
SKIPPED_METADATA = frozenset(
    {
        "deviceid",
        "imei",
        "subscriberid",
        "simserial",
        "phonenumber",
        "username",
        "email",
        "audit",
        "uri:deviceid",
        "uri:subscriberid",
        "uri:simserial",
        "uri:phonenumber",
        "uri:username",
        "uri:email",
    }
)


@dataclass(frozen=True)
class TypeInfo:
    """``kind`` is "field", "begin" or "end"; ``base`` the canonical type ("group"/"repeat" for
    begin/end); ``list_name`` set for selects; ``problem`` an error/warning code or ""."""

    kind: str
    base: str
    list_name: str | None = None
    or_other: bool = False
    problem: str = ""


def parse_type(text: str) -> TypeInfo:
    words = text.split()
    low = " ".join(words).lower()
    for prefix in ("begin", "end"):
        for container in ("group", "repeat"):
            if low in (f"{prefix} {container}", f"{prefix}_{container}", f"{prefix}{container}"):
                return TypeInfo(prefix, container)
    if low.startswith(("begin loop", "begin_loop")):
        return TypeInfo("begin", "loop", problem="unsupported_type")
    if low in ("end loop", "end_loop"):
        return TypeInfo("end", "loop", problem="unsupported_type")
    for prefix in _UNSUPPORTED_PREFIXES:
        if low == prefix or low.startswith(prefix + " "):
            return TypeInfo("field", low, problem="unsupported_type")
    for prefix, base in _SELECT_PREFIXES:
        if low == prefix or low.startswith(prefix + " "):
            rest = " ".join(words)[len(prefix) :].split()
            or_other = bool(rest) and rest[-1].lower() == "or_other"
            if or_other:
                rest = rest[:-1]
            if len(rest) > 1:
                return TypeInfo("field", low, problem="unknown_type")
            return TypeInfo("field", base, rest[0] if rest else "", or_other)
    if low in _SIMPLE:
        return TypeInfo("field", _SIMPLE[low])
    if low in UNSUPPORTED:
        return TypeInfo("field", low, problem="unsupported_type")
    if low in SKIPPED_METADATA:
        return TypeInfo("field", low, problem="metadata_skipped")
    return TypeInfo("field", low, problem="unknown_type")
