"""Sync benchmark: the demo commune through a weak link, against a one-record-per-request baseline and the floor.

The link is the fault proxy of ``tests/support/faultproxy.py`` on loopback: 64 kbit/s each way, 300 ms
round trip (150 ms each way) and random cuts (seeded). Three numbers side by side:

* **batched**: ``xaapp sync`` as shipped (compressed adaptive batches, resume after cuts), pressed again
  after a failed run as an officer would, until done: wall time, bytes on the wire, round trips;
* **baseline**: one record per uncompressed request, as OpenRosa clients upload, retried after cuts;
  measured on the first ``baseline_records`` records and scaled linearly to the whole commune (said so
  in the note: the full run would take hours);
* **floor**: the gzip-compressed bytes of every record plus the reference data, ÷ the link rate.

Then the server's ingest rate (records/s) over HTTP on loopback, batches of 500, on PostgreSQL (a
throwaway cluster, when installed) and on SQLite.
"""

from __future__ import annotations

import gzip
import json
import sys
import tempfile
import time
from pathlib import Path

from common import Result

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

LINK_BYTES_PER_S = 64_000 / 8
ONE_WAY_DELAY = 0.150
CUT_PROBABILITY, CUT_WINDOW = 0.1, 150_000


def _demo_device(folder: Path, households: int, seed: int):  # noqa: ANN202
    from support.sync_env import new_device
    from xaapp.services.demo import generate_demo

    dev = new_device(folder)
    generate_demo(dev.db, households=households, seed=seed)
    return dev


def _floor_bytes(records: list) -> int:  # noqa: ANN001
    from xaapp.server.reference import shipped_items
    from xaapp.sync.protocol import canonical_json

    data = gzip.compress(canonical_json([r.to_json() for r in records]), 9)
    refs = gzip.compress(canonical_json([[k, key, c] for k, key, c in shipped_items()]), 9)
    return len(data) + len(refs)


def _batched(server, dev, seed: int) -> dict[str, float]:  # noqa: ANN001
    from support.faultproxy import FaultProxy
    from xaapp.services.sync import enroll_database, sync_database
    from xaapp.sync.engine import SyncOptions

    enroll_database(dev.db, server.url, server.issue_code("14923"), "bench")
    ident = dev.store.identity()
    with FaultProxy(
        server.port,
        delay=ONE_WAY_DELAY,
        rate_bytes_per_s=LINK_BYTES_PER_S,
        cut_probability=CUT_PROBABILITY,
        cut_max_bytes=CUT_WINDOW,
        seed=seed,
    ) as proxy:
        dev.store.save_identity(ident.device_id, ident.token, proxy.url, ident.commune_code)
        started = time.perf_counter()
        trips = runs = 0
        while runs < 50:  # pressed again after a failed run, as an officer would
            runs += 1
            report = sync_database(dev.db, options=SyncOptions(seed=seed))
            trips += report.round_trips
            if report.ok:
                break
        wall = time.perf_counter() - started
        stats = proxy.stats
    return {
        "seconds": wall,
        "bytes": stats.bytes_up + stats.bytes_down,
        "trips": trips,
        "cuts": stats.cuts,
        "runs": runs,
        "ok": float(report.ok),
        "match": float(bool(report.counts_match)),
    }


def _baseline(server, records: list, seed: int) -> dict[str, float]:  # noqa: ANN001
    """One uncompressed POST per record on a keep-alive connection, retried after a cut."""
    import requests

    from support.faultproxy import FaultProxy
    from xaapp.server import devices
    from xaapp.sync.protocol import PROTOCOL_VERSION

    code = server.issue_code("14923")
    with server.engine.begin() as conn:
        enrollment = devices.enroll(conn, code, "baseline", _utc())
    with FaultProxy(
        server.port,
        delay=ONE_WAY_DELAY,
        rate_bytes_per_s=LINK_BYTES_PER_S,
        cut_probability=CUT_PROBABILITY,
        cut_max_bytes=CUT_WINDOW,
        seed=seed,
    ) as proxy:
        session = requests.Session()
        session.headers.update(
            {"Authorization": f"Bearer {enrollment.token}", "Content-Type": "application/json"}
        )
        trips = 0
        started = time.perf_counter()
        for rec in records:
            body = json.dumps(
                {"protocol": PROTOCOL_VERSION, "batch_id": rec.uuid, "records": [rec.to_json()]},
                ensure_ascii=False,
            ).encode()
            while True:
                trips += 1
                try:
                    resp = session.post(f"{proxy.url}/v1/push", data=body, timeout=(10, 60))
                    if resp.status_code == 200:
                        break
                except requests.RequestException:
                    session.close()
                    time.sleep(0.5)
        wall = time.perf_counter() - started
        session.close()
        stats = proxy.stats
    return {"seconds": wall, "bytes": stats.bytes_up + stats.bytes_down, "trips": trips}


def _utc():  # noqa: ANN202
    from datetime import UTC, datetime

    return datetime.now(UTC).replace(tzinfo=None)


