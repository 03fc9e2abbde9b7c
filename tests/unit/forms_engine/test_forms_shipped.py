"""The four questionnaires in forms/: valid, bilingual, as the issue asks, and runnable."""

from __future__ import annotations

import datetime as dt

import pytest

from xaapp.forms_engine import ERROR, InterviewSession, check_form, shipped_form
from xaapp.paths import forms_dir
from xaapp.rules.deprivations import catalogue_codes, flag_code, flag_name

FORM_IDS = ("household_review", "social_assistance_intake", "merit_register", "child_register")
TODAY = dt.date(2026, 11, 28)


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_passes_forms_check_without_warnings(form_id: str) -> None:
    assert check_form(forms_dir() / f"{form_id}.xlsx") == []


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_ids_version_and_both_languages(form_id: str) -> None:
    form = shipped_form(form_id)
    assert form.form_id == form_id and form.version and form.default_language == "vi"
    assert form.languages == ("vi", "en")
    for item in form.items.values():
        if item.type in ("calculate", "start", "end", "today") or item.kind == "group" and not item.labels:
            continue
        assert item.labels.get("vi") and item.labels.get("en"), item.name
        for choice_list in form.choice_lists.values():
            for choice in choice_list.choices:
                assert choice.labels.get("vi") and choice.labels.get("en"), (choice_list.name, choice.name)


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_pyxform_accepts_it(form_id: str) -> None:
    xls2xform = pytest.importorskip("pyxform.xls2xform")
    result = xls2xform.convert(xlsform=str(forms_dir() / f"{form_id}.xlsx"), validate=False)
    assert f'id="{form_id}"' in result.xform


def test_household_review_carries_what_the_issue_lists() -> None:
    form = shipped_form("household_review")
    names = {item.name for item in form.items.values()}
    # one dep_<code> calculation per indicator of the rule data's catalogue, and no other
    assert {flag_name(code) for code in catalogue_codes()} == {n for n in names if flag_code(n)}
    assert {
        "village",
        "area_type",
        "phone",
        "head_name",
        "members",
        "income_method",
        "income_per_capita",
        "score_a",
    } <= names
    members = form.items["members"]
    assert members.kind == "repeat"
    assert {
        "full_name",
        "sex",
        "dob",
        "ethnicity",
        "personal_id",
        "relationship",
        "in_school",
        "education_level",
        "health_insurance",
        "work_status",
        "disability",
        "malnourished",
    } <= {form.items[c].name for c in members.children}
    assert form.items["area_type"].list_name == "area_type"
    assert {c.name for c in form.choice_lists["area_type"].choices} == {"rural", "urban"}
    for code in catalogue_codes():
        item = form.items[flag_name(code)]
        assert item.type == "calculate"
        assert any(word in item.note for word in ("VERIFIED", "SECONDARY", "UNVERIFIED")), code
    assert "regex(., '^[0-9]{12}$')" in form.items["personal_id"].expressions["constraint"]


def test_social_assistance_intake_walk() -> None:
    s = InterviewSession(shipped_form("social_assistance_intake"), lang="en", today=TODAY)
    for path, value in {
        "applicant/full_name": "Hà Văn Sáu",
        "applicant/sex": "male",
        "applicant/dob": "1948-05-01",
        "applicant/ethnicity": "thai",
        "applicant/village": "Bản Lũng",
        "category_group/categories": ["c5_5b", "c5_6"],
        "category_group/household_poverty": "poor",
        "category_group/difficult_area": "yes",
        "conditions/disability_level": "severe",
        "conditions/disability_certificate": "123/XN",
        "conditions/disability_certificate_date": "2026-10-02",
        "documents/declaration_form": "1dd",
        "documents/documents_shown": ["id_card", "disability_certificate"],
        "payment/effective_month": "2026-10-01",
        "payment/payment_method": "bank_account",
        "payment/bank_name": "Agribank",
        "payment/bank_account": "3500205123456",
        "payment/account_holder": "Hà Văn Sáu",
    }.items():
        assert s.answer(path, value) == [], path
    assert s.value("age") == 78
    assert not s.is_relevant("check_c5_5b")  # 78 fits clause 5b
    assert s.is_complete(), s.all_issues()
    assert [i.code for i in s.answer("payment/effective_month", "2026-10-15")] == ["constraint"]
    s.answer("applicant/dob", "1960-01-01")
    assert s.is_relevant("check_c5_5b")  # 66 does not


def test_merit_register_walk() -> None:
    s = InterviewSession(shipped_form("merit_register"), lang="vi", today=TODAY)
    s.answer("merit/role", "person")
    s.answer("merit/category", "war_invalid")
    assert s.is_relevant("merit/injury_rate") and not s.is_relevant("merit/merit_person_name")
    assert [i.code for i in s.answer("merit/injury_rate", 150)] == ["constraint"]
    s.answer("merit/role", "relative")
    assert not s.is_relevant("merit/injury_rate") and s.is_relevant("merit/relative_relationship")
    assert len(s.form.choice_lists["merit_category"].choices) == 12


def test_child_register_walk() -> None:
    s = InterviewSession(shipped_form("child_register"), lang="vi", today=TODAY)
    assert len(s.form.choice_lists["child_group"].choices) == 14
    s.answer("child/dob", "2005-01-01")
    assert s.is_relevant("not_a_child")
    s.answer("child/dob", "2015-01-01")
    assert not s.is_relevant("not_a_child")
    s.answer("circumstances/groups", ["serious_illness_poor"])
    s.answer("circumstances/household_poverty", "none")
    assert s.is_relevant("circumstances/illness_needs_poverty")
    assert [i.code for i in s.answer("circumstances/support_received", ["none", "allowance"])] == [
        "constraint"
    ]


def test_no_error_in_any_shipped_form() -> None:
    for path in sorted(forms_dir().glob("*.xlsx")):
        assert [p for p in check_form(path) if p.severity == ERROR] == [], path
