"""The central server cannot be fooled: no body is read before the token, bodies are bounded, crafted
requests get 4xx naming the field (never 5xx), UUIDs have one spelling, and records out of reach all
get one reason. Each test runs on SQLite and PostgreSQL (``live_server``)."""

from __future__ import annotations

import gzip
import json
import socket
import uuid as uuid_mod
from typing import Any

import pytest
import requests

from support.sync_env import LiveServer
from xaapp.server.app import ServerSettings, create_app
from xaapp.server.validation import UUID_REASON
from xaapp.sync.protocol import ENTITIES, RecordChange

pytestmark = pytest.mark.integration
A, B = "14923", "16522"
STAMP = {"created_at": "2026-01-01T00:00:00", "updated_at": "2026-01-01T00:00:00", "deleted_at": None}


def enroll(server: LiveServer, commune: str = A) -> dict[str, str]:
    resp = requests.post(f"{server.url}/v1/enroll", json={"code": server.issue_code(commune)}, timeout=10)
    assert resp.status_code == 200, resp.text
    return {"Authorization": f"Bearer {resp.json()['token']}"}


def village(name: str = "Thôn Một", commune: str = A, uuid: str | None = None) -> dict[str, Any]:
    data = {"commune_code": commune, "name": name, "area_type": "rural", **STAMP}
    return RecordChange.make("village", uuid or str(uuid_mod.uuid4()), 1, 0, "upsert", data).to_json()


def household(village_uuid: str, uuid: str | None = None) -> dict[str, Any]:
    data = {
        "village_uuid": village_uuid,
        "code": "00001",
        "address": "Bản Nủa",
        "area_type": "rural",
        "phone": None,
        "ethnic_minority": False,
        **STAMP,
    }
    return RecordChange.make("household", uuid or str(uuid_mod.uuid4()), 1, 0, "upsert", data).to_json()


def push_raw(server: LiveServer, auth: dict[str, str], body: bytes, **headers: str) -> requests.Response:
    return requests.post(
        f"{server.url}/v1/push",
        data=body,
        headers={**auth, "Content-Type": "application/json", **headers},
        timeout=60,
    )


def push(
    server: LiveServer, auth: dict[str, str], records: list[Any]
) -> list[tuple[str, str | None, str | None]]:
    body = json.dumps({"protocol": 1, "batch_id": str(uuid_mod.uuid4()), "records": records}).encode()
    resp = push_raw(server, auth, body)
    assert resp.status_code == 200, resp.text
    answer = resp.json()
    details = {d["i"]: d for d in answer["details"]}
    return [
        (letter, details.get(i, {}).get("field"), details.get(i, {}).get("reason"))
        for i, letter in enumerate(answer["outcomes"])
    ]


