"""Local records ↔ wire payloads: fields by ``sync.protocol.ENTITY_FIELDS``, foreign keys as UUIDs.

``to_wire`` reads a record into the ``data`` dict of the protocol (dates and times as ISO text,
``village_id`` → ``village_uuid`` …); ``from_wire`` writes such a dict back onto a record,
resolving UUIDs to local integer ids through a ``RefResolver``. A test checks that the protocol's
field list and the ORM columns agree, so a new column cannot silently stay local.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from xaapp.storage.orm import ENTITY_MODELS, Syncable
from xaapp.sync.entities import COMMON_FIELDS, ENTITY_FIELDS, FieldSpec
from xaapp.sync.protocol import RecordChange, content_hash

#: Local columns that never travel (local id, bookkeeping, derived search keys).
LOCAL_ONLY = frozenset({"id", "uuid", "revision", "synced_revision", "name_folded", "name_sort"})


def fields_of(entity: str) -> tuple[FieldSpec, ...]:
    return ENTITY_FIELDS[entity] + COMMON_FIELDS


def column_for(spec: FieldSpec) -> str:
    """The local column behind a wire field: ``village_uuid`` → ``village_id``."""
    return spec.name[: -len("_uuid")] + "_id" if spec.kind == "ref" else spec.name


def _out(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(timespec="microseconds")
    if isinstance(value, date):
        return value.isoformat()
    return value


class RefResolver:
    """Maps (entity, local id) ↔ uuid with per-session caches, loading whole tables on first use."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._uuid_of: dict[str, dict[int, str]] = {}
        self._id_of: dict[str, dict[str, int]] = {}

    def _load(self, entity: str) -> None:
        if entity in self._uuid_of:
            return
        model = ENTITY_MODELS[entity]
        rows = self.session.execute(select(model.id, model.uuid)).all()
        self._uuid_of[entity] = {i: u for i, u in rows}
        self._id_of[entity] = {u: i for i, u in rows}

    def uuid_of(self, entity: str, local_id: int) -> str:
        self._load(entity)
        found = self._uuid_of[entity].get(local_id)
        if found is None:  # created in this session after the cache was loaded
            model = ENTITY_MODELS[entity]
            found = self.session.scalar(select(model.uuid).where(model.id == local_id))
            if found is None:
                raise LookupError(f"{entity} #{local_id} does not exist")
            self.remember(entity, local_id, found)
        return found

    def id_of(self, entity: str, uuid: str) -> int | None:
        self._load(entity)
        return self._id_of[entity].get(uuid)

    def remember(self, entity: str, local_id: int, uuid: str) -> None:
        self._load(entity)
        self._uuid_of[entity][local_id] = uuid
        self._id_of[entity][uuid] = local_id


class KeyedRefs(RefResolver):
    """A ``RefResolver`` that reads only the keys it is asked for: fetched in bulk ahead (``prefetch_uuids``,
    ``prefetch_ids``), else by one indexed lookup; a UUID found missing is remembered as such until
    ``remember`` names it. For work on one page of records, whose cost must not grow with what is already
    stored (a ``RefResolver`` reads whole tables: per pulled page, that grew with the square of the records)."""

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self._absent: dict[str, set[str]] = {}

    def _load(self, entity: str) -> None:
        self._uuid_of.setdefault(entity, {})
        self._id_of.setdefault(entity, {})
        self._absent.setdefault(entity, set())

    def prefetch_uuids(self, entity: str, uuids: Iterable[Any]) -> None:
        """Look up the local ids of *uuids* (of *entity*), 500 to a statement; those not found are noted."""
        self._load(entity)
        known, absent = self._id_of[entity], self._absent[entity]
        wanted = sorted({u for u in uuids if isinstance(u, str) and u not in known and u not in absent})
        model = ENTITY_MODELS[entity]
        for i in range(0, len(wanted), 500):
            part = wanted[i : i + 500]
            with self.session.no_autoflush:
                rows = self.session.execute(select(model.id, model.uuid).where(model.uuid.in_(part))).all()
            for local_id, uuid in rows:
                self.remember(entity, local_id, uuid)
            absent.update(u for u in part if u not in known)

    def prefetch_ids(self, entity: str, ids: Iterable[Any]) -> None:
        """Look up the UUIDs of the local *ids* (of *entity*), 500 to a statement."""
        self._load(entity)
        known = self._uuid_of[entity]
        wanted = sorted({i for i in ids if isinstance(i, int) and i not in known})
        model = ENTITY_MODELS[entity]
        for i in range(0, len(wanted), 500):
            with self.session.no_autoflush:
                rows = self.session.execute(
                    select(model.id, model.uuid).where(model.id.in_(wanted[i : i + 500]))
                ).all()
            for local_id, uuid in rows:
                self.remember(entity, local_id, uuid)

    def id_of(self, entity: str, uuid: str) -> int | None:
        self._load(entity)
        if uuid not in self._id_of[entity] and uuid not in self._absent[entity]:
            self.prefetch_uuids(entity, [uuid])
        return self._id_of[entity].get(uuid)

    def remember(self, entity: str, local_id: int, uuid: str) -> None:
        super().remember(entity, local_id, uuid)
        self._absent[entity].discard(uuid)


