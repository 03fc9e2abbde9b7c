"""Records written in bulk are tracked exactly as the ORM path tracks them, in the same transaction."""

from __future__ import annotations

import datetime as dt
import json
import pickle
import sqlite3
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from xaapp.storage.bulk import BulkInserter, bulk, convert_ahead
from xaapp.storage.db import Database, open_database
from xaapp.storage.orm import (
    AdminUnit,
    AllowancePeriod,
    AuditEntry,
    Beneficiary,
    Household,
    OutboxEntry,
    Person,
    PovertyReview,
    Village,
)

TIMES = {"created_at", "updated_at", "at"}  # set from the clock when written
NAMES = ["Lò  Văn Khăm", unicodedata.normalize("NFD", "Hà Thị Ánh"), " Bùi Đức   Lộc "]  # untidy, as typed


def _data() -> list[tuple[type, dict[str, Any]]]:
    """Villages, households, people, reviews, beneficiaries and allowances, parents before children, with
    the values a caller gives (the rest is left to the columns' defaults)."""
    out: list[tuple[type, dict[str, Any]]] = []
    for v in range(2):
        out.append((Village, {"uuid": f"00000000-0000-4000-8000-0000000000{v:02d}", "commune_code": "14923",
                              "name": f"Bản {v}"}))  # fmt: skip
    for h in range(6):
        out.append((Household, {"uuid": f"00000000-0000-4000-8000-0000000001{h:02d}", "village": h % 2,
                                "code": f"{h:05d}", "address": "Bản Đôn", "phone": None if h % 2 else "0912345678",
                                "ethnic_minority": bool(h % 3)}))  # fmt: skip
        for p, name in enumerate(NAMES[: 1 + h % 3]):
            out.append((Person, {"uuid": f"00000000-0000-4000-8000-00000002{h:02d}{p:02d}", "household": h,
                                 "position": p, "full_name": name, "sex": "male", "dob": dt.date(1980 + p, 3, 9),
                                 "personal_id": f"0381800{h:02d}{p:03d}" if p else None,
                                 "relationship_to_head": "head" if p == 0 else "child",
                                 "details": {"disability": "severe"} if p == 2 else {}}))  # fmt: skip
        out.append((PovertyReview, {"uuid": f"00000000-0000-4000-8000-0000000003{h:02d}", "household": h,
                                    "review_year": 2026, "status": "final", "result_class": "poor",
                                    "answers": {"general": {"village": "Bản Đôn"}, "members": [{"sex": "male"}]},
                                    "result": {"reason": {"vi": "Hộ nghèo", "en": "Poor"}},
                                    "meeting_agree_pct": 87.5, "listed_on": dt.date(2026, 9, 5)}))  # fmt: skip
    out.append((Beneficiary, {"uuid": "00000000-0000-4000-8000-000000000400", "person": 0, "clauses": ["5.6"],
                              "start_month": "2024-07", "decision_date": dt.date(2024, 6, 20)}))  # fmt: skip
    out.append((AllowancePeriod, {"uuid": "00000000-0000-4000-8000-000000000500", "beneficiary": 0,
                                  "from_month": "2024-07", "standard_level": 500_000, "coefficient": 2.5,
                                  "amount": 1_250_000, "basis": "Điều 6"}))  # fmt: skip
    return out


_PARENT = {"village": (Village, "village_id"), "household": (Household, "household_id"),
           "person": (Person, "person_id"), "beneficiary": (Beneficiary, "beneficiary_id")}  # fmt: skip


def _commune(folder: Path) -> Database:
    db = open_database(folder)
    with db.session(actor="setup") as s:
        s.add(AdminUnit(code="14923", name="Xã Bá Thước", kind="xa", name_folded="xa ba thuoc"))
    return db


def _through_orm(db: Database) -> None:
    made: dict[type, list[Any]] = {}
    with db.session(actor="thu", reason="Nhập danh sách") as s:
        for model, values in _data():
            values = dict(values)
            for key, (parent, column) in _PARENT.items():
                if key in values:
                    target = made[parent][values.pop(key)]
                    if hasattr(model, key):  # through the relationship: one flush for the whole set
                        values[key] = target
                    else:
                        s.flush()
                        values[column] = target.id
            obj = model(**values)
            made.setdefault(model, []).append(obj)
            s.add(obj)


def _in_bulk(db: Database, ahead: bool = False, tuples: bool = False) -> None:
    made: dict[type, list[dict[str, Any]]] = {}
    with db.session(actor="thu", reason="Nhập danh sách") as s, bulk(s) as b:
        for model, values in _data():
            values = dict(values)
            for key, (parent, column) in _PARENT.items():
                if key in values:
                    values[column] = made[parent][values.pop(key)]["id"]
            if tuples:  # as tuples of named columns with their ids, handed over pickled (JSON converted ahead)
                values["id"] = b.next_id(model)
                converted = convert_ahead(model, [values])
                b.add_tuples(model, tuple(values), [pickle.loads(pickle.dumps(tuple(values.values())))], converted)
                made.setdefault(model, []).append(values)
            elif ahead:  # JSON converted by a producer, then handed over pickled as from another process
                converted = convert_ahead(model, [values])
                values = pickle.loads(pickle.dumps(values))
                b.add_rows(model, [values], converted)
                made.setdefault(model, []).append(values)
            else:
                made.setdefault(model, []).append(b.add(model, **values))


