"""The small messages around a sync: enrolment, token rotation, handshake, server info, error answers.

Part of the one definition of the wire format (with ``sync.protocol``, whose records and pages
these accompany): each dataclass is the JSON object of one request or answer, its bounds written as
type metadata (``sync.wire_types``). The server checks incoming bodies and publishes ``/openapi.json``
from these very classes; the laptop builds and reads them by hand, without pydantic.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Annotated, Any

from annotated_types import Ge, Le, MaxLen, MinLen

from xaapp.sync.wire_types import STRICT, UUID_PATTERN, Doc, FileSeq, Pattern, ShapedAs


@dataclass(frozen=True)
class YearlyReportMark:
    """A yearly report the commune marked as sent (the province freezes that year's tables)."""

    uuid: Annotated[str, MinLen(1), MaxLen(36), Doc("the mark's id on the laptop")]
    year: Annotated[int, STRICT, Ge(2000), Le(2100)]
    by: Annotated[str, MaxLen(40), Doc("the officer who marked the report as sent")]
    at: Annotated[str, MaxLen(40), Doc("ISO UTC time it was marked")]


@dataclass(frozen=True)
class Handshake:
    """``POST /v1/handshake``: the first call of every sync."""

    protocol: Annotated[int, STRICT, Ge(1), Le(1000)]
    app_version: Annotated[str, MaxLen(40)]
    client_time: Annotated[str, MaxLen(40), Doc("ISO UTC")]
    #: numbers of the sync files this device exported and has no receipt for yet: the answer brings
    #: the receipt of each one the province has imported (``ServerInfo.file_receipts``)
    awaiting_files: Annotated[
        list[FileSeq],
        MaxLen(10_000),
        Doc("numbers of this device's sync files it has no receipt for yet"),
    ] = field(default_factory=list)
    #: the commune's yearly reports marked as sent and not yet acknowledged by the province
    #: (``{"uuid", "year", "by", "at"}`` each, a ``YearlyReportMark``); optional, omitted when empty
    yearly_reports: Annotated[
        list[Annotated[dict[str, Any], ShapedAs(YearlyReportMark)]],
        MaxLen(100),
        Doc(
            "yearly reports marked as sent and not yet acknowledged: the server freezes that year's "
            "tables of the commune at the end of this sync's pull"
        ),
    ] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        for optional in ("awaiting_files", "yearly_reports"):
            if not d[optional]:
                del d[optional]
        return d


@dataclass(frozen=True)
class Info:
    """``GET /v1/info``: what the server speaks and accepts."""

    protocol: int
    server_time: str
    max_request_bytes: int
    max_batch_records: int


@dataclass(frozen=True)
class HandshakeAnswer(Info):
    """The answer to a handshake, as the server sends it (``ServerInfo`` is the laptop's reading)."""

    device_id: str
    commune_code: str
    token_expires_at: Annotated[str | None, Doc("ISO UTC time this device's token stops working")]
    last_batch_id: Annotated[
        str | None,
        Doc(
            "the batch this device's records were last stored from (a restored laptop that never made "
            "it pulls its own records back)"
        ),
    ] = None
    last_file_seq: Annotated[int, Doc("the highest sync-file number imported for this device")] = 0
    file_receipts: Annotated[
        list[dict[str, Any]],
        Doc("receipts (sync.receipts.FileReceipt) of the awaited files that have been imported"),
    ] = field(default_factory=list)


@dataclass(frozen=True)
class ServerInfo:
    """The laptop's reading of a ``HandshakeAnswer``: the fields it needs, the rest in ``extra``."""

    protocol: int
    server_time: str
    device_id: str
    commune_code: str
    max_request_bytes: int
    max_batch_records: int
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> ServerInfo:
        known = {
            "protocol",
            "server_time",
            "device_id",
            "commune_code",
            "max_request_bytes",
            "max_batch_records",
        }
        return cls(
            int(d["protocol"]),
            str(d["server_time"]),
            str(d["device_id"]),
            str(d["commune_code"]),
            int(d["max_request_bytes"]),
            int(d["max_batch_records"]),
            {k: v for k, v in d.items() if k not in known},
        )

    @property
    def last_batch_id(self) -> str | None:
        """The batch the server last stored records of this device from (to notice a restored laptop)."""
        value = self.extra.get("last_batch_id")
        return str(value) if value else None

    @property
    def file_receipts(self) -> list[dict[str, Any]]:
        return [r for r in self.extra.get("file_receipts") or [] if isinstance(r, dict)]

    @property
    def token_expires_at(self) -> str | None:
        value = self.extra.get("token_expires_at")
        return str(value) if value else None


@dataclass(frozen=True)
class EnrollRequest:
    """``POST /v1/enroll``: a one-time code for a device id and token."""

    code: Annotated[
        str, MinLen(1), MaxLen(40), Doc("one-time code printed by `xaapp server enroll`, e.g. ABCD-EFGH-JKLM")
    ]
    label: Annotated[
        Annotated[str, MaxLen(100)] | None, Doc("a name for the device, e.g. the officer's laptop")
    ] = ""
    request_id: Annotated[
        Annotated[str, Pattern(UUID_PATTERN)] | None,
        Doc(
            "a uuid4 the laptop makes once per enrolment attempt and sends again on a retry: the same "
            "code and request_id within 24 h give the same device (with a fresh token)"
        ),
    ] = None


@dataclass(frozen=True)
class Enrollment:
    """What a device receives for a one-time code: its id, its token and the commune it serves."""

    device_id: str
    token: Annotated[str, Doc("bearer token; shown once, keep it secret")]
    commune_code: str
    token_expires_at: Annotated[str | None, Doc("ISO UTC time the token stops working (rotate before)")] = None

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Enrollment:
        expires = d.get("token_expires_at")
        return cls(str(d["device_id"]), str(d["token"]), str(d["commune_code"]), str(expires) if expires else None)


@dataclass(frozen=True)
class TokenAnswer:
    """``POST /v1/token/rotate``: the new token (the one used to ask stops working)."""

    token: str
    expires_at: Annotated[str, Doc("ISO UTC time the new token stops working")]


@dataclass(frozen=True)
class Summary:
    """``GET /v1/summary``: the commune's record counts per entity on the server."""

    commune_code: str
    counts: dict[str, int]


@dataclass(frozen=True)
class ErrorDetail:
    code: Annotated[str, Doc("stable code, e.g. revoked, bad_token, too_large, bad_request")]
    message_vi: str
    message_en: str
    field: Annotated[str | None, Doc("for a malformed request: the field at fault")] = None
    reason: Annotated[str | None, Doc("for a malformed request: why")] = None


@dataclass(frozen=True)
class ErrorAnswer:
    """Every error answer: ``{"detail": {"code", "message_vi", "message_en"[, "field", "reason"]}}``."""

    detail: ErrorDetail
