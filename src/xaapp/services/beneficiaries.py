"""Social assistance beneficiaries (Decree 20/2021): intake through the social-assistance form, the
monthly amount from the allowance rules with its breakdown, status changes with reason and effective
month, history; and the registers of people with merit and of children in special circumstances.

One function per user action, one transaction each, DTOs out. Status changes are written as a
``BeneficiaryEvent`` and the beneficiary's status in the same transaction; the reason also goes to
the audit log (it is the session's reason). The status in a given month comes from those events
(:func:`status_in_month`): the payment list of a month and the monthly total here both use it.

Amounts carry the rule figures they rest on that are not verified (``rules.figures``), so the
screen can mark them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from xaapp.domain.text import name_sort_key
from xaapp.errors import KnownError
from xaapp.rules.allowance import SOCIAL_PENSION, monthly_allowance
from xaapp.rules.figures import Figure, not_verified, overall_status
from xaapp.rules.inputs import RuleInputError
from xaapp.services import listing_payment
from xaapp.services.register import ethnicity_code, text
from xaapp.services.reviews import current_form, form_problems
from xaapp.storage.db import Database
from xaapp.storage.orm import (
    AllowancePeriod,
    Beneficiary,
    BeneficiaryEvent,
    Household,
    Person,
    PovertyReview,
    Village,
)

INTAKE_FORM = "social_assistance_intake"
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
#: Allowed status changes: action → (statuses it applies to, status after).
TRANSITIONS = {
    "suspend": (("active",), "suspended"),
    "stop": (("active", "suspended"), "stopped"),
    "resume": (("suspended",), "active"),
}


@dataclass(frozen=True)
class IntakeRecord:
    person_id: int
    full_name: str
    answers: dict[str, Any]  # the form's instance, prefilled from the register (read-only)


@dataclass(frozen=True)
class AllowanceLine:
    clause: str
    coefficient: float | None
    amount: int
    basis: str


@dataclass(frozen=True)
class AllowanceQuote:
    """The monthly amount for the intake's start month with its breakdown."""

    month: str
    standard_level: int
    monthly_amount: int
    lines: tuple[AllowanceLine, ...]
    excluded_vi: tuple[str, ...]
    excluded_en: tuple[str, ...]
    reason_vi: str
    reason_en: str
    #: The rule figures the amount rests on that are not verified (empty: all verified).
    unverified: tuple[Figure, ...] = ()

    @property
    def rule_status(self) -> str:
        return overall_status(self.unverified)


@dataclass(frozen=True)
class BeneficiaryItem:
    id: int
    person_id: int
    full_name: str
    dob: dt.date | None
    village: str
    clauses: tuple[str, ...]
    status: str
    start_month: str
    amount: int
    #: The rule figures the amount rests on that are not verified (empty: all verified).
    unverified: tuple[Figure, ...] = ()
    #: Status in the month the list was made for (``status_in_month``): "not_started" before the start.
    status_now: str = ""

    @property
    def rule_status(self) -> str:
        return overall_status(self.unverified)


@dataclass(frozen=True)
class MonthTotal:
    """Who is paid in a month and how much: the same people and sum as that month's payment list."""

    month: str
    people: int
    amount: int


@dataclass(frozen=True)
class EventRow:
    action: str
    effective_month: str
    reason: str
    decision_no: str | None
    at: dt.datetime


@dataclass(frozen=True)
class PeriodRow:
    from_month: str
    standard_level: int
    coefficient: float
    amount: int
    basis: str


@dataclass(frozen=True)
class BeneficiaryHistory:
    item: BeneficiaryItem
    events: tuple[EventRow, ...]
    periods: tuple[PeriodRow, ...]


# --- intake -------------------------------------------------------------------------------------


def _latest_class(s: Session, household_id: int) -> str | None:
    return s.scalars(
        select(PovertyReview.result_class)
        .where(PovertyReview.household_id == household_id, PovertyReview.deleted_at.is_(None))
        .order_by(PovertyReview.review_year.desc(), PovertyReview.status.desc())
    ).first()


