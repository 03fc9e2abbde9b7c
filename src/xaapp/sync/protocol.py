"""The sync protocol: version, wire shapes of records and messages, and the content hash.

Pure data, shared by the client engine, the storage adapter and the reference server, so both
ends agree on one definition. See docs/sync-protocol.md for the prose and examples.

A record travels as a ``RecordChange``: its client-generated UUID, the revision it has on the
device, the *base* revision (the server revision the edit started from; 0 for a new record), an
operation (upsert or delete: a delete is a tombstone, ``deleted_at`` set), its fields (``data``,
foreign keys as the referenced record's UUID, e.g. ``village_uuid``) and ``hash``, the SHA-256 of
the canonical JSON of (entity, op, data), truncated to 64 bits (``HASH_HEX``). The server stores a record once however often it arrives:

* same UUID, same revision, same hash           → ``duplicate`` (acknowledged, nothing stored)
* same UUID and revision, different hash         → ``conflict`` (with the server's version)
* base revision behind the server's revision     → ``conflict`` (someone else changed it first)
* invalid field, other commune, unknown parent   → ``rejected`` (field + reason; not retried)
* otherwise                                      → ``accepted``
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

PROTOCOL_VERSION = 1

Op = Literal["upsert", "delete"]
Outcome = Literal["accepted", "duplicate", "conflict", "rejected"]
OUTCOMES: tuple[str, ...] = ("accepted", "duplicate", "conflict", "rejected")


@dataclass(frozen=True)
class FieldSpec:
    """One wire field of an entity. ``kind``: str int float bool date datetime month dict list ref."""

    name: str
    kind: str
    required: bool = False
    max_len: int | None = None
    choices: tuple[str, ...] | None = None
    ref: str | None = None  # for kind "ref": the referenced entity


def _f(name: str, kind: str = "str", **kw: Any) -> FieldSpec:
    return FieldSpec(name, kind, **kw)


def _ref(name: str, entity: str) -> FieldSpec:
    return FieldSpec(name, "ref", required=True, ref=entity)


COMMON_FIELDS: tuple[FieldSpec, ...] = (
    _f("created_at", "datetime", required=True),
    _f("updated_at", "datetime", required=True),
    _f("deleted_at", "datetime"),
)

_STATUS = ("active", "suspended", "stopped")

#: Wire fields per entity, parents first (the order records are sent and applied in).
ENTITY_FIELDS: dict[str, tuple[FieldSpec, ...]] = {
    "village": (
        _f("commune_code", required=True, max_len=5),
        _f("name", required=True, max_len=100),
        _f("area_type", choices=("rural", "urban")),
    ),
    "household": (
        _ref("village_uuid", "village"),
        _f("code", max_len=20),
        _f("address", max_len=200),
        _f("area_type", choices=("rural", "urban")),
        _f("phone", max_len=20),
        _f("ethnic_minority", "bool"),
    ),
    "person": (
        _ref("household_uuid", "household"),
        _f("position", "int"),
        _f("full_name", required=True, max_len=100),
        _f("sex", required=True, choices=("male", "female")),
        _f("dob", "date"),
        _f("birth_year", "int"),
        _f("ethnicity", max_len=30),
        _f("personal_id", max_len=12),
        _f("legacy_id", max_len=12),
        _f("relationship_to_head", max_len=20),
        _f("phone", max_len=20),
        _f("details", "dict"),
    ),
    "poverty_review": (
        _ref("household_uuid", "household"),
        _f("review_year", "int", required=True),
        _f("kind", choices=("periodic", "monthly")),
        _f("review_month", "int"),
        _f("form_id", max_len=60),
        _f("form_version", max_len=30),
        _f("answers", "dict"),
        _f("status", choices=("draft", "final")),
        _f("result_class", choices=("poor", "near_poor", "average", "none")),
        _f("result", "dict"),
        _f("listed_on", "date"),
        _f("surveyed_on", "date"),
        _f("meeting_on", "date"),
        _f("meeting_agree_pct", "float"),
        _f("posted_on", "date"),
        _f("recognised_on", "date"),
        _f("decision_no", max_len=40),
    ),
    "beneficiary": (
        _ref("person_uuid", "person"),
        _f("clauses", "list"),
        _f("status", choices=_STATUS),
        _f("start_month", "month", required=True),
        _f("decision_no", max_len=40),
        _f("decision_date", "date"),
        _f("bank_account", max_len=30),
        _f("bank_name", max_len=100),
        _f("form_id", max_len=60),
        _f("form_version", max_len=30),
        _f("answers", "dict"),
    ),
    "beneficiary_event": (
        _ref("beneficiary_uuid", "beneficiary"),
        _f("action", required=True, max_len=10),
        _f("effective_month", "month", required=True),
        _f("reason"),
        _f("decision_no", max_len=40),
    ),
    "allowance_period": (
        _ref("beneficiary_uuid", "beneficiary"),
        _f("from_month", "month", required=True),
        _f("standard_level", "int", required=True),
        _f("coefficient", "float", required=True),
        _f("amount", "int", required=True),
        _f("basis"),
    ),
    "merit_record": (
        _ref("person_uuid", "person"),
        _f("category", required=True, max_len=40),
        _f("status", choices=_STATUS),
        _f("answers", "dict"),
    ),
    "child_record": (
        _ref("person_uuid", "person"),
        _f("group_code", required=True, max_len=10),
        _f("status", choices=_STATUS),
        _f("answers", "dict"),
    ),
}
ENTITIES: tuple[str, ...] = tuple(ENTITY_FIELDS)
ENTITY_RANK: dict[str, int] = {name: i for i, name in enumerate(ENTITIES)}


def parent_ref(entity: str) -> FieldSpec | None:
    """The field naming this entity's parent record (None for a village, whose parent is the commune)."""
    return next((f for f in ENTITY_FIELDS[entity] if f.kind == "ref"), None)


