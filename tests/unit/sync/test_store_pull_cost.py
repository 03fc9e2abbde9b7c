"""Applying a pulled page costs the same however much the laptop already holds: the page's parents are
looked up for that page (by UUID, through an index), never by reading whole tables, and pulled households
are checked for a duplicate code through an index — so pulling a commune grows with its records, not
with their square."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sync_fakes import add_commune, statements

from xaapp.storage.db import Database, open_database
from xaapp.storage.orm import ENTITY_MODELS, Household, OutboxEntry, Person
from xaapp.storage.sync_store import SqlSyncStore
from xaapp.sync.protocol import PullPage, ServerRecord, content_hash

SMALL, LARGE = 40, 200  # households already on the laptop: N and 5 N
NEW = 20  # households (and their heads) the measured page brings
EDITED = 10  # households the measured page brings in a newer version
TABLES = {m.__tablename__ for m in ENTITY_MODELS.values()} | {OutboxEntry.__tablename__}


def _commune_on_the_server(tmp_path: Path) -> dict[str, list[ServerRecord]]:
    """Another laptop's commune of LARGE + NEW households, as the server hands it out (by entity)."""
    other = open_database(tmp_path / "other")
    try:
        add_commune(other, households=LARGE + NEW)
        changes = SqlSyncStore(other).pending_changes()
    finally:
        other.close()
    out: dict[str, list[ServerRecord]] = {}
    for c in changes:
        out.setdefault(c.entity, []).append(ServerRecord(c.entity, c.uuid, c.revision, c.op, c.data, c.hash))
    return out


def _laptop(path: Path, commune: dict[str, list[ServerRecord]], households: int) -> Database:
    """A laptop that has pulled the villages and the first *households* households with their heads."""
    from xaapp.services.reference import ensure_units

    db = open_database(path)
    ensure_units(db)  # the admin units (reference data, pulled earlier)
    store = SqlSyncStore(db)
    store.save_identity("dev-1", "tok", "http://127.0.0.1:1", "14923")
    kept = {h.uuid for h in commune["household"][:households]}
    records = commune["village"] + commune["household"][:households]
    records += [p for p in commune["person"] if p.data and p.data["household_uuid"] in kept]
    for i in range(0, len(records), 100):
        store.apply_pull(PullPage(records[i : i + 100], [], f"{i}.0", True))
    return db


def _page(commune: dict[str, list[ServerRecord]]) -> PullPage:
    """NEW households with their heads, and EDITED households of the first ones in a newer version."""
    fresh = commune["household"][LARGE : LARGE + NEW]
    uuids = {h.uuid for h in fresh}
    heads = [p for p in commune["person"] if p.data and p.data["household_uuid"] in uuids]
    edited = []
    for h in commune["household"][:EDITED]:
        data = {**(h.data or {}), "address": "Xóm Mới"}
        edited.append(ServerRecord(h.entity, h.uuid, h.revision + 1, h.op, data, content_hash(h.entity, h.op, data)))
    return PullPage(heads + fresh + edited, [], "999.0", False)  # children first: the page sorts them


def test_a_pulled_page_costs_the_same_statements_into_a_laptop_holding_five_times_more(tmp_path: Path) -> None:
    commune = _commune_on_the_server(tmp_path)
    page = _page(commune)
    seen: dict[int, list[tuple[str, Any, bool]]] = {}
    for households in (SMALL, LARGE):
        db = _laptop(tmp_path / f"laptop-{households}", commune, households)
        try:
            seen[households] = statements(db, lambda db=db: SqlSyncStore(db).apply_pull(page))
            with db.read() as s:  # what the officer sees: the new households and their heads, the new address
                assert s.scalar(select(func.count()).select_from(Household)) == households + NEW
                assert s.scalar(select(func.count()).select_from(Person)) == households + NEW
                edited = {h.uuid for h in commune["household"][:EDITED]}
                addresses = s.execute(select(Household.uuid, Household.address)).all()
                assert {u for u, a in addresses if a == "Xóm Mới"} == edited
                assert s.scalar(select(func.count()).select_from(OutboxEntry)) == 0  # pulled, not to send back
            with db.engine.connect() as conn:  # every read of a record table goes through an index
                for statement, params, many in seen[households]:
                    if many or not statement.lstrip().upper().startswith("SELECT"):
                        continue
                    plan = [r[-1] for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, params)]
                    scans = [line for line in plan if line.startswith("SCAN") and line.split()[1] in TABLES]
                    assert not scans, (statement, plan)
        finally:
            db.close()
    assert len(seen[SMALL]) == len(seen[LARGE]), [s for s, _p, _m in seen[LARGE]]
