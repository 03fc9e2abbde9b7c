"""Server idempotency by (uuid, revision, content hash): accepted, duplicate, conflict, rejected."""

from __future__ import annotations

import uuid as uuid_mod
from datetime import datetime

import pytest
from sqlalchemy import func, select

from xaapp.server import admin, queries
from xaapp.server.ingest import Writer, ingest
from xaapp.server.schema import record, record_version, rejection
from xaapp.sync.protocol import RecordChange

STAMP = {"created_at": "2026-01-01T00:00:00", "updated_at": "2026-01-01T00:00:00", "deleted_at": None}
NOW = datetime(2026, 1, 2)
A = Writer("dev-a", "14923")


@pytest.fixture
def engine(tmp_path):  # noqa: ANN001, ANN201
    eng = admin.open_engine(f"sqlite:///{tmp_path / 's.db'}")
    yield eng
    eng.dispose()


def village(uuid: str, rev: int, base: int, name: str, commune: str = "14923") -> RecordChange:
    return RecordChange.make(
        "village",
        uuid,
        rev,
        base,
        "upsert",
        {"commune_code": commune, "name": name, "area_type": "rural", **STAMP},
    )


def push(engine, writer: Writer, *changes: RecordChange) -> list[tuple[str, str | None]]:  # noqa: ANN001
    with engine.begin() as conn:
        return [(r.outcome, r.field) for r in ingest(conn, writer, "b", list(changes), NOW)]


def test_duplicate_conflict_accept_reject(engine) -> None:  # noqa: ANN001
    u = str(uuid_mod.uuid4())
    assert push(engine, A, village(u, 1, 0, "Thôn 1")) == [("accepted", None)]
    assert push(engine, A, village(u, 1, 0, "Thôn 1")) == [("duplicate", None)]  # a resend
    assert push(engine, A, village(u, 1, 0, "Thôn Một")) == [("conflict", None)]  # same revision, other text
    assert push(engine, A, village(u, 2, 1, "Thôn 1 mới")) == [("accepted", None)]  # fast-forward
    assert push(engine, A, village(u, 1, 0, "Thôn 1")) == [
        ("duplicate", None)
    ]  # an old resend is still known
    other = Writer("dev-b", "14923")
    assert push(engine, other, village(u, 2, 1, "Thôn của B")) == [("conflict", None)]  # base behind
    assert push(engine, A, village(u, 3, 2, "x" * 101)) == [("rejected", "name")]
    with engine.begin() as conn:
        assert conn.scalar(select(func.count()).select_from(record)) == 1
        assert conn.scalar(select(func.count()).select_from(record_version)) == 2


def test_conflict_carries_the_server_version(engine) -> None:  # noqa: ANN001
    u = str(uuid_mod.uuid4())
    push(engine, A, village(u, 1, 0, "Thôn 1"), village(u, 2, 1, "Thôn 2"))
    with engine.begin() as conn:
        [res] = ingest(conn, A, "b", [village(u, 2, 1, "Thôn Hai")], NOW)
    assert res.outcome == "conflict" and res.server.revision == 2 and res.server.data["name"] == "Thôn 2"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"sex": "m"}, "sex"),
        ({"personal_id": "123456789"}, "personal_id"),  # a 9-digit CMND in the ID field
        ({"personal_id": "999090001234"}, "personal_id"),  # unknown province
        ({"dob": "31/12/1990"}, "dob"),
        ({"full_name": ""}, "full_name"),
        ({"nickname": "x"}, "nickname"),
    ],
)
def test_person_validation_uses_the_apps_rules(engine, data: dict, field: str) -> None:  # noqa: ANN001
    v, h = str(uuid_mod.uuid4()), str(uuid_mod.uuid4())
    household = RecordChange.make(
        "household",
        h,
        1,
        0,
        "upsert",
        {
            "village_uuid": v,
            "code": None,
            "address": "",
            "area_type": "rural",
            "phone": None,
            "ethnic_minority": False,
            **STAMP,
        },
    )
    person = {
        "household_uuid": h,
        "position": 0,
        "full_name": "Hà Văn Nam",
        "sex": "male",
        "dob": "1990-01-01",
        "birth_year": 1990,
        "ethnicity": "Thái",
        "personal_id": "038090001234",
        "legacy_id": None,
        "relationship_to_head": "head",
        "phone": None,
        "details": {},
        **STAMP,
    }
    ok = RecordChange.make("person", str(uuid_mod.uuid4()), 1, 0, "upsert", person)
    bad = RecordChange.make("person", str(uuid_mod.uuid4()), 1, 0, "upsert", {**person, **data})
    assert push(engine, A, village(v, 1, 0, "Thôn"), household, ok, bad) == [
        ("accepted", None),
        ("accepted", None),
        ("accepted", None),
        ("rejected", field),
    ]


