"""The review loop on the server: households returned to the commune, lists approved, and what the
commune's laptops receive of both on their next sync.

* **Return.** A supervisor returns a household's *final* review with a comment
  (``return_review``). The answers are not touched: the return is a row of its own
  (``review_return``) naming the review revision the supervisor saw. A return withdraws the
  approval of the household's village for that year (the list is no longer the approved one).
* **Delivery.** The last page of a device's pull, and the receipt of an imported sync file, carry
  the commune's review state (``state``): its returns, approvals and yearly reports, with a
  per-commune counter (``seq``) so a laptop never replaces a newer state with an older one (a stored
  receipt handed over later). The first delivery of a return is written down (``delivered_at``).
* **Resolution.** A return is resolved when a *final* revision of the returned review newer than the
  one returned reaches the server after the return was delivered (``settle``): the officer opened
  it, fixed it and saved it final again. An edit made before the laptop knew of the return does not
  count. The row keeps the history: returned (who, when, why) → resolved (when, which revision, from
  which device).
* **Approval.** A supervisor approves a village's list for a year, or every village of the commune
  at once (one row per village, ``scope`` "commune"), so a later return withdraws exactly the
  village it concerns (``withdrawn_at``, with the return as the reason); approving again adds a row.

Tables (plain DDL for SQLite and PostgreSQL) are created by the Alembic revision ``0005_review_loop``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    Connection,
    DateTime,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    and_,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite

from xaapp.errors import KnownError
from xaapp.server.console.audit import Actor, record_action
from xaapp.server.schema import record, record_version

metadata = MetaData()
MAX_COMMENT = 2000

review_return = Table(
    "review_return",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("commune_code", String(5), nullable=False),
    Column("village_uuid", String(36), nullable=False),
    Column("household_uuid", String(36), nullable=False, index=True),
    Column("review_uuid", String(36), nullable=False),
    Column("review_year", Integer, nullable=False),
    Column("review_revision", Integer, nullable=False),  # the revision the supervisor returned
    Column("comment", Text, nullable=False),
    Column("returned_by", String(60), nullable=False),
    Column("returned_by_name", String(100), nullable=False, default=""),
    Column("returned_at", DateTime, nullable=False),
    Column("delivered_at", DateTime),  # first sent to a laptop of the commune
    Column("resolved_at", DateTime),
    Column("resolved_revision", Integer),
    Column("resolved_device", String(40)),
    Index("ix_review_return_commune", "commune_code", "resolved_at"),
)

list_approval = Table(
    "list_approval",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("commune_code", String(5), nullable=False),
    Column("village_uuid", String(36), nullable=False),
    Column("year", Integer, nullable=False),
    Column("scope", String(8), nullable=False),  # village | commune (approved with the whole commune)
    Column("approved_by", String(60), nullable=False),
    Column("approved_by_name", String(100), nullable=False, default=""),
    Column("approved_at", DateTime, nullable=False),
    Column("withdrawn_at", DateTime),
    Column("withdrawn_reason", Text),
    Index("ix_list_approval_commune", "commune_code", "year"),
)

review_feed = Table(
    "review_feed",
    metadata,
    Column("commune_code", String(5), primary_key=True),
    Column("seq", BigInteger, nullable=False, default=0),
)


def _bump(conn: Connection, commune_code: str) -> None:
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    conn.execute(
        dialect.insert(review_feed).values(commune_code=commune_code, seq=0).on_conflict_do_nothing()
    )
    conn.execute(
        update(review_feed)
        .where(review_feed.c.commune_code == commune_code)
        .values(seq=review_feed.c.seq + 1)
    )


#: a change of the commune's review state made elsewhere (a yearly report frozen) orders states too
bump = _bump


def _seq(conn: Connection, commune_code: str) -> int:
    return int(conn.scalar(select(review_feed.c.seq).where(review_feed.c.commune_code == commune_code)) or 0)


# --- reading ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReturnRow:
    id: int
    commune_code: str
    village_uuid: str
    household_uuid: str
    review_uuid: str
    review_year: int
    review_revision: int
    comment: str
    returned_by: str
    returned_by_name: str
    returned_at: datetime
    delivered_at: datetime | None
    resolved_at: datetime | None
    resolved_revision: int | None
    resolved_device: str | None

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None


@dataclass(frozen=True)
class ApprovalRow:
    id: int
    commune_code: str
    village_uuid: str
    year: int
    scope: str
    approved_by: str
    approved_by_name: str
    approved_at: datetime
    withdrawn_at: datetime | None
    withdrawn_reason: str | None

    @property
    def active(self) -> bool:
        return self.withdrawn_at is None


def _returns(conn: Connection, *cond: Any) -> list[ReturnRow]:
    rows = conn.execute(select(review_return).where(*cond).order_by(review_return.c.id)).all()
    return [ReturnRow(**r._mapping) for r in rows]


def returns_of_household(conn: Connection, household_uuid: str) -> list[ReturnRow]:
    return _returns(conn, review_return.c.household_uuid == household_uuid)


def returns_of_commune(conn: Connection, commune_code: str, open_only: bool = False) -> list[ReturnRow]:
    cond = [review_return.c.commune_code == commune_code]
    if open_only:
        cond.append(review_return.c.resolved_at.is_(None))
    return _returns(conn, *cond)


def approvals(conn: Connection, commune_code: str, year: int | None = None) -> list[ApprovalRow]:
    cond = [list_approval.c.commune_code == commune_code]
    if year is not None:
        cond.append(list_approval.c.year == year)
    rows = conn.execute(select(list_approval).where(*cond).order_by(list_approval.c.id)).all()
    return [ApprovalRow(**r._mapping) for r in rows]


def active_approvals(conn: Connection, commune_code: str, year: int) -> dict[str, ApprovalRow]:
    """Village uuid → its approval in force for *year*."""
    return {a.village_uuid: a for a in approvals(conn, commune_code, year) if a.active}


# --- acting -------------------------------------------------------------------------------------


def _current(
    conn: Connection, uuid: str, commune_code: str, entity: str
) -> tuple[int, dict[str, Any]] | None:
    r = conn.execute(
        select(record.c.revision, record.c.data, record.c.op).where(
            record.c.uuid == uuid, record.c.commune_code == commune_code, record.c.entity == entity
        )
    ).first()
    if r is None or r.op == "delete":
        return None
    return r.revision, json.loads(r.data)


def return_review(
    conn: Connection,
    commune_code: str,
    household_uuid: str,
    review_uuid: str,
    comment: str,
    username: str,
    display_name: str,
    now: datetime,
) -> tuple[ReturnRow, bool]:
    """Return a household's final review to the commune with *comment* (required); also says
    whether this withdrew the approval of the household's village for that year."""
    comment = " ".join((comment or "").split())
    if not comment:
        raise KnownError(
            "Hãy ghi ý kiến: xã cần biết phải sửa gì.",
            "Write a comment: the commune needs to know what to fix.",
        )
    if len(comment) > MAX_COMMENT:
        raise KnownError(
            f"Ý kiến dài quá {MAX_COMMENT} ký tự; hãy viết ngắn lại.",
            f"The comment is longer than {MAX_COMMENT} characters; shorten it.",
        )
    review = _current(conn, review_uuid, commune_code, "poverty_review")
    household = _current(conn, household_uuid, commune_code, "household")
    if review is None or household is None or review[1].get("household_uuid") != household_uuid:
        raise KnownError("Không tìm thấy phiếu rà soát này của hộ.", "This household has no such review.")
    revision, data = review
    if data.get("status") != "final":
        raise KnownError(
            "Chỉ trả lại được phiếu đã hoàn thành; phiếu này còn là bản nháp.",
            "Only a final review can be returned; this one is still a draft.",
        )
    open_ = [
        r for r in returns_of_household(conn, household_uuid) if r.is_open and r.review_uuid == review_uuid
    ]
    if open_:
        raise KnownError(
            "Phiếu này đã được trả lại và xã chưa sửa xong.",
            "This review was already returned and the commune has not fixed it yet.",
        )
    year = int(data.get("review_year") or 0)
    village_uuid = str(household[1].get("village_uuid") or "")
    new_id = conn.execute(
        review_return.insert().values(
            commune_code=commune_code,
            village_uuid=village_uuid,
            household_uuid=household_uuid,
            review_uuid=review_uuid,
            review_year=year,
            review_revision=revision,
            comment=comment,
            returned_by=username,
            returned_by_name=display_name or "",
            returned_at=now,
        )
    ).inserted_primary_key[0]  # type: ignore[index]  # an INSERT of one row always has its key
    withdrawn = conn.execute(
        update(list_approval)
        .where(
            list_approval.c.village_uuid == village_uuid,
            list_approval.c.year == year,
            list_approval.c.withdrawn_at.is_(None),
        )
        .values(withdrawn_at=now, withdrawn_reason=f"return:{new_id}")
    ).rowcount
    _bump(conn, commune_code)
    return _returns(conn, review_return.c.id == new_id)[0], bool(withdrawn)


