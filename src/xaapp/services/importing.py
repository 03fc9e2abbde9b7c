"""Importing a commune's list (households and people, or social-assistance beneficiaries): check every row,
match it with the register, then write all or nothing.

``plan_import(db, path)`` reads the file in any spreadsheet format (``sheet_readers``), converts legacy
text and finds each sheet's columns (``import_read``; a saved or given ``ImportMapping`` says which
column is what when the headers do not), then checks and matches every row (``import_people`` for
household lists, ``import_beneficiaries`` for social-assistance lists). It changes nothing and returns
an ``ImportPlan``: each row new, updated, unchanged or rejected, every problem by sheet!cell with what
to do. ``commit_import(db, plan)`` writes the plan in one transaction, audited with the file's name as
the reason, and refuses a plan with errors: nothing is half-imported. Importing the same file twice
adds nothing the second time.

A class column (Phân loại, or the Hộ nghèo / Hộ cận nghèo flags) records a completed periodic review for *year*:
its answers are the household form's (household and members from the register; the list has no income or
deprivations), its class the list's, marked ``result.imported`` (``xaapp db check --deep`` counts such classes but
cannot re-derive them).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import compress, repeat
from operator import and_, eq, ne
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from sqlalchemy import select

from xaapp.domain.text import fold
from xaapp.errors import KnownError
from xaapp.services.import_fields import FIELDS, label, label_en
from xaapp.services.import_gc import collector_paused
from xaapp.services.import_mapping import ImportMapping, saved_mappings
from xaapp.services.import_people import PeopleOptions, missing_fields, plan_people, prepare_sheets
from xaapp.services.import_plan import (
    BeneficiaryRow,
    Columnar,
    HouseholdRow,
    ImportIssue,
    ImportPlan,
    ImportRow,
)
from xaapp.services.import_preview import previews
from xaapp.services.import_read import (
    MappingNeeded,
    PreparedBook,
    SheetPreview,
    SheetTable,
    header_shape,
    prepare_book,
    read_tables,
)
from xaapp.services.import_register import Register, load_register
from xaapp.services.import_write import Added, write_households
from xaapp.services.register import prefill, prefill_from
from xaapp.storage.bulk import BulkInserter
from xaapp.storage.db import Database
from xaapp.storage.orm import Household, PovertyReview, Village

__all__ = ["BeneficiaryRow", "HouseholdRow", "ImportIssue", "ImportPlan", "ImportResult", "ImportRow",
           "MappingNeeded", "column_previews", "commit_import", "plan_import"]  # fmt: skip


def _file_village(register: Register, text: str | None) -> tuple[int, str] | None:
    if not text:
        return None
    found = register.village(text)
    if found is None and text.isdigit():
        found = (int(text), register.village_names[int(text)]) if int(text) in register.village_names else None
    if found is None:
        names = ", ".join(sorted(register.village_names.values()))
        raise KnownError(f"Không có thôn «{text}» trong xã (có: {names}).", f"No village “{text}” in the commune ({names}).")
    return found


def _mapping_needed(prepared: PreparedBook, register: Register, vi: str, en: str) -> MappingNeeded:
    villages = tuple(register.village_names.values())
    return MappingNeeded(vi, en, previews(prepared, villages, {}), prepared)


def column_previews(db: Database, prepared: PreparedBook) -> tuple[SheetPreview, ...]:
    """Every sheet's first rows and a guess per column (saved mappings first), for choosing columns by hand."""
    villages = tuple(load_register(db, None).village_names.values())
    return previews(prepared, villages, saved_mappings(db))


def plan_import(
    db: Database,
    path: Path | str,
    *,
    year: int | None = None,
    today: dt.date | None = None,
    village: str | None = None,
    mapping: ImportMapping | None = None,
    month: str | None = None,
    prepared: PreparedBook | None = None,
) -> ImportPlan:
    """Read and check *path* against the register; changes nothing. Raises KnownError for a file that
    cannot be read at all, and MappingNeeded (a KnownError) when the columns must be chosen by hand;
    row problems are in ``plan.issues``. *village* is the village of rows that name none; *month*
    (YYYY-MM) the month a beneficiary list's amounts are checked for (default: this month)."""
    with collector_paused():  # the plan builds no cycles: see import_gc
        return _plan(db, path, year, today, village, mapping, month, prepared)


