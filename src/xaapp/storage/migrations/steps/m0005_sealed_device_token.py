"""Seal a device token stored in clear by earlier versions (the key goes to ``<data dir>/keys/``)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from xaapp.storage.device_secret import is_sealed, seal


def upgrade(conn: sqlite3.Connection) -> None:
    row = conn.execute("SELECT value FROM sync_state WHERE key = 'token'").fetchone()
    if row is None or is_sealed(row[0]):
        return
    main_file = next(r[2] for r in conn.execute("PRAGMA database_list") if r[1] == "main")
    conn.execute(
        "UPDATE sync_state SET value = ? WHERE key = 'token'", (seal(Path(main_file).parent, row[0]),)
    )
