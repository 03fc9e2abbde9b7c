"""PostgreSQL's planner statistics kept up with the records a push writes.

PostgreSQL picks an index by its statistics of each table, which only ``ANALYZE`` refreshes; the
autovacuum daemon runs it a minute or more after a table has changed by a tenth. A province server
that takes its first communes' pushes fills ``record`` faster than that: statistics taken while the
table held villages say there are no households, and the household-code lookup of each push
(``server.ingest._flag_duplicate_codes``) is then planned on the commune-and-entity index, reading and
decoding every household of the commune for each batch of 500 — its cost grew with the commune (115 ms
a lookup at 54,000 households), where its own expression index reads a few rows.

So the server analyzes the tables it writes itself: before a push batch's lookups, whenever the batches
since the last analysis have brought as many records as the table then held (or ``MIN_ROWS``, for a young
table). Analyzed before the lookups, the second batch of a commune's first push is already planned on
statistics that know its households (analyzed after, the batch that made the analysis due was planned on
the stale ones: 100–440 ms each for the first batches of households). A table growing to a million
records is analyzed about eleven times, each a sample of at most 30,000 rows per table. SQLite keeps no
statistics unless asked, and plans these lookups by the shape of the query alone (tested).
"""

from __future__ import annotations

import threading
import weakref

from sqlalchemy import Connection, Engine

#: Records received before the first analysis of a young table (small tables analyze in milliseconds).
MIN_ROWS = 500
#: The tables a push writes that its lookups read.
TABLES = ("record", "record_version")


class _Growth:
    """Records received by one database since its last analysis, and how many call for the next."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.received = 0
        self.due_at: int | None = None  # known once the table's size is read


_growth: weakref.WeakKeyDictionary[Engine, _Growth] = weakref.WeakKeyDictionary()
_growth_lock = threading.Lock()


def before_batch(conn: Connection, records: int) -> bool:
    """Count a batch of *records* about to be ingested on *conn* (inside its transaction, before its
    lookups); analyze the tables first if the batches since the last analysis have grown them enough.
    Whether they were analyzed (PostgreSQL only)."""
    if records <= 0 or conn.dialect.name != "postgresql":
        return False
    with _growth_lock:
        growth = _growth.setdefault(conn.engine, _Growth())
    with growth.lock:
        if growth.due_at is None:
            growth.due_at = max(MIN_ROWS, _rows_held(conn))
        growth.received += records
        if growth.received < growth.due_at:
            return False
        growth.received, growth.due_at = 0, None  # read again from the table's size once analyzed
    conn.exec_driver_sql("ANALYZE " + ", ".join(TABLES))
    return True


def _rows_held(conn: Connection) -> int:
    """The ``record`` table's size as the last analysis counted it (0 if never analyzed)."""
    held = conn.exec_driver_sql("SELECT reltuples FROM pg_class WHERE relname = 'record'").scalar()
    return max(0, int(held or 0))
