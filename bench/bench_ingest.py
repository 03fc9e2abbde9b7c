"""The central server's ingest cost per record, from the first record to the millionth (PostgreSQL).

A province's database grows to millions of records over the years; a push must not get slower as it
grows. The records of the demo commune (20,000 households, about 148,000 records) are ingested through
``server.ingest`` in process, in batches of 500 with one transaction each, into a fresh PostgreSQL
database with fsync on; then the same records again under new UUIDs (another commune's worth of the
same shape, references followed), copy after copy, until the table holds 1,000,000 records
(``--quick``: 200,000). The µs per record of the first and the last 100,000 are compared: flat (every
lookup on the ingest path indexed) is at most 1.2 ×. Without PostgreSQL installed the benchmark says so.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from common import Result, demo_folder

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # support.sync_env: a throwaway PostgreSQL cluster

WINDOW = 100_000
TARGET = 1.2


def _records(households: int) -> list:  # noqa: ANN401
    from xaapp.storage.db import open_database
    from xaapp.storage.sync_store import SqlSyncStore

    db = open_database(demo_folder(households))
    try:
        return SqlSyncStore(db).pending_changes()
    finally:
        db.close()


def _ingest_all(db_url: str, base: list, total: int) -> list[tuple[int, float]]:  # noqa: ANN401
    """Ingest copies of *base* until *total* records are stored: (records stored, seconds) per batch."""
    from sync_loopback import COMMUNE, _copy

    from xaapp.server import admin
    from xaapp.server.ingest import Writer, ingest

    engine = admin.open_engine(db_url)
    writer = Writer("bench-ingest", COMMUNE)
    marks: list[tuple[int, float]] = []
    stored, n = 0, 0
    try:
        while stored < total:
            records = base if n == 0 else _copy(base, n)
            records = records[: total - stored]
            for i in range(0, len(records), 500):
                part = records[i : i + 500]
                started = time.perf_counter()
                with engine.begin() as conn:
                    results = ingest(conn, writer, f"b{n}-{i}", part, datetime.now(UTC).replace(tzinfo=None))
                marks.append((len(part), time.perf_counter() - started))
                assert all(r.outcome == "accepted" for r in results), {r.outcome for r in results}
                stored += len(part)
            n += 1
        return marks
    finally:
        engine.dispose()


def _window_us(marks: list[tuple[int, float]], first: bool) -> float:
    """µs per record over the first (or last) WINDOW records of *marks*."""
    count, seconds = 0, 0.0
    for records, spent in marks if first else reversed(marks):
        count += records
        seconds += spent
        if count >= WINDOW:
            break
    return seconds / count * 1e6


def run(quick: bool) -> list[Result]:
    from support.sync_env import PgCluster, pg_bin_dir

    total = 200_000 if quick else 1_000_000
    name = f"server ingest µs/record, first {WINDOW:,} → last {WINDOW:,} of {total:,} (PostgreSQL fsync on)"
    if pg_bin_dir() is None:
        return [Result("ingest", name, float("nan"), "×", f"<= {TARGET}", None, "PostgreSQL not installed")]
    base = _records(20_000)
    pg_root = Path(tempfile.mkdtemp(prefix="xaapp-bench-pg-"))
    cluster = PgCluster(pg_root, fsync=True).start()
    try:
        started = time.perf_counter()
        marks = _ingest_all(cluster.new_database(), base, total)
        spent = time.perf_counter() - started
    finally:
        cluster.stop()
        shutil.rmtree(pg_root, ignore_errors=True)
    first, last = _window_us(marks, True), _window_us(marks, False)
    return [
        Result(
            "ingest",
            name,
            last / first,
            "×",
            f"<= {TARGET}",
            last / first <= TARGET,
            f"first {first:.0f} µs/record, last {last:.0f}; {total:,} records in {spent:.0f} s "
            f"({total / spent:,.0f} records/s), batches of 500, in process",
        )
    ]
