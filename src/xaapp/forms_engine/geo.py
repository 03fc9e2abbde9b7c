"""Places typed on a desktop: ``geopoint`` as "lat lon [alt [acc]]", ``geotrace``/``geoshape`` as such
points separated by ``;`` (ODK's own text form). Decimal degrees, WGS 84, as a phone's GPS gives them.

A point copied from a map site ("19.8076, 105.7764") is accepted: commas between numbers count as
spaces. Stored as ODK stores it: four numbers, altitude and accuracy 0 when not given.
"""

from __future__ import annotations

import math
import re

_NUMBER_RE = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
#: A geoshape needs three corners plus the first again; a geotrace two points.
MIN_POINTS = {"geotrace": 2, "geoshape": 4}


class GeoError(ValueError):
    """The text is not a place; ``code`` and ``params`` say why (issue codes of the engine)."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def _number_text(value: float) -> str:
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


def parse_point(text: str) -> tuple[float, float, float, float]:
    """(lat, lon, alt, acc) of one point; raises GeoError."""
    parts = text.replace(",", " ").split()
    if not 2 <= len(parts) <= 4 or not all(_NUMBER_RE.match(p) for p in parts):
        raise GeoError("not_geopoint")
    numbers = [float(p) for p in parts] + [0.0] * (4 - len(parts))
    lat, lon, alt, acc = numbers
    if not -90 <= lat <= 90:
        raise GeoError("bad_latitude", value=parts[0])
    if not -180 <= lon <= 180:
        raise GeoError("bad_longitude", value=parts[1])
    if acc < 0 or math.isinf(alt):
        raise GeoError("bad_accuracy", value=parts[3] if len(parts) > 3 else "")
    return lat, lon, alt, acc


def point_text(point: tuple[float, float, float, float]) -> str:
    return " ".join(_number_text(v) for v in point)


def canonical(kind: str, text: str) -> str:
    """The stored text of a *kind* ("geopoint", "geotrace", "geoshape") answer; raises GeoError."""
    text = text.strip()
    if text == "":
        return ""
    if kind == "geopoint":
        return point_text(parse_point(text))
    pieces = [p for p in text.split(";") if p.strip()]
    points = [parse_point(p) for p in pieces]
    if len(points) < MIN_POINTS[kind]:
        raise GeoError("too_few_points", count=MIN_POINTS[kind])
    if kind == "geoshape" and points[0][:2] != points[-1][:2]:
        raise GeoError("shape_not_closed", first=f"{_number_text(points[0][0])} {_number_text(points[0][1])}")
    return ";".join(point_text(p) for p in points)
