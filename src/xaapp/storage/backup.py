"""Consistent copies of the database file (SQLite online backup API: safe with WAL and open readers)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from xaapp.domain.clock import utcnow
from xaapp.paths import private_dir, private_file


def backup_file(source: Path, backup_dir: Path, label: str) -> Path:
    """Copy *source* to ``backup_dir/<stem>-<label>-<UTC time>.db`` (owner-only) and return the copy's path."""
    private_dir(backup_dir)
    stamp = utcnow().strftime("%Y%m%d-%H%M%S-%f")
    target = private_file(backup_dir / f"{source.stem}-{label}-{stamp}.db")
    src = sqlite3.connect(source)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return target


DAILY_LABEL = "daily"


def daily_backup(source: Path, backup_dir: Path, keep: int = 7, min_hours: float = 20.0) -> Path | None:
    """At most one copy a day (taken at start-up), the newest *keep* kept: a damaged disk or a bad day
    of editing costs at most a day. Returns the new copy, or None when a recent one exists."""
    if not source.exists():
        return None
    copies = sorted(backup_dir.glob(f"{source.stem}-{DAILY_LABEL}-*.db"))
    if copies:
        age_hours = (utcnow().timestamp() - copies[-1].stat().st_mtime) / 3600
        if age_hours < min_hours:
            return None
    made = backup_file(source, backup_dir, DAILY_LABEL)
    for old in sorted(backup_dir.glob(f"{source.stem}-{DAILY_LABEL}-*.db"))[:-keep]:
        old.unlink(missing_ok=True)
    return made
