"""Reads an XLSForm workbook with openpyxl into plain rows (sheet and column names case-insensitive)."""

from __future__ import annotations

import datetime as dt
import logging
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import load_workbook  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

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
    return nfc(str(value)).strip()


def read_workbook(path: str | Path) -> dict[str, Sheet]:
    """Sheets by lower-case name. Raises FormError when the file is not a readable .xlsx."""
    path = Path(path)
    sheets: dict[str, Sheet] = {}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about harmless styles/properties
            workbook = load_workbook(path, read_only=True, data_only=True)
            try:
                for ws in workbook.worksheets:
                    key = ws.title.strip().lower()
                    if key not in sheets:
                        sheets[key] = _read_sheet(ws)
            finally:
                workbook.close()
    except Exception as exc:  # noqa: BLE001 - any failure inside openpyxl means the file is not a usable .xlsx
        logger.info("cannot read %s: %r", path, exc)
        detail = type(exc).__name__
        raise FormError(str(path), [problem("file_unreadable", path.name, detail=detail)]) from exc
    return sheets


def _read_sheet(ws: Any) -> Sheet:  # an openpyxl worksheet
    rows_iter = ws.iter_rows(values_only=True)
    columns: list[str] = []
    letters: list[str] = []
    rows: list[Row] = []
    header_found = False
    for number, values in enumerate(rows_iter, start=1):
        if not header_found:
            if values is None or all(v is None or str(v).strip() == "" for v in values):
                continue
            header_found = True
            for i, value in enumerate(values):
                columns.append(normalise_column(str(value)) if value is not None else "")
                letters.append(get_column_letter(i + 1))
            continue
        row = Row(number)
        for i, value in enumerate(values or ()):
            if i >= len(columns) or not columns[i]:
                continue
            text = cell_text(value)
            if text == "" or columns[i] in row.values:
                continue
            row.values[columns[i]] = text
            row.cells[columns[i]] = f"{ws.title}!{letters[i]}{number}"
        if row.values:
            rows.append(row)
    found = {c: letters[i] for i, c in reversed(list(enumerate(columns))) if c}
    return Sheet(ws.title, [c for c in columns if c], rows, found)
