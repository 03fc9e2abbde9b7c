"""Households and matching for a household/people import plan: each household's head, the one-head rule,
and which planned people and households the register already holds (rules in :mod:`import_people`)."""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import fields
from typing import TYPE_CHECKING, Any

from xaapp.services.import_cells import fold_fast as fold
from xaapp.services.import_plan import HouseholdRow, ImportRow
from xaapp.services.import_register import Register

if TYPE_CHECKING:
    from xaapp.services.import_people import _Planner, _Sheet

#: Names folded for matching; family and given names repeat, so most folds of a list are cache hits.
_fold_name = functools.lru_cache(maxsize=65_536)(fold)


#: ``ImportRow``'s and ``HouseholdRow``'s fields: the columns a plan's rows and households are kept as.
ROW_FIELDS = tuple(f.name for f in fields(ImportRow))
HOUSEHOLD_FIELDS = tuple(f.name for f in fields(HouseholdRow))
Cols = dict[str, list[Any]]


def code_key(code: str) -> str:
    """A household code as compared: "HG 0001" → "hg0001" (ASCII codes skip the accent folding)."""
    if code.isascii():
        return code.lower().replace(" ", "")
    return fold(code).replace(" ", "")


def _join_heads(p: _Planner, hh_sheet: _Sheet, households: dict[str, HouseholdRow], rows: Cols) -> Cols:
    """Each household's head: its people row marked Chủ hộ, or named as on the households sheet, else the
    households sheet's name as a new person (rows put first). The household's class goes on the head's row."""
    by_key: dict[str, list[int]] = defaultdict(list)
    for i, key in enumerate(rows["household_key"]):
        by_key[key].append(i)
    rel, names, given = rows["relationship"], rows["full_name"], rows["relationship_given"]
    classes, addresses = rows["result_class"], rows["address"]
    extra: list[HouseholdRow] = []
    for key, h in households.items():
        members = by_key.get(key, [])
        head = next((i for i in members if rel[i] == "head"), None)
        if head is None:
            head = next((i for i in members if fold(names[i]) == fold(h.head_name) and not given[i]), None)
        if head is not None:
            if fold(names[head]) != fold(h.head_name) and h.head_name:
                p.issue(hh_sheet, h.row, "full_name", f"Chủ hộ ở trang nhân khẩu là «{names[head]}», khác tên "
                        f"«{h.head_name}» ở đây: kiểm tra lại.", f"The people sheet's head is “{names[head]}”, "
                        f"not “{h.head_name}”: check it.", warning=True)  # fmt: skip
            rel[head], classes[head] = "head", h.result_class
            addresses[head] = addresses[head] or h.address
        elif h.head_name:
            extra.append(h)
        for i in members:
            if rel[i] == "":
                rel[i] = "other"
    if not extra:
        return rows
    head_rows: Cols = {name: [None] * len(extra) for name in ROW_FIELDS}
    head_rows.update(
        row=[h.row for h in extra], village_id=[h.village_id for h in extra], village=[h.village for h in extra],
        household_key=[h.household_key for h in extra], full_name=[h.head_name for h in extra],
        relationship=["head"] * len(extra), address=[h.address for h in extra],
        result_class=[h.result_class for h in extra], status=["new"] * len(extra), match_reason=[""] * len(extra),
        sheet=[h.sheet for h in extra], relationship_given=[False] * len(extra), changes=[()] * len(extra),
    )  # fmt: skip
    return {name: head_rows[name] + rows[name] for name in ROW_FIELDS}


def _households_of(rows: Cols, codes: dict[str, str]) -> Cols:
    """The households of a people list without a households sheet: each one's first row, or its head's row."""
    keys, rel, names = rows["household_key"], rows["relationship"], rows["full_name"]
    if len(set(keys)) == len(keys):  # a row per household (a list of heads): every row its own household
        chosen: list[int] = list(range(len(keys)))
    else:
        picked: dict[str, int] = {}
        for i, (key, relationship) in enumerate(zip(keys, rel, strict=True)):
            j = picked.get(key)
            if j is not None and (relationship != "head" or (rel[j] == "head" and names[j])):
                continue
            picked[key] = i
        chosen = list(picked.values())
    n = len(chosen)

    def pick(name: str) -> list[Any]:
        values = rows[name]
        return values[:] if n == len(values) else [values[i] for i in chosen]

    hh_keys = pick("household_key")
    return {
        "household_key": hh_keys, "village_id": pick("village_id"), "village": pick("village"),
        "code": list(map(codes.get, hh_keys)),
        "head_name": [name if r == "head" else "" for name, r in zip(pick("full_name"), pick("relationship"), strict=True)],
        "address": pick("address"), "phone": pick("phone"), "result_class": pick("result_class"), "status": ["new"] * n,
        "household_id": [None] * n, "changes": [()] * n, "sheet": pick("sheet"), "row": pick("row"),
        "listed": [False] * n,
    }  # fmt: skip


