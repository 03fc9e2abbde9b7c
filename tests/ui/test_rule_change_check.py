"""After the rule data changes, the main window re-derives every final review's class in the background
and shows the reviews whose stored class differs; the next start does not check again (issue 10)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from xaapp.rules import data as rule_data
from xaapp.services.review_check import remember_rules, rules_changed, rules_fingerprint
from xaapp.storage.db import Database
from xaapp.ui.i18n import install_language
from xaapp.ui.main_window import MainWindow
from xaapp.ui.tasks import InlineTaskRunner

pytestmark = pytest.mark.gui


def test_a_change_of_the_rule_data_is_checked_once_and_the_differences_shown(
    qtbot, demo_db: Database, officer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    remember_rules(demo_db, rules_fingerprint())
    window = MainWindow(
        demo_db, InlineTaskRunner(), officer, "Xã Bá Thước", True, tmp_path / "ui.ini", install_language("vi")
    )
    qtbot.addWidget(window)
    window.show()
    assert window.check_rule_changes() is False  # same rule data: nothing to do

    rules = tmp_path / "rules"
    shutil.copytree(rule_data.rules_folder(), rules)
    standards = rules / "poverty_standards.json"
    text = standards.read_text("utf-8").replace(
        '"income_line": {"rural": 1500000', '"income_line": {"rural": 1000000'
    )
    standards.write_text(text, "utf-8")
    monkeypatch.setattr(rule_data, "_bundled_folder", lambda: rules)
    assert rules_changed(demo_db)
    assert window.check_rule_changes() is True
    report = window.rule_check_report
    assert report.complete and report.mismatches
    box = window.rule_check_box
    assert box.isVisible() and box.windowTitle() == "Dữ liệu quy tắc đã thay đổi"
    assert f"{len(report.mismatches)} phiếu đã hoàn tất có phân loại khác" in box.text()
    first = report.mismatches[0]
    assert (
        f"Hộ {first.household_code} ({first.head_name}, {first.village}), năm {first.year}"
        in box.detailedText()
    )
    assert not rules_changed(demo_db)  # remembered: the next start does not check again
    box.close()
