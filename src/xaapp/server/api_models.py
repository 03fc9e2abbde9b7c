"""Pydantic shapes of the HTTP API, for the OpenAPI document (``/openapi.json``, ``/docs``).

The handlers read bodies themselves (they may be gzip, and must be bounded before parsing, see
``wire``/``bodies``) and check them with ``intake``/``validation``; these models describe the same
JSON — with the same bounds — for readers and for tools such as schemathesis. ``create_app`` puts
every model's sub-schemas into ``components.schemas``, so each ``$ref`` resolves.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from xaapp.sync.entities import ENTITIES

MAX_REVISION = 2**31 - 1  # the database's INTEGER column (intake.MAX_REVISION)
UUID_PATTERN = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
Entity = Literal[ENTITIES]  # type: ignore[valid-type]


class ErrorDetail(BaseModel):
    code: str = Field(description="stable code, e.g. revoked, bad_token, too_large, bad_request")
    message_vi: str
    message_en: str
    field: str | None = Field(None, description="for a malformed request: the field at fault")
    reason: str | None = Field(None, description="for a malformed request: why")


class ErrorBody(BaseModel):
    detail: ErrorDetail


class EnrollIn(BaseModel):
    code: str = Field(
        max_length=40, description="one-time code printed by `xaapp server enroll`, e.g. ABCD-EFGH-JKLM"
    )
    label: str = Field("", max_length=100, description="a name for the device, e.g. the officer's laptop")
    request_id: str | None = Field(
        None,
        pattern=UUID_PATTERN,
        description="a uuid4 the laptop makes once per enrolment attempt and sends again on a retry: "
        "the same code and request_id within 24 h give the same device (with a fresh token)",
    )


class EnrollOut(BaseModel):
    device_id: str
    token: str = Field(description="bearer token; shown once, keep it secret")
    commune_code: str
    token_expires_at: str = Field(description="ISO UTC time the token stops working (rotate before)")


class TokenOut(BaseModel):
    token: str = Field(description="the new bearer token; the one used to ask stops working")
    expires_at: str = Field(description="ISO UTC time the new token stops working")


class YearlyReportMarkIn(BaseModel):
    uuid: str = Field(min_length=1, max_length=36, description="the mark's id on the laptop")
    year: int = Field(ge=2000, le=2100)
    by: str = Field(max_length=40, description="the officer who marked the report as sent")
    at: str = Field(max_length=40, description="ISO UTC time it was marked")


class HandshakeIn(BaseModel):
    protocol: int = Field(ge=1, le=1000)
    app_version: str = Field(max_length=40)
    client_time: str = Field(max_length=40)
    awaiting_files: list[int] = Field(
        [], max_length=10_000,
        description="numbers of this device's sync files it has no receipt for yet",
    )
    yearly_reports: list[YearlyReportMarkIn] = Field(
        [],
        max_length=100,
        description="yearly reports marked as sent and not yet acknowledged: the server freezes that year's "
        "tables of the commune at the end of this sync's pull",
    )


class InfoOut(BaseModel):
    protocol: int
    server_time: str
    max_request_bytes: int
    max_batch_records: int


class HandshakeOut(InfoOut):
    device_id: str
    commune_code: str
    token_expires_at: str | None = Field(description="ISO UTC time this device's token stops working")
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
    entity: Entity = Field(examples=["household"])
    uuid: str = Field(
        pattern=UUID_PATTERN, description="lower case with hyphens; other spellings are refused"
    )
    revision: int = Field(ge=1, le=MAX_REVISION)
    base_revision: int = Field(
        ge=0, le=MAX_REVISION - 1, description="the server revision this edit started from; 0 when new"
    )
    op: Literal["upsert", "delete"]
    data: dict[str, Any] = Field(description="fields; foreign keys as <entity>_uuid")
    hash: str = Field(
        pattern=r"^[0-9a-f]{1,64}$",
        description="sha256 of canonical JSON of {entity, op, data}, first 16 hex digits",
    )


class PushIn(BaseModel):
    protocol: Literal[1]
    batch_id: str = Field(min_length=1, max_length=64)
    records: list[RecordChangeIn] = Field(max_length=1000)


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
    review: dict[str, Any] | None = Field(
        None,
        description="last page only: the commune's returned households, approved lists and frozen yearly "
        "reports (review loop)",
    )


class SummaryOut(BaseModel):
    commune_code: str
    counts: dict[str, int]
