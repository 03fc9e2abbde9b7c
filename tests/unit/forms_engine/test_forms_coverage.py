"""The XLSForm coverage table in docs/forms.md is what the workbooks in tests/data/xlsform give today, and
every workbook pyxform converts loads in xaapp unless one of its expressions is invalid."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

pytest.importorskip("pyxform")

ROOT = Path(__file__).resolve().parents[3]


def _tool():  # noqa: ANN202 - a module
    spec = importlib.util.spec_from_file_location("xlsform_coverage", ROOT / "tools" / "xlsform_coverage.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["xlsform_coverage"] = module
    spec.loader.exec_module(module)
    return module


def test_the_documented_table_is_up_to_date() -> None:
    tool = _tool()
    assert tool.documented() == tool.table(), "run: .venv/bin/python tools/xlsform_coverage.py --write"


def test_every_form_pyxform_converts_loads_unless_an_expression_is_invalid() -> None:
    tool = _tool()
    rows = [line.split(" | ") for line in tool.table().splitlines()[2:]]
    assert len(rows) >= 24
    converted = [r for r in rows if r[2] == "yes"]
    refused = [(r[0], r[3]) for r in converted if r[3] != "yes"]
    assert all("syntax_error" in why for _, why in refused), refused
    assert len(converted) - len(refused) >= 23
