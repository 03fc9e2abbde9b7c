"""Console sign-in: passwords, sessions, CSRF tokens and the login backoff.

* A session is a random secret in an HttpOnly cookie (``SameSite=Strict``, ``Secure`` over TLS);
  the database keeps its SHA-256 only. It ends after 2 hours idle or 12 hours in all, at logout,
  and when the account's password is set or the account is disabled.
* Each form carries a CSRF token derived from the session secret (SHA-256 of a label and the
  secret): a POST without it is refused (403). The login form, before any session, uses a
  double-submit cookie instead.
* Backoff: after 5 failed logins for one username, or 20 from one address, each further try must
  wait 2, 4, 8 … seconds (at most 15 minutes) after the last failure; a try in that time is refused
  without checking the password. A day without failures forgets them. A success clears the
  username's count (not the address's).
* An unknown username costs the same scrypt time as a wrong password.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, delete, select, update

from xaapp.domain.passwords import hash_password, needs_rehash, verify_password
from xaapp.server.console import accounts
from xaapp.server.console.accounts import Account
from xaapp.server.console.audit import Actor, record_action
from xaapp.server.console.schema import console_login_failure, console_session, console_user, insert_ignore

SESSION_IDLE = timedelta(hours=2)
SESSION_MAX = timedelta(hours=12)
TOUCH_EVERY = timedelta(minutes=1)
FREE_TRIES = {"user": 5, "addr": 20}
MAX_WAIT = 900
FORGET_AFTER = timedelta(days=1)

_dummy_hash: str | None = None


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def csrf_for(session_secret: str) -> str:
    return hashlib.sha256(b"xaapp-console-csrf\0" + session_secret.encode("utf-8")).hexdigest()


def same(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and hmac.compare_digest(str(a), str(b))


def wait_for(failures: int, free: int) -> int:
    """Seconds to wait after the last failure before another try is heard."""
    if failures < free:
        return 0
    return min(MAX_WAIT, 2 ** (failures - free + 1))


def _keys(username: str, address: str) -> list[tuple[str, str]]:
    return [
        ("user", f"user:{accounts.normalise_username(username)[:120]}"),
        ("addr", f"addr:{address[:120]}"),
    ]


def seconds_to_wait(conn: Connection, username: str, address: str, now: datetime) -> int:
    worst = 0
    for kind, key in _keys(username, address):
        r = conn.execute(select(console_login_failure).where(console_login_failure.c.key == key)).first()
        if r is None or now - r.last_failure_at > FORGET_AFTER:
            continue
        until = r.last_failure_at + timedelta(seconds=wait_for(r.failures, FREE_TRIES[kind]))
        worst = max(worst, int((until - now).total_seconds() + 0.999))
    return worst


def _count_failure(conn: Connection, username: str, address: str, now: datetime) -> None:
    for _kind, key in _keys(username, address):
        r = conn.execute(select(console_login_failure).where(console_login_failure.c.key == key)).first()
        if r is None:
            insert_ignore(conn, console_login_failure, {"key": key, "failures": 0, "last_failure_at": now})
            failures = 0
        else:
            failures = 0 if now - r.last_failure_at > FORGET_AFTER else r.failures
        conn.execute(
            update(console_login_failure)
            .where(console_login_failure.c.key == key)
            .values(failures=failures + 1, last_failure_at=now)
        )


@dataclass(frozen=True)
class LoginResult:
    account: Account | None = None
    secret: str | None = None  # the session cookie's value
    wait: int = 0  # > 0: refused by the backoff, try again in this many seconds


def login(conn: Connection, username: str, password: str, address: str, now: datetime) -> LoginResult:
    """Check a login; the caller commits whatever the outcome (failures count, the audit says it)."""
    global _dummy_hash
    name = accounts.normalise_username(username)[:60]
    who = Actor(None, name, address)
    wait = seconds_to_wait(conn, name, address, now)
    if wait > 0:
        record_action(conn, who, "login_refused", now, detail={"wait_seconds": wait})
        return LoginResult(wait=wait)
    found = accounts.find(conn, name)
    if found is None:
        _dummy_hash = _dummy_hash or hash_password(secrets.token_hex(16))
        verify_password(password, _dummy_hash)  # the same time as a wrong password
        ok = False
    else:
        account, stored = found
        ok = verify_password(password, stored) and account.disabled_at is None
    if not ok:
        _count_failure(conn, name, address, now)
        record_action(conn, who, "login_failed", now)
        return LoginResult()
    if needs_rehash(stored):
        conn.execute(
            update(console_user)
            .where(console_user.c.id == account.id)
            .values(password_hash=hash_password(password))
        )
    conn.execute(
        delete(console_login_failure).where(console_login_failure.c.key == _keys(name, address)[0][1])
    )
    # Housekeeping on the way: sessions past their end and failures long forgotten leave the tables.
    conn.execute(delete(console_session).where(console_session.c.expires_at <= now))
    conn.execute(
        delete(console_login_failure).where(console_login_failure.c.last_failure_at < now - FORGET_AFTER)
    )
    secret = secrets.token_urlsafe(32)
    conn.execute(
        console_session.insert().values(
            token_hash=digest(secret),
            user_id=account.id,
            address=address[:64],
            created_at=now,
            last_seen_at=now,
            expires_at=min(now + SESSION_IDLE, now + SESSION_MAX),
        )
    )
    record_action(conn, Actor(account.id, account.username, address), "login", now)
    return LoginResult(account=account, secret=secret)


def session_account(conn: Connection, secret: str | None, now: datetime) -> Account | None:
    """The account of a live session, its idle timer restarted; None when missing, expired or disabled."""
    if not secret:
        return None
    key = digest(secret)
    r = conn.execute(select(console_session).where(console_session.c.token_hash == key)).first()
    if r is None:
        return None
    if r.expires_at <= now:
        conn.execute(delete(console_session).where(console_session.c.token_hash == key))
        return None
    account = accounts.get(conn, r.user_id)
    if account is None or account.disabled_at is not None:
        return None
    if now - r.last_seen_at >= TOUCH_EVERY:
        conn.execute(
            update(console_session)
            .where(console_session.c.token_hash == key)
            .values(last_seen_at=now, expires_at=min(now + SESSION_IDLE, r.created_at + SESSION_MAX))
        )
    return account


def logout(conn: Connection, secret: str, actor: Actor, now: datetime) -> None:
    conn.execute(delete(console_session).where(console_session.c.token_hash == digest(secret)))
    record_action(conn, actor, "logout", now)