def approve(
    conn: Connection,
    commune_code: str,
    year: int,
    village_uuids: list[str],
    scope: str,
    username: str,
    display_name: str,
    now: datetime,
) -> list[str]:
    """Approve the year's list of each village (skipping those already approved); refuses when a
    village still has a household returned and not fixed. Returns the villages newly approved."""
    open_villages = {
        r.village_uuid for r in returns_of_commune(conn, commune_code, True) if r.review_year == year
    }
    blocked = [v for v in village_uuids if v in open_villages]
    if blocked:
        raise KnownError(
            f"Còn {len(blocked)} thôn có hộ bị trả lại chưa sửa xong: chưa duyệt được.",
            f"{len(blocked)} village(s) still have returned households not fixed yet: cannot approve.",
        )
    done = active_approvals(conn, commune_code, year)
    new = [v for v in village_uuids if v not in done]
    for v in new:
        conn.execute(
            list_approval.insert().values(
                commune_code=commune_code,
                village_uuid=v,
                year=year,
                scope=scope,
                approved_by=username,
                approved_by_name=display_name or "",
                approved_at=now,
            )
        )
    if new:
        _bump(conn, commune_code)
    return new


def settle(conn: Connection, commune_code: str, now: datetime) -> list[ReturnRow]:
    """Resolve the commune's open returns whose review came back final, in a revision newer than
    the returned one, after the return reached a laptop. Returns those resolved now."""
    resolved: list[ReturnRow] = []
    for r in returns_of_commune(conn, commune_code, open_only=True):
        if r.delivered_at is None:
            continue
        versions = conn.execute(
            select(record_version.c.revision, record_version.c.data, record_version.c.device_id)
            .where(
                and_(
                    record_version.c.uuid == r.review_uuid,
                    record_version.c.revision > r.review_revision,
                    record_version.c.received_at > r.delivered_at,
                )
            )
            .order_by(record_version.c.revision)
        ).all()
        fixed = next((v for v in versions if json.loads(v.data).get("status") == "final"), None)
        if fixed is None:
            continue
        conn.execute(
            update(review_return)
            .where(review_return.c.id == r.id)
            .values(resolved_at=now, resolved_revision=fixed.revision, resolved_device=fixed.device_id)
        )
        record_action(conn, Actor(None, f"device:{fixed.device_id}"), "return_resolved", now,
                      commune_code=commune_code, target=r.household_uuid,
                      detail={"return_id": r.id, "revision": fixed.revision})  # fmt: skip
        resolved.append(r)
    if resolved:
        _bump(conn, commune_code)
    return resolved


