"""Mapped tables of the local database (SQLAlchemy 2.x typed declarative).

Every record that syncs inherits ``Syncable``: a client-generated UUID (the global identity; the
integer ``id`` stays local), a revision number bumped on every local change, the revision the
server last acknowledged, created/updated times and a tombstone (``deleted_at``) instead of a
physical delete. Revisions, outbox rows and audit rows are written by ``storage.tracking`` in the
same flush as the change, so no caller can forget them.

The SQL that creates these tables lives in the migration steps (``storage/migrations``), not in
``create_all``: a test checks that the migrated schema matches these classes.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, validates

from xaapp.domain.clock import utcnow
from xaapp.domain.record_ids import new_record_uuid
from xaapp.domain.text import fold, name_sort_text, nfc


def new_uuid() -> str:
    """A new record's id: time-ordered (``domain.record_ids``), so indexes on it grow at their end."""
    return new_record_uuid()


class Base(DeclarativeBase):
    pass


class Syncable:
    """Columns every synced record carries (see module docstring)."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    revision: Mapped[int] = mapped_column(Integer, default=0)
    synced_revision: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime)

    #: Entity name used in the outbox, the audit log and the sync protocol.
    __entity__: str = ""


# --- reference data -------------------------------------------------------------------------


class AdminUnit(Base):
    """A commune-level unit of Thanh Hóa (xã / phường), from resources/data/thanh_hoa_communes_2025.csv."""

    __tablename__ = "admin_unit"
    code: Mapped[str] = mapped_column(String(5), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(10))  # "xa" | "phuong"
    name_folded: Mapped[str] = mapped_column(String(100))


class Setting(Base):
    """Key/value settings of this installation (commune code, language, province top-up …)."""

    __tablename__ = "setting"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


# --- register ---------------------------------------------------------------------------------


class Village(Syncable, Base):
    """A village of the commune (thôn, bản, tổ dân phố)."""

    __tablename__ = "village"
    __entity__ = "village"
    commune_code: Mapped[str] = mapped_column(String(5), ForeignKey("admin_unit.code"))
    name: Mapped[str] = mapped_column(String(100))
    area_type: Mapped[str] = mapped_column(String(10), default="rural")  # rural | urban
    households: Mapped[list[Household]] = relationship(back_populates="village")


class Household(Syncable, Base):
    __tablename__ = "household"
    __entity__ = "household"
    village_id: Mapped[int] = mapped_column(ForeignKey("village.id"), index=True)
    # household number in the commune book; indexed: a pulled household is checked against local ones by code
    code: Mapped[str | None] = mapped_column(String(20), index=True)
    address: Mapped[str] = mapped_column(String(200), default="")
    area_type: Mapped[str] = mapped_column(String(10), default="rural")
    phone: Mapped[str | None] = mapped_column(String(20))
    ethnic_minority: Mapped[bool] = mapped_column(Boolean, default=False)
    village: Mapped[Village] = relationship(back_populates="households")
    members: Mapped[list[Person]] = relationship(back_populates="household", order_by="Person.position")
    reviews: Mapped[list[PovertyReview]] = relationship(back_populates="household")


def _name_sort_default(context: Any) -> str | None:
    """The sort key of a row inserted without one (bulk inserts that bypass ``Person._normalise_name``)."""
    name = context.get_current_parameters().get("full_name")
    return name_sort_text(name) if name is not None else None


class Person(Syncable, Base):
    """A member of a household. ``relationship_to_head == "head"`` marks the head (chủ hộ).

    ``name_folded`` (search) and ``name_sort`` (``domain.text.name_sort_text``: lists sort on it, in
    SQL or Python, instead of computing Vietnamese sort keys at load) are derived from ``full_name``
    whenever it is set, and on bulk inserts by a column default. ``name_sort`` may be NULL in rows
    written before the column existed; the household list fills those the first time it meets them
    (``services.households``).
    """

    __tablename__ = "person"
    __table_args__ = (
        # The household list and its search index read every member's name, IDs and phone from this index
        # alone, not from the whole rows: fewer pages read, which an encrypted file decrypts (migration m0007).
        Index("ix_person_list", "household_id", "deleted_at", "relationship_to_head", "position", "id",
              "full_name", "name_sort", "name_folded", "personal_id", "phone"),
    )  # fmt: skip
    __entity__ = "person"
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    full_name: Mapped[str] = mapped_column(String(100))
    name_folded: Mapped[str] = mapped_column(String(100), default="", index=True)
    name_sort: Mapped[str | None] = mapped_column(Text, default=_name_sort_default)
    sex: Mapped[str] = mapped_column(String(6))  # male | female
    dob: Mapped[date | None] = mapped_column(Date)
    birth_year: Mapped[int | None] = mapped_column(Integer)  # when only the year is known
    ethnicity: Mapped[str] = mapped_column(String(30), default="Kinh")
    personal_id: Mapped[str | None] = mapped_column(String(12), index=True)
    legacy_id: Mapped[str | None] = mapped_column(String(12))  # old CMND, kept as text
    relationship_to_head: Mapped[str] = mapped_column(String(20), default="other")
    phone: Mapped[str | None] = mapped_column(String(20))
    details: Mapped[dict[str, Any]] = mapped_column(
        JSON, default=dict
    )  # schooling, education, insurance, work, disability
    household: Mapped[Household] = relationship(back_populates="members")

    @validates("full_name")
    def _normalise_name(self, _key: str, value: str) -> str:
        value = " ".join(nfc(value).split())
        self.name_folded = fold(value)
        self.name_sort = name_sort_text(value)
        return value


# --- poverty review ---------------------------------------------------------------------------


class PovertyReview(Syncable, Base):
    """One household's review for one year (periodic) or month (monthly), with its workflow steps."""

    __tablename__ = "poverty_review"
    __entity__ = "poverty_review"
    __table_args__ = (
        # The household list takes this year's review of every household from this index alone: otherwise
        # SQLite reads each review row past its answers (kilobytes of JSON), most of the file's pages, which
        # an encrypted file must also decrypt (migration m0007).
        Index("ix_poverty_review_list", "review_year", "household_id", "id", "deleted_at", "result_class",
              "recognised_on", "posted_on", "meeting_on", "surveyed_on", "listed_on"),
    )  # fmt: skip
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id"), index=True)
    review_year: Mapped[int] = mapped_column(Integer, index=True)
    kind: Mapped[str] = mapped_column(String(10), default="periodic")  # periodic | monthly
    review_month: Mapped[int | None] = mapped_column(Integer)
    form_id: Mapped[str] = mapped_column(String(60), default="household_review")
    form_version: Mapped[str] = mapped_column(String(30), default="")
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(10), default="draft")  # draft | final
    result_class: Mapped[str | None] = mapped_column(String(12))  # poor | near_poor | average | none
    result: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # classification with reason
    listed_on: Mapped[date | None] = mapped_column(Date)
    surveyed_on: Mapped[date | None] = mapped_column(Date)
    meeting_on: Mapped[date | None] = mapped_column(Date)
    meeting_agree_pct: Mapped[float | None] = mapped_column(Float)
    posted_on: Mapped[date | None] = mapped_column(Date)
    recognised_on: Mapped[date | None] = mapped_column(Date)
    decision_no: Mapped[str | None] = mapped_column(String(40))
    household: Mapped[Household] = relationship(back_populates="reviews")


