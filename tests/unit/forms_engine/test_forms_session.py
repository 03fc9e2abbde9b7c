"""InterviewSession: relevance, issues, repeats, pages, choice filters, JSON, incremental recalculation."""

from __future__ import annotations

import datetime as dt
import json
import random

import pytest
from forms_helpers import session_from_rows, write_form

from xaapp.cli import main
from xaapp.errors import KnownError
from xaapp.forms_engine import InterviewSession, load_form

LANG_FORM = """
| type       | name | label::vi | label::en | required | required_message::vi | constraint | constraint_message::vi | constraint_message::en | relevant |
| integer    | age  | Tuổi      | Age       | yes      | Nhập tuổi!           | . < 120    | Tuổi quá lớn           | Too old                |          |
| text       | job  | Nghề      | Job       | yes      |                      |            |                        |                        | ${age} >= 15 |
| date       | dob  | Ngày sinh | Birth     |          |                      | . <= today() |                      |                        |          |
"""


def test_required_and_constraint_messages_in_the_chosen_language() -> None:
    vi = session_from_rows(LANG_FORM, lang="vi")
    assert [(i.code, i.message) for i in vi.issues("age")] == [("required", "Nhập tuổi!")]
    assert [(i.code, i.message) for i in vi.answer("age", 130)] == [("constraint", "Tuổi quá lớn")]
    en = session_from_rows(LANG_FORM, lang="en")
    assert en.issues("age")[0].message == "Nhập tuổi!"  # only a Vietnamese message exists: it is used
    assert [i.message for i in en.answer("age", 130)] == ["Too old"]
    assert en.question("age").label == "Age" and vi.question("age").label == "Tuổi"


def test_relevance_hides_questions_and_their_issues() -> None:
    s = session_from_rows(LANG_FORM)
    assert not s.is_relevant("job")
    assert [q.name for q in s.questions()] == ["age", "dob"]
    s.answer("age", 30)
    assert s.is_relevant("job")
    assert [i.code for i in s.issues("job")] == ["required"]
    s.answer("job", "nông dân")
    assert s.is_complete()
    s.answer("age", 10)  # job becomes irrelevant: its value is not seen, but kept if it comes back
    assert s.value("job") is None and s.is_complete()
    s.answer("age", 40)
    assert s.value("job") == "nông dân"


def test_type_checks_refuse_bad_values_and_leave_the_question_empty_and_invalid() -> None:
    s = session_from_rows(LANG_FORM, lang="en")
    s.answer("age", 20)
    assert [i.code for i in s.answer("age", "twenty")] == ["not_integer"]
    assert s.value("age") is None and s.refused_text("age") == "twenty"  # not the 20 typed before
    assert [i.code for i in s.issues("age")] == ["not_integer"] and not s.is_complete()
    assert [i.code for i in s.answer("age", 2.5)] == ["not_integer"]
    assert s.answer("age", 20) == [] and s.value("age") == 20 and s.refused_text("age") is None
    assert [i.code for i in s.answer("dob", "31/02/2020")] == ["no_such_date"]
    assert s.answer("dob", "15/03/1984") == [] and s.value("dob") == dt.date(1984, 3, 15)
    assert [i.code for i in s.answer("dob", "2099-01-01")] == ["constraint"]
    assert s.answer("age", None) and s.value("age") is None


def test_text_is_normalised_to_nfc() -> None:
    s = session_from_rows("| type | name | label |\n| text | name | Name |")
    s.answer("name", "Nguye\u0302\u0303n")  # decomposed, as old Unikey settings produce
    assert s.value("name") == "Nguyễn"


def test_selects_check_choices_and_filter_them() -> None:
    s = session_from_rows(
        """
| type              | name     | label    | choice_filter        |
| select_one region | region   | Region   |                      |
| select_one town   | town     | Town     | region = ${region}   |
| select_multiple t | many     | Many     |                      |
""",
        choices="""
| list_name | name  | label  | region |
| region    | north | North  |        |
| region    | south | South  |        |
| town      | a     | Town A | north  |
| town      | b     | Town B | south  |
| town      | c     | Town C | north  |
| t         | x     | X      |        |
| t         | y     | Y      |        |
""",
    )
    assert [c.name for c in s.question("town").choices] == []
    s.answer("region", "north")
    assert [c.name for c in s.question("town").choices] == ["a", "c"]
    assert [i.code for i in s.answer("region", "west")] == ["not_a_choice"]
    assert s.answer("many", ["y", "x", "y"]) == []
    assert s.value("many") == ["y", "x"] and s.text("many") == "y x"
    assert [i.code for i in s.answer("many", "x z")] == ["not_a_choice"]


