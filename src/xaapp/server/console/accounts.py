"""Console accounts for province and district staff, apart from devices.

Roles (what each may do is in ``Account`` and docs/console.md):

* ``admin``: every commune; accounts, devices (enrolment codes, revocation), the audit log;
* ``supervisor``: the communes assigned to them; sees full personal IDs on a household's page;
* ``viewer``: read-only; either every commune (``all_communes``) or the communes assigned; personal
  IDs always masked.

Passwords are scrypt hashes (``domain.passwords``). Every change is written to the audit log in the
same transaction, whether made in the console or with ``xaapp server user``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, select, update

from xaapp.domain.passwords import hash_password, password_problem
from xaapp.errors import KnownError
from xaapp.server.console.audit import Actor, record_action
from xaapp.server.console.schema import console_session, console_user, console_user_commune
from xaapp.server.schema import reference_item

ROLES: dict[str, tuple[str, str]] = {
    "admin": ("Quản trị tỉnh", "Province admin"),
    "supervisor": ("Giám sát xã", "Supervisor"),
    "viewer": ("Chỉ xem", "Viewer"),
}
_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{2,59}$")


@dataclass(frozen=True)
class Account:
    id: int
    username: str
    display_name: str
    role: str
    all_communes: bool
    communes: tuple[str, ...]
    created_at: datetime
    password_changed_at: datetime
    disabled_at: datetime | None

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @property
    def sees_all(self) -> bool:
        return self.role == "admin" or self.all_communes

    def may_see(self, commune_code: str) -> bool:
        return self.sees_all or commune_code in self.communes

    def may_review(self, commune_code: str) -> bool:
        """Return households and approve lists: admins, and supervisors of that commune (never viewers)."""
        return self.role == "admin" or (self.role == "supervisor" and commune_code in self.communes)

    @property
    def sees_full_ids(self) -> bool:
        """Full personal IDs, on a household's own page only: admins and supervisors (of that commune)."""
        return self.role in ("admin", "supervisor")

    @property
    def role_label(self) -> tuple[str, str]:
        return ROLES.get(self.role, (self.role, self.role))


def normalise_username(username: str) -> str:
    return username.strip().lower()


def _communes_of(conn: Connection, ids: Iterable[int]) -> dict[int, tuple[str, ...]]:
    out: dict[int, list[str]] = defaultdict(list)
    ids = list(ids)
    if ids:
        q = (
            select(console_user_commune.c.user_id, console_user_commune.c.commune_code)
            .where(console_user_commune.c.user_id.in_(ids))
            .order_by(console_user_commune.c.commune_code)
        )
        for uid, code in conn.execute(q):
            out[uid].append(code)
    return {k: tuple(v) for k, v in out.items()}


def _account(r: Any, communes: tuple[str, ...]) -> Account:
    return Account(
        r.id,
        r.username,
        r.display_name,
        r.role,
        bool(r.all_communes) or r.role == "admin",
        communes,
        r.created_at,
        r.password_changed_at,
        r.disabled_at,
    )


def list_accounts(conn: Connection) -> list[Account]:
    rows = conn.execute(select(console_user).order_by(console_user.c.username)).all()
    communes = _communes_of(conn, [r.id for r in rows])
    return [_account(r, communes.get(r.id, ())) for r in rows]


def find(conn: Connection, username: str) -> tuple[Account, str] | None:
    """The account and its password hash."""
    r = conn.execute(
        select(console_user).where(console_user.c.username == normalise_username(username))
    ).first()
    if r is None:
        return None
    return _account(r, _communes_of(conn, [r.id]).get(r.id, ())), r.password_hash


def get(conn: Connection, user_id: int) -> Account | None:
    r = conn.execute(select(console_user).where(console_user.c.id == user_id)).first()
    return _account(r, _communes_of(conn, [r.id]).get(r.id, ())) if r is not None else None


def _require(conn: Connection, username: str) -> Account:
    found = find(conn, username)
    if found is None:
        raise KnownError(f"Không có tài khoản «{username}».", f"There is no account “{username}”.")
    return found[0]


def known_communes(conn: Connection) -> set[str]:
    return set(conn.scalars(select(reference_item.c.key).where(reference_item.c.kind == "admin_unit")))


