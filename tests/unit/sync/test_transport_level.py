"""Request bodies are packed harder on a slow line than on a fast one (``transport_http``)."""

from __future__ import annotations

import gzip
import json
from typing import Any

import pytest
import requests

from xaapp.sync import transport_http
from xaapp.sync.protocol import PushRequest, RecordChange
from xaapp.sync.transport_http import HttpTransport

GZIP_XFL = 8  # the gzip header's "extra flags" byte: 2 for the slowest, best packing (level 9), 0 for 6


class _Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class _Line(requests.Session):
    """A server behind a line of *rate* bytes a second: each body takes its size ÷ rate to arrive
    (on *clock*, so the machine's own speed does not count)."""

    def __init__(self, rate: float, clock: _Clock, timing: bool = False) -> None:
        super().__init__()
        self.rate, self.clock, self.timing, self.levels = rate, clock, timing, []

    def request(self, method: str, url: str, data: bytes | None = None, **kw: Any) -> requests.Response:  # noqa: ANN401
        assert data is not None
        self.levels.append(data[GZIP_XFL])
        self.clock.now += len(data) / self.rate + 0.5  # and half a second of the server's work
        sent = json.loads(gzip.decompress(data))
        resp = requests.Response()
        resp.status_code = 200
        resp._content = json.dumps({"batch_id": sent["batch_id"], "outcomes": "a" * len(sent["records"])}).encode()
        if self.timing:
            resp.headers["Server-Timing"] = 'ingest;desc="stored";dur=500.0'
        return resp


def _request(n: int) -> PushRequest:
    records = [
        RecordChange.make("person", f"00000000-0000-4000-8000-{i:012d}", 1, 0, "upsert", {"full_name": f"Lò Văn {i}"})
        for i in range(n)
    ]
    return PushRequest("00000000-0000-4000-8000-00000000ffff", records)


def test_a_fast_line_gets_quicker_packing_and_a_slow_one_the_tightest(monkeypatch: pytest.MonkeyPatch) -> None:
    """The server's own time (its Server-Timing header) does not make a fast line look slow."""
    clock = _Clock()
    monkeypatch.setattr(transport_http.time, "monotonic", clock)
    fast = _Line(50_000_000, clock, timing=True)  # a LAN or loopback, behind a busy server
    slow = _Line(100_000, clock, timing=True)  # a weak 3G line
    untold = _Line(50_000_000, clock)  # a fast line, but the server does not say how long it worked
    for session in (fast, slow, untold):
        transport = HttpTransport("http://127.0.0.1:9", "token", session=session)
        for _ in range(3):
            assert len(transport.push(_request(2000)).results) == 2000
    assert fast.levels == [2, 0, 0]  # level 9 first, then 6 once the line proved fast
    assert slow.levels == [2, 2, 2]  # every byte is time: level 9 throughout
    assert untold.levels == [2, 2, 2]  # half a second a request looks like a slow line: bytes are kept few


def test_server_timing_is_read_leniently() -> None:
    assert transport_http.server_seconds('ingest;dur=83.5, db;desc="x";dur=16.5') == pytest.approx(0.1)
    assert transport_http.server_seconds(None) == transport_http.server_seconds("garbage;dur=x") == 0.0
