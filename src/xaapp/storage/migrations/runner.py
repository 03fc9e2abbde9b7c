"""Apply schema steps at start-up: refuse newer files, back up first, all-or-nothing.

The schema version is SQLite's ``PRAGMA user_version``. Steps are plain modules listed in
``STEPS`` (importable, so they work unchanged inside a PyInstaller bundle). Every pending step
and its version bump run inside one transaction, together with the steps after it: SQLite DDL is
transactional, so a failure anywhere rolls the file back to exactly the version it had, and the
backup copy taken before is a second line of defence.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from xaapp.errors import KnownError
from xaapp.storage.backup import backup_file
from xaapp.storage.cipher import connect
from xaapp.storage.migrations.steps import (
    m0001_initial,
    m0002_folded_names,
    m0003_outbox_lookup_indexes,
    m0004_form_shaped_reviews,
    m0005_sealed_device_token,
    m0006_person_name_sort,
    m0007_reopen_exported,
    m0008_review_loop,
    m0009_yearly_report,
    m0010_review_list_index,
    m0011_outbox_entity_pending,
    m0012_household_code_index,
)

logger = logging.getLogger(__name__)

#: Applied in order; a step's version is its place in this tuple.
STEPS: tuple[ModuleType, ...] = (
    m0001_initial,
    m0002_folded_names,
    m0003_outbox_lookup_indexes,
    m0004_form_shaped_reviews,
    m0005_sealed_device_token,
    m0006_person_name_sort,
    m0007_reopen_exported,
    m0008_review_loop,
    m0009_yearly_report,
    m0010_review_list_index,
    m0011_outbox_entity_pending,
    m0012_household_code_index,
)
HEAD = len(STEPS)


@dataclass(frozen=True)
class MigrationReport:
    from_version: int
    to_version: int
    backup: Path | None


def run_script(conn: sqlite3.Connection, script: str) -> None:
    """Execute several statements inside the current transaction.

    ``executescript`` would COMMIT first, breaking the all-or-nothing promise, so statements are
    split with ``sqlite3.complete_statement`` (which understands trigger bodies).
    """
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            conn.execute(buffer)
            buffer = ""
    if buffer.strip():
        raise ValueError(f"incomplete SQL statement: {buffer.strip()[:60]}")


def schema_version(path: Path, key: bytes | None = None) -> int:
    conn = connect(path, key)
    try:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])
    finally:
        conn.close()


def migrate(
    path: Path, backup_dir: Path, steps: Sequence[ModuleType] = STEPS, key: bytes | None = None
) -> MigrationReport:
    """Bring the database at *path* to the newest schema; create it if missing (encrypted under *key*, if given)."""
    head = len(steps)
    existed = path.exists() and path.stat().st_size > 0
    conn = connect(path, key, isolation_level=None)
    try:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if version > head:
            raise KnownError(
                f"Tệp dữ liệu {path} được tạo bởi phiên bản xaapp mới hơn (lược đồ {version}, phiên bản này "
                f"chỉ biết đến {head}). Hãy cài phiên bản xaapp mới nhất; tệp không bị thay đổi.",
                f"The data file {path} was written by a newer xaapp (schema {version}; this version knows up to "
                f"{head}). Install the latest xaapp; the file was not changed.",
            )
        if version == head:
            return MigrationReport(version, version, None)
        backup = backup_file(path, backup_dir, f"before-schema-{head}", key) if existed and version > 0 else None
        conn.execute("PRAGMA foreign_keys = OFF")  # table rebuilds need this; checked before commit
        conn.execute("BEGIN IMMEDIATE")
        step_no = version
        try:
            for step_no in range(version + 1, head + 1):
                logger.info("schema step %d: %s", step_no, (steps[step_no - 1].__doc__ or "").strip())
                steps[step_no - 1].upgrade(conn)
                conn.execute(f"PRAGMA user_version = {step_no}")
            problems = conn.execute("PRAGMA foreign_key_check").fetchall()
            if problems:
                raise RuntimeError(f"foreign key check failed: {problems[:5]}")
            conn.execute("COMMIT")
        except Exception as exc:
            conn.execute("ROLLBACK")
            logger.exception("schema step %d failed", step_no)
            where = f" Bản sao lưu: {backup}." if backup else ""
            raise KnownError(
                f"Không nâng cấp được tệp dữ liệu (bước {step_no}): {exc}. Tệp vẫn ở phiên bản {version}, "
                f"không có gì bị thay đổi.{where} Hãy gửi tệp nhật ký cho bộ phận hỗ trợ.",
                f"Could not upgrade the data file (step {step_no}): {exc}. It is still at version {version}; "
                f"nothing was changed.{' Backup: ' + str(backup) + '.' if backup else ''} Send the log file to support.",
            ) from exc
        return MigrationReport(version, head, backup)
    finally:
        conn.close()
