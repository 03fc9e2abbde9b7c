"""Counting one village: the numbers behind the communes page and the yearly tables (Biểu 1–4).

Pure Python over plain rows, with the laptop's own rules: the review that counts for a household
and year is its *final* review of that year, the periodic one when there is one, else the latest
monthly one (as ``services.listing`` picks it on the laptop); movement between years is
``rules.movement.household_movement`` over the five years before (as the laptop's Biểu 3–4).

Metrics per (year, name); year 0 holds the register:

* ``households`` (year 0): households in the register (not deleted, in a village not deleted);
* ``surveyed``: households with a review of the year, draft or final; ``draft``: of these, those
  without a final one; ``final``: with a final review (and a class); ``posted``: whose final review
  has a posting date; ``decided``: whose final review has a recognition date or decision number;
* ``cls:<class>``: the class of the counting review (poor, near_poor, average, none);
* ``dep:<class>:<indicator>``: poor and near-poor households deprived in an indicator;
* ``mv:<table>:<column>``: the movement tables' columns (start, escaped, new …, end);
* ``pending``: households poor or near-poor last year without a final review this year (left out
  of the movement tables, as on the laptop).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from xaapp.rules.movement import household_movement

REGISTER_YEAR = 0
HISTORY_YEARS = 5  # years looked back for "fell back" (tái nghèo), as the laptop's movement tables


@dataclass(frozen=True)
class ReviewFacts:
    uuid: str
    household_uuid: str
    year: int
    kind: str
    month: int | None
    status: str
    result_class: str | None
    deprivations: tuple[str, ...]
    posted_on: str | None
    decided: bool
    created_at: str

    @classmethod
    def from_row(cls, r: Any) -> ReviewFacts:
        try:
            deps = tuple(str(c) for c in json.loads(r.deprivations or "[]"))
        except ValueError:
            deps = ()
        return cls(
            r.uuid,
            r.household_uuid,
            int(r.review_year),
            r.kind or "",
            r.review_month,
            r.status or "",
            r.result_class,
            deps,
            r.posted_on,
            bool(r.recognised_on or r.decision_no),
            r.created_at or "",
        )

    @property
    def rank(self) -> tuple[int, int, str, str]:
        """Greater is the one that counts: periodic first, then the latest month, then the latest made."""
        return (1 if self.kind == "periodic" else 0, self.month or 0, self.created_at, self.uuid)

    @property
    def counts(self) -> bool:
        return self.status == "final" and self.result_class is not None


def counting_reviews(reviews: Iterable[ReviewFacts]) -> dict[tuple[str, int], ReviewFacts]:
    """{(household, year): the review that counts} among final reviews with a class."""
    best: dict[tuple[str, int], ReviewFacts] = {}
    for r in reviews:
        if not r.counts:
            continue
        key = (r.household_uuid, r.year)
        if key not in best or r.rank > best[key].rank:
            best[key] = r
    return best


def count_village(households: Iterable[str], reviews: Iterable[ReviewFacts]) -> Counter[tuple[int, str]]:
    """{(year, metric): n} for one village's households and their (not deleted) reviews."""
    members = set(households)
    reviews = [r for r in reviews if r.household_uuid in members and r.year > 0]
    out: Counter[tuple[int, str]] = Counter()
    out[(REGISTER_YEAR, "households")] = len(members)
    started: dict[int, set[str]] = defaultdict(set)
    for r in reviews:
        started[r.year].add(r.household_uuid)
    chosen = counting_reviews(reviews)
    classes: dict[str, dict[int, str]] = defaultdict(dict)
    for (hh, year), r in chosen.items():
        classes[hh][year] = r.result_class or ""
        out[(year, "final")] += 1
        out[(year, f"cls:{r.result_class}")] += 1
        out[(year, "posted")] += int(bool(r.posted_on))
        out[(year, "decided")] += int(r.decided)
        if r.result_class in ("poor", "near_poor"):
            for code in dict.fromkeys(r.deprivations):
                out[(year, f"dep:{r.result_class}:{code}")] += 1
    years = set(started) | {y + 1 for y in started}
    for year in years:
        out[(year, "surveyed")] += len(started.get(year, ()))
        out[(year, "draft")] += sum(1 for hh in started.get(year, ()) if year not in classes[hh])
    for by_year in classes.values():
        for year in years:
            if year not in by_year:
                out[(year, "pending")] += int(by_year.get(year - 1) in ("poor", "near_poor"))
                continue
            history = {y: c for y, c in by_year.items() if year - HISTORY_YEARS <= y <= year}
            m = household_movement(history, year)
            for table, start, end, column in (
                ("poor", m.start_poor, m.end_poor, m.poor_column),
                ("near_poor", m.start_near_poor, m.end_near_poor, m.near_poor_column),
            ):
                out[(year, f"mv:{table}:start")] += int(start)
                out[(year, f"mv:{table}:end")] += int(end)
                if column:
                    out[(year, f"mv:{table}:{column}")] += 1
    return out
