"""The device token at rest: sealed with a key that lives outside the database and its backups.

The token is what lets a laptop write into its commune on the province server, so a copy of
``xaapp.db`` (a backup on a USB stick, a file sent for support) must not reveal it. It is stored in
``sync_state`` sealed with AES-256-GCM (``cryptography``); the 32-byte key is
``<data dir>/keys/device.key`` (folder 0700, file 0600), beside the database but never inside it
and never in ``backups/``. A database copied without the key cannot use the token: the officer
enrolls again (``TokenUnreadable``).

With the data file encrypted (``storage.cipher``, ``storage.data_key``), the sealed token lies inside
the encrypted file, so a stolen laptop needs both the data passphrase and this key; the token is not
sealed a second time with the data key, so that ``xaapp db decrypt`` and encrypt leave it as it is
(tests/unit/storage/test_encryption.py). The two key files sit side by side in ``keys/`` and neither
is ever copied into ``backups/``.

The OS keyring was considered: on a Linux desktop without a Secret Service (and on the headless
machines the tests run on) it is not there, so one code path, tested everywhere, is kept.
"""

from __future__ import annotations

import base64
import os
import secrets
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from xaapp.paths import private_dir
from xaapp.sync.errors import TokenUnreadable

KEY_DIR = "keys"
KEY_FILE = "device.key"
PREFIX = "sealed1:"
_AAD = b"xaapp device token"


def key_path(data_dir: Path) -> Path:
    return data_dir / KEY_DIR / KEY_FILE


def _key(data_dir: Path, create: bool) -> bytes | None:
    path = key_path(data_dir)
    if path.exists():
        raw = path.read_bytes()
        if len(raw) != 32:
            raise TokenUnreadable(f"{path}: {len(raw)} bytes")
        return raw
    if not create:
        return None
    private_dir(path.parent)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        key = secrets.token_bytes(32)
        os.write(fd, key)
        os.fsync(fd)
    finally:
        os.close(fd)
    return key


def is_sealed(value: str) -> bool:
    return value.startswith(PREFIX)


def seal(data_dir: Path, token: str) -> str:
    """The token sealed with this data folder's key (the key is made on first use)."""
    key = _key(data_dir, create=True)
    assert key is not None
    nonce = secrets.token_bytes(12)
    box = AESGCM(key).encrypt(nonce, token.encode("utf-8"), _AAD)
    return PREFIX + base64.b64encode(nonce + box).decode("ascii")


def unseal(data_dir: Path, stored: str) -> str:
    """The token back; ``TokenUnreadable`` if the key is missing or is not the one it was sealed with."""
    if not is_sealed(stored):  # written by a version before sealing, and not yet migrated
        return stored
    key = _key(data_dir, create=False)
    if key is None:
        raise TokenUnreadable(f"{key_path(data_dir)} missing")
    try:
        raw = base64.b64decode(stored[len(PREFIX) :])
        return AESGCM(key).decrypt(raw[:12], raw[12:], _AAD).decode("utf-8")
    except (InvalidTag, ValueError) as exc:
        raise TokenUnreadable("the key does not open the token") from exc
