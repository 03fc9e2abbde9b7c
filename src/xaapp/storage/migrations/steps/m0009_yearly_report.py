"""The yearly report sent to the province: each time the officer marks a year's report as sent, and
when the province acknowledged it (its signed snapshot of that year's tables)."""

from __future__ import annotations

import sqlite3

SQL = """
CREATE TABLE yearly_report (
    id INTEGER NOT NULL,
    uuid VARCHAR(36) NOT NULL,
    year INTEGER NOT NULL,
    sent_by VARCHAR(40) NOT NULL,
    sent_at DATETIME NOT NULL,
    received_at DATETIME,
    server_id INTEGER,
    PRIMARY KEY (id),
    UNIQUE (uuid)
);
CREATE INDEX ix_yearly_report_year ON yearly_report (year);
"""


def upgrade(conn: sqlite3.Connection) -> None:
    from xaapp.storage.migrations.runner import run_script

    run_script(conn, SQL)
