"""Indexes on outbox(entity_uuid) and outbox(batch_id): sync looks rows up by record and by batch."""

from __future__ import annotations

import sqlite3


def upgrade(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE INDEX ix_outbox_entity_uuid ON outbox (entity_uuid)")
    conn.execute("CREATE INDEX ix_outbox_batch_id ON outbox (batch_id)")
