"""Stateless server: two instances over one database serve devices pushing at the same time."""

from __future__ import annotations

import threading

import pytest

from support.sync_env import LiveServer
from xaapp.services.demo import generate_demo
from xaapp.services.sync import enroll_database, sync_database
from xaapp.storage.orm import Household
from xaapp.sync.engine import SyncOptions

pytestmark = pytest.mark.integration


def test_two_instances_one_database(live_server: LiveServer, server_db_url: str, make_device) -> None:
    second = LiveServer(server_db_url).start()  # migrations and reference seeding are idempotent
    try:
        a, b, c = make_device("a"), make_device("b"), make_device("c")
        generate_demo(a.db, households=25, seed=21)
        from xaapp.services.reference import ensure_units

        ensure_units(b.db)
        enroll_database(a.db, live_server.url, live_server.issue_code("14923"), "A")
        enroll_database(b.db, second.url, live_server.issue_code("14923"), "B")
        # B creates households in A's commune too, in villages it first pulls from the server.
        assert sync_database(a.db).ok and sync_database(b.db).ok
        from sqlalchemy import select

        from xaapp.storage.orm import Village

        with a.db.session(actor="a") as s:
            village_a = s.scalars(select(Village)).first()
            s.add_all(Household(village=village_a, code=f"A{i}", address="A") for i in range(40))
        with b.db.session(actor="b") as s:
            village_b = s.scalars(select(Village)).first()
            s.add_all(Household(village=village_b, code=f"B{i}", address="B") for i in range(40))
        opts = SyncOptions(initial_chunk=5, fast_seconds=0)  # many small requests, interleaved
        reports = {}

        def run(name: str, dev) -> None:  # noqa: ANN001
            reports[name] = sync_database(dev.db, options=opts)

        threads = [threading.Thread(target=run, args=("a", a)), threading.Thread(target=run, args=("b", b))]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        assert reports["a"].ok and reports["b"].ok
        # Each sees the other's households after one more pull; a third device restores everything.
        assert sync_database(a.db).ok and sync_database(b.db).ok
        enroll_database(c.db, second.url, live_server.issue_code("14923"), "C")
        rc = sync_database(c.db)
        assert rc.ok and rc.counts_match
        assert a.store.local_counts() == b.store.local_counts() == c.store.local_counts()
        assert a.store.local_counts()["household"] == 25 + 80
    finally:
        second.stop()
