"""The repository stands on its own: no tracked file points to a folder or document outside it."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Spelled in pieces so this file does not match itself.
OUTSIDE = (
    "../" + "shared",
    "ENVIRONMENT" + ".md",
    "regulations" + ".md",
    "regulations" + ".json",
    "PRODUCT" + ".md",
)


def _tracked_text_files() -> list[Path]:
    try:
        out = subprocess.run(
            ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True, timeout=30
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout")
    files = []
    for name in out.splitlines():
        path = ROOT / name
        if path.suffix in {
            ".py",
            ".md",
            ".sh",
            ".toml",
            ".json",
            ".txt",
            ".cfg",
            ".spec",
            ".iss",
            ".ts",
            ".csv",
        }:
            files.append(path)
    return files


def test_no_file_points_outside_the_repository() -> None:
    offenders = []
    for path in _tracked_text_files():
        if not path.exists():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for needle in OUTSIDE:
            if needle in text:
                offenders.append(f"{path.relative_to(ROOT)}: {needle}")
    assert offenders == []


def test_no_form_workbook_points_outside_the_repository() -> None:
    """The XLSForm workbooks' notes (the province reads them in Excel) name the rule data, not a file
    that only the project's authors had."""
    from openpyxl import load_workbook

    offenders = []
    for path in sorted((ROOT / "forms").glob("*.xlsx")):
        book = load_workbook(path, read_only=True)
        try:
            for sheet in book.worksheets:
                for row in sheet.iter_rows(values_only=True):
                    for value in row:
                        if isinstance(value, str):
                            offenders += [f"{path.name}/{sheet.title}: {n}" for n in OUTSIDE if n in value]
        finally:
            book.close()
    assert offenders == []
