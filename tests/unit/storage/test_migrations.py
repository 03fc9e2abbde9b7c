"""Schema migrations: upgrade an old file, refuse a newer one, leave the file intact when a step fails."""

from __future__ import annotations

import shutil
import sqlite3
import types
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine

from xaapp.errors import KnownError
from xaapp.storage.db import open_database
from xaapp.storage.migrations.runner import HEAD, STEPS, migrate, schema_version
from xaapp.storage.orm import Base

V1_FIXTURE = Path(__file__).resolve().parents[2] / "data" / "db_v1.sqlite"


@pytest.fixture
def v1_db(tmp_path: Path) -> Path:
    target = tmp_path / "xaapp.db"
    shutil.copy(V1_FIXTURE, target)
    return target


def _dump(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def test_new_database_is_created_at_head(tmp_path: Path) -> None:
    db = open_database(tmp_path)
    assert schema_version(db.path) == HEAD
    assert db.migration.from_version == 0 and db.migration.backup is None


def test_migrated_schema_matches_the_models(tmp_path: Path) -> None:
    db = open_database(tmp_path)
    engine = create_engine(f"sqlite:///{db.path}")
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_fixture_from_version_1_upgrades_and_keeps_its_data(v1_db: Path) -> None:
    assert schema_version(v1_db) == 1
    db = open_database(v1_db.parent)
    assert schema_version(v1_db) == HEAD
    assert db.migration.from_version == 1 and db.migration.backup is not None
    assert schema_version(db.migration.backup) == 1  # the backup is the file as it was
    conn = sqlite3.connect(v1_db)
    people = conn.execute("SELECT full_name, name_folded FROM person ORDER BY position").fetchall()
    conn.close()
    assert people == [("Bùi Văn Đức", "bui van duc"), ("Hà Thị Nguyệt", "ha thi nguyet")]


def test_a_newer_database_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    db = open_database(tmp_path)
    db.close()
    conn = sqlite3.connect(db.path)
    conn.execute(f"PRAGMA user_version = {HEAD + 3}")
    conn.close()
    before = _dump(db.path)
    with pytest.raises(KnownError) as info:
        open_database(tmp_path)
    assert "phiên bản xaapp mới hơn" in info.value.message_vi
    assert "newer xaapp" in info.value.message_en
    assert _dump(db.path) == before


def test_a_failing_step_leaves_the_old_file_intact(v1_db: Path) -> None:
    def explode(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE half_done (x INTEGER)")
        conn.execute("UPDATE person SET full_name = 'hỏng'")
        raise RuntimeError("disk gremlin")

    failing = types.ModuleType("m9999_failing")
    failing.__doc__ = "A step that fails half-way."
    failing.upgrade = explode  # type: ignore[attr-defined]
    before = _dump(v1_db)
    with pytest.raises(KnownError) as info:
        migrate(v1_db, v1_db.parent / "backups", steps=(*STEPS, failing))
    assert "disk gremlin" in info.value.message_vi
    assert schema_version(v1_db) == 1
    assert _dump(v1_db) == before  # not even step 2 (which succeeded) is kept
    assert list((v1_db.parent / "backups").glob("*.db"))  # and a backup was taken first