# --- social assistance and registers ----------------------------------------------------------


class Beneficiary(Syncable, Base):
    """A person receiving monthly social assistance (Decree 20/2021 Art. 5)."""

    __tablename__ = "beneficiary"
    __entity__ = "beneficiary"
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    clauses: Mapped[list[str]] = mapped_column(
        JSON, default=list
    )  # e.g. ["5.5a"]; several-categories rule in rules
    status: Mapped[str] = mapped_column(String(10), default="active")  # active | suspended | stopped
    start_month: Mapped[str] = mapped_column(String(7))  # YYYY-MM
    decision_no: Mapped[str | None] = mapped_column(String(40))
    decision_date: Mapped[date | None] = mapped_column(Date)
    bank_account: Mapped[str | None] = mapped_column(String(30))
    bank_name: Mapped[str | None] = mapped_column(String(100))
    form_id: Mapped[str | None] = mapped_column(String(60))
    form_version: Mapped[str | None] = mapped_column(String(30))
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    person: Mapped[Person] = relationship()


class BeneficiaryEvent(Syncable, Base):
    """A status change of a beneficiary: start, suspend, stop, resume, with reason and effective month."""

    __tablename__ = "beneficiary_event"
    __entity__ = "beneficiary_event"
    beneficiary_id: Mapped[int] = mapped_column(ForeignKey("beneficiary.id"), index=True)
    action: Mapped[str] = mapped_column(String(10))
    effective_month: Mapped[str] = mapped_column(String(7))
    reason: Mapped[str] = mapped_column(Text, default="")
    decision_no: Mapped[str | None] = mapped_column(String(40))


class AllowancePeriod(Syncable, Base):
    """Allowance history: from ``from_month`` the beneficiary receives ``amount`` (level × coefficient)."""

    __tablename__ = "allowance_period"
    __entity__ = "allowance_period"
    beneficiary_id: Mapped[int] = mapped_column(ForeignKey("beneficiary.id"), index=True)
    from_month: Mapped[str] = mapped_column(String(7))
    standard_level: Mapped[int] = mapped_column(Integer)
    coefficient: Mapped[float] = mapped_column(Float)
    amount: Mapped[int] = mapped_column(Integer)
    basis: Mapped[str] = mapped_column(Text, default="")


class MeritRecord(Syncable, Base):
    """Register entry for a person with merit to the revolution (Ordinance 02/2020)."""

    __tablename__ = "merit_record"
    __entity__ = "merit_record"
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    category: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(10), default="active")
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class ChildRecord(Syncable, Base):
    """Register entry for a child in special circumstances (Law on Children, Art. 10)."""

    __tablename__ = "child_record"
    __entity__ = "child_record"
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    group_code: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(10), default="active")
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


