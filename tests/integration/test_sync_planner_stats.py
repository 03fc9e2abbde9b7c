"""A PostgreSQL server whose statistics were taken while it was empty still looks household codes up
through their index once a push has filled it (``server.planner_stats``)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine

from xaapp.server import planner_stats
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
