"""A device of commune A can neither read nor write commune B; revoked tokens and bad codes are refused."""

from __future__ import annotations

import datetime as dt
import uuid as uuid_mod

import pytest
from sqlalchemy import select

from support.sync_env import Device, LiveServer
from xaapp.server import admin
from xaapp.services.demo import generate_demo
from xaapp.services.sync import enroll_database, sync_database
from xaapp.storage.orm import Household, Person, Village
from xaapp.sync.errors import AuthError, EnrollmentError
from xaapp.sync.protocol import Handshake, PushRequest, RecordChange
from xaapp.sync.transport_http import HttpTransport

pytestmark = pytest.mark.integration
A, B = "14923", "16522"


def commune_b(dev: Device) -> None:
    with dev.db.session(actor="officer") as s:
        v = Village(commune_code=B, name="Tổ dân phố 1", area_type="urban")
        h = Household(village=v, code="00001", address="Phố Quảng Phú")
        s.add_all(
            [
                v,
                h,
                Person(
                    household=h,
                    full_name="Lê Thị Hoa",
                    sex="female",
                    dob=dt.date(1990, 3, 4),
                    personal_id="038190001234",
                    relationship_to_head="head",
                ),
            ]
        )


def uuids(dev: Device, model: type) -> list[str]:
    with dev.db.read() as s:
        return list(s.scalars(select(model.uuid)))


def stamp() -> dict[str, str]:
    now = dt.datetime(2026, 1, 1).isoformat()
    return {"created_at": now, "updated_at": now, "deleted_at": None}


def test_communes_are_isolated_and_revocation_bites(live_server: LiveServer, make_device) -> None:
    a, b = make_device("a"), make_device("b")
    generate_demo(a.db, households=5, seed=2)
    enroll_database(a.db, live_server.url, live_server.issue_code(A), "A")
    from xaapp.services.reference import ensure_units

    ensure_units(b.db)
    commune_b(b)
    enroll_database(b.db, live_server.url, live_server.issue_code(B), "B")
    assert sync_database(a.db).ok and sync_database(b.db).ok

    ident = a.store.identity()
    t = HttpTransport(live_server.url, ident.token)
    # Reading: A's pulls and summary never contain B's records.
    page = t.pull("", 2000, own=True)
    seen = {r.uuid for r in page.records}
    assert seen and not seen & set(uuids(b, Village) + uuids(b, Household) + uuids(b, Person))
    assert t.summary() == a.store.local_counts()

    # Writing: into B's village (answered as a parent not there: it waits), over B's household, or a
    # village of B (rejected): nothing stored.
    b_village, b_household = uuids(b, Village)[0], uuids(b, Household)[0]
    tries = [
        RecordChange.make(
            "household",
            str(uuid_mod.uuid4()),
            1,
            0,
            "upsert",
            {
                "village_uuid": b_village,
                "code": "X",
                "address": "",
                "area_type": "rural",
                "phone": None,
                "ethnic_minority": False,
                **stamp(),
            },
        ),
        RecordChange.make(
            "household",
            b_household,
            9,
            1,
            "upsert",
            {
                "village_uuid": uuids(a, Village)[0],
                "code": "X",
                "address": "stolen",
                "area_type": "rural",
                "phone": None,
                "ethnic_minority": False,
                **stamp(),
            },
        ),
        RecordChange.make(
            "village",
            str(uuid_mod.uuid4()),
            1,
            0,
            "upsert",
            {"commune_code": B, "name": "Thôn lạ", "area_type": "rural", **stamp()},
        ),
    ]
    results = t.push(PushRequest("evil", tries)).results
    assert [(r.outcome, r.field) for r in results] == [
        ("waiting", "village_uuid"),
        ("rejected", "uuid"),
        ("rejected", "commune_code"),
    ]
    assert all(r.server is None for r in results)  # nothing of B's is revealed
    stats = live_server.stats()
    assert stats["communes"][B]["records"] == {"village": 1, "household": 1, "person": 1}
    assert stats["communes"][A]["rejections"] == 2  # a waiting record is not stored, not even as a rejection

    # Revocation: the token stops working at once, for every call.
    admin.revoke(live_server.engine, ident.device_id)
    with pytest.raises(AuthError):
        t.handshake(Handshake(1, "x", "2026-01-01T00:00:00Z"))
    report = sync_database(a.db)
    assert not report.ok and report.error["code"] == "auth"
    assert sync_database(b.db).ok  # the other commune is unaffected
    t.close()


def test_enrollment_codes_work_once(live_server: LiveServer, make_device) -> None:
    code = live_server.issue_code(A)
    first, second = make_device("one"), make_device("two")
    enroll_database(first.db, live_server.url, code.lower().replace("-", " "), "typed by hand")
    with pytest.raises(EnrollmentError) as err:
        enroll_database(second.db, live_server.url, code, "second use")
    assert "Mã đăng ký" in err.value.message_vi and second.store.identity() is None
    with pytest.raises(EnrollmentError):
        enroll_database(second.db, live_server.url, "AAAA-BBBB-CCCC", "guess")
