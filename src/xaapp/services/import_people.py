"""Planning a household/people import: every row checked, grouped into households, matched with the register.

Shapes understood (docs/lists.md, "Excel import"):

- **A people list**: one row per person; households by the "Mã hộ" column, else by the head's name
  column next to each member ("Họ tên chủ hộ"), else as lists are kept: a "Chủ hộ" row, then its
  members. A list with no relationship column is a list of heads, one household per row.
- **A households sheet plus a people sheet joined by "Mã hộ"** (village software templates): the
  households sheet gives the household's head name, address, phone, area code and class (Hộ nghèo /
  Hộ cận nghèo flags); the people sheet its members. A household whose head is not among its people
  gets the head from the households sheet. A date of birth is not needed on a households sheet.

Matching: a person by personal ID, else by name within the household matched by its code, else by
name + date (or year) of birth + village, else (a head without a birth date) by name among the
village's heads when only one has that name. A household by its code in the village (or in the
commune when the list has no village), else through a matched member. A matched row updates the
fields the file gives and the register has otherwise (a blank cell never erases anything).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from xaapp.services.import_cells import CLASSES, CellError, parse_flag, phone_text, text_of
from xaapp.services.import_cells import fold_fast as fold
from xaapp.services.import_people_columns import sheet_rows
from xaapp.services.import_people_match import (
    HOUSEHOLD_FIELDS,
    ROW_FIELDS,
    _fold_name,
    _households_of,
    _join_heads,
    _one_head,
    code_key,
    match_register,
)
from xaapp.services.import_plan import Columnar, HouseholdRow, ImportIssue, ImportRow
from xaapp.services.import_read import SheetTable
from xaapp.services.import_register import Register


@dataclass(frozen=True)
class PeopleOptions:
    year: int | None
    today: dt.date
    village: tuple[int, str] | None = None  # the officer's village for rows that name none
    area_codes: dict[str, str] | None = None  # folded area code -> village name


@dataclass
class _Sheet:
    table: SheetTable
    m: dict[str, int]  # the table's mapping, head name read as the name on head-only lists
    head_only: bool  # one row per household: no date of birth needed


def prepare_sheets(tables: list[SheetTable]) -> tuple[_Sheet | None, list[_Sheet]]:
    """(households sheet of a two-sheet template or None, the people sheets)."""
    sheets = []
    for t in tables:
        m = dict(t.mapping)
        head_only = "full_name" not in m and "head_name" in m
        if head_only:
            m["full_name"] = m.pop("head_name")
        sheets.append(_Sheet(t, m, head_only))
    people = [s for s in sheets if "household" in s.m and ("birth" in s.m or "relationship" in s.m)]
    households = [s for s in sheets if "household" in s.m and "birth" not in s.m and "relationship" not in s.m]
    if households and people:
        households[0].head_only = True
        return households[0], [s for s in sheets if s is not households[0]]
    return None, sheets


def missing_fields(sheet: _Sheet, paired: bool, register: Register, opts: PeopleOptions) -> list[str]:
    """Required fields a sheet lacks: a name; a birth date (not for head-only lists); a village source."""
    missing = []
    if "full_name" not in sheet.m:
        missing.append("full_name")
    if not paired and opts.village is None and not {"village", "area_code", "address"} & set(sheet.m):
        known = register.village(sheet.table.sheet) or any(
            r.group and register.village(r.group) for r in sheet.table.rows[:2000]
        )
        if not known:
            missing.append("village")
    if not sheet.head_only and "birth" not in sheet.m:
        missing.append("birth")
    return missing


def _class_of(poor: Any, near: Any, written: Any) -> tuple[str | None, list[tuple[str, str, str]]]:
    """A household's class from the Hộ nghèo / Hộ cận nghèo flags (False: no such column) and the class text."""
    problems: list[tuple[str, str, str]] = []
    flags: dict[str, bool] = {}
    for name, value in (("flag_poor", poor), ("flag_near_poor", near)):
        if value is not False:
            try:
                flags[name] = parse_flag(value)
            except CellError as exc:
                problems.append((name, exc.vi, exc.en))
    if flags.get("flag_poor") and flags.get("flag_near_poor"):
        problems.append(("flag_near_poor", "Hộ không thể vừa là hộ nghèo vừa là hộ cận nghèo: bỏ một dấu.",
                         "A household cannot be both poor and near-poor: clear one of the two."))  # fmt: skip
        return None, problems
    if flags.get("flag_poor"):
        return "poor", problems
    if flags.get("flag_near_poor"):
        return "near_poor", problems
    text = text_of(written)
    if not text:
        return None, problems
    found = CLASSES.get(fold(text))
    if found is None and not flags:
        problems.append(("result_class", f"Không hiểu phân loại «{text}»: ghi Hộ nghèo, Hộ cận nghèo, …",
                         f"Unknown class “{text}”: write Hộ nghèo, Hộ cận nghèo, …"))  # fmt: skip
    return found, problems


