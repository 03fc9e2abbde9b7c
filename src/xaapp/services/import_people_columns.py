"""A people sheet's rows a column at a time: each field of every data row in one list, the planned rows as
columns (``ImportRow``'s fields, :class:`import_plan.Columnar` builds the objects when they are read).

Work on a whole column is done by C-level passes where the column allows it — a dictionary look-up per
distinct value, one ``str`` method over the column's texts joined — and cell by cell only where a column
needs it (the rules of each field are :mod:`import_people`'s and :mod:`import_cells`'s, unchanged).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Hashable, Iterator
from operator import add
from typing import TYPE_CHECKING, Any, TypeVar

from xaapp.domain.personal_id import check_personal_id, normalise_sex
from xaapp.services.import_cells import RELATIONSHIPS, CellError, id_text, parse_birth, phone_text
from xaapp.services.import_cells import fold_fast as fold
from xaapp.services.import_columns import ABSENT, Columns
from xaapp.services.import_people_match import code_key
from xaapp.services.import_plan import HouseholdRow

if TYPE_CHECKING:
    from xaapp.services.import_people import _Planner, _Sheet

K = TypeVar("K", bound=Hashable)
_SEP = "\x00"  # joins a column's texts for one pass of a str method; no cell of a read sheet holds it
_PHONE_NOISE = re.compile(r"[\s.\-()]")


def _joinable(texts: list[str]) -> str | None:
    """The texts joined by ``_SEP``, or None when one of them holds it (or a text is not a str)."""
    try:
        joined = _SEP.join(texts)
    except TypeError:
        return None
    return None if joined.count(_SEP) != len(texts) - 1 else joined


def code_keys(codes: list[str]) -> list[str]:
    """``code_key`` of every household code: ASCII codes lower-cased and unspaced in one pass."""
    joined = _joinable(codes) if codes else None
    if joined is not None and joined.isascii():
        return joined.lower().replace(" ", "").split(_SEP)
    return [code_key(c) for c in codes]


def phone_column(values: list[Any]) -> list[Any]:
    """``phone_text`` of every cell (a text; None for a cell past the end of its row, as it always was)."""
    kinds = set(map(type, values))
    digits: list[Any]
    if kinds <= {int, float}:  # numbers (Excel dropped the leading 0): their digits, then the same fix-ups
        digits = list(map(str, map(int, values)))
    elif kinds == {str} and (joined := _joinable(values)) is not None:
        digits = _PHONE_NOISE.sub("", joined).split(_SEP)
        if any(d.startswith("+84") for d in digits):
            return [phone_text(v) for v in values]
    else:
        return [None if v is ABSENT else phone_text(v) for v in values]
    lengths = set(map(len, digits))
    if lengths == {9} and all(map(str.isdigit, digits)):  # a mobile number each, its leading 0 lost
        return list(map("0".__add__, digits))
    if not lengths & {9, 11}:
        return digits
    return [("0" + d[2:] if d[:2] == "84" else d) if len(d) == 11 else ("0" + d if len(d) == 9 and d.isdigit() else d)
            for d in digits]  # fmt: skip


def row_villages(p: _Planner, sheet: _Sheet, cols: Columns) -> list[tuple[int, str] | None]:
    """Every data row's village (``_Planner.resolve_village`` a column at a time): found once per distinct
    set of the cells it is found from (the sheet's village, area code and address columns, the group row
    above), then looked up for each row."""
    rows = sheet.table.rows
    groups = [d.group for d in rows]
    parts = [cols.raw(name) for name in ("village", "area_code", "address") if name in sheet.m]
    if any(groups):
        parts.append(groups)
    keys: list[Any] = (parts[0] if len(parts) == 1 else list(zip(*parts, strict=True))) if parts else [None] * len(rows)
    found_of = {key: p._find_village(sheet, rows[i].values, rows[i]) for key, i in _first_of_each(keys).items()}
    found: list[Any] = list(map(found_of.__getitem__, keys))
    if any(f.__class__ is str for f in found_of.values()):
        for i in [i for i, f in enumerate(found) if f.__class__ is str]:
            found[i] = p._unresolved(sheet, rows[i].row, found[i])
    return found  # every text (a place not found) is now None


def row_classes(p: _Planner, sheet: _Sheet, cols: Columns) -> list[str | None]:
    """Every data row's class (``_Planner.result_class`` a column at a time)."""
    from xaapp.services.import_people import _class_of

    absent = [False] * len(cols.rows)  # False: no such column (None: an empty cell)
    keys = list(zip(cols.raw("flag_poor") if "flag_poor" in sheet.m else absent,
                    cols.raw("flag_near_poor") if "flag_near_poor" in sheet.m else absent, cols.raw("result_class"),
                    strict=True))  # fmt: skip
    cache = p._classes
    distinct = dict.fromkeys(keys)
    for key in distinct:  # each distinct key once, the first row's value deciding (as a cache would)
        if key not in cache:
            cache[key] = _class_of(*key)
    if any(cache[key][1] for key in distinct):
        rows = sheet.table.rows
        for i, key in enumerate(keys):
            for name, vi, en in cache[key][1]:
                p.issue(sheet, rows[i].row, name, vi, en)
    class_of = {key: cache[key][0] for key in distinct}
    return list(map(class_of.__getitem__, keys))


