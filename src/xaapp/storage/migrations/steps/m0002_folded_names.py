"""Folded (accent- and case-free) names on people and units, indexed, for search as you type."""

from __future__ import annotations

import sqlite3
import unicodedata


def fold(text: str) -> str:
    """Accent- and case-folding as ``xaapp.domain.text.fold`` was when this migration was written, frozen
    here so that replaying the migration gives the same result whatever today's code says."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


def upgrade(conn: sqlite3.Connection) -> None:
    conn.execute("ALTER TABLE person ADD COLUMN name_folded VARCHAR(100) NOT NULL DEFAULT ''")
    conn.execute("ALTER TABLE admin_unit ADD COLUMN name_folded VARCHAR(100) NOT NULL DEFAULT ''")
    people = conn.execute("SELECT id, full_name FROM person").fetchall()
    conn.executemany("UPDATE person SET name_folded = ? WHERE id = ?", [(fold(n), i) for i, n in people])
    units = conn.execute("SELECT code, name FROM admin_unit").fetchall()
    conn.executemany("UPDATE admin_unit SET name_folded = ? WHERE code = ?", [(fold(n), c) for c, n in units])
    conn.execute("CREATE INDEX ix_person_name_folded ON person (name_folded)")
