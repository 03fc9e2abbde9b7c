"""The yearly report on the server: a commune's officer marks the year's report as sent; the
server freezes that year's tables of the commune (Biểu 1–4, as the console computes them) as a
snapshot signed with a key derived from the server key.

* **Mark.** Each mark (``{"uuid", "year", "by", "at"}``) arrives with the handshake of an online
  sync or in the header of a sync file (``note_marks``); a mark seen again is ignored (its uuid).
* **Freeze.** After that sync's records are stored — at the last page of the device's pull, or once
  the file's records are imported — each waiting mark of the device becomes a snapshot (``freeze``):
  JSON of the tables with who (the officer), when (the mark, the freeze) and the device, signed.
  Marking the same year again adds a new snapshot (history kept); the latest counts.
* **Acknowledgement.** The commune's review state (``server.review_loop.state``) carries its frozen
  reports (``"reports"``) back to the laptops, which then say "tỉnh đã nhận ngày …".
* **Signature.** HMAC-SHA256 over the canonical JSON of the snapshot, with a key derived from the
  server key (``keys.ServerKey``, never in the database), so a snapshot edited in the database no
  longer verifies; the console shows it as tampered.

Table (plain DDL for SQLite and PostgreSQL): created by the Alembic revision ``0007_yearly_report``.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    DateTime,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    func,
    select,
)

from xaapp.server import review_loop
from xaapp.server.console import projection, queries, tables
from xaapp.server.keys import ServerKey
from xaapp.sync.protocol import canonical_json

metadata = MetaData()
_LABEL = b"xaapp-yearly-report-v1"
MAX_MARKS = 100

yearly_report = Table(
    "yearly_report",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("uuid", String(36), nullable=False, unique=True),  # the laptop's mark
    Column("commune_code", String(5), nullable=False),
    Column("year", Integer, nullable=False),
    Column("device_id", String(40), nullable=False),
    Column("sent_by", String(40), nullable=False),
    Column("sent_at", DateTime, nullable=False),  # marked on the laptop
    Column("noted_at", DateTime, nullable=False),  # the mark reached the server
    Column("frozen_at", DateTime),  # the snapshot was taken; None: waiting for the sync's records
    Column("snapshot", Text),  # canonical JSON: who, when, device, the tables
    Column("signature", String(64)),
    Index("ix_yearly_report_commune", "commune_code", "year"),
)


def _when(value: Any) -> datetime:
    parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    return parsed.astimezone(UTC).replace(tzinfo=None) if parsed.tzinfo else parsed


def _iso(value: datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") + "Z" if value is not None else None


class BadMarks(ValueError):
    """The marks a device sent are not what the protocol says (the reason names what)."""


def note_marks(conn: Connection, device_id: str, commune_code: str, items: Any, now: datetime) -> int:
    """Store the marks a device sent (handshake or file header); returns how many were new."""
    if items is None:
        return 0
    if not isinstance(items, list | tuple) or len(items) > MAX_MARKS:
        raise BadMarks(f"a list of at most {MAX_MARKS} marks")
    new = 0
    for x in items:
        try:
            uuid, year, by = str(x["uuid"]), x["year"], str(x.get("by") or "")
            sent_at = _when(x["at"])
        except (KeyError, TypeError, ValueError, OverflowError) as exc:
            raise BadMarks("each mark has uuid, year, by, at (ISO time)") from exc
        if not (0 < len(uuid) <= 36 and isinstance(year, int) and not isinstance(year, bool)):
            raise BadMarks("uuid of at most 36 characters and a year")
        if not 2000 <= year <= 2100 or len(by) > 40:
            raise BadMarks("year 2000-2100, by at most 40 characters")
        if conn.scalar(select(yearly_report.c.id).where(yearly_report.c.uuid == uuid)) is not None:
            continue  # carried again by a later sync or file: already noted
        conn.execute(yearly_report.insert().values(
            uuid=uuid, commune_code=commune_code, year=year, device_id=device_id, sent_by=by,
            sent_at=sent_at, noted_at=now,
        ))  # fmt: skip
        new += 1
    return new


def _signing_key(key: ServerKey) -> bytes:
    return hmac.new(key.raw, _LABEL, hashlib.sha256).digest()


def sign(key: ServerKey, body: dict[str, Any]) -> str:
    return hmac.new(_signing_key(key), canonical_json(body), hashlib.sha256).hexdigest()


def commune_tables(conn: Connection, commune_code: str, year: int) -> tables.Report:
    """The commune's Biểu 1–4 for *year*, per village, as the console shows them (read model caught
    up in the caller's transaction first)."""
    projection.refresh_commune(conn, commune_code)
    villages = queries.villages(conn, commune_code, year)
    return tables.build(year, "commune", [(v.uuid, v.name, v.counts) for v in villages])


