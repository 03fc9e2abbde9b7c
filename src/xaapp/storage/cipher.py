"""The data file encrypted at rest with SQLCipher: connections, the encrypted/plain test, rewriting a file.

An encrypted ``xaapp.db`` is an SQLCipher 4 file (AES-256 per page, with an HMAC per page) opened with a raw
32-byte key (``PRAGMA key = "x'…'"``), so no key derivation runs per connection: the slow derivation from the
officer's passphrase happens once, at unlock (``storage.data_key``). A plain file keeps going through the
standard ``sqlite3`` module; ``sqlcipher3`` is imported only when a key is in use.

Encrypting and decrypting rewrite the whole file into a temporary file beside it (``sqlcipher_export``),
check the copy (integrity and the row count of every table), and only then swap it in: a failure at any
point leaves the original untouched.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import sys
from pathlib import Path
from typing import Any

from xaapp.errors import KnownError
from xaapp.paths import private_file

logger = logging.getLogger(__name__)

#: SQLite page cache of a keyed connection, in KiB.
CACHE_KIB = 64 * 1024
#: The first 16 bytes of every plain SQLite file; an SQLCipher file starts with random bytes instead.
PLAIN_HEADER = b"SQLite format 3\x00"


def is_encrypted(path: Path) -> bool:
    """True when *path* holds data but not a plain SQLite header (an SQLCipher file)."""
    try:
        with open(path, "rb") as f:
            head = f.read(16)
    except FileNotFoundError:
        return False
    return len(head) == 16 and head != PLAIN_HEADER


def key_sql(key: bytes) -> str:
    """The key as SQLCipher's raw-key literal (hex digits only: nothing to escape)."""
    if len(key) != 32:
        raise ValueError("an SQLCipher raw key is 32 bytes")
    return f"\"x'{key.hex()}'\""


def cipher_module() -> Any:
    from sqlcipher3 import dbapi2

    return dbapi2


def connect(path: Path | str, key: bytes | None = None, **kwargs: Any) -> sqlite3.Connection:
    """A DB-API connection to *path*: ``sqlite3`` for a plain file, ``sqlcipher3`` keyed with *key* otherwise."""
    if key is None:
        plain: sqlite3.Connection = sqlite3.connect(path, **kwargs)
        return plain
    conn: sqlite3.Connection = cipher_module().connect(str(path), **kwargs)  # the same DB-API as sqlite3
    conn.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is reported by the exception, not on stderr
    conn.execute(f"PRAGMA key = {key_sql(key)}")
    # Pages stay decrypted in SQLite's page cache (per connection, filled only as pages are read): a list
    # reloaded after an edit is not decrypted and checked again. 2 MB by default; 64 MB holds the household
    # list's pages at 20,000 households (bench/bench_encrypted.py).
    conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    return conn


def is_database_error(exc: BaseException) -> bool:
    """A DatabaseError from either module (sqlcipher3's classes do not derive from sqlite3's)."""
    if isinstance(exc, sqlite3.DatabaseError):
        return True
    mod = sys.modules.get("sqlcipher3.dbapi2")
    return mod is not None and isinstance(exc, mod.DatabaseError)


def key_opens(path: Path, key: bytes) -> bool:
    """Whether *key* decrypts *path* (reads its first page only)."""
    try:
        conn = connect(path, key)
    except Exception as exc:  # noqa: BLE001 - any failure to open means "no"
        logger.info("key check: %s", exc)
        return False
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except Exception as exc:  # noqa: BLE001
        if not is_database_error(exc):
            raise
        return False
    finally:
        conn.close()


def in_use() -> KnownError:
    return KnownError(
        "Tệp dữ liệu đang được một chương trình khác mở (cửa sổ xaapp, đồng bộ). Hãy đóng xaapp rồi chạy lại lệnh.",
        "The data file is open in another program (an xaapp window, a sync). Close xaapp and run the command again.",
    )


def _table_counts(conn: sqlite3.Connection, schema: str = "main") -> dict[str, int]:
    names = [
        r[0]
        for r in conn.execute(
            f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {n: int(conn.execute(f'SELECT count(*) FROM {schema}."{n}"').fetchone()[0]) for n in names}


def rewrite(path: Path, from_key: bytes | None, to_key: bytes | None) -> None:
    """Rewrite *path* under *to_key* (None: plain), reading it with *from_key*; all or nothing.

    The copy is written to ``<name>.rewriting`` beside the file, checked, flushed to disk and renamed over the
    original; the original's WAL is checkpointed into it first, so nothing written before is left behind.
    """
    tmp = path.with_name(path.name + ".rewriting")
    for leftover in (tmp, tmp.with_name(tmp.name + "-journal")):
        leftover.unlink(missing_ok=True)
    mod = cipher_module()  # sqlcipher_export lives in SQLCipher only; it reads plain files too
    src = mod.connect(str(path), isolation_level=None)
    try:
        src.execute("PRAGMA cipher_log_level = NONE")
        if from_key is not None:
            src.execute(f"PRAGMA key = {key_sql(from_key)}")
        src.execute("PRAGMA busy_timeout = 2000")
        try:
            busy = src.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        except mod.OperationalError as exc:
            raise in_use() from exc
        if busy:
            raise in_use()
        version = int(src.execute("PRAGMA user_version").fetchone()[0])
        before = _table_counts(src)
        target_key = key_sql(to_key) if to_key is not None else "''"
        private_file(tmp)
        src.execute(f"ATTACH DATABASE ? AS target KEY {target_key}", (str(tmp),))
        try:
            src.execute("SELECT sqlcipher_export('target')")
            src.execute(f"PRAGMA target.user_version = {version}")
            after = _table_counts(src, "target")
        finally:
            src.execute("DETACH DATABASE target")
        if after != before:
            raise RuntimeError(f"the rewritten copy differs: {before} != {after}")
    except BaseException:
        src.close()
        tmp.unlink(missing_ok=True)
        raise
    src.close()
    try:
        check = connect(tmp, to_key)
        try:
            result = check.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            check.close()
        if result != "ok":
            raise RuntimeError(f"the rewritten copy fails its integrity check: {result}")
        fd = os.open(tmp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    for extra in ("-wal", "-shm"):  # emptied by the checkpoint; they belonged to the old file
        path.with_name(path.name + extra).unlink(missing_ok=True)
