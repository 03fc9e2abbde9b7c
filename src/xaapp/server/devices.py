"""Devices: one-time enrollment codes for one commune, device tokens (expiry, rotation), revocation.

Codes and tokens are stored only as SHA-256 digests, so a copy of the database cannot be used to
enroll or to impersonate a device. The file-signing key (HMAC of the token, see
``sync.file_transport``) is needed to check sync files; it is stored sealed with the server key,
which lives outside the database (``keys``). Codes expire (72 h by default) and work once — except
that the enrolment which used a code may be retried with the same ``request_id`` for 24 hours
(its answer may have been lost on the way): the same device then gets a fresh token and the token
of the lost answer stops working.

Tokens expire (``TOKEN_DAYS`` by default; 401 ``token_expired``) and are rotated with the current
token. The token a rotation replaced may call rotate once more until the new token is first used,
so a rotation whose answer was lost does not lock the laptop out; for anything else it is dead at
once. The previous file-signing key is kept too, so a file exported just before a rotation imports.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, select, update

from xaapp.server import keys
from xaapp.server.ingest import Writer, lock_commune
from xaapp.server.schema import device, enrollment_code, reference_item
from xaapp.sync.file_transport import signing_key
from xaapp.sync.protocol import Enrollment

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud over the phone
CODE_TTL = timedelta(hours=72)
TOKEN_DAYS = 365
ENROLL_RETRY_WINDOW = timedelta(hours=24)


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def _normalise_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def _utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class EnrollRefused(Exception):
    """The code is unknown, used or expired (one message for all: no oracle for guessing)."""


class Unauthorised(Exception):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code  # "no_token" | "bad_token" | "revoked" | "token_expired"


@dataclass(frozen=True)
class DeviceRow:
    id: str
    commune_code: str
    label: str
    enrolled_at: datetime
    revoked_at: datetime | None
    last_seen_at: datetime | None
    token_expires_at: datetime | None = None

    @property
    def writer(self) -> Writer:
        return Writer(self.id, self.commune_code)


@dataclass(frozen=True)
class DeviceGrant(Enrollment):
    """An enrolment or a rotation: the ``Enrollment`` the device keeps, and when its token expires."""

    expires_at: datetime | None = None


def _key_for(conn: Connection, key: keys.ServerKey | None) -> keys.ServerKey:
    """The server key given, else the one configured for this connection's database."""
    if key is not None:
        return key
    return keys.open_for(conn, conn.engine.url.render_as_string(hide_password=False))


def _new_token(device_id: str, key: keys.ServerKey, now: datetime, days: int) -> tuple[str, dict[str, Any]]:
    """A fresh token and the device columns that make it the current one."""
    token = "xa1_" + secrets.token_urlsafe(32)
    return token, {
        "token_hash": _digest(token),
        "token_expires_at": now + timedelta(days=days),
        "signing_key": "",
        "signing_key_sealed": key.seal(signing_key(token), device_id),
    }


def commune_known(conn: Connection, commune_code: str) -> bool:
    q = select(reference_item.c.key).where(
        reference_item.c.kind == "admin_unit", reference_item.c.key == commune_code
    )
    return conn.scalar(q) is not None


