"""The central database: tables (SQLAlchemy Core) and their migrations, for SQLite and PostgreSQL.

Migrations are ordered steps; the version lives in ``server_meta``. Every instance runs
``migrate`` at start-up under a PostgreSQL advisory lock (SQLite: the write lock), so several
stateless instances can start together against one database. A database newer than the code is
refused.

* ``record``: the current version of every record (one row per UUID), its commune, its revision,
  content hash, payload and ``seq``, a per-commune change counter used as the pull cursor.
* ``record_version``: every accepted (uuid, revision, hash): the idempotency key and the history
  (an answer overwritten after a conflict is still here).
* ``conflict`` / ``rejection``: what devices sent that was not stored as current, with why.
* ``commune_state``: one row per commune holding its change counter; its row lock serialises writers
  of one commune, so seq values become visible in order (a pull cursor never skips a change).
* ``device``, ``enrollment_code``: enrolled devices (token stored as SHA-256 only, with its expiry;
  file-signing key sealed with the server key, see ``keys``) and one-time codes.
* ``sync_file``: imported sync files (device, file number), to refuse replays, with the receipt the
  device gets back (what happened to each record; ``sync.receipts``).
* ``reference_item``: admin units, forms and rule files sent down to devices.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
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
    inspect,
    select,
    text,
)

from xaapp.errors import KnownError

metadata = MetaData()

server_meta = Table(
    "server_meta",
    metadata,
    Column("key", String(40), primary_key=True),
    Column("value", Text, nullable=False),
)

commune_state = Table(
    "commune_state",
    metadata,
    Column("commune_code", String(5), primary_key=True),
    Column("last_seq", BigInteger, nullable=False, default=0),
)

counter = Table(
    "counter",
    metadata,
    Column("name", String(20), primary_key=True),
    Column("value", BigInteger, nullable=False, default=0),
)

device = Table(
    "device",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("commune_code", String(5), nullable=False, index=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("signing_key", String(64), nullable=False),  # step 1's clear key; always "" since step 2
    Column("label", String(100), nullable=False, default=""),
    Column("enrolled_at", DateTime, nullable=False),
    Column("revoked_at", DateTime),
    Column("last_seen_at", DateTime),
    # step 2: token expiry and rotation, sealed file-signing keys (see keys.py)
    Column("token_expires_at", DateTime),
    Column("previous_token_hash", String(64)),
    Column("signing_key_sealed", Text),
    Column("previous_signing_key_sealed", Text),
)

enrollment_code = Table(
    "enrollment_code",
    metadata,
    Column("code_hash", String(64), primary_key=True),
    Column("commune_code", String(5), nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("expires_at", DateTime, nullable=False),
    Column("used_at", DateTime),
    Column("device_id", String(40)),
    Column("request_id", String(36)),  # step 2: the enrolment request that used the code (retries)
)

record = Table(
    "record",
    metadata,
    Column("uuid", String(36), primary_key=True),
    Column("entity", String(30), nullable=False),
    Column("commune_code", String(5), nullable=False),
    Column("revision", Integer, nullable=False),
    Column("hash", String(64), nullable=False),
    Column("op", String(8), nullable=False),
    Column("data", Text, nullable=False),
    Column("seq", BigInteger, nullable=False),
    Column("device_id", String(40), nullable=False),
    Column("received_at", DateTime, nullable=False),
    Index("ix_record_commune_seq", "commune_code", "seq"),
    Index("ix_record_commune_entity", "commune_code", "entity"),
)

record_version = Table(
    "record_version",
    metadata,
    Column("uuid", String(36), nullable=False),
    Column("revision", Integer, nullable=False),
    Column("hash", String(64), nullable=False),
    Column("op", String(8), nullable=False),
    Column("data", Text, nullable=False),
    Column("device_id", String(40), nullable=False),
    Column("batch_id", String(64), nullable=False),
    Column("received_at", DateTime, nullable=False),
    PrimaryKeyConstraint("uuid", "revision"),
    Index("ix_record_version_device", "device_id", "received_at"),  # step 2: a device's last batch
)

conflict = Table(
    "conflict",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("uuid", String(36), nullable=False, index=True),
    Column("entity", String(30), nullable=False),
    Column("commune_code", String(5), nullable=False, index=True),
    Column("revision", Integer, nullable=False),
    Column("base_revision", Integer, nullable=False),
    Column("hash", String(64), nullable=False),
    Column("data", Text, nullable=False),
    Column("server_revision", Integer, nullable=False),
    Column("device_id", String(40), nullable=False),
    Column("received_at", DateTime, nullable=False),
)

rejection = Table(
    "rejection",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("uuid", String(36), nullable=False),
    Column("entity", String(30), nullable=False),
    Column("commune_code", String(5), nullable=False, index=True),
    Column("revision", Integer, nullable=False),
    Column("field", String(60), nullable=False),
    Column("reason", Text, nullable=False),
    Column("device_id", String(40), nullable=False),
    Column("received_at", DateTime, nullable=False),
)

sync_file = Table(
    "sync_file",
    metadata,
    Column("device_id", String(40), nullable=False),
    Column("file_seq", Integer, nullable=False),
    Column("checksum", String(64), nullable=False),
    Column("records", Integer, nullable=False),
    Column("imported_at", DateTime, nullable=False),
    Column("receipt", Text),  # JSON of sync.receipts.FileReceipt (step 2)
    PrimaryKeyConstraint("device_id", "file_seq"),
)

reference_item = Table(
    "reference_item",
    metadata,
    Column("kind", String(20), nullable=False),
    Column("key", String(120), nullable=False),
    Column("hash", String(64), nullable=False),
    Column("content", Text, nullable=False),
    Column("seq", BigInteger, nullable=False, index=True),
    PrimaryKeyConstraint("kind", "key"),
)


def _step1(conn: Connection) -> None:
    """Initial schema (a new database gets the current tables at once; later steps then find them)."""
    metadata.create_all(conn)
    conn.execute(counter.insert().values(name="reference", value=0))


def _add_missing_columns(conn: Connection, table: Table, names: tuple[str, ...]) -> None:
    """ALTER TABLE … ADD COLUMN for those of *names* the table lacks (step 1 creates tables from the
    current models, so a fresh database already has them)."""
    from sqlalchemy import inspect

    have = {c["name"] for c in inspect(conn).get_columns(table.name)}
    for name in names:
        if name not in have:
            col = table.c[name]
            ddl = col.type.compile(dialect=conn.dialect)
            conn.execute(text(f"ALTER TABLE {table.name} ADD COLUMN {name} {ddl}"))


def _step2_tokens(conn: Connection) -> None:
    """Token expiry and rotation, sealed file-signing keys, retryable enrolment.

    Devices enrolled before get a year from now (not from their enrolment: no laptop is locked out
    by the upgrade). Their clear signing keys are sealed when the server key is first bound
    (``keys.bind``), which needs the key and so cannot happen here.
    """
    from datetime import UTC, datetime, timedelta

    _add_missing_columns(
        conn,
        device,
        ("token_expires_at", "previous_token_hash", "signing_key_sealed", "previous_signing_key_sealed"),
    )
    _add_missing_columns(conn, enrollment_code, ("request_id",))
    expiry = datetime.now(UTC).replace(tzinfo=None) + timedelta(days=365)
    conn.execute(device.update().where(device.c.token_expires_at.is_(None)).values(token_expires_at=expiry))




def _step3_receipts(conn: Connection) -> None:
    """Receipts of imported sync files; a device's versions by time (to tell a restored laptop)."""
    columns = {c["name"] for c in inspect(conn).get_columns("sync_file")}
    if "receipt" not in columns:
        conn.execute(text("ALTER TABLE sync_file ADD COLUMN receipt TEXT"))
    conn.execute(
        text("CREATE INDEX IF NOT EXISTS ix_record_version_device ON record_version (device_id, received_at)")
    )


