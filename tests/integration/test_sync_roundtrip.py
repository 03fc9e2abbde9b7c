"""The demo commune syncs over real HTTP; counts match; a second sync sends nothing; restore gives it back."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from support.sync_env import Device, LiveServer
from xaapp.paths import forms_dir, resources_dir
from xaapp.services.demo import generate_demo
from xaapp.services.sync import enroll_database, sync_database
from xaapp.storage.orm import ENTITY_MODELS, AdminUnit, OutboxEntry
from xaapp.storage.records import RefResolver, wire_hash

pytestmark = pytest.mark.integration
COMMUNE = "14923"


def fingerprint(device: Device) -> dict[str, tuple[int, str]]:
    """uuid -> (revision, content hash) of every synced record on a device."""
    out: dict[str, tuple[int, str]] = {}
    with device.db.read() as s:
        refs = RefResolver(s)
        for model in ENTITY_MODELS.values():
            for obj in s.scalars(select(model)):
                out[obj.uuid] = (obj.synced_revision, wire_hash(obj, refs))
    return out


def test_demo_commune_syncs_counts_match_and_restores(live_server: LiveServer, make_device) -> None:
    a = make_device("a")
    generate_demo(a.db, households=40, seed=3)
    enroll_database(a.db, live_server.url, live_server.issue_code(COMMUNE), "laptop A")

    first = sync_database(a.db)
    assert first.ok, first.error
    assert first.pushed.get("accepted", 0) == len(fingerprint(a)) > 40
    assert set(first.pushed) == {"accepted"}
    assert first.pending == 0 and first.counts_match is True
    assert first.server_counts == first.local_counts
    totals = live_server.stats()["totals"]
    assert totals == a.store.local_counts()
    assert first.reference >= 166  # the province's admin units (and rule files) came down
    with a.db.read() as s:
        assert s.scalar(select(OutboxEntry).where(OutboxEntry.acked_at.is_(None))) is None

    second = sync_database(a.db)
    assert second.ok and second.pushed == {} and second.pulled == 0 and second.reference == 0
    assert second.counts_match is True

    # A new laptop for the same commune: enroll, sync, and the commune is back, record for record.
    b = make_device("b")
    enroll_database(b.db, live_server.url, live_server.issue_code(COMMUNE), "new laptop")
    restored = sync_database(b.db)
    assert restored.ok, restored.error
    assert restored.pushed == {} and restored.counts_match is True
    assert fingerprint(b) == fingerprint(a)
    with b.db.read() as s:
        assert s.get(AdminUnit, COMMUNE) is not None
    rules = sorted(p.name for p in (b.data_dir / "reference" / "rules").iterdir())
    assert rules == sorted(p.name for p in resources_dir().joinpath("rules").glob("*.json"))
    for form in forms_dir().glob("*.xlsx"):  # the form workbooks arrive byte for byte
        assert (b.data_dir / "reference" / "form" / form.name).read_bytes() == form.read_bytes()
