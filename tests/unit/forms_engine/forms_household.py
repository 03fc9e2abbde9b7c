"""A realistic, non-deprived 5-person household for walks through forms/household_review.xlsx."""

from __future__ import annotations

import datetime as dt

from xaapp.forms_engine import InterviewSession, shipped_form
from xaapp.rules.deprivations import catalogue_codes

TODAY = dt.date(2026, 11, 28)

HEAD = {
    "full_name": "Lê Văn Hùng",
    "sex": "male",
    "dob": "1984-03-15",
    "ethnicity": "kinh",
    "personal_id": "038084001234",
    "relationship": "head",
    "in_school": None,
    "education_level": "upper_secondary",
    "health_insurance": "yes",
    "work_status": "wage_with_contract",
    "disability": "none",
}
SPOUSE = {
    "full_name": "Phạm Thị Lan",
    "sex": "female",
    "dob": "1986-07-02",
    "ethnicity": "kinh",
    "personal_id": "038186005678",
    "relationship": "spouse",
    "education_level": "vocational_intermediate",
    "health_insurance": "yes",
    "work_status": "self_business",
    "disability": "none",
}
SON_24 = {
    "full_name": "Lê Văn Minh",
    "sex": "male",
    "dob": "2002-01-20",
    "ethnicity": "kinh",
    "relationship": "child",
    "in_school": "no",
    "education_level": "college",
    "enterprise_training": "no",
    "health_insurance": "yes",
    "work_status": "wage_with_contract",
    "disability": "none",
}
DAUGHTER_19 = {
    "full_name": "Lê Thị Mai",
    "sex": "female",
    "dob": "2007-05-09",
    "ethnicity": "kinh",
    "relationship": "child",
    "in_school": "yes",
    "education_level": "upper_secondary",
    "health_insurance": "yes",
    "work_status": "not_working",
    "disability": "none",
}
SON_10 = {
    "full_name": "Lê Văn Nam",
    "sex": "male",
    "dob": "2016-02-11",
    "ethnicity": "kinh",
    "relationship": "child",
    "in_school": "yes",
    "health_insurance": "yes",
    "disability": "none",
    "malnourished": "no",
}
HOUSEHOLD = {
    "general/village": "Thôn Đông",
    "general/area_type": "rural",
    "general/head_name": "Lê Văn Hùng",
    "general/phone": "0912345678",
    "general/survey_date": "2026-11-20",
    "housing/wall_durable": "yes",
    "housing/column_durable": "yes",
    "housing/roof_durable": "yes",
    "housing/living_area": 60,
    "housing/water_source": "drilled_well",
    "housing/latrine": "septic",
    "information/telecom_use": "yes",
    "information/info_devices": ["tv", "smartphone"],
    "income/income_method": "per_capita",
    "income/income_wages": 60_000_000,
    "income/income_farming": 12_000_000,
    "income/income_business": 24_000_000,
    "groups/has_merit": "no",
    "groups/social_protection": "no",
}

#: Every indicator the rule data defines (the form calculates each as dep_<code>).
DEP_CODES = catalogue_codes()


def new_session(lang: str = "vi") -> InterviewSession:
    return InterviewSession(shipped_form("household_review"), lang=lang, today=TODAY)


def fill_household(session: InterviewSession, members: list[dict] | None = None) -> InterviewSession:
    for path, value in HOUSEHOLD.items():
        issues = session.answer(path, value)
        assert issues == [], (path, issues)
    for member in members if members is not None else [HEAD, SPOUSE, SON_24, DAUGHTER_19, SON_10]:
        index = session.add_repeat("members")
        for key, value in member.items():
            if value is None:
                continue
            path = f"members[{index}]/{key}"
            assert session.is_relevant(path), path
            issues = session.answer(path, value)
            assert issues == [], (path, issues)
    return session


def deprivations(session: InterviewSession) -> dict[str, object]:
    return {code: session.value(f"dep_{code}") for code in DEP_CODES}
