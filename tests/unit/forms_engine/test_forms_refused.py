"""Refused input never feeds a result; the form checks what the import checks (issue 10, part B).

Walks through forms/household_review.xlsx as an officer types: refused text leaves the question
empty and invalid and blocks what is computed from it; personal IDs are checked against the
member's sex and birth year; impossible and future dates are named; money takes 12.000.000.
"""

from __future__ import annotations

import datetime as dt

import pytest
from forms_helpers import session_from_rows, write_form
from forms_household import HEAD, SON_10, SPOUSE, TODAY, fill_household, new_session

from xaapp.forms_engine import ERROR, InterviewSession, build_form, shipped_form
from xaapp.services.reviews import classify_answers, form_problems


def poor_household() -> InterviewSession:
    """Three members, per-capita income well under the rural line once the wages are in."""
    session = fill_household(new_session(), [HEAD, SPOUSE, SON_10])
    session.answer("income/income_wages", None)
    session.answer("income/income_farming", 6_000_000)
    session.answer("income/income_business", None)
    assert session.answer("causes/poverty_causes", ["no_capital"]) == []
    return session


def test_a_refused_income_leaves_the_field_empty_and_no_class_is_derived_from_it() -> None:
    session = poor_household()
    assert classify_answers(session.to_json()["instance"]) is not None  # the form is otherwise classifiable
    for typed in ("1", "12", "12 ", "12 t", "12 trieu"):  # as typed, one key at a time
        issues = session.answer("income/income_wages", typed)
    assert [i.code for i in issues] == ["not_amount"]
    assert issues[0].message.startswith("«12 trieu» không phải số tiền")
    assert session.value("income/income_wages") is None  # not the 12 typed on the way
    document = session.to_json()["instance"]
    assert "income_wages" not in {k for k, v in document["income"].items() if v is not None}
    assert document["income_total"] is None and document["income_per_capita"] is None
    assert document["income_below_line"] is None
    assert classify_answers(document) is None  # no "Hộ nghèo … 0 đ"
    assert [i.path for i in session.all_issues()] == ["income/income_wages"]
    assert not session.is_complete()
    session.answer("income/income_wages", "12.000.000")
    assert session.value("income/income_wages") == 12_000_000
    assert session.value("income_per_capita") == round(18_000_000 / 3 / 12)
    assert session.is_complete() and classify_answers(session.to_json()["instance"]) is not None


def test_a_refusal_survives_the_draft_and_blocks_finalising_in_the_services() -> None:
    session = poor_household()
    session.answer("income/income_wages", "12 trieu")
    saved = session.to_json()
    assert saved["instance"]["meta"]["refused"] == {"income/income_wages": "12 trieu"}
    assert saved["instance"]["income"].get("income_wages") is None  # beside the answers, not one of them
    again = InterviewSession.from_json(shipped_form("household_review"), saved, today=TODAY)
    assert (
        again.value("income/income_wages") is None and again.refused_text("income/income_wages") == "12 trieu"
    )
    assert again.text("income_per_capita") == ""
    problems = form_problems(shipped_form("household_review"), saved["instance"])
    assert len(problems) == 1 and "«12 trieu» không phải số tiền" in problems[0]
    again.answer("income/income_wages", 12_000_000)
    assert "refused" not in again.to_json()["instance"]["meta"]


@pytest.mark.parametrize("typed", ["12.000.000", "12,000,000", "12 000 000", "12000000", "12.000.000 đ"])
def test_money_fields_take_grouped_amounts(typed: str) -> None:
    session = new_session()
    session.answer("income/income_method", "per_capita")
    assert session.answer("income/income_wages", typed) == []
    assert session.value("income/income_wages") == 12_000_000
    assert session.question("income/income_wages").appearance.split() == ["thousands-sep"]


def test_a_comma_fraction_in_a_money_field_is_refused_with_what_to_type() -> None:
    session = new_session()
    session.answer("income/income_method", "per_capita")
    issues = session.answer("income/income_wages", "12,5")
    assert [i.code for i in issues] == ["ambiguous_amount"]
    assert "không có phần lẻ" in issues[0].message and "12.500" in issues[0].message
    assert session.value("income/income_wages") is None
    en = InterviewSession(shipped_form("household_review"), lang="en", today=TODAY)
    en.answer("income/income_method", "per_capita")
    assert en.answer("income/income_wages", "12,5")[0].message.startswith("“12,5” is ambiguous")