def _dump(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows as SQLite stores them (text, numbers, NULLs), times and generated keys left out."""
    con = sqlite3.connect(path)
    try:
        out = {}
        for table in ("village", "household", "person", "poverty_review", "beneficiary", "allowance_period",
                      "outbox", "audit_log"):  # fmt: skip
            cursor = con.execute(f'SELECT * FROM "{table}" ORDER BY rowid')
            names = [d[0] for d in cursor.description]
            keep = [i for i, n in enumerate(names) if n not in TIMES and not (table in ("outbox", "audit_log")
                                                                            and n in ("seq", "id"))]  # fmt: skip
            out[table] = [tuple((names[i], row[i], type(row[i]).__name__) for i in keep) for row in cursor]
        return out
    finally:
        con.close()


def test_bulk_writes_what_the_tracked_orm_path_writes(tmp_path: Path) -> None:
    orm_db, bulk_db = _commune(tmp_path / "orm"), _commune(tmp_path / "bulk")
    _through_orm(orm_db)
    _in_bulk(bulk_db)
    orm_db.close(), bulk_db.close()
    by_orm, in_bulk = _dump(orm_db.path), _dump(bulk_db.path)
    assert len(in_bulk["person"]) == 12 and len(in_bulk["outbox"]) == 2 + 6 + 12 + 6 + 2
    for table in by_orm:
        assert in_bulk[table] == by_orm[table], table


def test_json_converted_ahead_in_another_process_writes_the_same(tmp_path: Path) -> None:
    orm_db, bulk_db = _commune(tmp_path / "orm"), _commune(tmp_path / "bulk")
    _through_orm(orm_db)
    _in_bulk(bulk_db, ahead=True)
    orm_db.close(), bulk_db.close()
    by_orm, in_bulk = _dump(orm_db.path), _dump(bulk_db.path)
    answers = [dict((n, v) for n, v, _ in row)["answers"] for row in in_bulk["poverty_review"]]
    assert answers[0] == json.dumps({"general": {"village": "Bản Đôn"}, "members": [{"sex": "male"}]})
    for table in by_orm:
        assert in_bulk[table] == by_orm[table], table


def test_rows_given_as_tuples_write_what_the_tracked_orm_path_writes(tmp_path: Path) -> None:
    orm_db, bulk_db = _commune(tmp_path / "orm"), _commune(tmp_path / "bulk")
    _through_orm(orm_db)
    _in_bulk(bulk_db, tuples=True)  # names untidy, dates, flags and floats left to the columns' types
    orm_db.close(), bulk_db.close()
    by_orm, in_bulk = _dump(orm_db.path), _dump(bulk_db.path)
    assert len(in_bulk["person"]) == 12 and len(in_bulk["outbox"]) == 2 + 6 + 12 + 6 + 2
    for table in by_orm:
        assert in_bulk[table] == by_orm[table], table


def test_rows_given_as_tuples_are_new_records_with_their_ids(tmp_path: Path) -> None:
    db = _commune(tmp_path)
    with db.session(actor="thu") as s:
        b = BulkInserter(s)
        uuid = "00000000-0000-4000-8000-000000000001"
        b.add_tuples(Village, ("id", "uuid", "commune_code", "name", "revision"), [(1, uuid, "14923", "Bản Đôn", 4)])
        with pytest.raises(ValueError, match="revision"):
            b.flush()
    with db.session(actor="thu") as s:
        b = BulkInserter(s)
        b.add_tuples(Village, ("id", "uuid", "commune_code", "name"), [(7, uuid, "14923", "Bản Đôn")])
        assert b.add(Village, commune_code="14923", name="Bản Son")["id"] == 8  # numbering goes on after it
        b.flush()
    with db.read() as s:
        assert list(s.scalars(select(Village.id).order_by(Village.id))) == [7, 8]


def test_names_are_tidied_folded_and_keyed_for_sorting_as_the_orm_does(tmp_path: Path) -> None:
    db = _commune(tmp_path)
    _in_bulk(db)
    with db.read() as s:
        person = s.scalars(select(Person).where(Person.position == 1)).first()
        assert person is not None
        assert person.full_name == unicodedata.normalize("NFC", "Hà Thị Ánh")
        assert person.name_folded == "ha thi anh" and person.name_sort
        review = s.scalars(select(PovertyReview)).first()
        assert review is not None and review.answers["general"]["village"] == "Bản Đôn"
        assert review.revision == 1 and review.synced_revision == 0 and review.kind == "periodic"


def test_the_records_their_outbox_and_audit_rows_commit_or_roll_back_together(tmp_path: Path) -> None:
    db = _commune(tmp_path)
    with pytest.raises(RuntimeError), db.session(actor="thu") as s:
        b = BulkInserter(s)
        village = b.add(Village, commune_code="14923", name="Bản Đôn")
        b.add(Household, village_id=village["id"], address="Bản Đôn")
        b.flush()
        raise RuntimeError("power cut before commit")
    with db.read() as s:
        for model in (Village, Household, OutboxEntry, AuditEntry):
            assert s.scalar(select(func.count()).select_from(model)) == 0, model


def test_orm_changes_made_earlier_in_the_transaction_are_written_first(tmp_path: Path) -> None:
    db = _commune(tmp_path)
    with db.session(actor="thu") as s:
        s.add(Village(commune_code="14923", name="Bản Đôn"))
        b = BulkInserter(s)
        b.add(Village, commune_code="14923", name="Bản Son")
        b.flush()
    with db.read() as s:
        assert list(s.scalars(select(Village.name).order_by(Village.id))) == ["Bản Đôn", "Bản Son"]
        assert list(s.scalars(select(OutboxEntry.revision).order_by(OutboxEntry.seq))) == [1, 1]


def test_changes_from_the_server_are_never_written_in_bulk(tmp_path: Path) -> None:
    db = _commune(tmp_path)
    with pytest.raises(ValueError, match="server"), db.session(remote=True) as s:
        BulkInserter(s)
