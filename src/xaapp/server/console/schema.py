"""The console's tables: accounts, sessions, login failures, its audit log, and its read model.

Accounts (``console_user``) are province staff, apart from devices: a device token never opens the
console and a console session never authorises ``/v1/*``. Sessions are stored as SHA-256 digests
only; a session's CSRF token is derived from its secret, so it is not stored at all.

The read model (``console_village`` … ``console_tally``) is what the pages read: the synced records
of ``record`` projected into plain columns (``projection``), and per village and year the counts the
pages and the yearly tables show (``tally``), so a page over a million households sums a few thousand
rows instead of parsing a million JSON documents. ``console_feed`` holds, per commune, the change
counter (``record.seq``) the read model has caught up to.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Connection,
    DateTime,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
)
from sqlalchemy.dialects import postgresql, sqlite

metadata = MetaData()

console_user = Table(
    "console_user",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("username", String(60), nullable=False, unique=True),
    Column("display_name", String(100), nullable=False, default=""),
    Column("role", String(12), nullable=False),  # admin | supervisor | viewer
    Column("all_communes", Boolean, nullable=False, default=False),
    Column("password_hash", String(200), nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("updated_at", DateTime, nullable=False),
    Column("password_changed_at", DateTime, nullable=False),
    Column("disabled_at", DateTime),
)

console_user_commune = Table(
    "console_user_commune",
    metadata,
    Column("user_id", Integer, nullable=False),
    Column("commune_code", String(5), nullable=False),
    PrimaryKeyConstraint("user_id", "commune_code"),
)

console_session = Table(
    "console_session",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("user_id", Integer, nullable=False, index=True),
    Column("address", String(64), nullable=False, default=""),
    Column("created_at", DateTime, nullable=False),
    Column("last_seen_at", DateTime, nullable=False),
    Column("expires_at", DateTime, nullable=False),
)

console_login_failure = Table(
    "console_login_failure",
    metadata,
    Column("key", String(130), primary_key=True),  # "user:<name>" or "addr:<address>"
    Column("failures", Integer, nullable=False),
    Column("last_failure_at", DateTime, nullable=False),
)

console_audit = Table(
    "console_audit",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime, nullable=False, index=True),
    Column("user_id", Integer),
    Column("username", String(60), nullable=False, default=""),
    Column("address", String(64), nullable=False, default=""),
    Column("action", String(40), nullable=False),
    Column("commune_code", String(5)),
    Column("target", String(120), nullable=False, default=""),
    Column("detail", Text, nullable=False, default=""),
)

console_feed = Table(
    "console_feed",
    metadata,
    Column("commune_code", String(5), primary_key=True),
    Column("seq", BigInteger, nullable=False, default=0),
    Column("refreshed_at", DateTime),
)

console_village = Table(
    "console_village",
    metadata,
    Column("uuid", String(36), primary_key=True),
    Column("commune_code", String(5), nullable=False, index=True),
    Column("name", String(100), nullable=False, default=""),
    Column("deleted", Boolean, nullable=False, default=False),
)

console_household = Table(
    "console_household",
    metadata,
    Column("uuid", String(36), primary_key=True),
    Column("commune_code", String(5), nullable=False),
    Column("village_uuid", String(36), nullable=False, index=True),
    Column("code", String(20), nullable=False, default=""),
    Column("address", String(200), nullable=False, default=""),
    Column("deleted", Boolean, nullable=False, default=False),
)

console_person = Table(
    "console_person",
    metadata,
    Column("uuid", String(36), primary_key=True),
    Column("commune_code", String(5), nullable=False),
    Column("household_uuid", String(36), nullable=False, index=True),
    Column("position", Integer),
    Column("full_name", String(100), nullable=False, default=""),
    Column("sex", String(8), nullable=False, default=""),
    Column("dob", String(10)),
    Column("birth_year", Integer),
    Column("personal_id", String(12)),
    Column("relationship", String(20), nullable=False, default=""),
    Column("deleted", Boolean, nullable=False, default=False),
)

console_review = Table(
    "console_review",
    metadata,
    Column("uuid", String(36), primary_key=True),
    Column("commune_code", String(5), nullable=False),
    Column("household_uuid", String(36), nullable=False, index=True),
    Column("review_year", Integer, nullable=False),
    Column("kind", String(10), nullable=False, default=""),
    Column("review_month", Integer),
    Column("status", String(8), nullable=False, default=""),
    Column("result_class", String(12)),
    Column("reason_vi", Text, nullable=False, default=""),
    Column("reason_en", Text, nullable=False, default=""),
    Column("deprivations", Text, nullable=False, default="[]"),  # JSON list of indicator codes
    Column("surveyed_on", String(10)),
    Column("posted_on", String(10)),
    Column("recognised_on", String(10)),
    Column("decision_no", String(40)),
    Column("created_at", String(32), nullable=False, default=""),
    Column("deleted", Boolean, nullable=False, default=False),
)

console_tally = Table(
    "console_tally",
    metadata,
    Column("year", Integer, nullable=False),  # 0: the register (households), else a review year
    Column("commune_code", String(5), nullable=False),
    Column("village_uuid", String(36), nullable=False),
    Column("metric", String(60), nullable=False),
    Column("value", Integer, nullable=False),
    PrimaryKeyConstraint("year", "commune_code", "village_uuid", "metric"),
    Index("ix_console_tally_village", "village_uuid"),
)


def insert_ignore(conn: Connection, table: Table, values: dict[str, Any]) -> None:
    """INSERT … ON CONFLICT DO NOTHING on SQLite and PostgreSQL alike."""
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    conn.execute(dialect.insert(table).values(**values).on_conflict_do_nothing())


def bulk_insert(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert many rows in the caller's transaction: COPY on PostgreSQL (an executemany costs a round
    trip per row, 40 minutes for a province's first catch-up), executemany on SQLite (in-process)."""
    if not rows:
        return
    if conn.dialect.name != "postgresql":
        conn.execute(table.insert(), rows)
        return
    names = [c.name for c in table.columns]
    raw: Any = conn.connection.driver_connection  # psycopg's connection (COPY)
    with raw.cursor() as cur, cur.copy(f"COPY {table.name} ({', '.join(names)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(tuple(row.get(n) for n in names))
