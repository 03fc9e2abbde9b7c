"""A PostgreSQL server whose statistics were taken while it was empty still looks household codes up
through their index once a push has filled it (``server.planner_stats``)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine

from xaapp.server import admin, ingest, planner_stats
from xaapp.services.demo import generate_demo
from xaapp.services.sync import enroll_database, sync_database

CODE_LOOKUP = re.compile(r"->> 'code'")


@pytest.mark.parametrize("server_db_url", ["postgresql"], indirect=True)
def test_a_push_that_fills_the_server_keeps_the_household_code_lookup_on_its_index(
    live_server, make_device, monkeypatch: pytest.MonkeyPatch  # noqa: ANN001
) -> None:
    monkeypatch.setattr(planner_stats, "MIN_ROWS", 300)
    dev = make_device("laptop")
    generate_demo(dev.db, households=160, seed=5)
    enroll_database(dev.db, live_server.url, live_server.issue_code("14923"), "stats")
    with live_server.engine.begin() as conn:  # what autovacuum saw before the first push, and no more
        conn.exec_driver_sql("ANALYZE record")
        conn.exec_driver_sql("ALTER TABLE record SET (autovacuum_enabled = false)")
    server_url = str(live_server.engine.url)
    lookups: list[tuple[str, Any]] = []

    def keep_lookup(conn, cursor, statement, parameters, context, executemany) -> None:  # noqa: ANN001
        if str(conn.engine.url) == server_url and CODE_LOOKUP.search(statement):
            lookups.append((statement, parameters))

    event.listen(Engine, "before_cursor_execute", keep_lookup)
    try:
        report = sync_database(dev.db)
    finally:
        event.remove(Engine, "before_cursor_execute", keep_lookup)
    assert report.ok and report.counts_match, report.error
    assert lookups, "the push looked no household code up"
    statement, params = lookups[-1]
    with live_server.engine.connect() as conn:
        plan = "\n".join(r[0] for r in conn.exec_driver_sql("EXPLAIN " + statement, params))
        held = conn.exec_driver_sql("SELECT reltuples FROM pg_class WHERE relname = 'record'").scalar()
    assert "ix_record_household_village_code" in plan, plan
    assert held is not None and held >= 300  # analyzed during the push, not left at the empty table's count


@pytest.mark.parametrize("server_db_url", ["postgresql"], indirect=True)
def test_a_batch_of_new_households_is_checked_through_the_code_index_in_a_big_commune(server_db_url: str) -> None:
    """40 villages of about 1,000 households stored and analyzed; a batch of 520 new ones, 13 in each
    village, whose codes other villages use: the lookup reads their keys from the index, never every
    household of the commune (asked village IN (...) AND code IN (...), PostgreSQL expected half the
    commune to match and scanned it)."""
    engine = admin.open_engine(server_db_url)
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql(
                "INSERT INTO record (uuid, entity, commune_code, revision, hash, op, data, seq, device_id, received_at)"
                " SELECT md5(i::text)::uuid::text, 'household', '14923', 1, 'h', 'upsert',"
                " json_build_object('village_uuid', 'v' || mod(i, 40), 'code', lpad((i / 40)::text, 5, '0'),"
                " 'address', repeat('x', 300))::text, i, 'dev', now()"
                " FROM generate_series(0, 39999) AS i WHERE NOT (i / 40 - 25 * mod(i, 40) BETWEEN 0 AND 12)"
            )
            conn.exec_driver_sql("ANALYZE record")
        keys = sorted((f"v{j}", f"{25 * j + k:05d}") for j in range(40) for k in range(13))
        seen: list[tuple[str, Any]] = []

        def keep(conn, cursor, statement, parameters, context, executemany) -> None:  # noqa: ANN001
            seen.append((statement, parameters))

        with engine.connect() as conn:
            event.listen(engine, "before_cursor_execute", keep)
            try:
                found = list(ingest._stored_households(conn, "14923", keys))
                stored = list(ingest._stored_households(conn, "14923", [("v7", "00003"), ("v9", "00999")]))
            finally:
                event.remove(engine, "before_cursor_execute", keep)
            plan = "\n".join(r[0] for r in conn.exec_driver_sql("EXPLAIN " + seen[0][0], seen[0][1]))
        assert [r for r in found if (r[5], r[6]) in set(keys)] == []  # none of them stored
        assert {("v7", "00003"), ("v9", "00999")} <= {(r[5], r[6]) for r in stored}
        assert "ix_record_household_village_code" in plan and "Seq Scan" not in plan, plan
    finally:
        engine.dispose()