def _plan(db: Database, path: Path | str, year: int | None, today: dt.date | None, village: str | None,
          mapping: ImportMapping | None, month: str | None, prepared: PreparedBook | None) -> ImportPlan:  # fmt: skip
    today = today or dt.date.today()
    prepared = prepared or prepare_book(path)
    register = load_register(db, year)
    chosen = mapping or ImportMapping()
    file_village = _file_village(register, village or chosen.village)
    tables, ignored = read_tables(prepared, chosen.sheets or None, saved_mappings(db))
    if not tables:
        required = ", ".join(label(f) for f in ("village", "full_name", "birth"))
        raise _mapping_needed(prepared, register,
            f"Không nhận ra dòng tiêu đề trong 30 dòng đầu của tệp {prepared.path.name}: hãy chọn cột cho từng trường "
            f"(cần có các cột: {required}; hoặc Mã hộ, Tên chủ hộ).",
            f"No header row recognised in the first 30 rows of {prepared.path.name}: choose the field of each "
            "column (Village, Full name, Date of birth; or Household number, Head of household).",
        )  # fmt: skip
    beneficiary_tables = [t for t in tables if "clause" in t.mapping]
    if beneficiary_tables:
        from xaapp.services.import_beneficiaries import plan_beneficiaries

        others = tuple(t.sheet for t in tables if t not in beneficiary_tables)
        return plan_beneficiaries(db, prepared, register, beneficiary_tables, tuple(ignored) + others,
                                  month=month, today=today, village=file_village, area_codes=chosen.area_codes)  # fmt: skip
    options = PeopleOptions(year, today, file_village, {fold(k): v for k, v in chosen.area_codes.items()})
    hh_sheet, people_sheets = prepare_sheets(tables)
    for sheet in ([hh_sheet] if hh_sheet else []) + people_sheets:
        missing = missing_fields(sheet, sheet is not hh_sheet and hh_sheet is not None, register, options)
        if missing:
            t = sheet.table
            raise _mapping_needed(prepared, register,
                f"Dòng tiêu đề (dòng {t.header_row}) thiếu cột: {', '.join(label(f) for f in missing)}"
                f" (trang «{t.sheet}»). Hãy chọn cột cho các trường này"
                + (", hoặc chọn thôn cho cả tệp." if "village" in missing else "."),
                f"The header row (row {t.header_row}) lacks the column(s): {', '.join(label_en(f) for f in missing)}"
                f" (sheet “{t.sheet}”). Choose the columns" + (", or a village for the whole file." if "village" in missing else "."),
            )  # fmt: skip
    rows, households, issues = plan_people(tables, register, options)
    if not rows:
        raise KnownError(f"Tệp {prepared.path.name} có tiêu đề nhưng không có dòng dữ liệu nào.",
                         f"{prepared.path.name} has a header but no data rows.")  # fmt: skip
    if year is None and (any(rows.column("result_class")) or any(households.column("result_class"))):
        raise KnownError(
            "Tệp có cột phân loại hộ: hãy cho biết năm rà soát của danh sách (--year).",
            "The file has a household-class column: give the review year of the list (--year).",
        )
    return _people_plan(prepared, tables, ignored, rows, households, issues, year)


def _describe(table: SheetTable) -> dict[str, str]:
    return {f: f"{table.column_letter(f)} ({table.header_of(f)})" for f in table.mapping}


def _people_plan(prepared: PreparedBook, tables: list[SheetTable], ignored: list[str], rows: Columnar[ImportRow],
                 households: Columnar[HouseholdRow], issues: list[ImportIssue], year: int | None) -> ImportPlan:  # fmt: skip
    first = tables[0]
    statuses = Counter(rows.column("status"))
    new_people = statuses["new"]
    matched = statuses["updated"] + statuses["unchanged"]  # ImportRow.matched
    hh_status = households.column("status")
    new_households = Counter(zip(hh_status, households.column("household_id"), strict=True))[("new", None)]
    # Households whose head's row is not rejected, and of them those whose changes record a class (C-level passes).
    head_rows = map(and_, map(eq, rows.column("relationship"), repeat("head")), map(ne, rows.column("status"), repeat("error")))
    heads_ok = set(compress(rows.column("household_key"), head_rows))
    hh_changes = households.column("changes")
    with_class = {c for c in set(hh_changes) if any(name.startswith("class_") for name in c)}
    reviews = sum(map(heads_ok.__contains__, compress(households.column("household_key"),
                                                      map(with_class.__contains__, hh_changes))))  # fmt: skip
    shapes = {header_shape(t.headers): (t.header_row, {c: f for f, c in t.mapping.items()}) for t in tables}
    return ImportPlan(
        path=prepared.path, sheet=first.sheet, encoding=prepared.legacy.main_encoding, header_row=first.header_row,
        mapping=_describe(first), unmapped=first.unmapped, rows=rows,
        issues=tuple(sorted(issues, key=lambda i: (i.sheet != first.sheet, i.sheet, i.row, i.column))), year=year,
        new_households=new_households, new_people=new_people, matched_people=matched, reviews=reviews,
        kind="households", format_label=prepared.format_label, legacy=prepared.legacy,
        sheets=tuple(t.sheet for t in tables), mappings={t.sheet: _describe(t) for t in tables},
        ignored_sheets=tuple(ignored), households=households,
        skipped_rows=sum(t.skipped_rows for t in tables), shapes=shapes,
    )  # fmt: skip