REPEAT_FORM = """
| type         | name     | label    | calculation                 | repeat_count | default |
| integer      | n        | N        |                             |              |         |
| begin repeat | people   | Person   |                             |              |         |
| text         | pname    | Name     |                             |              |         |
| integer      | page     | Age      |                             |              | 1       |
| calculate    | older    |          | ${page} + ${n}              |              |         |
| calculate    | idx      |          | position(..)                |              |         |
| end repeat   |          |          |                             |              |         |
| calculate    | total    |          | sum(${page})                |              |         |
| begin repeat | fixed    | Fixed    |                             | ${n}         |         |
| integer      | fx       | FX       |                             |              |         |
| end repeat   |          |          |                             |              |         |
| calculate    | nfixed   |          | count(${fixed})             |              |         |
"""


def test_repeats_add_remove_and_defaults() -> None:
    s = session_from_rows(REPEAT_FORM)
    assert s.repeat_count("people") == 0 and s.value("total") == 0
    for i in range(3):
        assert s.add_repeat("people") == i + 1
        s.answer(f"people[{i + 1}]/page", 10 * (i + 1))
        s.answer(f"people[{i + 1}]/pname", f"P{i + 1}")
    s.answer("n", 2)
    assert s.value("total") == 60
    assert [s.value(f"people[{i}]/older") for i in (1, 2, 3)] == [12, 22, 32]
    s.remove_repeat("people[2]")
    assert s.repeat_count("people") == 2
    assert [s.value(f"people[{i}]/pname") for i in (1, 2)] == ["P1", "P3"]
    assert [s.value(f"people[{i}]/idx") for i in (1, 2)] == [1, 2]
    assert s.value("total") == 40
    s.add_repeat("people")
    assert s.value("people[3]/page") == 1  # the default
    assert s.value("total") == 41


def test_repeat_count_follows_its_expression() -> None:
    s = session_from_rows(REPEAT_FORM)
    s.answer("n", 3)
    assert s.repeat_count("fixed") == 3 and s.value("nfixed") == 3
    s.answer("fixed[3]/fx", 7)
    s.answer("n", 1)
    assert s.repeat_count("fixed") == 1 and s.value("nfixed") == 1
    s.answer("n", 2)
    assert s.value("fixed[2]/fx") is None  # removed instances do not come back with old values
    with pytest.raises(KnownError):
        s.add_repeat("fixed")


def test_unknown_paths_are_known_errors() -> None:
    s = session_from_rows(REPEAT_FORM)
    with pytest.raises(KnownError):
        s.answer("nobody", 1)
    with pytest.raises(KnownError):
        s.answer("people[1]/page", 1)  # no such instance yet: the index is checked against the count
    with pytest.raises(KnownError):
        s.add_repeat("n")


def test_calculations_are_read_only() -> None:
    s = session_from_rows(REPEAT_FORM)
    assert [i.code for i in s.answer("total", 5)] == ["read_only"]


PAGES_FORM = """
| type         | name   | label   | appearance | relevant   |
| text         | a      | A       |            |            |
| begin group  | hh     | House   | field-list |            |
| text         | b      | B       |            |            |
| integer      | c      | C       |            |            |
| end group    |        |         |            |            |
| begin group  | plain  | Plain   |            |            |
| text         | d      | D       |            |            |
| note         | e      | Note ${a} |          |            |
| end group    |        |         |            |            |
| begin repeat | m      | Member  | field-list |            |
| text         | mn     | Name    |            |            |
| integer      | ma     | Age     |            |            |
| end repeat   |        |         |            |            |
| text         | z      | Z       |            | ${c} > 1   |
"""


def test_pages_group_field_lists_and_follow_relevance() -> None:
    s = session_from_rows(PAGES_FORM)
    assert [p.key for p in s.pages()] == ["a", "hh", "plain/d", "plain/e"]
    s.add_repeat("m")
    s.add_repeat("m")
    s.answer("hh/c", 5)
    s.answer("a", "xin chào")
    pages = s.pages()
    assert [p.key for p in pages] == ["a", "hh", "plain/d", "plain/e", "m[1]", "m[2]", "z"]
    assert [q.name for q in pages[1].questions] == ["b", "c"]
    assert pages[3].questions[0].label == "Note xin chào" and pages[3].questions[0].read_only
    assert (pages[5].repeat, pages[5].index) == ("m", 2)
    assert [q.path for q in pages[5].questions] == ["m[2]/mn", "m[2]/ma"]
    assert s.current_page().key == "a"
    assert s.next().key == "hh"
    assert s.back().key == "a" and s.back().key == "a"
    for _ in range(20):
        s.next()
    assert s.current_page().key == "z"


