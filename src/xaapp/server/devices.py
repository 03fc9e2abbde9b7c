"""Devices: one-time enrollment codes for one commune, device tokens, revocation.

Codes and tokens are stored only as SHA-256 digests, so a copy of the database cannot be used to
enroll or to impersonate a device; the file-signing key (HMAC of the token, see
``sync.file_transport``) is kept to check sync files. Codes expire (72 h by default) and work once.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, select, update

from xaapp.server.ingest import Writer, lock_commune
from xaapp.server.schema import device, enrollment_code, reference_item
from xaapp.sync.file_transport import signing_key
from xaapp.sync.protocol import Enrollment

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud over the phone
CODE_TTL = timedelta(hours=72)


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def _normalise_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


class EnrollRefused(Exception):
    """The code is unknown, used or expired (one message for all: no oracle for guessing)."""


class Unauthorised(Exception):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code  # "no_token" | "bad_token" | "revoked"


@dataclass(frozen=True)
class DeviceRow:
    id: str
    commune_code: str
    label: str
    enrolled_at: datetime
    revoked_at: datetime | None
    last_seen_at: datetime | None

    @property
    def writer(self) -> Writer:
        return Writer(self.id, self.commune_code)


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


def enroll(conn: Connection, code: str, label: str, now: datetime) -> Enrollment:
    digest = _digest(_normalise_code(code))
    row = conn.execute(select(enrollment_code).where(enrollment_code.c.code_hash == digest)).first()
    if row is None or row.used_at is not None or row.expires_at < now:
        raise EnrollRefused()
    device_id = "dev-" + secrets.token_hex(6)
    token = "xa1_" + secrets.token_urlsafe(32)
    claimed = conn.execute(
        update(enrollment_code)
        .where(enrollment_code.c.code_hash == digest, enrollment_code.c.used_at.is_(None))
        .values(used_at=now, device_id=device_id)
    )
    if claimed.rowcount != 1:  # another instance used it a moment ago
        raise EnrollRefused()
    conn.execute(
        device.insert().values(
            id=device_id,
            commune_code=row.commune_code,
            token_hash=_digest(token),
            signing_key=signing_key(token).hex(),
            label=label[:100],
            enrolled_at=now,
        )
    )
    return Enrollment(device_id, token, row.commune_code)


def _row(r: Any) -> DeviceRow:
    return DeviceRow(r.id, r.commune_code, r.label, r.enrolled_at, r.revoked_at, r.last_seen_at)


def authenticate(conn: Connection, token: str | None) -> DeviceRow:
    if not token:
        raise Unauthorised("no_token")
    r = conn.execute(select(device).where(device.c.token_hash == _digest(token))).first()
    if r is None:
        raise Unauthorised("bad_token")
    if r.revoked_at is not None:
        raise Unauthorised("revoked")
    return _row(r)


def touch(conn: Connection, device_id: str, now: datetime) -> None:
    conn.execute(update(device).where(device.c.id == device_id).values(last_seen_at=now))


def revoke(conn: Connection, device_id: str, now: datetime) -> bool:
    result = conn.execute(
        update(device).where(device.c.id == device_id, device.c.revoked_at.is_(None)).values(revoked_at=now)
    )
    return result.rowcount == 1


def get_device(conn: Connection, device_id: str) -> tuple[DeviceRow, bytes] | None:
    r = conn.execute(select(device).where(device.c.id == device_id)).first()
    return (_row(r), bytes.fromhex(r.signing_key)) if r is not None else None


def list_devices(conn: Connection) -> list[DeviceRow]:
    return [
        _row(r) for r in conn.execute(select(device).order_by(device.c.commune_code, device.c.enrolled_at))
    ]
