"""A district's rows gathered, and let go of, a piece at a time: no single step holds the interpreter lock long.

Gathering: the list builders (``listing``, ``listing_payment``) read ``FETCH`` rows per round trip
(SQLAlchemy's ``yield_per``) and look records up ``FETCH`` ids at a time, instead of building tens of
thousands of rows in one call.

Letting go:
Python frees an object the moment its last reference goes, and everything only it held with it, in
one call that keeps the interpreter lock throughout: dropping 100,000 household rows, the search
index over them, or a list document of 20,000 rows takes 30–190 ms, and the UI thread waits as long
(bench/bench_desktop.py, "longest hold of the interpreter lock"). ``let_go`` frees such structures a
slice at a time instead, on whichever thread calls it (a worker's, not the UI thread's).
"""

from __future__ import annotations

import time
from typing import Any

#: Rows per round trip, and ids per ``IN (…)`` (SQLite's host-parameter limit is 999).
FETCH = 900

#: Items freed in one step: 500 rows, or 500 reviews with their answers, free in a few milliseconds.
PIECE = 500


def let_go(holder: list[Any]) -> None:
    """Free what *holder* holds, in its order, a slice at a time; *holder* is emptied.

    Lists and tuples are cut into slices of ``PIECE`` items, dicts into slices of their items, and an
    object with attributes (a search index) into its attribute values, cut the same way; anything else
    goes whole. A container goes first (its items live on in the slices), then each slice, with a
    turn for the other threads between slices. Whatever someone else still refers to is not freed
    here but when they let go of it: give the other references up first (pass the structure inside
    *holder*, keeping no name of it)."""
    things = holder[::-1]
    holder.clear()
    while things:
        thing = things.pop()
        if isinstance(thing, dict):
            thing = list(thing.items())
        elif not isinstance(thing, list | tuple | str | bytes) and hasattr(thing, "__dict__"):
            things.extend(reversed(list(vars(thing).values())))
            continue  # the object goes now; its attributes are next
        if isinstance(thing, list | tuple) and len(thing) > PIECE:
            slices = [thing[start : start + PIECE] for start in range(0, len(thing), PIECE)]
            thing = None  # the container goes; its items live on in the slices
            things.extend(reversed(slices))
            del slices
            continue
        thing = None  # freed here (when nothing else refers to it)
        time.sleep(0)  # a turn for a waiting thread (the UI's)
