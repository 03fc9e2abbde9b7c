"""Changes that an earlier version (schema 6 and before) closed when it wrote them into a sync file are
opened again at the upgrade, so a file that never reached the province loses nothing; what did reach it
is acknowledged again without being stored twice."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from support.sync_env import LiveServer, new_device
from xaapp.server import admin
from xaapp.server.schema import record
from xaapp.services.demo import generate_demo
from xaapp.services.sync import enroll_database, export_sync_file, sync_database
from xaapp.storage.orm import Household

pytestmark = pytest.mark.integration
COMMUNE = "14923"


def _readdress(db, uuid: str, address: str) -> None:
    with db.session(actor="officer") as s:
        s.scalars(select(Household).where(Household.uuid == uuid)).one().address = address


def _close_as_version_6_did(path: Path) -> None:
    """What exporting did before version 7: rows closed as ``exported``, ``synced_revision`` moved up."""
    conn = sqlite3.connect(path)
    try:
        conn.execute(
            "UPDATE outbox SET acked_at = CURRENT_TIMESTAMP, outcome = 'exported', batch_id = NULL "
            "WHERE acked_at IS NULL"
        )
        conn.execute("UPDATE household SET synced_revision = revision")
        conn.execute("DROP INDEX ix_household_code")  # what migration 12 adds
        conn.execute("DROP INDEX ix_outbox_entity_pending")  # what migration 11 adds
        conn.execute("DROP INDEX ix_poverty_review_list")  # what migration 10 adds
        conn.execute("DROP INDEX ix_person_list")
        conn.execute("DROP TABLE review_return")  # what migration 8 adds
        conn.execute("DROP TABLE list_approval")
        conn.execute("DROP TABLE yearly_report")  # what migration 9 adds
        conn.execute("PRAGMA user_version = 6")
        conn.commit()
    finally:
        conn.close()


def _server_address(server: LiveServer, uuid: str) -> tuple[int, str]:
    with server.engine.connect() as conn:
        row = conn.execute(select(record.c.revision, record.c.data).where(record.c.uuid == uuid)).one()
    return row.revision, json.loads(row.data)["address"]


def test_exported_changes_of_an_older_version_are_sent_again(
    live_server: LiveServer, make_device, tmp_path: Path
) -> None:
    dev = make_device("a")
    generate_demo(dev.db, households=4, seed=3)
    enroll_database(dev.db, live_server.url, live_server.issue_code(COMMUNE), "A")
    assert sync_database(dev.db).ok
    with dev.db.read() as s:
        delivered, lost = s.scalars(select(Household.uuid).order_by(Household.id).limit(2)).all()

    # One change went out in a file that reached the province; the other's file was lost.
    _readdress(dev.db, delivered, "Bản Sạng, nhà số 9")
    reached = export_sync_file(dev.db, tmp_path / "1.xasync")
    admin.import_file(live_server.engine, (tmp_path / "1.xasync").read_bytes())
    assert reached["records"] == 1
    _readdress(dev.db, lost, "Bản Pặt, nhà số 2")
    assert dev.store.pending_count() == 2  # the first is unacknowledged (no receipt imported yet)
    dev.close()
    _close_as_version_6_did(dev.db.path)

    upgraded = new_device(dev.data_dir)
    try:
        assert upgraded.db.migration.from_version == 6
        assert upgraded.store.pending_count() == 2  # open again, not "nothing is pending"
        report = sync_database(upgraded.db)
        assert report.ok and report.counts_match is True and report.pending == 0
        assert sum(report.pushed.values()) <= 2 and report.pushed.get("conflict", 0) == 0
        assert _server_address(live_server, lost)[1] == "Bản Pặt, nhà số 2"
        revision, address = _server_address(live_server, delivered)
        assert address == "Bản Sạng, nhà số 9"
        with upgraded.db.read() as s:
            local = s.scalars(select(Household).where(Household.uuid == delivered)).one()
            assert local.revision == local.synced_revision == revision  # stored once, acknowledged
    finally:
        upgraded.close()
