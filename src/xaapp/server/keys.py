"""The server key: kept outside the database, it seals the devices' file-signing keys.

A device's file-signing key (HMAC of its token, see ``sync.file_transport``) lets whoever holds it
forge sync files for that device, so the database stores it only sealed (AES-256-GCM, the device
id as associated data) with a 32-byte server key that never enters the database. Where the key
comes from, first match wins:

1. an explicit key file (``--key-file FILE``, ``ServerSettings.key_file``);
2. ``XAAPP_SERVER_KEY``: the key itself, base64 (for containers and secret stores);
3. ``XAAPP_SERVER_KEY_FILE``: a key file;
4. the default file: beside an SQLite database (``xaapp-server.db.key``), else ``server.key`` in
   the user's configuration folder (``~/.config/xaapp`` on Linux), never in the database.

A missing key file is created on first use (mode 0600, atomically, so two instances starting
together agree). The database remembers a check value of the key (``server_meta``): a server
started with another key refuses to run instead of failing to read the keys it sealed; a database
that holds sealed keys but whose key file is gone is never given a new key silently.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, select, update

from xaapp.errors import KnownError
from xaapp.server.database import normalise_url
from xaapp.server.schema import device, server_meta

ENV_KEY = "XAAPP_SERVER_KEY"
ENV_KEY_FILE = "XAAPP_SERVER_KEY_FILE"
KEY_BYTES = 32
_CHECK_LABEL = b"xaapp-server-key-check-v1"
_META_CHECK = "server_key_check"
_SEAL_PREFIX = "v1."


@dataclass(frozen=True)
class ServerKey:
    raw: bytes
    source: str  # where it came from, for messages (never the key itself)

    def __repr__(self) -> str:  # never print the key
        return f"ServerKey(source={self.source!r})"

    def check_value(self) -> str:
        return hmac.new(self.raw, _CHECK_LABEL, hashlib.sha256).hexdigest()[:32]

    def seal(self, plain: bytes, device_id: str) -> str:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        nonce = secrets.token_bytes(12)
        sealed = AESGCM(self.raw).encrypt(nonce, plain, device_id.encode("utf-8"))
        return _SEAL_PREFIX + base64.b64encode(nonce + sealed).decode("ascii")

    def open(self, sealed: str, device_id: str) -> bytes:
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        try:
            if not sealed.startswith(_SEAL_PREFIX):
                raise ValueError(sealed[:3])
            blob = base64.b64decode(sealed[len(_SEAL_PREFIX) :], validate=True)
            return AESGCM(self.raw).decrypt(blob[:12], blob[12:], device_id.encode("utf-8"))
        except (ValueError, binascii.Error, InvalidTag) as exc:
            raise KnownError(
                f"Không mở được khóa ký tệp của thiết bị {device_id} bằng khóa máy chủ ({self.source}).",
                f"The file-signing key of device {device_id} cannot be opened with the server key "
                f"({self.source}).",
            ) from exc


def default_key_path(db_url: str | None) -> Path:
    url = normalise_url(db_url)
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        return Path(url[len("sqlite:///") :] + ".key")
    from platformdirs import user_config_path

    return user_config_path("xaapp") / "server.key"


def _decode(text: str, source: str) -> bytes:
    try:
        raw = base64.b64decode(text.strip(), validate=True)
    except (ValueError, binascii.Error):
        raw = b""
    if len(raw) != KEY_BYTES:
        raise KnownError(
            f"Khóa máy chủ ({source}) không đúng: cần {KEY_BYTES} byte mã hóa base64.",
            f"The server key ({source}) is not valid: it must be {KEY_BYTES} bytes, base64-encoded.",
        )
    return raw


def _create(path: Path) -> None:
    """Write a new random key to *path* (0600) unless the file appears meanwhile."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(base64.b64encode(secrets.token_bytes(KEY_BYTES)).decode("ascii") + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        try:
            os.link(tmp, path)  # atomic, and fails if another instance created it first
        except FileExistsError:
            pass
    finally:
        tmp.unlink(missing_ok=True)


def _read_file(path: Path, may_create: bool) -> ServerKey:
    source = str(path)
    if not path.exists():
        if not may_create:
            raise KnownError(
                f"Không có tệp khóa máy chủ {path}. Khóa ký tệp của các thiết bị đã được niêm phong bằng "
                "khóa đó: hãy khôi phục tệp khóa (hoặc chỉ đúng tệp bằng --key-file).",
                f"The server key file {path} is missing. The devices' file-signing keys were sealed with "
                "that key: restore the key file (or point --key-file to it).",
            )
        _create(path)
    try:
        text = path.read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError) as exc:
        raise KnownError(
            f"Không đọc được tệp khóa máy chủ {path}.", f"Cannot read the server key file {path}: {exc}."
        ) from exc
    return ServerKey(_decode(text, source), source)


def load_server_key(
    db_url: str | None, key_file: str | os.PathLike[str] | None = None, *, may_create: bool = True
) -> ServerKey:
    """The server key for the database at *db_url* (see the module docstring for the order)."""
    if key_file:
        return _read_file(Path(key_file).expanduser().resolve(), may_create)
    if os.environ.get(ENV_KEY):
        return ServerKey(_decode(os.environ[ENV_KEY], ENV_KEY), ENV_KEY)
    if os.environ.get(ENV_KEY_FILE):
        return _read_file(Path(os.environ[ENV_KEY_FILE]).expanduser().resolve(), may_create)
    return _read_file(default_key_path(db_url), may_create)


def bind(conn: Connection, key: ServerKey) -> int:
    """Check *key* against the database's check value (recording it on first use) and seal any
    file-signing key still stored in clear by an older server. Returns how many keys were sealed."""
    stored = conn.scalar(select(server_meta.c.value).where(server_meta.c.key == _META_CHECK))
    if stored is None:
        conn.execute(server_meta.insert().values(key=_META_CHECK, value=key.check_value()))
    elif not hmac.compare_digest(stored, key.check_value()):
        raise KnownError(
            f"Khóa máy chủ ({key.source}) không phải khóa đã dùng với cơ sở dữ liệu này. Hãy dùng đúng tệp "
            "khóa (--key-file) hoặc biến XAAPP_SERVER_KEY.",
            f"The server key ({key.source}) is not the key this database was used with. Use the right key "
            "file (--key-file) or XAAPP_SERVER_KEY.",
        )
    legacy = conn.execute(select(device.c.id, device.c.signing_key).where(device.c.signing_key != "")).all()
    for row in legacy:
        conn.execute(
            update(device)
            .where(device.c.id == row.id)
            .values(signing_key="", signing_key_sealed=key.seal(bytes.fromhex(row.signing_key), row.id))
        )
    return len(legacy)


def database_has_key(conn: Connection) -> bool:
    """Whether a key was already bound to this database (so a missing key file is an error)."""
    if not conn.dialect.has_table(conn, "server_meta"):
        return False
    return conn.scalar(select(server_meta.c.value).where(server_meta.c.key == _META_CHECK)) is not None


def open_for(
    conn: Connection, db_url: str | None, key_file: str | os.PathLike[str] | None = None
) -> ServerKey:
    """Load the key for a migrated database and bind it (a new key file only for a database without one)."""
    key = load_server_key(db_url, key_file, may_create=not database_has_key(conn))
    bind(conn, key)
    return key
