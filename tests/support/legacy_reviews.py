"""Data files as earlier versions wrote them: reviews stored flat (the demo before migration 4), an
Excel import's review with no answers, and a review pulled from the server in the flat shape."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

#: The twelve flags the household form calculated when reviews were stored flat (before migration 4):
#: data as it was written then, so frozen here rather than read from today's rule data.
LEGACY_FLAG_CODES = (
    "employment",
    "dependents",
    "nutrition",
    "health_insurance",
    "adult_education",
    "child_school_attendance",
    "housing_quality",
    "housing_area",
    "water_source",
    "hygienic_latrine",
    "telecom_use",
    "information_devices",
)


def flat_answers(year: int, income: int, deprivations: list[str]) -> dict[str, Any]:
    """What the demo stored as a review's answers before migration 4."""
    return {
        "review_year": year,
        "area": "rural",
        "income_method": "income",
        "income_per_capita": income,
        **{f"dep_{code}": int(code in deprivations) for code in LEGACY_FLAG_CODES},
    }


def make_schema_3(path: Path) -> dict[int, dict[str, Any]]:
    """Turn a demo data file into one the version before migration 4 wrote: every demo review's answers
    flat, the first household's 2025 review an Excel import (no answers), schema version 3.
    Returns the flat answers written, by review id."""
    conn = sqlite3.connect(path)
    written: dict[int, dict[str, Any]] = {}
    try:
        rows = conn.execute("SELECT id, review_year, result FROM poverty_review ORDER BY id").fetchall()
        for rid, year, result in rows:
            data = json.loads(result)
            flat = flat_answers(year, data["income_per_capita"], data["deprivations"])
            written[rid] = flat
            conn.execute("UPDATE poverty_review SET answers = ? WHERE id = ?", (json.dumps(flat), rid))
        first = conn.execute(
            "SELECT id FROM poverty_review WHERE review_year = 2025 ORDER BY household_id, id LIMIT 1"
        ).fetchone()[0]
        imported = {"imported": True, "reason": {"vi": "Hộ nghèo nhập từ danh sách Excel năm 2025 (ds.xlsx).",
                                                  "en": "Class imported from the 2025 Excel list (ds.xlsx)."}}  # fmt: skip
        conn.execute(
            "UPDATE poverty_review SET answers = '{}', form_id = 'excel_import', form_version = '', result = ?,"
            " result_class = 'poor', status = 'final' WHERE id = ?",
            (json.dumps(imported, ensure_ascii=False), first),
        )
        written[first] = {}
        conn.execute("DROP INDEX ix_household_code")  # what migration 12 adds
        conn.execute("DROP INDEX ix_outbox_entity_pending")  # what migration 11 adds
        conn.execute("DROP INDEX ix_poverty_review_list")  # what migration 10 adds
        conn.execute("DROP INDEX ix_person_list")
        conn.execute("ALTER TABLE person DROP COLUMN name_sort")  # what migration 6 adds
        conn.execute("DROP TABLE review_return")  # what migration 8 adds
        conn.execute("DROP TABLE list_approval")
        conn.execute("DROP TABLE yearly_report")  # what migration 9 adds
        conn.execute("PRAGMA user_version = 3")
        conn.commit()
    finally:
        conn.close()
    return written
