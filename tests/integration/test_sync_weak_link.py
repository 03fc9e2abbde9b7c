"""A link that cuts answers after a few hundred bytes: the pull's unit of progress shrinks to fit it.

Half the connections are cut somewhere in each 600-byte stretch of an answer. A 30 KB form (base64
in a pull page) can never cross such a link whole; the pull asks for smaller pages (down to one item
and a few hundred bytes) and fetches anything larger in ranges, keeping every piece that arrived,
so a new laptop still gets the whole commune and every form, byte for byte.
"""

from __future__ import annotations

import pytest

from support.faultproxy import FaultProxy
from support.sync_env import LiveServer
from xaapp.paths import forms_dir
from xaapp.services.demo import generate_demo
from xaapp.services.sync import enroll_database, sync_database
from xaapp.storage.records import RefResolver, wire_hash
from xaapp.sync.engine import SyncOptions

pytestmark = pytest.mark.integration
COMMUNE = "14923"


def fingerprint(dev) -> dict[str, str]:  # noqa: ANN001
    from sqlalchemy import select

    from xaapp.storage.orm import ENTITY_MODELS

    out = {}
    with dev.db.read() as s:
        refs = RefResolver(s)
        for model in ENTITY_MODELS.values():
            out.update({o.uuid: wire_hash(o, refs) for o in s.scalars(select(model))})
    return out


def test_pull_finishes_when_every_answer_longer_than_600_bytes_may_be_cut(
    live_server: LiveServer, make_device
) -> None:
    a = make_device("a")
    generate_demo(a.db, households=2, seed=3)
    enroll_database(a.db, live_server.url, live_server.issue_code(COMMUNE), "A")
    assert sync_database(a.db).ok
    b = make_device("b")
    enroll_database(b.db, live_server.url, live_server.issue_code(COMMUNE), "new laptop")
    with FaultProxy(
        live_server.port, cut_probability=0.5, cut_max_bytes=600, cut_directions=("down",), seed=13
    ) as proxy:
        ident = b.store.identity()
        b.store.save_identity(ident.device_id, ident.token, proxy.url, ident.commune_code)
        options = SyncOptions(backoff_base=0.001, backoff_cap=0.002, max_attempts=200, seed=13)
        runs = [sync_database(b.db, options=options) for _ in range(1)]
        while not runs[-1].ok and len(runs) < 3:  # pressed again, as an officer would
            runs.append(sync_database(b.db, options=options))
        assert runs[-1].ok, [r.error for r in runs]
        assert proxy.stats.cuts > 50, "the link cut too little for the test to mean anything"
    assert runs[-1].counts_match is True
    assert fingerprint(b) == fingerprint(a)
    for form in forms_dir().glob("*.xlsx"):  # every form, though each is far longer than any answer
        assert (b.data_dir / "reference" / "form" / form.name).read_bytes() == form.read_bytes()
    assert max(len(f.read_bytes()) for f in forms_dir().glob("*.xlsx")) > 20_000


def test_the_pull_page_and_item_ranges_follow_the_client_limits(live_server: LiveServer, make_device) -> None:
    from xaapp.sync.transport_http import HttpTransport

    dev = make_device("a")
    enroll_database(dev.db, live_server.url, live_server.issue_code(COMMUNE), "A")
    t = HttpTransport(live_server.url, dev.store.identity().token)
    try:
        page = t.pull("", 1, max_bytes=300)
        assert len(page.reference) == 1 and page.more
        cursor, items = "", []
        while True:  # pages of about 1000 bytes: small items whole, large ones as stubs
            page = t.pull(cursor, 500, max_bytes=1000)
            items += page.reference
            cursor = page.cursor
            if not page.more:
                break
        stubs = [i for i in items if i.is_stub]
        assert {i.kind for i in stubs} >= {"form"} and all(i.size > 1000 for i in stubs)
        assert all(len(str(i.content)) < 1500 for i in items if not i.is_stub)
        first, size = t.fetch_item(stubs[0], 0, 100)
        rest, _ = t.fetch_item(stubs[0], 100, size)
        assert len(first) == 100 and len(first + rest) == size == stubs[0].size
    finally:
        t.close()
