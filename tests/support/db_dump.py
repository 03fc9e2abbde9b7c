"""A full dump of a local database, every table and every row, to compare before and after an action."""

from __future__ import annotations

import sqlite3
from pathlib import Path

Dump = dict[str, list[tuple[object, ...]]]


def dump_database(path: Path) -> Dump:
    """Every row of every table of the SQLite file at *path* (WAL included), sorted, by table name."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        out: Dump = {}
        for table in tables:
            rows = conn.execute(f'SELECT * FROM "{table}"').fetchall()
            out[table] = sorted(rows, key=repr)
        if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'").fetchone():
            out["sqlite_sequence"] = sorted(conn.execute("SELECT * FROM sqlite_sequence").fetchall())
        return out
    finally:
        conn.close()


def dump_changes(before: Dump, after: Dump) -> dict[str, tuple[int, int]]:
    """Tables whose rows differ: (rows only before, rows only after), for a readable assertion message."""
    changed = {}
    for table in sorted(set(before) | set(after)):
        old, new = set(before.get(table, [])), set(after.get(table, []))
        if old != new:
            changed[table] = (len(old - new), len(new - old))
    return changed
