"""The token's life on the laptop: renewed before it expires, an expired one sends the officer to
enroll again, and an enrollment whose answer was lost is retried with the same request id.

The server side (``POST /v1/token/rotate``, 401 ``token_expired``, idempotent enrollment) is coded
to the contract in docs/sync-protocol.md; here the server answers through fakes of that contract.
"""

from __future__ import annotations

import gzip
import json
import uuid as uuid_mod
from datetime import UTC, datetime, timedelta

import pytest
import requests
from requests.adapters import BaseAdapter
from sync_fakes import LocalServer, add_commune

from xaapp.server import devices
from xaapp.storage.db import Database
from xaapp.storage.sync_store import SqlSyncStore
from xaapp.sync.engine import SyncOptions, run_sync
from xaapp.sync.errors import TokenExpired
from xaapp.sync.transport_http import HttpTransport


def _enrolled(db: Database, server: LocalServer) -> SqlSyncStore:
    store = SqlSyncStore(db)
    e = server.enrollment
    store.save_identity(e.device_id, e.token, "http://127.0.0.1:9", e.commune_code)
    return store


def _in(days: float) -> str:
    return (datetime.now(UTC) + timedelta(days=days)).isoformat().replace("+00:00", "Z")


def test_a_token_expiring_within_a_week_is_rotated_and_stored(
    db: Database, server: LocalServer, fast: SyncOptions
) -> None:
    add_commune(db, households=1)
    store = _enrolled(db, server)
    old = server.enrollment.token
    server.extra_info["token_expires_at"] = _in(30)
    assert not run_sync(store, server, options=fast).token_rotated  # a month left: nothing to do
    server.extra_info["token_expires_at"] = _in(3)
    report = run_sync(store, server, options=fast)
    assert report.ok and report.token_rotated and server.rotations
    assert store.identity().token == server.rotations[-1] != old
    with server.engine.begin() as conn:
        with pytest.raises(devices.Unauthorised):
            devices.authenticate(conn, old)
        assert devices.authenticate(conn, store.identity().token).id == server.enrollment.device_id


class _Canned(BaseAdapter):
    """Answers requests from a script: an exception to raise, or (status, JSON body)."""

    def __init__(self, script: list) -> None:
        super().__init__()
        self.script, self.bodies = list(script), []

    def send(self, request, **kwargs):  # noqa: ANN001, ANN003, ANN201
        body = request.body
        self.bodies.append(json.loads(gzip.decompress(body)) if body else None)
        step = self.script.pop(0)
        if isinstance(step, Exception):
            raise step
        status, payload = step
        resp = requests.Response()
        resp.status_code = status
        resp._content = json.dumps(payload).encode()
        resp.headers["Content-Type"] = "application/json"
        resp.request = request
        return resp

    def close(self) -> None:
        pass


def _transport(script: list, token: str | None = None) -> tuple[HttpTransport, _Canned]:
    session = requests.Session()
    adapter = _Canned(script)
    session.mount("http://", adapter)
    return HttpTransport("http://127.0.0.1:9", token, session=session), adapter


def test_an_expired_token_tells_the_officer_to_enroll_again() -> None:
    from xaapp.sync.protocol import Handshake

    refused = (401, {"detail": {"code": "token_expired", "message_vi": "…", "message_en": "…"}})
    t, _ = _transport([refused], "xa1_old")
    with pytest.raises(TokenExpired) as err:
        t.handshake(Handshake(1, "x", "2026-01-01T00:00:00Z"))
    assert err.value.code == "token_expired" and "đăng ký" in err.value.message_vi.lower()
    assert "enroll again" in err.value.message_en


def test_a_lost_enrollment_answer_is_retried_with_the_same_request_id() -> None:
    answer = (200, {"device_id": "dev-1", "token": "xa1_new", "commune_code": "14923"})
    t, adapter = _transport([requests.ConnectionError("reset"), (503, {}), answer])
    enrollment = t.enroll("ABCD-EFGH-JKLM", "laptop", pause=0)
    assert enrollment.device_id == "dev-1" and len(adapter.bodies) == 3
    ids = {b["request_id"] for b in adapter.bodies}
    assert len(ids) == 1 and uuid_mod.UUID(ids.pop()).version == 4
    t2, adapter2 = _transport([answer])
    t2.enroll("ABCD-EFGH-JKLM", pause=0)
    assert adapter2.bodies[0]["request_id"] != adapter.bodies[0]["request_id"]  # a new enrollment, a new id
