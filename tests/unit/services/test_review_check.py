"""`xaapp db check --deep` and the check after a change of the rule data: every final review's class is
derived again from its stored answers with the rules of its year; each difference is listed (issue 10)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from xaapp.cli import main
from xaapp.rules import data as rule_data
from xaapp.services.demo import generate_demo
from xaapp.services.review_check import (
    RULES_FINGERPRINT,
    check_reviews,
    remember_rules,
    rules_changed,
    rules_fingerprint,
)
from xaapp.services.settings import get_setting
from xaapp.storage.db import Database, open_database
from xaapp.storage.orm import Household, PovertyReview


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("check-demo")
    db = open_database(folder)
    generate_demo(db, households=60, seed=8)
    db.close()
    return folder


@pytest.fixture
def folder(template: Path, tmp_path: Path) -> Path:
    shutil.copytree(template, tmp_path / "data")
    return tmp_path / "data"


def lower_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The rule data with the 2022–2025 rural poverty line lowered to 1,000,000 đ (a province correction)."""
    rules = tmp_path / "rules"
    shutil.copytree(rule_data.rules_folder(), rules)
    path = rules / "poverty_standards.json"
    text = path.read_text(encoding="utf-8")
    assert text.count('"income_line": {"rural": 1500000') == 1
    path.write_text(
        text.replace('"income_line": {"rural": 1500000', '"income_line": {"rural": 1000000'), "utf-8"
    )
    monkeypatch.setattr(rule_data, "_bundled_folder", lambda: rules)
    return rules


def corrupt_one_class(db: Database) -> tuple[str, int]:
    """Store another class on one final review (as a hand edit of the file would)."""
    with db.session(actor="test") as s:
        review = s.scalars(
            select(PovertyReview).where(PovertyReview.status == "final", PovertyReview.result_class == "none")
        ).first()
        review.result_class = "poor"
        return s.get(Household, review.household_id).code, review.review_year


def test_a_consistent_commune_passes_and_a_changed_class_is_listed_by_the_cli(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["db", "check", "--deep", "--data-dir", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "0 phiếu khác phân loại đã lưu" in out
    db = open_database(folder)
    code, year = corrupt_one_class(db)
    db.close()
    assert main(["db", "check", "--deep", "--data-dir", str(folder)]) == 1
    lines = capsys.readouterr().out.splitlines()
    listed = [line for line in lines if line.startswith("Hộ ")]
    assert len(listed) == 1 and listed[0].startswith(f"Hộ {code} (")
    assert f"năm {year}: đã lưu «hộ nghèo», tính lại «không thuộc diện" in listed[0]
    assert "stored poor, derived none" in listed[0] and "1 phiếu khác phân loại đã lưu" in lines[-1]
    assert main(["db", "check", "--data-dir", str(folder)]) == 0  # without --deep: the integrity check only


def test_after_the_rule_data_changes_the_check_runs_and_lists_the_classes_that_differ(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = open_database(folder)
    assert rules_changed(db)  # never checked: the first start checks once
    first = check_reviews(db)
    assert first.ok and first.complete and first.checked > 60
    remember_rules(db, rules_fingerprint())
    assert get_setting(db, RULES_FINGERPRINT) == rules_fingerprint() and not rules_changed(db)

    lower_line(tmp_path, monkeypatch)
    assert rules_changed(db)
    report = check_reviews(db)
    with db.read() as s:
        affected = {
            (s.get(Household, r.household_id).code, r.review_year)
            for r in s.scalars(
                select(PovertyReview).where(
                    PovertyReview.status == "final", PovertyReview.review_year <= 2026
                )
            )
            if r.result_class in ("poor", "near_poor") and r.result["income_per_capita"] > 1_000_000
        }
    assert affected and {(m.household_code, m.year) for m in report.mismatches} == affected
    assert all(m.derived_class == "none" or m.derived_class == "average" for m in report.mismatches)
    remember_rules(db, rules_fingerprint())
    assert not rules_changed(db)


def test_a_fingerprint_covers_every_rule_file_by_name_and_content(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(rule_data.rules_folder(), rules)
    before = rules_fingerprint(rules)
    (rules / "movement.json").write_text(
        json.dumps(json.loads((rules / "movement.json").read_text("utf-8")), indent=1), "utf-8"
    )
    changed = rules_fingerprint(rules)
    assert changed != before
    (rules / "movement.json").rename(rules / "movement2.json")
    assert rules_fingerprint(rules) not in (before, changed)
    renamed = rules_fingerprint(rules)
    (rules / "README.md").write_text("ghi chú", "utf-8")  # notes are not rule data
    assert rules_fingerprint(rules) == renamed
