"""Households and matching for a household/people import plan: each household's head, the one-head rule,
and which planned people and households the register already holds (rules in :mod:`import_people`)."""

from __future__ import annotations

import functools
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from xaapp.services.import_cells import fold_fast as fold
from xaapp.services.import_plan import HouseholdRow, ImportRow
from xaapp.services.import_read import SheetTable
from xaapp.services.import_register import Register

if TYPE_CHECKING:
    from xaapp.services.import_people import _Planner, _Sheet

#: Names folded for matching; family and given names repeat, so most folds of a list are cache hits.
_fold_name = functools.lru_cache(maxsize=65_536)(fold)


def _with(obj: Any, **changes: Any) -> Any:
    """Set fields of a row or household the planner made and still owns, before the plan is handed out
    (``dataclasses.replace`` copies, and its per-call field introspection dominated 20,000-row plans)."""
    obj.__dict__.update(changes)  # the fields of a frozen dataclass live in its __dict__
    return obj


def code_key(code: str) -> str:
    """A household code as compared: "HG 0001" → "hg0001" (ASCII codes skip the accent folding)."""
    if code.isascii():
        return code.lower().replace(" ", "")
    return fold(code).replace(" ", "")


def _join_heads(p: _Planner, hh_sheet: _Sheet, households: dict[str, HouseholdRow], rows: list[ImportRow]
                ) -> list[ImportRow]:  # fmt: skip
    """Each household's head: its people row marked Chủ hộ, or named as on the households sheet, else the
    households sheet's name as a new person. The household's class goes on the head's row."""
    by_key: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(rows):
        by_key[r.household_key].append(i)
    out = list(rows)
    extra: list[ImportRow] = []
    for key, h in households.items():
        members = by_key.get(key, [])
        head = next((i for i in members if out[i].relationship == "head"), None)
        if head is None:
            head = next((i for i in members if fold(out[i].full_name) == fold(h.head_name)
                         and not out[i].relationship_given), None)  # fmt: skip
        if head is not None:
            if fold(out[head].full_name) != fold(h.head_name) and h.head_name:
                p.issue(hh_sheet, h.row, "full_name", f"Chủ hộ ở trang nhân khẩu là «{out[head].full_name}», khác tên "
                        f"«{h.head_name}» ở đây: kiểm tra lại.", f"The people sheet's head is “{out[head].full_name}”, "
                        f"not “{h.head_name}”: check it.", warning=True)  # fmt: skip
            out[head] = _with(out[head], relationship="head", result_class=h.result_class,
                                address=out[head].address or h.address)  # fmt: skip
        elif h.head_name:
            extra.append(ImportRow(row=h.row, village_id=h.village_id, village=h.village, household_key=key,
                                   full_name=h.head_name, dob=None, birth_year=None, sex=None, personal_id=None,
                                   legacy_id=None, relationship="head", ethnicity=None, address=h.address,
                                   result_class=h.result_class, status="new", sheet=h.sheet))  # fmt: skip
        for i in members:
            if out[i].relationship == "":
                out[i] = _with(out[i], relationship="other")
    return extra + out


def _households_of(rows: list[ImportRow], codes: dict[str, str]) -> dict[str, HouseholdRow]:
    out: dict[str, HouseholdRow] = {}
    for r in rows:
        if r.household_key in out and r.relationship != "head":
            continue
        if r.household_key in out and out[r.household_key].head_name:
            continue
        code = codes.get(r.household_key)
        out[r.household_key] = HouseholdRow(r.household_key, r.village_id, r.village, code,
                                            r.full_name if r.relationship == "head" else "", r.address, r.phone,
                                            r.result_class, "new", sheet=r.sheet, row=r.row)  # fmt: skip
    return out


def _one_head(p: _Planner, tables: list[SheetTable], sheets: list[_Sheet], rows: list[ImportRow]) -> None:
    by_sheet = {s.table.sheet: s for s in sheets}
    by_household: dict[str, list[ImportRow]] = defaultdict(list)
    for r in rows:
        by_household[r.household_key].append(r)
    bad = p.bad
    for members in by_household.values():
        heads = [r for r in members if r.relationship == "head"]
        if len(heads) == 1:
            continue
        if bad and all((r.sheet, r.row) in bad for r in members):
            continue  # already rejected (an unknown household code): one message is enough
        for r in heads[1:]:
            sheet = by_sheet.get(r.sheet)
            if sheet is not None:
                p.issue(sheet, r.row, "relationship" if "relationship" in sheet.m else "full_name",
                        f"Hộ đã có chủ hộ ở dòng {heads[0].row}: mỗi hộ một chủ hộ.",
                        f"The household already has a head on row {heads[0].row}: one head per household.")  # fmt: skip
        if not heads:
            sheet = by_sheet.get(members[0].sheet)
            if sheet is not None and "household" in sheet.m:
                p.issue(sheet, members[0].row, "household", "Hộ không có chủ hộ: ghi «Chủ hộ» ở cột quan hệ.",
                        "The household has no head: write “Chủ hộ” in the relationship column.")  # fmt: skip


