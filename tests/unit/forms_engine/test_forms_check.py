"""`forms check`: each kind of error is found and named by its cell; the CLI prints and exits right."""

from __future__ import annotations

import json

import pytest
from forms_helpers import problems_of, write_form

from xaapp.cli import main
from xaapp.forms_engine import ERROR, WARNING, FormError, check_form, load_form


def errors(problems: list) -> list[tuple[str, str]]:
    return [(p.code, p.where) for p in problems if p.severity == ERROR]


def test_valid_form_has_no_problems() -> None:
    assert problems_of("| type | name | label |\n| text | a | A |") == []


def test_unknown_type() -> None:
    found = problems_of("| type | name | label |\n| text | a | A |\n| txet | b | B |")
    assert errors(found) == [("unknown_type", "survey!A3")]
    assert "txet" in found[0].message("en")


@pytest.mark.parametrize(
    "type_",
    [
        "range",
        "rank animals",
        "select_one_from_file places.xml",
        "xml-external",
        "select_multiple_external x",
    ],
)
def test_unsupported_type_is_refused_with_its_cell(type_: str) -> None:
    found = problems_of(f"| type | name | label |\n| text | a | A |\n| {type_} | b | B |")
    assert errors(found) == [("unsupported_type", "survey!A3")]
    assert type_.split()[0] in found[0].message("vi")


def test_device_metadata_is_skipped_with_a_warning() -> None:
    found = problems_of("| type | name | label |\n| deviceid | dev | |\n| text | a | A |")
    assert [(p.code, p.severity) for p in found] == [("metadata_skipped", WARNING)]


def test_duplicate_name_in_the_same_group() -> None:
    found = problems_of("| type | name | label |\n| text | a | A |\n| integer | a | A again |")
    assert errors(found) == [("duplicate_name", "survey!B3")]
    assert "survey!B2" in found[0].message("en")


def test_same_name_in_two_groups_is_allowed_but_not_as_a_reference() -> None:
    form = """
| type         | name | label | relevant   |
| begin group  | g1   | G1    |            |
| text         | x    | X     |            |
| end group    |      |       |            |
| begin group  | g2   | G2    |            |
| text         | x    | X     |            |
| end group    |      |       |            |
| text         | y    | Y     | ${x} = 'a' |
"""
    assert errors(problems_of(form)) == [("ambiguous_reference", "survey!D8")]


@pytest.mark.parametrize("name", ["1abc", "a b", "-x", "a/b", "a$"])
def test_invalid_name(name: str) -> None:
    assert errors(problems_of(f"| type | name | label |\n| text | {name} | A |")) == [
        ("invalid_name", "survey!B2")
    ]


def test_missing_name() -> None:
    assert errors(problems_of("| type | name | label |\n| text |  | A |")) == [("missing_name", "survey!B2")]


def test_reference_to_undefined_field() -> None:
    found = problems_of(
        "| type | name | label | relevant |\n| text | a | A | |\n| text | b | B | ${nope} = 1 |"
    )
    assert errors(found) == [("undefined_reference", "survey!D3")]
    assert "nope" in found[0].message("vi")


def test_reference_in_a_label_is_checked() -> None:
    found = problems_of("| type | name | label |\n| text | a | A |\n| note | b | Hello ${nobody} |")
    assert errors(found) == [("undefined_reference", "survey!C3")]


def test_expression_syntax_error_names_the_position() -> None:
    found = problems_of("| type | name | label | constraint |\n| integer | a | A | . > 1 and |")
    assert errors(found) == [("syntax_error", "survey!D2")]
    assert "10" in found[0].message("en") and "character 10" in found[0].message("en")
    assert "ký tự 10" in found[0].message("vi")


def test_unknown_function_and_arity() -> None:
    found = problems_of(
        "| type | name | label | calculation |\n| calculate | a | | foo(1) |\n| calculate | b | | if(1, 2) |"
    )
    assert errors(found) == [("unknown_function", "survey!D2"), ("arity", "survey!D3")]


def test_missing_choice_list() -> None:
    found = problems_of(
        "| type | name | label |\n| select_one colours | a | A |",
        choices="| list_name | name | label |\n| sizes | s | Small |",
    )
    assert errors(found) == [("missing_choice_list", "survey!A2")]
    assert "colours" in found[0].message("en")


def test_select_without_list_name() -> None:
    assert errors(problems_of("| type | name | label |\n| select_one | a | A |")) == [
        ("missing_list_name", "survey!A2")
    ]


def test_duplicate_choice() -> None:
    found = problems_of(
        "| type | name | label |\n| select_one yn | a | A |",
        choices="| list_name | name | label |\n| yn | yes | Yes |\n| yn | yes | Again |",
    )
    assert errors(found) == [("duplicate_choice", "choices!B3")]


def test_calculation_cycle() -> None:
    form = """
| type      | name | label | calculation |
| calculate | a    |       | ${b} + 1    |
| calculate | b    |       | ${c} + 1    |
| calculate | c    |       | ${a} + 1    |
| calculate | d    |       | ${a} + 1    |
"""
    found = problems_of(form)
    assert [code for code, _ in errors(found)] == ["cycle"]
    text = found[0].message("en")
    assert all(name in text for name in ("a", "b", "c")) and "d (" not in text


