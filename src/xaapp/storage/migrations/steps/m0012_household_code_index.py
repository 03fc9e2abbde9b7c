"""Index household(code): applying a pulled page looks for local households sharing a pulled household's
code (a duplicate typed on two laptops) by code, instead of reading the whole household table per page."""

from __future__ import annotations

import sqlite3


def upgrade(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE INDEX IF NOT EXISTS ix_household_code ON household (code)")
