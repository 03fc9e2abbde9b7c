"""Rule data is read and checked once per file change: an edited rule file is seen on the next call."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from xaapp.paths import resource
from xaapp.rules import standards
from xaapp.rules.data import RuleDataError
from xaapp.rules.poverty import classify

REVIEW = {"review_year": 2027, "area": "rural", "income_per_capita": 2_250_000, "deprivations": []}


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "rules"
    folder.mkdir()
    for file in resource("rules").glob("*.json"):
        (folder / file.name).write_text(file.read_text(encoding="utf-8"), encoding="utf-8")
    return folder


def _edit(path: Path, change) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    before = path.stat().st_mtime_ns
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    os.utime(path, ns=(before + 1_000_000_000, before + 1_000_000_000))  # a clock that moved on


def test_an_edited_standard_is_seen_by_the_next_classification(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    first = classify(REVIEW, rules_dir=folder)
    assert first.classification == "none" or first.income_line < 2_300_000
    assert classify(REVIEW, rules_dir=folder) == first  # unchanged files: the same answer
    _edit(folder / "poverty_standards.json", lambda d: d["records"][1]["income_line"].update(rural=2_300_000))
    again = classify(REVIEW, rules_dir=folder)
    assert (again.income_line, again.classification) == (2_300_000, "near_poor")


def test_an_edited_indicator_list_is_seen_too(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    year = standards.standard_for_year(2027, folder)
    assert year is not None and "nutrition" in year.indicators.codes

    def rename(data: dict) -> None:  # the catalogue names each indicator once for every set
        for item in data["indicators"]:
            if item["code"] == "nutrition":
                item["name_vi"] = "Dinh dưỡng (đã sửa)"

    _edit(folder / "deprivation_indicators.json", rename)
    edited = standards.standard_for_year(2027, folder)
    assert edited is not None and edited.indicators.get("nutrition").name_vi == "Dinh dưỡng (đã sửa)"


def test_a_broken_file_is_reported_after_a_good_one_was_cached(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    classify(REVIEW, rules_dir=folder)
    path = folder / "poverty_standards.json"
    path.write_text("{ not json", encoding="utf-8")
    os.utime(path, ns=(1, 1))
    with pytest.raises(RuleDataError, match="poverty_standards.json"):
        classify(REVIEW, rules_dir=folder)
    path.unlink()
    with pytest.raises(RuleDataError, match="poverty_standards.json"):
        classify(REVIEW, rules_dir=folder)


def test_the_standards_are_built_once_while_the_files_stay_the_same(tmp_path: Path, monkeypatch) -> None:
    folder = _copy(tmp_path)
    standards.all_standards(folder)
    builds = []
    real = standards._build_standards
    monkeypatch.setattr(standards, "_build_standards", lambda *a: builds.append(1) or real(*a))
    for _ in range(50):
        classify(REVIEW, rules_dir=folder)
    assert builds == []
    _edit(folder / "poverty_standards.json", lambda d: None)
    standards.all_standards(folder)
    assert builds == [1]


def test_another_folder_in_place_of_the_bundled_one_is_used(tmp_path: Path, monkeypatch) -> None:
    from xaapp.rules import data as rule_data

    assert classify(REVIEW).income_line != 1_000_000
    folder = tmp_path / "rules"
    shutil.copytree(rule_data.rules_folder(), folder)  # modification times kept, as copies keep them
    path = folder / "poverty_standards.json"
    stamp = path.stat()
    text = path.read_text("utf-8")
    line = '"income_line": {"rural": '
    edited = text.replace(line + "2200000", line + "1000000")  # the same size
    assert edited != text and len(edited) == len(text)
    path.write_text(edited, "utf-8")
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    monkeypatch.setattr(rule_data, "_bundled_folder", lambda: folder)
    assert classify(REVIEW).income_line == 1_000_000


def test_files_held_for_a_batch_are_read_once_and_an_edit_is_seen_after_it(tmp_path: Path) -> None:
    from xaapp.rules.data import files_held

    folder = _copy(tmp_path)
    with files_held():
        first = classify(REVIEW, rules_dir=folder)
        _edit(folder / "poverty_standards.json", lambda d: d["records"][1]["income_line"].update(rural=2_300_000))
        assert classify(REVIEW, rules_dir=folder) == first  # held: the batch answers as it began
    again = classify(REVIEW, rules_dir=folder)
    assert (again.income_line, again.classification) == (2_300_000, "near_poor")
