"""The local database: engine with the right pragmas, migrations at open, units of work.

One ``Database`` per process. A unit of work is a ``Session`` opened around one user action
(``with db.session(actor="an") as s: ...``): it commits on success and rolls back on error.
Sessions and ORM objects never cross threads.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from xaapp.errors import KnownError
from xaapp.paths import make_private, private_dir, private_file
from xaapp.storage import cipher, tracking
from xaapp.storage.errors import translate_db_error
from xaapp.storage.migrations.runner import MigrationReport, migrate

logger = logging.getLogger(__name__)

DB_FILENAME = "xaapp.db"
BUSY_TIMEOUT_MS = 5000


def _set_pragmas(dbapi_conn: sqlite3.Connection, _record: object) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA synchronous = NORMAL")  # WAL + NORMAL: durable across a process kill
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cur.close()


def make_engine(path: Path, key: bytes | None = None) -> Engine:
    """The engine over *path*; with *key*, every connection is an SQLCipher one keyed before anything else."""
    if key is None:
        engine = create_engine(f"sqlite+pysqlite:///{path}")
    else:
        engine = create_engine(  # the pysqlite dialect over SQLCipher's module: its errors are wrapped as usual
            f"sqlite+pysqlite:///{path}",
            module=cipher.cipher_module(),
            creator=lambda: cipher.connect(path, key, check_same_thread=False),
        )
    event.listen(engine, "connect", _set_pragmas)
    return engine


class DataLocked(KnownError):
    """The data file is encrypted and no key was given: ask for the passphrase (``storage.data_key.unlock``)."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"Tệp dữ liệu {path} đã được mã hóa: cần mật khẩu dữ liệu hoặc mã khôi phục để mở.",
            f"The data file {path} is encrypted: its data passphrase or recovery code is needed to open it.",
        )


@dataclass
class Database:
    path: Path
    engine: Engine
    factory: sessionmaker[Session]
    migration: MigrationReport
    key: bytes | None = field(default=None, repr=False)  # SQLCipher's key when the file is encrypted

    @property
    def encrypted(self) -> bool:
        return self.key is not None

    def connect_raw(self, **kwargs: object) -> sqlite3.Connection:
        """A plain DB-API connection (integrity checks, backups), keyed like the engine's."""
        return cipher.connect(self.path, self.key, **kwargs)

    @contextmanager
    def session(
        self, actor: str = "system", reason: str | None = None, remote: bool = False
    ) -> Iterator[Session]:
        """A unit of work. *actor* and *reason* go to the audit log; *remote* marks changes
        applied from the server (they are not queued to be sent back)."""
        s = self.factory()
        s.info.update(actor=actor, reason=reason, remote=remote)
        try:
            yield s
            s.commit()
        except DBAPIError as exc:
            s.rollback()
            known = translate_db_error(exc, self.path)
            if known is exc:
                raise
            raise known from exc
        except BaseException:
            s.rollback()
            raise
        finally:
            s.close()

    def read(self) -> Session:
        """A session for reading only; the caller closes it (``with db.read() as s``)."""
        return self.factory()

    def close(self) -> None:
        self.engine.dispose()


def is_locked(data_dir: Path) -> bool:
    """Whether the data file in *data_dir* is encrypted (opening it needs a key)."""
    return cipher.is_encrypted(data_dir / DB_FILENAME)


def open_database(data_dir: Path, key: bytes | None = None) -> Database:
    """Open (creating and migrating as needed) the database in *data_dir*.

    An encrypted file needs its *key* (``DataLocked`` otherwise); a new file given a key is created encrypted.
    """
    path = data_dir / DB_FILENAME
    if cipher.is_encrypted(path):
        if key is None:
            raise DataLocked(path)
    elif path.exists() and path.stat().st_size > 0:
        key = None  # a plain file stays plain (``xaapp db encrypt`` is the way to encrypt it)
    if not data_dir.exists() or path.exists():  # ours: created now, or already holding our data file
        private_dir(data_dir)
    else:
        data_dir.mkdir(parents=True, exist_ok=True)
    private_file(path)
    for extra in ("-wal", "-shm"):
        make_private(path.with_name(path.name + extra))
    try:
        report = migrate(path, data_dir / "backups", key=key)
    except Exception as exc:
        if not cipher.is_database_error(exc):
            raise
        known = translate_db_error(exc, path)
        if known is exc:
            raise
        raise known from exc
    engine = make_engine(path, key)
    factory = sessionmaker(engine, expire_on_commit=False)
    tracking.install(factory)
    return Database(path, engine, factory, report, key)
