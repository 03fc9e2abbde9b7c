"""The poverty standards and deprivation indicator sets of ``poverty_standards.json`` / ``deprivation_indicators.json``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from xaapp.rules.data import (
    RuleDataError,
    cached_on,
    load_topic,
    record_in_force,
    require,
    source_status,
)
from xaapp.rules.deprivations import catalogue, catalogue_codes

AREAS = ("rural", "urban")
AREA_VI = {"rural": "nông thôn", "urban": "thành thị"}
AREA_EN = {"rural": "rural", "urban": "urban"}


@dataclass(frozen=True)
class Indicator:
    code: str
    no: int
    name_vi: str
    name_en: str
    status: str


@dataclass(frozen=True)
class IndicatorSet:
    id: str
    indicators: tuple[Indicator, ...]
    status: str
    provisional: bool
    legal_basis: str
    note: str = ""

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(i.code for i in self.indicators)

    def get(self, code: str) -> Indicator | None:
        return next((i for i in self.indicators if i.code == code), None)


@dataclass(frozen=True)
class Band:
    above: int
    up_to: int


@dataclass(frozen=True)
class PovertyStandard:
    """One poverty standard as data (see ``resources/rules/poverty_standards.json``)."""

    id: str
    name_vi: str
    name_en: str
    effective_from: dt.date
    effective_to: dt.date
    legal_basis: str
    status: str
    income_line: Mapping[str, int]
    income_line_basis: str
    average_band: Mapping[str, Band] | None
    average_band_basis: str | None
    score_a_line: Mapping[str, int] | None
    score_a_basis: str | None
    min_deprivations_poor: int
    points_per_deprivation: int
    classification_basis: str
    indicators: IndicatorSet
    note: str = ""
    average_band_status: str = "unverified"
    score_a_status: str = "unverified"

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name_vi": self.name_vi,
            "name_en": self.name_en,
            "legal_basis": self.legal_basis,
            "status": self.status,
            "indicators_provisional": self.indicators.provisional,
        }


def _indicator_sets(rules_dir: Path | str | None) -> dict[str, IndicatorSet]:
    data = load_topic("deprivation_indicators", rules_dir)
    defined = {i.code: i for i in catalogue(rules_dir)}
    sets: dict[str, IndicatorSet] = {}
    for index, raw in enumerate(require(data, "sets", where="deprivation_indicators")):
        where = f"deprivation_indicators.sets[{index}]"
        indicators = []
        for n, item in enumerate(require(raw, "indicators", where=where)):
            code = str(require(item, "code", where=f"{where}.indicators[{n}]"))
            info = defined.get(code)
            if info is None:  # names, source and form questions come from the catalogue only
                raise RuleDataError(
                    f"{where}.indicators[{n}]: chỉ số «{code}» chưa được định nghĩa trong "
                    "deprivation_indicators.indicators.",
                    f"{where}.indicators[{n}]: indicator “{code}” is not defined in deprivation_indicators.indicators.",
                )
            indicators.append(
                Indicator(code, int(item.get("no", n + 1)), info.name_vi, info.name_en, source_status(item))
            )
        set_id = str(require(raw, "id", where=where))
        sets[set_id] = IndicatorSet(
            id=set_id,
            indicators=tuple(indicators),
            status=source_status(raw),
            provisional=bool(raw.get("provisional", False)),
            legal_basis=str(raw.get("legal_basis", "")),
            note=str(raw.get("note") or ""),
        )
    return sets


def _area_ints(value: Any, *, where: str) -> Mapping[str, int]:
    if not isinstance(value, Mapping) or any(area not in value for area in AREAS):
        raise RuleDataError(
            f"{where} cần giá trị cho rural và urban.", f"{where} needs values for rural and urban."
        )
    return {area: int(value[area]) for area in AREAS}


@cached_on("poverty_standards", "deprivation_indicators")
def all_standards(rules_dir: Path | str | None = None) -> tuple[PovertyStandard, ...]:
    """Every poverty standard in the data, in file order (rebuilt only when a data file changes)."""
    return _build_standards(rules_dir, load_topic("poverty_standards", rules_dir))


def _build_standards(rules_dir: Path | str | None, data: Mapping[str, Any]) -> tuple[PovertyStandard, ...]:
    sets = _indicator_sets(rules_dir)
    result = []
    for index, raw in enumerate(require(data, "records", where="poverty_standards")):
        where = f"poverty_standards.records[{index}]"
        band_raw = raw.get("average_band")
        bands = None
        if band_raw:
            bands = {
                area: Band(int(band_raw[area]["above"]), int(band_raw[area]["up_to"]))
                for area in AREAS
                if area in band_raw
            }
        set_id = str(require(raw, "indicator_set", where=where))
        if set_id not in sets:
            raise RuleDataError(
                f"{where}.indicator_set «{set_id}» không có trong deprivation_indicators.json.",
                f"{where}.indicator_set “{set_id}” is not in deprivation_indicators.json.",
            )
        score_line = raw.get("score_a_line")
        result.append(
            PovertyStandard(
                id=str(require(raw, "id", where=where)),
                name_vi=str(require(raw, "name_vi", where=where)),
                name_en=str(require(raw, "name_en", where=where)),
                effective_from=dt.date.fromisoformat(require(raw, "effective_from", where=where)),
                effective_to=dt.date.fromisoformat(require(raw, "effective_to", where=where)),
                legal_basis=str(require(raw, "legal_basis", where=where)),
                status=source_status(raw),
                income_line=_area_ints(
                    require(raw, "income_line", where=where), where=f"{where}.income_line"
                ),
                income_line_basis=str(raw.get("income_line_basis") or raw["legal_basis"]),
                average_band=bands,
                average_band_basis=(band_raw or {}).get("basis"),
                score_a_line=_area_ints(score_line, where=f"{where}.score_a_line") if score_line else None,
                score_a_basis=raw.get("score_a_basis"),
                min_deprivations_poor=int(require(raw, "min_deprivations_poor", where=where)),
                points_per_deprivation=int(require(raw, "points_per_deprivation", where=where)),
                classification_basis=str(raw.get("classification_basis") or raw["legal_basis"]),
                indicators=sets[set_id],
                note=str(raw.get("note") or ""),
                average_band_status=source_status(band_raw) if band_raw else "unverified",
                score_a_status=source_status({"status": raw.get("score_a_status")}),
            )
        )
    return tuple(result)


@cached_on("poverty_standards", "deprivation_indicators")
def standard_for_year(year: int, rules_dir: Path | str | None = None) -> PovertyStandard | None:
    """The standard in force for the review of *year* (the one in force on 31 December of that year)."""
    standards = all_standards(rules_dir)
    raw = record_in_force(
        [
            {"effective_from": s.effective_from.isoformat(), "effective_to": s.effective_to.isoformat()}
            for s in standards
        ],
        dt.date(year, 12, 31),
        where="poverty_standards.records",
    )
    if raw is None:
        return None
    return next(s for s in standards if s.effective_from.isoformat() == raw["effective_from"])


@cached_on("poverty_standards", "deprivation_indicators")
def known_deprivation_codes(rules_dir: Path | str | None = None) -> tuple[str, ...]:
    """Every deprivation code the rule data defines (its catalogue), in its order."""
    return catalogue_codes(rules_dir)