def start_intake(db: Database, person_id: int) -> IntakeRecord:
    """A new intake for a person of the register, with what the register already knows filled in."""
    with db.read() as s:
        person = s.get(Person, person_id)
        if person is None or person.deleted_at is not None:
            raise KnownError(f"Không tìm thấy người số {person_id}.", f"Person {person_id} not found.")
        household = s.get(Household, person.household_id)
        village = s.get(Village, household.village_id) if household else None
        cls = _latest_class(s, person.household_id)
        applicant = {
            "full_name": person.full_name,
            "sex": person.sex or None,
            "dob": person.dob.isoformat() if person.dob else None,
            "ethnicity": ethnicity_code(person.ethnicity),
            "personal_id": person.personal_id,
            "village": village.name if village else None,
            "address": household.address if household else None,
            "phone": person.phone or (household.phone if household else None),
        }
        group = {"household_poverty": cls if cls in ("poor", "near_poor") else ("none" if cls else None)}
        return IntakeRecord(person.id, person.full_name, {"applicant": applicant, "category_group": group})


def _month_of(value: Any) -> str | None:
    if isinstance(value, dt.date):
        return f"{value.year:04d}-{value.month:02d}"
    if isinstance(value, str) and len(value) >= 7 and _MONTH.match(value[:7]):
        return value[:7]
    return None


def choices_of(value: Any) -> list[str]:
    if isinstance(value, str):
        return value.split()
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    return []


def allowance_input(instance: Mapping[str, Any]) -> dict[str, Any] | None:
    """The allowance rules' input from the intake form's answers (None until month, birth date and a
    category are known). The form counts the children of clause 5.4 without their birth dates; they
    are passed as children under 16, which is what the form's question asks for."""
    applicant = instance.get("applicant") or {}
    group = instance.get("category_group") or {}
    conditions = instance.get("conditions") or {}
    payment = instance.get("payment") or {}
    month = _month_of(payment.get("effective_month"))
    birth = applicant.get("dob")
    codes = choices_of(group.get("categories"))
    if not (month and birth and codes):
        return None
    categories: list[dict[str, Any]] = []
    for code in codes:
        clause = code[1:].replace("_", ".") if code.startswith("c") else code  # c5_5a → 5.5a
        category: dict[str, Any] = {"clause": clause}
        if clause == "5.2":
            category["studying"] = bool(conditions.get("study_level"))
        if clause == "5.4":
            year = int(month[:4]) - 1
            n = int(conditions.get("children_raised") or 0)
            category["children"] = [{"birth_date": f"{year:04d}-{month[5:7]}-01"} for _ in range(n)]
        if clause == "5.6":
            category["severity"] = conditions.get("disability_level")
            category["certificate_month"] = _month_of(conditions.get("disability_certificate_date")) or month
        categories.append(category)
    data: dict[str, Any] = {
        "month": month,
        "birth_date": birth,
        "decision_month": month,
        "categories": categories,
    }
    if group.get("household_poverty") in ("poor", "near_poor", "none"):
        data["household"] = group["household_poverty"]
    return data


def _line_name(clause: str, lang: str) -> str:
    """A clause as printed ("5.5a"), or the social pension in words (its code never reaches a person)."""
    if clause == SOCIAL_PENSION:
        return "Social pension" if lang == "en" else "Trợ cấp hưu trí xã hội"
    return clause


def quote_allowance(instance: Mapping[str, Any]) -> AllowanceQuote | None:
    """The monthly amount and its breakdown for the answers so far (None when not computable yet)."""
    data = allowance_input(instance)
    if data is None:
        return None
    try:
        result = monthly_allowance(data)
    except RuleInputError:
        return None
    return AllowanceQuote(
        data["month"],
        result.standard_level,
        result.monthly_amount,
        tuple(AllowanceLine(e.clause, e.coefficient, e.amount, e.basis) for e in result.entitlements),
        tuple(f"{_line_name(x.clause, 'vi')}: {x.why.vi}" for x in result.excluded),
        tuple(f"{_line_name(x.clause, 'en')}: {x.why.en}" for x in result.excluded),
        result.reason.vi,
        result.reason.en,
        not_verified(result.figures),
    )


