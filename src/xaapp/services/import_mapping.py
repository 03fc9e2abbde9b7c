"""Column mappings: which column of a sheet holds which field, chosen by the officer when the headers are
not understood, given to the CLI as ``--map FILE.json``, and saved by the sheet's header shape (in the
local settings table) so the next file of the same template is read the same way.

``--map`` file (every key optional except the columns)::

    {
      "sheets": {
        "HoDan": {"header_row": 1,
                  "columns": {"A": "household", "B": "head_name", "E": "area_code", "I": null}}
      },
      "village": "Thôn Đồng Tâm",
      "area_codes": {"DT01": "Thôn Đồng Tâm"}
    }

A column is named by its letter or its header text; a field by its key (``household``) or its
Vietnamese label ("Mã hộ"); ``null`` or "bỏ qua" skips the column. ``{"header_row": …, "columns": …}``
alone applies to the first sheet.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl.utils import column_index_from_string, get_column_letter
from sqlalchemy import select

from xaapp.domain.text import fold
from xaapp.errors import KnownError
from xaapp.services.import_cells import text_of
from xaapp.services.import_fields import FIELDS, header_key
from xaapp.services.import_read import PreparedBook, SheetMapping, header_shape
from xaapp.storage.db import Database
from xaapp.storage.orm import Setting

SETTING_PREFIX = "import_map:"
SKIP_WORDS = frozenset(("", "bo qua", "skip", "none", "-"))


@dataclass(frozen=True)
class ImportMapping:
    """The officer's choices for one file: columns per sheet, a village for the whole file, area codes."""

    sheets: dict[str, SheetMapping] = field(default_factory=dict)
    village: str | None = None
    area_codes: dict[str, str] = field(default_factory=dict)  # area code as written -> village name


def _field_of(value: Any, where: str) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    if fold(text) in SKIP_WORDS:
        return None
    if text in FIELDS:
        return text
    by_label = {header_key(vi): key for key, (vi, _en, _names) in FIELDS.items()}
    found = by_label.get(header_key(text))
    if found is None:
        raise KnownError(
            f"{where}: không có trường «{text}». Các trường: {', '.join(FIELDS)} (hoặc null để bỏ qua).",
            f"{where}: no field “{text}”. Fields: {', '.join(FIELDS)} (or null to skip).",
        )
    return found


def _column_of(key: str, headers: tuple[str, ...], where: str) -> int:
    text = key.strip()
    if text.isalpha() and text.isascii() and len(text) <= 3 and text.upper() == text:
        return column_index_from_string(text) - 1
    wanted = header_key(text)
    for index, header in enumerate(headers):
        if header_key(header) == wanted:
            return index
    raise KnownError(f"{where}: không có cột «{key}» (ghi chữ cột như «B» hoặc tiêu đề đúng như trong tệp).",
                     f"{where}: no column “{key}” (give a letter such as “B” or the header as in the file).")  # fmt: skip


