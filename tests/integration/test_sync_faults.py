"""Weak links: through the fault proxy every record arrives exactly once; SIGKILL mid-sync loses nothing."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from support.faultproxy import FaultProxy
from support.sync_env import Device, LiveServer
from xaapp.server.schema import record, record_version
from xaapp.services.demo import generate_demo
from xaapp.services.sync import enroll_database, sync_database
from xaapp.storage.orm import OutboxEntry
from xaapp.storage.sync_store import SqlSyncStore
from xaapp.sync.engine import SyncOptions

pytestmark = pytest.mark.integration
COMMUNE = "14923"


def server_counts(server: LiveServer) -> tuple[int, int]:
    with server.engine.begin() as conn:
        return (
            conn.scalar(select(func.count()).select_from(record)),
            conn.scalar(select(func.count()).select_from(record_version)),
        )


def total(device: Device) -> int:
    return sum(device.store.local_counts().values())


def enrolled_demo(live_server: LiveServer, device: Device, households: int, seed: int) -> None:
    generate_demo(device.db, households=households, seed=seed)
    enroll_database(device.db, live_server.url, live_server.issue_code(COMMUNE), "t")


def point_at(device: Device, url: str) -> None:
    ident = device.store.identity()
    assert ident is not None
    device.store.save_identity(ident.device_id, ident.token, url, ident.commune_code)


@pytest.mark.parametrize(
    ("seed", "directions"), [(11, ("up", "down")), (12, ("down",))], ids=["both", "answers"]
)
def test_every_record_arrives_exactly_once_through_cuts(
    live_server: LiveServer, make_device, seed: int, directions: tuple[str, ...]
) -> None:
    dev = make_device("a")
    enrolled_demo(live_server, dev, households=40, seed=seed)
    with FaultProxy(
        live_server.port,
        delay=0.002,
        rate_bytes_per_s=2_000_000,
        cut_probability=0.3,
        cut_max_bytes=8_000,
        seed=seed,
        cut_directions=directions,
    ) as proxy:
        point_at(dev, proxy.url)
        options = SyncOptions(
            initial_chunk=40, backoff_base=0.01, backoff_cap=0.05, max_attempts=50, seed=seed, pull_limit=60
        )
        runs = []
        for _ in range(20):  # as an officer would press "sync" again
            report = sync_database(dev.db, options=options)
            runs.append(report)
            if report.ok:
                break
        assert report.ok, [r.error for r in runs]
        assert proxy.stats.cuts > 0, "the proxy cut nothing: the test would prove nothing"
    n = total(dev)
    assert server_counts(live_server) == (n, n)  # every record once, each revision once
    assert report.counts_match is True and report.pending == 0
    resent = sum(r.pushed.get("duplicate", 0) for r in runs)
    accepted = sum(r.pushed.get("accepted", 0) for r in runs)
    assert accepted + resent == n  # each record acknowledged once: stored, or recognised as already stored
    assert sum(r.retries for r in runs) > 0
    if directions == ("down",):  # answers were lost after the server stored the records
        assert resent > 0


def _run_cli_sync(data_dir: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "xaapp", "sync", "--data-dir", str(data_dir), "--json"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _acked(dev: Device) -> int:
    with dev.db.read() as s:
        return s.scalar(
            select(func.count()).select_from(OutboxEntry).where(OutboxEntry.acked_at.is_not(None))
        )


def test_sigkill_mid_sync_loses_and_duplicates_nothing(live_server: LiveServer, make_device) -> None:
    dev = make_device("a")
    enrolled_demo(live_server, dev, households=120, seed=5)
    n = total(dev)
    with FaultProxy(live_server.port, delay=0.01, rate_bytes_per_s=40_000, seed=5) as proxy:
        point_at(dev, proxy.url)
        kills = 0
        for _ in range(3):  # kill it three times at different points of the push
            proc = _run_cli_sync(dev.data_dir)
            deadline = time.monotonic() + 30
            start_acked = _acked(dev)
            while _acked(dev) == start_acked and proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.05)
            if proc.poll() is not None:
                out, err = proc.communicate()
                assert proc.returncode == 0, err.decode()
                break
            time.sleep(0.2 * kills)
            proc.send_signal(signal.SIGKILL)
            proc.wait(10)
            proc.stdout.close()
            proc.stderr.close()
            kills += 1
        assert kills >= 1, "the sync finished before it could be killed"
        assert 0 < _acked(dev)
        assert SqlSyncStore(dev.db).pending_count() > 0  # it really was cut short
        proxy.configure(rate_bytes_per_s=None, delay=0.0)
        proc = _run_cli_sync(dev.data_dir)
        out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err.decode()
    report = json.loads(out)
    assert report["ok"] and report["pending"] == 0 and report["counts_match"] is True
    assert server_counts(live_server) == (n, n)


def test_sigkill_mid_restore_then_restart_gives_the_same_records(
    live_server: LiveServer, make_device
) -> None:
    from xaapp.storage.records import RefResolver, wire_hash

    def fingerprint(dev: Device) -> dict[str, tuple[int, str]]:
        from xaapp.storage.orm import ENTITY_MODELS

        out = {}
        with dev.db.read() as s:
            refs = RefResolver(s)
            for model in ENTITY_MODELS.values():
                out.update(
                    {o.uuid: (o.synced_revision, wire_hash(o, refs)) for o in s.scalars(select(model))}
                )
        return out

    a = make_device("a")
    enrolled_demo(live_server, a, households=60, seed=6)
    assert sync_database(a.db).ok
    b = make_device("b")
    enroll_database(b.db, live_server.url, live_server.issue_code(COMMUNE), "new laptop")
    with FaultProxy(live_server.port, delay=0.01, rate_bytes_per_s=60_000, seed=6) as proxy:
        point_at(b, proxy.url)
        proc = _run_cli_sync(b.data_dir)
        deadline = time.monotonic() + 30
        while total(b) == 0 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert proc.poll() is None, "the restore finished before it could be killed"
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
        proc.stdout.close()
        proc.stderr.close()
        assert 0 < total(b) < total(a)
        proxy.configure(rate_bytes_per_s=None, delay=0.0)
        proc = _run_cli_sync(b.data_dir)
        out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err.decode()
    assert json.loads(out)["counts_match"] is True
    assert fingerprint(b) == fingerprint(a)