def save_intake(
    db: Database, person_id: int, instance: Mapping[str, Any], actor: str = "system"
) -> BeneficiaryItem:
    """Record the intake: the beneficiary, the allowance period computed by the rules and a start event."""
    form = current_form(INTAKE_FORM)
    problems = form_problems(form, instance)
    if problems:
        raise KnownError(
            f"Chưa thể lưu hồ sơ, còn {len(problems)} chỗ chưa đúng: {'; '.join(problems[:3])}",
            f"The intake cannot be saved yet: {len(problems)} answer(s) to fix.",
        )
    quote = quote_allowance(instance)
    if quote is None or quote.monthly_amount <= 0:
        raise KnownError(
            "Theo các câu trả lời, người này không được hưởng trợ cấp hàng tháng trong tháng bắt đầu.",
            "By these answers the person is not entitled to a monthly allowance in the start month.",
        )
    payment = instance.get("payment") or {}
    codes = [
        c[1:].replace("_", ".") for c in choices_of((instance.get("category_group") or {}).get("categories"))
    ]
    with db.session(actor=actor) as s:
        person = s.get(Person, person_id)
        if person is None or person.deleted_at is not None:
            raise KnownError(f"Không tìm thấy người số {person_id}.", f"Person {person_id} not found.")
        current = s.scalars(
            select(Beneficiary).where(
                Beneficiary.person_id == person_id,
                Beneficiary.deleted_at.is_(None),
                Beneficiary.status != "stopped",
            )
        ).first()
        if current is not None:
            raise KnownError(
                f"{person.full_name} đang là đối tượng hưởng trợ cấp; hãy đổi trạng thái thay vì tiếp nhận lại.",
                f"{person.full_name} is already a beneficiary; change the status instead.",
            )
        beneficiary = Beneficiary(
            person=person,
            clauses=codes,
            status="active",
            start_month=quote.month,
            bank_account=text(payment.get("bank_account")) or None,
            bank_name=text(payment.get("bank_name")) or None,
            form_id=INTAKE_FORM,
            form_version=form.version,
            answers={k: v for k, v in instance.items()},
        )
        s.add(beneficiary)
        s.flush()
        best = max(quote.lines, key=lambda line: line.amount, default=None)
        s.add(
            AllowancePeriod(
                beneficiary_id=beneficiary.id,
                from_month=quote.month,
                standard_level=quote.standard_level,
                coefficient=float(best.coefficient or 0.0) if best else 0.0,
                amount=quote.monthly_amount,
                basis=quote.reason_vi,
            )
        )
        s.add(
            BeneficiaryEvent(
                beneficiary_id=beneficiary.id,
                action="start",
                effective_month=quote.month,
                reason="Tiếp nhận hồ sơ",
            )
        )
        s.flush()
        return _item(s, beneficiary)


# --- status changes and history -----------------------------------------------------------------


def _item(s: Any, b: Beneficiary) -> BeneficiaryItem:
    person = s.get(Person, b.person_id)
    household = s.get(Household, person.household_id)
    village = s.get(Village, household.village_id)
    amount = s.scalars(
        select(AllowancePeriod.amount)
        .where(AllowancePeriod.beneficiary_id == b.id, AllowancePeriod.deleted_at.is_(None))
        .order_by(AllowancePeriod.from_month.desc())
    ).first()
    return BeneficiaryItem(
        b.id, person.id, person.full_name, person.dob, village.name, tuple(b.clauses or ()), b.status,
        b.start_month, amount or 0,
    )  # fmt: skip


def change_status(
    db: Database,
    beneficiary_id: int,
    action: str,
    effective_month: str,
    reason: str,
    decision_no: str | None = None,
    actor: str = "system",
) -> BeneficiaryItem:
    """Suspend, stop or resume from *effective_month* (``YYYY-MM``) with a reason (required)."""
    reason = " ".join(reason.split())
    if action not in TRANSITIONS:
        raise KnownError(f"Thao tác không có: {action}.", f"Unknown action: {action}.")
    if not _MONTH.match(effective_month or "") or not 1 <= int(effective_month[5:]) <= 12:
        raise KnownError("Tháng hiệu lực phải có dạng yyyy-mm.", "The effective month must be yyyy-mm.")
    if not reason:
        raise KnownError("Phải ghi lý do thay đổi trạng thái.", "A status change needs a reason.")
    with db.session(actor=actor, reason=reason) as s:
        b = s.get(Beneficiary, beneficiary_id)
        if b is None or b.deleted_at is not None:
            raise KnownError(
                f"Không tìm thấy đối tượng số {beneficiary_id}.", f"Beneficiary {beneficiary_id} not found."
            )
        allowed, after = TRANSITIONS[action]
        if b.status not in allowed:
            raise KnownError(
                f"Không thể thực hiện «{action}» khi đối tượng đang ở trạng thái «{b.status}».",
                f"Cannot {action} a beneficiary whose status is {b.status}.",
            )
        last = s.scalars(
            select(BeneficiaryEvent.effective_month)
            .where(BeneficiaryEvent.beneficiary_id == b.id, BeneficiaryEvent.deleted_at.is_(None))
            .order_by(BeneficiaryEvent.effective_month.desc())
        ).first()
        floor = max(b.start_month, last or b.start_month)
        if effective_month < floor:
            raise KnownError(
                f"Tháng hiệu lực không được trước tháng {floor[5:]}/{floor[:4]} (lần thay đổi trước).",
                f"The effective month cannot be before {floor} (the previous change).",
            )
        s.add(
            BeneficiaryEvent(
                beneficiary_id=b.id,
                action=action,
                effective_month=effective_month,
                reason=reason,
                decision_no=" ".join((decision_no or "").split()) or None,
            )
        )
        b.status = after
        s.flush()
        return _item(s, b)


