"""Question types: the XLSForm spellings and aliases (pyxform's list), and which ones xaapp supports."""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Spelling -> canonical type. pyxform's aliases and old spellings included ("q picture", "add date
#: prompt", "get today" …), so forms written for older tools load as pyxform converts them.
_SIMPLE = {
    "text": "text",
    "string": "text",
    "q string": "text",
    "add text prompt": "text",
    "select one external": "text",  # pyxform's old spelling with spaces: a plain text input
    "integer": "integer",
    "int": "integer",
    "q int": "integer",
    "add integer prompt": "integer",
    "decimal": "decimal",
    "q decimal": "decimal",
    "add decimal prompt": "decimal",
    "date": "date",
    "q date": "date",
    "add date prompt": "date",
    "time": "time",
    "add time prompt": "time",
    "datetime": "datetime",
    "date time": "datetime",
    "q date time": "datetime",
    "q datetime": "datetime",
    "add date time prompt": "datetime",
    "add datetime prompt": "datetime",
    "geopoint": "geopoint",
    "gps": "geopoint",
    "location": "geopoint",
    "q location": "geopoint",
    "q geopoint": "geopoint",
    "add location prompt": "geopoint",
    "geotrace": "geotrace",
    "q geotrace": "geotrace",
    "geoshape": "geoshape",
    "q geoshape": "geoshape",
    "barcode": "barcode",
    "q barcode": "barcode",
    "add barcode prompt": "barcode",
    "image": "image",
    "photo": "image",
    "q picture": "image",
    "q image": "image",
    "add image prompt": "image",
    "add photo prompt": "image",
    "audio": "audio",
    "q audio": "audio",
    "add audio prompt": "audio",
    "video": "video",
    "q video": "video",
    "add video prompt": "video",
    "file": "file",
    "add file prompt": "file",
    "note": "note",
    "q note": "note",
    "add note prompt": "note",
    "calculate": "calculate",
    "q calculate": "calculate",
    "add calculate prompt": "calculate",
    "hidden": "hidden",
    "acknowledge": "acknowledge",
    "q acknowledge": "acknowledge",
    "add acknowledge prompt": "acknowledge",
    "trigger": "acknowledge",
    "start": "start",
    "start time": "start",
    "get start time": "start",
    "end": "end",
    "end time": "end",
    "get end time": "end",
    "today": "today",
    "get today": "today",
    # With a check of their own (pyxform adds the constraint; a constraint column replaces it):
    "phone number": "text",
    "percentage": "integer",
    "number of days in last month": "integer",
    "number of days in last six months": "integer",
    "number of days in last year": "integer",
}
#: The constraint (and hint) pyxform gives some old spellings.
IMPLICIT = {
    "phone number": (r"regex(., '^\d*$')", "Enter numbers only."),
    "percentage": ("0 <= . and . <= 100", ""),
    "number of days in last month": ("0 <= . and . <= 31", ""),
    "number of days in last six months": ("0 <= . and . <= 183", ""),
    "number of days in last year": ("0 <= . and . <= 365", ""),
}
#: Types whose answer is a file the officer attaches (see :mod:`xaapp.forms_engine.attachments`).
ATTACHMENT_TYPES = frozenset({"image", "audio", "video", "file", "osm"})
#: Types whose answer is a place: "lat lon alt acc", or such points separated by ";".
GEO_TYPES = frozenset({"geopoint", "geotrace", "geoshape"})
_SELECT_PREFIXES = (
    ("add select multiple prompt using", "select_multiple"),
    ("add select one prompt using", "select_one"),
    ("select all that apply from", "select_multiple"),
    ("select all that apply", "select_multiple"),
    ("select multiple from", "select_multiple"),
    ("select multiple using", "select_multiple"),
    ("select_multiple_from_file", "select_multiple_from_file"),
    ("select multiple from file", "select_multiple_from_file"),
    ("select_one_from_file", "select_one_from_file"),
    ("select one from file", "select_one_from_file"),
    ("select_one_external", "select_one_external"),
    ("select_multiple", "select_multiple"),
    ("select one from", "select_one"),
    ("select one using", "select_one"),
    ("select one", "select_one"),
    ("select_one", "select_one"),
    ("select1", "select_one"),
    ("q select1", "select_one"),
    ("q select", "select_multiple"),
)
_OR_OTHER = ("or_other", "or specify other", "or other")
_UNSUPPORTED_PREFIXES = ("select_multiple_external", "rank")
_CONTAINERS = {
    "group": "group",
    "repeat": "repeat",
    "lgroup": "repeat",
    "looped group": "repeat",
    "loop": "loop",
}
_CONTROL_RE = re.compile(
    r"^(?P<verb>begin|end)[ _]?(?P<control>looped group|lgroup|group|repeat|loop)(?: (?:over )?(?P<list>\S+))?$"
)
#: Widgets xaapp does not offer: the form is refused, naming the type and cell.
UNSUPPORTED = frozenset({"range", "rank", "xml-external", "csv-external", "entity"})
#: Device metadata that has no meaning on a desktop: kept as an empty value, with a warning.
SKIPPED_METADATA = frozenset(
    {
        "deviceid",
        "device id",
        "get device id",
        "imei",
        "subscriberid",
        "subscriber id",
        "get subscriber id",
        "simserial",
        "sim id",
        "get sim id",
        "phonenumber",
        "get phone number",
        "username",
        "email",
        "audit",
        "uri:deviceid",
        "uri:subscriberid",
        "uri:simserial",
        "uri:phonenumber",
        "uri:username",
        "uri:email",
        "start-geopoint",
        "background-audio",
        "background-geopoint",
    }
)
_FILE_RE = re.compile(r"^(?P<file>\S+\.(?P<ext>csv|xml|geojson))$", re.IGNORECASE)