def _one_head(p: _Planner, sheets: list[_Sheet], rows: Cols) -> None:
    """One head per household: a second head, or none, is a problem (on the household's rows)."""
    keys, rel = rows["household_key"], rows["relationship"]
    head_keys = [k for k, r in zip(keys, rel, strict=True) if r == "head"]
    distinct = set(head_keys)
    if len(distinct) == len(head_keys) and len(distinct) == len(set(keys)):
        return  # every household has one head (the heads' keys are among the rows')
    by_sheet = {s.table.sheet: s for s in sheets}
    sheet_of, number = rows["sheet"], rows["row"]
    by_household: dict[str, list[int]] = defaultdict(list)
    for i, key in enumerate(keys):
        by_household[key].append(i)
    bad = p.bad
    for members in by_household.values():
        heads = [i for i in members if rel[i] == "head"]
        if len(heads) == 1:
            continue
        if bad and all((sheet_of[i], number[i]) in bad for i in members):
            continue  # already rejected (an unknown household code): one message is enough
        for i in heads[1:]:
            sheet = by_sheet.get(sheet_of[i])
            if sheet is not None:
                p.issue(sheet, number[i], "relationship" if "relationship" in sheet.m else "full_name",
                        f"Hộ đã có chủ hộ ở dòng {number[heads[0]]}: mỗi hộ một chủ hộ.",
                        f"The household already has a head on row {number[heads[0]]}: one head per household.")  # fmt: skip
        if not heads:
            sheet = by_sheet.get(sheet_of[members[0]])
            if sheet is not None and "household" in sheet.m:
                p.issue(sheet, number[members[0]], "household", "Hộ không có chủ hộ: ghi «Chủ hộ» ở cột quan hệ.",
                        "The household has no head: write “Chủ hộ” in the relationship column.")  # fmt: skip


_PERSON_FIELDS = ("full_name", "sex", "dob", "birth_year", "ethnicity", "personal_id", "relationship", "phone")


def _person_changes(rows: Cols, i: int, reg: Register, pid: int) -> tuple[str, ...] | str:
    """Fields row *i* changes on person *pid*, or a message when the file contradicts the register."""
    f = reg.people[pid]
    personal_id, dob, birth_year = rows["personal_id"][i], rows["dob"][i], rows["birth_year"][i]
    if personal_id and f.personal_id and personal_id != f.personal_id:
        return f.personal_id
    changed = []
    for name in ("full_name", "sex", "dob"):
        value = rows[name][i]
        if value and value != getattr(f, name):
            changed.append(name)
    if birth_year and not dob and f.dob is None and birth_year != f.birth_year:
        changed.append("birth_year")
    ethnicity = rows["ethnicity"][i]
    if ethnicity and ethnicity != f.ethnicity:
        changed.append("ethnicity")
    if personal_id and not f.personal_id:
        changed.append("personal_id")
    if rows["relationship_given"][i] and rows["relationship"][i] != f.relationship:
        changed.append("relationship")
    phone = rows["phone"][i]
    if phone and phone != f.phone:
        changed.append("phone")
    return tuple(changed)


