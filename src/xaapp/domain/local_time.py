"""Times as the officer reads them: stored UTC (naive, see ``domain.clock``) shown in Vietnam's time.

The communes are all in one zone, Asia/Ho_Chi_Minh (UTC+7 since 1975, no daylight saving), read
from the IANA database through ``zoneinfo``; Windows has no system copy of that database, so the
``tzdata`` package provides it there (a dependency for Windows only, see pyproject.toml).
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from zoneinfo import ZoneInfo

ZONE_NAME = "Asia/Ho_Chi_Minh"


@cache
def zone() -> ZoneInfo:
    return ZoneInfo(ZONE_NAME)


def to_local(moment: dt.datetime) -> dt.datetime:
    """*moment* (naive UTC as stored, or aware) in Vietnam's local time, without tzinfo."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(zone()).replace(tzinfo=None)


def format_local(moment: dt.datetime | str | None) -> str:
    """dd/mm/yyyy HH:MM in local time ("" for none); an ISO text is read as stored (UTC unless it says)."""
    if moment is None or moment == "":
        return ""
    if isinstance(moment, str):
        moment = dt.datetime.fromisoformat(moment.replace("Z", "+00:00"))
    return to_local(moment).strftime("%d/%m/%Y %H:%M")