# --- accounts, audit, sync bookkeeping --------------------------------------------------------


class User(Base):
    """A local account. Passwords are stored only as scrypt hashes (``domain.passwords``)."""

    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(40), unique=True)
    full_name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(10))  # officer | approver | admin
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime)


class AuditEntry(Base):
    """Append-only: triggers in the schema refuse UPDATE and DELETE on this table."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    username: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(30))
    entity_uuid: Mapped[str] = mapped_column(String(36), index=True)
    action: Mapped[str] = mapped_column(String(10))  # create | update | delete
    field: Mapped[str | None] = mapped_column(String(60))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str | None] = mapped_column(Text)


class OutboxEntry(Base):
    """One local change waiting to reach the server. ``seq`` is never reused (AUTOINCREMENT).

    The payload is read from the record at send time, so several edits of one record between two
    syncs travel as one; ``revision`` is the record's revision when the change was made.
    """

    __tablename__ = "outbox"
    __table_args__ = (
        Index("ix_outbox_pending", "acked_at", "seq"),
        Index(
            "ix_outbox_entity_pending", "entity", "acked_at", "seq"
        ),  # m0007: the next batch, parents first
        {"sqlite_autoincrement": True},
    )
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    entity: Mapped[str] = mapped_column(String(30))
    entity_uuid: Mapped[str] = mapped_column(String(36), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    op: Mapped[str] = mapped_column(String(8))  # upsert | delete
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    batch_id: Mapped[str | None] = mapped_column(String(36), index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    acked_at: Mapped[datetime | None] = mapped_column(DateTime)
    outcome: Mapped[str | None] = mapped_column(String(10))  # accepted | duplicate | conflict | rejected


class SyncState(Base):
    """Key/value sync bookkeeping: device id, token, server URL, pull cursor, last success."""

    __tablename__ = "sync_state"
    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class SyncConflict(Base):
    """A record the server holds in another version; kept until the officer chooses a side."""

    __tablename__ = "sync_conflict"
    __table_args__ = (UniqueConstraint("entity", "entity_uuid", "server_revision"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entity: Mapped[str] = mapped_column(String(30))
    entity_uuid: Mapped[str] = mapped_column(String(36))
    local_payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    server_payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    server_revision: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime)
    resolution: Mapped[str | None] = mapped_column(String(10))  # local | server


# --- the review loop with the province (received on sync; see storage.review_state) ---------------


class ReviewReturn(Base):
    """A household's review the province returned with a comment (``server_id``: the server's row)."""

    __tablename__ = "review_return"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    server_id: Mapped[int] = mapped_column(Integer, unique=True)
    household_uuid: Mapped[str] = mapped_column(String(36))
    review_uuid: Mapped[str] = mapped_column(String(36))
    review_year: Mapped[int] = mapped_column(Integer)
    review_revision: Mapped[int] = mapped_column(Integer)  # the revision the supervisor returned
    comment: Mapped[str] = mapped_column(Text)
    returned_by: Mapped[str] = mapped_column(String(100))
    returned_at: Mapped[datetime] = mapped_column(DateTime)
    received_at: Mapped[datetime] = mapped_column(DateTime)  # when this laptop learnt of it
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime)  # the province saw the fix
    resolved_revision: Mapped[int | None] = mapped_column(Integer)


class ListApproval(Base):
    """A village's list of a year approved by the province (withdrawn by a later return)."""

    __tablename__ = "list_approval"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    server_id: Mapped[int] = mapped_column(Integer, unique=True)
    village_uuid: Mapped[str] = mapped_column(String(36))
    year: Mapped[int] = mapped_column(Integer)
    scope: Mapped[str] = mapped_column(String(8))  # village | commune
    approved_by: Mapped[str] = mapped_column(String(100))
    approved_at: Mapped[datetime] = mapped_column(DateTime)
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime)


class YearlyReport(Base):
    """The officer marked the year's report as sent (one row each time); ``received_at``: when the
    province acknowledged it by freezing that year's tables (``server_id``: its snapshot)."""

    __tablename__ = "yearly_report"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    year: Mapped[int] = mapped_column(Integer, index=True)
    sent_by: Mapped[str] = mapped_column(String(40))
    sent_at: Mapped[datetime] = mapped_column(DateTime)
    received_at: Mapped[datetime | None] = mapped_column(DateTime)
    server_id: Mapped[int | None] = mapped_column(Integer)


SYNCABLE_MODELS: tuple[type[Syncable], ...] = (
    Village,
    Household,
    Person,
    PovertyReview,
    Beneficiary,
    BeneficiaryEvent,
    AllowancePeriod,
    MeritRecord,
    ChildRecord,
)
ENTITY_MODELS: dict[str, type[Syncable]] = {m.__entity__: m for m in SYNCABLE_MODELS}