def test_a_plain_decimal_field_keeps_its_decimal_point() -> None:
    session = new_session()
    assert session.answer("housing/living_area", "12.5") == []
    assert session.value("housing/living_area") == 12.5  # m², not money: no thousands grouping here


def member_session(**member: object) -> InterviewSession:
    session = new_session()
    session.answer("general/survey_date", "2026-11-20")
    session.add_repeat("members")
    for key, value in member.items():
        session.answer(f"members[1]/{key}", value)
    return session


def test_a_personal_id_of_someone_else_is_refused_with_the_mismatch_named() -> None:
    session = member_session(
        full_name="Hà Văn Thạch", sex="male", dob="12/04/1978", personal_id="038179001234"
    )
    issues = session.issues("members[1]/personal_id")
    assert [i.code for i in issues] == ["personal_id_mismatch"]
    assert issues[0].message == (
        "Số định danh 038179001234 ghi nữ, sinh năm 1979; thành viên này là nam, sinh năm 1978."
    )
    assert any(i.path == "members[1]/personal_id" for i in session.all_issues())
    problems = form_problems(shipped_form("household_review"), session.to_json()["instance"])
    assert any("Số định danh 038179001234 ghi nữ" in p for p in problems)  # finalising is refused too
    session.answer("members[1]/personal_id", "038078001234")
    assert session.issues("members[1]/personal_id") == []


def test_the_mismatch_follows_the_answer_that_is_corrected() -> None:
    session = member_session(sex="female", dob="12/04/1978", personal_id="038179001234")
    assert session.issues("members[1]/personal_id")[0].message == (
        "Số định danh 038179001234 ghi nữ, sinh năm 1979; thành viên này là nữ, sinh năm 1978."
    )
    session.answer("members[1]/dob", "12/04/1979")
    assert session.issues("members[1]/personal_id") == []
    session.answer("members[1]/sex", "male")
    assert session.issues("members[1]/personal_id")[0].message == (
        "Số định danh 038179001234 ghi nữ, sinh năm 1979; thành viên này là nam, sinh năm 1979."
    )
    en = InterviewSession(shipped_form("household_review"), lang="en", today=TODAY)
    en.add_repeat("members")
    en.answer("members[1]/sex", "male")
    en.answer("members[1]/personal_id", "038179001234")
    assert en.issues("members[1]/personal_id")[0].message == (
        "The personal ID 038179001234 says female; this member is male."
    )


def test_an_unknown_province_code_is_named_as_the_import_names_it() -> None:
    session = member_session(sex="male", dob="12/04/1978", personal_id="003078001234")
    issues = session.issues("members[1]/personal_id")
    assert [i.code for i in issues] == ["personal_id_unknown_province"]
    assert "«003» không phải mã tỉnh" in issues[0].message


def test_the_other_forms_check_personal_ids_too() -> None:
    for form_id, prefix in (
        ("social_assistance_intake", "applicant"),
        ("merit_register", "person"),
        ("child_register", "child"),
    ):
        session = InterviewSession(shipped_form(form_id), today=TODAY)
        session.answer(f"{prefix}/sex", "male")
        session.answer(f"{prefix}/personal_id", "038179001234")
        issues = session.issues(f"{prefix}/personal_id")
        assert [i.message for i in issues] == ["Số định danh 038179001234 ghi nữ; người này là nam."], form_id


def test_a_day_the_calendar_does_not_have_is_named() -> None:
    session = member_session()
    issues = session.answer("members[1]/dob", "31/02/1980")
    assert [(i.code, i.message) for i in issues] == [
        ("no_such_date", "Ngày 31/02/1980 không có: tháng 2/1980 có 29 ngày.")
    ]
    assert session.value("members[1]/dob") is None and session.text("members[1]/age") == ""
    assert session.answer("members[1]/dob", "29/02/1981")[0].message == (
        "Ngày 29/02/1981 không có: tháng 2/1981 có 28 ngày."
    )
    assert session.answer("members[1]/dob", "01/13/1980")[0].message == (
        "Ngày 01/13/1980 không có: tháng chỉ từ 1 đến 12."
    )
    assert session.answer("members[1]/dob", "1980-02-31")[0].code == "no_such_date"
    assert session.answer("members[1]/dob", "31.02.80")[0].message == "Hãy nhập ngày dạng dd/mm/yyyy."


