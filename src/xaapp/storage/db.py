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
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from xaapp.paths import make_private, private_dir, private_file
from xaapp.storage import tracking
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


def make_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite+pysqlite:///{path}")
    event.listen(engine, "connect", _set_pragmas)
    return engine


@dataclass
class Database:
    path: Path
    engine: Engine
    factory: sessionmaker[Session]
    migration: MigrationReport

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


def open_database(data_dir: Path) -> Database:
    """Open (creating and migrating as needed) the database in *data_dir*."""
    path = data_dir / DB_FILENAME
    if not data_dir.exists() or path.exists():  # ours: created now, or already holding our data file
        private_dir(data_dir)
    else:
        data_dir.mkdir(parents=True, exist_ok=True)
    private_file(path)
    for extra in ("-wal", "-shm"):
        make_private(path.with_name(path.name + extra))
    try:
        report = migrate(path, data_dir / "backups")
    except sqlite3.DatabaseError as exc:
        known = translate_db_error(exc, path)
        if known is exc:
            raise
        raise known from exc
    engine = make_engine(path)
    factory = sessionmaker(engine, expire_on_commit=False)
    tracking.install(factory)
    return Database(path, engine, factory, report)