def first_answer(server: LiveServer, head: str, timeout: float = 5.0) -> str:
    """Send only a request's head (no body) and read the start of the answer."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=timeout) as sock:
        sock.sendall(head.encode("latin-1"))
        return sock.recv(4096).decode("latin-1", "replace")


def test_the_token_is_checked_before_any_body_is_read(live_server: LiveServer) -> None:
    """A 4 MB body announced but never sent: the server answers at once instead of waiting for it."""
    for path in ("/v1/push", "/v1/handshake"):
        for auth in ("", "Authorization: Bearer xa1_not-a-token\r\n"):
            head = (
                f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                f"Content-Encoding: gzip\r\n{auth}Content-Length: 4000000\r\n\r\n"
            )
            answer = first_answer(live_server, head)
            assert answer.startswith("HTTP/1.1 401"), (path, auth, answer[:80])
    # Enrolment has no token: a body larger than an enrolment can be is refused before it is read.
    head = "POST /v1/enroll HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000\r\n\r\n"
    assert first_answer(live_server, head).startswith("HTTP/1.1 413")


def test_bombs_and_malformed_bodies_are_refused_within_bounds(live_server: LiveServer) -> None:
    auth = enroll(live_server)
    gz = {"Content-Encoding": "gzip"}
    # 3 KB of gzip inflating to 3 MB: more than an enrolment ever is, refused after 8 KB inflated.
    small_bomb = gzip.compress(b'{"code": "' + b"A" * 3_000_000 + b'"}', 9)
    assert len(small_bomb) < 4096
    resp = requests.post(
        f"{live_server.url}/v1/enroll", data=small_bomb, headers={**gz, "Content-Type": "application/json"}
    )
    assert resp.status_code == 413 and resp.json()["detail"]["code"] == "too_large"

    cases: list[tuple[bytes, dict[str, str], int, str]] = [
        # 12 million values (each a Python object once parsed): refused before parsing.
        (gzip.compress(b"[" + b"{}," * 4_000_000 + b"{}]"), gz, 413, "too_large"),
        # 40 MB inflated: past the inflated limit.
        (gzip.compress(b'"' + b" " * (40 * 1024 * 1024) + b'"'), gz, 413, "too_large"),
        (b"[" * 100_000 + b"]" * 100_000, {}, 400, "too_deep"),  # deeper than the parser goes
        (b'{"a":' * 40 + b"1" + b"}" * 40, {}, 400, "too_deep"),  # deeper than any record
        (b'{"protocol": 1, "batch_id": "x", "records": [], "n": NaN}', {}, 400, "bad_request"),
        (b'{"protocol": 1, "batch_id": "x", "records": [], "n": 1e400}', {}, 400, "bad_request"),
        (b'{"protocol": 1, "batch_id": "\xff\xfe", "records": []}', {}, 400, "bad_request"),  # not UTF-8
        (b"\x1f\x8b\x08\x00not gzip at all", gz, 400, "bad_request"),
        (gzip.compress(b"{}")[:-6], gz, 400, "bad_request"),  # cut short
        (gzip.compress(b"{}") + gzip.compress(b"{}"), gz, 400, "bad_request"),  # two members
        (b"{}", {"Content-Encoding": "br"}, 415, "bad_encoding"),
    ]
    for body, headers, status, code in cases:
        resp = push_raw(live_server, auth, body, **headers)
        assert (resp.status_code, resp.json()["detail"]["code"]) == (status, code), (
            body[:40],
            resp.text[:200],
        )


def test_crafted_requests_get_4xx_naming_the_field(live_server: LiveServer) -> None:
    auth = enroll(live_server)
    base = village()
    good = village("Thôn Hai")

    def variant(**changes: Any) -> dict[str, Any]:
        return {**base, "uuid": str(uuid_mod.uuid4()), **changes}

    u = str(uuid_mod.uuid4())
    with_text = lambda text: {  # noqa: E731  (no hash can be computed over a lone surrogate)
        **variant(),
        "data": {**base["data"], "name": text},
        "hash": "0123456789abcdef",
    }
    records = [
        variant(data=["not", "an", "object"]),
        variant(data="text"),
        variant(revision=2**31),
        variant(revision=2**63),
        variant(revision=True),
        variant(revision=1.5),
        variant(base_revision=2**63, revision=2),
        variant(base_revision=-1),
        with_text("Thôn \ud800"),  # a lone surrogate: not UTF-8
        with_text("Thôn\x00"),  # NUL: PostgreSQL cannot store it
        variant(uuid=f"urn:uuid:{u}"),
        variant(uuid="{" + u + "}"),
        variant(uuid=u.upper()),
        variant(uuid=u.replace("-", "")),
        variant(uuid=12345),
        variant(entity="no_such_thing"),
        variant(entity=["village"]),
        variant(op="truncate"),
        variant(hash="z" * 100),
        "not a record",
        None,
        good,
    ]
    expected = [
        ("r", "data"),
        ("r", "data"),
        ("r", "revision"),
        ("r", "revision"),
        ("r", "revision"),
        ("r", "revision"),
        ("r", "base_revision"),
        ("r", "base_revision"),
        ("r", "name"),
        ("r", "name"),
        ("r", "uuid"),
        ("r", "uuid"),
        ("r", "uuid"),
        ("r", "uuid"),
        ("r", "uuid"),
        ("r", "entity"),
        ("r", "entity"),
        ("r", "op"),
        ("r", "hash"),
        ("r", "record"),
        ("r", "record"),
        ("a", None),
    ]
    got = push(live_server, auth, records)
    assert [(letter, field) for letter, field, _ in got] == expected
    assert all(reason for letter, _, reason in got if letter == "r")

    # The same village under another spelling of its UUID is refused, not stored as a second record;
    # so is a household naming its village in upper case.
    upper = {**good, "uuid": good["uuid"].upper()}
    child = household(good["uuid"].upper())
    assert push(live_server, auth, [upper, child]) == [
        ("r", "uuid", UUID_REASON),
        ("r", "village_uuid", UUID_REASON),
    ]
    assert live_server.stats()["communes"][A]["records"] == {"village": 1}

    # The envelope: 400 naming the field.
    for body, status, code, field in [
        (b"[]", 400, "bad_request", "body"),
        (b'{"protocol": "1", "batch_id": "b", "records": []}', 400, "protocol", "protocol"),
        (b'{"protocol": 1, "batch_id": "\\ud800", "records": []}', 400, "bad_request", "batch_id"),
        (b'{"protocol": 1, "batch_id": "' + b"x" * 65 + b'", "records": []}', 400, "bad_request", "batch_id"),
        (b'{"protocol": 1, "batch_id": "b", "records": {}}', 400, "bad_request", "records"),
    ]:
        resp = push_raw(live_server, auth, body)
        detail = resp.json()["detail"]
        assert (resp.status_code, detail["code"], detail.get("field")) == (status, code, field), body

    # Pull cursors: only what the server writes, within BIGINT.
    for cursor in ("1e400.5", "99999999999999999999.1", "1.2.3", "-1.0", "1.5.x", "%ED%A0%80", "%00"):
        resp = requests.get(f"{live_server.url}/v1/pull?cursor={cursor}", headers=auth, timeout=10)
        assert resp.status_code == 400 and resp.json()["detail"]["code"] == "bad_cursor", cursor
    resp = requests.get(f"{live_server.url}/v1/pull", params={"limit": 2**70}, headers=auth, timeout=30)
    assert resp.status_code == 200
    resp = requests.get(f"{live_server.url}/v1/pull", params={"limit": "lots"}, headers=auth, timeout=10)
    assert resp.status_code == 422

    # Enrolment fields.
    for body, field in [
        ({"code": "ABCD\u0000"}, "code"),
        ({"code": 7}, "code"),
        ({"code": "ABCD-EFGH-JKLM", "label": "\ud800"}, "label"),
        ({"code": "ABCD-EFGH-JKLM", "label": {"a": 1}}, "label"),
        ({"code": "ABCD-EFGH-JKLM", "request_id": "not-a-uuid"}, "request_id"),
    ]:
        resp = requests.post(f"{live_server.url}/v1/enroll", data=json.dumps(body), timeout=10)
        assert resp.status_code == 400 and resp.json()["detail"]["field"] == field, body
    # The handshake's protocol.
    for protocol in ("1", True, 2**64, None):
        resp = requests.post(
            f"{live_server.url}/v1/handshake", json={"protocol": protocol}, headers=auth, timeout=10
        )
        assert resp.status_code == 400 and resp.json()["detail"]["code"] == "protocol", protocol


def test_records_out_of_reach_all_get_one_reason(live_server: LiveServer) -> None:
    """Another commune's parent, an unknown parent, another commune's record: one reason, so a push
    cannot tell whether a UUID exists elsewhere."""
    a, b = enroll(live_server, A), enroll(live_server, B)
    vb = village("Tổ dân phố 1", commune=B)
    hb = household(vb["uuid"])
    assert push(live_server, b, [vb, hb]) == [("a", None, None), ("a", None, None)]
    va = village()
    answers = push(
        live_server,
        a,
        [
            va,
            household(vb["uuid"]),  # B's village
            household(str(uuid_mod.uuid4())),  # nobody's
            household(va["uuid"], uuid=hb["uuid"]),  # B's household, moved into A
        ],
    )
    assert answers[0] == ("a", None, None)
    # A parent out of reach, unknown or another commune's, is answered alike: the child waits for it.
    assert answers[1] == answers[2] and answers[1][:2] == ("w", "village_uuid")
    assert answers[3][:2] == ("r", "uuid") and answers[3][2] == "unknown record, or not one of this device's commune"
    assert live_server.stats()["communes"][B]["records"] == {"village": 1, "household": 1}


def test_openapi_is_complete() -> None:
    """Every $ref resolves, and the bodies and answers are described by the protocol's dataclasses with
    the same bounds the server applies (they are the definition it checks with)."""
    doc = create_app(ServerSettings(db_url="sqlite://")).openapi()
    schemas = doc["components"]["schemas"]

    def refs(node: Any) -> list[str]:
        if isinstance(node, dict):
            own = [node["$ref"]] if "$ref" in node else []
            return own + [r for v in node.values() for r in refs(v)]
        if isinstance(node, list):
            return [r for v in node for r in refs(v)]
        return []

    found = refs(doc)
    assert found and all(r.startswith("#/components/schemas/") for r in found)
    missing = {r for r in found if r.split("/")[-1] not in schemas}
    assert not missing
    # The bodies and answers are the protocol's own dataclasses (sync.protocol, sync.messages), bounds included.
    def body_of(path: str) -> dict[str, Any]:
        return doc["paths"][path]["post"]["requestBody"]["content"]["application/json"]["schema"]

    assert body_of("/v1/push") == {"$ref": "#/components/schemas/PushRequest"}
    assert body_of("/v1/handshake") == {"$ref": "#/components/schemas/Handshake"}
    push_body = schemas["PushRequest"]["properties"]
    assert push_body["records"]["items"]["$ref"] == "#/components/schemas/RecordChange"
    assert push_body["batch_id"]["maxLength"] == 64
    record = schemas["RecordChange"]["properties"]
    assert record["revision"]["maximum"] == 2**31 - 1 and record["base_revision"]["minimum"] == 0
    assert record["uuid"]["pattern"].startswith("^[0-9a-f]{8}-")
    assert set(record["entity"]["enum"]) == set(ENTITIES) and record["op"]["enum"] == ["upsert", "delete"]
    assert schemas["YearlyReportMark"]["properties"]["year"]["maximum"] == 2100
    assert set(schemas["PullPage"]["properties"]) >= {"records", "reference", "cursor", "more", "review"}
    assert schemas["ServerRecord"]["properties"]["size"]["minimum"] == 0
    assert set(schemas["PushAnswer"]["properties"]) == {"batch_id", "outcomes", "details"}
    answers = {p: doc["paths"][p]["post"]["responses"]["200"] for p in ("/v1/push", "/v1/handshake", "/v1/enroll")}
    assert [a["content"]["application/json"]["schema"]["$ref"].split("/")[-1] for a in answers.values()] == [
        "PushAnswer",
        "HandshakeAnswer",
        "Enrollment",
    ]
    assert set(doc["paths"]) >= {"/v1/enroll", "/v1/token/rotate", "/v1/handshake", "/v1/push", "/v1/pull"}
    assert doc["paths"]["/v1/pull"]["get"]["security"] == [{"bearer": []}]
    assert body_of("/v1/enroll") == {"$ref": "#/components/schemas/EnrollRequest"}
    assert "request_id" in schemas["EnrollRequest"]["properties"] and "security" not in doc["paths"]["/v1/enroll"]["post"]


def test_enrolment_is_rate_limited_per_address(tmp_path) -> None:  # noqa: ANN001
    server = LiveServer(f"sqlite:///{tmp_path / 'c.db'}", enroll_per_minute=3).start()
    try:
        answers = [
            requests.post(f"{server.url}/v1/enroll", json={"code": "AAAA-BBBB-CCCC"}, timeout=10)
            for _ in range(5)
        ]
    finally:
        server.stop()
    assert [a.status_code for a in answers] == [400, 400, 400, 429, 429]
    assert (
        answers[3].json()["detail"]["code"] == "rate_limited" and int(answers[3].headers["Retry-After"]) >= 1
    )


def test_a_push_answer_says_how_long_the_server_spent_storing(live_server: LiveServer) -> None:
    """``Server-Timing``: the laptop subtracts it to judge its line's speed (and so how hard to pack)."""
    auth = enroll(live_server)
    body = json.dumps({"protocol": 1, "batch_id": str(uuid_mod.uuid4()), "records": [village()]}).encode()
    resp = push_raw(live_server, auth, body)
    assert resp.status_code == 200, resp.text
    from xaapp.sync.transport_http import server_seconds

    assert resp.headers["Server-Timing"].startswith("store;dur=")
    assert 0 < server_seconds(resp.headers["Server-Timing"]) < 10
