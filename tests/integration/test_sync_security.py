"""What a fake or hostile server, the network or a copied database cannot do to a laptop.

* A server cannot write outside the data folder: reference kinds and keys never become paths.
* Plain ``http://`` to another machine is refused unless explicitly allowed; over https the server
  certificate seen at enrollment is pinned, and a different one is refused until the officer re-pins.
* The token is sealed (a copied database or backup does not reveal it); the data folder is 0700 and
  its files 0600.
* One sync per data folder: a second one is refused with a message, not a traceback.
"""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from support.faultproxy import FaultProxy
from support.sync_env import Device, LiveServer
from support.tls import fingerprint, make_certificate
from xaapp.cli import main
from xaapp.services.demo import generate_demo
from xaapp.services.sync import enroll_database, repin_certificate, sync_database, sync_status
from xaapp.storage.db import open_database
from xaapp.storage.orm import OutboxEntry
from xaapp.storage.sync_store import SqlSyncStore
from xaapp.sync.errors import CertificateError, InsecureServerError, TokenUnreadable
from xaapp.sync.transport_http import HttpTransport, check_server_url

pytestmark = pytest.mark.integration
COMMUNE = "14923"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_plain_http_to_another_machine_is_refused_unless_allowed(tmp_path: Path, capsys) -> None:
    for url in ("http://sync.thanhhoa.example", "http://203.0.113.7:8750"):
        with pytest.raises(InsecureServerError) as err:
            HttpTransport(url, "token")
        assert "https://" in err.value.message_vi and "--allow-insecure-http" in err.value.message_en
    assert check_server_url("http://203.0.113.7:8750/", allow_insecure_http=True) == "http://203.0.113.7:8750"
    for url in ("http://127.0.0.1:8750", "http://[::1]:8750", "http://localhost:8750", "https://x.example"):
        assert check_server_url(url) == url  # this computer itself, or encrypted: fine
    data = tmp_path / "laptop"
    code = main(["enroll", "--data-dir", str(data), "--server", "http://203.0.113.7:8750", "--code", "X"])
    err = capsys.readouterr().err
    assert code == 2 and "không mã hóa" in err and "not encrypted" in err and "Traceback" not in err


@pytest.fixture
def certificates(tmp_path: Path) -> tuple[tuple[Path, Path], tuple[Path, Path], Path]:
    """Two server certificates for 127.0.0.1 and one CA file trusting both."""
    first, second = make_certificate(tmp_path / "tls", "first"), make_certificate(tmp_path / "tls", "second")
    bundle = tmp_path / "tls" / "province-ca.pem"
    bundle.write_bytes(first[0].read_bytes() + second[0].read_bytes())
    return first, second, bundle


def test_the_certificate_seen_at_enrollment_is_pinned(
    tmp_path: Path, make_device, certificates, capsys
) -> None:
    first, second, bundle = certificates
    db_url = f"sqlite:///{tmp_path / 'server.db'}"
    dev = make_device("a")
    generate_demo(dev.db, households=3, seed=1)
    server = LiveServer(db_url, tls=first).start()
    try:
        with pytest.raises(CertificateError):  # a self-signed server the laptop was not told to trust
            enroll_database(dev.db, server.url, server.issue_code(COMMUNE), "A")
        enroll_database(dev.db, server.url, server.issue_code(COMMUNE), "A", ca_file=str(bundle))
        assert dev.store.identity().tls_pin == fingerprint(first[0])
        assert sync_database(dev.db).counts_match is True
    finally:
        server.stop()

    # The same address now shows another certificate, one the CA file would vouch for: refused.
    server = LiveServer(db_url, tls=second).start()
    try:
        ident = dev.store.identity()
        dev.store.save_identity(ident.device_id, ident.token, server.url, ident.commune_code)
        with dev.db.session(actor="officer") as s:
            from xaapp.storage.orm import Household

            s.scalars(select(Household)).first().phone = "0911222333"
        refused = sync_database(dev.db)
        assert not refused.ok and refused.error["code"] == "certificate_changed" and refused.retries == 0
        assert "repin-certificate" in refused.error["en"] and refused.pending == 1
        assert main(["sync", "--data-dir", str(dev.data_dir)]) == 1
        assert "Chứng chỉ bảo mật" in capsys.readouterr().err
        # The province says it replaced its certificate: the officer accepts the new one.
        assert repin_certificate(dev.db) == fingerprint(second[0])
        again = sync_database(dev.db)
        assert again.ok and again.pushed == {"accepted": 1} and again.counts_match is True
    finally:
        server.stop()


def test_a_server_cannot_write_outside_the_data_folder(
    live_server: LiveServer, make_device, tmp_path: Path
) -> None:
    from xaapp.server.reference import seed

    victim = tmp_path / "other-commune"
    victim.mkdir()
    (victim / "xaapp.db").write_bytes(b"the other data folder's database")
    dev = make_device("a")
    enroll_database(dev.db, live_server.url, live_server.issue_code(COMMUNE), "A")
    evil = [  # (an absolute folder as the kind: tests/unit/sync/test_store_paths.py)
        ("../../other-commune", "xaapp.db", {"x": 2}),  # a relative climb as the kind
        ("rules", "../../../other-commune/xaapp.db", {"x": 3}),  # a climb in the key
    ]
    for item in evil:
        with live_server.engine.begin() as conn:
            seed(conn, [item])
        report = sync_database(dev.db)
        assert not report.ok and report.error["code"] == "protocol", item
        assert (victim / "xaapp.db").read_bytes() == b"the other data folder's database"
        with live_server.engine.begin() as conn:  # take it back before the next one
            from xaapp.server.schema import reference_item

            conn.execute(reference_item.delete().where(reference_item.c.key == item[1]))
    assert sorted(p.name for p in victim.iterdir()) == ["xaapp.db"]
    assert sync_database(dev.db).ok  # a clean server again: the sync goes through


