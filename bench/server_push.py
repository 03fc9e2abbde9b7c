"""The central server's CPU per pushed record, HTTP included, and where it goes.

The demo commune's records (N households) are cut into the batches a laptop sends (500 records,
parents first, ``PushRequest.wire_json``, gzip -9) once, before anything is timed. Then:

* ``over_http``: ``xaapp server run`` in its own process on a fresh database (SQLite, or PostgreSQL
  with fsync on), a device enrolled, the bodies posted one after another; the server process's CPU
  time (user + system, ``/proc``) from the first request to the last answer, ÷ the records. The
  database's own processes (PostgreSQL) are not counted: they are not the server's Python.
* ``profile``: the same bodies through the push route's own steps in this process's main thread
  (token check, ``bodies.decode_checked``, ``intake.screen_push``, ``intake.ingest_screened`` in one
  transaction, the answer's JSON), under cProfile — the route runs them on worker threads, which
  cProfile does not follow; uvicorn's and starlette's share is the difference to ``over_http``.

Usage: ``python bench/server_push.py [--scale 2000] [--db sqlite|postgresql|both] [--profile FILE] [--http-only]``
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import gzip
import io
import json
import os
import pstats
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE.parent / "tests"))  # support.*: the server process, a PostgreSQL cluster

COMMUNE = "14923"
BATCH = 500


def bodies(households: int) -> tuple[int, list[bytes]]:
    """(records, gzip -9 request bodies) of the demo commune, as a laptop sends them."""
    from common import demo_folder

    from xaapp.storage.db import open_database
    from xaapp.storage.sync_store import SqlSyncStore
    from xaapp.sync.protocol import PushRequest

    db = open_database(demo_folder(households))
    try:
        records = SqlSyncStore(db).pending_changes()
    finally:
        db.close()
    out = []
    for i in range(0, len(records), BATCH):
        request = PushRequest(f"bench-{i // BATCH}", records[i : i + BATCH])
        out.append(gzip.compress(request.wire_json(), 9))
    return len(records), out


def _cpu(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@contextmanager
def databases(kind: str) -> Iterator[Callable[[], str]]:
    """A maker of fresh, empty database URLs of *kind* (``sqlite`` | ``postgresql``, fsync on)."""
    root = Path(tempfile.mkdtemp(prefix="xaapp-bench-push-"))
    n = {"i": 0}
    cluster = None
    try:
        if kind == "sqlite":

            def url() -> str:
                n["i"] += 1
                name = f"server{n['i']}.db"
                return f"sqlite:///{root / name}"

            yield url
        else:
            from support.sync_env import PgCluster

            cluster = PgCluster(Path(tempfile.mkdtemp(prefix="xaapp-bench-pg-")), fsync=True).start()
            yield cluster.new_database
    finally:
        if cluster is not None:
            cluster.stop()
            shutil.rmtree(cluster.root, ignore_errors=True)
        shutil.rmtree(root, ignore_errors=True)


def over_http(db_url: str, records: int, payloads: list[bytes]) -> dict[str, float]:
    """Post *payloads* to ``xaapp server run`` on *db_url*: the server process's CPU µs/record."""
    import requests

    from support.server_process import server_process
    from xaapp.server import admin

    engine = admin.open_engine(db_url)
    try:
        code = admin.issue_code(engine, COMMUNE)
    finally:
        engine.dispose()
    with server_process(db_url) as server, requests.Session() as http:
        got = http.post(f"{server.url}/v1/enroll", json={"code": code, "label": "bench-push"}, timeout=60)
        got.raise_for_status()
        headers = {
            "Authorization": f"Bearer {got.json()['token']}",
            "Content-Type": "application/json",
            "Content-Encoding": "gzip",
        }
        cpu, started = _cpu(server.proc.pid), time.perf_counter()
        for body in payloads:
            answer = http.post(f"{server.url}/v1/push", data=body, headers=headers, timeout=300)
            answer.raise_for_status()
            assert set(answer.json()["outcomes"]) == {"a"}, answer.json()["outcomes"][:40]
        wall = time.perf_counter() - started
        cpu = _cpu(server.proc.pid) - cpu
    return {"cpu_us": cpu / records * 1e6, "wall_s": wall, "cpu_s": cpu}