def _check_scope(
    conn: Connection, role: str, communes: list[str], all_communes: bool
) -> tuple[list[str], bool]:
    if role not in ROLES:
        raise KnownError(
            f"Vai trò «{role}» không có; chọn một trong: {', '.join(ROLES)}.",
            f"There is no role “{role}”; choose one of: {', '.join(ROLES)}.",
        )
    communes = sorted(dict.fromkeys(c.strip() for c in communes if c.strip()))
    unknown = sorted(set(communes) - known_communes(conn))
    if unknown:
        raise KnownError(
            f"Không có xã/phường mã {', '.join(unknown)} trong danh mục của tỉnh.",
            f"No commune with code {', '.join(unknown)} in the province's unit list.",
        )
    if role == "admin":
        return [], True
    if role == "supervisor" and all_communes:
        raise KnownError(
            "Tài khoản giám sát chỉ theo dõi các xã được giao: hãy chọn xã (--commune).",
            "A supervisor follows the communes assigned to them: name them (--commune).",
        )
    if not communes and not all_communes:
        raise KnownError(
            "Hãy giao ít nhất một xã (--commune), hoặc cho xem mọi xã (--all-communes, chỉ với vai trò chỉ xem).",
            "Assign at least one commune (--commune), or all communes (--all-communes, viewers only).",
        )
    return (communes if not all_communes else []), all_communes


def _check_password(password: str) -> None:
    problem = password_problem(password)
    if problem is not None:
        raise KnownError(*problem)


def _set_communes(conn: Connection, user_id: int, communes: list[str]) -> None:
    conn.execute(delete(console_user_commune).where(console_user_commune.c.user_id == user_id))
    if communes:
        conn.execute(
            console_user_commune.insert(), [{"user_id": user_id, "commune_code": c} for c in communes]
        )


def end_sessions(conn: Connection, user_id: int) -> None:
    conn.execute(delete(console_session).where(console_session.c.user_id == user_id))


def add(
    conn: Connection,
    actor: Actor,
    username: str,
    password: str,
    role: str,
    now: datetime,
    *,
    communes: list[str] | None = None,
    all_communes: bool = False,
    display_name: str = "",
) -> Account:
    name = normalise_username(username)
    if not _USERNAME.match(name):
        raise KnownError(
            "Tên đăng nhập gồm 3–60 chữ cái không dấu, chữ số, dấu chấm, gạch dưới hoặc gạch ngang.",
            "A username has 3–60 unaccented letters, digits, dots, underscores or hyphens.",
        )
    if find(conn, name) is not None:
        raise KnownError(f"Tài khoản «{name}» đã có.", f"The account “{name}” already exists.")
    scope, everywhere = _check_scope(conn, role, communes or [], all_communes)
    _check_password(password)
    added = conn.execute(
        console_user.insert().values(
            username=name,
            display_name=display_name.strip()[:100],
            role=role,
            all_communes=everywhere,
            password_hash=hash_password(password),
            created_at=now,
            updated_at=now,
            password_changed_at=now,
        )
    ).inserted_primary_key
    assert added is not None  # an INSERT of one row
    user_id = added[0]
    _set_communes(conn, user_id, scope)
    record_action(conn, actor, "user_added", now, target=name,
                  detail={"role": role, "communes": scope, "all_communes": everywhere})  # fmt: skip
    account = get(conn, user_id)
    assert account is not None
    return account


def change(
    conn: Connection,
    actor: Actor,
    username: str,
    now: datetime,
    *,
    role: str,
    communes: list[str],
    all_communes: bool,
    display_name: str | None = None,
) -> Account:
    account = _require(conn, username)
    if account.is_admin and role != "admin" and actor.user_id == account.id:
        raise KnownError(
            "Không thể tự bỏ quyền quản trị của chính mình.", "You cannot take away your own admin role."
        )
    scope, everywhere = _check_scope(conn, role, communes, all_communes)
    values: dict[str, Any] = {"role": role, "all_communes": everywhere, "updated_at": now}
    if display_name is not None:
        values["display_name"] = display_name.strip()[:100]
    conn.execute(update(console_user).where(console_user.c.id == account.id).values(**values))
    _set_communes(conn, account.id, scope)
    record_action(conn, actor, "user_changed", now, target=account.username,
                  detail={"role": role, "communes": scope, "all_communes": everywhere})  # fmt: skip
    changed = get(conn, account.id)
    assert changed is not None
    return changed


def set_password(conn: Connection, actor: Actor, username: str, password: str, now: datetime) -> None:
    """A new password; the account's open sessions end."""
    account = _require(conn, username)
    _check_password(password)
    conn.execute(
        update(console_user)
        .where(console_user.c.id == account.id)
        .values(password_hash=hash_password(password), password_changed_at=now, updated_at=now)
    )
    end_sessions(conn, account.id)
    record_action(conn, actor, "user_password", now, target=account.username)


def set_disabled(conn: Connection, actor: Actor, username: str, disabled: bool, now: datetime) -> None:
    """Disable (its sessions end at once) or enable an account."""
    account = _require(conn, username)
    if disabled and actor.user_id == account.id:
        raise KnownError(
            "Không thể tự khóa tài khoản của chính mình.", "You cannot disable your own account."
        )
    conn.execute(
        update(console_user)
        .where(console_user.c.id == account.id)
        .values(disabled_at=now if disabled else None, updated_at=now)
    )
    if disabled:
        end_sessions(conn, account.id)
    record_action(conn, actor, "user_disabled" if disabled else "user_enabled", now, target=account.username)