def to_wire(obj: Syncable, refs: RefResolver) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for spec in fields_of(obj.__entity__):
        value = getattr(obj, column_for(spec))
        if spec.kind == "ref":
            data[spec.name] = refs.uuid_of(spec.ref or "", value)
        else:
            data[spec.name] = _out(value)
    return data


def change_for(obj: Syncable, refs: RefResolver) -> RecordChange:
    """The record as a push entry: current fields, current revision, base = last acknowledged revision."""
    op = "delete" if obj.deleted_at is not None else "upsert"
    return RecordChange.make(
        obj.__entity__, obj.uuid, obj.revision, obj.synced_revision, op, to_wire(obj, refs)
    )


def wire_hash(obj: Syncable, refs: RefResolver) -> str:
    op = "delete" if obj.deleted_at is not None else "upsert"
    return content_hash(obj.__entity__, op, to_wire(obj, refs))


def _in(spec: FieldSpec, value: Any) -> Any:
    if value is None:
        return None
    if spec.kind == "datetime":
        return datetime.fromisoformat(value)
    if spec.kind == "date":
        return date.fromisoformat(value)
    return value


class MissingParent(LookupError):
    """A pulled record's parent is not here yet (it comes on a later page)."""


def from_wire(obj: Syncable, data: dict[str, Any], refs: RefResolver) -> None:
    """Write wire *data* onto *obj*; raises ``MissingParent`` if a referenced record is unknown."""
    for spec in fields_of(obj.__entity__):
        if spec.name not in data:
            continue
        value = data[spec.name]
        if spec.kind == "ref":
            local = refs.id_of(spec.ref or "", value)
            if local is None:
                raise MissingParent(f"{spec.ref} {value}")
            setattr(obj, column_for(spec), local)
        else:
            setattr(obj, column_for(spec), _in(spec, value))


def parents_present(entity: str, data: dict[str, Any], refs: RefResolver) -> bool:
    return all(
        refs.id_of(s.ref or "", data.get(s.name, "")) is not None
        for s in fields_of(entity)
        if s.kind == "ref"
    )


def load_by_uuid(session: Session, entity: str, uuids: Iterable[str]) -> dict[str, Syncable]:
    model = ENTITY_MODELS[entity]
    out: dict[str, Syncable] = {}
    wanted = list(dict.fromkeys(uuids))
    for i in range(0, len(wanted), 500):
        for obj in session.scalars(select(model).where(model.uuid.in_(wanted[i : i + 500]))):
            out[obj.uuid] = obj
    return out


def diff_fields(
    local: dict[str, Any], server: dict[str, Any], label: Callable[[str], str] = str
) -> list[tuple[str, Any, Any]]:
    """(field, local value, server value) for every field that differs, bookkeeping times excluded."""
    skip = {"created_at", "updated_at"}
    keys = [k for k in dict.fromkeys([*local, *server]) if k not in skip]
    return [(label(k), local.get(k), server.get(k)) for k in keys if local.get(k) != server.get(k)]
