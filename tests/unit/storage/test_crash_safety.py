"""A process killed with SIGKILL in the middle of writing leaves a consistent database with every committed change."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from xaapp.storage.db import open_database

WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from xaapp.storage.db import open_database
    from xaapp.storage.orm import AdminUnit, Household, Person, Village

    db = open_database(Path(sys.argv[1]))
    with db.session() as s:
        s.add(AdminUnit(code="14923", name="Xã Bá Thước", kind="xa", name_folded="xa ba thuoc"))
        village = Village(commune_code="14923", name="Bản Đôn")
        s.add(village)
    i = 0
    while True:
        i += 1
        with db.session(actor="writer") as s:
            household = Household(village_id=village.id, code=f"{i:05d}", address="Bản Đôn")
            s.add_all([Person(household=household, full_name=f"Người {i} số {k}", sex="male") for k in range(20)])
        print(i, flush=True)  # only after the commit returned
    """
)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX-only")
def test_sigkill_mid_write_leaves_a_consistent_database(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[3] / "src")}
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(tmp_path)], stdout=subprocess.PIPE, text=True, env=env
    )
    assert proc.stdout is not None
    last = 0
    for line in proc.stdout:
        last = int(line)
        if last >= 60:
            break
    proc.send_signal(signal.SIGKILL)  # while it is writing transaction last + 1
    proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL

    conn = sqlite3.connect(tmp_path / "xaapp.db")
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    households = conn.execute("SELECT count(*) FROM household").fetchone()[0]
    assert households >= last  # nothing committed is lost
    assert (
        conn.execute("SELECT count(*) FROM person WHERE full_name = ?", (f"Người {last} số 19",)).fetchone()[
            0
        ]
        == 1
    )
    # no half-written transaction: every household has all its 20 people and their outbox rows
    assert conn.execute("SELECT count(*) FROM person").fetchone()[0] == 20 * households
    assert (
        conn.execute("SELECT count(*) FROM outbox WHERE entity = 'person'").fetchone()[0] == 20 * households
    )
    conn.close()
    open_database(tmp_path).close()  # and the app opens it again
