"""Inline forms for tests: markdown tables written to a temporary .xlsx (pyxform's test style)."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from openpyxl import Workbook

from xaapp.forms_engine import Form, InterviewSession, build_form, load_form

_TMP = Path(tempfile.mkdtemp(prefix="xaapp-forms-"))
_counter = 0
SHEETS = ("survey", "choices", "settings", "external_choices", "entities", "osm")


def _table(text: str) -> list[list[str]]:
    rows: list[list[str]] = []
    for line in text.strip().splitlines():
        line = line.strip()
        if not line.startswith("|"):
            continue
        cells = [c.strip() for c in line.strip("|").split("|")]
        rows.append(cells)
    return rows


def _sheets(text: str, choices: str, settings: str) -> dict[str, list[list[str]]]:
    rows = _table(text)
    sheets: dict[str, list[list[str]]] = {}
    if rows and rows[0][0].lower() in SHEETS and not any(rows[0][1:]):
        current = ""
        for row in rows:
            if row[0]:
                current = row[0]
                sheets[current] = []
            else:
                sheets[current].append(row[1:])
    else:
        sheets["survey"] = rows
    if choices:
        sheets["choices"] = _table(choices)
    if settings:
        sheets["settings"] = _table(settings)
    if "settings" not in sheets:
        sheets["settings"] = [["form_id", "version"], ["test_form", "1"]]
    return sheets


def write_form(
    text: str, choices: str = "", settings: str = "", name: str = "", folder: Path | None = None
) -> Path:
    """Write the markdown table(s) to a new .xlsx (in *folder*, else a shared temporary folder)."""
    global _counter
    _counter += 1
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in _sheets(text, choices, settings).items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append([cell if cell != "" else None for cell in row])
    path = (folder or _TMP) / f"{name or 'form'}_{_counter}.xlsx"
    workbook.save(path)
    return path


def form_from_rows(text: str, choices: str = "", settings: str = "") -> Form:
    """Load an inline form; fails the test (FormError) if it has errors."""
    return load_form(write_form(text, choices, settings))


def problems_of(text: str, choices: str = "", settings: str = "") -> list:
    return build_form(write_form(text, choices, settings))[1]


def session_from_rows(text: str, choices: str = "", settings: str = "", lang: str = "en") -> InterviewSession:
    form = form_from_rows(text, choices, settings)
    return InterviewSession(
        form, lang=lang, today=dt.date(2026, 11, 28), now=dt.datetime(2026, 11, 28, 9, 30)
    )