def issue_code(conn: Connection, commune_code: str, now: datetime, ttl: timedelta = CODE_TTL) -> str:
    """A new one-time code for *commune_code* (printed once, stored as a digest)."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    conn.execute(
        enrollment_code.insert().values(
            code_hash=_digest(raw), commune_code=commune_code, created_at=now, expires_at=now + ttl
        )
    )
    lock_commune(conn, commune_code)  # make sure the commune has its change counter
    return "-".join(raw[i : i + 4] for i in range(0, 12, 4))


def enroll(
    conn: Connection,
    code: str,
    label: str,
    now: datetime,
    *,
    request_id: str | None = None,
    key: keys.ServerKey | None = None,
    token_days: int = TOKEN_DAYS,
) -> DeviceGrant:
    """Use a one-time code. A retry of the enrolment that used it (same *request_id*, within 24 h,
    device not revoked) gives that device a fresh token instead of a refusal."""
    digest = _digest(_normalise_code(code))
    row = conn.execute(select(enrollment_code).where(enrollment_code.c.code_hash == digest)).first()
    if row is None:
        raise EnrollRefused()
    key = _key_for(conn, key)
    if row.used_at is not None:
        if (
            request_id
            and row.request_id == request_id
            and row.device_id
            and now - row.used_at <= ENROLL_RETRY_WINDOW
        ):
            dev = conn.execute(select(device).where(device.c.id == row.device_id)).first()
            if dev is not None and dev.revoked_at is None:
                token, values = _new_token(dev.id, key, now, token_days)
                conn.execute(
                    update(device)
                    .where(device.c.id == dev.id)
                    .values(**values, previous_token_hash=None, previous_signing_key_sealed=None)
                )
                return DeviceGrant(dev.id, token, dev.commune_code, expires_at=values["token_expires_at"])
        raise EnrollRefused()
    if row.expires_at < now:
        raise EnrollRefused()
    device_id = "dev-" + secrets.token_hex(6)
    claimed = conn.execute(
        update(enrollment_code)
        .where(enrollment_code.c.code_hash == digest, enrollment_code.c.used_at.is_(None))
        .values(used_at=now, device_id=device_id, request_id=request_id)
    )
    if claimed.rowcount != 1:  # another instance used it a moment ago
        raise EnrollRefused()
    token, values = _new_token(device_id, key, now, token_days)
    conn.execute(
        device.insert().values(
            id=device_id, commune_code=row.commune_code, label=label[:100], enrolled_at=now, **values
        )
    )
    return DeviceGrant(device_id, token, row.commune_code, expires_at=values["token_expires_at"])


def _row(r: Any) -> DeviceRow:
    return DeviceRow(
        r.id, r.commune_code, r.label, r.enrolled_at, r.revoked_at, r.last_seen_at, r.token_expires_at
    )


def authenticate(
    conn: Connection, token: str | None, now: datetime | None = None, *, for_rotation: bool = False
) -> DeviceRow:
    """The device a bearer token belongs to; ``Unauthorised`` with why not.

    *for_rotation*: the token a rotation replaced is accepted too while its successor is unused.
    """
    if not token:
        raise Unauthorised("no_token")
    now = now or _utcnow()
    digest = _digest(token)
    r = conn.execute(select(device).where(device.c.token_hash == digest)).first()
    if r is None and for_rotation:
        r = conn.execute(select(device).where(device.c.previous_token_hash == digest)).first()
    if r is None:
        raise Unauthorised("bad_token")
    if r.revoked_at is not None:
        raise Unauthorised("revoked")
    current = r.token_hash == digest
    if current and r.token_expires_at is not None and r.token_expires_at <= now:
        raise Unauthorised("token_expired")
    if current and r.previous_token_hash is not None:  # the new token is in use: the old one is dead
        conn.execute(update(device).where(device.c.id == r.id).values(previous_token_hash=None))
    return _row(r)


def rotate(
    conn: Connection,
    token: str,
    now: datetime,
    *,
    key: keys.ServerKey | None = None,
    token_days: int = TOKEN_DAYS,
) -> DeviceGrant:
    """Replace the device's token (bearer *token*, current or the one just replaced) with a new one."""
    dev = authenticate(conn, token, now, for_rotation=True)
    r = conn.execute(select(device).where(device.c.id == dev.id)).one()
    key = _key_for(conn, key)
    new_token, values = _new_token(dev.id, key, now, token_days)
    if r.token_hash == _digest(token):  # a first rotation: the current token and key become the previous
        values["previous_token_hash"] = r.token_hash
        values["previous_signing_key_sealed"] = r.signing_key_sealed or (
            key.seal(bytes.fromhex(r.signing_key), dev.id) if r.signing_key else None
        )
    conn.execute(update(device).where(device.c.id == dev.id).values(**values))
    return DeviceGrant(dev.id, new_token, dev.commune_code, expires_at=values["token_expires_at"])


def touch(conn: Connection, device_id: str, now: datetime) -> None:
    conn.execute(update(device).where(device.c.id == device_id).values(last_seen_at=now))


def revoke(conn: Connection, device_id: str, now: datetime) -> bool:
    result = conn.execute(
        update(device).where(device.c.id == device_id, device.c.revoked_at.is_(None)).values(revoked_at=now)
    )
    return result.rowcount == 1


def get_device(conn: Connection, device_id: str) -> DeviceRow | None:
    r = conn.execute(select(device).where(device.c.id == device_id)).first()
    return _row(r) if r is not None else None


def file_keys(conn: Connection, device_id: str, key: keys.ServerKey | None = None) -> list[bytes]:
    """The device's file-signing keys, current first, then the one its last rotation replaced."""
    r = conn.execute(select(device).where(device.c.id == device_id)).first()
    if r is None:
        return []
    found: list[bytes] = []
    if r.signing_key:  # written by an older server and not sealed yet
        found.append(bytes.fromhex(r.signing_key))
    sealed = [s for s in (r.signing_key_sealed, r.previous_signing_key_sealed) if s]
    if sealed:
        key = _key_for(conn, key)
        found.extend(key.open(s, device_id) for s in sealed)
    return found


def list_devices(conn: Connection) -> list[DeviceRow]:
    return [
        _row(r) for r in conn.execute(select(device).order_by(device.c.commune_code, device.c.enrolled_at))
    ]
