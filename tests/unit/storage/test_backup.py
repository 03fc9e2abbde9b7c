"""Daily start-up backups: one a day, consistent copies, the newest seven kept."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

from xaapp.storage.backup import daily_backup
from xaapp.storage.db import open_database
from xaapp.storage.orm import AdminUnit


def test_one_copy_a_day_newest_seven_kept_each_a_readable_database(tmp_path: Path) -> None:
    db = open_database(tmp_path)
    with db.session() as s:
        s.add(AdminUnit(code="14923", name="Xã Bá Thước", kind="xa", name_folded="xa ba thuoc"))
    backups = tmp_path / "backups"
    first = daily_backup(db.path, backups)
    assert first is not None
    assert daily_backup(db.path, backups) is None  # same day: nothing more
    for day in range(1, 10):  # pretend each earlier copy is a day old
        for copy in backups.glob("xaapp-daily-*.db"):
            old = time.time() - 86400 * (day + 1)
            os.utime(copy, (old, old))
        time.sleep(0.002)
        assert daily_backup(db.path, backups) is not None
    copies = sorted(backups.glob("xaapp-daily-*.db"))
    assert len(copies) == 7
    conn = sqlite3.connect(copies[-1])
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT name FROM admin_unit").fetchone()[0] == "Xã Bá Thước"
    conn.close()
