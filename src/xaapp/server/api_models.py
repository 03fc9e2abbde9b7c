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


class InfoOut(BaseModel):
    protocol: int
    server_time: str
    max_request_bytes: int
    max_batch_records: int


class HandshakeOut(InfoOut):
    device_id: str
    commune_code: str


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
    data: dict[str, Any]
    hash: str


class ResultDetailOut(BaseModel):
    i: int = Field(description="index of the record in the request")
    server: ServerRecordOut | None = Field(None, description="for a conflict: the server's current version")
    field: str | None = Field(None, description="for a rejection: the field at fault")
    reason: str | None = Field(None, description="for a rejection: why")


class PushOut(BaseModel):
    batch_id: str
    outcomes: str = Field(
        description="one letter per record, in request order: a accepted, d duplicate, c conflict, r rejected",
        examples=["aadacr"],
    )
    details: list[ResultDetailOut] = Field(description="conflicts and rejections only")


class ReferenceItemOut(BaseModel):
    kind: Literal["admin_unit", "form", "rules"]
    key: str
    hash: str
    content: Any


class PullOut(BaseModel):
    records: list[ServerRecordOut]
    reference: list[ReferenceItemOut]
    cursor: str = Field(description="opaque; send it back to get the next page")
    more: bool


class SummaryOut(BaseModel):
    commune_code: str
    counts: dict[str, int]