def test_widgets_and_appearance() -> None:
    s = session_from_rows(
        "| type | name | label | appearance |\n| select_one yn | a | A | minimal |\n| acknowledge | ok | OK | |",
        choices="| list_name | name | label |\n| yn | yes | Yes |\n| yn | no | No |",
    )
    assert s.question("a").widget == "dropdown" and s.question("ok").widget == "checkbox"
    s.answer("ok", True)
    assert s.text("ok") == "OK" and s.value("ok") is True


def test_read_only_and_dynamic_default() -> None:
    s = session_from_rows(
        "| type | name | label | read_only | default |\n| text | a | A | yes | fixed |\n| date | d | D | | today() |"
    )
    assert s.question("a").read_only and s.value("a") == "fixed"
    assert s.value("d") == dt.date(2026, 11, 28)


def test_json_round_trip_keeps_shape_form_id_and_version() -> None:
    s = session_from_rows(PAGES_FORM)
    s.answer("a", "x")
    s.answer("hh/b", "bee")
    s.answer("hh/c", 3)
    s.add_repeat("m")
    s.answer("m[1]/mn", "Lan")
    s.answer("m[1]/ma", 9)
    doc = s.to_json()
    assert doc["form_id"] == "test_form" and doc["version"] == "1"
    data = doc["instance"]
    assert data["hh"] == {"b": "bee", "c": 3}
    assert data["m"] == [{"mn": "Lan", "ma": 9}]
    assert data["meta"]["instanceID"].startswith("uuid:")
    text = json.dumps(doc, ensure_ascii=False)
    again = InterviewSession.from_json(s.form, json.loads(text), today=dt.date(2026, 11, 28))
    assert again.to_json() == doc
    assert again.value("m[1]/ma") == 9


def test_json_from_another_form_is_refused() -> None:
    s = session_from_rows(PAGES_FORM)
    with pytest.raises(KnownError):
        s.load_json({"form_id": "other", "version": "1", "instance": {}})


def test_json_with_bad_values_reports_them() -> None:
    s = session_from_rows(PAGES_FORM, lang="en")
    issues = s.load_json({"instance": {"a": "ok", "hh": {"c": "many"}}})
    assert [(i.code, i.path) for i in issues] == [("not_integer", "hh/c")]
    assert s.value("a") == "ok"


def test_incremental_recalculation_matches_a_full_recalculation() -> None:
    s = session_from_rows(REPEAT_FORM)
    rng = random.Random(7)
    for _ in range(4):
        s.add_repeat("people")
    for _ in range(200):
        path = rng.choice(["n", *[f"people[{i}]/page" for i in range(1, 5)]])
        s.answer(path, rng.choice([None, 0, 1, 5, 30]))
        incremental = (dict(s.instance.eff), dict(s.instance.rel))
        s.instance.recompute_all()
        assert (s.instance.eff, s.instance.rel) == incremental


def test_only_dependents_are_recomputed(monkeypatch: pytest.MonkeyPatch) -> None:
    s = session_from_rows(REPEAT_FORM)
    for _ in range(5):
        s.add_repeat("people")
    seen: list[tuple] = []
    original = s.instance._compute

    def spy(vertex, idx):  # noqa: ANN001, ANN202
        seen.append((vertex, idx))
        return original(vertex, idx)

    monkeypatch.setattr(s.instance, "_compute", spy)
    s.answer("people[3]/page", 40)
    names = {vertex[1] for vertex, _ in seen}
    assert names == {"page", "older", "total"}
    assert {idx for vertex, idx in seen if vertex[1] == "older"} == {(3,)}


