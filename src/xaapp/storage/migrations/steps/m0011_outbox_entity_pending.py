"""Index outbox(entity, acked_at, seq): a push reads the next batch of pending changes, parents first
(by entity, then oldest change), a page at a time, instead of re-reading the whole outbox per batch."""

from __future__ import annotations

import sqlite3


def upgrade(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE INDEX IF NOT EXISTS ix_outbox_entity_pending ON outbox (entity, acked_at, seq)")