def test_tampered_hash_is_rejected_and_an_orphan_waits_for_its_parent(engine) -> None:  # noqa: ANN001
    u = str(uuid_mod.uuid4())
    change = village(u, 1, 0, "Thôn 1")
    forged = RecordChange(change.entity, u, 1, 0, "upsert", {**change.data, "name": "Khác"}, change.hash)
    orphan = RecordChange.make(
        "household",
        str(uuid_mod.uuid4()),
        1,
        0,
        "upsert",
        {
            "village_uuid": str(uuid_mod.uuid4()),
            "code": None,
            "address": "",
            "area_type": "rural",
            "phone": None,
            "ethnic_minority": False,
            **STAMP,
        },
    )
    assert push(engine, A, forged, orphan) == [("rejected", "hash"), ("waiting", "village_uuid")]
    with engine.begin() as conn:  # nothing of either was stored; only the forgery counts as a rejection
        assert conn.scalar(select(func.count()).select_from(record)) == 0
        assert conn.scalar(select(func.count()).select_from(rejection)) == 1


def test_pull_pages_by_cursor_and_skips_own_changes(engine) -> None:  # noqa: ANN001
    for i in range(7):
        push(engine, Writer("dev-b", "14923"), village(str(uuid_mod.uuid4()), 1, 0, f"Thôn {i}"))
    push(engine, A, village(str(uuid_mod.uuid4()), 1, 0, "của A"))
    push(engine, Writer("dev-c", "16522"), village(str(uuid_mod.uuid4()), 1, 0, "xã khác", commune="16522"))
    with engine.begin() as conn:
        cursor, names, pages = "", [], 0
        while True:
            page = queries.pull(conn, "14923", "dev-a", cursor, 50)
            names += [r.data["name"] for r in page.records]
            cursor, pages = page.cursor, pages + 1
            if not page.more:
                break
        assert names == [f"Thôn {i}" for i in range(7)] and pages > 1  # reference pages first
        restore = queries.pull(conn, "14923", "dev-a", "", 5000, include_own=True)
        assert len(restore.records) == 8
        with pytest.raises(queries.BadCursor):
            queries.pull(conn, "14923", "dev-a", "x.y", 5)


@pytest.mark.parametrize(
    ("clauses", "problem"),
    [(["5.6"], None), (["5.5c", "5.4"], None), (["5.9"], "clauses[0]"), (["5.6", "6.1"], "clauses[1]")],
)
def test_beneficiary_clauses_must_be_known_to_the_rules(clauses: list[str], problem: str | None) -> None:
    from xaapp.server.validation import validate

    data = {
        "person_uuid": str(uuid_mod.uuid4()),
        "clauses": clauses,
        "status": "active",
        "start_month": "2025-01",
        "decision_no": None,
        "decision_date": None,
        "bank_account": None,
        "bank_name": None,
        "form_id": None,
        "form_version": None,
        "answers": {},
        **STAMP,
    }
    change = RecordChange.make("beneficiary", str(uuid_mod.uuid4()), 1, 0, "upsert", data)
    found = validate(change)
    assert (found[0] if found else None) == problem