def _ingest_rate(db_url: str, records: list) -> float:  # noqa: ANN001
    from support.sync_env import LiveServer
    from xaapp.server import devices
    from xaapp.sync.protocol import PushRequest
    from xaapp.sync.transport_http import HttpTransport

    server = LiveServer(db_url).start()
    try:
        code = server.issue_code("14923")
        with server.engine.begin() as conn:
            enrollment = devices.enroll(conn, code, "ingest", _utc())
        transport = HttpTransport(server.url, enrollment.token)
        started = time.perf_counter()
        for i in range(0, len(records), 500):
            results = transport.push(PushRequest(f"b{i}", records[i : i + 500])).results
            assert all(r.outcome == "accepted" for r in results), {r.outcome for r in results}
        seconds = time.perf_counter() - started
        transport.close()
        return len(records) / seconds
    finally:
        server.stop()


_WEAK_LINK_DONE = False


def run(quick: bool, scale: int | None = None) -> list[Result]:
    """The weak link (once per process, 2,000 households), the loopback push/pull at *scale* and
    *scale*/10 households (``sync_loopback``) and the sync file's export at *scale* (``sync_file_export``)."""
    global _WEAK_LINK_DONE  # noqa: PLW0603 - run.py calls run() once per scale
    import sync_loopback

    results: list[Result] = []
    if not _WEAK_LINK_DONE:
        _WEAK_LINK_DONE = True
        results += _weak_link(quick)
    households = scale or (2000 if quick else 20000)
    results += sync_loopback.run(households, quick)
    import sync_file_export

    results += sync_file_export.run(households)
    return results


def _weak_link(quick: bool) -> list[Result]:
    from support.sync_env import LiveServer, PgCluster, pg_bin_dir

    households = 100 if quick else 2000
    baseline_n = 60 if quick else 250
    seed = 1
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="xaapp-bench-sync-") as tmp:
        root = Path(tmp)
        dev = _demo_device(root / "device", households, seed)
        probe = _demo_device(root / "probe", households, seed)  # same records, to measure floor and baseline
        records = probe.store.pending_changes()  # everything pending, parents first
        probe.close()
        total = len(records)
        floor_bytes = _floor_bytes(records)
        floor_s = floor_bytes / LINK_BYTES_PER_S

        server = LiveServer(f"sqlite:///{root / 'server.db'}").start()
        try:
            b = _batched(server, dev, seed)
        finally:
            server.stop()
            dev.close()
        base_server = LiveServer(f"sqlite:///{root / 'baseline.db'}").start()
        try:
            sample = records[:baseline_n]
            base = _baseline(base_server, sample, seed)
        finally:
            base_server.stop()
        scale = total / len(sample)

        link = "64 kbit/s, RTT 300 ms, random cuts (seed 1)"
        name = f"sync {households} hh ({total} records)"
        results += [
            Result(
                "sync",
                f"{name}: batched wall time",
                b["seconds"],
                "s",
                "<= 1.3 × floor",
                b["seconds"] <= 1.3 * floor_s,
                f"{link}; {int(b['runs'])} run(s), {int(b['cuts'])} cuts, counts match={bool(b['match'])}",
            ),
            Result("sync", f"{name}: batched bytes on the wire", b["bytes"], "bytes", note="both directions"),
            Result("sync", f"{name}: batched round trips", b["trips"], "requests"),
            Result(
                "sync",
                f"{name}: baseline 1 record/request wall time",
                base["seconds"] * scale,
                "s",
                note=f"measured on {len(sample)} records ({base['seconds']:.0f} s), scaled ×{scale:.1f}",
            ),
            Result(
                "sync", f"{name}: baseline bytes on the wire", base["bytes"] * scale, "bytes", note="scaled"
            ),
            Result("sync", f"{name}: baseline round trips", base["trips"] * scale, "requests", note="scaled"),
            Result(
                "sync",
                f"{name}: floor (compressed bytes ÷ link rate)",
                floor_s,
                "s",
                note=f"{floor_bytes:,} bytes gzip -9 incl. reference data",
            ),
            Result(
                "sync",
                f"{name}: batched ÷ floor",
                b["seconds"] / floor_s,
                "×",
                "<= 1.3",
                b["seconds"] <= 1.3 * floor_s,
            ),
            Result(
                "sync",
                f"{name}: baseline ÷ batched",
                base["seconds"] * scale / b["seconds"],
                "×",
                note="how much longer one-record-per-request takes",
            ),
        ]

        sqlite_rate = _ingest_rate(f"sqlite:///{root / 'ingest.db'}", records)
        results.append(
            Result(
                "sync",
                f"server ingest rate, SQLite ({total} records)",
                sqlite_rate,
                "records/s",
                note="HTTP on loopback, batches of 500",
            )
        )
        if pg_bin_dir() is None:
            results.append(
                Result(
                    "sync",
                    "server ingest rate, PostgreSQL",
                    float("nan"),
                    "records/s",
                    note="PostgreSQL not installed (apt-get install postgresql)",
                )
            )
        else:
            pg_root = Path(tempfile.mkdtemp(prefix="xaapp-bench-pg-"))
            cluster = PgCluster(pg_root).start()
            try:
                rate = _ingest_rate(cluster.new_database(), records)
            finally:
                cluster.stop()
                import shutil

                shutil.rmtree(pg_root, ignore_errors=True)
            results.append(
                Result(
                    "sync",
                    f"server ingest rate, PostgreSQL ({total} records)",
                    rate,
                    "records/s",
                    ">= 1,000",
                    rate >= 1000,
                    "HTTP on loopback, batches of 500, fsync off",
                )
            )
    return results
