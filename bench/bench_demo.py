"""Demo commune build (``xaapp demo``) against its floor: the same rows inserted in bulk, measured in the same run.

The build runs in a fresh process (``generate_demo`` on an empty data folder, as ``xaapp demo`` does) that
reports its wall time, each phase its progress named with the seconds it took, and its peak memory (RSS). The
floor then inserts every row the build wrote — records, outbox and audit rows, as stored — into a fresh
database of the same schema with the sqlite3 module's ``executemany``, one transaction, the same pragmas, a
table at a time in slices of 20,000 rows (reading a slice from the built file is not timed). Targets (issues 15
and 16): the build ≤ 2 × the floor, 20,000 households ≤ 15 s, every phase named, memory bounded.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import Result, ratio_result

ROOT = Path(__file__).resolve().parents[1]
TABLES = ("admin_unit", "setting", "village", "household", "person", "poverty_review", "beneficiary",
          "allowance_period", "outbox", "audit_log")  # fmt: skip
SLICE = 20_000
MEMORY_TARGET_MB = 400

_CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from xaapp.services.demo import generate_demo
from xaapp.storage.db import open_database

class Phases:
    def __init__(self):
        self.phases, self.text, self.started = [], None, time.perf_counter()
    def set_text(self, text):
        now = time.perf_counter()
        if self.text is not None:
            self.phases.append([self.text, now - self.started])
        self.text, self.started = text, now
    def set_range(self, total): pass
    def advance(self, n=1): pass

started, cpu = time.perf_counter(), time.process_time()
db = open_database(Path(sys.argv[1]))
phases = Phases()
report = generate_demo(db, households=int(sys.argv[2]), seed=1, progress=phases)
phases.set_text(None)
seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
db.close()
child = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"seconds": seconds, "phases": phases.phases, "people": report.people, "cpu": cpu,
                  "generator_cpu": child.ru_utime + child.ru_stime,
                  "rss_mb": max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, child.ru_maxrss) / 1024}))
"""


def _build(folder: Path, households: int) -> dict:
    done = subprocess.run([sys.executable, "-c", _CHILD, str(folder), str(households)], capture_output=True,
                          text=True, check=True, cwd=ROOT)  # fmt: skip
    return json.loads(done.stdout.strip().splitlines()[-1])


def floor(source: Path, target_folder: Path) -> tuple[float, float, int]:
    """Seconds (wall, CPU) to insert every row of *source*'s demo tables into a fresh migrated database; rows."""
    from xaapp.storage.db import open_database

    open_database(target_folder).close()  # the same schema, empty
    target = sqlite3.connect(target_folder / "xaapp.db", isolation_level=None)
    read = sqlite3.connect(source)
    try:
        for pragma in ("journal_mode = WAL", "synchronous = NORMAL", "foreign_keys = ON"):
            target.execute(f"PRAGMA {pragma}")
        for table in (
            "admin_unit",
            "setting",
        ):  # reference data and settings come from the build, as they are
            target.execute(f'DELETE FROM "{table}"')
        spent, cpu, rows = 0.0, 0.0, 0
        started, on_cpu = time.perf_counter(), time.process_time()
        target.execute("BEGIN")
        spent, cpu = spent + time.perf_counter() - started, cpu + time.process_time() - on_cpu
        for table in TABLES:
            cursor = read.execute(f'SELECT * FROM "{table}" ORDER BY rowid')
            marks = ", ".join("?" for _ in cursor.description)
            sql = f'INSERT INTO "{table}" VALUES ({marks})'
            while chunk := cursor.fetchmany(SLICE):
                started, on_cpu = time.perf_counter(), time.process_time()
                target.executemany(sql, chunk)
                spent, cpu = spent + time.perf_counter() - started, cpu + time.process_time() - on_cpu
                rows += len(chunk)
        started, on_cpu = time.perf_counter(), time.process_time()
        target.execute("COMMIT")
        spent, cpu = spent + time.perf_counter() - started, cpu + time.process_time() - on_cpu
        return spent, cpu, rows
    finally:
        read.close()
        target.close()


def run(quick: bool = False, scale: int = 20_000) -> list[Result]:
    households = 2_000 if quick else scale
    at = f"{households:,} households"
    with tempfile.TemporaryDirectory() as tmp:
        built = _build(Path(tmp) / "demo", households)
        floor_s, floor_cpu, rows = floor(Path(tmp) / "demo" / "xaapp.db", Path(tmp) / "floor")
    phases = "; ".join(f"{text.split(' / ')[0]} {seconds:.1f} s" for text, seconds in built["phases"])
    results = [
        Result("demo", f"build the demo commune ({at})", built["seconds"], "s",
               "<= 15 s" if households == 20_000 else "", built["seconds"] <= 15 if households == 20_000 else None,
               f"{built['people']:,} people; phases: {phases}"),
        Result("demo", f"floor: the same rows inserted in bulk ({at})", floor_s, "s", note=f"{rows:,} rows, sqlite3 executemany"),
        ratio_result("demo", f"demo build ({at})", built["seconds"], floor_s, 2.0,
                     f"CPU time: writer {built['cpu']:.1f} s, generator process {built['generator_cpu']:.1f} s; "
                     f"floor {floor_cpu:.1f} s"),
        Result("demo", f"demo build peak memory (RSS, {at})", built["rss_mb"], "MB", f"<= {MEMORY_TARGET_MB} MB",
               built["rss_mb"] <= MEMORY_TARGET_MB, "the larger of the writing and the generating process"),
    ]  # fmt: skip
    return results


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    from common import format_table

    print(format_table(run(scale=int(sys.argv[1]) if len(sys.argv) > 1 else 20_000)))
