"""One definition of the wire format: the laptop's hand-written ``to_json``/``from_json`` write and read
exactly what the server's pydantic checks of the same dataclasses accept and dump, message by message,
so the fast client path and the server's checks (and ``/openapi.json``) cannot drift apart."""

from __future__ import annotations

import uuid as uuid_mod
from typing import Any

import pytest
from pydantic import ValidationError

from xaapp.server.wire_schema import adapter
from xaapp.sync.messages import (
    Enrollment,
    EnrollRequest,
    Handshake,
    HandshakeAnswer,
    ServerInfo,
    TokenAnswer,
)
from xaapp.sync.protocol import (
    PROTOCOL_VERSION,
    PullPage,
    PushAnswer,
    PushRequest,
    PushResponse,
    RecordChange,
    RecordResult,
    ReferenceItem,
    ServerRecord,
)

STAMP = {"created_at": "2026-01-01T00:00:00", "updated_at": "2026-01-02T08:30:00", "deleted_at": None}


def uid() -> str:
    return str(uuid_mod.uuid4())


def village(revision: int = 1, base: int = 0) -> RecordChange:
    data = {"commune_code": "14923", "name": "Thôn Bản Nủa", "area_type": "rural", **STAMP}
    return RecordChange.make("village", uid(), revision, base, "upsert", data)


def household_delete() -> RecordChange:
    data = {"village_uuid": uid(), "code": "00017", "address": "Xóm 3", "phone": None, **STAMP}
    data["deleted_at"] = "2026-02-01T00:00:00"
    return RecordChange.make("household", uid(), 2**31 - 1, 2**31 - 2, "delete", data)


def server_record(stub: bool = False) -> ServerRecord:
    rec = village(3, 2)
    return ServerRecord(rec.entity, rec.uuid, rec.revision, rec.op, None if stub else rec.data, rec.hash, 9000 if stub else 0)


def dumped(cls: type, value: Any) -> Any:  # noqa: ANN401
    """The server's form of *value*: validated as *cls*, dumped as JSON; defaults are left out, as
    the laptop leaves them out."""
    ta = adapter(cls)
    return ta.dump_python(ta.validate_python(value), mode="json", exclude_defaults=True)


RECORDS = [village(), village(7, 6), household_delete()]


@pytest.mark.parametrize("change", RECORDS, ids=["new", "edited", "deleted"])
def test_a_record_change_is_written_and_read_as_the_server_checks_it(change: RecordChange) -> None:
    wire = change.to_json()
    ta = adapter(RecordChange)
    assert ta.dump_python(ta.validate_python(wire), mode="json") == wire
    assert RecordChange.from_json(wire) == ta.validate_python(wire) == change


def test_a_push_request_is_written_as_the_server_checks_it() -> None:
    request = PushRequest(uid(), RECORDS)
    wire = request.to_json()
    assert wire["protocol"] == PROTOCOL_VERSION
    ta = adapter(PushRequest)
    assert ta.dump_python(ta.validate_python(wire), mode="json") == wire
    assert PushRequest.from_json(wire) == ta.validate_python(wire) == request


def test_a_push_answer_is_written_and_read_as_its_definition() -> None:
    request = PushRequest(uid(), RECORDS)
    a, b, c = request.records
    response = PushResponse(
        request.batch_id,
        [
            RecordResult(a.uuid, a.revision, "accepted", duplicate=server_record()),
            RecordResult(b.uuid, b.revision, "conflict", server=server_record(stub=True)),
            RecordResult(c.uuid, c.revision, "rejected", field="village_uuid", reason="required"),
        ],
    )
    wire = response.to_json()
    assert wire["outcomes"] == "acr"
    assert dumped(PushAnswer, wire) == wire
    assert PushResponse.from_json(wire, request) == response