def test_the_token_is_sealed_and_the_data_folder_private(
    live_server: LiveServer, make_device, tmp_path: Path
) -> None:
    dev = make_device("a")
    generate_demo(dev.db, households=2, seed=1)
    enroll_database(dev.db, live_server.url, live_server.issue_code(COMMUNE), "A")
    token = dev.store.identity().token
    assert token.startswith("xa1_")
    assert sync_database(dev.db).ok  # takes a backup copy before applying what it pulls
    backups = list((dev.data_dir / "backups").glob("*.db"))
    assert backups
    for path in [dev.db.path, *backups]:
        assert token.encode() not in path.read_bytes(), path
    wal = Path(str(dev.db.path) + "-wal")
    assert not wal.exists() or token.encode() not in wal.read_bytes()
    if os.name == "posix":
        assert mode(dev.data_dir) == 0o700 and mode(dev.db.path) == 0o600
        assert all(mode(p) == 0o600 for p in backups) and mode(dev.data_dir / "backups") == 0o700
        key = dev.data_dir / "keys" / "device.key"
        assert mode(key.parent) == 0o700 and mode(key) == 0o600
    # A copy of the database alone (a backup on a USB stick) cannot use the token.
    elsewhere = tmp_path / "copied"
    elsewhere.mkdir()
    conn = sqlite3.connect(dev.db.path)
    conn.execute(f"VACUUM INTO '{elsewhere / 'xaapp.db'}'")
    conn.close()
    copy = open_database(elsewhere)
    try:
        with pytest.raises(TokenUnreadable) as err:
            SqlSyncStore(copy).identity()
        assert "đăng ký lại" in err.value.message_vi
        status = sync_status(copy)  # the Sync screen still opens, and says why it cannot sync
        assert not status.enrolled and status.last_report["error"]["code"] == "token_unreadable"
    finally:
        copy.close()


def test_a_clear_token_from_an_older_version_is_sealed_on_upgrade(tmp_path: Path) -> None:
    from xaapp.storage.migrations.runner import STEPS, migrate

    folder = tmp_path / "old"
    folder.mkdir()
    path = folder / "xaapp.db"
    migrate(path, folder / "backups", STEPS[:3])  # the schema before sealing
    conn = sqlite3.connect(path)
    conn.executemany(
        "INSERT INTO sync_state (key, value) VALUES (?, ?)",
        [
            ("device_id", "dev-1"),
            ("token", "xa1_clear-token"),
            ("server_url", "https://x"),
            ("commune_code", "14923"),
        ],
    )
    conn.commit()
    conn.close()
    db = open_database(folder)
    try:
        stored = (
            db.engine.connect().exec_driver_sql("SELECT value FROM sync_state WHERE key='token'").scalar()
        )
        assert stored.startswith("sealed1:") and "xa1_clear-token" not in stored
        assert SqlSyncStore(db).identity().token == "xa1_clear-token"
    finally:
        db.close()


def _acked(dev: Device) -> int:
    with dev.db.read() as s:
        return s.scalar(
            select(func.count()).select_from(OutboxEntry).where(OutboxEntry.acked_at.is_not(None))
        )


def test_a_second_sync_on_the_same_folder_is_refused_with_a_message(
    live_server: LiveServer, make_device, capsys
) -> None:
    dev = make_device("a")
    generate_demo(dev.db, households=80, seed=5)
    enroll_database(dev.db, live_server.url, live_server.issue_code(COMMUNE), "A")
    with FaultProxy(live_server.port, delay=0.01, rate_bytes_per_s=20_000, seed=5) as proxy:
        ident = dev.store.identity()
        dev.store.save_identity(ident.device_id, ident.token, proxy.url, ident.commune_code)
        first = subprocess.Popen(
            [sys.executable, "-m", "xaapp", "sync", "--data-dir", str(dev.data_dir), "--json"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        try:
            deadline = time.monotonic() + 60
            while _acked(dev) == 0 and first.poll() is None and time.monotonic() < deadline:
                time.sleep(0.05)
            assert first.poll() is None, "the first sync ended before the second could start"
            assert main(["sync", "--data-dir", str(dev.data_dir)]) == 2
            err = capsys.readouterr().err
            assert "đồng bộ khác đang chạy" in err and "Another sync is already running" in err
            assert "Traceback" not in err
            proxy.configure(rate_bytes_per_s=None, delay=0.0)
            out, err_first = first.communicate(timeout=120)
        finally:
            if first.poll() is None:
                first.kill()
                first.communicate()
    assert first.returncode == 0, err_first.decode()
    assert json.loads(out)["counts_match"] is True


def test_a_data_folder_made_from_the_command_line_is_private(tmp_path: Path) -> None:
    data = tmp_path / "new-laptop"
    assert main(["demo", "--data-dir", str(data), "--households", "1", "--quiet"]) == 0
    if os.name == "posix":
        assert mode(data) == 0o700 and mode(data / "xaapp.db") == 0o600
