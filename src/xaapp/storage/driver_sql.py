"""Statements over long lists of keys, run through the database driver itself.

A push or a sync answer touches hundreds of records per statement (``uuid IN (…500 values…)``).
Through SQLAlchemy each value of such a list is a bound parameter the compiler renders and processes
in Python, for every statement; the driver binds a list of ``?`` in C. These helpers run in the
session's own connection and transaction, after flushing what the session holds, so they see (and
are seen by) everything else the transaction does. Only the sync bookkeeping uses them: plain
columns (text, integers), no type conversion.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from sqlalchemy.orm import Session

CHUNK = 500  # values per statement


@cache
def _marks(n: int) -> str:
    return ", ".join("?" * n)


def _driver(s: Session) -> Any:  # noqa: ANN401 - the DBAPI connection (sqlite3, or sqlcipher3's)
    s.flush()
    return s.connection().connection.driver_connection


def rows_in(s: Session, sql: str, values: Sequence[Any], *before: Any) -> list[tuple[Any, ...]]:
    """Rows of *sql*, whose ``{in}`` stands for ``(?, ?, …)`` of *values*, 500 at a time; *before*:
    parameters bound ahead of the list."""
    driver, out = _driver(s), []
    for i in range(0, len(values), CHUNK):
        part = values[i : i + CHUNK]
        out += driver.execute(sql.format(**{"in": f"({_marks(len(part))})"}), (*before, *part)).fetchall()
    return out


def run_in(s: Session, sql: str, values: Sequence[Any], *before: Any) -> None:
    """*sql* (an UPDATE or DELETE) with ``{in}`` standing for ``(?, ?, …)`` of *values*, 500 at a time."""
    driver = _driver(s)
    for i in range(0, len(values), CHUNK):
        part = values[i : i + CHUNK]
        driver.execute(sql.format(**{"in": f"({_marks(len(part))})"}), (*before, *part))


def run_many(s: Session, sql: str, rows: Sequence[Sequence[Any]]) -> None:
    """*sql* once per row of parameters (the driver's ``executemany``)."""
    if rows:
        _driver(s).executemany(sql, rows)
