"""Write tests/data/db_v1.sqlite: a database at schema version 1 with a little data (run once; kept as a fixture).

The file stands for an installation made by the first release: tests check that it upgrades to the
current schema without losing anything.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from xaapp.storage.migrations.runner import STEPS, migrate  # noqa: E402

TARGET = ROOT / "tests" / "data" / "db_v1.sqlite"


def main() -> None:
    TARGET.unlink(missing_ok=True)
    migrate(TARGET, TARGET.parent / "backups-unused", steps=STEPS[:1])
    conn = sqlite3.connect(TARGET)
    now = "2025-09-01 08:00:00.000000"
    with conn:
        conn.execute("INSERT INTO admin_unit (code, name, kind) VALUES ('14923', 'Xã Bá Thước', 'xa')")
        conn.execute(
            "INSERT INTO village (id, uuid, revision, synced_revision, created_at, updated_at, commune_code, name,"
            " area_type) VALUES (1, '6f1c0a43-0d53-4c0b-9a59-1f0a0b7e0001', 1, 0, ?, ?, '14923', 'Bản Đôn', 'rural')",
            (now, now),
        )
        conn.execute(
            "INSERT INTO household (id, uuid, revision, synced_revision, created_at, updated_at, village_id, code,"
            " address, area_type, ethnic_minority) VALUES (1, '6f1c0a43-0d53-4c0b-9a59-1f0a0b7e0002', 1, 0, ?, ?, 1,"
            " '00001', 'Bản Đôn', 'rural', 1)",
            (now, now),
        )
        for i, (name, sex, rel) in enumerate(
            (("Bùi Văn Đức", "male", "head"), ("Hà Thị Nguyệt", "female", "spouse"))
        ):
            conn.execute(
                "INSERT INTO person (uuid, revision, synced_revision, created_at, updated_at, household_id, position,"
                " full_name, sex, ethnicity, relationship_to_head, details) VALUES (?, 1, 0, ?, ?, 1, ?, ?, ?, 'Mường',"
                " ?, '{}')",
                (f"6f1c0a43-0d53-4c0b-9a59-1f0a0b7e001{i}", now, now, i, name, sex, rel),
            )
        conn.execute(
            "INSERT INTO user_account (username, full_name, role, password_hash, active, created_at)"
            " VALUES ('admin', 'Quản trị', 'admin', 'scrypt$16384$8$1$c2FsdA==$aGFzaA==', 1, ?)",
            (now,),
        )
        conn.execute("INSERT INTO setting (key, value) VALUES ('commune_code', '14923')")
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    print(TARGET, TARGET.stat().st_size, "bytes")


if __name__ == "__main__":
    main()
