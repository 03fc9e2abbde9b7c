"""Two laptops edit the same household: a conflict the officer resolves field by field; no answer is lost."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from support.sync_env import Device, LiveServer
from xaapp.server.schema import conflict, record_version
from xaapp.services.demo import generate_demo
from xaapp.services.sync import enroll_database, list_conflicts, resolve_conflict, sync_database
from xaapp.storage.orm import Household, OutboxEntry

pytestmark = pytest.mark.integration
COMMUNE = "14923"


def edit_address(dev: Device, uuid: str, address: str, phone: str | None = None) -> None:
    with dev.db.session(actor="officer") as s:
        hh = s.scalar(select(Household).where(Household.uuid == uuid))
        hh.address = address
        if phone is not None:
            hh.phone = phone


def address_of(dev: Device, uuid: str) -> str:
    with dev.db.read() as s:
        return s.scalar(select(Household.address).where(Household.uuid == uuid))


def test_two_devices_conflict_and_the_officer_decides(live_server: LiveServer, make_device) -> None:
    a, b = make_device("a"), make_device("b")
    generate_demo(a.db, households=12, seed=8)
    enroll_database(a.db, live_server.url, live_server.issue_code(COMMUNE), "A")
    assert sync_database(a.db).ok
    enroll_database(b.db, live_server.url, live_server.issue_code(COMMUNE), "B")
    assert sync_database(b.db).ok  # B restored the commune

    with a.db.read() as s:
        first, second = [h.uuid for h in s.scalars(select(Household).order_by(Household.id).limit(2))]

    edit_address(a, first, "Thôn Đồng Tâm, nhà số 5")
    edit_address(b, first, "Thôn Đồng Tâm, nhà số 7", phone="0912345678")
    edit_address(a, second, "A nói: bản Hạ")
    edit_address(b, second, "B nói: bản Thượng")

    ra = sync_database(a.db)
    assert ra.ok and ra.pushed == {"accepted": 2}
    rb = sync_database(b.db)
    assert rb.ok and rb.pushed == {"conflict": 2} and rb.open_conflicts == 2
    assert {c["uuid"] for c in rb.conflicts} == {first, second}
    assert address_of(b, first) == "Thôn Đồng Tâm, nhà số 7"  # nothing overwritten without a choice

    views = {v.entity_uuid: v for v in list_conflicts(b.db)}
    diff = {f: (mine, theirs) for f, mine, theirs in views[first].differences}
    assert diff["address"] == ("Thôn Đồng Tâm, nhà số 7", "Thôn Đồng Tâm, nhà số 5")
    assert "phone" in diff and "village_uuid" not in diff

    # Nothing more is sent for a record in conflict until the officer decides.
    again = sync_database(b.db)
    assert again.ok and again.pushed == {} and again.open_conflicts == 2

    resolve_conflict(b.db, views[first].id, "local", actor="officer-b")
    resolve_conflict(b.db, views[second].id, "server", actor="officer-b")
    assert list_conflicts(b.db) == []
    assert address_of(b, second) == "A nói: bản Hạ"

    rb2 = sync_database(b.db)
    assert rb2.ok and rb2.pushed == {"accepted": 1} and rb2.open_conflicts == 0 and rb2.counts_match
    ra2 = sync_database(a.db)
    assert ra2.ok and ra2.applied == 1
    assert address_of(a, first) == "Thôn Đồng Tâm, nhà số 7"  # B's kept answer reached A
    assert address_of(a, second) == address_of(b, second) == "A nói: bản Hạ"

    # No answer lost: the server keeps every version, including the one that was overruled.
    with live_server.engine.begin() as conn:
        versions = [
            json.loads(r.data)["address"]
            for r in conn.execute(
                select(record_version.c.data)
                .where(record_version.c.uuid == first)
                .order_by(record_version.c.revision)
            )
        ]
        logged = [
            json.loads(r.data)["address"]
            for r in conn.execute(select(conflict.c.data).where(conflict.c.uuid == second))
        ]
    assert versions[-2:] == ["Thôn Đồng Tâm, nhà số 5", "Thôn Đồng Tâm, nhà số 7"]
    assert logged == ["B nói: bản Thượng"]
    with b.db.read() as s:
        outcomes = set(s.scalars(select(OutboxEntry.outcome).where(OutboxEntry.entity_uuid == first)))
    assert {"conflict", "accepted"} <= outcomes
    assert live_server.stats()["conflicts"] == 2


def test_pull_into_a_record_with_unsent_edits_is_a_conflict(live_server: LiveServer, make_device) -> None:
    a, b = make_device("a"), make_device("b")
    generate_demo(a.db, households=3, seed=9)
    enroll_database(a.db, live_server.url, live_server.issue_code(COMMUNE), "A")
    assert sync_database(a.db).ok
    enroll_database(b.db, live_server.url, live_server.issue_code(COMMUNE), "B")
    assert sync_database(b.db).ok
    with a.db.read() as s:
        uuid = s.scalars(select(Household.uuid)).first()
    edit_address(a, uuid, "from A")
    assert sync_database(a.db).ok
    edit_address(b, uuid, "from B")
    # B pulls before pushing (as after a push that failed): A's version arrives over B's unsent edit.
    from xaapp.storage.sync_store import SqlSyncStore
    from xaapp.sync.transport_http import HttpTransport

    store = SqlSyncStore(b.db)
    ident = store.identity()
    transport = HttpTransport(ident.server_url, ident.token)
    page = transport.pull(store.pull_cursor(), 100)
    transport.close()
    store.apply_pull(page)
    assert address_of(b, uuid) == "from B"
    [view] = list_conflicts(b.db)
    assert [d for d in view.differences if d[0] == "address"] == [("address", "from B", "from A")]
