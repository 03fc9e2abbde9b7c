"""Protocol shapes, content hash, the ORM ↔ wire field list, HTTP error mapping, sync-file integrity."""

from __future__ import annotations

import gzip
import json

import pytest
import requests
from requests.adapters import BaseAdapter

from xaapp.storage.orm import ENTITY_MODELS
from xaapp.storage.records import LOCAL_ONLY, column_for, fields_of
from xaapp.sync import errors
from xaapp.sync.file_transport import (
    SyncFileHeader,
    build_sync_file,
    read_sync_file,
    signing_key,
    verify_signature,
)
from xaapp.sync.protocol import (
    ENTITIES,
    PushRequest,
    PushResponse,
    RecordChange,
    RecordResult,
    ServerRecord,
    content_hash,
)
from xaapp.sync.transport_http import HttpTransport


def test_content_hash_ignores_key_order_and_revision_but_not_content() -> None:
    a = RecordChange.make("village", "u", 1, 0, "upsert", {"name": "Thôn Đông", "area_type": "rural"})
    b = RecordChange.make("village", "u", 7, 6, "upsert", {"area_type": "rural", "name": "Thôn Đông"})
    c = RecordChange.make("village", "u", 1, 0, "upsert", {"area_type": "rural", "name": "Thôn Tây"})
    assert a.hash == b.hash != c.hash
    assert content_hash("village", "delete", a.data) != a.hash
    assert RecordChange.from_json(json.loads(json.dumps(a.to_json()))) == a


def test_push_response_is_compact_and_round_trips() -> None:
    records = [RecordChange.make("village", f"u{i}", 1, 0, "upsert", {"name": str(i)}) for i in range(4)]
    request = PushRequest("b", records)
    server = ServerRecord("village", "u2", 3, "upsert", {"name": "x"}, "h")
    resp = PushResponse(
        "b",
        [
            RecordResult("u0", 1, "accepted"),
            RecordResult("u1", 1, "duplicate"),
            RecordResult("u2", 1, "conflict", server=server),
            RecordResult("u3", 1, "rejected", field="name", reason="required"),
        ],
    )
    wire = json.loads(json.dumps(resp.to_json()))
    assert wire["outcomes"] == "adcr" and [d["i"] for d in wire["details"]] == [2, 3]
    assert "u0" not in json.dumps(wire)  # accepted records are not echoed back
    assert PushResponse.from_json(wire, request) == resp
    with pytest.raises(ValueError):
        PushResponse.from_json({**wire, "outcomes": "ad"}, request)


def test_every_orm_column_travels_and_every_wire_field_has_a_column() -> None:
    assert set(ENTITIES) == set(ENTITY_MODELS)
    for entity, model in ENTITY_MODELS.items():
        columns = {c.key for c in model.__mapper__.column_attrs} - LOCAL_ONLY
        wire = {column_for(f) for f in fields_of(entity)}
        assert columns == wire, entity


class _Canned(BaseAdapter):
    def __init__(
        self,
        status: int,
        body: bytes = b"{}",
        headers: dict[str, str] | None = None,
        exc: Exception | None = None,
    ) -> None:
        super().__init__()
        self.status, self.body, self.headers, self.exc = status, body, headers or {}, exc
        self.seen: list[requests.PreparedRequest] = []

    def send(self, request, **kwargs):  # noqa: ANN001, ANN003
        self.seen.append(request)
        if self.exc:
            raise self.exc
        resp = requests.Response()
        resp.status_code, resp._content, resp.request = self.status, self.body, request
        resp.headers.update(self.headers)
        return resp

    def close(self) -> None:
        pass


def _transport(adapter: _Canned) -> HttpTransport:
    session = requests.Session()
    session.mount("http://", adapter)
    return HttpTransport("http://127.0.0.1:9", "secret-token", session=session)


