"""Importing people and households from a commune's Excel list: check every row, match, then all or nothing.

``plan_import(db, path)`` reads the file (``import_read``), validates every row (required fields,
dates dd/mm/yyyy or Excel dates or a birth year alone, 12-digit personal IDs against sex and birth
year, villages of the commune, one head per household) and matches each person with the register:
by personal ID, else by folded name + date (or year) of birth + village. It changes nothing and
returns an ``ImportPlan`` with every problem named by row and column. ``commit_import(db, plan)``
writes the plan in one transaction, and refuses a plan with errors: nothing is half-imported.

Rows are grouped into households by the "Mã hộ" column when there is one, else as Excel lists are
kept: a head ("Chủ hộ") row, then the members below it; a file with neither column is a list of
households, one head per row. Matched people are not created again:
the plan shows them, and the import only fills in a personal ID or date of birth they lack.
A "Phân loại" column (poor / near-poor …) records a completed periodic review for *year*: its answers are the
household form's (household and members from the register; the list has no income or deprivations), its class
the list's, marked ``result.imported`` (``xaapp db check --deep`` counts such classes but cannot re-derive them).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sqlalchemy import select

from xaapp.domain.personal_id import check_personal_id, normalise_sex
from xaapp.domain.text import fold
from xaapp.errors import KnownError
from xaapp.services.import_read import (
    CLASSES,
    FIELDS,
    RELATIONSHIPS,
    CellError,
    id_text,
    parse_birth,
    read_sheet,
    text_of,
)
from xaapp.services.register import prefill
from xaapp.storage.db import Database
from xaapp.storage.orm import Household, Person, PovertyReview, Village


@dataclass(frozen=True)
class ImportIssue:
    """A problem in one cell (or one row when ``column`` is empty), in Vietnamese then English."""

    row: int
    column: str
    header: str
    message_vi: str
    message_en: str
    warning: bool = False

    def text(self) -> str:
        where = f"Dòng {self.row}" + (f", cột {self.column} ({self.header})" if self.column else "")
        kind = "Lưu ý" if self.warning else "Lỗi"
        return f"{kind} – {where}: {self.message_vi} / {self.message_en}"


@dataclass(frozen=True)
class ImportRow:
    row: int
    village_id: int | None
    village: str
    household_key: str
    full_name: str
    dob: dt.date | None
    birth_year: int | None
    sex: str | None
    personal_id: str | None
    legacy_id: str | None
    relationship: str
    ethnicity: str | None
    address: str | None
    result_class: str | None
    #: "new", "matched" (already in the register: ``person_id``) or "error".
    status: str
    person_id: int | None = None
    match_reason: str = ""


@dataclass(frozen=True)
class ImportPlan:
    path: Path
    sheet: str
    encoding: str
    header_row: int
    mapping: dict[str, str]  # field -> "C (Họ và tên)"
    unmapped: tuple[str, ...]
    rows: tuple[ImportRow, ...]
    issues: tuple[ImportIssue, ...]
    year: int | None
    new_households: int
    new_people: int
    matched_people: int = 0
    reviews: int = 0

    @property
    def errors(self) -> tuple[ImportIssue, ...]:
        return tuple(i for i in self.issues if not i.warning)

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        encoding = {"tcvn3": "TCVN3 (ABC)", "vni": "VNI"}.get(self.encoding)
        parts = [
            f"{len(self.rows)} dòng dữ liệu / data rows (tiêu đề ở dòng / header on row {self.header_row})",
            f"{self.new_people} người mới / new people, {self.new_households} hộ mới / new households",
            f"{self.matched_people} người đã có / already registered",
        ]
        if self.reviews:
            parts.append(f"{self.reviews} kết quả phân loại năm / classes for {self.year}")
        if encoding:
            parts.append(f"phông {encoding} đã chuyển sang Unicode / {encoding} text converted to Unicode")
        if self.errors:
            parts.append(f"{len(self.errors)} lỗi / errors: chưa nhập gì / nothing imported")
        return "; ".join(parts)


# --- planning --------------------------------------------------------------------------------------


@dataclass
class _Existing:
    by_id: dict[str, tuple[int, int]]  # personal_id -> (person id, household id)
    by_name: dict[tuple[str, Any, int], tuple[int, int]]  # (folded name, dob or year, village) -> ids
    villages: dict[str, tuple[int, str]]  # folded name (also without "thôn"/"bản") -> (id, name)
    household_village: dict[int, int]
    missing: dict[int, tuple[bool, bool]]  # person id -> (lacks personal id, lacks dob)


_VILLAGE_PREFIXES = ("thon ", "ban ", "xom ", "to dan pho ", "khu pho ", "lang ", "khu ")


def _village_key(name: str) -> str:
    key = fold(name)
    for prefix in _VILLAGE_PREFIXES:
        if key.startswith(prefix):
            return key[len(prefix) :]
    return key


def _load_existing(db: Database) -> _Existing:
    with db.read() as s:
        villages: dict[str, tuple[int, str]] = {}
        for vid, name in s.execute(select(Village.id, Village.name).where(Village.deleted_at.is_(None))):
            villages[fold(name)] = (vid, name)
            villages.setdefault(_village_key(name), (vid, name))
        household_village = dict(
            s.execute(select(Household.id, Household.village_id).where(Household.deleted_at.is_(None))).all()
        )
        by_id: dict[str, tuple[int, int]] = {}
        by_name: dict[tuple[str, Any, int], tuple[int, int]] = {}
        missing: dict[int, tuple[bool, bool]] = {}
        q = select(Person.id, Person.household_id, Person.name_folded, Person.dob, Person.birth_year,
                   Person.personal_id).where(Person.deleted_at.is_(None))  # fmt: skip
        for pid, hid, folded, dob, year, personal_id in s.execute(q):
            vid = household_village.get(hid)
            if vid is None:
                continue
            if personal_id:
                by_id[personal_id] = (pid, hid)
            if dob is not None:
                by_name.setdefault((folded, dob, vid), (pid, hid))
            birth_year = dob.year if dob else year
            if birth_year is not None:
                by_name.setdefault((folded, birth_year, vid), (pid, hid))
            missing[pid] = (not personal_id, dob is None)
    return _Existing(by_id, by_name, villages, household_village, missing)


def plan_import(
    db: Database, path: Path | str, *, year: int | None = None, today: dt.date | None = None
) -> ImportPlan:
    """Read and check *path* against the register; changes nothing. Raises KnownError for a file that
    cannot be read at all (not xlsx, empty, no header); row problems are in ``plan.issues``."""
    sheet = read_sheet(path)
    today = today or dt.date.today()
    existing = _load_existing(db)
    issues: list[ImportIssue] = []
    m = sheet.mapping

    def cell(values: tuple[Any, ...], name: str) -> Any:
        return values[m[name]] if name in m and m[name] < len(values) else None

    def issue(row: int, name: str | None, vi: str, en: str, warning: bool = False) -> None:
        column = sheet.column_letter(name) if name else ""
        header = sheet.header_of(name) if name else ""
        issues.append(ImportIssue(row, column, header, vi, en, warning))

    if (
        year is None
        and "result_class" in m
        and any(text_of(cell(values, "result_class")) for values in sheet.rows[sheet.header_row :])
    ):
        raise KnownError(
            "Tệp có cột phân loại hộ: hãy cho biết năm rà soát của danh sách (--year).",
            "The file has a household-class column: give the review year of the list (--year).",
        )

    parsed: list[ImportRow] = []
    seen_ids: dict[str, int] = {}
    current_household: dict[int | None, str] = {}
    seen_households: set[str] = set()
    for offset, values in enumerate(sheet.rows[sheet.header_row :], start=sheet.header_row + 1):
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        bad = False
        name = text_of(cell(values, "full_name"))
        if not name:
            issue(offset, "full_name", "Thiếu họ và tên.", "The full name is missing.")
            bad = True
        village_text = text_of(cell(values, "village"))
        village = existing.villages.get(fold(village_text)) or existing.villages.get(
            _village_key(village_text)
        )
        if not village_text:
            issue(offset, "village", "Thiếu tên thôn.", "The village is missing.")
            bad = True
        elif village is None:
            issue(offset, "village", f"Thôn «{village_text}» không có trong danh sách thôn của xã.",
                  f"“{village_text}” is not one of the commune's villages.")  # fmt: skip
            bad = True
        dob: dt.date | None = None
        birth_year: int | None = None
        try:
            dob, birth_year = parse_birth(cell(values, "birth"), today)
        except CellError as exc:
            issue(offset, "birth", exc.vi, exc.en)
            bad = True
        sex = None
        sex_text = text_of(cell(values, "sex"))
        if sex_text:
            sex = normalise_sex(sex_text)
            if sex is None:
                issue(
                    offset,
                    "sex",
                    f"Giới tính «{sex_text}» phải là Nam hoặc Nữ.",
                    f"Sex “{sex_text}” must be Nam or Nữ.",
                )
                bad = True
        personal_id = legacy_id = None
        id_cell = id_text(cell(values, "personal_id"))
        if id_cell:
            check = check_personal_id(id_cell, sex=sex, birth_date=dob, birth_year=birth_year)
            if check.codes == ("legacy_cmnd",):
                legacy_id = check.value
                issue(offset, "personal_id", "Số CMND cũ 9 chữ số: lưu vào ô CMND cũ.",
                      "An old 9-digit CMND: kept as the legacy ID.", warning=True)  # fmt: skip
            elif not check.ok:
                for problem in check.problems:
                    issue(offset, "personal_id", problem.message_vi, problem.message_en)
                bad = True
            else:
                personal_id = check.value
                sex = sex or check.sex  # digit 4 of the ID tells the sex when the column is blank
                if personal_id in seen_ids:
                    issue(offset, "personal_id", f"Số định danh trùng với dòng {seen_ids[personal_id]}.",
                          f"The same personal ID as row {seen_ids[personal_id]}.")  # fmt: skip
                    bad = True
                seen_ids.setdefault(personal_id, offset)
        rel_text = text_of(cell(values, "relationship"))
        relationship = RELATIONSHIPS.get(fold(rel_text), None) if rel_text else None
        if rel_text and relationship is None:
            issue(offset, "relationship", f"Không hiểu quan hệ «{rel_text}» (Chủ hộ, Vợ, Chồng, Con, Cha, Mẹ, Cháu, Khác).",
                  f"Unknown relationship “{rel_text}” (Chủ hộ, Vợ, Chồng, Con, Cha, Mẹ, Cháu, Khác).")  # fmt: skip
            bad = True
        result_class = None
        class_text = text_of(cell(values, "result_class"))
        if class_text:
            result_class = CLASSES.get(fold(class_text))
            if result_class is None:
                issue(offset, "result_class", f"Không hiểu phân loại «{class_text}» (Hộ nghèo, Hộ cận nghèo, …).",
                      f"Unknown class “{class_text}” (Hộ nghèo, Hộ cận nghèo, …).")  # fmt: skip
                bad = True
        village_id = village[0] if village else None
        # Household grouping: by the "Mã hộ" column, else a head row starts a household in its village.
        code = text_of(cell(values, "household"))
        if "household" in m:
            if not code:
                issue(offset, "household", "Thiếu mã hộ.", "The household number is missing.")
                bad = True
            household_key = f"{village_id}:{code}"
            relationship = relationship or ("head" if household_key not in seen_households else "other")
            seen_households.add(household_key)
        else:
            # Without a relationship column a row is a household (a list of heads); with one, a blank is "other".
            relationship = relationship or ("other" if "relationship" in m else "head")
            if relationship == "head":
                household_key = f"{village_id}:row{offset}"
                current_household[village_id] = household_key
            elif village_id in current_household:
                household_key = current_household[village_id]
            else:
                household_key = f"{village_id}:row{offset}"
                issue(offset, "relationship" if "relationship" in m else "full_name",
                      "Thành viên không có chủ hộ ở dòng trên (cùng thôn).",
                      "A member with no head of household above it (same village).")  # fmt: skip
                bad = True
        parsed.append(ImportRow(
            row=offset, village_id=village_id, village=village[1] if village else village_text,
            household_key=household_key, full_name=name, dob=dob, birth_year=birth_year, sex=sex,
            personal_id=personal_id, legacy_id=legacy_id, relationship=relationship,
            ethnicity=text_of(cell(values, "ethnicity")) or None, address=text_of(cell(values, "address")) or None,
            result_class=result_class, status="error" if bad else "new",
        ))  # fmt: skip

    if not parsed:
        raise KnownError(f"Tệp {sheet.path.name} có tiêu đề nhưng không có dòng dữ liệu nào.",
                         f"{sheet.path.name} has a header but no data rows.")  # fmt: skip

    # One head per household.
    by_household: dict[str, list[ImportRow]] = defaultdict(list)
    for r in parsed:
        by_household[r.household_key].append(r)
    for rows in by_household.values():
        heads = [r for r in rows if r.relationship == "head"]
        if len(heads) > 1:
            for r in heads[1:]:
                issue(r.row, "relationship" if "relationship" in m else "full_name",
                      f"Hộ đã có chủ hộ ở dòng {heads[0].row}.", f"The household already has a head on row {heads[0].row}.")  # fmt: skip
        elif not heads and "household" in m:
            issue(rows[0].row, "household", "Hộ không có chủ hộ.", "The household has no head.")

    # Matching with the register.
    final: list[ImportRow] = []
    matched = 0
    for r in parsed:
        if r.status == "error" or r.village_id is None:
            final.append(r)
            continue
        hit, reason = None, ""
        if r.personal_id and r.personal_id in existing.by_id:
            hit, reason = existing.by_id[r.personal_id], "số định danh / personal ID"
        else:
            key_birth: Any = r.dob if r.dob is not None else r.birth_year
            hit = existing.by_name.get((fold(r.full_name), key_birth, r.village_id))
            if hit is None and r.dob is not None:
                hit = existing.by_name.get((fold(r.full_name), r.dob.year, r.village_id))
            reason = "họ tên + ngày sinh + thôn / name + birth + village" if hit else ""
        if hit:
            matched += 1
            final.append(_replace(r, status="matched", person_id=hit[0], match_reason=reason))
        else:
            final.append(r)
    error_rows = {i.row for i in issues if not i.warning}
    final = [_replace(r, status="error") if r.row in error_rows and r.status != "error" else r for r in final]
    new_people = sum(1 for r in final if r.status == "new")
    new_households = sum(
        1 for rows in by_household.values()
        if not any(f.status == "matched" for f in final if f.household_key == rows[0].household_key)
        and any(f.status == "new" for f in final if f.household_key == rows[0].household_key)
    )  # fmt: skip
    reviews = sum(1 for r in final if r.result_class and r.relationship == "head" and r.status != "error")
    mapping = {f: f"{sheet.column_letter(f)} ({sheet.header_of(f)})" for f in sheet.mapping}
    return ImportPlan(
        path=sheet.path, sheet=sheet.sheet, encoding=sheet.encoding, header_row=sheet.header_row,
        mapping=mapping, unmapped=sheet.unmapped, rows=tuple(final),
        issues=tuple(sorted(issues, key=lambda i: (i.row, i.column))), year=year,
        new_households=new_households, new_people=new_people, matched_people=matched, reviews=reviews,
    )  # fmt: skip


def _replace(row: ImportRow, **changes: Any) -> ImportRow:
    return replace(row, **changes)


# --- commit ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportResult:
    households: int
    people: int
    updated: int
    reviews: int


def commit_import(db: Database, plan: ImportPlan, actor: str = "import") -> ImportResult:
    """Write *plan* in one transaction (all or nothing). Refuses a plan that has errors."""
    if not plan.ok:
        raise KnownError(
            f"Tệp còn {len(plan.errors)} lỗi: chưa nhập dòng nào. Sửa tệp rồi nhập lại.",
            f"The file has {len(plan.errors)} errors: nothing was imported. Fix the file and import it again.",
        )
    households = people = updated = reviews = 0
    reason = f"Nhập từ tệp Excel {plan.path.name} / imported from {plan.path.name}"
    with db.session(actor=actor, reason=reason) as s:
        by_key: dict[str, list[ImportRow]] = defaultdict(list)
        for r in plan.rows:
            by_key[r.household_key].append(r)
        for rows in by_key.values():
            matched = next((r for r in rows if r.status == "matched"), None)
            if matched is not None:
                household_id = s.get(Person, matched.person_id).household_id  # type: ignore[union-attr]
            else:
                head = next((r for r in rows if r.relationship == "head"), rows[0])
                code = head.household_key.split(":", 1)[1]
                household = Household(village_id=head.village_id, code=None if code.startswith("row") else code,
                                      address=head.address or head.village, area_type="rural")  # fmt: skip
                s.add(household)
                s.flush()
                household_id = household.id
                households += 1
            position = len(s.scalars(select(Person.id).where(Person.household_id == household_id)).all())
            for r in rows:
                if r.status == "matched":
                    person = s.get(Person, r.person_id)
                    assert person is not None
                    if r.personal_id and not person.personal_id:
                        person.personal_id = r.personal_id
                        updated += 1
                    if r.dob and person.dob is None:
                        person.dob = r.dob
                        updated += 1
                    continue
                s.add(Person(
                    household_id=household_id, position=position, full_name=r.full_name, sex=r.sex or "",
                    dob=r.dob, birth_year=r.birth_year, ethnicity=r.ethnicity or "Kinh", personal_id=r.personal_id,
                    legacy_id=r.legacy_id, relationship_to_head=r.relationship, details={},
                ))  # fmt: skip
                position += 1
                people += 1
            head_row = next((r for r in rows if r.relationship == "head"), None)
            if head_row is not None and head_row.result_class and plan.year is not None:
                exists = s.scalar(select(PovertyReview.id).where(
                    PovertyReview.household_id == household_id, PovertyReview.review_year == plan.year,
                    PovertyReview.deleted_at.is_(None)))  # fmt: skip
                if exists is None:
                    s.flush()  # the household's new members have ids: the review lists them
                    s.add(_imported_review(s, household_id, plan, head_row.result_class))
                    reviews += 1
    return ImportResult(households, people, updated, reviews)


def _imported_review(s: Any, household_id: int, plan: ImportPlan, result_class: str) -> PovertyReview:
    """A final review holding a class from an Excel list: form-shaped answers with the household and its
    members from the register (the list gives no income or deprivations), the class with its source."""
    household = s.get(Household, household_id)
    answers, uuids = prefill(s, household)
    answers["general"]["review_year"] = plan.year
    answers["general"]["review_kind"] = "periodic"
    label = FIELDS["result_class"][0]
    return PovertyReview(
        household_id=household_id, review_year=plan.year, kind="periodic", status="final",
        form_id="household_review", form_version="", answers={**answers, "_xaapp": {"cursor": "", "members": uuids}},
        result_class=result_class,
        result={"imported": True, "source": plan.path.name, "reason": {
            "vi": f"{label} nhập từ danh sách Excel năm {plan.year} ({plan.path.name}).",
            "en": f"Class imported from the {plan.year} Excel list ({plan.path.name})."}},
    )  # fmt: skip