def canonical_json(value: Any) -> bytes:
    """The one byte form of a JSON value both ends hash: sorted keys, no spaces, UTF-8."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


#: Hex digits of the content hash on the wire: 64 bits. Full SHA-256 hex was 40 % of a compressed
#: batch (digests do not compress) and 64 bits is ample to tell two versions of one record apart;
#: the server recomputes the hash from the data, so a device cannot choose it freely.
HASH_HEX = 16


def content_hash(entity: str, op: str, data: dict[str, Any]) -> str:
    """SHA-256 of what a record says (entity, operation, fields; not its revision), first 64 bits in hex."""
    return hashlib.sha256(canonical_json({"entity": entity, "op": op, "data": data})).hexdigest()[:HASH_HEX]


@dataclass(frozen=True)
class RecordChange:
    """One record as pushed by a device."""

    entity: str
    uuid: str
    revision: int
    base_revision: int
    op: str
    data: dict[str, Any]
    hash: str

    @classmethod
    def make(
        cls, entity: str, uuid: str, revision: int, base_revision: int, op: str, data: dict[str, Any]
    ) -> RecordChange:
        return cls(entity, uuid, revision, base_revision, op, data, content_hash(entity, op, data))

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> RecordChange:
        return cls(
            str(d["entity"]),
            str(d["uuid"]),
            int(d["revision"]),
            int(d["base_revision"]),
            str(d["op"]),
            dict(d["data"]),
            str(d["hash"]),
        )


@dataclass(frozen=True)
class ServerRecord:
    """A record as the server holds it (pull pages and conflict answers)."""

    entity: str
    uuid: str
    revision: int
    op: str
    data: dict[str, Any]
    hash: str

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> ServerRecord:
        return cls(
            str(d["entity"]),
            str(d["uuid"]),
            int(d["revision"]),
            str(d["op"]),
            dict(d["data"]),
            str(d["hash"]),
        )


@dataclass(frozen=True)
class RecordResult:
    """The server's answer for one pushed record."""

    uuid: str
    revision: int
    outcome: str  # one of OUTCOMES
    server: ServerRecord | None = None  # for conflicts: the server's current version
    field: str | None = None  # for rejections: the offending field ("" for the record as a whole)
    reason: str | None = None  # for rejections: why, in English (a code-like phrase)

    def to_json(self) -> dict[str, Any]:
        d: dict[str, Any] = {"uuid": self.uuid, "revision": self.revision, "outcome": self.outcome}
        if self.server is not None:
            d["server"] = self.server.to_json()
        if self.field is not None or self.reason is not None:
            d["field"], d["reason"] = self.field, self.reason
        return d

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> RecordResult:
        server = ServerRecord.from_json(d["server"]) if d.get("server") else None
        return cls(
            str(d["uuid"]), int(d["revision"]), str(d["outcome"]), server, d.get("field"), d.get("reason")
        )


