"""Local accounts: first-run setup, login, user management. Passwords never leave this module in clear."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from sqlalchemy import func, select

from xaapp.domain.clock import utcnow
from xaapp.domain.passwords import hash_password, needs_rehash, password_problem, verify_password
from xaapp.domain.roles import Role
from xaapp.domain.text import nfc
from xaapp.errors import KnownError
from xaapp.services import settings
from xaapp.services.reference import ensure_units, unit_by_code
from xaapp.storage.db import Database
from xaapp.storage.orm import User

logger = logging.getLogger(__name__)
USERNAME_RE = re.compile(r"^[a-z0-9._-]{3,40}$")


@dataclass(frozen=True)
class UserRow:
    id: int
    username: str
    full_name: str
    role: Role


def _row(u: User) -> UserRow:
    return UserRow(u.id, u.username, u.full_name, Role(u.role))


def needs_setup(db: Database) -> bool:
    """True until a commune is chosen and a first admin exists."""
    with db.read() as s:
        has_admin = (s.scalar(select(func.count()).select_from(User).where(User.role == Role.ADMIN)) or 0) > 0
    return not has_admin or settings.get_setting(db, settings.COMMUNE_CODE) is None


def create_user(
    db: Database, username: str, full_name: str, password: str, role: Role, actor: str = "system"
) -> UserRow:
    username = username.strip().lower()
    if not USERNAME_RE.match(username):
        raise KnownError(
            "Tên đăng nhập gồm 3–40 ký tự: chữ thường không dấu, số, dấu chấm, gạch dưới hoặc gạch ngang.",
            "A username has 3–40 characters: lowercase letters without accents, digits, '.', '_' or '-'.",
        )
    if not full_name.strip():
        raise KnownError("Hãy nhập họ và tên.", "Enter the full name.")
    problem = password_problem(password)
    if problem:
        raise KnownError(*problem)
    with db.session(actor=actor) as s:
        if s.scalar(select(User).where(User.username == username)) is not None:
            raise KnownError(f"Tên đăng nhập “{username}” đã có.", f"The username '{username}' is taken.")
        user = User(
            username=username,
            full_name=nfc(full_name.strip()),
            role=role.value,
            password_hash=hash_password(password),
            active=True,
        )
        s.add(user)
        s.flush()
        return _row(user)


def complete_setup(db: Database, commune_code: str, username: str, full_name: str, password: str) -> UserRow:
    """First run: record the commune and create the first admin."""
    ensure_units(db)
    unit = unit_by_code(db, commune_code)
    if unit is None:
        raise KnownError(
            f"Không có đơn vị hành chính mã {commune_code} trong danh sách của tỉnh.",
            f"No administrative unit with code {commune_code} in the province list.",
        )
    user = create_user(db, username, full_name, password, Role.ADMIN)
    settings.set_setting(db, settings.COMMUNE_CODE, unit.code, actor=user.username)
    logger.info("first-run setup done for %s (%s) by %s", unit.name, unit.code, user.username)
    return user


def authenticate(db: Database, username: str, password: str) -> UserRow:
    """The user, if the password is right; otherwise a KnownError that does not say which part was wrong."""
    username = username.strip().lower()
    with db.session(actor=username or "?") as s:
        user = s.scalar(select(User).where(User.username == username))
        if user is None or not user.active or not verify_password(password, user.password_hash):
            logger.warning("login refused for %r", username)  # never the password
            raise KnownError("Sai tên đăng nhập hoặc mật khẩu.", "Wrong username or password.")
        user.last_login_at = utcnow()
        if needs_rehash(user.password_hash):
            user.password_hash = hash_password(password)
        return _row(user)


def list_users(db: Database) -> list[UserRow]:
    with db.read() as s:
        return [_row(u) for u in s.scalars(select(User).order_by(User.username))]


def change_password(db: Database, username: str, old: str, new: str) -> None:
    authenticate(db, username, old)
    problem = password_problem(new)
    if problem:
        raise KnownError(*problem)
    with db.session(actor=username) as s:
        user = s.scalar(select(User).where(User.username == username))
        assert user is not None
        user.password_hash = hash_password(new)
