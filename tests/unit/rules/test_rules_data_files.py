"""Every rule record carries effective dates, a legal basis and a source status; the rules stay pure."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from xaapp.paths import resource
from xaapp.rules.data import STATUSES

FILES = sorted(p.name for p in resource("rules").glob("*.json"))


def test_expected_topics_exist() -> None:
    assert {
        "poverty_standards.json",
        "deprivation_indicators.json",
        "social_assistance.json",
        "social_pension.json",
        "health_insurance.json",
        "movement.json",
    } <= set(FILES)
    assert (resource("rules") / "README.md").is_file()


@pytest.mark.parametrize("name", FILES)
def test_records_have_dates_basis_and_status(name: str) -> None:
    data = json.loads((resource("rules") / name).read_text(encoding="utf-8"))
    # format 2 of the indicators: each defined once in "indicators", the sets naming codes only
    assert data["topic"] == name.removesuffix(".json")
    assert data["format_version"] == (2 if name == "deprivation_indicators.json" else 1)

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if "effective_from" in node:
                assert (
                    "effective_to" in node and node.get("legal_basis") and node.get("status") in STATUSES
                ), node
            if "status" in node and isinstance(node["status"], str):
                assert node["status"] in STATUSES, node
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(data)


def test_no_point_table_ships() -> None:
    # No official Circular 07/2021 Phụ lục III point table was available; none may be invented.
    assert not (resource("rules") / "score_a_table.json").exists()


def test_rules_import_neither_qt_nor_sqlalchemy() -> None:
    code = (
        "import sys, xaapp.rules.poverty, xaapp.rules.allowance, xaapp.rules.movement, xaapp.domain.personal_id;"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'sqlalchemy') or m.startswith(('xaapp.storage', 'xaapp.services', 'xaapp.ui'))];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
