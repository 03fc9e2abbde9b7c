"""`xaapp allowance` says which household classes a clause is for in words, never in codes (issue 14:
"hộ thuộc loại poor; hộ này là none")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from xaapp import cli

CODES = ("poor", "near_poor", "average", "none")


@pytest.fixture(autouse=True)
def _only_rules_commands(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "COMMAND_MODULES", ("xaapp.cli.classify", "xaapp.cli.allowance"))


@pytest.mark.parametrize(
    ("household", "clause", "vi", "en"),
    [
        ("none", "5.5a", "chỉ dành cho hộ nghèo; hộ này không thuộc diện hộ nghèo, cận nghèo, mức sống trung bình",
         "is only for a poor household; this household is not poor, near-poor or average-living-standard"),
        ("average", "5.5b", "chỉ dành cho hộ nghèo hoặc hộ cận nghèo; hộ này là hộ có mức sống trung bình",
         "is only for a poor household or a near-poor household; this one is an average-living-standard household"),
    ],
)  # fmt: skip
def test_a_clause_for_other_households_names_the_classes_in_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], household: str, clause: str, vi: str, en: str
) -> None:
    data = {"month": "2026-07", "birth_date": "1948-01-01", "household": household, "categories": [{"clause": clause}]}
    path = tmp_path / "in.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert cli.main(["allowance", str(path)]) == 0
    out = json.loads(capsys.readouterr().out)
    (why,) = [x["why"] for x in out["excluded"] if x["clause"] == clause]
    assert vi in why["vi"] and en in why["en"]
    for code in CODES:
        assert f" {code} " not in f" {why['vi']} ".replace(";", " ").replace(",", " ")
