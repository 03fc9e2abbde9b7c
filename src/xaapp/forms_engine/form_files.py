"""CSV files kept beside a form: choices of ``select_one_from_file`` and the tables ``pulldata()`` reads.

ODK ships such files with the form as media; here they sit in the same folder as the workbook. A CSV is
UTF-8 (a BOM allowed), comma-separated, with a header row; text is NFC. The whole file is read when the
form is loaded, so an interview never touches the disk.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from xaapp.domain.text import nfc
from xaapp.forms_engine.model import Choice, DataTable

#: A file bigger than this is refused (a choice list, not a database).
MAX_BYTES = 20 * 1024 * 1024


class DataFileError(Exception):
    """A CSV beside the form cannot be used; ``code`` and ``params`` name the problem."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def read_table(folder: Path, file_name: str) -> DataTable:
    """The CSV *file_name* in *folder*; raises DataFileError (missing, too big, not UTF-8, no header)."""
    path = folder / file_name
    if Path(file_name).name != file_name or not path.is_file():
        raise DataFileError("data_file_missing", file=file_name, folder=str(folder))
    if path.stat().st_size > MAX_BYTES:
        raise DataFileError(
            "data_file_unreadable", file=file_name, detail=f"> {MAX_BYTES // 1024 // 1024} MB"
        )
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataFileError(
            "data_file_unreadable", file=file_name, detail=f"UTF-8, byte {exc.start}"
        ) from exc
    except OSError as exc:
        raise DataFileError("data_file_unreadable", file=file_name, detail=type(exc).__name__) from exc
    try:
        rows = list(csv.reader(io.StringIO(text)))
    except csv.Error as exc:
        raise DataFileError("data_file_unreadable", file=file_name, detail=str(exc)) from exc
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise DataFileError("data_file_unreadable", file=file_name, detail="no header row")
    columns = tuple(nfc(c).strip() for c in rows[0])
    records = tuple(
        {columns[i]: nfc(value).strip() for i, value in enumerate(row) if i < len(columns) and columns[i]}
        for row in rows[1:]
        if any(cell.strip() for cell in row)
    )
    return DataTable(file_name, columns, records)


def parameters(text: str) -> dict[str, str]:
    """The ``parameters`` column: ``value=code label=name`` -> {"value": "code", "label": "name"}."""
    out: dict[str, str] = {}
    for part in text.replace(";", " ").replace(",", " ").split():
        key, sep, value = part.partition("=")
        if sep:
            out[key.strip().lower()] = value.strip()
    return out


def choices_from_table(table: DataTable, value_column: str, label_column: str) -> tuple[Choice, ...]:
    """One choice per row (the first of each value); the other columns serve a choice_filter.
    Raises DataFileError when a column is missing."""
    for column in (value_column, label_column):
        if column not in table.columns:
            raise DataFileError(
                "data_file_column", file=table.name, column=column, columns=", ".join(table.columns)
            )
    seen: set[str] = set()
    out: list[Choice] = []
    for number, row in enumerate(table.rows, start=2):
        name = row.get(value_column, "")
        if not name or name in seen:
            continue
        seen.add(name)
        extras = {k.lower(): v for k, v in row.items() if k not in (value_column, label_column)}
        out.append(Choice(name, {"": row.get(label_column, "") or name}, extras, f"{table.name}:{number}"))
    return tuple(out)
