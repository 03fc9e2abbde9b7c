"""Pydantic shapes of the HTTP API, for the OpenAPI document (``/openapi.json``, ``/docs``).

The handlers parse bodies with ``sync.protocol`` (one definition shared with the client); these
models describe the same JSON for readers and for tools such as schemathesis.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field


class ErrorDetail(BaseModel):
    code: str = Field(description="stable code, e.g. revoked, bad_token, too_large, bad_request")
    message_vi: str
    message_en: str


class ErrorBody(BaseModel):
    detail: ErrorDetail


class EnrollIn(BaseModel):
    code: str = Field(description="one-time code printed by `xaapp server enroll`, e.g. ABCD-EFGH-JKLM")
    label: str = Field("", description="a name for the device, e.g. the officer's laptop")


class EnrollOut(BaseModel):
    device_id: str
    token: str = Field(description="bearer token; shown once, keep it secret")
    commune_code: str


class HandshakeIn(BaseModel):
    protocol: int
    app_version: str
    client_time: str
    awaiting_files: list[int] = Field(
        [], description="numbers of this device's sync files it has no receipt for yet"
    )


class InfoOut(BaseModel):
    protocol: int
    server_time: str
    max_request_bytes: int
    max_batch_records: int


class HandshakeOut(InfoOut):
    device_id: str
    commune_code: str
    last_batch_id: str | None = Field(
        None,
        description="the batch this device's records were last stored from (a restored laptop "
        "that never made it pulls its own records back)",
    )
    last_file_seq: int = Field(0, description="the highest sync-file number imported for this device")
    file_receipts: list[dict[str, Any]] = Field(
        [], description="receipts (sync.receipts.FileReceipt) of the awaited files that have been imported"
    )


class RecordChangeIn(BaseModel):
    entity: str = Field(examples=["household"])
    uuid: str
    revision: int = Field(ge=1)
    base_revision: int = Field(ge=0, description="the server revision this edit started from; 0 when new")
    op: Literal["upsert", "delete"]
    data: dict[str, Any] = Field(description="fields; foreign keys as <entity>_uuid")
    hash: str = Field(description="sha256 of canonical JSON of {entity, op, data}")


class PushIn(BaseModel):
    protocol: int
    batch_id: str
    records: list[RecordChangeIn]


class ServerRecordOut(BaseModel):
    entity: str
    uuid: str
    revision: int
    op: str
    data: dict[str, Any] | None = Field(description="None for a stub: fetch it from /v1/item")
    hash: str
    size: int = Field(0, description="a stub's data size in bytes (0: the data is here)")


class ResultDetailOut(BaseModel):
    i: int = Field(description="index of the record in the request")
    server: ServerRecordOut | None = Field(None, description="for a conflict: the server's current version")
    field: str | None = Field(None, description="for a rejection or a wait: the field at fault")
    reason: str | None = Field(None, description="for a rejection or a wait: why")
    duplicate: ServerRecordOut | None = Field(
        None, description="accepted household: another live household of its village with the same code"
    )


class PushOut(BaseModel):
    batch_id: str
    outcomes: str = Field(
        description="one letter per record, in request order: a accepted, d duplicate, c conflict, "
        "r rejected, w waiting for its parent record (not stored; sent again once the parent is accepted)",
        examples=["aadacrw"],
    )
    details: list[ResultDetailOut] = Field(
        description="conflicts, rejections, waits, and accepted households whose code another has"
    )


class ReferenceItemOut(BaseModel):
    kind: Literal["admin_unit", "form", "rules"]
    key: str
    hash: str
    content: Any = Field(description="None for a stub: fetch it from /v1/item")
    size: int = Field(0, description="a stub's content size in bytes (0: the content is here)")


class PullOut(BaseModel):
    records: list[ServerRecordOut]
    reference: list[ReferenceItemOut]
    cursor: str = Field(description="opaque; send it back to get the next page")
    more: bool
    conflicts: list[ServerRecordOut] = Field(
        [], description="last page only: the server's version of records this device sent in conflict"
    )


class SummaryOut(BaseModel):
    commune_code: str
    counts: dict[str, int]