# --- commit ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportResult:
    households: int
    people: int
    updated: int
    reviews: int
    beneficiaries: int = 0


#: The phases ``commit_import`` names in its progress, in order.
PHASE_HOUSEHOLDS = "Đang ghi hộ, nhân khẩu và sổ đồng bộ / Writing households, people and their sync and audit rows"
PHASE_REVIEWS = "Đang ghi kết quả phân loại / Writing the imported classes"
PHASE_SAVE = "Đang lưu vào tệp dữ liệu / Saving to the data file"


def commit_import(db: Database, plan: ImportPlan, actor: str = "import", progress: Any = None) -> ImportResult:
    """Write *plan* in one transaction (all or nothing). Refuses a plan that has errors. *progress* (``set_text``,
    ``set_range``) is told each phase of a household list's writing by name."""
    if not plan.ok:
        raise KnownError(
            f"Tệp còn {len(plan.errors)} lỗi: chưa nhập dòng nào. Sửa tệp rồi nhập lại.",
            f"The file has {len(plan.errors)} errors: nothing was imported. Fix the file and import it again.",
        )
    if plan.kind == "beneficiaries":
        from xaapp.services.import_beneficiaries import commit_beneficiaries

        return commit_beneficiaries(db, plan, actor)
    reason = f"Nhập từ tệp Excel {plan.path.name} / imported from {plan.path.name}"
    facts = {h.household_key: h for h in plan.households}
    by_key: dict[str, list[ImportRow]] = defaultdict(list)
    for r in plan.rows:
        by_key[r.household_key].append(r)

    def phase(text: str) -> None:
        if progress is not None:
            progress.set_text(text)
            progress.set_range(0)

    with db.session(actor=actor, reason=reason) as s:
        bulk = BulkInserter(s)
        phase(PHASE_HOUSEHOLDS)
        ids, added = write_households(s, bulk, facts, by_key)
        phase(PHASE_REVIEWS)
        reviews = _write_reviews(s, bulk, plan, by_key, ids, added)
        phase(PHASE_SAVE)
    return ImportResult(added.households, added.people, added.updated, reviews)


def _write_reviews(s: Any, bulk: BulkInserter, plan: ImportPlan, by_key: dict[str, list[ImportRow]],
                   ids: dict[str, int], added: Added) -> int:  # fmt: skip
    """The final review of *plan.year* of each household whose head's row gives a class, unless it has one:
    new households' from the rows just written (in bulk), registered households' from the register."""
    if plan.year is None:
        return 0
    villages = dict(s.execute(select(Village.id, Village.name)).all())
    reviews = 0
    for key, rows in by_key.items():
        head_row = next((r for r in rows if r.relationship == "head"), None)
        if head_row is None or not head_row.result_class:
            continue
        if key in added.new:
            row, people = added.new[key]
            household = SimpleNamespace(**row)
            answers, uuids = prefill_from(household, villages.get(household.village_id),
                                          [SimpleNamespace(**p) for p in people])  # fmt: skip
            bulk.add(PovertyReview, **_imported_review(plan, answers, uuids, head_row.result_class,
                                                       household_id=ids[key]))  # fmt: skip
        else:
            exists = s.scalar(select(PovertyReview.id).where(
                PovertyReview.household_id == ids[key], PovertyReview.review_year == plan.year,
                PovertyReview.deleted_at.is_(None)))  # fmt: skip
            if exists is not None:
                continue
            answers, uuids = prefill(s, s.get(Household, ids[key]))
            s.add(PovertyReview(**_imported_review(plan, answers, uuids, head_row.result_class,
                                                   household_id=ids[key])))  # fmt: skip
        reviews += 1
    bulk.flush()
    return reviews


def _imported_review(plan: ImportPlan, answers: dict[str, Any], uuids: list[str | None], result_class: str,
                     household_id: int) -> dict[str, Any]:  # fmt: skip
    """A final review holding a class from an Excel list: form-shaped answers with the household and its
    members from the register (the list gives no income or deprivations), the class with its source."""
    answers["general"]["review_year"] = plan.year
    answers["general"]["review_kind"] = "periodic"
    label = FIELDS["result_class"][0]
    return dict(
        household_id=household_id, review_year=plan.year, kind="periodic", status="final",
        form_id="household_review", form_version="", answers={**answers, "_xaapp": {"cursor": "", "members": uuids}},
        result_class=result_class,
        result={"imported": True, "source": plan.path.name, "reason": {
            "vi": f"{label} nhập từ danh sách Excel năm {plan.year} ({plan.path.name}).",
            "en": f"Class imported from the {plan.year} Excel list ({plan.path.name})."}},
    )  # fmt: skip
