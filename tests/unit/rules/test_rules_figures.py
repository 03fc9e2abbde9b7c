"""Results carry the rule figures they rest on with the status the data gives them: an allowance under
the "up to 22" reading, 5.5c after its (unverified) end, the 2027–2030 standard, movement labels."""

from __future__ import annotations

import datetime as dt
import io
import json
import sys
from pathlib import Path

import pytest

from xaapp import cli
from xaapp.paths import resource
from xaapp.rules.allowance import monthly_allowance
from xaapp.rules.figure_marks import FigureMarks
from xaapp.rules.figures import allowance_figures, not_verified, year_figures
from xaapp.rules.movement import household_movement, movement_table
from xaapp.rules.poverty import classify

CHILD_RULE = "social_assistance.clauses[5.4].child_conditions"
UP_TO_22 = "social_assistance.clauses[5.2].coefficients[0]"
END_5_5C = "social_assistance.clauses[5.5c].effective_to"


def keys(figures) -> set[str]:
    return {f.key for f in figures}


def test_an_allowance_under_the_up_to_22_reading_is_unverified_and_names_it() -> None:
    result = monthly_allowance(
        {"month": "2026-03", "birth_date": "01/02/2006", "categories": [{"clause": "5.2", "studying": True}]}
    )
    (line,) = result.entitlements
    assert (line.clause, line.amount, line.status) == ("5.2", 750_000, "unverified")
    assert result.status == "unverified"
    (figure,) = not_verified(result.figures)
    assert figure.key == UP_TO_22 and figure.status == "unverified"
    assert "22" in figure.vi and "đọc là dưới 22" in figure.note
    out = result.to_json()
    assert out["status"] == "unverified"
    assert [f["key"] for f in out["not_verified"]] == [UP_TO_22]
    assert out["entitlements"][0]["figures"][UP_TO_22] == "unverified"
    assert out["entitlements"][0]["figures"]["social_assistance.standard_levels[2024-07-01]"] == "verified"


def test_a_refusal_at_22_also_rests_on_the_reading() -> None:
    result = monthly_allowance(
        {"month": "2026-03", "birth_date": "01/02/2004", "categories": [{"clause": "5.2", "studying": True}]}
    )
    assert result.monthly_amount == 0 and result.status == "unverified"
    assert UP_TO_22 in keys(not_verified(result.figures))


def test_a_disability_allowance_rests_on_verified_figures_only() -> None:
    result = monthly_allowance(
        {
            "month": "2026-03",
            "birth_date": "01/02/1980",
            "categories": [{"clause": "5.6", "severity": "severe", "certificate_month": "2025-01"}],
        }
    )
    assert result.monthly_amount == 750_000
    assert result.status == "verified" and result.to_json()["not_verified"] == []


@pytest.mark.parametrize(("month", "status"), [("2025-06", "verified"), ("2025-07", "unverified")])
def test_clause_5_5c_after_its_unverified_end(month: str, status: str) -> None:
    result = monthly_allowance({"month": month, "birth_date": "01/01/1940", "categories": [{"clause": "5.5c"}]})
    assert result.status == status
    assert (END_5_5C in keys(result.figures)) == (status == "unverified")


def test_single_parent_rests_on_the_children_rule() -> None:
    result = monthly_allowance(
        {
            "month": "2024-07",
            "birth_date": "12/03/1990",
            "categories": [{"clause": "5.4", "children": [{"birth_date": "05/09/2015"}]}],
        }
    )
    assert result.status == "unverified" and CHILD_RULE in keys(not_verified(result.figures))


def test_the_status_comes_from_the_data_and_is_never_changed(tmp_path: Path) -> None:
    folder = tmp_path / "rules"
    folder.mkdir()
    for file in resource("rules").glob("*.json"):
        (folder / file.name).write_text(file.read_text(encoding="utf-8"), encoding="utf-8")
    shipped = json.loads((folder / "social_assistance.json").read_text(encoding="utf-8"))
    option = next(c for c in shipped["clauses"] if c["clause"] == "5.2")["coefficients"][0]
    data = {"month": "2026-03", "birth_date": "01/02/2006", "categories": [{"clause": "5.2", "studying": True}]}
    (figure,) = not_verified(monthly_allowance(data, rules_dir=folder).figures)
    assert figure.status == option["status"] == "unverified"
    option["status"] = "verified"  # a province that checked the text corrects the mark in the data
    (folder / "social_assistance.json").write_text(json.dumps(shipped, ensure_ascii=False), encoding="utf-8")
    assert monthly_allowance(data, rules_dir=folder).status == "verified"