def test_a_pull_page_is_written_and_read_as_its_definition() -> None:
    item = ReferenceItem("rules", "allowance", "ab" * 32, {"base": 500_000})
    stub_item = ReferenceItem("form", "household_review", "cd" * 32, None, 70_000)
    for page in (
        PullPage([server_record(), server_record(stub=True)], [item, stub_item], "12.4", True),
        PullPage([], [], "12.4.o", False, [server_record()], {"returned": [], "approved": []}),
    ):
        wire = page.to_json()
        assert dumped(PullPage, wire) == wire
        assert PullPage.from_json(wire) == adapter(PullPage).validate_python(wire) == page


def test_a_handshake_is_written_as_the_server_checks_it() -> None:
    mark = {"uuid": uid(), "year": 2026, "by": "thu", "at": "2026-11-20T00:00:00Z"}
    for handshake in (
        Handshake(PROTOCOL_VERSION, "1.4.0", "2026-11-20T01:02:03Z"),
        Handshake(PROTOCOL_VERSION, "1.4.0", "2026-11-20T01:02:03Z", [3, 4], [mark]),
    ):
        wire = handshake.to_json()
        assert dumped(Handshake, wire) == wire
        assert adapter(Handshake).validate_python(wire) == handshake


def test_the_answers_around_a_sync_are_read_as_their_definitions() -> None:
    answer = {
        "protocol": 1,
        "server_time": "2026-11-20T01:02:04Z",
        "max_request_bytes": 4_194_304,
        "max_batch_records": 1000,
        "device_id": "dev-a82b486cdea8",
        "commune_code": "14923",
        "token_expires_at": "2027-11-20T00:00:00Z",
        "last_batch_id": "b-17",
        "last_file_seq": 3,
        "file_receipts": [{"file_seq": 3}],
    }
    assert dumped(HandshakeAnswer, answer) == answer
    info = ServerInfo.from_json(adapter(HandshakeAnswer).dump_python(adapter(HandshakeAnswer).validate_python(answer)))
    assert (info.device_id, info.commune_code, info.max_batch_records) == ("dev-a82b486cdea8", "14923", 1000)
    assert (info.last_batch_id, info.token_expires_at, info.file_receipts) == ("b-17", "2027-11-20T00:00:00Z", [{"file_seq": 3}])

    enrolled = {"device_id": "dev-1", "token": "xa1_t", "commune_code": "14923", "token_expires_at": "2027-01-01T00:00:00Z"}
    assert dumped(Enrollment, enrolled) == enrolled
    assert Enrollment.from_json(enrolled) == adapter(Enrollment).validate_python(enrolled)
    assert dumped(TokenAnswer, {"token": "xa1_u", "expires_at": "2027-01-01T00:00:00Z"})["token"] == "xa1_u"
    asked = {"code": "K9UX-SYLF-6WHP", "label": "laptop xã Bá Thước", "request_id": uid()}
    assert dumped(EnrollRequest, asked) == asked


@pytest.mark.parametrize(
    ("cls", "wire", "field"),
    [
        (RecordChange, {**village().to_json(), "revision": 2**31}, "revision"),
        (RecordChange, {**village().to_json(), "revision": True}, "revision"),
        (RecordChange, {**village().to_json(), "base_revision": -1}, "base_revision"),
        (RecordChange, {**village().to_json(), "uuid": uid().upper()}, "uuid"),
        (RecordChange, {**village().to_json(), "entity": "no_such_thing"}, "entity"),
        (RecordChange, {**village().to_json(), "hash": "z" * 16}, "hash"),
        (PushRequest, {"protocol": 1, "batch_id": "", "records": []}, "batch_id"),
        (Handshake, {"protocol": 1, "app_version": "t", "client_time": "t", "awaiting_files": [-1]}, "awaiting_files"),
    ],
)
def test_the_bounds_the_dataclasses_carry_refuse_what_the_server_must_not_store(
    cls: type, wire: dict[str, Any], field: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        adapter(cls).validate_python(wire)
    assert caught.value.errors()[0]["loc"][0] == field
