"""The console's audit log: who did what, when, from where (``console_audit``).

Written in the same transaction as the action it records, so an action without its row cannot
exist. Never holds a password, a session, a code or a record's content.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, func, select

from xaapp.server.console.schema import console_audit

#: Action names with their Vietnamese and English labels (the audit page shows them).
ACTIONS: dict[str, tuple[str, str]] = {
    "login": ("Đăng nhập", "Logged in"),
    "login_failed": ("Đăng nhập sai", "Failed login"),
    "login_refused": ("Đăng nhập bị tạm chặn", "Login refused (backoff)"),
    "logout": ("Đăng xuất", "Logged out"),
    "code_created": ("Cấp mã đăng ký thiết bị", "Enrolment code created"),
    "device_revoked": ("Thu hồi thiết bị", "Device revoked"),
    "user_added": ("Thêm tài khoản", "Account added"),
    "user_changed": ("Sửa tài khoản", "Account changed"),
    "user_password": ("Đặt lại mật khẩu", "Password set"),
    "user_disabled": ("Khóa tài khoản", "Account disabled"),
    "user_enabled": ("Mở khóa tài khoản", "Account enabled"),
    "export": ("Xuất Excel", "Export"),
    "household_viewed": ("Xem hộ (đủ số định danh)", "Household viewed (full IDs)"),
    "review_returned": ("Trả lại phiếu cho xã", "Review returned to the commune"),
    "return_resolved": ("Xã đã sửa phiếu bị trả lại", "Returned review fixed by the commune"),
    "list_approved": ("Duyệt danh sách", "List approved"),
    "approval_withdrawn": (
        "Rút duyệt danh sách (do trả lại hộ)",
        "Approval withdrawn (a household returned)",
    ),
}


@dataclass(frozen=True)
class Actor:
    """Who acts: a console account (``user_id``), or the command line (``user_id`` None)."""

    user_id: int | None
    username: str
    address: str = ""


CLI = Actor(None, "cli", "")


def record_action(
    conn: Connection,
    actor: Actor,
    action: str,
    now: datetime,
    *,
    commune_code: str | None = None,
    target: str = "",
    detail: dict[str, Any] | None = None,
) -> None:
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    conn.execute(
        console_audit.insert().values(
            at=now,
            user_id=actor.user_id,
            username=actor.username[:60],
            address=actor.address[:64],
            action=action,
            commune_code=commune_code,
            target=target[:120],
            detail=json.dumps(detail or {}, ensure_ascii=False, sort_keys=True),
        )
    )


@dataclass(frozen=True)
class AuditRow:
    at: datetime
    username: str
    address: str
    action: str
    commune_code: str | None
    target: str
    detail: dict[str, Any]

    @property
    def label(self) -> tuple[str, str]:
        return ACTIONS.get(self.action, (self.action, self.action))


def recent(
    conn: Connection, limit: int = 200, offset: int = 0, action: str | None = None
) -> tuple[list[AuditRow], int]:
    q = select(console_audit)
    n = select(func.count()).select_from(console_audit)
    if action:
        q, n = q.where(console_audit.c.action == action), n.where(console_audit.c.action == action)
    rows = conn.execute(q.order_by(console_audit.c.id.desc()).limit(limit).offset(offset)).all()
    out = [
        AuditRow(
            r.at, r.username, r.address, r.action, r.commune_code, r.target, json.loads(r.detail or "{}")
        )
        for r in rows
    ]
    return out, int(conn.scalar(n) or 0)
