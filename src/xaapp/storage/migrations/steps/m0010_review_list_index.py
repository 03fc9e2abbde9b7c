"""Covering indexes for the household list: its reviews (year, household, the columns the list shows)
and its members (names, IDs, phones).

The list reads one review per household for the year; without the first index SQLite read each review
row, past its answers (kilobytes of JSON): most of the file's pages at every list load, each of which an
encrypted (SQLCipher) file must also decrypt and check. The second lets the list and its search index
read the members' few columns without their whole rows.
"""

from __future__ import annotations

import sqlite3


def upgrade(conn: sqlite3.Connection) -> None:
    conn.execute(
        "CREATE INDEX ix_poverty_review_list ON poverty_review (review_year, household_id, id, deleted_at,"
        " result_class, recognised_on, posted_on, meeting_on, surveyed_on, listed_on)"
    )
    conn.execute(
        "CREATE INDEX ix_person_list ON person (household_id, deleted_at, relationship_to_head, position, id,"
        " full_name, name_sort, name_folded, personal_id, phone)"
    )
