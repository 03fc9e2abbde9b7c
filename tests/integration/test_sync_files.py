"""Sync files (USB stick): import as idempotent as a push; replayed, tampered and forged files refused.

Also drives the command line end to end: ``xaapp server enroll|stats|import|revoke``, ``xaapp enroll``,
``xaapp sync [--json] [--export-file]``.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from support.sync_env import LiveServer
from xaapp.cli import main
from xaapp.server import admin
from xaapp.services.demo import generate_demo
from xaapp.services.sync import (
    enroll_database,
    export_sync_file,
    import_receipt,
    list_conflicts,
    resolve_conflict,
    sync_database,
)
from xaapp.storage.orm import Household
from xaapp.sync.errors import SyncFileError

pytestmark = pytest.mark.integration
COMMUNE = "14923"


def rewrite(src: Path, dst: Path, change) -> None:
    body = json.loads(gzip.decompress(src.read_bytes()))
    change(body)
    dst.write_bytes(gzip.compress(json.dumps(body, ensure_ascii=False).encode()))


def test_file_import_is_idempotent_and_refuses_replays_and_tampering(
    live_server: LiveServer, make_device, tmp_path: Path
) -> None:
    dev = make_device("a")
    generate_demo(dev.db, households=10, seed=4)
    enroll_database(dev.db, live_server.url, live_server.issue_code(COMMUNE), "A")
    out = tmp_path / "xa-14923-1.xasync"
    result = export_sync_file(dev.db, out)
    n = sum(dev.store.local_counts().values())
    assert result["records"] == n and dev.store.pending_count() == n  # written, not yet acknowledged

    report = admin.import_file(live_server.engine, out.read_bytes())
    assert report.outcomes == {"accepted": n} and report.file_seq == 1
    receipt = tmp_path / "xa-14923-1.receipt"
    receipt.write_bytes(report.receipt_file)
    assert import_receipt(dev.db, receipt)["pending"] == 0  # the receipt carried back settles them
    assert import_receipt(dev.db, receipt)["pending"] == 0  # a second copy changes nothing
    with pytest.raises(SyncFileError) as replay:
        admin.import_file(live_server.engine, out.read_bytes())
    assert replay.value.code == "file_replayed" and "đã được nhập" in replay.value.message_vi

    # Edit, export again; then tamper with copies of the new file in three ways.
    with dev.db.session(actor="officer") as s:
        s.scalars(select(Household)).first().address = "Bản Sạng"
    second = tmp_path / "xa-14923-2.xasync"
    assert export_sync_file(dev.db, second)["records"] == 1

    edited = tmp_path / "edited.xasync"
    rewrite(second, edited, lambda b: b["records"][0]["data"].update(address="Bản Khác"))
    forged = tmp_path / "forged.xasync"

    def forge(body: dict) -> None:
        import hashlib

        from xaapp.sync.protocol import canonical_json

        body["records"][0]["data"]["address"] = "Bản Khác"
        body["checksum"] = hashlib.sha256(
            canonical_json({"header": body["header"], "records": body["records"]})
        ).hexdigest()

    rewrite(second, forged, forge)
    truncated = tmp_path / "truncated.xasync"
    truncated.write_bytes(second.read_bytes()[:-40])
    for path, code in ((edited, "file_tampered"), (forged, "file_signature"), (truncated, "file_unreadable")):
        with pytest.raises(SyncFileError) as err:
            admin.import_file(live_server.engine, path.read_bytes())
        assert err.value.code == code
    assert admin.import_file(live_server.engine, second.read_bytes()).outcomes == {"accepted": 1}
    assert dev.store.pending_count() == 1  # its receipt has not come back

    # Later the network comes back: the handshake brings the second file's receipt, so nothing is
    # sent twice, and both sides agree.
    after = sync_database(dev.db)
    assert after.ok and after.receipts == 1 and after.pushed == {} and after.counts_match is True
    assert dev.store.pending_count() == 0


def test_command_line_end_to_end(live_server: LiveServer, tmp_path: Path, capsys) -> None:
    db = live_server.db_url
    assert main(["server", "enroll", "--db", db, "--commune", COMMUNE]) == 0
    code = capsys.readouterr().out.strip().splitlines()[-1]
    data = tmp_path / "laptop"
    assert main(["demo", "--data-dir", str(data), "--households", "6", "--seed", "2", "--quiet"]) == 0
    assert main(["enroll", "--data-dir", str(data), "--server", live_server.url, "--code", code]) == 0
    assert "Đã đăng ký" in capsys.readouterr().out

    assert main(["sync", "--data-dir", str(data), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] and report["counts_match"] and report["pushed"]["accepted"] > 6

    assert main(["server", "stats", "--db", db, "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["communes"][COMMUNE]["records"]["household"] == 6
    assert main(["server", "stats", "--db", db]) == 0
    assert "household" in capsys.readouterr().out

    assert main(["sync", "--data-dir", str(data), "--export-file", str(tmp_path / "f.xasync")]) == 0
    assert "Không có thay đổi" in capsys.readouterr().out  # nothing pending

    from xaapp.storage.db import open_database

    local = open_database(data)
    with local.session(actor="officer") as s:
        s.scalars(select(Household)).first().phone = "0987654321"
    local.close()
    assert main(["sync", "--data-dir", str(data), "--export-file", str(tmp_path / "f.xasync")]) == 0
    assert "1 bản ghi" in capsys.readouterr().out
    assert main(["server", "import", "--db", db, str(tmp_path / "f.xasync")]) == 0
    assert "mới/accepted 1" in capsys.readouterr().out
    assert main(["server", "import", "--db", db, str(tmp_path / "f.xasync")]) == 2
    assert "đã được nhập" in capsys.readouterr().err
    receipt = tmp_path / "f.xasync.receipt"
    assert main(["sync", "--data-dir", str(data), "--import-receipt", str(receipt)]) == 0
    assert "còn chờ gửi 0" in capsys.readouterr().out

    device_id = stats["devices"][0]["id"]
    assert main(["server", "revoke", "--db", db, "--device", device_id]) == 0
    capsys.readouterr()
    assert main(["sync", "--data-dir", str(data)]) == 1
    err = capsys.readouterr().err
    assert "thu hồi" in err and "Traceback" not in err


def test_a_conflict_found_when_a_file_is_imported_reaches_the_officer(
    live_server: LiveServer, make_device, tmp_path: Path
) -> None:
    a, b = make_device("a"), make_device("b")
    generate_demo(a.db, households=8, seed=6)
    enroll_database(a.db, live_server.url, live_server.issue_code(COMMUNE), "A")
    assert sync_database(a.db).ok
    enroll_database(b.db, live_server.url, live_server.issue_code(COMMUNE), "B")
    assert sync_database(b.db).ok
    with a.db.read() as s:
        uuid = s.scalars(select(Household.uuid)).first()

    def set_address(dev, address: str) -> None:
        with dev.db.session(actor="officer") as s:
            s.scalar(select(Household).where(Household.uuid == uuid)).address = address

    set_address(a, "Bản Đôn, nhà số 7")
    assert sync_database(a.db).ok  # A reached the server first, online
    set_address(b, "Bản Đôn, gần trường")
    out = tmp_path / "b-1.xasync"
    assert export_sync_file(b.db, out)["records"] == 1  # B had no network: its change went by USB
    report = admin.import_file(live_server.engine, out.read_bytes())
    assert report.outcomes == {"conflict": 1}

    # B's next online sync brings the conflict to its officer; nothing is overwritten meanwhile.
    back = sync_database(b.db)
    assert back.ok and back.open_conflicts == 1
    conflicts = list_conflicts(b.db)
    assert [
        (c.entity_uuid, dict((f, (lv, sv)) for f, lv, sv in c.differences)["address"]) for c in conflicts
    ] == [(uuid, ("Bản Đôn, gần trường", "Bản Đôn, nhà số 7"))]
    assert sync_database(b.db).open_conflicts == 1  # asked once, not duplicated by later syncs
    resolve_conflict(b.db, conflicts[0].id, "local", actor="thu")
    assert sync_database(b.db).ok and list_conflicts(b.db) == []
    assert sync_database(a.db).ok
    with a.db.read() as s:
        assert s.scalar(select(Household.address).where(Household.uuid == uuid)) == "Bản Đôn, gần trường"
    assert sync_database(b.db).open_conflicts == 0  # the server moved on: nothing to ask again
