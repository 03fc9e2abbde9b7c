"""Open the data folder's database from the command line, asking for the data passphrase if it is encrypted.

The passphrase is read with ``getpass`` (never an argument: it would stay in the shell's history and in
the process list).
"""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from xaapp.storage.db import Database

PROMPT = "Mật khẩu dữ liệu hoặc mã khôi phục / data passphrase or recovery code: "


def ask_secret(prompt: str = PROMPT) -> str:
    return getpass.getpass(prompt)


def unlock_key(data_dir: Path) -> bytes | None:
    """None for a plain (or new) data file; the key, from what the officer types, for an encrypted one."""
    from xaapp.storage.data_key import unlock
    from xaapp.storage.db import DB_FILENAME, is_locked

    if not is_locked(data_dir):
        return None
    return unlock(data_dir, data_dir / DB_FILENAME, ask_secret())


def open_unlocked(data_dir: Path) -> Database:
    from xaapp.storage.db import open_database

    return open_database(data_dir, unlock_key(data_dir))
