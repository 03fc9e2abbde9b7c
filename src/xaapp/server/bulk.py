"""Many rows into one table, and many keys looked up, at the database driver's speed.

A push stores two rows per accepted record (``record`` and ``record_version``). Through SQLAlchemy's
``executemany`` each row is a dict that Python turns into parameters one by one (key lookups, type
processors), and psycopg then sends each row as its own statement of a pipeline: together about
half of the server's CPU per stored record. Here a batch's rows are tuples in a fixed column order:

* PostgreSQL (psycopg): one ``COPY … FROM STDIN``, the rows formatted by psycopg's C code;
* any other driver (SQLite): one ``executemany`` of the plain ``INSERT`` at the driver.

The table, its columns, constraints and indexes are the same either way: a duplicate key still fails
the transaction. Values go through the column type's bind processor where it has one (SQLite stores
a ``DateTime`` as text in SQLAlchemy's own format), so the stored values are those SQLAlchemy writes.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Column, ColumnElement, Connection, String, Table, any_, bindparam, func, select
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.exc import DBAPIError


def insert_rows(conn: Connection, table: Table, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
    """Insert *rows* (tuples of *columns*' values, in that order) into *table*."""
    if not rows:
        return
    dialect = conn.dialect
    processors = [table.c[name].type._cached_bind_processor(dialect) for name in columns]
    if any(processors) and _MARKS.get(dialect.paramstyle) is not None:
        rows = _processed(rows, processors)
    quote = dialect.identifier_preparer.quote
    names = ", ".join(quote(name) for name in columns)
    target = quote(table.name)
    driver = conn.connection.driver_connection
    if dialect.name == "postgresql" and dialect.driver == "psycopg":
        sql = f"COPY {target} ({names}) FROM STDIN"
        try:
            with driver.cursor() as cursor, cursor.copy(sql) as copy:  # type: ignore[union-attr]  # reason: psycopg's connection
                for row in rows:
                    copy.write_row(row)
        except dialect.loaded_dbapi.Error as exc:  # as SQLAlchemy raises it (a duplicate key: IntegrityError)
            raise DBAPIError.instance(sql, None, exc, dialect.loaded_dbapi.Error) from exc
        return
    mark = _MARKS.get(dialect.paramstyle)
    if mark is None:  # a driver that takes named parameters only: SQLAlchemy's own executemany
        conn.execute(table.insert(), [dict(zip(columns, row, strict=True)) for row in rows])
        return
    marks = ", ".join(mark for _name in columns)
    conn.exec_driver_sql(f"INSERT INTO {target} ({names}) VALUES ({marks})", rows)


_MARKS = {"qmark": "?", "format": "%s", "pyformat": "%s"}


def _processed(rows: list[tuple[Any, ...]], processors: list[Any]) -> list[tuple[Any, ...]]:
    """*rows* with each processed column's values bound, column by column (a batch's rows share their
    time of receipt: each distinct value is bound once)."""
    columns = list(zip(*rows, strict=True))
    for i, process in enumerate(processors):
        if process is not None:
            bound: dict[Any, Any] = {}
            columns[i] = tuple(bound[v] if v in bound else bound.setdefault(v, process(v)) for v in columns[i])
    return list(zip(*columns, strict=True))


def one_of(conn: Connection, column: Column[Any], keys: list[str]) -> ColumnElement[bool]:
    """``column IN keys`` as one bound parameter: the statement's text is the same for any number of
    keys, so neither SQLAlchemy nor the driver renders one placeholder per key (a push looks up a
    thousand UUIDs a batch). PostgreSQL: ``= ANY(<text array>)``; SQLite: ``IN (SELECT value FROM
    json_each(<JSON array>))``. Both look the keys up in the column's index."""
    if conn.dialect.name == "postgresql":
        # A typed array parameter. (One text literal cast to an array saves psycopg's list dumper, but
        # once psycopg prepares the statement, PostgreSQL's generic plan for it scanned record_version:
        # seconds per lookup on a growing table.)
        return column == any_(bindparam(None, keys, type_=ARRAY(String), unique=True))
    listed = func.json_each(bindparam(None, json.dumps(keys), type_=String, unique=True)).table_valued("value")
    return column.in_(select(listed.c.value))

