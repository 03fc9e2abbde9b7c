"""The sync protocol: version, wire shapes of records and messages, and the content hash.

Pure data, shared by the client engine, the storage adapter and the reference server, so both
ends agree on one definition. See docs/sync-protocol.md for the prose and examples.

These dataclasses (with ``sync.messages``) *are* the wire format: each field's type carries its
bounds (``sync.wire_types``: revisions that fit the server's columns, the one spelling of a UUID, the
known entities …). The laptop writes and reads them by hand (``to_json``/``from_json``, fast, no
pydantic); the server checks incoming bodies with pydantic ``TypeAdapter``s of the same classes and
publishes them in ``/openapi.json`` (``server.wire_schema``). ``tests/unit/sync/test_wire_format.py``
holds the hand-written forms to the adapters' so the two cannot drift.

A record travels as a ``RecordChange``: its client-generated UUID, the revision it has on the
device, the *base* revision (the server revision the edit started from; 0 for a new record), an
operation (upsert or delete: a delete is a tombstone, ``deleted_at`` set), its fields (``data``,
foreign keys as the referenced record's UUID, e.g. ``village_uuid``) and ``hash``, the SHA-256 of
the canonical JSON of (entity, op, data), truncated to 64 bits (``HASH_HEX``). The server stores a record once however often it arrives:

* same UUID, same revision, same hash           → ``duplicate`` (acknowledged, nothing stored)
* same UUID and revision, different hash         → ``conflict`` (with the server's version)
* base revision behind the server's revision     → ``conflict`` (someone else changed it first)
* invalid field, other commune                   → ``rejected`` (field + reason; sent again after an edit)
* parent record not (yet) on the server          → ``waiting`` (nothing stored; the device holds the
  record and sends it again once the parent is accepted)
* otherwise                                      → ``accepted`` (a household whose code another live
  household of the same village already has is accepted *with* ``duplicate``: that household, so the
  officer is asked which is right)
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from json.encoder import encode_basestring  # the C encoder json.dumps uses for a str
from typing import Annotated, Any, Literal

import orjson

from xaapp.sync.entities import (  # noqa: F401 - part of the protocol, defined in their own module
    COMMON_FIELDS,
    ENTITIES,
    ENTITY_FIELDS,
    ENTITY_RANK,
    FieldSpec,
    parent_ref,
)
from xaapp.sync.messages import (  # noqa: F401 - the messages around a sync, in their own module
    Enrollment as Enrollment,
)
from xaapp.sync.messages import Handshake as Handshake
from xaapp.sync.messages import ServerInfo as ServerInfo
from xaapp.sync.wire_types import (
    PROTOCOL_VERSION as PROTOCOL_VERSION,
)
from xaapp.sync.wire_types import (
    BaseRevision,
    BatchId,
    Doc,
    EntityName,
    Hash,
    OneOf,
    OpName,
    Pattern,
    Revision,
    Size,
    Uuid,
)

Op = Literal["upsert", "delete"]
Outcome = Literal["accepted", "duplicate", "conflict", "rejected", "waiting"]
OUTCOMES: tuple[str, ...] = ("accepted", "duplicate", "conflict", "rejected", "waiting")
#: Outcomes that mean "the server has it" (the record leaves the outbox).
STORED: tuple[str, ...] = ("accepted", "duplicate")


def canonical_json(value: Any) -> bytes:
    """The one byte form of a JSON value both ends hash: sorted keys, no spaces, UTF-8."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


#: orjson's options for ``canonical_json_plain``: keys sorted; dates, dataclasses and subclasses of
#: str or int refused (``json.dumps`` refuses or spells them otherwise), so they take the slow road.
_ORJSON = (
    orjson.OPT_SORT_KEYS
    | orjson.OPT_PASSTHROUGH_DATETIME
    | orjson.OPT_PASSTHROUGH_DATACLASS
    | orjson.OPT_PASSTHROUGH_SUBCLASS
)


def canonical_json_plain(value: Any) -> bytes:
    """``canonical_json`` of a value whose floats ``json.dumps`` writes without an exponent (0, or
    1e-4 ≤ |x| < 1e16; no NaN, no infinity) — the caller knows — written by orjson, 3 to 4 × quicker:
    the same bytes. orjson spells every string, whole number (to 64 bits) and key order as
    ``json.dumps`` does (tests/unit/sync/test_protocol.py); a float outside that range it spells
    otherwise, and what it cannot write (a number past 64 bits …) goes to ``canonical_json``."""
    try:
        return orjson.dumps(value, option=_ORJSON)
    except orjson.JSONEncodeError:
        return canonical_json(value)


