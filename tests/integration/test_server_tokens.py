"""Device tokens and keys: a retried enrolment gets its device back, tokens expire and rotate, and the
file-signing keys are sealed with a server key kept outside the database."""

from __future__ import annotations

import base64
import hashlib
import secrets
import stat
import uuid as uuid_mod
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import requests
from sqlalchemy import func, select, update

from support.legacy_server_schema import legacy_database
from support.sync_env import LiveServer
from xaapp.errors import KnownError
from xaapp.server import admin, devices, keys
from xaapp.server.database import make_engine
from xaapp.server.schema import device
from xaapp.sync.errors import SyncFileError
from xaapp.sync.file_transport import SyncFileHeader, build_sync_file, signing_key
from xaapp.sync.protocol import RecordChange

pytestmark = pytest.mark.integration
A = "14923"
STAMP = {"created_at": "2026-01-01T00:00:00", "updated_at": "2026-01-01T00:00:00", "deleted_at": None}


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def post_enroll(server: LiveServer, code: str, request_id: str | None = None) -> requests.Response:
    body = {"code": code, "label": "máy xã"}
    if request_id:
        body["request_id"] = request_id
    return requests.post(f"{server.url}/v1/enroll", json=body, timeout=10)


def handshake(server: LiveServer, token: str) -> requests.Response:
    return requests.post(
        f"{server.url}/v1/handshake",
        json={"protocol": 1, "app_version": "t", "client_time": "2026-01-01T00:00:00Z"},
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    )


def rotate(server: LiveServer, token: str) -> requests.Response:
    return requests.post(
        f"{server.url}/v1/token/rotate", headers={"Authorization": f"Bearer {token}"}, timeout=10
    )


def sync_file(device_id: str, token: str, seq: int) -> bytes:
    data = {"commune_code": A, "name": f"Thôn {seq}", "area_type": "rural", **STAMP}
    rec = RecordChange.make("village", str(uuid_mod.uuid4()), 1, 0, "upsert", data)
    head = SyncFileHeader(device_id, A, seq, str(uuid_mod.uuid4()), "2026-01-01T00:00:00Z")
    return build_sync_file(head, [rec], signing_key(token))


def test_a_retried_enrolment_gets_the_same_device(live_server: LiveServer) -> None:
    code = live_server.issue_code(A)
    request_id = str(uuid_mod.uuid4())
    first = post_enroll(live_server, code, request_id)
    assert first.status_code == 200
    # The answer was lost; the laptop sends the same request again.
    again = post_enroll(live_server, code, request_id)
    assert again.status_code == 200
    assert again.json()["device_id"] == first.json()["device_id"]
    assert again.json()["token"] != first.json()["token"]
    assert handshake(live_server, first.json()["token"]).status_code == 401  # the lost token is dead
    assert handshake(live_server, again.json()["token"]).status_code == 200
    # Anyone else with the code, or a request without an id, is refused as before.
    for other in (str(uuid_mod.uuid4()), None):
        refused = post_enroll(live_server, code, other)
        assert refused.status_code == 400 and refused.json()["detail"]["code"] == "enroll_refused"
    with live_server.engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(device)) == 1  # no unused device left behind

    # After 24 hours the code is spent for good; a revoked device is not revived either.
    later = devices.ENROLL_RETRY_WINDOW + timedelta(minutes=1)
    with pytest.raises(devices.EnrollRefused), live_server.engine.begin() as conn:
        devices.enroll(conn, code, "", now() + later, request_id=request_id)
    admin.revoke(live_server.engine, first.json()["device_id"])
    assert post_enroll(live_server, code, request_id).status_code == 400


