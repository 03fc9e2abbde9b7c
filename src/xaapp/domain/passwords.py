"""Password hashing with scrypt (memory-hard, in the standard library). Only hashes are ever stored.

Format: ``scrypt$<n>$<r>$<p>$<salt b64>$<hash b64>`` so the cost can be raised later while old
hashes still verify.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

# The OWASP minimum for scrypt (n=2**17, r=8, p=1): 128 MiB and about half a second per hash, paid once
# per login. Hashes made with a lower cost still verify and are upgraded at the next login.
N, R, P = 2**17, 8, 1
DKLEN = 32
MIN_LENGTH = 8


def _kdf(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=DKLEN, maxmem=256 * 1024 * 1024
    )


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = _kdf(password, salt, N, R, P)
    b64 = base64.b64encode
    return f"scrypt${N}${R}${P}${b64(salt).decode()}${b64(digest).decode()}"


def verify_password(password: str, stored: str) -> bool:
    """True when *password* matches *stored*; False for a wrong password or a malformed hash."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        actual = _kdf(password, base64.b64decode(salt), int(n), int(r), int(p))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(expected, actual)


def needs_rehash(stored: str) -> bool:
    """True when *stored* was made with a lower cost than today's (it is replaced at the next login)."""
    try:
        scheme, n, r, p, _salt, _digest = stored.split("$")
        return scheme != "scrypt" or (int(n), int(r), int(p)) < (N, R, P) or int(n) < N
    except ValueError:
        return True


def password_problem(password: str) -> tuple[str, str] | None:
    """Why a new password is not acceptable (vi, en), or None."""
    if len(password) < MIN_LENGTH:
        return (
            f"Mật khẩu cần ít nhất {MIN_LENGTH} ký tự.",
            f"The password needs at least {MIN_LENGTH} characters.",
        )
    if password.strip() != password:
        return (
            "Mật khẩu không được bắt đầu hoặc kết thúc bằng dấu cách.",
            "The password must not start or end with a space.",
        )
    return None
