"""A covering index for the household list's reviews (year, household, and the columns the list shows).

The list reads one review per household for the year; without this index SQLite read each review row,
past its answers (kilobytes of JSON): most of the file's pages at every list load, each of which an
encrypted (SQLCipher) file must also decrypt and check.
"""

from __future__ import annotations

import sqlite3


def upgrade(conn: sqlite3.Connection) -> None:
    conn.execute(
        "CREATE INDEX ix_poverty_review_list ON poverty_review (review_year, household_id, id, deleted_at,"
        " result_class, recognised_on, posted_on, meeting_on, surveyed_on, listed_on)"
    )
