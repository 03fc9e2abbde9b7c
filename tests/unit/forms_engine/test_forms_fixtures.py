"""Real XLSForms from public projects (copies in tests/data/xlsform): each loads and runs, or is refused
with a message naming the feature and its cell — none crashes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from xaapp.forms_engine import ERROR, FormError, InterviewSession, check_form, load_form

FIXTURES = Path(__file__).resolve().parents[2] / "data" / "xlsform"
WORKBOOKS = sorted(FIXTURES.glob("*.xlsx"))
CELL = re.compile(r"^[A-Za-z_ ]+![A-Z]+\d+$")

#: What each fixture must give: "runs", or the error code it is refused with.
EXPECTED = {
    "onadata_childrens_survey_unicode.xlsx": "unsupported_type",  # gps
    "onadata_household.xlsx": "runs",  # the same name "name" in three repeats
    "onadata_multi_lingual.xlsx": "runs",
    "onadata_nested_repeats.xlsx": "unsupported_type",  # geopoint
    "onadata_sample_accent.xlsx": "runs",
    "onadata_subdistrict_profiling_tool.xlsx": "unsupported_type",  # select_one_external
    "onadata_tutorial.xlsx": "unsupported_type",  # photo, geopoint
    "onadata_unicode_relevant.xlsx": "syntax_error",  # a curly quote ‘ in a relevant
    "pyxform_case_insensitivity.xlsx": "unsupported_sheet",  # ENTITIES
    "pyxform_choice_filter.xlsx": "runs",
    "pyxform_field_list.xlsx": "runs",
    "pyxform_group.xlsx": "unknown_type",  # "phone number"
    "pyxform_loop.xlsx": "unknown_type",  # legacy "select all that apply from … or specify other"
    "pyxform_spec_test.xlsx": "unsupported_type",  # time, datetime, geopoint, media
    "pyxform_text_integer.xlsx": "runs",
    "pyxform_yes_no.xlsx": "runs",
}


def test_the_fixture_folder_is_there() -> None:
    assert len(WORKBOOKS) >= 10, FIXTURES
    assert {p.name for p in WORKBOOKS} <= set(EXPECTED)


@pytest.mark.parametrize("path", WORKBOOKS, ids=lambda p: p.name)
def test_fixture_loads_and_runs_or_is_refused_with_cells(path: Path) -> None:
    problems = check_form(path)
    errors = [p for p in problems if p.severity == ERROR]
    for problem in problems:
        assert CELL.match(problem.where) or problem.where in ("settings", path.name), problem.where
        assert problem.message("vi") and problem.message("en")
    if EXPECTED[path.name] == "runs":
        assert errors == []
        form = load_form(path)
        session = InterviewSession(form, lang="en")
        for page in session.pages():
            for question in page.questions:
                if question.choices:
                    session.answer(question.path, question.choices[0].name)
                elif question.widget == "integer":
                    session.answer(question.path, 3)
                elif question.widget == "text":
                    session.answer(question.path, "x")
        for repeat in [
            k for k, item in form.items.items() if item.kind == "repeat" and not item.repeats[:-1]
        ]:
            if "repeat_count" not in form.items[repeat].compiled:
                session.add_repeat(form.items[repeat].name)
        document = session.to_json()
        assert document["form_id"] == form.form_id
        again = InterviewSession.from_json(form, document, lang="en")
        assert again.to_json()["instance"] == document["instance"]
    else:
        assert EXPECTED[path.name] in {p.code for p in errors}
        with pytest.raises(FormError) as caught:
            load_form(path)
        first = errors[0]
        assert first.where in str(caught.value)


def test_refusals_name_the_feature() -> None:
    problems = check_form(FIXTURES / "onadata_tutorial.xlsx")
    texts = [p.text() for p in problems if p.severity == ERROR]
    assert any("survey!A5" in t and "photo" in t for t in texts)
    assert any("survey!A7" in t and "geopoint" in t for t in texts)
    subdistrict = check_form(FIXTURES / "onadata_subdistrict_profiling_tool.xlsx")
    assert any("select_one_external" in p.message("en") for p in subdistrict)


def test_household_fixture_allows_the_same_name_in_three_repeats() -> None:
    form = load_form(FIXTURES / "onadata_household.xlsx")
    session = InterviewSession(form)
    session.add_repeat("woman")
    session.add_repeat("woman[1]/child")
    session.answer("woman[1]/child[1]/name", "Bé")
    session.answer("woman[1]/name", "Mẹ")
    data = session.to_json()["instance"]
    assert data["woman"] == [{"name": "Mẹ", "child": [{"name": "Bé"}]}]

