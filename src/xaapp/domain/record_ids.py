"""Record ids: time-ordered UUIDs (version 7, RFC 9562).

A record's UUID is made once, on the laptop that creates the record, and is its key everywhere after:
in the laptop's indexes and outbox, and in the province server's ``record`` and ``record_version``
primary keys. A random (version 4) key lands on a random page of each of those indexes, so once the
tables outgrow the caches every insert of a push dirties a page of its own, and commits and checkpoints
grow with the tables: on the SQLite server the commit's share of a 500-record batch doubled per record
between 74,000 and 740,000 records (``docs/benchmarks.md``, "time-ordered record ids").

Version 7 puts the creation time (Unix milliseconds) in the first 48 bits. Records made one after another
sort one after another, so a push (sent oldest first within each kind of record) writes neighbouring
index pages, and the cost per record stays flat as a district's data grows. The time in the id is no
secret kept: every record also carries its creation time in the clear.

Layout (RFC 9562 §5.7, counter method §6.2): 48 bits of milliseconds, the version (7), a 12-bit counter
that orders ids made in the same millisecond by this process, the variant (binary 10), 62 random bits.
The counter starts each millisecond at a random value below 2**11 (room to count up); if it runs out
within one millisecond, or the clock steps back, the millisecond is carried forward instead, so ids from
one process never go backwards. Python's ``uuid.uuid7`` (3.14) does the same; the app runs on 3.11.
"""

from __future__ import annotations

import os
import threading
import time

_VERSION = 7 << 76
_VARIANT = 0b10 << 62
_RAND_B = (1 << 62) - 1
_COUNTER_MAX = 0xFFF

_lock = threading.Lock()
_last_ms = 0
_counter = 0


def uuid7_text(ms: int, counter: int, rand_b: int) -> str:
    """The UUID of *ms* (Unix milliseconds, 48 bits), *counter* (12 bits) and *rand_b* (its low 62 bits
    are used), spelled as the wire spells one: lower case, with hyphens."""
    h = f"{(ms & 0xFFFF_FFFF_FFFF) << 80 | _VERSION | (counter & _COUNTER_MAX) << 64 | _VARIANT | rand_b & _RAND_B:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def new_record_uuid() -> str:
    """A new record's UUID: later than every one this process made before."""
    global _last_ms, _counter
    random = int.from_bytes(os.urandom(10), "big")
    with _lock:
        ms = time.time_ns() // 1_000_000
        if ms > _last_ms:
            _last_ms, _counter = ms, random >> 69  # 11 random bits: the counter's start this millisecond
        elif _counter < _COUNTER_MAX:
            _counter += 1
        else:
            _last_ms, _counter = _last_ms + 1, 0
        ms, counter = _last_ms, _counter
    return uuid7_text(ms, counter, random)