def test_tokens_expire_and_rotate(server_db_url: str, tmp_path: Path) -> None:
    server = LiveServer(server_db_url, token_days=30).start()
    try:
        enrolled = post_enroll(server, server.issue_code(A), str(uuid_mod.uuid4())).json()
        token, device_id = enrolled["token"], enrolled["device_id"]
        expires = datetime.fromisoformat(enrolled["token_expires_at"].rstrip("Z"))
        assert abs(expires - (now() + timedelta(days=30))) < timedelta(minutes=5)
        shake = handshake(server, token).json()
        assert shake["token_expires_at"] == enrolled["token_expires_at"]
        old_file = sync_file(device_id, token, 1)  # exported with the token about to be replaced

        # Rotation: a new token; the old one stops working.
        rotated = rotate(server, token)
        assert rotated.status_code == 200 and set(rotated.json()) == {"token", "expires_at"}
        second = rotated.json()["token"]
        refused = handshake(server, token)
        assert refused.status_code == 401 and refused.json()["detail"]["code"] == "bad_token"
        # The answer was lost: the old token may ask once more while the new one is unused …
        third = rotate(server, token).json()["token"]
        assert handshake(server, second).status_code == 401
        assert handshake(server, third).status_code == 200
        # … and not after the new token was used.
        assert rotate(server, token).status_code == 401
        assert handshake(server, third).status_code == 200

        # A file exported before the rotation still imports; one signed with the new key too.
        assert admin.import_file(server.engine, old_file).outcomes == {"accepted": 1}
        assert admin.import_file(server.engine, sync_file(device_id, third, 2)).outcomes == {"accepted": 1}
        with pytest.raises(SyncFileError) as forged:
            admin.import_file(server.engine, sync_file(device_id, "xa1_guess", 3))
        assert forged.value.code == "file_signature"

        # Expiry: 401 token_expired, and an expired token cannot rotate itself.
        with server.engine.begin() as conn:
            conn.execute(update(device).values(token_expires_at=now() - timedelta(seconds=1)))
        for answer in (handshake(server, third), rotate(server, third)):
            assert answer.status_code == 401 and answer.json()["detail"]["code"] == "token_expired"
            assert answer.json()["detail"]["message_vi"]

        # Tokens are kept only as digests.
        with server.engine.connect() as conn:
            row = conn.execute(select(device)).one()
        assert row.token_hash == hashlib.sha256(third.encode()).hexdigest()
        assert third not in repr(tuple(row))
    finally:
        server.stop()


def test_signing_keys_are_sealed_with_a_key_outside_the_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(keys.ENV_KEY, raising=False)
    monkeypatch.delenv(keys.ENV_KEY_FILE, raising=False)
    db = tmp_path / "central.db"
    url = f"sqlite:///{db}"
    server = LiveServer(url).start()
    try:
        enrolled = post_enroll(server, server.issue_code(A)).json()
    finally:
        server.stop()
    key_file = Path(f"{db}.key")
    assert key_file.exists() and stat.S_IMODE(key_file.stat().st_mode) == 0o600
    clear = signing_key(enrolled["token"]).hex()
    with server.engine.connect() as conn:
        row = conn.execute(select(device)).one()
    assert row.signing_key == "" and row.signing_key_sealed and clear not in row.signing_key_sealed
    server.engine.dispose()
    assert clear.encode() not in db.read_bytes()
    assert (
        admin.import_file(
            admin.open_engine(url), sync_file(enrolled["device_id"], enrolled["token"], 1)
        ).records
        == 1
    )

    # Another key is refused, and so is a missing key file: the sealed keys would be lost.
    other = tmp_path / "other.key"
    other.write_text(base64.b64encode(secrets.token_bytes(32)).decode())
    with pytest.raises(KnownError, match="not the key this database was used with"):
        admin.prepare(url, str(other))
    with pytest.raises(KnownError, match="missing"):  # never a fresh key for a database that has one
        admin.prepare(url, str(tmp_path / "new.key"))
    assert not (tmp_path / "new.key").exists()
    key_file.rename(tmp_path / "moved.key")
    with pytest.raises(KnownError, match="missing"):
        admin.prepare(url)
    assert not key_file.exists()
    admin.prepare(url, str(tmp_path / "moved.key"))  # the right key, from where it now is


def test_clear_keys_of_an_older_server_are_sealed_on_upgrade(server_db_url: str) -> None:
    url = server_db_url
    engine = make_engine(url)
    token = "xa1_" + "t" * 43
    with engine.begin() as conn:  # a database as the old runner left it at schema version 1
        legacy_database(conn, 1)
        conn.execute(
            device.insert().values(
                id="dev-old",
                commune_code=A,
                token_hash=hashlib.sha256(token.encode()).hexdigest(),
                signing_key=signing_key(token).hex(),
                label="",
                enrolled_at=datetime(2025, 1, 1),
            )
        )
    engine.dispose()
    admin.prepare(url)
    engine = admin.open_engine(url)
    with engine.connect() as conn:
        row = conn.execute(select(device)).one()
    assert row.signing_key == "" and row.signing_key_sealed
    assert row.token_expires_at > now() + timedelta(days=364)  # a year from the upgrade, not from 2025
    with engine.begin() as conn:
        assert devices.authenticate(conn, token).id == "dev-old"
    assert admin.import_file(engine, sync_file("dev-old", token, 1)).outcomes == {"accepted": 1}
    engine.dispose()