def in_process(db_url: str, payloads: list[bytes], profiler: cProfile.Profile | None = None) -> float:
    """The push route's steps for each body, in this thread: CPU seconds (``time.process_time``)."""
    from datetime import UTC, datetime

    from xaapp.server import admin, devices, intake
    from xaapp.server.app import ServerSettings
    from xaapp.server.bodies import decode_checked
    from xaapp.sync.protocol import PushResponse

    settings = ServerSettings()
    limits = settings.body_limits()
    engine = admin.open_engine(db_url)
    try:
        now = datetime.now(UTC).replace(tzinfo=None)
        code = admin.issue_code(engine, COMMUNE)
        with engine.begin() as conn:
            grant = devices.enroll(conn, code, "bench", now)
        gc.freeze()  # as the server does once started (app.create_app's lifespan)
        cpu = time.process_time()
        if profiler is not None:
            profiler.enable()
        for raw in payloads:
            body, text_clean = decode_checked(raw, True, limits)
            batch_id, screened = intake.screen_push(body, settings.max_batch_records, text_clean)
            with engine.begin() as conn:
                dev = devices.authenticate(conn, grant.token, now)
                devices.touch(conn, dev.id, now)
                response = PushResponse(batch_id, intake.ingest_screened(conn, dev.writer, batch_id, screened, now))
            json.dumps(response.to_json(), ensure_ascii=False, separators=(",", ":")).encode()
        if profiler is not None:
            profiler.disable()
        return time.process_time() - cpu
    finally:
        gc.unfreeze()
        engine.dispose()


def profile_text(profiler: cProfile.Profile, title: str) -> str:
    out = io.StringIO()
    out.write(f"{title}\n\n")
    stats = pstats.Stats(profiler, stream=out)
    stats.strip_dirs().sort_stats("tottime").print_stats(30)
    stats.sort_stats("cumulative").print_stats(30)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=2000)
    parser.add_argument("--db", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--profile", type=Path, default=None, help="write the in-process profile(s) to this file")
    parser.add_argument("--http-only", action="store_true", help="only the server process's CPU over HTTP")
    args = parser.parse_args()
    records, payloads = bodies(args.scale)
    print(f"{args.scale:,} households: {records:,} records in {len(payloads)} bodies, {sum(map(len, payloads)):,} bytes")
    kinds = ("sqlite", "postgresql") if args.db == "both" else (args.db,)
    profiles: list[str] = []
    for kind in kinds:
        with databases(kind) as fresh:
            m = over_http(fresh(), records, payloads)
            print(f"{kind:10} over HTTP: server CPU {m['cpu_us']:.0f} µs/record ({m['cpu_s']:.2f} s; wall {m['wall_s']:.2f} s)")
            if args.http_only:
                continue
            cpu = in_process(fresh(), payloads)
            print(f"{kind:10} in process (route steps, no HTTP): {cpu / records * 1e6:.0f} µs/record")
            if args.profile:
                prof = cProfile.Profile(time.process_time)  # CPU time: waits on disk or PostgreSQL left out
                in_process(fresh(), payloads, prof)
                title = (
                    f"Server push path, {args.scale:,} households ({records:,} records, {len(payloads)} gzip "
                    f"bodies of {BATCH}) into {kind}, in process, cProfile of CPU time "
                    f"({time.strftime('%Y-%m-%d %H:%M')}): python bench/server_push.py --profile FILE"
                )
                profiles.append(profile_text(prof, title))
    if args.profile and profiles:
        args.profile.write_text(("\n" + "=" * 100 + "\n\n").join(profiles))


if __name__ == "__main__":
    main()
