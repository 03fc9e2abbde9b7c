"""Seal a device token stored in clear by earlier versions (the key goes to ``<data dir>/keys/``).

The sealing is written out here as it was at version 5 (AES-256-GCM with a 32-byte key in
``keys/device.key``, ``sealed1:`` + base64 of nonce and box), not called from ``device_secret``, so
replaying this step does the same whatever today's code says; ``device_secret.unseal`` reads it.
"""

from __future__ import annotations

import base64
import os
import secrets
import sqlite3
from pathlib import Path

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

PREFIX = "sealed1:"
AAD = b"xaapp device token"


def _key(data_dir: Path) -> bytes:
    path = data_dir / "keys" / "device.key"
    if path.exists():
        return path.read_bytes()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix":
        os.chmod(path.parent, 0o700)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        key = secrets.token_bytes(32)
        os.write(fd, key)
        os.fsync(fd)
    finally:
        os.close(fd)
    return key


def seal(data_dir: Path, token: str) -> str:
    nonce = secrets.token_bytes(12)
    box = AESGCM(_key(data_dir)).encrypt(nonce, token.encode("utf-8"), AAD)
    return PREFIX + base64.b64encode(nonce + box).decode("ascii")


def upgrade(conn: sqlite3.Connection) -> None:
    row = conn.execute("SELECT value FROM sync_state WHERE key = 'token'").fetchone()
    if row is None or row[0].startswith(PREFIX):
        return
    main_file = next(r[2] for r in conn.execute("PRAGMA database_list") if r[1] == "main")
    conn.execute(
        "UPDATE sync_state SET value = ? WHERE key = 'token'", (seal(Path(main_file).parent, row[0]),)
    )
