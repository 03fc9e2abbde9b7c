"""The central database: tables (SQLAlchemy Core), for SQLite and PostgreSQL, and ``migrate``.

Changes to the schema are Alembic revisions shipped in ``xaapp/server/migrations/versions`` (each one
spelled out in full, never built from these models; see ``docs/server-schema.md``); the revision lives
in ``alembic_version``. Every instance runs ``migrate`` at start-up under a PostgreSQL advisory lock
(SQLite: the write lock), so several stateless instances can start together against one database. A
database newer than the code is refused. A database of the old hand-written runner (its version in
``server_meta``) is stamped with the matching revision and upgraded from there.

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
* ``attachment`` / ``attachment_chunk``: files attached to answers (``attachment_store``).
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.script.revision import ResolutionError
from alembic.util.exc import CommandError
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


#: The old hand-written runner's versions (``server_meta.schema_version``), each the Alembic revision
#: that brings the same schema: a database it created is stamped there, then upgraded like any other.
LEGACY_VERSIONS = {1: "0001", 2: "0002", 3: "0003", 4: "0004"}
_LOCK_ID = 7_214_923  # PostgreSQL advisory lock: one migrating instance at a time


def _config(conn: Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(Path(__file__).with_name("migrations")))
    config.attributes["connection"] = conn
    return config


def head_revision() -> str:
    """The revision this xaapp brings a database to."""
    head = ScriptDirectory(str(Path(__file__).with_name("migrations"))).get_current_head()
    assert head is not None
    return head


def schema_revision(conn: Connection) -> str | None:
    """The database's Alembic revision; for a database of the old runner, the revision of its version;
    None for an empty database."""
    current = MigrationContext.configure(conn).get_current_revision()
    if current is not None:
        return current
    legacy = _legacy_version(conn)
    return None if legacy == 0 else LEGACY_VERSIONS.get(legacy, f"legacy-{legacy}")


def _legacy_version(conn: Connection) -> int:
    if not conn.dialect.has_table(conn, "server_meta"):
        return 0
    value = conn.scalar(select(server_meta.c.value).where(server_meta.c.key == "schema_version"))
    return int(value or 0)


def _too_new(found: str, head: str) -> KnownError:
    return KnownError(
        f"Cơ sở dữ liệu máy chủ ở phiên bản «{found}», mới hơn bản xaapp này («{head}»). Hãy cập nhật xaapp.",
        f"The server database is at revision “{found}”, newer than this xaapp (“{head}”). Update xaapp.",
    )


def migrate(conn: Connection) -> tuple[str | None, str]:
    """Bring the schema to the head revision inside the caller's transaction; returns (from, to).

    A database the old runner left (``server_meta.schema_version`` = N, no ``alembic_version``) is
    first stamped with the revision of version N, and the marker removed."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": _LOCK_ID})
    config = _config(conn)
    script = ScriptDirectory.from_config(config)
    head = script.get_current_head()
    assert head is not None
    current = MigrationContext.configure(conn).get_current_revision()
    if current is None:
        legacy = _legacy_version(conn)
        if legacy:
            if legacy not in LEGACY_VERSIONS:
                raise _too_new(str(legacy), head)
            current = LEGACY_VERSIONS[legacy]
            command.stamp(config, current)
            conn.execute(server_meta.delete().where(server_meta.c.key == "schema_version"))
    if current is not None:
        try:
            script.get_revision(current)
        except (CommandError, ResolutionError):
            raise _too_new(current, head) from None
    if current != head:
        command.upgrade(config, "head")
    return current, head