@dataclass(frozen=True)
class TypeInfo:
    """``kind`` is "field", "begin" or "end"; ``base`` the canonical type ("group"/"repeat"/"loop" for
    begin/end); ``list_name`` set for selects (a file name for ``select_one_from_file``, with
    ``from_file`` set; ``external`` for ``select_one_external``); ``problem`` an error/warning code
    or ""; ``spelling`` the type as written, lower-case (for the constraints of old spellings)."""

    kind: str
    base: str
    list_name: str | None = None
    or_other: bool = False
    problem: str = ""
    spelling: str = ""
    from_file: bool = False
    external: bool = False


def parse_type(text: str) -> TypeInfo:
    words = text.split()
    low = " ".join(words).lower()
    control = _CONTROL_RE.match(low)
    if control is not None:
        container = _CONTAINERS[control["control"]]
        if control["list"] is None:
            return TypeInfo(control["verb"], container)
        if control["verb"] == "begin" and container == "loop":
            return TypeInfo("begin", "loop", words[-1])
        return TypeInfo(control["verb"], container, problem="unknown_type")
    if low == "osm" or low.startswith("osm "):  # an OpenStreetMap feature: an attached .osm file
        return TypeInfo("field", "osm", spelling=low)
    for prefix in _UNSUPPORTED_PREFIXES:
        if low == prefix or low.startswith(prefix + " "):
            return TypeInfo("field", low, problem="unsupported_type")
    for prefix, base in _SELECT_PREFIXES:
        if low == prefix or low.startswith(prefix + " "):
            return _select(words, low, prefix, base)
    if low in _SIMPLE:
        return TypeInfo("field", _SIMPLE[low], spelling=low)
    if low in UNSUPPORTED:
        return TypeInfo("field", low, problem="unsupported_type")
    if low in SKIPPED_METADATA:
        return TypeInfo("field", "metadata", problem="metadata_skipped", spelling=low)
    return TypeInfo("field", low, problem="unknown_type")


def _select(words: list[str], low: str, prefix: str, base: str) -> TypeInfo:
    rest = " ".join(words)[len(prefix) :].split()
    rest_low = " ".join(rest).lower()
    or_other = False
    for suffix in _OR_OTHER:
        if rest_low.endswith(" " + suffix) or rest_low == suffix:
            or_other = True
            rest = rest[: len(rest) - len(suffix.split())]
            break
    if len(rest) > 1:
        return TypeInfo("field", low, problem="unknown_type")
    list_name = rest[0] if rest else ""
    if base.endswith("_from_file"):
        match = _FILE_RE.match(list_name)
        if list_name and match is None:
            return TypeInfo("field", low, problem="unknown_type")
        if match is not None and match["ext"].lower() != "csv":
            return TypeInfo("field", low, problem="unsupported_type")
        kind = base.removesuffix("_from_file")
        return TypeInfo("field", kind, list_name, or_other, from_file=True)
    if base == "select_one_external":
        return TypeInfo("field", "select_one", list_name, or_other, external=True)
    return TypeInfo("field", base, list_name, or_other)
