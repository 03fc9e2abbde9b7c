"""Token expiry and rotation end to end: the laptop's sync engine against the real server (not a fake).

A server that issues tokens for three days tells the laptop at the handshake; the laptop rotates its token
in the same run (it renews within seven days of expiry), stores the new one sealed, and the old token stops
working. A sync file written after the rotation is signed with the new token's key and imports.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from support.sync_env import Device, LiveServer
from xaapp.server import admin
from xaapp.services.demo import generate_demo
from xaapp.services.sync import enroll_database, export_sync_file, sync_database
from xaapp.sync.errors import AuthError
from xaapp.sync.protocol import Handshake
from xaapp.sync.transport_http import HttpTransport

pytestmark = pytest.mark.integration
COMMUNE = "14923"


def test_a_token_near_its_expiry_is_rotated_by_the_sync_and_the_old_one_stops_working(
    server_db_url: str, make_device: Callable[[str], Device], tmp_path: Path
) -> None:
    server = LiveServer(server_db_url, token_days=3).start()
    try:
        dev = make_device("a")
        generate_demo(dev.db, households=3, seed=5)
        enroll_database(dev.db, server.url, server.issue_code(COMMUNE), "A")
        old = dev.store.identity().token
        report = sync_database(dev.db)
        assert report.ok and report.token_rotated and report.counts_match is True
        new = dev.store.identity().token
        assert new != old
        stale = HttpTransport(server.url, old)
        try:
            with pytest.raises(AuthError):
                stale.handshake(Handshake(1, "t", "2026-01-01T00:00:00Z"))
        finally:
            stale.close()
        assert sync_database(dev.db).ok  # the new token works (and is renewed again, three days being short)
        with dev.db.session(actor="officer") as s:  # one change to carry on a USB stick
            from sqlalchemy import select

            from xaapp.storage.orm import Household

            household = s.scalars(select(Household).order_by(Household.id)).first()
            household.address = "Bản Mới"
        path = tmp_path / "after-rotation.xaz"
        assert export_sync_file(dev.db, path)["records"] >= 1
        report = admin.import_file(server.engine, path.read_bytes())
        assert report.outcomes.get("accepted", 0) >= 1 and not report.rejected
    finally:
        server.stop()