def household_with_a_child_born(dob: str) -> tuple[InterviewSession, int]:
    session = fill_household(new_session(), [HEAD, SPOUSE])
    session.answer("general/survey_date", "2026-11-20")
    index = session.add_repeat("members")
    for key, value in SON_10.items():
        if key != "dob":
            session.answer(f"members[{index}]/{key}", value)
    session.answer(f"members[{index}]/dob", dob)
    return session, index


def test_a_future_birth_date_gives_no_age_and_no_age_based_deprivation() -> None:
    session, index = household_with_a_child_born("2027-01-05")  # after today (2026-11-28)
    assert [i.message for i in session.issues(f"members[{index}]/dob")] == [
        "Ngày sinh không được sau hôm nay."
    ]
    assert session.text(f"members[{index}]/age") == ""  # not -1, not 0
    document = session.to_json()["instance"]
    member = document["members"][index - 1]
    assert member["age"] is None and member["m_dependent"] is None and member["m_child_out_of_school"] is None
    assert document["dep_dependents"] is None and document["dep_child_school_attendance"] is None
    assert document["deprivation_count"] is None and classify_answers(document) is None
    session.answer(f"members[{index}]/dob", "2016-02-11")
    assert session.value(f"members[{index}]/age") == 10 and session.value("deprivation_count") == 0
    assert classify_answers(session.to_json()["instance"]) is not None


def test_a_birth_after_the_review_date_counts_as_age_0_never_minus_1() -> None:
    session, index = household_with_a_child_born("2026-11-25")  # after the review date, before today
    assert session.issues(f"members[{index}]/dob") == []  # a newborn of the household, not an error
    assert roster_ages(session) == [42, 40, 0]
    assert session.value(f"members[{index}]/m_dependent") == 1


def roster_ages(session: InterviewSession) -> list[object]:
    return [session.value(f"members[{i}]/age") for i in range(1, session.repeat_count("members") + 1)]


def test_an_issue_date_in_the_future_is_refused() -> None:
    session = new_session()
    issues = session.answer("general/head_id_issued", (TODAY + dt.timedelta(days=1)).strftime("%d/%m/%Y"))
    assert [i.message for i in issues] == ["Ngày cấp không được sau hôm nay."]


def test_a_constraint_blocks_calculations_unless_it_looks_back_at_them() -> None:
    """`. < 120` and `. >= ${floor}` block what is computed from the answer; `${sa} < 100` reads a
    result of the answer itself, so failing it is reported but cannot block (that would be a cycle)."""
    s = session_from_rows(
        """
| type      | name  | label | constraint         | calculation           |
| integer   | floor | Floor |                    |                       |
| integer   | a     | A     | . >= ${floor}      |                       |
| integer   | b     | B     | . < 120            |                       |
| integer   | c     | C     | ${sc} < 100        |                       |
| calculate | sa    |       |                    | coalesce(${a}, 0) * 2 |
| calculate | sb    |       |                    | coalesce(${b}, 0) * 2 |
| calculate | sb2   |       |                    | ${sb} + 1             |
| calculate | sc    |       |                    | coalesce(${c}, 0) * 2 |
"""
    )
    s.answer("floor", 10)
    s.answer("a", 5)
    s.answer("b", 130)
    s.answer("c", 60)
    assert [i.path for i in s.all_issues()] == ["a", "b", "c"]
    assert s.text("sa") == "" and s.text("sb") == "" and s.text("sb2") == ""
    assert s.value("sc") == 120  # reported at c, still computed
    s.answer("b", 100)
    assert s.value("sb") == 200 and s.value("sb2") == 201
    s.answer("floor", 5)  # a is valid now: what depends on it is computed again
    assert s.value("sa") == 10 and [i.path for i in s.all_issues()] == ["c"]


def test_the_check_column_is_checked_when_the_form_is_loaded() -> None:
    form, problems = build_form(
        write_form(
            """
| type      | name | label | check                    |
| text      | sex  | Sex   |                          |
| text      | id   | ID    | personal-id(${sex})      |
| text      | id2  | ID    | no-such-check(${sex}, .) |
| text      | id3  | ID    | personal-id(${sex}, ${nobody}) |
| note      | c    | N     | personal-id(${sex}, ${sex}) |
"""
        )
    )
    errors = {(p.where, p.code) for p in problems if p.severity == ERROR}
    assert errors == {
        ("survey!D3", "check_arity"),
        ("survey!D4", "unknown_check"),
        ("survey!D5", "undefined_reference"),
        ("survey!D6", "check_not_input"),
    }
    assert all(p.message("vi") and p.message("en") for p in problems)
