"""Consistent copies of the database file (SQLite online backup API: safe with WAL and open readers)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from xaapp.domain.clock import utcnow


def backup_file(source: Path, backup_dir: Path, label: str) -> Path:
    """Copy *source* to ``backup_dir/<stem>-<label>-<UTC time>.db`` and return the copy's path."""
    backup_dir.mkdir(parents=True, exist_ok=True)
    stamp = utcnow().strftime("%Y%m%d-%H%M%S-%f")
    target = backup_dir / f"{source.stem}-{label}-{stamp}.db"
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