class _Planner:
    def __init__(self, register: Register, opts: PeopleOptions) -> None:
        self.reg, self.opts = register, opts
        self.issues: list[ImportIssue] = []
        self.bad: set[tuple[str, int]] = set()
        self.sheets: dict[str, _Sheet] = {}
        self._classes: dict[tuple[Any, Any, Any], tuple[str | None, list[tuple[str, str, str]]]] = {}
        self._villages: dict[tuple[Any, ...], tuple[int, str] | str] = {}

    def issue(self, sheet: _Sheet, row: int, name: str | None, vi: str, en: str, warning: bool = False) -> None:
        t = sheet.table
        if name is not None and name in sheet.m:
            col = sheet.m[name]
            column, header = _letter(col), (t.headers[col] if col < len(t.headers) else "")
        else:
            column, header = "", ""
        self.issues.append(ImportIssue(row, column, header, vi, en, warning, t.sheet))
        if not warning:
            self.bad.add((t.sheet, row))

    @staticmethod
    def cell(sheet: _Sheet, values: list[Any], name: str) -> Any:
        col = sheet.m.get(name)
        return values[col] if col is not None and col < len(values) else None

    def village(self, sheet: _Sheet, values: list[Any], row: Any) -> tuple[int, str] | str:
        """The row's village, or a text naming what was not found (cached: a list names few places)."""
        key = (sheet.table.sheet, self.cell(sheet, values, "village"), row.group, self.cell(sheet, values, "area_code"),
               self.cell(sheet, values, "address"))  # fmt: skip
        found = self._villages.get(key)
        if found is None:
            found = self._villages[key] = self._find_village(sheet, values, row)
        return found

    def _find_village(self, sheet: _Sheet, values: list[Any], row: Any) -> tuple[int, str] | str:
        text = text_of(self.cell(sheet, values, "village"))
        if text:
            return self.reg.village(text) or text
        if row.group and (grouped := self.reg.village(row.group)):
            return grouped
        code = text_of(self.cell(sheet, values, "area_code"))
        if code:
            named = (self.opts.area_codes or {}).get(fold(code))
            found = self.reg.village(named or code)
            if found:
                return found
        address = text_of(self.cell(sheet, values, "address"))
        if address and (in_address := self.reg.village_in_address(address)):
            return in_address
        by_sheet = self.reg.village(sheet.table.sheet)
        if by_sheet:
            return by_sheet
        if self.opts.village is not None:
            return self.opts.village
        return code or address or ""

    def resolve_village(self, sheet: _Sheet, values: list[Any], row: Any) -> tuple[int, str] | None:
        found = self.village(sheet, values, row)
        return found if isinstance(found, tuple) else self._unresolved(sheet, row.row, found)

    def _unresolved(self, sheet: _Sheet, r: int, found: str) -> None:
        """Say why a row has no village: *found* names the place that is not the commune's, or is empty."""
        where = "village" if "village" in sheet.m else ("area_code" if "area_code" in sheet.m else None)
        if found:
            self.issue(sheet, r, where, f"Thôn «{found}» không có trong danh sách thôn của xã: sửa tên thôn, "
                       "thêm thôn vào danh mục, hoặc chọn thôn cho cả tệp.",
                       f"“{found}” is not one of the commune's villages: fix the name, add the village, or choose "
                       "a village for the whole file.")  # fmt: skip
        else:
            self.issue(sheet, r, where, "Không biết hộ ở thôn nào: ghi tên thôn, hoặc chọn thôn cho cả tệp.",
                       "No village for this row: write the village, or choose one for the whole file.")  # fmt: skip
        return None

    def result_class(self, sheet: _Sheet, values: list[Any], row: int) -> str | None:
        key = (self.cell(sheet, values, "flag_poor") if "flag_poor" in sheet.m else False,
               self.cell(sheet, values, "flag_near_poor") if "flag_near_poor" in sheet.m else False,
               self.cell(sheet, values, "result_class"))  # fmt: skip
        found = self._classes.get(key)
        if found is None:
            found = self._classes[key] = _class_of(*key)
        cls, problems = found
        for name, vi, en in problems:
            self.issue(sheet, row, name, vi, en)
        return cls

    # --- households sheet ---------------------------------------------------------------------------

    def household_rows(self, sheet: _Sheet) -> dict[str, HouseholdRow]:
        out: dict[str, HouseholdRow] = {}
        for data in sheet.table.rows:
            values, r = data.values, data.row
            code = text_of(self.cell(sheet, values, "household"))
            if not code:
                self.issue(sheet, r, "household", "Thiếu mã hộ: ghi mã hộ (trang nhân khẩu dùng mã này).",
                           "The household code is missing: the people sheet refers to it.")  # fmt: skip
                continue
            key = "code:" + code_key(code)
            if key in out:
                self.issue(sheet, r, "household", f"Mã hộ {code} trùng với dòng {out[key].row}: mỗi hộ một dòng.",
                           f"Household code {code} repeats row {out[key].row}: one row per household.")  # fmt: skip
                continue
            name = text_of(self.cell(sheet, values, "full_name"))
            if not name:
                self.issue(sheet, r, "full_name", "Thiếu tên chủ hộ.", "The head's name is missing.")
            village = self.resolve_village(sheet, values, data)
            phone = phone_text(self.cell(sheet, values, "phone")) or None
            out[key] = HouseholdRow(key, village[0] if village else None, village[1] if village else "", code, name,
                                    text_of(self.cell(sheet, values, "address")) or None, phone,
                                    self.result_class(sheet, values, r), "new", sheet=sheet.table.sheet, row=r,
                                    listed=True)  # fmt: skip
        return out


