"""Reference items from a server never name a path outside ``<data dir>/reference/``."""

from __future__ import annotations

from pathlib import Path

import pytest

from xaapp.storage.db import Database
from xaapp.storage.sync_store import SqlSyncStore
from xaapp.sync.errors import ProtocolError
from xaapp.sync.protocol import PullPage, ReferenceItem


def page(*items: ReferenceItem) -> PullPage:
    return PullPage([], list(items), "0.9", False)


@pytest.mark.parametrize(
    ("kind", "key"),
    [
        ("{victim}", "xaapp.db"),  # an absolute folder as the kind
        ("rules", "{victim}/xaapp.db"),  # an absolute path as the key
        ("../../victim", "xaapp.db"),
        ("rules", "../../../victim/xaapp.db"),
        ("rules", ".."),
        ("form", "sub/dir.xlsx"),
        ("rules", "a\\..\\..\\victim.json"),
    ],
)
def test_a_path_like_kind_or_key_stops_the_sync_and_writes_nothing(
    db: Database, tmp_path: Path, kind: str, key: str
) -> None:
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "xaapp.db").write_bytes(b"other")
    store = SqlSyncStore(db)
    good = ReferenceItem("rules", "fine.json", "h", {"ok": True})
    bad = ReferenceItem(kind.format(victim=victim), key.format(victim=victim), "h", {"evil": True})
    with pytest.raises(ProtocolError):
        store.apply_pull(page(good, bad))
    assert (victim / "xaapp.db").read_bytes() == b"other" and sorted(victim.iterdir()) == [
        victim / "xaapp.db"
    ]
    assert not (store.data_dir / "reference").exists()  # not even the good item: all or nothing
    assert store.pull_cursor() == ""


def test_known_kinds_are_written_inside_and_unknown_plain_kinds_skipped(db: Database) -> None:
    store = SqlSyncStore(db)
    store.apply_pull(
        page(ReferenceItem("rules", "fine.json", "h", {"ok": True}), ReferenceItem("template", "t1", "h", {}))
    )
    assert (store.data_dir / "reference" / "rules" / "fine.json").exists()
    assert not (store.data_dir / "reference" / "template").exists() and store.pull_cursor() == "0.9"