def freeze(conn: Connection, commune_code: str, device_id: str, key: ServerKey, now: datetime) -> int:
    """Take the snapshot of every waiting mark the device sent; returns how many."""
    waiting = conn.execute(
        select(yearly_report)
        .where(
            yearly_report.c.commune_code == commune_code,
            yearly_report.c.device_id == device_id,
            yearly_report.c.frozen_at.is_(None),
        )
        .order_by(yearly_report.c.id)
    ).all()
    for r in waiting:
        body = {
            "id": r.id,
            "uuid": r.uuid,
            "commune_code": r.commune_code,
            "year": r.year,
            "device_id": r.device_id,
            "sent_by": r.sent_by,
            "sent_at": _iso(r.sent_at),
            "frozen_at": _iso(now),
            "tables": asdict(commune_tables(conn, commune_code, r.year)),
        }
        conn.execute(
            yearly_report.update()
            .where(yearly_report.c.id == r.id)
            .values(frozen_at=now, snapshot=canonical_json(body).decode("utf-8"), signature=sign(key, body))
        )
    if waiting:
        review_loop.bump(conn, commune_code)  # the laptops learn of it with the review state
    return len(waiting)


def acknowledgements(conn: Connection, commune_code: str) -> list[dict[str, Any]]:
    rows = conn.execute(
        select(yearly_report.c.id, yearly_report.c.uuid, yearly_report.c.year, yearly_report.c.sent_by,
               yearly_report.c.sent_at, yearly_report.c.frozen_at)
        .where(yearly_report.c.commune_code == commune_code, yearly_report.c.frozen_at.is_not(None))
        .order_by(yearly_report.c.id)
    ).all()  # fmt: skip
    return [
        {"id": r.id, "uuid": r.uuid, "year": r.year, "by": r.sent_by, "at": _iso(r.sent_at),
         "received_at": _iso(r.frozen_at)}
        for r in rows
    ]  # fmt: skip


def review_state(
    conn: Connection, commune_code: str, device_id: str, key: ServerKey, now: datetime
) -> dict[str, Any]:
    """What the last pull page or a file's receipt carries: the review loop's state with the
    commune's frozen reports, after freezing the device's waiting marks."""
    freeze(conn, commune_code, device_id, key, now)
    state = review_loop.state(conn, commune_code, now)
    state["reports"] = acknowledgements(conn, commune_code)
    return state


# --- reading, for the console ---------------------------------------------------------------------


@dataclass(frozen=True)
class Snapshot:
    id: int
    commune_code: str
    year: int
    device_id: str
    sent_by: str
    sent_at: datetime
    frozen_at: datetime
    body: dict[str, Any] | None  # None: the stored JSON does not even parse
    valid: bool  # the signature verifies and the body names this row


def _snapshot(r: Any, key: ServerKey | None) -> Snapshot:
    try:
        body = json.loads(r.snapshot)
    except (TypeError, ValueError):
        body = None
    valid = (
        key is not None
        and isinstance(body, dict)
        and hmac.compare_digest(sign(key, body), str(r.signature or ""))
        and (body.get("id"), body.get("commune_code"), body.get("year")) == (r.id, r.commune_code, r.year)
    )
    return Snapshot(r.id, r.commune_code, r.year, r.device_id, r.sent_by, r.sent_at, r.frozen_at, body, valid)


def snapshots(conn: Connection, commune_code: str, year: int, key: ServerKey | None) -> list[Snapshot]:
    """Every snapshot of the commune's *year*, newest first, each with its signature checked."""
    rows = conn.execute(
        select(yearly_report)
        .where(
            yearly_report.c.commune_code == commune_code,
            yearly_report.c.year == year,
            yearly_report.c.frozen_at.is_not(None),
        )
        .order_by(yearly_report.c.frozen_at.desc(), yearly_report.c.id.desc())
    ).all()
    return [_snapshot(r, key) for r in rows]


def sent_at_by_commune(conn: Connection, year: int) -> dict[str, datetime]:
    """Commune code → when its latest report of *year* was received (frozen)."""
    rows = conn.execute(
        select(yearly_report.c.commune_code, func.max(yearly_report.c.frozen_at))
        .where(yearly_report.c.year == year, yearly_report.c.frozen_at.is_not(None))
        .group_by(yearly_report.c.commune_code)
    ).all()
    return {code: at for code, at in rows}