_PERSON_FIELDS = ("full_name", "sex", "dob", "birth_year", "ethnicity", "personal_id", "relationship", "phone")


def _person_changes(r: ImportRow, reg: Register, pid: int) -> tuple[str, ...] | str:
    """Fields the row changes on person *pid*, or a message when the file contradicts the register."""
    f = reg.people[pid]
    if r.personal_id and f.personal_id and r.personal_id != f.personal_id:
        return f.personal_id
    changed = []
    if r.full_name and r.full_name != f.full_name:
        changed.append("full_name")
    if r.sex and r.sex != f.sex:
        changed.append("sex")
    if r.dob and r.dob != f.dob:
        changed.append("dob")
    if r.birth_year and not r.dob and f.dob is None and r.birth_year != f.birth_year:
        changed.append("birth_year")
    if r.ethnicity and r.ethnicity != f.ethnicity:
        changed.append("ethnicity")
    if r.personal_id and not f.personal_id:
        changed.append("personal_id")
    if r.relationship_given and r.relationship != f.relationship:
        changed.append("relationship")
    if r.phone and r.phone != f.phone:
        changed.append("phone")
    return tuple(changed)


def match_register(p: _Planner, rows: list[ImportRow], households: dict[str, HouseholdRow], paired: bool
           ) -> tuple[list[ImportRow], dict[str, HouseholdRow]]:  # fmt: skip
    reg = p.reg
    # Households by code.
    household_of: dict[str, int] = {}
    for key, h in households.items():
        if h.code:
            code = code_key(h.code)
            hid = reg.household_code.get((h.village_id, code)) if h.village_id else None
            if hid is None and (paired or h.village_id is None):
                hid = reg.code_anywhere.get(code)
            if hid is not None:
                household_of[key] = hid
    # People: by ID, by name within the matched household, by name + birth + village, heads by name.
    person_of: dict[int, tuple[int, str]] = {}
    bad = p.bad
    for i, r in enumerate(rows if reg.people else ()):  # an empty register matches no one
        if r.village_id is None or (bad and (r.sheet, r.row) in bad):
            continue
        hid = household_of.get(r.household_key)
        folded = _fold_name(r.full_name)
        if r.personal_id and r.personal_id in reg.by_id:
            person_of[i] = (reg.by_id[r.personal_id], "số định danh / personal ID")
        elif hid is not None and (hid, folded) in reg.by_member:
            person_of[i] = (reg.by_member[(hid, folded)], "mã hộ + họ tên / household code + name")
        else:
            key_birth: Any = r.dob if r.dob is not None else r.birth_year
            pid = reg.by_name.get((folded, key_birth, r.village_id)) if key_birth is not None else None
            if pid is None and r.dob is not None:
                pid = reg.by_name.get((folded, r.dob.year, r.village_id))
            if pid is not None:
                person_of[i] = (pid, "họ tên + ngày sinh + thôn / name + birth + village")
            elif key_birth is None and r.relationship == "head" and (head_pid := reg.heads.get((folded, r.village_id))):
                person_of[i] = (head_pid, "chủ hộ cùng tên, cùng thôn / head, same name and village")
        if i in person_of:
            household_of.setdefault(r.household_key, reg.people[person_of[i][0]].household_id)
    out: list[ImportRow] = []
    for i, r in enumerate(rows if person_of or bad else ()):
        if i in person_of:
            pid, reason = person_of[i]
            changes = _person_changes(r, reg, pid)
            if isinstance(changes, str):
                p.issue(p.sheets[r.sheet], r.row, "personal_id", f"Người này đã có trong sổ với số định danh {changes}, "
                        f"khác số trong tệp ({r.personal_id}): kiểm tra lại số trong tệp.",
                        f"Already registered with personal ID {changes}, not {r.personal_id}: check the file.")  # fmt: skip
                changes = ()
            r = _with(r, person_id=pid, match_reason=reason, changes=changes,
                        status="updated" if changes else "unchanged")  # fmt: skip
        if bad and (r.sheet, r.row) in bad:
            r = _with(r, status="error")
        out.append(r)
    if not (person_of or bad):
        out = rows
    heads = {r.household_key: r for r in out if r.relationship == "head"}
    result: dict[str, HouseholdRow] = {}
    for key, h in households.items():
        hid = household_of.get(key)
        head = heads.get(key)
        hh_changes: list[str] = []
        if hid is not None:
            address, phone = reg.household_facts.get(hid, ("", None))
            if h.address and h.address != address:
                hh_changes.append("address")
            if h.phone and h.phone != phone:
                hh_changes.append("phone")
        cls = head.result_class if head else h.result_class
        if cls and p.opts.year is not None and (hid is None or (hid, p.opts.year) not in reg.reviews):
            hh_changes.append(f"class_{p.opts.year}")
        status = "new" if hid is None else ("updated" if hh_changes else "unchanged")
        if h.listed and bad and (h.sheet, h.row) in bad:
            status = "error"
        result[key] = _with(h, household_id=hid, changes=tuple(hh_changes), status=status)
    return out, result