@dataclass(frozen=True)
class PushRequest:
    batch_id: str
    records: list[RecordChange]

    def to_json(self) -> dict[str, Any]:
        return {
            "protocol": PROTOCOL_VERSION,
            "batch_id": self.batch_id,
            "records": [r.to_json() for r in self.records],
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> PushRequest:
        return cls(str(d["batch_id"]), [RecordChange.from_json(r) for r in d["records"]])


_LETTER = {"accepted": "a", "duplicate": "d", "conflict": "c", "rejected": "r"}
_OUTCOME = {v: k for k, v in _LETTER.items()}


@dataclass(frozen=True)
class PushResponse:
    """Results in the order of the request's records.

    On the wire the outcomes are one letter each, in request order (``"aadacr"``), with details only
    for conflicts (the server's version) and rejections (field, reason), by index: 500 UUIDs echoed
    back cost 12 KB compressed, a quarter of a slow link's time; the letters cost a few bytes.
    """

    batch_id: str
    results: list[RecordResult]

    def to_json(self) -> dict[str, Any]:
        details: list[dict[str, Any]] = []
        for i, r in enumerate(self.results):
            if r.outcome in ("conflict", "rejected"):
                d = {k: v for k, v in r.to_json().items() if k not in ("uuid", "revision", "outcome")}
                details.append({"i": i, **d})
        return {
            "batch_id": self.batch_id,
            "outcomes": "".join(_LETTER[r.outcome] for r in self.results),
            "details": details,
        }

    @classmethod
    def from_json(cls, d: dict[str, Any], request: PushRequest) -> PushResponse:
        """Read an answer to *request*; ``ValueError`` if it does not fit the request."""
        letters = str(d["outcomes"])
        if str(d["batch_id"]) != request.batch_id or len(letters) != len(request.records):
            raise ValueError("push answer does not match the request")
        extra = {int(x["i"]): x for x in d.get("details", [])}
        results = []
        for i, (rec, letter) in enumerate(zip(request.records, letters, strict=True)):
            x = extra.get(i, {})
            server = ServerRecord.from_json(x["server"]) if x.get("server") else None
            results.append(
                RecordResult(
                    rec.uuid, rec.revision, _OUTCOME[letter], server, x.get("field"), x.get("reason")
                )
            )
        return cls(request.batch_id, results)


@dataclass(frozen=True)
class ReferenceItem:
    """Reference data sent down to devices: kind "admin_unit" | "form" | "rules"; content is JSON."""

    kind: str
    key: str
    hash: str
    content: Any

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> ReferenceItem:
        return cls(str(d["kind"]), str(d["key"]), str(d["hash"]), d["content"])


@dataclass(frozen=True)
class PullPage:
    """One page of changes. The last page (``more`` false) also carries ``conflicts``: the server's
    current version of every record this device sent that conflicted and that the server still holds
    unchanged — so a conflict found when a sync *file* was imported reaches the officer at the next
    online sync (a push learns of its conflicts in the push answer already)."""

    records: list[ServerRecord]
    reference: list[ReferenceItem]
    cursor: str
    more: bool
    conflicts: list[ServerRecord] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "records": [r.to_json() for r in self.records],
            "reference": [r.to_json() for r in self.reference],
            "cursor": self.cursor,
            "more": self.more,
        }
        if self.conflicts:
            out["conflicts"] = [r.to_json() for r in self.conflicts]
        return out

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> PullPage:
        return cls(
            [ServerRecord.from_json(r) for r in d["records"]],
            [ReferenceItem.from_json(r) for r in d["reference"]],
            str(d["cursor"]),
            bool(d["more"]),
            [ServerRecord.from_json(r) for r in d.get("conflicts", [])],
        )


@dataclass(frozen=True)
class Handshake:
    protocol: int
    app_version: str
    client_time: str  # ISO UTC

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class ServerInfo:
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


@dataclass(frozen=True)
class Enrollment:
    """What a device receives for a one-time code: its id, its token and the commune it serves."""

    device_id: str
    token: str
    commune_code: str

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Enrollment:
        return cls(str(d["device_id"]), str(d["token"]), str(d["commune_code"]))


INITIAL_CURSOR = ""
