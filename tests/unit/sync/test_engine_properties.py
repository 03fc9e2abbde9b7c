"""Property: whatever fails and whenever, once a clean sync has run, the server holds every record once."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from sync_fakes import Flaky, LocalServer, add_commune

from xaapp.server.schema import record, record_version
from xaapp.storage.db import open_database
from xaapp.storage.orm import Household
from xaapp.storage.sync_store import SqlSyncStore
from xaapp.sync.engine import SyncOptions, run_sync

STEPS = st.sampled_from(["ok", "drop_request", "drop_response", "500", "429", "413"])


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    scripts=st.lists(st.lists(STEPS, max_size=12), min_size=1, max_size=3),
    chunk=st.integers(1, 30),
    edits=st.lists(st.integers(0, 7), max_size=4),
)
def test_exactly_once_under_any_failure_script(
    scripts: list[list[str]], chunk: int, edits: list[int]
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        db = open_database(root / "device")
        server = LocalServer.create(root / "server.db")
        try:
            add_commune(db, households=8)
            store = SqlSyncStore(db)
            for n, script in enumerate(scripts):
                options = SyncOptions(
                    initial_chunk=chunk, max_attempts=3, backoff_base=0, backoff_cap=0, seed=n
                )
                run_sync(store, Flaky(server, list(script), only=("push", "pull")), options=options)
                if n < len(edits):  # the officer keeps working between attempts
                    with db.session(actor="t") as s:
                        households = s.scalars(select(Household).order_by(Household.id)).all()
                        households[edits[n]].address = f"sửa lần {n}"
            final = run_sync(store, server, options=SyncOptions(backoff_base=0, backoff_cap=0))
            assert final.ok and final.pending == 0 and final.counts_match is True
            assert final.pushed.get("conflict", 0) == 0 and final.pushed.get("rejected", 0) == 0
            with server.engine.begin() as conn:
                stored = conn.scalar(select(func.count()).select_from(record))
                versions = conn.scalar(select(func.count()).select_from(record_version))
            assert stored == sum(store.local_counts().values())
            assert versions >= stored
        finally:
            db.close()
            server.engine.dispose()