#: Hex digits of the content hash on the wire: 64 bits. Full SHA-256 hex was 40 % of a compressed
#: batch (digests do not compress) and 64 bits is ample to tell two versions of one record apart;
#: the server recomputes the hash from the data, so a device cannot choose it freely.
HASH_HEX = 16


def content_hash(entity: str, op: str, data: dict[str, Any]) -> str:
    """SHA-256 of what a record says (entity, operation, fields; not its revision), first 64 bits in hex."""
    return _hash_of(entity, op, canonical_json(data))


def _text(value: str) -> bytes:
    """A string as JSON text (what ``canonical_json`` writes for it), in UTF-8."""
    return encode_basestring(value).encode("utf-8")


def _hash_of(entity: str, op: str, data_json: bytes) -> str:
    """``content_hash`` from the data's canonical bytes: the canonical JSON of {entity, op, data} is
    those bytes framed by the two short fields (keys sorted: data, entity, op), so a record's data is
    encoded once for its hash and its place in a request body."""
    return hashlib.sha256(b'{"data":' + data_json + _tail(entity, op)).hexdigest()[:HASH_HEX]


@lru_cache(maxsize=64)
def _tail(entity: str, op: str) -> bytes:
    """What follows the data in the hashed JSON (a few entities × two operations: written once each)."""
    return b',"entity":' + _text(entity) + b',"op":' + _text(op) + b"}"


@dataclass(frozen=True)
class RecordChange:
    """One record as pushed by a device."""

    entity: EntityName
    uuid: Uuid
    revision: Revision
    base_revision: BaseRevision
    op: OpName
    data: Annotated[dict[str, Any], Doc("fields; foreign keys as <entity>_uuid")]
    hash: Hash

    @classmethod
    def make(
        cls,
        entity: str,
        uuid: str,
        revision: int,
        base_revision: int,
        op: str,
        data: dict[str, Any],
        data_json: bytes | None = None,  # canonical_json(data), when the caller has it already
    ) -> RecordChange:
        if data_json is None:
            data_json = canonical_json(data)
        change = cls(entity, uuid, revision, base_revision, op, data, _hash_of(entity, op, data_json))
        change.__dict__["data_json"] = data_json  # encoded once: the hash and the body share it
        return change

    @cached_property
    def data_json(self) -> bytes:
        """The canonical bytes of ``data`` (kept: a record's data is encoded once per push)."""
        return canonical_json(self.data)

    def data_hash(self) -> str:
        """``content_hash`` of what this record says, from the kept ``data_json`` (the server checks
        ``hash`` with it, then stores those same bytes as the record's data)."""
        return _hash_of(self.entity, self.op, self.data_json)

    def wire_json(self) -> bytes:
        """``canonical_json(self.to_json())``, built around the kept ``data_json`` (and kept: a frozen
        batch is written down, then sent)."""
        kept = self.__dict__.get("_wire")
        if kept is None:
            kept = self.__dict__["_wire"] = self._encode()
        return kept

    def _encode(self) -> bytes:
        return b"".join(
            (
                b'{"base_revision":%d,"data":' % self.base_revision,
                self.data_json,
                b',"entity":' + _text(self.entity),
                b',"hash":' + _text(self.hash),
                b',"op":' + _text(self.op),
                b',"revision":%d,"uuid":' % self.revision,
                _text(self.uuid),
                b"}",
            )
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "entity": self.entity,
            "uuid": self.uuid,
            "revision": self.revision,
            "base_revision": self.base_revision,
            "op": self.op,
            "data": self.data,
            "hash": self.hash,
        }

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
    """A record as the server holds it (pull pages and conflict answers).

    In a pull page a record larger than the client's ``max_bytes`` comes as a *stub*: ``data`` is
    None and ``size`` says how many bytes its data has; the client fetches them in ranges
    (``GET /v1/item``), so a link that cuts every long answer still gets it in the end."""

    entity: EntityName
    uuid: Uuid
    revision: Revision
    op: OpName
    data: Annotated[dict[str, Any] | None, Doc("None for a stub: fetch it from /v1/item")]
    hash: Hash
    size: Size = 0  # > 0: a stub; the data is fetched separately

    def to_json(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "entity": self.entity,
            "uuid": self.uuid,
            "revision": self.revision,
            "op": self.op,
            "data": self.data,
            "hash": self.hash,
        }
        if self.size:
            d["size"] = self.size
        return d

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> ServerRecord:
        data = d.get("data")
        size = int(d.get("size") or 0)
        if data is None and not size:
            raise ValueError("a record without data must say its size")
        return cls(
            str(d["entity"]),
            str(d["uuid"]),
            int(d["revision"]),
            str(d["op"]),
            dict(data) if data is not None else None,
            str(d["hash"]),
            size,
        )

    @property
    def is_stub(self) -> bool:
        return self.data is None


