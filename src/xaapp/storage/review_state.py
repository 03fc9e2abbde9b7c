"""The province's review state as the laptop keeps it: returned reviews and approved lists.

The server sends the whole state of the commune with the last page of a pull and with the receipt
of an imported sync file (``server.review_loop.state``): ``{"seq", "returns": [...], "approvals":
[...]}``. ``apply_review_state`` writes it into ``review_return`` / ``list_approval`` in the caller's
transaction: new rows are added, resolutions and withdrawals noted. ``seq`` orders states: an older
one (a stored receipt handed over after a newer pull) is ignored. Each change is written to the
audit log with who (the supervisor), when and why (the comment).

A malformed state from the server is skipped item by item (logged), never half-applied to one row.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from xaapp.domain.clock import utcnow
from xaapp.storage.orm import AuditEntry, ListApproval, ReviewReturn
from xaapp.storage.sync_outbox import get_state, set_state
from xaapp.storage.yearly_report import apply_acks

logger = logging.getLogger(__name__)
_SEQ_KEY = "review_seq"


def _when(value: Any) -> datetime | None:
    if not value:
        return None
    parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    return parsed.astimezone(UTC).replace(tzinfo=None) if parsed.tzinfo else parsed  # naive UTC, as stored


def _audit(s: Session, at: datetime, who: str, entity: str, uuid: str, action: str, field: str,
           value: str | None, reason: str | None) -> None:  # fmt: skip
    s.add(AuditEntry(at=at, username=f"tỉnh:{who}"[:40], entity=entity, entity_uuid=uuid, action=action,
                     field=field, old_value=None, new_value=value, reason=reason))  # fmt: skip


def _apply_return(s: Session, x: dict[str, Any], now: datetime) -> None:
    sid = int(x["id"])
    row = s.scalar(select(ReviewReturn).where(ReviewReturn.server_id == sid))
    resolved_at = _when(x.get("resolved_at"))
    if row is None:
        row = ReviewReturn(
            server_id=sid,
            household_uuid=str(x["household_uuid"]),
            review_uuid=str(x["review_uuid"]),
            review_year=int(x["year"]),
            review_revision=int(x["revision"]),
            comment=str(x["comment"]),
            returned_by=str(x["by"])[:100],
            returned_at=_when(x["at"]) or now,
            received_at=now,
        )
        s.add(row)
        _audit(s, row.returned_at, row.returned_by, "poverty_review", row.review_uuid, "returned",
               "review_return", row.comment, row.comment)  # fmt: skip
    if resolved_at is not None and row.resolved_at is None:
        row.resolved_at = resolved_at
        row.resolved_revision = (
            int(x["resolved_revision"]) if x.get("resolved_revision") is not None else None
        )
        _audit(s, resolved_at, row.returned_by, "poverty_review", row.review_uuid, "resolved",
               "review_return", str(row.resolved_revision or ""), row.comment)  # fmt: skip


def _apply_approval(s: Session, x: dict[str, Any]) -> None:
    sid = int(x["id"])
    row = s.scalar(select(ListApproval).where(ListApproval.server_id == sid))
    withdrawn_at = _when(x.get("withdrawn_at"))
    if row is None:
        row = ListApproval(
            server_id=sid,
            village_uuid=str(x["village_uuid"]),
            year=int(x["year"]),
            scope=str(x.get("scope") or "village")[:8],
            approved_by=str(x["by"])[:100],
            approved_at=_when(x["at"]) or utcnow(),
        )
        s.add(row)
        _audit(s, row.approved_at, row.approved_by, "village", row.village_uuid, "approved", "list_approval",
               str(row.year), None)  # fmt: skip
    if withdrawn_at is not None and row.withdrawn_at is None:
        row.withdrawn_at = withdrawn_at
        _audit(s, withdrawn_at, row.approved_by, "village", row.village_uuid, "withdrawn", "list_approval",
               str(row.year), "trả lại hộ / a household was returned")  # fmt: skip


def apply_review_state(s: Session, state: dict[str, Any]) -> bool:
    """Write the province's review state in *s*'s transaction; False when it is older than the one
    already applied (nothing changes)."""
    try:
        seq = int(state.get("seq") or 0)
    except (TypeError, ValueError):
        logger.warning("review state without a usable seq: ignored")
        return False
    if seq < int(get_state(s, _SEQ_KEY) or 0):
        return False
    now = utcnow()

    def apply_return(item: Any) -> None:
        _apply_return(s, item, now)

    def apply_approval(item: Any) -> None:
        _apply_approval(s, item)

    for kind, items, apply in (
        ("return", state.get("returns"), apply_return),
        ("approval", state.get("approvals"), apply_approval),
    ):
        for x in items if isinstance(items, list) else []:
            try:
                with s.begin_nested():
                    apply(x)
            except (KeyError, TypeError, ValueError) as exc:
                logger.warning("review state: %s item skipped (%s)", kind, exc)
    apply_acks(s, state.get("reports"))  # yearly reports the province froze (storage.yearly_report)
    set_state(s, _SEQ_KEY, str(seq))
    return True
