"""Reopen changes that an earlier version closed when it wrote them into a sync file.

Before version 7, exporting a sync file closed its outbox rows (outcome ``exported``) and moved each
record's ``synced_revision`` up, whether or not the file ever reached the province. A lost or refused
file therefore lost its records for good. Now a record leaves the outbox only on the server's answer
(a push result or a signed receipt), so those rows are opened again and each record's
``synced_revision`` goes back to the last revision the server is known to have acknowledged. Sending
them again is safe: the server answers ``duplicate`` for what it already holds.
"""

from __future__ import annotations

import sqlite3

#: The synced tables as they were at version 7 (an entity's name is its table's name).
TABLES = (
    "village", "household", "person", "poverty_review", "beneficiary", "beneficiary_event",
    "allowance_period", "merit_record", "child_record",
)  # fmt: skip
ACKNOWLEDGED = ("accepted", "duplicate")


def upgrade(conn: sqlite3.Connection) -> None:
    exported = conn.execute(
        "SELECT entity, entity_uuid, MAX(revision) FROM outbox WHERE outcome = 'exported' GROUP BY entity, entity_uuid"
    ).fetchall()
    for entity, uuid, _revision in exported:
        if entity not in TABLES:
            continue
        (known,) = conn.execute(
            "SELECT COALESCE(MAX(revision), 0) FROM outbox WHERE entity_uuid = ? AND outcome IN (?, ?)",
            (uuid, *ACKNOWLEDGED),
        ).fetchone()
        # Lower only: a later acknowledged push already proves the server has the newer revision.
        conn.execute(
            f"UPDATE {entity} SET synced_revision = ? WHERE uuid = ? AND synced_revision > ?",  # noqa: S608 - fixed names
            (known, uuid, known),
        )
    conn.execute(
        "UPDATE outbox SET acked_at = NULL, outcome = NULL, batch_id = NULL, last_error = NULL "
        "WHERE outcome = 'exported'"
    )