def test_cli_eval_prints_every_question(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    form_path = write_form(LANG_FORM)
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"form_id": "test_form", "instance": {"age": 130, "dob": "2030-01-01"}}))
    assert (
        main(
            [
                "forms",
                "eval",
                str(form_path),
                "--answers",
                str(answers),
                "--lang",
                "en",
                "--today",
                "2026-11-28",
            ]
        )
        == 0
    )
    report = json.loads(capsys.readouterr().out)
    assert report["complete"] is False
    assert report["questions"]["age"] == {
        "relevant": True,
        "required": True,
        "value": 130,
        "valid": False,
        "message": "Too old",
    }
    assert (
        report["questions"]["job"]["relevant"] is True
        and report["questions"]["job"]["message"] == "This question is required."
    )
    assert report["questions"]["dob"]["valid"] is False


def test_cli_eval_bad_json_is_exit_2(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    form_path = write_form(LANG_FORM)
    answers = tmp_path / "answers.json"
    answers.write_text("{not json")
    assert main(["forms", "eval", str(form_path), "--answers", str(answers)]) == 2
    assert "answers.json" in capsys.readouterr().err


def test_cli_eval_bad_form_is_exit_2_with_cells(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    form_path = write_form("| type | name | label |\n| txet | a | A |")
    answers = tmp_path / "a.json"
    answers.write_text("{}")
    assert main(["forms", "eval", str(form_path), "--answers", str(answers)]) == 2
    assert "survey!A2" in capsys.readouterr().err


def test_load_form_is_case_insensitive_and_reads_language_columns() -> None:
    form = load_form(
        write_form(
            "| SURVEY |\n| | TYPE | NAME | LABEL::Tiếng Việt (vi) | Label::English (en) | RELEVANCE |\n"
            "| | text | a | Chữ | Text | |\n| | integer | b | Số | Number | ${a} != '' |\n"
            "| SETTINGS |\n| | Form_ID | VERSION | default_language |\n| | x | 3 | vi |"
        )
    )
    assert form.form_id == "x" and form.version == "3"
    assert form.languages == ("Tiếng Việt (vi)", "English (en)")
    assert form.lang("en") == "English (en)" and form.lang(None) == "Tiếng Việt (vi)"
    assert form.items["b"].expressions["relevant"] == "${a} != ''"
    s = InterviewSession(form, lang="en")
    assert s.question("a").label == "Text"


def test_nested_repeats_shift_when_an_outer_instance_is_removed() -> None:
    s = session_from_rows(
        """
| type         | name  | label | calculation      |
| begin repeat | outer | O     |                  |
| text         | oname | Name  |                  |
| begin repeat | inner | I     |                  |
| integer      | x     | X     |                  |
| end repeat   |       |       |                  |
| calculate    | sx    |       | sum(${x})        |
| end repeat   |       |       |                  |
| calculate    | all_x |       | sum(${x})        |
"""
    )
    for o in (1, 2, 3):
        s.add_repeat("outer")
        s.answer(f"outer[{o}]/oname", f"O{o}")
        for i in range(o):
            s.add_repeat(f"outer[{o}]/inner")
            s.answer(f"outer[{o}]/inner[{i + 1}]/x", 10 * o)
    assert [s.value(f"outer[{o}]/sx") for o in (1, 2, 3)] == [10, 40, 90]
    assert s.value("all_x") == 140
    s.remove_repeat("outer[2]")
    assert [s.value(f"outer[{o}]/oname") for o in (1, 2)] == ["O1", "O3"]
    assert s.repeat_count("outer[2]/inner") == 3 and s.value("outer[2]/sx") == 90
    assert s.value("all_x") == 100
    s.remove_repeat("outer[2]/inner[1]")
    assert s.value("outer[2]/sx") == 60 and s.repeat_count("outer[2]/inner") == 2


def test_instance_lookups_are_refused_at_load() -> None:
    from forms_helpers import problems_of

    found = problems_of(
        "| type | name | label | calculation |\n| calculate | a | | instance('x')/root/item |"
    )
    assert [(p.code, p.where) for p in found] == [("unsupported_function", "survey!D2")]


def test_repeats_listing_and_go_to() -> None:
    s = session_from_rows(REPEAT_FORM)
    assert [(r.path, r.count, r.editable) for r in s.repeats()] == [("people", 0, True), ("fixed", 0, False)]
    s.add_repeat("people")
    s.answer("n", 2)
    assert [(r.path, r.count) for r in s.repeats()] == [("people", 1), ("fixed", 2)]
    assert s.go_to("people[1]/page").key == "people[1]/page"
    assert s.current_page().key == "people[1]/page"
    with pytest.raises(KnownError):
        s.go_to("nowhere")
