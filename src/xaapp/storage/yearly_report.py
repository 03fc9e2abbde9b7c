"""The yearly report's marks as the laptop keeps them, and what travels with a sync.

The officer marks a year's report as sent (``mark``): one ``yearly_report`` row each time, with an
audit row (who, when). Every mark the province has not acknowledged travels on the next sync: in the
handshake (online) or the sync file's header (USB), as ``{"uuid", "year", "by", "at"}`` (``to_send``).
The province freezes that year's tables after the sync's records are stored and says so in its
review state (``server.yearly_report``): ``"reports": [{"id", "uuid", "year", "by", "at",
"received_at"}]``, applied here by ``apply_acks`` in the caller's transaction. A report another
laptop of the commune sent is added as it is, so every laptop shows the commune's state.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from xaapp.storage.orm import AuditEntry, YearlyReport

logger = logging.getLogger(__name__)


def _iso(value: datetime) -> str:
    return value.isoformat(timespec="seconds") + "Z"


def _when(value: Any) -> datetime | None:
    if not value:
        return None
    parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    return parsed.astimezone(UTC).replace(tzinfo=None) if parsed.tzinfo else parsed  # naive UTC, as stored


def _audit(s: Session, at: datetime, who: str, row: YearlyReport, action: str, value: str) -> None:
    s.add(AuditEntry(at=at, username=who[:40], entity="yearly_report", entity_uuid=row.uuid, action=action,
                     field="year", old_value=None, new_value=value, reason=None))  # fmt: skip


def mark(s: Session, year: int, actor: str, now: datetime) -> YearlyReport:
    row = YearlyReport(year=year, sent_by=actor[:40], sent_at=now)
    s.add(row)
    s.flush()
    _audit(s, now, actor, row, "sent", str(year))
    return row


def latest(s: Session, year: int) -> YearlyReport | None:
    return s.scalars(
        select(YearlyReport).where(YearlyReport.year == year).order_by(YearlyReport.sent_at.desc(),
                                                                       YearlyReport.id.desc())
    ).first()  # fmt: skip


def to_send(s: Session) -> list[dict[str, Any]]:
    rows = s.scalars(
        select(YearlyReport).where(YearlyReport.received_at.is_(None)).order_by(YearlyReport.id)
    ).all()
    return [{"uuid": r.uuid, "year": r.year, "by": r.sent_by, "at": _iso(r.sent_at)} for r in rows]


def _apply_ack(s: Session, x: dict[str, Any]) -> None:
    received = _when(x["received_at"])
    if received is None:
        return
    row = s.scalar(select(YearlyReport).where(YearlyReport.uuid == str(x["uuid"])))
    if row is None:  # sent from another laptop of the commune
        row = YearlyReport(uuid=str(x["uuid"])[:36], year=int(x["year"]), sent_by=str(x.get("by") or "")[:40],
                           sent_at=_when(x.get("at")) or received)  # fmt: skip
        s.add(row)
        s.flush()
    if row.received_at is None:
        row.received_at, row.server_id = received, int(x["id"])
        _audit(s, received, "tỉnh", row, "received", str(row.year))


def apply_acks(s: Session, items: Any) -> None:
    """The province's acknowledgements (``reports`` of its review state); a malformed item is skipped."""
    for x in items if isinstance(items, list) else []:
        try:
            with s.begin_nested():
                _apply_ack(s, x)
        except (KeyError, TypeError, ValueError) as exc:
            logger.warning("review state: yearly report item skipped (%s)", exc)
