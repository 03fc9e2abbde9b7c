"""Shared result pieces: the bilingual reason and JSON conversion of frozen result dataclasses."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any

from xaapp.domain.text import nfc


@dataclass(frozen=True)
class Reason:
    """Why a result is what it is, in Vietnamese (read out at the village meeting) and English."""

    vi: str
    en: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "vi", nfc(self.vi))
        object.__setattr__(self, "en", nfc(self.en))

    def to_json(self) -> dict[str, str]:
        return {"vi": self.vi, "en": self.en}


def to_jsonable(value: Any) -> Any:
    """Plain JSON types for dataclasses (via their ``to_json``), tuples, dates and numbers."""
    if hasattr(value, "to_json") and callable(value.to_json):
        return value.to_json()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return value
    return value


def month_text(year: int, month: int) -> str:
    """A month as officers write it: "07/2024"."""
    return f"{month:02d}/{year:04d}"
