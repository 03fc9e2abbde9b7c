"""The server's bulk writes and key lookups (``server.bulk``) on SQLite and PostgreSQL: rows stored as
SQLAlchemy stores them, every key found whatever characters it holds, a duplicate key refused."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import Column, DateTime, Integer, MetaData, String, Table, create_engine, select
from sqlalchemy.exc import IntegrityError

from xaapp.server.bulk import insert_rows, one_of

AWKWARD = ['say "hi"', "back\\slash", "a,b", "{braces}", "NULL", "", " padded ", "Thôn Đông", "x'y"]
WHEN = datetime(2026, 11, 30, 8, 15, 0)  # no microseconds: SQLite's text form still carries six digits


def _table() -> Table:
    return Table(
        "item",
        MetaData(),
        Column("key", String(40), primary_key=True),
        Column("n", Integer, nullable=False),
        Column("at", DateTime, nullable=False),
    )


def test_rows_written_in_bulk_read_back_and_every_key_is_found(server_db_url: str) -> None:
    table = _table()
    engine = create_engine(server_db_url)
    try:
        table.metadata.create_all(engine)
        with engine.begin() as conn:
            insert_rows(conn, table, ("key", "n", "at"), [(k, i, WHEN) for i, k in enumerate(AWKWARD)])
            conn.execute(table.insert(), [{"key": "by-sqlalchemy", "n": -1, "at": WHEN}])
        with engine.connect() as conn:
            stored = {r.key: (r.n, r.at) for r in conn.execute(select(table))}
            assert stored == {**{k: (i, WHEN) for i, k in enumerate(AWKWARD)}, "by-sqlalchemy": (-1, WHEN)}
            raw = conn.exec_driver_sql("SELECT DISTINCT CAST(at AS VARCHAR(40)) FROM item").scalars().all()
            assert len(raw) == 1  # the bulk rows' time is stored in the very form SQLAlchemy writes
            for wanted in (AWKWARD, AWKWARD[:3] + ["missing"], ["missing"], []):
                found = conn.scalars(select(table.c.key).where(one_of(conn, table.c.key, wanted))).all()
                assert sorted(found) == sorted(k for k in wanted if k in stored)
        with pytest.raises(IntegrityError), engine.begin() as conn:
            insert_rows(conn, table, ("key", "n", "at"), [("fresh", 1, WHEN), ("NULL", 2, WHEN)])
        with engine.connect() as conn:  # nothing of the failed batch was kept
            assert conn.scalars(select(table.c.key).where(table.c.key == "fresh")).all() == []
    finally:
        engine.dispose()