def test_classification_status_follows_the_standard_of_the_year() -> None:
    base = {"area": "rural", "income_per_capita": 1_200_000, "deprivations": ["nutrition", "water_source"]}
    now = classify({**base, "review_year": 2026})
    assert now.status == "verified" and now.to_json()["not_verified"] == []
    later = classify({**base, "review_year": 2027})
    assert later.status == "unverified"
    statuses = {f["key"]: f["status"] for f in later.to_json()["not_verified"]}
    assert statuses == {
        "poverty_standards.records[2027-2030]": "secondary",
        "deprivation_indicators.sets[2027-2030]": "unverified",
    }
    assert keys(year_figures(2027)) >= set(statuses)


def test_movement_labels_are_unverified_wherever_they_go() -> None:
    movement = household_movement({2025: "poor", 2026: "near_poor"}, 2026)
    assert movement.to_json()["status"] == "unverified"
    assert movement.to_json()["not_verified"][0]["key"] == "movement"
    table = movement_table([movement], "poor").to_json()
    assert table["status"] == "unverified" and table["not_verified"][0]["key"] == "movement"


def test_stored_allowances_get_the_figures_of_their_clauses_and_month() -> None:
    march = dt.date(2026, 3, 1)
    assert keys(not_verified(allowance_figures(["5.2"], march, ages=(19,)))) == {UP_TO_22}
    assert not_verified(allowance_figures(["5.6"], march, ages=(40,))) == ()
    assert END_5_5C in keys(allowance_figures(["5.5c"], march, ages=(86,)))
    assert END_5_5C not in keys(allowance_figures(["5.5c"], dt.date(2025, 1, 1), ages=(86,)))


def test_marks_number_each_figure_once_and_footnotes_name_it() -> None:
    marks = FigureMarks()
    up_to_22 = not_verified(allowance_figures(["5.2"], dt.date(2026, 3, 1)))
    children = not_verified(allowance_figures(["5.4"], dt.date(2026, 3, 1)))
    assert marks.mark(()) == ""
    assert marks.mark(up_to_22) == "¹"
    assert marks.mark(children) == "²"
    assert marks.mark((*children, *up_to_22)) == "¹,²"
    first, second = marks.footnotes()
    assert first.startswith("¹ Chưa xác minh: hệ số 1,5 của diện 5.2") and "Nghị định 20/2021" in first
    assert second.startswith("² Chưa xác minh: con được tính của diện 5.4")
    assert marks.footnotes("en")[0].startswith("¹ Unverified: coefficient 1.5 of clause 5.2")


@pytest.mark.parametrize(
    ("command", "stdin", "status", "key"),
    [
        ("allowance", {"month": "2026-03", "birth_date": "01/02/2006",
                       "categories": [{"clause": "5.2", "studying": True}]}, "unverified", UP_TO_22),
        ("classify", {"review_year": 2027, "area": "urban", "income_per_capita": 2_000_000,
                      "deprivations": []}, "unverified", "deprivation_indicators.sets[2027-2030]"),
        ("classify", {"review_year": 2026, "area": "urban", "income_per_capita": 2_000_000,
                      "deprivations": []}, "verified", None),
    ],
)  # fmt: skip
def test_cli_json_carries_the_status(command, stdin, status, key, monkeypatch, capsys) -> None:
    monkeypatch.setattr(cli, "COMMAND_MODULES", ("xaapp.cli.classify", "xaapp.cli.allowance"))
    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps(stdin)))
    assert cli.main([command, "-"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["status"] == status
    assert [f["key"] for f in out["not_verified"] if f["key"] == key] == ([key] if key else [])

