"""Walks of realistic households through forms/household_review.xlsx: the 12 deprivation flags."""

from __future__ import annotations

import pytest
from forms_household import (
    DAUGHTER_19,
    DEP_CODES,
    HEAD,
    SON_10,
    SON_24,
    SPOUSE,
    deprivations,
    fill_household,
    new_session,
)

from xaapp.forms_engine import InterviewSession

NONE_DEPRIVED = dict.fromkeys(DEP_CODES, 0)


@pytest.fixture
def household() -> InterviewSession:
    return fill_household(new_session())


def only(*codes: str) -> dict[str, int]:
    return {code: int(code in codes) for code in DEP_CODES}


def test_a_complete_household_is_deprived_in_nothing(household: InterviewSession) -> None:
    assert deprivations(household) == NONE_DEPRIVED
    assert household.is_complete(), household.all_issues()
    assert household.value("hh_size") == 5
    assert household.value("members[1]/age") == 42  # born 15/03/1984, reviewed 20/11/2026
    assert household.value("members[5]/age") == 10
    assert household.value("income_per_capita") == 1_600_000  # 96 million a year / 5 / 12
    assert household.value("income_below_line") == 0  # rural line 1,500,000
    assert household.value("deprivation_count") == 0 and household.value("score_b") == 0


def test_a_ten_year_old_not_in_school_changes_only_child_school_attendance(
    household: InterviewSession,
) -> None:
    before = household.to_json()["instance"]
    household.answer("members[5]/in_school", "no")
    assert deprivations(household) == only("child_school_attendance")
    assert household.value("deprivation_count") == 1 and household.value("score_b") == 10
    after = household.to_json()["instance"]
    changed = {key for key in after if after[key] != before[key]} - {"meta"}
    assert changed == {"members", "dep_child_school_attendance", "deprivation_count", "score_b"}


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        ("members[1]/work_status", "unemployed", "employment"),
        ("members[2]/work_status", "wage_no_contract", "employment"),
        ("members[5]/malnourished", "yes", "nutrition"),
        ("members[4]/health_insurance", "no", "health_insurance"),
        ("members[3]/education_level", "lower_secondary", "adult_education"),
        ("members[5]/in_school", "no", "child_school_attendance"),
        ("housing/living_area", 39.5, "housing_area"),
        ("housing/water_source", "surface", "water_source"),
        ("housing/latrine", "simple_pit", "hygienic_latrine"),
        ("information/telecom_use", "no", "telecom_use"),
        ("information/info_devices", ["none"], "information_devices"),
    ],
)
def test_each_answer_sets_its_own_flag(
    household: InterviewSession, path: str, value: object, expected: str
) -> None:
    assert household.answer(path, value) == []
    assert deprivations(household) == only(expected)


def test_housing_quality_needs_two_non_durable_parts(household: InterviewSession) -> None:
    household.answer("housing/roof_durable", "no")
    assert deprivations(household) == NONE_DEPRIVED
    household.answer("housing/wall_durable", "no")
    assert deprivations(household) == only("housing_quality")


def test_housing_area_is_per_person(household: InterviewSession) -> None:
    household.answer("housing/living_area", 40)  # 8 m² each: not below 8
    assert deprivations(household)["housing_area"] == 0
    household.remove_repeat("members[4]")  # 4 people on 40 m²
    household.answer("housing/living_area", 31.9)
    assert deprivations(household)["housing_area"] == 1


def test_dependants_more_than_half() -> None:
    grandmother = {
        **SPOUSE,
        "full_name": "Bà Nội",
        "dob": "1950-01-01",
        "personal_id": None,  # not the spouse's number: the form checks it against the birth year
        "relationship": "parent",
        "work_status": "not_working",
    }
    toddler = {**SON_10, "full_name": "Bé Út", "dob": "2024-06-01", "in_school": None}
    session = fill_household(new_session(), [HEAD, SPOUSE, SON_10, grandmother])
    assert deprivations(session)["dependents"] == 0  # 2 of 4 is not more than half
    index = session.add_repeat("members")
    for key, value in toddler.items():
        if value is not None and session.is_relevant(f"members[{index}]/{key}"):
            session.answer(f"members[{index}]/{key}", value)
    assert deprivations(session) == only("dependents")  # 3 of 5