@dataclass(frozen=True)
class RecordResult:
    """The server's answer for one pushed record."""

    uuid: str  # "" and 0 for a record refused before its id could be trusted
    revision: int
    outcome: Annotated[str, OneOf(OUTCOMES)]
    server: ServerRecord | None = None  # for conflicts: the server's current version
    field: str | None = None  # for rejections and waits: the offending field ("" for the record as a whole)
    reason: str | None = None  # for rejections and waits: why, in English (a code-like phrase)
    duplicate: ServerRecord | None = None  # accepted, but another record has the same code (households)

    def to_json(self) -> dict[str, Any]:
        d: dict[str, Any] = {"uuid": self.uuid, "revision": self.revision, "outcome": self.outcome}
        d.update(self.detail_json())
        return d

    def detail_json(self) -> dict[str, Any]:
        """What an answer says beyond the outcome letter (empty for a plain accept or duplicate)."""
        d: dict[str, Any] = {}
        if self.server is not None:
            d["server"] = self.server.to_json()
        if self.field is not None or self.reason is not None:
            d["field"], d["reason"] = self.field, self.reason
        if self.duplicate is not None:
            d["duplicate"] = self.duplicate.to_json()
        return d

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> RecordResult:
        return cls.with_detail(str(d["uuid"]), int(d["revision"]), str(d["outcome"]), d)

    @classmethod
    def with_detail(cls, uuid: str, revision: int, outcome: str, x: dict[str, Any]) -> RecordResult:
        server = ServerRecord.from_json(x["server"]) if x.get("server") else None
        dup = ServerRecord.from_json(x["duplicate"]) if x.get("duplicate") else None
        return cls(uuid, revision, outcome, server, x.get("field"), x.get("reason"), dup)


@dataclass(frozen=True)
class PushRequest:
    """``POST /v1/push``: a batch of records, parents first."""

    batch_id: BatchId
    records: Annotated[list[RecordChange], Doc("at most max_batch_records of the handshake (1,000 by default)")]
    protocol: Literal[1] = field(default=PROTOCOL_VERSION, init=False)  # on the wire, not an argument

    def to_json(self) -> dict[str, Any]:
        return {
            "protocol": PROTOCOL_VERSION,
            "batch_id": self.batch_id,
            "records": [r.to_json() for r in self.records],
        }

    def wire_json(self) -> bytes:
        """``canonical_json(self.to_json())`` from each record's kept bytes (keys sorted: batch_id,
        protocol, records)."""
        records = b",".join(r.wire_json() for r in self.records)
        head = b'{"batch_id":' + _text(self.batch_id) + b',"protocol":%d,"records":[' % PROTOCOL_VERSION
        return head + records + b"]}"

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> PushRequest:
        return cls(str(d["batch_id"]), [RecordChange.from_json(r) for r in d["records"]])


@dataclass(frozen=True)
class ResultDetail:
    """What the push answer says of one record beyond its outcome letter (``RecordResult.detail_json``)."""

    i: Annotated[int, Doc("index of the record in the request")]
    server: Annotated[ServerRecord | None, Doc("for a conflict: the server's current version")] = None
    field: Annotated[str | None, Doc("for a rejection or a wait: the field at fault")] = None
    reason: Annotated[str | None, Doc("for a rejection or a wait: why")] = None
    duplicate: Annotated[
        ServerRecord | None,
        Doc("accepted household: another live household of its village with the same code"),
    ] = None


@dataclass(frozen=True)
class PushAnswer:
    """The push answer on the wire (``PushResponse.to_json``; ``PushResponse`` is its reading)."""

    batch_id: str
    outcomes: Annotated[
        str,
        Pattern("^[adcrw]*$"),
        Doc(
            "one letter per record, in request order: a accepted, d duplicate, c conflict, r rejected, "
            "w waiting for its parent record (not stored; sent again once the parent is accepted)"
        ),
    ]
    details: Annotated[
        list[ResultDetail], Doc("conflicts, rejections, waits, and accepted households whose code another has")
    ]


