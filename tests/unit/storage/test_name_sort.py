"""The stored sort key of people's names (``person.name_sort``): set on every write of a name, on bulk
inserts too, left empty by the schema step and filled by the household list the first time it meets it,
without counting as a change to sync or audit."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from sqlalchemy import insert, select

from xaapp.domain.text import name_sort_key, name_sort_text
from xaapp.services.households import household_rows
from xaapp.storage.db import open_database
from xaapp.storage.orm import AuditEntry, Household, OutboxEntry, Person, Village

V1_FIXTURE = Path(__file__).resolve().parents[2] / "data" / "db_v1.sqlite"


def _commune(db) -> int:
    from xaapp.services.reference import ensure_units

    ensure_units(db)
    with db.session(actor="an") as s:
        village = Village(commune_code="14923", name="Thôn Đồng Tâm")
        s.add(village)
        s.flush()
        return village.id


def test_every_write_of_a_name_stores_its_sort_key(tmp_path: Path) -> None:
    db = open_database(tmp_path)
    village_id = _commune(db)
    with db.session(actor="an") as s:
        household = Household(village_id=village_id)
        s.add(household)
        s.flush()
        s.add(Person(household_id=household.id, full_name="Nguyễn  Văn Ân", sex="male"))
    with db.session(actor="an") as s:
        person = s.scalars(select(Person)).one()
        assert person.name_sort == name_sort_text("Nguyễn Văn Ân")
        person.full_name = "Lò Thị Ánh"
    with db.session(actor="an") as s:
        assert s.scalars(select(Person.name_sort)).one() == name_sort_text("Lò Thị Ánh")
        # Derived and local: never a field of its own in the audit log.
        assert not s.scalars(select(AuditEntry).where(AuditEntry.field == "name_sort")).all()
        # A bulk insert (the demo commune, imports) that gives no key gets one from the column default.
        s.execute(insert(Person), [{"household_id": household.id, "full_name": "Hà Văn Bình", "sex": "male",
                                    "uuid": "00000000-0000-0000-0000-000000000001"}])  # fmt: skip
    with db.session() as s:
        stored = s.scalars(select(Person.name_sort).where(Person.full_name == "Hà Văn Bình")).one()
    assert stored == name_sort_text("Hà Văn Bình")


def test_keys_missing_after_the_upgrade_are_filled_by_the_list_without_a_sync_change(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(V1_FIXTURE, folder / "xaapp.db")
    db = open_database(folder)  # upgraded: the new column is empty
    conn = sqlite3.connect(db.path)
    assert conn.execute("SELECT count(*) FROM person WHERE name_sort IS NULL").fetchone()[0] == 2
    conn.close()
    with db.session(actor="an") as s:  # a second household whose head sorts first ("Ánh" < "Đức")
        village_id = s.scalars(select(Village.id)).first()
        household = Household(village_id=village_id)
        s.add(household)
        s.flush()
        s.add(
            Person(
                household_id=household.id, full_name="Trần Thị Ánh", sex="female", relationship_to_head="head"
            )
        )
    with db.read() as s:
        outbox_before = s.scalar(select(OutboxEntry.seq).order_by(OutboxEntry.seq.desc()).limit(1))
        revisions_before = s.execute(select(Person.uuid, Person.revision)).all()

    rows = household_rows(db, 2026)

    heads = [r.head_name for r in rows]
    assert heads == sorted(heads, key=name_sort_key) and heads[0] == "Trần Thị Ánh"
    conn = sqlite3.connect(db.path)
    filled = dict(conn.execute("SELECT full_name, name_sort FROM person").fetchall())
    conn.close()
    head = next(r.head_name for r in rows if r.head_name != "Trần Thị Ánh")
    assert filled[head] == name_sort_text(head)  # stored: the next list sorts in SQL alone
    with db.read() as s:
        assert s.scalar(select(OutboxEntry.seq).order_by(OutboxEntry.seq.desc()).limit(1)) == outbox_before
        assert s.execute(select(Person.uuid, Person.revision)).all() == revisions_before
    assert household_rows(db, 2026) == rows
