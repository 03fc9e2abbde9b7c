"""Consistent copies of the database file (SQLite online backup API: safe with WAL and open readers).

A copy of an encrypted file is encrypted with the same key (SQLCipher copies the pages as they are
stored), so it opens with the same passphrase or recovery code and never lies in plain text on a disk.
"""

from __future__ import annotations

from pathlib import Path

from xaapp.domain.clock import utcnow
from xaapp.paths import private_dir, private_file
from xaapp.storage.cipher import connect


def backup_file(source: Path, backup_dir: Path, label: str, key: bytes | None = None) -> Path:
    """Copy *source* to ``backup_dir/<stem>-<label>-<UTC time>.db`` (owner-only) and return the copy's path.

    *key*: the SQLCipher key of an encrypted *source*; the copy is encrypted under it too."""
    private_dir(backup_dir)
    stamp = utcnow().strftime("%Y%m%d-%H%M%S-%f")
    target = private_file(backup_dir / f"{source.stem}-{label}-{stamp}.db")
    src = connect(source, key)
    try:
        dst = connect(target, key)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return target


DAILY_LABEL = "daily"


def daily_backup(
    source: Path, backup_dir: Path, keep: int = 7, min_hours: float = 20.0, key: bytes | None = None
) -> Path | None:
    """At most one copy a day (taken at start-up), the newest *keep* kept: a damaged disk or a bad day
    of editing costs at most a day. Returns the new copy, or None when a recent one exists."""
    if not source.exists():
        return None
    copies = sorted(backup_dir.glob(f"{source.stem}-{DAILY_LABEL}-*.db"))
    if copies:
        age_hours = (utcnow().timestamp() - copies[-1].stat().st_mtime) / 3600
        if age_hours < min_hours:
            return None
    made = backup_file(source, backup_dir, DAILY_LABEL, key)
    for old in sorted(backup_dir.glob(f"{source.stem}-{DAILY_LABEL}-*.db"))[:-keep]:
        old.unlink(missing_ok=True)
    return made