def person_fields(p: _Planner, sheet: _Sheet, cols: Columns, seen_ids: dict[str, str]) -> dict[str, list[Any]]:
    """Each person field of every data row of *sheet*, a column at a time; problems go to ``p.issues``."""
    m, rows = sheet.m, sheet.table.rows
    n = len(rows)
    numbers = [d.row for d in rows]
    names = cols.text("full_name")
    for i in [i for i, name in enumerate(names) if not name]:
        p.issue(sheet, numbers[i], "full_name", "Thiếu họ và tên.", "The full name is missing.")
    dobs: list[dt.date | None] = [None] * n
    years: list[int | None] = [None] * n
    if "birth" in m:
        births: dict[tuple[type, Any], tuple[dt.date | None, int | None] | CellError] = {}
        today = p.opts.today
        for i, value in enumerate(cols.raw("birth")):
            if sheet.head_only and value is None:
                continue
            key = (value.__class__, value)
            found = births.get(key)
            if found is None:
                try:
                    found = parse_birth(value, today)
                except CellError as exc:
                    found = exc
                births[key] = found
            if isinstance(found, CellError):
                p.issue(sheet, numbers[i], "birth", found.vi, found.en)
            else:
                dobs[i], years[i] = found
    sexes: list[str | None] = [None] * n
    if "sex" in m:
        known: dict[str, str | None] = {}
        for i, sex_text in enumerate(cols.text("sex")):
            if not sex_text:
                continue
            if sex_text not in known:
                known[sex_text] = normalise_sex(sex_text)
            sex = sexes[i] = known[sex_text]
            if sex is None:
                p.issue(sheet, numbers[i], "sex", f"Giới tính «{sex_text}» phải là Nam hoặc Nữ.",
                        f"Sex “{sex_text}” must be Nam or Nữ.")  # fmt: skip
    ids: list[str | None] = [None] * n
    legacy_ids: list[str | None] = [None] * n
    if "personal_id" in m:
        for i, value in enumerate(cols.raw("personal_id")):
            id_cell = id_text(value)
            if not id_cell:
                continue
            r = numbers[i]
            check = check_personal_id(id_cell, sex=sexes[i], birth_date=dobs[i], birth_year=years[i])
            if check.codes == ("legacy_cmnd",):
                legacy_ids[i] = check.value
                p.issue(sheet, r, "personal_id", "Số CMND cũ 9 chữ số: lưu vào ô CMND cũ.",
                        "An old 9-digit CMND: kept as the legacy ID.", warning=True)  # fmt: skip
            elif not check.ok:
                for problem in check.problems:
                    p.issue(sheet, r, "personal_id", problem.message_vi, problem.message_en)
            else:
                personal_id = ids[i] = check.value
                sexes[i] = sexes[i] or check.sex  # digit 4 of the ID tells the sex when the column is blank
                if personal_id in seen_ids:
                    p.issue(sheet, r, "personal_id", f"Số định danh trùng với dòng {seen_ids[personal_id]}: "
                            "mỗi người một số.", f"The same personal ID as row {seen_ids[personal_id]}.")  # fmt: skip
                seen_ids.setdefault(personal_id, str(r))
    relationships: list[str | None] = [None] * n
    if "relationship" in m:
        understood: dict[str, str | None] = {}
        for i, rel_text in enumerate(cols.text("relationship")):
            if not rel_text:
                continue
            if rel_text not in understood:
                understood[rel_text] = RELATIONSHIPS.get(fold(rel_text))
            relationship = relationships[i] = understood[rel_text]
            if relationship is None:
                p.issue(sheet, numbers[i], "relationship", f"Không hiểu quan hệ «{rel_text}»: ghi Chủ hộ, Vợ, "
                        "Chồng, Con, Cha, Mẹ, Cháu hoặc Khác.", f"Unknown relationship “{rel_text}”: write Chủ "
                        "hộ, Vợ, Chồng, Con, Cha, Mẹ, Cháu or Khác.")  # fmt: skip
    # A phone cell past the end of its row is no phone (None); an empty one in it reads "" (as it always has).
    return {"row": numbers, "full_name": names, "dob": dobs, "birth_year": years, "sex": sexes,
            "personal_id": ids, "legacy_id": legacy_ids, "relationship": relationships,
            "ethnicity": _text_or_none(sheet, cols, "ethnicity"), "address": _text_or_none(sheet, cols, "address"),
            "phone": phone_column(cols.raw("phone", ABSENT))}  # fmt: skip