def _step_console(conn: Connection) -> None:
    """The supervisor console: accounts, sessions, audit and its read model (``server.console.schema``)."""
    from xaapp.server.console.schema import create_console_tables

    create_console_tables(conn)


def _step_ingest_indexes(conn: Connection) -> None:
    """Every lookup of a push indexed: a household's code within its commune (two laptops typing one
    household), read from the record's JSON by the same expression ``ingest._code_of`` writes."""
    if conn.dialect.name == "postgresql":
        code = "(CAST(data AS JSON) ->> 'code')"
    else:
        code = "json_extract(data, '$.code')"
    conn.execute(
        text(
            f"CREATE INDEX IF NOT EXISTS ix_record_household_code ON record (commune_code, ({code}))"
            " WHERE entity = 'household'"
        )
    )


STEPS = (_step1, _step2_tokens, _step3_receipts, _step_console, _step_ingest_indexes)
HEAD = len(STEPS)
_LOCK_ID = 7_214_923  # PostgreSQL advisory lock: one migrating instance at a time


def schema_version(conn: Connection) -> int:
    if not conn.dialect.has_table(conn, "server_meta"):
        return 0
    value = conn.scalar(select(server_meta.c.value).where(server_meta.c.key == "schema_version"))
    return int(value or 0)


def migrate(conn: Connection) -> tuple[int, int]:
    """Bring the schema to HEAD inside the caller's transaction; returns (from, to)."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": _LOCK_ID})
    current = schema_version(conn)
    if current > HEAD:
        raise KnownError(
            f"Cơ sở dữ liệu máy chủ có phiên bản {current}, mới hơn bản xaapp này ({HEAD}). Hãy cập nhật xaapp.",
            f"The server database is at version {current}, newer than this xaapp ({HEAD}). Update xaapp.",
        )
    for version in range(current, HEAD):
        STEPS[version](conn)
    if current < HEAD:
        conn.execute(server_meta.delete().where(server_meta.c.key == "schema_version"))
        conn.execute(server_meta.insert().values(key="schema_version", value=str(HEAD)))
    return current, HEAD
