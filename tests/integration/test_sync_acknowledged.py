"""A record leaves the outbox only when the server has answered for it, by either way out.

Sync files are proposals until their receipt comes back: a damaged, refused or lost file costs only
the walk (exporting again carries everything not yet acknowledged), files imported in either order
neither reject children nor conflict with each other, and a parent rejected for a bad ID holds its
children back until it is fixed, when they follow by themselves. ``xaapp sync`` exits non-zero while
the two sides do not hold the same records and says which are missing and why.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from support.sync_env import Device, LiveServer
from xaapp.cli import main
from xaapp.server import admin
from xaapp.services.demo import generate_demo
from xaapp.services.sync import (
    enroll_database,
    export_sync_file,
    import_receipt,
    list_problems,
    sync_database,
)
from xaapp.storage.orm import AllowancePeriod, Beneficiary, Household, Person
from xaapp.sync.errors import SyncFileError

pytestmark = pytest.mark.integration
COMMUNE = "14923"


def total(dev: Device) -> int:
    return sum(dev.store.local_counts().values())


def receipt_of(report: admin.ImportReport, path: Path) -> Path:
    path.write_bytes(report.receipt_file)
    return path


def test_damaged_or_refused_files_lose_nothing(live_server: LiveServer, make_device, tmp_path: Path) -> None:
    dev = make_device("a")
    generate_demo(dev.db, households=6, seed=7)
    enroll_database(dev.db, live_server.url, live_server.issue_code(COMMUNE), "A")
    n = total(dev)

    first = tmp_path / "1.xasync"
    assert export_sync_file(dev.db, first)["records"] == n
    damaged = tmp_path / "damaged.xasync"
    damaged.write_bytes(first.read_bytes()[: len(first.read_bytes()) // 2])
    with pytest.raises(SyncFileError) as refused:
        admin.import_file(live_server.engine, damaged.read_bytes())
    assert "xuất lại" in refused.value.message_vi or refused.value.code == "file_unreadable"

    # "Export it again": everything is still there, not "nothing is pending".
    second = tmp_path / "2.xasync"
    again = export_sync_file(dev.db, second)
    assert again["records"] == n and again["file_seq"] == 2
    report = admin.import_file(live_server.engine, second.read_bytes())
    assert report.outcomes == {"accepted": n}
    assert import_receipt(dev.db, receipt_of(report, tmp_path / "2.receipt"))["pending"] == 0

    # A file refused because the device was revoked: the change waits for the new enrollment.
    with dev.db.session(actor="officer") as s:
        s.scalars(select(Household)).first().address = "Bản Sạng, nhà số 3"
    third = tmp_path / "3.xasync"
    assert export_sync_file(dev.db, third)["records"] == 1
    admin.revoke(live_server.engine, dev.store.identity().device_id)
    with pytest.raises(SyncFileError) as revoked:
        admin.import_file(live_server.engine, third.read_bytes())
    assert revoked.value.code == "file_revoked"
    assert dev.store.pending_count() == 1
    enroll_database(dev.db, live_server.url, live_server.issue_code(COMMUNE), "A again")
    online = sync_database(dev.db)
    assert online.ok and online.pushed == {"accepted": 1} and online.counts_match is True
    assert online.pending == 0


@pytest.mark.parametrize("order", ["in_order", "reversed"])
def test_files_imported_in_either_order_store_everything_once(
    live_server: LiveServer, make_device, tmp_path: Path, order: str
) -> None:
    dev = make_device("a")
    generate_demo(dev.db, households=5, seed=8)
    enroll_database(dev.db, live_server.url, live_server.issue_code(COMMUNE), "A")
    first, second = tmp_path / "1.xasync", tmp_path / "2.xasync"
    export_sync_file(dev.db, first)
    with dev.db.session(actor="officer") as s:  # after the first file: an edit and a new person
        household = s.scalars(select(Household)).first()
        household.phone = "0912000111"
        s.add(Person(household=household, position=9, full_name="Lò Văn Mới", sex="male", birth_year=2025))
    n = total(dev)
    assert export_sync_file(dev.db, second)["records"] == n  # everything not yet acknowledged

    files = [first, second] if order == "in_order" else [second, first]
    reports = [admin.import_file(live_server.engine, f.read_bytes()) for f in files]
    outcomes = [r.outcomes for r in reports]
    if order == "in_order":  # the second file's edited household follows on from the first's
        assert outcomes == [{"accepted": n - 1}, {"accepted": 2, "duplicate": n - 2}]
    else:  # the older file is already superseded, record for record
        assert outcomes == [{"accepted": n}, {"duplicate": n - 1}]
    assert all(not r.rejected for r in reports)
    for i, r in enumerate(reports):
        import_receipt(dev.db, receipt_of(r, tmp_path / f"{i}.receipt"))
    assert dev.store.pending_count() == 0
    online = sync_database(dev.db)
    assert online.ok and online.pushed == {} and online.counts_match is True and online.open_conflicts == 0
    with live_server.engine.begin() as conn:
        from xaapp.server.queries import summary

        assert summary(conn, COMMUNE)["person"] == dev.store.local_counts()["person"]


def _person_with_allowance(dev: Device) -> str:
    with dev.db.read() as s:
        beneficiary = s.scalars(
            select(Beneficiary).where(Beneficiary.id.in_(select(AllowancePeriod.beneficiary_id)))
        ).first()
        return s.get(Person, beneficiary.person_id).uuid


def test_a_rejected_parent_holds_its_children_until_it_is_fixed(
    live_server: LiveServer, tmp_path: Path, capsys
) -> None:
    data = tmp_path / "laptop"
    assert main(["demo", "--data-dir", str(data), "--households", "10", "--seed", "4", "--quiet"]) == 0
    from xaapp.storage.db import open_database

    db = open_database(data)
    person_uuid = _person_with_allowance(Device(data, db))
    with db.session(actor="officer") as s:  # a personal ID one digit short: the server refuses it
        s.scalar(select(Person).where(Person.uuid == person_uuid)).personal_id = "03819000123"
    db.close()
    code = live_server.issue_code(COMMUNE)
    assert main(["enroll", "--data-dir", str(data), "--server", live_server.url, "--code", code]) == 0
    capsys.readouterr()

    assert main(["sync", "--data-dir", str(data)]) == 1  # the two sides do not agree: not a success
    out, err = capsys.readouterr()
    assert f"rejected: person {person_uuid}: personal_id" in out
    assert "waiting: beneficiary" in out  # the beneficiary waits for its person, it is not lost
    assert "person: máy này/here" in err and "beneficiary: máy này/here" in err

    db = open_database(data)
    problems = list_problems(db)
    assert [(p.kind, p.entity, p.field) for p in problems if p.kind == "rejected"] == [
        ("rejected", "person", "personal_id")
    ]
    assert {p.entity for p in problems if p.kind == "waiting"} >= {"beneficiary", "allowance_period"}
    with db.session(actor="officer") as s:  # the officer fixes the ID
        s.scalar(select(Person).where(Person.uuid == person_uuid)).personal_id = "038190001234"
    db.close()

    assert main(["sync", "--data-dir", str(data), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["counts_match"] is True and report["pending"] == 0 and report["problems"] == []
    assert report["pushed"]["accepted"] >= 3  # the person, then its beneficiary and allowance periods
