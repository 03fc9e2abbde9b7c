"""Many new rows into one table at the database driver's speed, inside the caller's transaction.

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

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Table


def insert_rows(conn: Connection, table: Table, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
    """Insert *rows* (tuples of *columns*' values, in that order) into *table*."""
    if not rows:
        return
    dialect = conn.dialect
    processors = [table.c[name].type._cached_bind_processor(dialect) for name in columns]
    if any(processors) and _MARKS.get(dialect.paramstyle) is not None:
        rows = [tuple(p(v) if p else v for p, v in zip(processors, row, strict=True)) for row in rows]
    quote = dialect.identifier_preparer.quote
    names = ", ".join(quote(name) for name in columns)
    target = quote(table.name)
    driver = conn.connection.driver_connection
    if dialect.name == "postgresql" and dialect.driver == "psycopg":
        with driver.cursor() as cursor, cursor.copy(f"COPY {target} ({names}) FROM STDIN") as copy:  # type: ignore[union-attr]  # reason: psycopg's connection
            for row in rows:
                copy.write_row(row)
        return
    mark = _MARKS.get(dialect.paramstyle)
    if mark is None:  # a driver that takes named parameters only: SQLAlchemy's own executemany
        conn.execute(table.insert(), [dict(zip(columns, row, strict=True)) for row in rows])
        return
    marks = ", ".join(mark for _name in columns)
    conn.exec_driver_sql(f"INSERT INTO {target} ({names}) VALUES ({marks})", rows)


_MARKS = {"qmark": "?", "format": "%s", "pyformat": "%s"}
