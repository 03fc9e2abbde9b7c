"""A laptop restored from a backup gets back its own later records; a household code typed on two
laptops for one village is put to the officers instead of making two live households in silence."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from support.sync_env import LiveServer, new_device
from xaapp.services.demo import generate_demo
from xaapp.services.sync import enroll_database, list_conflicts, resolve_conflict, sync_database
from xaapp.storage.backup import backup_file
from xaapp.storage.db import DB_FILENAME
from xaapp.storage.orm import Household, Person, Village

pytestmark = pytest.mark.integration
COMMUNE = "14923"


def test_a_laptop_restored_from_a_backup_gets_its_own_later_records_back(
    live_server: LiveServer, tmp_path: Path
) -> None:
    folder = tmp_path / "laptop"
    dev = new_device(folder)
    generate_demo(dev.db, households=6, seed=9)
    enroll_database(dev.db, live_server.url, live_server.issue_code(COMMUNE), "A")
    assert sync_database(dev.db).ok
    backup = backup_file(dev.db.path, tmp_path / "stick", "manual")  # the officer's copy, Monday

    with dev.db.session(actor="officer") as s:  # Tuesday: a new household and an edit, both synced
        village = s.scalars(select(Village)).first()
        new = Household(village=village, code="00777", address="Bản Mới")
        s.add_all(
            [new, Person(household=new, position=0, full_name="Hà Thị Lan", sex="female", birth_year=1990)]
        )
        s.scalars(select(Household).order_by(Household.id)).first().address = "Bản Cũ, nhà số 2"
    assert sync_database(dev.db).ok
    with dev.db.read() as s:
        new_uuid = s.scalar(select(Household.uuid).where(Household.code == "00777"))
        edited_uuid = s.scalars(select(Household.uuid).order_by(Household.id)).first()
    dev.close()

    # Wednesday the disk fails; Monday's copy is put back in place of the data file.
    for extra in ("-wal", "-shm"):
        Path(str(folder / DB_FILENAME) + extra).unlink(missing_ok=True)
    shutil.copyfile(backup, folder / DB_FILENAME)
    dev = new_device(folder)
    try:
        with dev.db.session(actor="officer") as s:  # edited again on the old copy before syncing
            h = s.scalar(select(Household).where(Household.uuid == edited_uuid))
            h.phone, h.ethnic_minority = "0977000111", not h.ethnic_minority
        report = sync_database(dev.db)
        assert report.ok and report.restored
        with dev.db.read() as s:
            assert s.scalar(select(Household.address).where(Household.uuid == new_uuid)) == "Bản Mới"
            assert s.scalar(select(Person.full_name).where(Person.full_name == "Hà Thị Lan")) is not None
        # The old copy's edit is not silently laid over Tuesday's: the officer is asked.
        [conflict] = list_conflicts(dev.db)
        assert conflict.entity_uuid == edited_uuid
        diffs = {f: (lv, sv) for f, lv, sv in conflict.differences}
        assert diffs["address"][1] == "Bản Cũ, nhà số 2" and diffs["phone"][0] == "0977000111"
        resolve_conflict(dev.db, conflict.id, "server", actor="thu")
        final = sync_database(dev.db)
        assert final.ok and final.counts_match is True and not final.restored
    finally:
        dev.close()


def test_one_household_code_typed_on_two_laptops_is_put_to_the_officers(
    live_server: LiveServer, make_device
) -> None:
    a, b = make_device("a"), make_device("b")
    generate_demo(a.db, households=4, seed=2)
    enroll_database(a.db, live_server.url, live_server.issue_code(COMMUNE), "A")
    assert sync_database(a.db).ok
    enroll_database(b.db, live_server.url, live_server.issue_code(COMMUNE), "B")
    assert sync_database(b.db).ok
    with a.db.read() as s:
        village_uuid = s.scalars(select(Village.uuid)).first()

    def add(dev, address: str) -> str:  # noqa: ANN001
        with dev.db.session(actor="officer") as s:
            village = s.scalar(select(Village).where(Village.uuid == village_uuid))
            h = Household(village=village, code="00099", address=address)
            s.add(h)
            s.flush()
            return h.uuid

    mine, theirs = add(a, "Bản Nủa, nhà ông Tâm"), add(b, "Bản Nủa, nhà bà Hoa")
    assert sync_database(a.db).ok
    pushed = sync_database(b.db)  # the server sees the second one arrive
    assert pushed.ok and pushed.pushed.get("accepted") == 1
    [on_b] = list_conflicts(b.db)
    assert (on_b.kind, on_b.entity_uuid, on_b.other_uuid) == ("duplicate_code", theirs, mine)
    assert dict((f, (lv, sv)) for f, lv, sv in on_b.differences)["address"] == (
        "Bản Nủa, nhà bà Hoa",
        "Bản Nủa, nhà ông Tâm",
    )
    assert sync_database(a.db).ok  # the first laptop learns of it when B's household comes down
    [on_a] = list_conflicts(a.db)
    assert (on_a.kind, on_a.entity_uuid, on_a.other_uuid) == ("duplicate_code", mine, theirs)
    with pytest.raises(Exception):  # noqa: B017 - a duplicate is not settled by taking a side
        resolve_conflict(a.db, on_a.id, "server", actor="tam")

    # B's officer finds it was a typing mistake and gives the household its own code: both clear.
    with b.db.session(actor="officer") as s:
        s.scalar(select(Household).where(Household.uuid == theirs)).code = "00100"
    assert sync_database(b.db).open_conflicts == 0
    assert sync_database(a.db).open_conflicts == 0 and list_conflicts(a.db) == []