def match_register(p: _Planner, rows: Cols, households: Cols, paired: bool) -> None:
    """Mark the planned *rows* and *households* (columns, changed in place) the register already holds:
    person and household ids, the fields they change, their status (rejected rows: "error")."""
    reg = p.reg
    hh_keys = households["household_key"]
    # Households by code.
    household_of: dict[str, int] = {}
    if reg.household_code or reg.code_anywhere:  # an empty register holds no code
        for key, hh_code, vid in zip(hh_keys, households["code"], households["village_id"], strict=True):
            if hh_code:
                code = code_key(hh_code)
                hid = reg.household_code.get((vid, code)) if vid else None
                if hid is None and (paired or vid is None):
                    hid = reg.code_anywhere.get(code)
                if hid is not None:
                    household_of[key] = hid
    # People: by ID, by name within the matched household, by name + birth + village, heads by name.
    keys, rel = rows["household_key"], rows["relationship"]
    sheet_of, number, status = rows["sheet"], rows["row"], rows["status"]
    person_of: dict[int, tuple[int, str]] = {}
    bad = p.bad
    if reg.people:  # an empty register matches no one
        _match_people(p, rows, household_of, person_of)
    for i, (pid, reason) in person_of.items():
        changes = _person_changes(rows, i, reg, pid)
        if isinstance(changes, str):
            p.issue(p.sheets[sheet_of[i]], number[i], "personal_id", f"Người này đã có trong sổ với số định danh "
                    f"{changes}, khác số trong tệp ({rows['personal_id'][i]}): kiểm tra lại số trong tệp.",
                    f"Already registered with personal ID {changes}, not {rows['personal_id'][i]}: check the file.")  # fmt: skip
            changes = ()
        rows["person_id"][i], rows["match_reason"][i], rows["changes"][i] = pid, reason, changes
        status[i] = "updated" if changes else "unchanged"
    if bad:
        for i in [i for i, where in enumerate(zip(sheet_of, number, strict=True)) if where in bad]:
            status[i] = "error"
    heads = {k: i for i, (k, r) in enumerate(zip(keys, rel, strict=True)) if r == "head"}  # the last head of each
    row_class = rows["result_class"]
    head_of: list[Any] = list(map(heads.get, hh_keys))
    classes = (list(map(row_class.__getitem__, head_of)) if None not in head_of  # every household's head is a row
               else [row_class[h] if h is not None else c for h, c in zip(head_of, households["result_class"], strict=True)])  # fmt: skip
    year = p.opts.year
    if not household_of and not (bad and any(households["listed"])):  # none registered, none rejected: all new
        if year is not None:
            tag = (f"class_{year}",)
            households["changes"] = [tag if c else () for c in classes]
        return
    for j, key in enumerate(hh_keys):
        hid = household_of.get(key)
        hh_changes: list[str] = []
        if hid is not None:
            address, phone = reg.household_facts.get(hid, ("", None))
            if households["address"][j] and households["address"][j] != address:
                hh_changes.append("address")
            if households["phone"][j] and households["phone"][j] != phone:
                hh_changes.append("phone")
        if classes[j] and year is not None and (hid is None or (hid, year) not in reg.reviews):
            hh_changes.append(f"class_{year}")
        state = "new" if hid is None else ("updated" if hh_changes else "unchanged")
        if households["listed"][j] and bad and (households["sheet"][j], households["row"][j]) in bad:
            state = "error"
        households["household_id"][j], households["changes"][j], households["status"][j] = hid, tuple(hh_changes), state


def _match_people(p: _Planner, rows: Cols, household_of: dict[str, int], person_of: dict[int, tuple[int, str]]) -> None:
    """Who of *rows* the register holds (row index → person id, reason); *household_of* gains their households."""
    reg, bad = p.reg, p.bad
    for i, (vid, sheet, r, key, name, personal_id, dob, birth_year, relationship) in enumerate(zip(
        rows["village_id"], rows["sheet"], rows["row"], rows["household_key"], rows["full_name"],
        rows["personal_id"], rows["dob"], rows["birth_year"], rows["relationship"], strict=True,
    )):  # fmt: skip
        if vid is None or (bad and (sheet, r) in bad):
            continue
        hid = household_of.get(key)
        folded = _fold_name(name)
        if personal_id and personal_id in reg.by_id:
            person_of[i] = (reg.by_id[personal_id], "số định danh / personal ID")
        elif hid is not None and (hid, folded) in reg.by_member:
            person_of[i] = (reg.by_member[(hid, folded)], "mã hộ + họ tên / household code + name")
        else:
            key_birth: Any = dob if dob is not None else birth_year
            pid = reg.by_name.get((folded, key_birth, vid)) if key_birth is not None else None
            if pid is None and dob is not None:
                pid = reg.by_name.get((folded, dob.year, vid))
            if pid is not None:
                person_of[i] = (pid, "họ tên + ngày sinh + thôn / name + birth + village")
            elif key_birth is None and relationship == "head" and (head_pid := reg.heads.get((folded, vid))):
                person_of[i] = (head_pid, "chủ hộ cùng tên, cùng thôn / head, same name and village")
        if i in person_of:
            household_of.setdefault(key, reg.people[person_of[i][0]].household_id)
