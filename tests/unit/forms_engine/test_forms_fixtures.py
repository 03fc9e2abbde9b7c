"""Real XLSForms from public projects (copies in tests/data/xlsform): each loads and runs, or is refused
with a message naming the feature and its cell — none crashes."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from xaapp.forms_engine import ERROR, FormError, InterviewSession, check_form, load_form

FIXTURES = Path(__file__).resolve().parents[2] / "data" / "xlsform"
WORKBOOKS = sorted(FIXTURES.glob("*.xlsx"))
CELL = re.compile(r"^[A-Za-z_ ]+![A-Z]+\d+$")
NOW = dt.datetime(2026, 11, 28, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=7)))
#: An answer a desktop officer could type, by widget.
TYPED = {
    "integer": 3,
    "decimal": "2.5",
    "text": "x",
    "date": "28/11/2026",
    "time": "14:30",
    "datetime": "28/11/2026 14:30",
    "geopoint": "19.8076 105.7764",
    "geotrace": "19.80 105.77; 19.81 105.78",
    "geoshape": "19.80 105.77; 19.81 105.78; 19.80 105.79; 19.80 105.77",
    "attachment": "0" * 64 + "/ảnh hộ.jpg",
}

#: What each fixture must give: "runs", or the error code it is refused with.
EXPECTED = {
    "built_clinic_media.xlsx": "runs",  # audio, file, video, datetime, time
    "built_commune_external.xlsx": "runs",  # select_one_external, filtered twice
    "built_entities_registration.xlsx": "runs",  # entities sheet, save_to, device metadata
    "built_household_visit_geo.xlsx": "runs",  # geopoint, geotrace, geoshape, photo, barcode
    "built_legacy_aliases.xlsx": "runs",  # old spellings
    "built_livelihood_or_other.xlsx": "runs",  # or_other, jr:choice-name, indexed-repeat, once
    "built_market_prices_pulldata.xlsx": "runs",  # select_one_from_file, pulldata (CSV files beside it)
    "built_school_loop.xlsx": "runs",  # begin loop over, two languages
    "onadata_childrens_survey_unicode.xlsx": "runs",  # gps
    "onadata_household.xlsx": "runs",  # the same name "name" in three repeats
    "onadata_multi_lingual.xlsx": "runs",
    "onadata_nested_repeats.xlsx": "runs",  # geopoint
    "onadata_sample_accent.xlsx": "runs",
    "onadata_subdistrict_profiling_tool.xlsx": "runs",  # select_one_external with a choice_filter
    "onadata_tutorial.xlsx": "runs",  # photo, geopoint, imei and phonenumber metadata
    "onadata_unicode_relevant.xlsx": "syntax_error",  # a curly quote ‘ in a relevant
    "pyxform_case_insensitivity.xlsx": "runs",  # ENTITIES and OSM sheets (ignored), osm, select_one_external
    "pyxform_choice_filter.xlsx": "runs",
    "pyxform_field_list.xlsx": "runs",
    "pyxform_group.xlsx": "runs",  # "phone number"
    "pyxform_loop.xlsx": "runs",  # "select all that apply from … or specify other", "begin loop over"
    "pyxform_spec_test.xlsx": "runs",  # time, datetime, geopoint, barcode, media, device metadata
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
        session = InterviewSession(form, lang="en", now=NOW)
        for page in session.pages():
            for question in page.questions:
                if question.choices:
                    session.answer(question.path, question.choices[0].name)
                elif question.widget in TYPED:
                    session.answer(question.path, TYPED[question.widget])
        for repeat in [
            k for k, item in form.items.items() if item.kind == "repeat" and not item.repeats[:-1]
        ]:
            if "repeat_count" not in form.items[repeat].compiled:
                session.add_repeat(form.items[repeat].name)
        document = session.to_json()
        assert document["form_id"] == form.form_id
        again = InterviewSession.from_json(form, document, lang="en", now=NOW)
        assert again.to_json()["instance"] == document["instance"]
    else:
        assert EXPECTED[path.name] in {p.code for p in errors}
        with pytest.raises(FormError) as caught:
            load_form(path)
        first = errors[0]
        assert first.where in str(caught.value)


def test_the_refusal_names_the_cell_and_what_is_wrong() -> None:
    problems = check_form(FIXTURES / "onadata_unicode_relevant.xlsx")
    texts = [p.text() for p in problems if p.severity == ERROR]
    assert texts and all("survey!H3" in t and "‘" in t for t in texts)


def test_old_forms_load_as_pyxform_converts_them() -> None:
    loop = load_form(FIXTURES / "pyxform_loop.xlsx")
    toilets = loop.items["available_toilet_types"]
    assert toilets.type == "select_multiple"
    assert [c.name for c in loop.choice_lists[toilets.list_name].choices][-1] == "other"
    assert loop.items["available_toilet_types_other"].expressions["relevant"] == (
        "selected(${available_toilet_types}, 'other')"
    )
    groups = loop.items["loop_toilet_types"].children
    assert [loop.items[g].name for g in groups] == [
        "pit_latrine_with_slab",
        "open_pit_latrine",
        "bucket_system",
    ]
    number = loop.items[loop.items[groups[1]].children[0]]
    assert number.label("") == "How many Pit latrine without slab/open pit are on the premises?"
    session = InterviewSession(loop, lang="en")
    session.answer("loop_toilet_types/open_pit_latrine/number", 2)
    assert session.to_json()["instance"]["loop_toilet_types"]["open_pit_latrine"] == {"number": 2}

    group = load_form(FIXTURES / "pyxform_group.xlsx")
    phone = InterviewSession(group, lang="en")
    assert (
        phone.answer("father/phone_number", "0912 345")
        == [i for i in phone.issues("father/phone_number") if i.code == "constraint"]
        != []
    )
    assert phone.answer("father/phone_number", "0912345678") == []


def test_ignored_sheets_and_device_metadata_are_warnings() -> None:
    problems = check_form(FIXTURES / "pyxform_case_insensitivity.xlsx")
    assert [(p.code, p.where, p.severity) for p in problems] == [
        ("ignored_sheet", "ENTITIES!A1", "warning"),
        ("ignored_sheet", "OSM!A1", "warning"),
        ("missing_setting", "SETTINGS!A2", "warning"),  # no version
    ]
    form = load_form(FIXTURES / "pyxform_spec_test.xlsx")
    session = InterviewSession(form, lang="english")
    assert session.text("deviceid") == ""
    assert session.question("everything/deviceid_test_output").label == "deviceid_test_output: "


def test_external_choices_come_from_their_sheet_and_filter() -> None:
    form = load_form(FIXTURES / "onadata_subdistrict_profiling_tool.xlsx")
    session = InterviewSession(form, lang="English")
    session.answer("group_data/governorate", "SY02")
    districts = [c.name for c in session.question("group_data/district").choices]
    assert districts[:3] == ["SY0200", "SY0202", "SY0203"] and all(d.startswith("SY02") for d in districts)
    assert session.question("group_data/district").choices[1].label == "Al Bab"
    assert session.answer("group_data/district", "SY0202") == []
    assert session.answer("group_data/district", "SY9999") != []  # not in external_choices at all


def test_household_fixture_allows_the_same_name_in_three_repeats() -> None:
    form = load_form(FIXTURES / "onadata_household.xlsx")
    session = InterviewSession(form)
    session.add_repeat("woman")
    session.add_repeat("woman[1]/child")
    session.answer("woman[1]/child[1]/name", "Bé")
    session.answer("woman[1]/name", "Mẹ")
    data = session.to_json()["instance"]
    assert data["woman"] == [{"name": "Mẹ", "child": [{"name": "Bé"}]}]