def _letter(col: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(col + 1)


def plan_people(tables: list[SheetTable], register: Register, opts: PeopleOptions
                ) -> tuple[Columnar[ImportRow], Columnar[HouseholdRow], list[ImportIssue]]:  # fmt: skip
    """Rows, households and problems of the people/household sheets (nothing written). The rows and
    households are kept as columns (:mod:`import_people_columns`), built as objects when first read."""
    _fold_name.cache_clear()  # each plan pays for its own names
    p = _Planner(register, opts)
    hh_sheet, people_sheets = prepare_sheets(tables)
    p.sheets = {s.table.sheet: s for s in ([hh_sheet] if hh_sheet else []) + people_sheets}
    listed: dict[str, HouseholdRow] = p.household_rows(hh_sheet) if hh_sheet else {}
    seen_ids: dict[str, str] = {}
    codes: dict[str, str] = {}  # household key -> the code as the file writes it
    parts = [sheet_rows(p, sheet, hh_sheet, listed, seen_ids, codes) for sheet in people_sheets]
    rows = parts[0] if len(parts) == 1 else {name: [v for part in parts for v in part[name]] for name in ROW_FIELDS}
    if hh_sheet is not None:
        rows = _join_heads(p, hh_sheet, listed, rows)
        households = {name: [getattr(h, name) for h in listed.values()] for name in HOUSEHOLD_FIELDS}
    else:
        households = _households_of(rows, codes)
    _one_head(p, people_sheets, rows)
    match_register(p, rows, households, hh_sheet is not None)
    return Columnar(ImportRow, rows), Columnar(HouseholdRow, households), p.issues
