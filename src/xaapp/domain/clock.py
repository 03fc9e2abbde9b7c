"""Time in one place: naive UTC datetimes in storage, local dates for the officer."""

from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> datetime:
    """Current UTC time without tzinfo (SQLite stores naive datetimes; all of ours are UTC)."""
    return datetime.now(UTC).replace(tzinfo=None)
