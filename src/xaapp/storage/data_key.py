"""The key of an encrypted data file: a recovery code that is the key, and a passphrase that unwraps it.

When the officer chooses encryption, a random **recovery code** is made (24 characters from an alphabet
without look-alikes, printed once for the commune's safe); the database key is derived from it
(SHA-256: the code carries 120 random bits, so nothing slower is needed). The code alone opens the file
and every backup of it, on any computer.

For every day, the key is also stored wrapped under the officer's **passphrase**: scrypt (n=2^15, r=8)
of the passphrase seals it with AES-256-GCM in ``<data dir>/keys/database.key`` — beside the device
key (``storage.device_secret``), never inside the database or its backups. The tag tells a wrong
passphrase from a right one before the file is touched. Changing the passphrase rewraps the same key,
so old backups still open with the new one.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import secrets
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from xaapp.errors import KnownError
from xaapp.paths import private_dir
from xaapp.storage import cipher

KEY_DIR = "keys"
KEY_FILE = "database.key"
FORMAT = "xaapp-data-key-1"
MIN_PASSPHRASE = 8
#: Crockford's base 32 (no I, L, O, U); O is read as 0 and I, L as 1, so a code copied by hand comes back right.
RECOVERY_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_LOOK_ALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})
CODE_LENGTH = 24
_SCRYPT = {"n": 2**15, "r": 8, "p": 1}
_AAD = b"xaapp database key"


def key_file(data_dir: Path) -> Path:
    return data_dir / KEY_DIR / KEY_FILE


@dataclass(frozen=True)
class NewKey:
    key: bytes
    recovery_code: str  # grouped for reading: "ABCD-EFGH-…"


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def recovery_digits(text: str) -> str | None:
    """The code's 24 symbols from what was typed (spaces, dashes and case ignored), or None if it is not one."""
    digits = "".join(ch for ch in text.upper().translate(_LOOK_ALIKES) if ch not in " -\t\n")
    if len(digits) == CODE_LENGTH and all(ch in RECOVERY_ALPHABET for ch in digits):
        return digits
    return None


def key_from_recovery(code: str) -> bytes:
    digits = recovery_digits(code)
    if digits is None:
        raise ValueError("not a recovery code")
    return hashlib.sha256(b"xaapp data key 1\0" + digits.encode("ascii")).digest()


def new_key() -> NewKey:
    digits = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(CODE_LENGTH))
    code = "-".join(digits[i : i + 4] for i in range(0, CODE_LENGTH, 4))
    return NewKey(key_from_recovery(code), code)


def check_passphrase(passphrase: str, repeated: str) -> None:
    """KnownError unless the passphrase is long enough and typed the same twice."""
    if len(_nfc(passphrase)) < MIN_PASSPHRASE:
        raise KnownError(
            f"Mật khẩu dữ liệu cần ít nhất {MIN_PASSPHRASE} ký tự.",
            f"The data passphrase needs at least {MIN_PASSPHRASE} characters.",
        )
    if _nfc(passphrase) != _nfc(repeated):
        raise KnownError(
            "Hai lần nhập mật khẩu dữ liệu không khớp.", "The two data passphrases typed differ."
        )


def _derive(passphrase: str, salt: bytes) -> bytes:
    return hashlib.scrypt(
        _nfc(passphrase).encode("utf-8"), salt=salt, dklen=32, maxmem=64 * 1024 * 1024, **_SCRYPT
    )


def write_key_file(data_dir: Path, key: bytes, passphrase: str) -> Path:
    """Store *key* wrapped under *passphrase* (owner-only file, written whole then renamed into place)."""
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    sealed = AESGCM(_derive(passphrase, salt)).encrypt(nonce, key, _AAD)
    body = {
        "format": FORMAT,
        "kdf": "scrypt",
        **_SCRYPT,
        "salt": base64.b64encode(salt).decode("ascii"),
        "nonce": base64.b64encode(nonce).decode("ascii"),
        "sealed": base64.b64encode(sealed).decode("ascii"),
    }
    path = key_file(data_dir)
    private_dir(path.parent)
    tmp = path.with_name(path.name + ".new")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, json.dumps(body, indent=1).encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)
    return path


def _unwrap(data_dir: Path, passphrase: str) -> bytes | None:
    path = key_file(data_dir)
    if not path.exists():
        return None
    try:
        body = json.loads(path.read_text("utf-8"))
        if body.get("format") != FORMAT:
            return None
        salt, nonce, sealed = (base64.b64decode(body[k]) for k in ("salt", "nonce", "sealed"))
        return AESGCM(_derive(passphrase, salt)).decrypt(nonce, sealed, _AAD)
    except (InvalidTag, ValueError, KeyError):
        return None


def wrong_passphrase(path: Path) -> KnownError:
    return KnownError(
        "Mật khẩu dữ liệu hoặc mã khôi phục không đúng. Hãy gõ lại (để ý phím Caps Lock và bộ gõ tiếng Việt); "
        f"quên mật khẩu thì dùng mã khôi phục đã in khi mã hóa. Tệp dữ liệu: {path}",
        "The data passphrase or recovery code is wrong. Type it again (mind Caps Lock and the Vietnamese "
        f"keyboard); if the passphrase is forgotten, use the recovery code printed at encryption. Data file: {path}",
    )


def unlock(data_dir: Path, db_path: Path, secret: str) -> bytes:
    """The key that opens *db_path*, from the passphrase or the recovery code; KnownError when neither fits."""
    key = _unwrap(data_dir, secret) if secret else None
    if key is not None and cipher.key_opens(db_path, key):
        return key
    if recovery_digits(secret) is not None:
        key = key_from_recovery(secret)
        if cipher.key_opens(db_path, key):
            return key
    raise wrong_passphrase(db_path)
