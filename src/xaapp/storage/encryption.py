"""Encrypt or decrypt a data folder's database, its backups following: what ``xaapp db encrypt|decrypt`` and
the first-run set-up do (``storage.cipher`` rewrites files, ``storage.data_key`` holds the key).

Encrypting: the passphrase's key file is written first (so no moment exists where the file is encrypted
and nothing opens it), a copy of the plain file is taken, the file is rewritten encrypted, and then every
plain copy in ``backups/`` — that one included — is rewritten under the same key: no personal data stays
in plain text in the data folder. Decrypting takes an (encrypted) copy first; the key file stays, so the
encrypted copies keep opening with the passphrase.
"""

from __future__ import annotations

import logging
from pathlib import Path

from xaapp.errors import KnownError
from xaapp.storage import cipher, data_key
from xaapp.storage.backup import backup_file

logger = logging.getLogger(__name__)

DB_FILENAME = "xaapp.db"  # storage.db.DB_FILENAME (not imported: that would load SQLAlchemy here)


def _existing(data_dir: Path) -> Path:
    path = data_dir / DB_FILENAME
    if not path.exists() or path.stat().st_size == 0:
        raise KnownError(f"Không có tệp dữ liệu trong {data_dir}.", f"There is no data file in {data_dir}.")
    return path


def encrypt_data(data_dir: Path, passphrase: str) -> data_key.NewKey:
    """Encrypt the data file (and its plain backups) under a new key; returns it with its recovery code."""
    path = _existing(data_dir)
    if cipher.is_encrypted(path):
        raise KnownError("Tệp dữ liệu đã được mã hóa rồi.", "The data file is encrypted already.")
    new = data_key.new_key()
    data_key.write_key_file(data_dir, new.key, passphrase)
    backups = data_dir / "backups"
    backup_file(path, backups, "before-encrypt")  # plain for a moment: rewritten below with the others
    cipher.rewrite(path, None, new.key)
    logger.info("data file encrypted")
    encrypt_backups(backups, new.key)
    return new


def encrypt_backups(backups: Path, key: bytes) -> int:
    """Rewrite every plain copy in *backups* under *key*; returns how many were."""
    done = 0
    for copy in sorted(backups.glob("*.db")) if backups.exists() else []:
        if not cipher.is_encrypted(copy):
            cipher.rewrite(copy, None, key)
            done += 1
    logger.info("%d backup copies encrypted", done)
    return done


def decrypt_data(data_dir: Path, secret: str) -> Path:
    """Store the data file in plain SQLite again, after an encrypted copy; returns the copy's path."""
    path = _existing(data_dir)
    if not cipher.is_encrypted(path):
        raise KnownError("Tệp dữ liệu không được mã hóa.", "The data file is not encrypted.")
    key = data_key.unlock(data_dir, path, secret)
    copy = backup_file(path, data_dir / "backups", "before-decrypt", key)
    cipher.rewrite(path, key, None)
    logger.info("data file decrypted")
    return copy
