"""The central server's ingest cost per record, from the first record to the millionth (PostgreSQL).

A province's database grows to millions of records over the years; a push must not get slower as it
grows. The records of the demo commune (20,000 households, about 148,000 records) are ingested through
``server.ingest`` in process, in batches of 500 with one transaction each, into a fresh PostgreSQL
database with fsync on; then the same records again under new UUIDs (another commune's worth of the
same shape, references followed), copy after copy, until the table holds 1,000,000 records
(``--quick``: 200,000). The µs per record of the first copy and of the last are compared (whole copies: the
entities come in the same shares, a review costing more than a village): flat (every lookup on the
ingest path indexed) is at most 1.2 ×. Without PostgreSQL installed the benchmark says so.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

from common import Result, demo_folder

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # support.sync_env: a throwaway PostgreSQL cluster

TARGET = 1.2


def _records(households: int) -> list:  # noqa: ANN401
    from xaapp.storage.db import open_database
    from xaapp.storage.sync_store import SqlSyncStore

    db = open_database(demo_folder(households))
    try:
        return SqlSyncStore(db).pending_changes()
    finally:
        db.close()


def run(quick: bool) -> list[Result]:
    from sync_loopback import ingest_copies

    from support.sync_env import PgCluster, pg_bin_dir

    total = 200_000 if quick else 1_000_000
    name = f"server ingest µs/record, first copy of the commune → the copy past {total:,} records (PostgreSQL fsync on)"
    if pg_bin_dir() is None:
        return [Result("ingest", name, float("nan"), "×", f"<= {TARGET}", None, "PostgreSQL not installed")]
    base = _records(20_000)
    copies = -(-total // len(base))  # whole copies: each copy has every entity in the same shares
    pg_root = Path(tempfile.mkdtemp(prefix="xaapp-bench-pg-"))
    cluster = PgCluster(pg_root, fsync=True).start()
    try:
        started = time.perf_counter()
        costs = ingest_copies(cluster.new_database(), base, copies)
        spent = time.perf_counter() - started
    finally:
        cluster.stop()
        shutil.rmtree(pg_root, ignore_errors=True)
    stored = copies * len(base)
    ratio = costs[-1] / costs[0]
    return [
        Result(
            "ingest",
            name,
            ratio,
            "×",
            f"<= {TARGET}",
            ratio <= TARGET,
            f"µs/record per copy of {len(base):,} records: {', '.join(f'{c:.0f}' for c in costs)}; "
            f"{stored:,} records in {spent:.0f} s ({stored / spent:,.0f} records/s), batches of 500, in process",
        )
    ]