@pytest.mark.parametrize(
    ("coefficient", "amount", "problem"),
    [
        (1e-05, 540_000, None),  # orjson writes 0.00001, the canonical form 1e-05: the hash still holds
        (1.5, 540_000, None),
        (1.5, 2**70, "amount"),  # past 64 bits orjson cannot write it: the hash is checked, the range refused
    ],
)
def test_content_hash_is_checked_on_the_canonical_bytes(coefficient: float, amount: int, problem: str | None) -> None:
    """As the server receives a record (no bytes kept from the device), its hash holds whatever
    orjson would write, and the bytes it keeps to store are exactly the device's canonical JSON."""
    from xaapp.server.validation import validate
    from xaapp.sync.protocol import canonical_json

    data = {
        "beneficiary_uuid": str(uuid_mod.uuid4()),
        "from_month": "2025-01",
        "standard_level": 500_000,
        "coefficient": coefficient,
        "amount": amount,
        "basis": None,
        **STAMP,
    }
    sent = RecordChange.make("allowance_period", str(uuid_mod.uuid4()), 1, 0, "upsert", data)
    received = RecordChange.from_json(sent.to_json())  # as parsed from a body: nothing kept
    found = validate(received)
    assert (found[0] if found else None) == problem
    assert received.data_json == canonical_json(data)
    tampered = RecordChange.from_json({**sent.to_json(), "data": {**data, "standard_level": 500_001}})
    assert validate(tampered) == ("hash", "content hash does not match the data")


def test_quick_field_checks_pass_only_what_the_full_check_passes() -> None:
    """Validation passes common values at a glance; each it passes, the full check must pass too."""
    from xaapp.server.validation import MAX_SAFE_INT, _check_value, _fields
    from xaapp.sync.protocol import ENTITY_FIELDS

    values = [
        "", "x", "x" * 5, "x" * 6, "x" * 21, "x" * 101, "rural", "final", "active", "5.6", "2025-01", "2025-13",
        "2026-01-01", "2026-01-01T00:00:00", "2026-02-30", "not a date", str(uuid_mod.uuid4()),
        str(uuid_mod.uuid4()).upper(), 0, 1, -1, MAX_SAFE_INT, MAX_SAFE_INT + 1, -MAX_SAFE_INT - 1, 1.5, 1e-05,
        True, False, [], ["5.6"], {}, {"a": 1},
    ]  # fmt: skip
    passed = 0
    for entity in ENTITY_FIELDS:
        specs, _names = _fields(entity)
        for name, _required, quick, spec in specs:
            for value in values:
                if quick(value):
                    passed += 1
                    assert _check_value(spec, value) is None, (entity, name, value)
    assert passed > 100  # the quick checks do pass the common values


def test_households_typed_twice_are_answered_with_each_other(engine) -> None:  # noqa: ANN001
    """Two households of one village with one code in the same batch each hear of the other; a third
    one later hears of a stored one; a household with its own code hears of none."""
    v = str(uuid_mod.uuid4())
    assert push(engine, A, village(v, 1, 0, "Thôn 1")) == [("accepted", None)]

    def household(code: str) -> RecordChange:
        data = {"village_uuid": v, "code": code, "address": None, "area_type": "rural", "phone": None,
                "ethnic_minority": False, **STAMP}  # fmt: skip
        return RecordChange.make("household", str(uuid_mod.uuid4()), 1, 0, "upsert", data)

    first, second, alone = household("HB-07"), household("HB-07"), household("HB-08")
    with engine.begin() as conn:
        answers = ingest(conn, A, "b2", [first, second, alone], NOW)
    assert [r.outcome for r in answers] == ["accepted"] * 3
    assert [r.duplicate.uuid if r.duplicate else None for r in answers] == [second.uuid, first.uuid, None]
    assert answers[0].duplicate.data == second.data and answers[0].duplicate.hash == second.hash
    third = household("HB-07")
    with engine.begin() as conn:
        (answer,) = ingest(conn, A, "b3", [third], NOW)
    assert answer.outcome == "accepted" and answer.duplicate.uuid in {first.uuid, second.uuid}
