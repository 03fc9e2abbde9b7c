"""Reads an XLSForm workbook into plain rows (sheet and column names case-insensitive); the cells come from
:mod:`workbook_cells`."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter

from xaapp.domain.text import nfc
from xaapp.forms_engine.problems import FormError, problem

logger = logging.getLogger(__name__)

#: Column aliases accepted by pyxform, mapped to the names the builder uses.
COLUMN_ALIASES = {
    "relevance": "relevant",
    "bind::relevant": "relevant",
    "bind:relevant": "relevant",
    "calculate": "calculation",
    "bind::calculate": "calculation",
    "bind:calculate": "calculation",
    "bind::constraint": "constraint",
    "bind:constraint": "constraint",
    "bind::required": "required",
    "bind:required": "required",
    "readonly": "read_only",
    "bind::readonly": "read_only",
    "bind:readonly": "read_only",
    "constraining_message": "constraint_message",
    "jr:constraintmsg": "constraint_message",
    "bind::jr:constraintmsg": "constraint_message",
    "bind:jr:constraintmsg": "constraint_message",
    "constraintmsg": "constraint_message",
    "requiredmsg": "required_message",
    "jr:requiredmsg": "required_message",
    "bind::jr:requiredmsg": "required_message",
    "bind:jr:requiredmsg": "required_message",
    "control::appearance": "appearance",
    "control:appearance": "appearance",
    "count": "repeat_count",
    "jr:count": "repeat_count",
    "control::jr:count": "repeat_count",
    "caption": "label",
    "list name": "list_name",
    "value": "name",
    "set_form_id": "form_id",
    "id_string": "form_id",
    "set_form_title": "form_title",
    "default language": "default_language",
}
#: Columns that may carry a language: ``label::vi``.
TRANSLATABLE = frozenset({"label", "hint", "constraint_message", "required_message", "guidance_hint"})


@dataclass
class Row:
    """One non-empty row: values by normalised column key, and where each cell is."""

    number: int
    values: dict[str, str] = field(default_factory=dict)
    cells: dict[str, str] = field(default_factory=dict)

    def get(self, key: str) -> str:
        return self.values.get(key, "")


@dataclass
class Sheet:
    title: str  # as written in the workbook
    columns: list[str]  # normalised keys, in column order
    rows: list[Row]
    letters: dict[str, str] = field(default_factory=dict)  # normalised key -> column letter

    def cell(self, key: str, row: int) -> str:
        """``survey!D14`` for column *key* in *row* (column A when the column does not exist)."""
        return f"{self.title}!{self.letters.get(key, 'A')}{row}"


def normalise_column(header: str) -> str:
    """``LABEL::English (en)`` -> ``label::English (en)``; ``label:english`` -> ``label::english``."""
    text = " ".join(nfc(header).split())
    if "::" in text:
        base, _, lang = text.partition("::")
    elif ":" in text and text.split(":", 1)[0].strip().lower() in TRANSLATABLE:
        base, _, lang = text.partition(":")
    else:
        base, lang = text, ""
    base = base.strip().lower()
    if lang and base not in TRANSLATABLE:
        joined = f"{base}::{lang.strip().lower()}"
        return COLUMN_ALIASES.get(joined, joined)
    base = COLUMN_ALIASES.get(base, base)
    return f"{base}::{lang.strip()}" if lang else base


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        if value.time() == dt.time():
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):  # a duration cell (calamine): as Excel shows it, h:mm:ss
        seconds = int(value.total_seconds())
        return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
    return nfc(str(value)).strip()


def read_workbook(path: str | Path) -> dict[str, Sheet]:
    """Sheets by lower-case name (those an XLSForm uses). Raises FormError when the file is not a
    readable workbook (.xlsx; .xls and .ods are read too)."""
    from xaapp.forms_engine.workbook_cells import WorkbookUnreadable, read_rows

    path = Path(path)
    try:
        found = read_rows(path)
    except (WorkbookUnreadable, OSError) as exc:
        logger.info("cannot read %s: %r", path, exc)
        detail = exc.detail if isinstance(exc, WorkbookUnreadable) else type(exc).__name__
        raise FormError(str(path), [problem("file_unreadable", path.name, detail=detail)]) from exc
    return {key: _read_sheet(title, rows) for key, (title, rows) in found.items()}


def _read_sheet(title: str, numbered_rows: list[tuple[int, list[Any]]]) -> Sheet:
    columns: list[str] = []
    letters: list[str] = []
    rows: list[Row] = []
    if numbered_rows:
        for i, value in enumerate(numbered_rows[0][1]):
            text = cell_text(value)
            columns.append(normalise_column(text) if text else "")
            letters.append(get_column_letter(i + 1))
    width = len(columns)
    for number, values in numbered_rows[1:]:
        row = Row(number)
        for i, value in enumerate(values[:width]):
            key = columns[i]
            if not key or value == "":
                continue
            text = cell_text(value)
            if text == "" or key in row.values:
                continue
            row.values[key] = text
            row.cells[key] = f"{title}!{letters[i]}{number}"
        if row.values:
            rows.append(row)
    found = {c: letters[i] for i, c in reversed(list(enumerate(columns))) if c}
    return Sheet(title, [c for c in columns if c], rows, found)