def test_relevance_that_depends_on_itself_is_a_cycle() -> None:
    found = problems_of("| type | name | label | relevant |\n| integer | a | A | ${a} > 1 |")
    assert [code for code, _ in errors(found)] == ["cycle"]


def test_self_reference_in_a_constraint_is_fine() -> None:
    assert problems_of("| type | name | label | constraint |\n| integer | a | A | ${a} > 1 |") == []


@pytest.mark.parametrize(
    ("rows", "code", "where"),
    [
        ("| begin group | g | G |\n| text | a | A |\n| end repeat | | |", "mismatched_end", "survey!A4"),
        ("| text | a | A |\n| end group | | |", "unmatched_end", "survey!A3"),
        ("| begin repeat | r | R |\n| text | a | A |", "unclosed_begin", "survey!A2"),
    ],
)
def test_group_and_repeat_mismatch(rows: str, code: str, where: str) -> None:
    assert (code, where) in errors(problems_of("| type | name | label |\n" + rows))


def test_trigger_column_is_warned_about() -> None:
    found = problems_of("| type | name | label | trigger |\n| text | a | A | |\n| text | b | B | ${a} |")
    assert [(p.code, p.where, p.severity) for p in found] == [("unsupported_column", "survey!D3", WARNING)]


def test_calculate_without_formula() -> None:
    assert errors(problems_of("| type | name | label | calculation |\n| calculate | a | | |")) == [
        ("missing_calculation", "survey!D2")
    ]


def test_choice_filter_column_must_exist() -> None:
    found = problems_of(
        "| type | name | label | choice_filter |\n| select_one c | a | A | region = 'x' |",
        choices="| list_name | name | label | area |\n| c | one | One | x |",
    )
    assert errors(found) == [("choice_filter_column", "survey!D2")]


@pytest.mark.parametrize(
    ("type_", "default"),
    [("integer", "abc"), ("date", "31/02/2020"), ("select_one yn", "maybe"), ("decimal", "1,5")],
)
def test_static_default_must_fit_the_type(type_: str, default: str) -> None:
    found = problems_of(
        f"| type | name | label | default |\n| {type_} | a | A | {default} |",
        choices="| list_name | name | label |\n| yn | yes | Yes |",
    )
    assert errors(found) == [("bad_default", "survey!D2")]


def test_choices_sheet_needs_list_name_and_name() -> None:
    found = problems_of(
        "| type | name | label |\n| text | a | A |",
        choices="| list | value | label |\n| yn | yes | Yes |",
    )
    assert errors(found) == [("missing_column", "choices!A1")]


def test_no_survey_sheet() -> None:
    found = problems_of("| settings |\n| | form_id |\n| | x |")
    assert errors(found) == [("no_survey_sheet", found[0].where)]


def test_unreadable_file(tmp_path) -> None:
    bad = tmp_path / "broken.xlsx"
    bad.write_bytes(b"not a zip")
    found = check_form(bad)
    assert [p.code for p in found] == ["file_unreadable"]
    with pytest.raises(FormError) as caught:
        load_form(bad)
    assert "broken.xlsx" in caught.value.message_vi


def test_load_form_raises_with_every_error() -> None:
    path = write_form("| type | name | label |\n| txet | a | A |\n| range | b | B |")
    with pytest.raises(FormError) as caught:
        load_form(path)
    assert "survey!A2" in str(caught.value) and "survey!A3" in str(caught.value)
    assert caught.value.message_vi.splitlines()[0].endswith("2 lỗi:")


# --- the command line ---------------------------------------------------------------------------


def test_cli_check_valid_form(capsys: pytest.CaptureFixture[str]) -> None:
    path = write_form("| type | name | label |\n| text | a | A |")
    assert main(["forms", "check", str(path)]) == 0
    assert "hợp lệ / valid" in capsys.readouterr().out


def test_cli_check_lists_problems_and_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    path = write_form("| type | name | label | relevant |\n| txet | a | A | |\n| text | b | B | ${zz} |")
    assert main(["forms", "check", str(path)]) == 1
    out = capsys.readouterr().out
    assert "survey!A2:" in out and "survey!D3:" in out and "2 lỗi / error(s)" in out


def test_cli_check_warnings_only_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    path = write_form("| type | name | label |\n| imei | i | |\n| text | a | A |")
    assert main(["forms", "check", str(path)]) == 0
    assert "warning" in capsys.readouterr().out


def test_cli_check_json(capsys: pytest.CaptureFixture[str]) -> None:
    path = write_form("| type | name | label |\n| txet | a | A |")
    assert main(["forms", "check", "--json", str(path)]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report[0]["valid"] is False
    problem = report[0]["problems"][0]
    assert (
        problem["where"] == "survey!A2"
        and problem["code"] == "unknown_type"
        and problem["severity"] == "error"
    )
    assert problem["message_vi"] and problem["message_en"]


def test_cli_check_missing_file_is_exit_2(capsys: pytest.CaptureFixture[str], tmp_path) -> None:
    assert main(["forms", "check", str(tmp_path / "nope.xlsx")]) == 2
    assert "nope.xlsx" in capsys.readouterr().err