@pytest.mark.parametrize(
    ("status", "body", "headers", "exc", "expected"),
    [
        (401, b'{"detail": {"code": "revoked"}}', {}, None, errors.AuthError),
        (403, b"{}", {}, None, errors.ForbiddenError),
        (413, b"{}", {}, None, errors.RequestTooLarge),
        (429, b"{}", {"Retry-After": "7"}, None, errors.RateLimited),
        (502, b"bad gateway", {}, None, errors.ServerError),
        (422, b"{}", {}, None, errors.ProtocolError),
        (200, b"<html>captive portal</html>", {}, None, errors.ProtocolError),
        (0, b"", {}, requests.ConnectionError("refused"), errors.OfflineError),
        (0, b"", {}, requests.ReadTimeout("slow"), errors.OfflineError),
    ],
)
def test_http_failures_map_to_sync_errors(status, body, headers, exc, expected) -> None:  # noqa: ANN001
    adapter = _Canned(status, body, headers, exc)
    with pytest.raises(expected) as caught:
        _transport(adapter).summary()
    assert caught.value.transient == (
        expected in (errors.RateLimited, errors.ServerError, errors.OfflineError)
    )
    assert caught.value.message_vi and caught.value.message_en
    assert "secret-token" not in str(caught.value.to_json())
    if expected is errors.RateLimited:
        assert caught.value.retry_after == 7.0


def test_http_push_is_gzip_with_bearer_token() -> None:
    adapter = _Canned(200, json.dumps({"batch_id": "b", "outcomes": "a", "details": []}).encode())
    _transport(adapter).push(PushRequest("b", [RecordChange.make("village", "u", 1, 0, "upsert", {})]))
    sent = adapter.seen[0]
    assert (
        sent.headers["Content-Encoding"] == "gzip" and sent.headers["Authorization"] == "Bearer secret-token"
    )
    assert json.loads(gzip.decompress(sent.body))["batch_id"] == "b"
    assert sent.headers["User-Agent"].startswith("xaapp/")


def test_sync_file_checksum_and_signature() -> None:
    key = signing_key("tok")
    header = SyncFileHeader("dev-1", "14923", 3, "batch", "2026-01-01T00:00:00Z")
    raw = build_sync_file(header, [RecordChange.make("village", "u", 1, 0, "upsert", {"name": "a"})], key)
    parsed = read_sync_file(raw)
    verify_signature(parsed, key)
    assert parsed.header == header
    with pytest.raises(errors.SyncFileError) as bad:
        verify_signature(parsed, signing_key("another token"))
    assert bad.value.code == "file_signature"
    with pytest.raises(errors.SyncFileError) as junk:
        read_sync_file(b"PK\x03\x04 not a sync file")
    assert junk.value.code == "file_unreadable"


def test_kept_bytes_are_the_canonical_json_and_the_hash_is_content_hash() -> None:
    """A record's data is encoded once per push; the bytes sent must be what ``canonical_json``
    would write, and the hash what the server recomputes from the data."""
    from xaapp.sync.protocol import PushRequest, RecordChange, canonical_json, content_hash

    data = {
        "full_name": "Hà Thị Ngọc Ánh \u2028 \"quoted\" \\ tab\t",
        "answers": {"z": [1, 2.5, None, True], "a": {"ở": "đây"}},
        "income": 1234567,
        "deleted_at": None,
    }
    made = RecordChange.make("person", "0f8c…-uuid", 7, 3, "upsert", data)
    assert made.hash == content_hash("person", "upsert", data)
    read_back = RecordChange.from_json(made.to_json())  # no kept bytes: encoded on demand
    for record in (made, read_back):
        assert record.wire_json() == canonical_json(record.to_json())
    request = PushRequest("b-1", [made, read_back])
    assert request.wire_json() == canonical_json(request.to_json())
    assert PushRequest("b-2", []).wire_json() == canonical_json(PushRequest("b-2", []).to_json())


def test_the_quick_canonical_json_writes_the_same_bytes() -> None:
    """``canonical_json_plain`` (orjson) must write exactly ``canonical_json``'s bytes for what it is
    given: every character, whole numbers to 64 bits and past them, keys in code-point order, floats
    json.dumps spells without an exponent."""
    import random

    from xaapp.sync.protocol import canonical_json, canonical_json_plain

    rnd = random.Random(7)
    chars = [chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]
    for _ in range(300):
        text = "".join(rnd.choice(chars) for _ in range(rnd.randint(0, 40)))
        value = {
            text: [text, rnd.randint(-(2**63), 2**64 - 1), 10 ** rnd.randint(19, 40), None, True, False],
            "Lò Văn Tủa": {"đ": round(rnd.uniform(-1e6, 1e6), rnd.randint(0, 6)), "z": 0.0, "a": -0.5},
            "\U0001d11e": rnd.uniform(1e-4, 1e15),
        }
        assert canonical_json_plain(value) == canonical_json(value)
    tiny = 2.3161643129504774e-05  # json.dumps: 2.3161643129504774e-05; orjson: 0.000023161643129504774
    assert canonical_json_plain(tiny) != canonical_json(tiny)  # so the caller sends such floats the slow way