def test_questions_follow_age(household: InterviewSession) -> None:
    assert not household.is_relevant("members[1]/in_school")  # 42: past school age
    assert household.is_relevant("members[5]/malnourished")
    assert not household.is_relevant("members[1]/malnourished")
    assert household.is_relevant("members[3]/enterprise_training")  # 24 and not in school
    assert not household.is_relevant("members[4]/enterprise_training")  # 19 and in school
    assert not household.is_relevant("members[5]/work_status")


def test_income_from_a_score_a_total(household: InterviewSession) -> None:
    household.answer("income/income_method", "score_a")
    assert not household.is_relevant("income/income_wages")
    assert [i.code for i in household.issues("income/score_a")] == ["required"]
    household.answer("income/score_a", 140)
    assert household.value("income_below_line") == 1  # rural: ≤ 140 points
    household.answer("general/area_type", "urban")
    household.answer("income/score_a", 176)
    assert household.value("income_below_line") == 0  # urban: ≤ 175 points
    assert household.value("income_per_capita") is None


def test_poor_household_needs_causes(household: InterviewSession) -> None:
    household.answer("income/income_wages", 0)
    assert household.value("income_per_capita") == 600_000
    assert household.value("income_below_line") == 1
    assert household.is_relevant("causes/poverty_causes")
    assert not household.is_complete()
    household.answer("causes/poverty_causes", ["no_capital", "illness"])
    assert household.is_complete()


def test_personal_id_and_phone_checks(household: InterviewSession) -> None:
    assert [i.code for i in household.answer("members[1]/personal_id", "03808400123")] == ["constraint"]
    assert "12" in household.issues("members[1]/personal_id")[0].message
    assert [i.code for i in household.answer("general/phone", "12345")] == ["constraint"]


def test_only_one_head(household: InterviewSession) -> None:
    issues = household.answer("members[2]/relationship", "head")
    assert [i.code for i in issues] == ["constraint"]
    assert household.value("n_heads") == 2
    household.answer("members[2]/relationship", "spouse")
    assert household.value("n_heads") == 1 and household.issues("members[2]/relationship") == []


def test_household_groups(household: InterviewSession) -> None:
    assert household.value("hh_ethnic_minority") == 0 and household.value("hh_no_working_capacity") == 0
    household.answer("members[1]/ethnicity", "thai")
    assert household.value("hh_ethnic_minority") == 1


def test_answers_survive_a_json_round_trip(household: InterviewSession) -> None:
    household.answer("members[5]/in_school", "no")
    document = household.to_json()
    again = InterviewSession.from_json(household.form, document, lang="en", today=household.instance.today)
    assert deprivations(again) == only("child_school_attendance")
    assert again.to_json()["instance"] == document["instance"]


def test_english_labels_exist_for_every_visible_question(household: InterviewSession) -> None:
    english = InterviewSession(household.form, lang="en")
    english.load_json(household.to_json())
    for question in english.questions():
        assert (
            question.label
            and question.label != household.question(question.path).label
            or question.type == "note"
        )


def test_members_of_the_fixture_are_distinct() -> None:
    assert len({m["full_name"] for m in (HEAD, SPOUSE, SON_24, DAUGHTER_19, SON_10)}) == 5


def test_forms_eval_on_saved_answers(household: InterviewSession, tmp_path, capsys) -> None:  # noqa: ANN001
    import json

    from xaapp.cli import main
    from xaapp.paths import forms_dir

    household.answer("members[5]/in_school", "no")
    answers = tmp_path / "household.json"
    answers.write_text(json.dumps(household.to_json(), ensure_ascii=False), encoding="utf-8")
    form = str(forms_dir() / "household_review.xlsx")
    assert (
        main(["forms", "eval", form, "--answers", str(answers), "--today", "2026-11-28", "--lang", "en"]) == 0
    )
    report = json.loads(capsys.readouterr().out)
    questions = report["questions"]
    assert report["complete"] is True
    assert questions["dep_child_school_attendance"]["value"] == 1
    assert questions["members[5]/age"] == {
        "relevant": True,
        "required": False,
        "value": 10,
        "valid": True,
        "message": None,
    }
    assert questions["members[1]/in_school"]["relevant"] is False
    assert questions["general/village"]["value"] == "Thôn Đông"
    assert questions["information/info_devices"]["value"] == "tv smartphone"
    assert questions["general/survey_date"]["value"] == "2026-11-20"


