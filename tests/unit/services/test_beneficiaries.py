"""Beneficiaries: intake through the social-assistance form with the monthly amount from the rules,
status changes with reason and effective month, history, and the merit and children registers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from xaapp.errors import KnownError
from xaapp.forms_engine import InterviewSession
from xaapp.services import beneficiaries as ben
from xaapp.services import registers
from xaapp.services.demo import generate_demo
from xaapp.services.reviews import current_form
from xaapp.storage.db import Database, open_database
from xaapp.storage.orm import AuditEntry, Beneficiary, Person

TODAY = dt.date(2026, 11, 28)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("benef-demo")
    db = open_database(folder)
    generate_demo(db, households=30, seed=4)
    db.close()
    return folder


@pytest.fixture
def db(template: Path, tmp_path: Path) -> Database:
    import shutil

    shutil.copytree(template, tmp_path / "data")
    return open_database(tmp_path / "data")


def adult_without_benefit(db: Database) -> int:
    with db.read() as s:
        taken = set(s.scalars(select(Beneficiary.person_id)))
        people = s.scalars(select(Person).where(Person.dob < dt.date(1995, 1, 1)).order_by(Person.id))
        return next(p.id for p in people if p.id not in taken)


def intake_answers(db: Database, person_id: int, **extra: object) -> dict:
    record = ben.start_intake(db, person_id)
    session = InterviewSession(current_form(ben.INTAKE_FORM), today=TODAY)
    assert session.load_json({"instance": record.answers}) == []
    answers = {
        "category_group/categories": ["c5_6"],
        "category_group/household_poverty": "poor",
        "conditions/disability_level": "extremely_severe",
        "conditions/disability_certificate": "123/GXN",
        "conditions/disability_certificate_date": "10/05/2026",
        "documents/declaration_form": "1d",
        "documents/documents_shown": ["id_card", "disability_certificate"],
        "payment/effective_month": "01/12/2026",
        "payment/payment_method": "cash_commune",
        **extra,
    }
    for path, value in answers.items():
        assert session.answer(path, value) == [], path
    if session.all_issues():  # answers the register did not have (e.g. ethnicity for a demo person)
        for issue in session.all_issues():
            if issue.path == "applicant/ethnicity":
                session.answer(issue.path, "kinh")
    assert session.is_complete(), session.all_issues()
    return session.to_json()["instance"]


def test_intake_computes_the_monthly_amount_with_its_breakdown_and_records_the_beneficiary(
    db: Database,
) -> None:
    person_id = adult_without_benefit(db)
    record = ben.start_intake(db, person_id)
    assert record.answers["applicant"]["full_name"] == record.full_name
    answers = intake_answers(db, person_id)
    quote = ben.quote_allowance(answers)
    assert quote is not None and quote.month == "2026-12" and quote.standard_level == 500_000
    assert quote.monthly_amount == 1_000_000  # extremely severe disability: coefficient 2 × 500.000 đ
    assert [(line.clause, line.coefficient, line.amount) for line in quote.lines] == [("5.6", 2.0, 1_000_000)]
    assert "500.000 đ" in quote.reason_vi
    item = ben.save_intake(db, person_id, answers, actor="thu")
    assert (item.status, item.amount, item.clauses, item.start_month) == (
        "active",
        1_000_000,
        ("5.6",),
        "2026-12",
    )
    history = ben.beneficiary_history(db, item.id)
    assert [e.action for e in history.events] == ["start"]
    assert history.periods[0].coefficient == 2.0 and "hệ số 2" in history.periods[0].basis
    with pytest.raises(KnownError, match="đang là đối tượng"):
        ben.save_intake(db, person_id, answers)


def test_an_incomplete_intake_is_refused_and_nothing_is_written(db: Database) -> None:
    person_id = adult_without_benefit(db)
    answers = intake_answers(db, person_id)
    del answers["payment"]["effective_month"]
    assert ben.quote_allowance(answers) is None
    with pytest.raises(KnownError, match="Chưa thể lưu hồ sơ"):
        ben.save_intake(db, person_id, answers)
    with db.read() as s:
        assert s.scalars(select(Beneficiary).where(Beneficiary.person_id == person_id)).first() is None


def test_suspend_resume_stop_need_a_reason_and_keep_months_in_order(db: Database) -> None:
    person_id = adult_without_benefit(db)
    item = ben.save_intake(db, person_id, intake_answers(db, person_id))
    with pytest.raises(KnownError, match="lý do"):
        ben.change_status(db, item.id, "suspend", "2027-01", "  ")
    with pytest.raises(KnownError, match="không được trước"):
        ben.change_status(db, item.id, "suspend", "2026-10", "Không nhận 3 tháng")
    with pytest.raises(KnownError, match="Không thể thực hiện"):
        ben.change_status(db, item.id, "resume", "2027-01", "x")
    assert (
        ben.change_status(db, item.id, "suspend", "2027-02", "Không nhận trợ cấp 3 tháng", actor="thu").status
        == "suspended"
    )
    assert ben.change_status(db, item.id, "resume", "2027-04", "Đã nhận lại").status == "active"
    stopped = ben.change_status(db, item.id, "stop", "2027-06", "Chuyển đi nơi khác", "45/QĐ-UBND")
    assert stopped.status == "stopped"
    events = ben.beneficiary_history(db, item.id).events
    assert [(e.action, e.effective_month) for e in events] == [
        ("start", "2026-12"), ("suspend", "2027-02"), ("resume", "2027-04"), ("stop", "2027-06"),
    ]  # fmt: skip
    assert events[-1].decision_no == "45/QĐ-UBND"
    with db.read() as s:
        uuid = s.get(Beneficiary, item.id).uuid
        entry = s.scalars(
            select(AuditEntry).where(AuditEntry.entity_uuid == uuid, AuditEntry.field == "status")
        ).first()
        assert entry.reason == "Không nhận trợ cấp 3 tháng" and entry.username == "thu"


def test_people_with_merit_and_children_registers(db: Database) -> None:
    person_id = adult_without_benefit(db)
    session = InterviewSession(current_form("merit_register"), today=TODAY)
    for path, value in {
        "person/full_name": "Hà Văn Tám", "person/sex": "male", "person/dob": "01/01/1950",
        "person/village": "Bản Đôn", "merit/role": "person", "merit/category": "war_invalid",
        "merit/injury_rate": 61,
        "decision/decision_number": "12/QĐ", "decision/decision_date": "01/01/2000", "decision/health_insurance": "yes",
    }.items():  # fmt: skip
        session.answer(path, value)
    assert session.is_complete(), session.all_issues()
    row = registers.save_register_entry(db, "merit", person_id, session.to_json()["instance"], actor="thu")
    assert row.category and registers.register_rows(db, "merit")[0].id == row.id
    with pytest.raises(KnownError, match="Chưa thể lưu"):
        registers.save_register_entry(db, "child", person_id, {})
    assert registers.register_rows(db, "child") == []


def test_an_intake_starting_next_month_waits_and_is_not_in_this_months_total(db: Database) -> None:
    person_id = adult_without_benefit(db)
    before = ben.month_total(db, "2026-11")
    item = ben.save_intake(db, person_id, intake_answers(db, person_id))  # from 12/2026
    assert item.start_month == "2026-12"
    assert ben.month_total(db, "2026-11") == before
    december = ben.month_total(db, "2026-12")
    assert december.people == before.people + 1 and december.amount == before.amount + item.amount
    shown = {i.id: i for i in ben.beneficiary_items(db, "2026-11")}[item.id]
    assert (shown.status, shown.status_now, shown.amount) == ("active", "not_started", 1_000_000)


def test_an_intake_quote_names_the_figures_not_verified(db: Database) -> None:
    person_id = adult_without_benefit(db)
    verified = ben.quote_allowance(intake_answers(db, person_id))
    assert verified is not None and verified.rule_status == "verified" and verified.unverified == ()
    answers = intake_answers(db, person_id)
    answers["category_group"]["categories"] = "c5_4"
    answers["conditions"]["children_raised"] = 2
    quote = ben.quote_allowance(answers)
    assert quote is not None and quote.monthly_amount == 1_000_000
    assert quote.rule_status == "unverified"
    assert [f.key for f in quote.unverified] == ["social_assistance.clauses[5.4].child_conditions"]