def parse_mapping(data: Any, prepared: PreparedBook, source: str = "--map") -> ImportMapping:
    """An ImportMapping from the JSON of a ``--map`` file, checked against the file being imported."""
    if not isinstance(data, dict):
        raise KnownError(f"{source}: phải là một đối tượng JSON.", f"{source}: must be a JSON object.")
    sheets_data = data.get("sheets")
    if sheets_data is None and "columns" in data:
        sheets_data = {prepared.grids[0].name: {k: data[k] for k in ("header_row", "columns") if k in data}}
    if not isinstance(sheets_data or {}, dict):
        raise KnownError(f"{source}: «sheets» phải là đối tượng theo tên trang.", f"{source}: “sheets” must be an object.")
    grids = {g.name: g for g in prepared.grids}
    sheets: dict[str, SheetMapping] = {}
    for name, spec in (sheets_data or {}).items():
        where = f"{source}, trang «{name}»"
        if name not in grids:
            raise KnownError(f"{where}: tệp không có trang này (có: {', '.join(grids)}).",
                             f"{source}: the file has no sheet “{name}” (it has: {', '.join(grids)}).")  # fmt: skip
        if not isinstance(spec, dict) or not isinstance(spec.get("columns"), dict):
            raise KnownError(f"{where}: cần «columns».", f"{source}, sheet “{name}”: “columns” is needed.")
        header_row = spec.get("header_row", 1)
        if not isinstance(header_row, int) or header_row < 1:
            raise KnownError(f"{where}: «header_row» phải là số dòng (từ 1).", f"{source}: “header_row” must be a row number.")
        rows = grids[name].rows
        headers = tuple(text_of(v) for v in rows[header_row - 1]) if header_row <= len(rows) else ()
        columns: dict[int, str] = {}
        for key, value in spec["columns"].items():
            name_of_field = _field_of(value, f"{where}, cột «{key}»")
            if name_of_field:
                columns[_column_of(str(key), headers, where)] = name_of_field
        sheets[name] = SheetMapping(header_row, columns)
    area_codes = data.get("area_codes") or {}
    if not isinstance(area_codes, dict):
        raise KnownError(f"{source}: «area_codes» phải là đối tượng mã → thôn.", f"{source}: “area_codes” must map codes to villages.")
    village = data.get("village")
    return ImportMapping(sheets, str(village) if village else None, {str(k): str(v) for k, v in area_codes.items()})


def load_mapping_file(path: Path | str, prepared: PreparedBook) -> ImportMapping:
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise KnownError(f"Không có tệp {path}.", f"No such file: {path}.") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise KnownError(f"Tệp {path.name} không phải JSON hợp lệ ({exc}).", f"{path.name} is not valid JSON ({exc}).") from None
    return parse_mapping(data, prepared, path.name)


def mapping_json(mapping: ImportMapping) -> dict[str, Any]:
    """The JSON a ``--map`` file holds for *mapping* (columns by letter)."""
    out: dict[str, Any] = {"sheets": {name: {"header_row": m.header_row,
                                             "columns": {get_column_letter(c + 1): f for c, f in sorted(m.columns.items())}}
                                      for name, m in mapping.sheets.items()}}  # fmt: skip
    if mapping.village:
        out["village"] = mapping.village
    if mapping.area_codes:
        out["area_codes"] = mapping.area_codes
    return out


# --- saved by header shape -------------------------------------------------------------------------


def _key(shape: str) -> str:
    return SETTING_PREFIX + hashlib.sha1(shape.encode("utf-8")).hexdigest()


def saved_mappings(db: Database) -> dict[str, SheetMapping]:
    """Every saved mapping, by header shape."""
    out: dict[str, SheetMapping] = {}
    with db.read() as s:
        for (value,) in s.execute(select(Setting.value).where(Setting.key.startswith(SETTING_PREFIX))):
            try:
                data = json.loads(value)
                out[data["shape"]] = SheetMapping(int(data["header_row"]),
                                                  {int(c): str(f) for c, f in data["columns"].items() if f in FIELDS})  # fmt: skip
            except (ValueError, KeyError, TypeError, AttributeError):
                continue  # a damaged entry is ignored: the officer maps the columns again
    return out


def save_mapping(db: Database, prepared: PreparedBook, sheets: dict[str, SheetMapping], actor: str = "system") -> int:
    """Keep each sheet's mapping under its header shape; returns how many were saved."""
    grids = {g.name: g for g in prepared.grids}
    saved = 0
    with db.session(actor=actor) as s:
        for name, mapping in sheets.items():
            grid = grids.get(name)
            if grid is None or not mapping.columns or mapping.header_row > len(grid.rows):
                continue
            headers = tuple(text_of(v) for v in grid.rows[mapping.header_row - 1])
            shape = header_shape(headers)
            if not shape.strip("|"):
                continue
            value = json.dumps({"shape": shape, "header_row": mapping.header_row,
                                "columns": {str(c): f for c, f in sorted(mapping.columns.items())}},
                               ensure_ascii=False)  # fmt: skip
            row = s.get(Setting, _key(shape))
            if row is None:
                s.add(Setting(key=_key(shape), value=value))
            else:
                row.value = value
            saved += 1
    return saved
