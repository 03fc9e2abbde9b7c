"""The local side: enrollment bookkeeping, tombstones both ways, conflicts kept until the officer decides."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select
from sync_fakes import LocalServer, add_commune

from xaapp.errors import KnownError
from xaapp.services.sync import list_conflicts, resolve_conflict, sync_status
from xaapp.storage.db import Database, open_database
from xaapp.storage.orm import AuditEntry, Household, OutboxEntry
from xaapp.storage.sync_store import SqlSyncStore
from xaapp.sync.engine import SyncOptions, run_sync


def test_enrollment_is_remembered_and_a_new_one_restarts_the_pull(db: Database) -> None:
    store = SqlSyncStore(db)
    assert store.identity() is None and not sync_status(db).enrolled
    store.save_identity("dev-1", "tok", "http://127.0.0.1:1", "14923")
    with db.session(actor="sync", remote=True) as s:
        from xaapp.storage.orm import SyncState

        s.add(SyncState(key="pull_cursor", value="10.3"))
    store.save_identity("dev-1", "tok", "http://127.0.0.1:2", "14923")  # same device, new address
    assert store.pull_cursor() == "10.3"
    store.save_identity("dev-2", "tok2", "http://127.0.0.1:2", "14923")  # enrolled again
    assert store.pull_cursor() == "" and store.identity().device_id == "dev-2"
    with pytest.raises(KnownError):
        store.save_identity("dev-3", "tok3", "http://127.0.0.1:2", "16522")  # this laptop is 14923's
    status = sync_status(db)
    assert status.enrolled and status.commune_code == "14923" and "tok" not in repr(status.device_id)


def test_tombstones_travel_both_ways(db: Database, server: LocalServer, tmp_path, fast: SyncOptions) -> None:
    add_commune(db, households=2)
    assert run_sync(SqlSyncStore(db), server, options=fast).ok
    with db.session(actor="t") as s:
        s.scalars(select(Household)).first().deleted_at = datetime(2026, 5, 1)
    with db.read() as s:
        assert s.scalars(select(OutboxEntry.op).where(OutboxEntry.acked_at.is_(None))).all() == ["delete"]
    assert run_sync(SqlSyncStore(db), server, options=fast).pushed == {"accepted": 1}
    other = open_database(tmp_path / "other")
    try:
        assert run_sync(SqlSyncStore(other), server.another_device(), options=fast).ok
        with other.read() as s:
            assert sum(h.deleted_at is not None for h in s.scalars(select(Household))) == 1
    finally:
        other.close()


def test_keep_server_replaces_local_and_is_audited(
    db: Database, server: LocalServer, tmp_path, fast: SyncOptions
) -> None:
    add_commune(db, households=1)
    assert run_sync(SqlSyncStore(db), server, options=fast).ok
    other = open_database(tmp_path / "other")
    try:
        other_server = server.another_device()
        assert run_sync(SqlSyncStore(other), other_server, options=fast).ok
        for database, text in ((other, "theirs"), (db, "mine")):
            with database.session(actor="t") as s:
                s.scalars(select(Household)).one().address = text
        assert run_sync(SqlSyncStore(other), other_server, options=fast).ok
        report = run_sync(SqlSyncStore(db), server, options=fast)
        assert report.pushed == {"conflict": 1} and report.open_conflicts == 1
        [view] = list_conflicts(db)
        assert ("address", "mine", "theirs") in view.differences
        resolve_conflict(db, view.id, "server", actor="an")
        with pytest.raises(KnownError):
            resolve_conflict(db, view.id, "local", actor="an")
        with db.read() as s:
            hh = s.scalars(select(Household)).one()
            assert hh.address == "theirs" and hh.revision == hh.synced_revision
            assert s.scalar(select(AuditEntry).where(AuditEntry.action == "resolve")).new_value == "server"
        again = run_sync(SqlSyncStore(db), server, options=fast)
        assert again.ok and again.pushed == {} and again.counts_match
    finally:
        other.close()
