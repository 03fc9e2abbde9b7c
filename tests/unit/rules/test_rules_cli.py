"""`xaapp classify` and `xaapp allowance` from files: output shape, saved reviews, exit status 2 on bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from xaapp import cli


@pytest.fixture(autouse=True)
def _only_rules_commands(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "COMMAND_MODULES", ("xaapp.cli.classify", "xaapp.cli.allowance"))


def _write(tmp_path: Path, data: object, name: str = "in.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_classify_file_output_keys(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = _write(
        tmp_path, {"review_year": 2026, "area": "urban", "score_a": 160, "deprivations": ["nutrition"]}
    )
    assert cli.main(["classify", file]) == 0
    out = json.loads(capsys.readouterr().out)
    assert list(out)[:8] == [
        "classification",
        "standard",
        "income_line",
        "income_test",
        "deprivation_count",
        "score_b",
        "deprivations",
        "reason",
    ]
    assert (out["classification"], out["income_test"], out["income_line"]) == (
        "near_poor",
        "score_a",
        2_000_000,
    )


def test_classify_saved_review(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    saved = {
        "form_id": "household_review",
        "data": {
            "g": {
                "review_year": 2027,
                "area": "rural",
                "income_method": "income",
                "income_per_capita": 2100000,
            },
            "d": {"dep_nutrition": 1, "dep_housing_area": 1, "dep_water_source": 1},
        },
    }
    assert cli.main(["classify", _write(tmp_path, saved)]) == 0
    assert json.loads(capsys.readouterr().out)["classification"] == "poor"


@pytest.mark.parametrize(
    ("command", "content", "message"),
    [
        ("classify", "{not json", "JSON"),
        ("classify", "[1, 2]", "JSON"),
        (
            "classify",
            json.dumps({"review_year": 2026, "area": "rural", "income_per_capita": "x", "deprivations": []}),
            "income_per_capita",
        ),
        (
            "classify",
            json.dumps(
                {"review_year": 2026, "area": "rural", "income_per_capita": 1, "deprivations": ["foo"]}
            ),
            "deprivations[0]",
        ),
        ("allowance", json.dumps({"month": "2024-07", "categories": [{"clause": "5.5a"}]}), "birth_date"),
        ("allowance", json.dumps({"month": "July", "categories": []}), "month"),
    ],
)
def test_bad_input_exits_2_naming_the_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, content: str, message: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    assert cli.main([command, str(path)]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_missing_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["allowance", str(tmp_path / "none.json")]) == 2
    assert "none.json" in capsys.readouterr().err


def test_point_table_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A made-up one-item table: checks the --point-table plumbing, not real points.
    table = {"format": "xaapp-score-a-table", "format_version": 1, "status": "unverified", "years": [2022, 2026],
             "base_points": {"rural": 100, "urban": 100},
             "items": [{"code": "members", "type": "choice", "options": [{"value": "4", "points": {"rural": 41, "urban": 41}}]}]}  # fmt: skip
    review = {"review_year": 2026, "area": "rural", "score_a_answers": {"members": "4"}, "deprivations": []}
    args = ["classify", "--point-table", _write(tmp_path, table, "table.json"), _write(tmp_path, review)]
    assert cli.main(args) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["score_a"], out["classification"]) == (141, "none")  # 141 > 140 (Circular 07/2021)
    review["score_a_answers"] = {}
    assert (
        cli.main(["classify", _write(tmp_path, review), "--point-table", str(tmp_path / "table.json")]) == 2
    )
    assert "score_a_answers.members" in capsys.readouterr().err
