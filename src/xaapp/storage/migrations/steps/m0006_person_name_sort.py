"""Stored Vietnamese sort key of each person's name (``person.name_sort``), so lists sort without computing it.

The column is added empty (NULL), not filled here. Filling it would mean running today's
``domain.text.name_sort_text`` inside a step that must give the same result forever; a copy of the
algorithm frozen in this file would drift from the one the app uses for new rows. Instead the app
fills what is missing: every write of a name sets it (``storage.orm.Person``), and the household
list computes and stores the keys it finds NULL (``services.households``). Should the sort order
ever change, a later step only needs ``UPDATE person SET name_sort = NULL``.
"""

from __future__ import annotations

import sqlite3


def upgrade(conn: sqlite3.Connection) -> None:
    conn.execute("ALTER TABLE person ADD COLUMN name_sort TEXT")