_LETTER = {"accepted": "a", "duplicate": "d", "conflict": "c", "rejected": "r", "waiting": "w"}
_OUTCOME = {v: k for k, v in _LETTER.items()}


@dataclass(frozen=True)
class PushResponse:
    """Results in the order of the request's records.

    On the wire the outcomes are one letter each, in request order (``"aadacrw"``), with details only
    for conflicts (the server's version), rejections and waits (field, reason) and duplicate household
    codes (the other household), by index: 500 UUIDs echoed back cost 12 KB compressed, a quarter of a
    slow link's time; the letters cost a few bytes.
    """

    batch_id: str
    results: list[RecordResult]

    def to_json(self) -> dict[str, Any]:
        details = [{"i": i, **d} for i, r in enumerate(self.results) if (d := r.detail_json())]
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
        if any(letter not in _OUTCOME for letter in letters):
            raise ValueError(f"unknown outcome letter in {letters[:40]!r}")
        results = [
            RecordResult.with_detail(rec.uuid, rec.revision, _OUTCOME[letter], extra.get(i, {}))
            for i, (rec, letter) in enumerate(zip(request.records, letters, strict=True))
        ]
        return cls(request.batch_id, results)


#: Reference kinds a device knows. ``admin_unit`` goes to its table; the others become files under
#: ``<data dir>/reference/<kind>/<key>`` — so kinds and keys are checked before they name a path.
REFERENCE_KINDS: tuple[str, ...] = ("admin_unit", "form", "rules")
REFERENCE_FILE_KINDS: tuple[str, ...] = ("form", "rules")


@dataclass(frozen=True)
class ReferenceItem:
    """Reference data sent down to devices: kind "admin_unit" | "form" | "rules"; content is JSON.

    ``hash`` is the SHA-256 of the canonical JSON of ``content``. Like records, an item larger than
    the client's ``max_bytes`` comes as a stub (``content`` None, ``size`` its byte length)."""

    kind: Annotated[str, OneOf(REFERENCE_KINDS)]
    key: str
    hash: str
    content: Annotated[Any, Doc("None for a stub: fetch it from /v1/item")]
    size: Size = 0

    def to_json(self) -> dict[str, Any]:
        d = {"kind": self.kind, "key": self.key, "hash": self.hash, "content": self.content}
        if self.size:
            d["size"] = self.size
        return d

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> ReferenceItem:
        return cls(str(d["kind"]), str(d["key"]), str(d["hash"]), d.get("content"), int(d.get("size") or 0))

    @property
    def is_stub(self) -> bool:
        return self.size > 0 and self.content is None


@dataclass(frozen=True)
class PullPage:
    """One page of changes. The last page (``more`` false) also carries ``conflicts``: the server's
    current version of every record this device sent that conflicted and that the server still holds
    unchanged — so a conflict found when a sync *file* was imported reaches the officer at the next
    online sync (a push learns of its conflicts in the push answer already)."""

    records: list[ServerRecord]
    reference: list[ReferenceItem]
    cursor: Annotated[str, Doc("opaque; send it back to get the next page")]
    more: bool
    conflicts: Annotated[
        list[ServerRecord],
        Doc("last page only: the server's version of records this device sent in conflict"),
    ] = field(default_factory=list)
    #: the last page only: the commune's review state (returned households, approved lists), see
    #: ``server.review_loop.state``; None from a server without the review loop
    review: Annotated[
        dict[str, Any] | None,
        Doc(
            "last page only: the commune's returned households, approved lists and frozen yearly reports "
            "(review loop)"
        ),
    ] = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "records": [r.to_json() for r in self.records],
            "reference": [r.to_json() for r in self.reference],
            "cursor": self.cursor,
            "more": self.more,
        }
        if self.conflicts:
            out["conflicts"] = [r.to_json() for r in self.conflicts]
        if self.review is not None:
            out["review"] = self.review
        return out

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> PullPage:
        return cls(
            [ServerRecord.from_json(r) for r in d["records"]],
            [ReferenceItem.from_json(r) for r in d["reference"]],
            str(d["cursor"]),
            bool(d["more"]),
            [ServerRecord.from_json(r) for r in d.get("conflicts", [])],
            d["review"] if isinstance(d.get("review"), dict) else None,
        )


INITIAL_CURSOR = ""