def test_a_poor_mountain_household() -> None:
    """Seven people in a Mông household of a mountain commune: a realistic poor household."""
    session = new_session(lang="en")
    answers = {
        "general/village": "Bản Pù Nhi", "general/area_type": "rural", "general/head_name": "Giàng A Páo",
        "general/survey_date": "2026-10-05", "housing/wall_durable": "no", "housing/column_durable": "yes",
        "housing/roof_durable": "no", "housing/living_area": 30, "housing/water_source": "unprotected_spring",
        "housing/latrine": "none", "information/telecom_use": "no", "information/info_devices": ["radio"],
        "income/income_method": "per_capita", "income/income_farming": 18_000_000, "income/income_transfers": 2_160_000,
        "groups/has_merit": "no", "groups/social_protection": "no",
    }  # fmt: skip
    for path, value in answers.items():
        assert session.answer(path, value) == [], path
    people = [
        (
            "Giàng A Páo",
            "male",
            "1988-02-01",
            "head",
            {"education_level": "primary", "work_status": "self_farm"},
        ),
        (
            "Sùng Thị Dợ",
            "female",
            "1990-06-12",
            "spouse",
            {"education_level": "none", "work_status": "self_farm"},
        ),
        ("Giàng Thị Mai", "female", "2010-09-01", "child", {"in_school": "no", "education_level": "primary"}),
        ("Giàng A Sử", "male", "2014-03-03", "child", {"in_school": "yes"}),
        ("Giàng A Lử", "male", "2019-12-20", "child", {"in_school": "yes"}),
        (
            "Giàng Thị Chú",
            "female",
            "2023-05-05",
            "child",
            {"malnourished": "yes", "in_school": "yes"},
        ),  # kindergarten
        (
            "Giàng A Của",
            "male",
            "1956-01-01",
            "parent",
            {"education_level": "none", "work_status": "not_working"},
        ),
    ]
    for name, sex, dob, relationship, extra in people:
        i = session.add_repeat("members")
        base = {"full_name": name, "sex": sex, "dob": dob, "ethnicity": "mong", "relationship": relationship,
                "health_insurance": "yes", "disability": "none"}  # fmt: skip
        for key, value in {**base, **extra}.items():
            assert session.answer(f"members[{i}]/{key}", value) == [], (name, key)
        for key in ("malnourished", "in_school", "enterprise_training", "work_status", "education_level"):
            path = f"members[{i}]/{key}"
            if session.is_relevant(path) and session.value(path) is None:
                session.answer(
                    path,
                    "no" if key in ("malnourished", "in_school", "enterprise_training") else "not_working",
                )
    assert session.value("members[3]/age") == 16  # born 1/9/2010, reviewed 5/10/2026
    assert deprivations(session) == {  # waste handling: not asked before 2027
        "employment": 0, "dependents": 1, "nutrition": 1, "health_insurance": 0, "adult_education": 1,
        "child_school_attendance": 0, "housing_quality": 1, "housing_area": 1, "water_source": 1,
        "hygienic_latrine": 1, "telecom_use": 1, "information_devices": 0, "waste_handling": 0,
    }  # fmt: skip
    assert session.value("deprivation_count") == 8 and session.value("score_b") == 80
    assert session.value("income_per_capita") == 240_000  # 20.16 million a year / 7 / 12
    assert session.value("income_below_line") == 1
    assert session.value("hh_ethnic_minority") == 1
    assert [i.path for i in session.all_issues()] == ["causes/poverty_causes"]
    session.answer("causes/poverty_causes", ["no_land", "no_skills", "many_dependants"])
    assert session.is_complete()
