"""Lists gathered a chunk at a time, and big structures let go of a slice at a time, give the same rows.

The chunk sizes are shrunk to a handful of rows so that a small demo commune crosses many chunk
boundaries; every list must come out identical to the one read in one chunk.
"""

from __future__ import annotations

import gc
import weakref

import pytest

from xaapp.services import households, listing, listing_chunks, listing_payment
from xaapp.services.demo import generate_demo
from xaapp.storage.db import Database, open_database


@pytest.fixture(scope="module")
def commune(tmp_path_factory: pytest.TempPathFactory) -> Database:
    db = open_database(tmp_path_factory.mktemp("commune"))
    generate_demo(db, households=300, seed=7)
    return db


def _lists(db: Database) -> dict[str, object]:
    return {
        "posting 2025": listing.household_rows(db, 2025),
        "posting 2026": listing.household_rows(db, 2026),
        "all classes 2026": listing.household_rows(db, 2026, classes=("poor", "near_poor", "average", "none")),
        "escaped 2026": listing.escaped_rows(db, 2026),
        "deprivations 2026": listing.deprivation_counts(db, 2026),
        "summary 2026": listing.village_summary_rows(db, 2026),
        "classes": listing.classes_by_year(db, [2025, 2026]),
        "payment": listing_payment.payment_rows(db, "2026-07"),
        "household list": households.household_rows(db, 2026),
    }


def test_lists_read_in_small_chunks_equal_lists_read_in_one(
    commune: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = _lists(commune)
    assert len(whole["posting 2026"]) > 6 and len(whole["escaped 2026"]) > 2  # type: ignore[arg-type]
    assert len(whole["payment"]) > 6  # type: ignore[arg-type]
    monkeypatch.setattr(listing, "_CHUNK", 3)
    monkeypatch.setattr(listing_payment, "FETCH", 3)
    monkeypatch.setattr(households, "_CHUNK", 3)
    monkeypatch.setattr(listing_chunks, "PIECE", 2)
    chunked = _lists(commune)
    for name, rows in whole.items():
        assert chunked[name] == rows, name


def test_search_index_built_with_numbers_let_go_in_slices_finds_the_same(
    commune: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = households.household_rows(commune, 2026)
    monkeypatch.setattr(listing_chunks, "PIECE", 3)
    search = households.household_search(commune, rows)
    some = rows[len(rows) // 2]
    pid = next(line.split("\t")[1] for line in some.members_text.splitlines() if line.split("\t")[1])
    assert some.id in {rows[i].id for i in search.matches(pid)}


class _Row:
    """A stand-in for a row: something a weak reference can watch."""


def test_let_go_frees_what_only_it_holds_and_leaves_what_others_hold_intact(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(listing_chunks, "PIECE", 4)
    gc.disable()  # freed by reference counting, as in the app, not by a collection
    try:
        own = [_Row() for _ in range(25)]
        watched = [weakref.ref(r) for r in own]
        shared = [_Row() for _ in range(25)]
        shared_copy = list(shared)
        table = {i: _Row() for i in range(10)}
        holder: list[object] = [own, shared, table]
        del own, table
        listing_chunks.let_go(holder)
        assert holder == []
        assert all(w() is None for w in watched)  # freed
        assert shared == shared_copy  # someone else's list is never cut down
    finally:
        gc.enable()


def test_let_go_takes_an_object_apart_by_its_attributes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(listing_chunks, "PIECE", 4)

    class Index:
        def __init__(self) -> None:
            self.words = {str(i): _Row() for i in range(9)}
            self.texts = [_Row() for _ in range(9)]

    index = Index()
    watched = [weakref.ref(r) for r in (*index.words.values(), *index.texts)]
    holder: list[object] = [index]
    del index
    listing_chunks.let_go(holder)
    assert all(w() is None for w in watched)