def this_month() -> str:
    today = dt.date.today()
    return f"{today.year:04d}-{today.month:02d}"


def beneficiary_items(db: Database, month: str | None = None) -> list[BeneficiaryItem]:
    """Every beneficiary with its status and amount in *month* (default: this month; the first amount
    when it starts later), sorted the Vietnamese way."""
    month = month or this_month()
    with db.read() as s:
        amounts: dict[int, list[tuple[str, int, int]]] = {}
        for bid, from_month, pid, amount in s.execute(
            select(
                AllowancePeriod.beneficiary_id,
                AllowancePeriod.from_month,
                AllowancePeriod.id,
                AllowancePeriod.amount,
            ).where(AllowancePeriod.deleted_at.is_(None))
        ):
            amounts.setdefault(bid, []).append((from_month, pid, amount))
        events = listing_payment.events_by_beneficiary(s)
        query = (
            select(Beneficiary, Person.full_name, Person.dob, Person.birth_year, Village.name)
            .join(Person, Beneficiary.person_id == Person.id)
            .join(Household, Person.household_id == Household.id)
            .join(Village, Household.village_id == Village.id)
            .where(Beneficiary.deleted_at.is_(None))
        )
        figures = listing_payment.UnverifiedFigures(month)
        rows = []
        for b, name, dob, birth_year, village in s.execute(query):
            periods = sorted(amounts.get(b.id, []))
            in_force = [p for p in periods if p[0] <= month]
            amount = (in_force[-1] if in_force else periods[0])[2] if periods else 0
            clauses = tuple(b.clauses or ())
            rows.append(BeneficiaryItem(
                b.id, b.person_id, name, dob, village, clauses, b.status, b.start_month, amount,
                figures(clauses, dob or birth_year),
                listing_payment.status_in_month(month, b.status, b.start_month, events.get(b.id, [])),
            ))  # fmt: skip
        return sorted(rows, key=lambda r: name_sort_key(r.full_name))


def month_total(db: Database, month: str | None = None) -> MonthTotal:
    """The people paid in *month* (default: this month) and the sum: that month's payment list."""
    month = month or this_month()
    rows = listing_payment.payment_rows(db, month)
    return MonthTotal(month, len(rows), sum(r.amount for r in rows))


def beneficiary_history(db: Database, beneficiary_id: int) -> BeneficiaryHistory:
    with db.read() as s:
        b = s.get(Beneficiary, beneficiary_id)
        if b is None:
            raise KnownError(
                f"Không tìm thấy đối tượng số {beneficiary_id}.", f"Beneficiary {beneficiary_id} not found."
            )
        events = s.scalars(
            select(BeneficiaryEvent)
            .where(BeneficiaryEvent.beneficiary_id == b.id, BeneficiaryEvent.deleted_at.is_(None))
            .order_by(BeneficiaryEvent.effective_month, BeneficiaryEvent.id)
        )
        periods = s.scalars(
            select(AllowancePeriod)
            .where(AllowancePeriod.beneficiary_id == b.id, AllowancePeriod.deleted_at.is_(None))
            .order_by(AllowancePeriod.from_month)
        )
        return BeneficiaryHistory(
            _item(s, b),
            tuple(
                EventRow(e.action, e.effective_month, e.reason, e.decision_no, e.created_at) for e in events
            ),
            tuple(
                PeriodRow(p.from_month, p.standard_level, p.coefficient, p.amount, p.basis) for p in periods
            ),
        )