def _text_or_none(sheet: _Sheet, cols: Columns, name: str) -> list[str | None]:
    """Every row's text of field *name*, None for an empty one."""
    if name not in sheet.m:
        return [None] * len(cols.rows)
    texts = cols.text(name)
    return list(map(_NONE_IF_EMPTY.get, texts, texts))


_NONE_IF_EMPTY: dict[str, None] = {"": None}


def _prefixes(vids: list[int | None], tail: str) -> Iterator[str]:
    """f"{vid}{tail}" of every row's village id (a list names few villages: each text made once)."""
    made = {vid: f"{vid}{tail}" for vid in set(vids)}
    return map(made.__getitem__, vids)


def _first_of_each(keys: list[K]) -> dict[K, int]:
    """Each key's first index in *keys*."""
    return dict(zip(reversed(keys), range(len(keys) - 1, -1, -1), strict=True))


def sheet_rows(p: _Planner, sheet: _Sheet, hh_sheet: _Sheet | None, households: dict[str, HouseholdRow],
               seen_ids: dict[str, str], codes: dict[str, str]) -> dict[str, list[Any]]:  # fmt: skip
    """The planned rows of people sheet *sheet* as columns (``ImportRow``'s fields): each row's village, person
    fields, class, household key and relationship. *codes* gains each household key's code as written."""
    m = sheet.m
    table_rows = sheet.table.rows
    n = len(table_rows)
    cols = Columns([d.values for d in table_rows], m, texts_clean=True)  # a prepared book's rows
    codes_in = cols.text("household")
    if hh_sheet is not None:
        keys = ["code:" + k for k in code_keys(codes_in)]
        for i in [i for i, key in enumerate(keys) if key not in households]:
            code = codes_in[i]
            p.issue(sheet, table_rows[i].row, "household", f"Mã hộ «{code}» không có ở trang {hh_sheet.table.sheet}: "
                    f"sửa mã hộ hoặc thêm hộ vào trang {hh_sheet.table.sheet}.",
                    f"Household code “{code}” is not on sheet {hh_sheet.table.sheet}: fix the code or add "
                    "the household.")  # fmt: skip
        owners = list(map(households.get, keys))
        villages = [(o.village_id, o.village) if o and o.village_id else None for o in owners]
    else:
        villages = row_villages(p, sheet, cols)
    fields = person_fields(p, sheet, cols, seen_ids)
    classes = row_classes(p, sheet, cols) if hh_sheet is None else [None] * n
    vids = [v[0] if v else None for v in villages]
    given = fields["relationship"]
    numbers = fields["row"]
    sheet_name = sheet.table.sheet
    if hh_sheet is not None:
        relationships = [g or "" for g in given]
    elif "household" in m:
        for i in [i for i, code in enumerate(codes_in) if not code]:
            p.issue(sheet, numbers[i], "household", "Thiếu mã hộ.", "The household number is missing.")
        keys = list(map(add, _prefixes(vids, ":"), code_keys(codes_in)))  # f"{vid}:{code key}"
        first = _first_of_each(keys)  # a household's first row is its head unless the list says otherwise
        written = dict(zip(first, map(codes_in.__getitem__, first.values()), strict=True))
        written.update(codes)  # a key an earlier sheet gave keeps its code
        codes.update(written)
        if len(first) == n and given.count(None) == n:
            relationships = ["head"] * n
        else:
            relationships = [g or ("head" if first[k] == i else "other") for i, (g, k) in enumerate(zip(given, keys, strict=True))]
    elif "head_name" in m:
        heads = list(map(fold, cols.text("head_name")))
        keys = list(map(add, _prefixes(vids, ":head:"), heads))  # f"{vid}:head:{head}"
        relationships = [g or ("head" if h == fold(name) else "other")
                         for g, h, name in zip(given, heads, fields["full_name"], strict=True)]  # fmt: skip
    else:
        keys, relationships = _by_position(p, sheet, vids, given, numbers)
    return {
        "row": numbers, "village_id": vids, "village": [v[1] if v else "" for v in villages], "household_key": keys,
        "full_name": fields["full_name"], "dob": fields["dob"], "birth_year": fields["birth_year"],
        "sex": fields["sex"], "personal_id": fields["personal_id"], "legacy_id": fields["legacy_id"],
        "relationship": relationships, "ethnicity": fields["ethnicity"], "address": fields["address"],
        "result_class": classes, "status": ["new"] * n, "person_id": [None] * n, "match_reason": [""] * n,
        "sheet": [sheet_name] * n, "phone": fields["phone"], "relationship_given": [g is not None for g in given],
        "changes": [()] * n,
    }  # fmt: skip


def _by_position(p: _Planner, sheet: _Sheet, vids: list[int | None], given: list[str | None], numbers: list[int]
                 ) -> tuple[list[str], list[str]]:  # fmt: skip
    """Households as lists are kept: a head's row, then its members (per village). (keys, relationships)."""
    m = sheet.m
    sheet_name = sheet.table.sheet
    current: dict[int | None, str] = {}
    keys: list[str] = []
    relationships: list[str] = []
    for vid, g, r in zip(vids, given, numbers, strict=True):
        relationship = g or ("other" if "relationship" in m else "head")
        if relationship == "head":
            household_key = f"{vid}:row{sheet_name}!{r}"
            current[vid] = household_key
        elif vid in current:
            household_key = current[vid]
        else:
            household_key = f"{vid}:row{sheet_name}!{r}"
            p.issue(sheet, r, "relationship" if "relationship" in m else "full_name",
                    "Thành viên không có chủ hộ ở dòng trên (cùng thôn): thêm dòng chủ hộ phía trên.",
                    "A member with no head of household above it (same village): add the head's row above.")  # fmt: skip
        keys.append(household_key)
        relationships.append(relationship)
    return keys, relationships
