"""Fixtures for pytest-qt tests: a demo commune database and a window wired with the inline task runner."""

from __future__ import annotations

from pathlib import Path

import pytest

from xaapp.domain.roles import Role
from xaapp.services.accounts import UserRow, create_user
from xaapp.services.demo import generate_demo
from xaapp.storage.db import Database, open_database

PASSWORD = "mat-khau-1"


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One 300-household demo commune, built once and copied per test."""
    folder = tmp_path_factory.mktemp("demo-template")
    db = open_database(folder)
    generate_demo(db, households=300, seed=7)
    create_user(db, "thu", "Lê Thị Thu", PASSWORD, Role.OFFICER)
    db.close()
    return folder


@pytest.fixture
def demo_db(demo_template: Path, tmp_path: Path) -> Database:
    import shutil

    target = tmp_path / "data"
    shutil.copytree(demo_template, target)
    return open_database(target)


@pytest.fixture
def officer() -> UserRow:
    return UserRow(2, "thu", "Lê Thị Thu", Role.OFFICER)
