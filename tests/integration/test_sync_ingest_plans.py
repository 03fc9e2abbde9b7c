"""Every lookup a push makes on the server uses an index, on SQLite and on PostgreSQL.

The statements the server runs while a laptop pushes a demo commune (new records, a resend, an edit)
are recorded, then each SELECT / UPDATE / DELETE is explained on the same database: SQLite's
``EXPLAIN QUERY PLAN`` must not ``SCAN`` a big table, PostgreSQL's ``EXPLAIN`` (sequential scans
disabled, so any usable index is taken) must not show a ``Seq Scan`` on one. A full scan there makes
the cost of each pushed record grow with everything already stored.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.engine import Engine

from xaapp.services.demo import generate_demo
from xaapp.services.sync import enroll_database, sync_database
from xaapp.storage.orm import Household
from xaapp.sync.engine import SyncOptions

#: Tables that grow with the province's data (the others hold a row per commune, device or setting).
BIG = {"record", "record_version", "conflict", "rejection", "sync_file"}
#: A household's code read from its JSON: without the expression index, every household of the
#: commune would be read (an index on the commune alone is used, but it is no better than a scan).
CODE_LOOKUP = re.compile(r"json_extract\(record\.data, '\$\.code'\)|->> 'code'")


def _full_scans(engine: Engine, statements: list[tuple[str, Any]]) -> list[str]:
    found: list[str] = []
    with engine.connect() as conn:
        pg = conn.dialect.name == "postgresql"
        if pg:
            conn.exec_driver_sql("SET enable_seqscan = off")
        for stmt, params in statements:
            if not stmt.lstrip().upper().startswith(("SELECT", "UPDATE", "DELETE")):
                continue
            if pg:
                plan = [r[0] for r in conn.exec_driver_sql("EXPLAIN " + stmt, params)]
                scans = [m for line in plan for m in re.findall(r"Seq Scan on (\w+)", line)]
            else:
                plan = [r[-1] for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + stmt, params)]
                scans = [m.group(1) for line in plan if (m := re.match(r"SCAN (\w+)", line))]
            found += [f"{table}: {stmt[:120]}" for table in scans if table in BIG]
            if CODE_LOOKUP.search(stmt) and not any("ix_record_household_village_code" in line for line in plan):
                found.append(f"household code not looked up through its index: {stmt[:120]}")
        conn.rollback()
    return found


def test_every_ingest_lookup_is_indexed(live_server, make_device) -> None:  # noqa: ANN001
    dev = make_device("laptop")
    generate_demo(dev.db, households=30, seed=3)
    enroll_database(dev.db, live_server.url, live_server.issue_code("14923"), "plans")
    server_url = str(live_server.engine.url)
    seen: list[tuple[str, Any]] = []

    def record_statement(conn, cursor, statement, parameters, context, executemany) -> None:  # noqa: ANN001
        if str(conn.engine.url) == server_url:
            seen.append((statement, parameters[0] if executemany else parameters))

    event.listen(Engine, "before_cursor_execute", record_statement)
    try:
        first = sync_database(dev.db, options=SyncOptions(initial_chunk=40))
        assert first.ok and first.counts_match, first.error
        assert dev.store.pending_count() == 0
        with dev.db.session(actor="officer") as s:
            s.scalars(select(Household).limit(1)).one().address = "Số 2, đường Lê Lợi"
        second = sync_database(dev.db)  # an edit: the update path, its own earlier versions looked up
        assert second.ok and second.pushed == {"accepted": 1}, second.pushed
    finally:
        event.remove(Engine, "before_cursor_execute", record_statement)
    assert any("record_version" in s for s, _p in seen) and any("json" in s.lower() for s, _p in seen)
    assert _full_scans(live_server.engine, seen) == []
