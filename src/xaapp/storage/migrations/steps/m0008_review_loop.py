"""The review loop with the province: returned reviews and approved lists (received on sync)."""

from __future__ import annotations

import sqlite3

SQL = """
CREATE TABLE review_return (
    id INTEGER NOT NULL,
    server_id INTEGER NOT NULL,
    household_uuid VARCHAR(36) NOT NULL,
    review_uuid VARCHAR(36) NOT NULL,
    review_year INTEGER NOT NULL,
    review_revision INTEGER NOT NULL,
    comment TEXT NOT NULL,
    returned_by VARCHAR(100) NOT NULL,
    returned_at DATETIME NOT NULL,
    received_at DATETIME NOT NULL,
    resolved_at DATETIME,
    resolved_revision INTEGER,
    PRIMARY KEY (id),
    UNIQUE (server_id)
);
CREATE TABLE list_approval (
    id INTEGER NOT NULL,
    server_id INTEGER NOT NULL,
    village_uuid VARCHAR(36) NOT NULL,
    year INTEGER NOT NULL,
    scope VARCHAR(8) NOT NULL,
    approved_by VARCHAR(100) NOT NULL,
    approved_at DATETIME NOT NULL,
    withdrawn_at DATETIME,
    PRIMARY KEY (id),
    UNIQUE (server_id)
);
"""


def upgrade(conn: sqlite3.Connection) -> None:
    from xaapp.storage.migrations.runner import run_script

    run_script(conn, SQL)
