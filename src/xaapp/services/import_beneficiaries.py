"""Importing a social-assistance list (Decree 20/2021): each person's clause, coefficient and amount checked
against the allowance rules before anything is written.

The clause may be written "5.6", "K5.6", "Điều 5 khoản 6", "điểm a khoản 5 Điều 5", "5.5a" or in
words ("Người khuyết tật nặng", "Người cao tuổi"). The rules (``rules.allowance.monthly_allowance``)
give the coefficient for the person's age (and disability severity) in the import month; the
file's coefficient must agree with one reading of the clause, else the row is rejected saying both
figures — a coefficient that disagrees is never taken. Words that name several clauses ("Người cao
tuổi") are told apart by the coefficient. The file's amount, when it differs from the rules' amount
for the month (a list kept from before a new standard level), is a warning and the rules' amount
is recorded.

A person is found in the register by personal ID, else by name + date of birth + village; one not
found gets a one-person household in the village (a warning says so). A person who is already a
beneficiary under the same clause is unchanged (or updated: bank account, bank, decision number);
under another clause the row is rejected (change it on the Beneficiaries screen).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from xaapp.domain.personal_id import check_personal_id, normalise_sex
from xaapp.domain.text import fold, format_money
from xaapp.errors import KnownError
from xaapp.rules.allowance import clause_codes, monthly_allowance
from xaapp.rules.inputs import RuleInputError
from xaapp.services.import_cells import (
    CellError,
    account_text,
    id_text,
    parse_birth,
    parse_decimal,
    parse_money,
    parse_month,
    text_of,
)
from xaapp.services.import_people import PeopleOptions, _Planner, _Sheet
from xaapp.services.import_plan import BeneficiaryRow, ImportPlan
from xaapp.services.import_read import PreparedBook, SheetTable
from xaapp.services.import_register import Register

if TYPE_CHECKING:  # importing imports this module when it commits beneficiaries
    from xaapp.services.importing import ImportResult
from xaapp.storage.db import Database
from xaapp.storage.orm import AllowancePeriod, Beneficiary, BeneficiaryEvent, Household, Person, Village

#: Words → the clauses they can mean (several: told apart by the coefficient and age).
CLAUSE_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("khuyet tat", ("5.6",)), ("kt nang", ("5.6",)), ("don than", ("5.4",)), ("nuoi con", ("5.4",)),
    ("hiv", ("5.8", "5.3")), ("duoi 3 tuoi", ("5.7",)), ("mo coi", ("5.1", "5.2")),
    ("khong co nguon nuoi duong", ("5.1", "5.2")), ("di hoc", ("5.2",)), ("tu du 80", ("5.5c",)),
    ("tren 80", ("5.5c",)), ("80 tuoi", ("5.5c",)), ("75", ("5.5b",)), ("cham soc tai cong dong", ("5.5d",)),
    ("cao tuoi", ("5.5a", "5.5b", "5.5c", "5.5d")), ("nct", ("5.5a", "5.5b", "5.5c", "5.5d")),
    ("tre em", ("5.1", "5.3", "5.7")),
)  # fmt: skip
SEVERITY_WORDS = {"dac biet nang": "extremely_severe", "nang": "severe", "dbn": "extremely_severe"}


def clause_candidates(text: str) -> tuple[str, ...]:
    """The Art. 5 clauses a cell can mean: "Điều 5 khoản 6" → ("5.6",); "Người cao tuổi" → four."""
    known = set(clause_codes())
    key = fold(text).replace(",", ".")
    dotted = re.fullmatch(r"(?:k|dieu|d)?\.?\s*5\s*\.\s*(\d)\s*([a-d])?\.?", key)
    if dotted:
        code = f"5.{dotted.group(1)}{dotted.group(2) or ''}"
        return (code,) if code in known else ()
    khoan = re.search(r"(?:khoan|\bk)\.?\s*(\d)\s*([a-d])?\b", key)
    if khoan:
        point = re.search(r"diem\s*([a-d])\b", key)
        code = f"5.{khoan.group(1)}{khoan.group(2) or (point.group(1) if point else '')}"
        if code in known:
            return (code,)
        return tuple(c for c in sorted(known) if c.startswith(code)) if not point else ()
    for words, codes in CLAUSE_WORDS:
        if words in key:
            return tuple(c for c in codes if c in known)
    return ()


@dataclass(frozen=True)
class _Reading:
    clause: str
    coefficient: float
    amount: int
    level: int
    basis: str


def _readings(clauses: tuple[str, ...], birth: dt.date, month: str, severity: str | None, file_k: float | None,
              household: str | None) -> tuple[list[_Reading], list[str]]:  # fmt: skip
    """Every reading of the clause(s) the rules pay, and why the others pay nothing."""
    out: list[_Reading] = []
    why: list[str] = []
    for clause in clauses:
        variants: list[dict[str, Any]] = [{"clause": clause}]
        if clause == "5.6":
            variants = [{"clause": clause, "severity": s, "certificate_month": month}
                        for s in ((severity,) if severity else ("severe", "extremely_severe"))]  # fmt: skip
        elif clause == "5.4":
            n = max(1, round(file_k or 1))
            variants = [{"clause": clause, "children": [{"birth_date": f"{int(month[:4]) - 1}-{month[5:]}-01"}] * n}]
        elif clause == "5.2":
            variants = [{"clause": clause, "studying": True}]
        for category in variants:
            data: dict[str, Any] = {"month": month, "birth_date": birth.isoformat(), "decision_month": month,
                                    "categories": [category]}  # fmt: skip
            if household:
                data["household"] = household
            try:
                result = monthly_allowance(data)
            except RuleInputError as exc:
                why.append(str(exc).split("\n")[0])
                continue
            paid = next((e for e in result.entitlements if e.clause == clause), None)
            if paid is not None and paid.coefficient is not None:
                out.append(_Reading(clause, paid.coefficient, paid.amount, result.standard_level, paid.basis))
            else:
                why.extend(x.why.vi for x in result.excluded if x.clause == clause)
    return out, why


def plan_beneficiaries(db: Database, prepared: PreparedBook, register: Register, tables: list[SheetTable],
                       ignored: tuple[str, ...], *, month: str | None, today: dt.date,
                       village: tuple[int, str] | None, area_codes: dict[str, str]) -> ImportPlan:  # fmt: skip
    """Check every row of the social-assistance sheets against the rules and the register (nothing written)."""
    month = month or f"{today.year:04d}-{today.month:02d}"
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", month):
        raise KnownError("Tháng phải có dạng YYYY-MM (--month).", "The month must be YYYY-MM (--month).")
    planner = _Planner(register, PeopleOptions(None, today, village, {fold(k): v for k, v in area_codes.items()}))
    current = _current_beneficiaries(db)
    classes = _household_classes(db)
    rows: list[BeneficiaryRow] = []
    for table in tables:
        sheet = _Sheet(table, dict(table.mapping), head_only=False)
        planner.sheets[table.sheet] = sheet
        missing = [f for f in ("full_name", "birth") if f not in sheet.m]
        if missing:
            from xaapp.services.import_fields import label

            raise KnownError(f"Trang «{table.sheet}» thiếu cột: {', '.join(label(f) for f in missing)}.",
                             f"Sheet “{table.sheet}” lacks: {', '.join(missing)}.")  # fmt: skip
        for data in table.rows:
            rows.append(_row(planner, sheet, data, month, current, classes))
    issues = tuple(sorted(planner.issues, key=lambda i: (i.sheet, i.row, i.column)))
    bad = planner.bad
    rows = [replace(r, status="error") if (r.sheet, r.row) in bad else r for r in rows]
    first = tables[0]
    return ImportPlan(
        path=prepared.path, sheet=first.sheet, encoding=prepared.legacy.main_encoding, header_row=first.header_row,
        mapping={f: f"{first.column_letter(f)} ({first.header_of(f)})" for f in first.mapping},
        unmapped=first.unmapped, rows=(), issues=issues, year=None, new_households=sum(1 for r in rows if r.new_person),
        new_people=sum(1 for r in rows if r.new_person and r.status != "error"), kind="beneficiaries",
        format_label=prepared.format_label, legacy=prepared.legacy, sheets=tuple(t.sheet for t in tables),
        mappings={t.sheet: {f: f"{t.column_letter(f)} ({t.header_of(f)})" for f in t.mapping} for t in tables},
        ignored_sheets=ignored, beneficiaries=tuple(rows), skipped_rows=sum(t.skipped_rows for t in tables),
        month=month,
    )  # fmt: skip


def _row(p: _Planner, sheet: _Sheet, data: Any, month: str, current: dict[int, Any], classes: dict[int, str]
         ) -> BeneficiaryRow:  # fmt: skip
    values, r = data.values, data.row
    name = text_of(p.cell(sheet, values, "full_name"))
    if not name:
        p.issue(sheet, r, "full_name", "Thiếu họ và tên.", "The full name is missing.")
    dob = None
    try:
        dob, _year = parse_birth(p.cell(sheet, values, "birth"), p.opts.today)
        if dob is None:
            p.issue(sheet, r, "birth", "Cần đủ ngày/tháng/năm sinh để tính hệ số theo tuổi.",
                    "The full date of birth is needed for the age coefficient.")  # fmt: skip
    except CellError as exc:
        p.issue(sheet, r, "birth", exc.vi, exc.en)
    place = p.resolve_village(sheet, values, data)
    sex = normalise_sex(text_of(p.cell(sheet, values, "sex"))) if p.cell(sheet, values, "sex") else None
    personal_id = None
    raw_id = id_text(p.cell(sheet, values, "personal_id"))
    if raw_id:
        check = check_personal_id(raw_id, sex=sex, birth_date=dob)
        if check.ok:
            personal_id, sex = check.value, sex or check.sex
        elif check.codes != ("legacy_cmnd",):
            for problem in check.problems:
                p.issue(sheet, r, "personal_id", problem.message_vi, problem.message_en)
    file_k = file_amount = None
    for name_, reader in (("coefficient", parse_decimal), ("amount", parse_money)):
        if p.cell(sheet, values, name_) is not None:
            try:
                if name_ == "coefficient":
                    file_k = reader(p.cell(sheet, values, name_))
                else:
                    file_amount = reader(p.cell(sheet, values, name_))
            except CellError as exc:
                p.issue(sheet, r, name_, exc.vi, exc.en)
    start = month
    if p.cell(sheet, values, "start_month") is not None:
        try:
            start = parse_month(p.cell(sheet, values, "start_month"), p.opts.today)
        except CellError as exc:
            p.issue(sheet, r, "start_month", exc.vi, exc.en)
    severity = SEVERITY_WORDS.get(fold(text_of(p.cell(sheet, values, "severity"))).replace("khuyet tat ", ""))
    clause_text = text_of(p.cell(sheet, values, "clause"))
    candidates = clause_candidates(clause_text) if clause_text else ()
    if not clause_text:
        p.issue(sheet, r, "clause", "Thiếu diện hưởng: ghi ví dụ «5.6» hoặc «Điều 5 khoản 6».",
                "The clause is missing: write e.g. “5.6” or “Điều 5 khoản 6”.")  # fmt: skip
    elif not candidates:
        p.issue(sheet, r, "clause", f"Không hiểu diện «{clause_text}»: ghi ví dụ «5.6», «Điều 5 khoản 6» hoặc «5.5a».",
                f"Unknown clause “{clause_text}”: write e.g. “5.6”, “Điều 5 khoản 6” or “5.5a”.")  # fmt: skip
    person_id = _find_person(p.reg, name, dob, personal_id, place)
    household = classes.get(p.reg.people[person_id].household_id) if person_id else None
    reading = None
    if candidates and dob is not None:
        readings, why = _readings(candidates, dob, month, severity, file_k, household)
        fitting = [x for x in readings if file_k is None or abs(x.coefficient - file_k) < 1e-6]
        if file_k is not None and readings and not fitting:
            rules = " hoặc ".join(f"{x.coefficient:g}".replace(".", ",") + f" (diện {x.clause})" for x in readings)
            p.issue(sheet, r, "coefficient", f"Hệ số trong tệp {file_k:g} khác hệ số theo quy định {rules} ở tháng "
                    f"{month[5:]}/{month[:4]}: kiểm tra diện, ngày sinh (hoặc mức độ khuyết tật) rồi sửa hệ số.",
                    f"The file's coefficient {file_k:g} disagrees with the rules' {rules} for {month}: check the "
                    "clause, the birth date (or the disability severity), then fix the coefficient.")  # fmt: skip
        elif not readings:
            p.issue(sheet, r, "clause", f"Theo quy định, người này không được hưởng diện {'/'.join(candidates)} ở tháng "
                    f"{month[5:]}/{month[:4]}: {'; '.join(why[:2]) or 'kiểm tra diện và ngày sinh'}.",
                    f"By the rules this person gets nothing under {'/'.join(candidates)} in {month}: check the clause "
                    "and the birth date.")  # fmt: skip
        elif len({(x.clause, x.coefficient) for x in fitting}) > 1:
            p.issue(sheet, r, "clause", f"«{clause_text}» có thể là diện {', '.join(x.clause for x in fitting)}: ghi rõ "
                    "diện (ví dụ 5.5a) hoặc hệ số.", f"“{clause_text}” may be {', '.join(x.clause for x in fitting)}: "
                    "write the clause (e.g. 5.5a) or the coefficient.")  # fmt: skip
        else:
            reading = fitting[0]
            if file_amount is not None and file_amount != reading.amount:
                k = f"{reading.coefficient:g}".replace(".", ",")
                p.issue(sheet, r, "amount", f"Số tiền trong tệp {format_money(round(file_amount))} khác mức theo quy định "
                        f"{format_money(reading.amount)} (mức chuẩn {format_money(reading.level)} × {k}) "
                        f"tháng {month[5:]}/{month[:4]}: ghi theo quy định.",
                        f"The file's amount {file_amount:,} VND differs from the rules' {reading.amount:,} VND for "
                        f"{month}: the rules' amount is recorded.", warning=True)  # fmt: skip
    if person_id is None and place is not None and name and (sheet.table.sheet, r) not in p.bad:
        p.issue(sheet, r, None, "Chưa có trong sổ hộ: sẽ tạo hộ mới một người. Nếu người này thuộc hộ khác, hãy nhập "
                "danh sách hộ trước.", "Not in the register: a one-person household will be created. If the person "
                "belongs to another household, import the household list first.", warning=True)  # fmt: skip
    bank = account_text(p.cell(sheet, values, "bank_account")) or None
    bank_name = text_of(p.cell(sheet, values, "bank_name")) or None
    decision = text_of(p.cell(sheet, values, "decision_no")) or None
    status, beneficiary_id = "new", None
    changes: tuple[str, ...] = ()
    existing = current.get(person_id) if person_id else None
    if existing is not None and reading is not None:
        beneficiary_id = existing["id"]
        if reading.clause not in existing["clauses"]:
            p.issue(sheet, r, "clause", f"Người này đang hưởng diện {', '.join(existing['clauses'])}: đổi diện ở màn hình "
                    "Đối tượng, không qua nhập tệp.", f"Already a beneficiary under {', '.join(existing['clauses'])}: "
                    "change the clause on the Beneficiaries screen.")  # fmt: skip
        changes = tuple(k for k, v in (("bank_account", bank), ("bank_name", bank_name), ("decision_no", decision))
                        if v and v != existing[k])  # fmt: skip
        status = "updated" if changes else "unchanged"
    return BeneficiaryRow(
        sheet=sheet.table.sheet, row=r, full_name=name, dob=dob, village_id=place[0] if place else None,
        village=place[1] if place else "", clause=reading.clause if reading else None,
        coefficient=reading.coefficient if reading else None, amount=reading.amount if reading else None,
        standard_level=reading.level if reading else None, basis=reading.basis if reading else "",
        bank_account=bank, bank_name=bank_name, start_month=start, decision_no=decision, status=status,
        person_id=person_id, beneficiary_id=beneficiary_id, personal_id=personal_id, sex=sex,
        new_person=person_id is None, changes=changes,
    )  # fmt: skip


def _find_person(reg: Register, name: str, dob: dt.date | None, personal_id: str | None,
                 place: tuple[int, str] | None) -> int | None:  # fmt: skip
    if personal_id and personal_id in reg.by_id:
        return reg.by_id[personal_id]
    if place is None or dob is None or not name:
        return None
    return reg.by_name.get((fold(name), dob, place[0])) or reg.by_name.get((fold(name), dob.year, place[0]))


def _current_beneficiaries(db: Database) -> dict[int, dict[str, Any]]:
    with db.read() as s:
        return {
            b.person_id: {"id": b.id, "clauses": tuple(b.clauses or ()), "bank_account": b.bank_account,
                          "bank_name": b.bank_name, "decision_no": b.decision_no}  # fmt: skip
            for b in s.scalars(select(Beneficiary).where(Beneficiary.deleted_at.is_(None), Beneficiary.status != "stopped"))
        }


def _household_classes(db: Database) -> dict[int, str]:
    """Each household's class from its latest completed review (for the clauses of poor households)."""
    from xaapp.storage.orm import PovertyReview

    out: dict[int, str] = {}
    with db.read() as s:
        for hid, cls in s.execute(
            select(PovertyReview.household_id, PovertyReview.result_class)
            .where(PovertyReview.deleted_at.is_(None), PovertyReview.status == "final")
            .order_by(PovertyReview.review_year, PovertyReview.id)
        ):
            if cls in ("poor", "near_poor", "average", "none"):
                out[hid] = cls
    return out