def _iso(value: datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") + "Z" if value is not None else None


def state(conn: Connection, commune_code: str, now: datetime, deliver: bool = True) -> dict[str, Any]:
    """What a laptop of the commune receives: every return and approval of the commune, and the
    counter that orders states. With *deliver*, the returns not delivered before are marked now."""
    settle(conn, commune_code, now)
    if deliver:
        conn.execute(
            update(review_return)
            .where(review_return.c.commune_code == commune_code, review_return.c.delivered_at.is_(None))
            .values(delivered_at=now)
        )
    returns = [
        {
            "id": r.id,
            "household_uuid": r.household_uuid,
            "review_uuid": r.review_uuid,
            "year": r.review_year,
            "revision": r.review_revision,
            "comment": r.comment,
            "by": r.returned_by_name or r.returned_by,
            "at": _iso(r.returned_at),
            "resolved_at": _iso(r.resolved_at),
            "resolved_revision": r.resolved_revision,
        }
        for r in returns_of_commune(conn, commune_code)
    ]
    approved = [
        {
            "id": a.id,
            "village_uuid": a.village_uuid,
            "year": a.year,
            "scope": a.scope,
            "by": a.approved_by_name or a.approved_by,
            "at": _iso(a.approved_at),
            "withdrawn_at": _iso(a.withdrawn_at),
        }
        for a in approvals(conn, commune_code)
    ]
    return {"seq": _seq(conn, commune_code), "returns": returns, "approvals": approved}