def commit_beneficiaries(db: Database, plan: ImportPlan, actor: str) -> ImportResult:
    """Write the plan's beneficiaries in one transaction (called by ``commit_import``)."""
    from xaapp.services.importing import ImportResult

    reason = f"Nhập từ tệp Excel {plan.path.name} / imported from {plan.path.name}"
    created = people = updated = 0
    with db.session(actor=actor, reason=reason) as s:
        for b in plan.beneficiaries:
            if b.status == "unchanged" or b.clause is None:
                continue
            if b.status == "updated":
                record = s.get(Beneficiary, b.beneficiary_id)
                for name in b.changes:
                    setattr(record, name, getattr(b, name))
                updated += len(b.changes)
                continue
            person_id = b.person_id
            if person_id is None:
                village = s.get(Village, b.village_id)
                assert village is not None  # the plan's village, checked when the file was read
                household = Household(village_id=b.village_id, address=village.name, area_type=village.area_type or "rural")
                s.add(household)
                s.flush()
                person = Person(household_id=household.id, position=0, full_name=b.full_name, sex=b.sex or "",
                                dob=b.dob, birth_year=b.dob.year if b.dob else None, personal_id=b.personal_id,
                                relationship_to_head="head", details={})  # fmt: skip
                s.add(person)
                s.flush()
                person_id = person.id
                people += 1
            record = Beneficiary(person_id=person_id, clauses=[b.clause], status="active",
                                 start_month=b.start_month or plan.month, bank_account=b.bank_account,
                                 bank_name=b.bank_name, decision_no=b.decision_no, form_id="excel_import",
                                 form_version="", answers={})  # fmt: skip
            s.add(record)
            s.flush()
            s.add(AllowancePeriod(beneficiary_id=record.id, from_month=plan.month, standard_level=b.standard_level,
                                  coefficient=b.coefficient, amount=b.amount, basis=b.basis))  # fmt: skip
            s.add(BeneficiaryEvent(beneficiary_id=record.id, action="start", effective_month=b.start_month or plan.month,
                                   reason=f"Nhập từ danh sách {plan.path.name}"))  # fmt: skip
            created += 1
    return ImportResult(0, people, updated, 0, created)
