"""Attached files reach the province and the commune's other laptops (``sync.attachments``), on SQLite and
PostgreSQL: a scanned certificate attached on laptop A is uploaded after A's push and fetched by laptop
B after its pull, byte for byte; an upload or a fetch cut half-way goes on from where it stopped; bytes
that do not match their hash are discarded; a file above the server's limit is refused with a message
naming the record and the question; and a device of another commune learns nothing about a file."""

from __future__ import annotations

import hashlib
import os
import random
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests
from sqlalchemy import select

from support.faultproxy import FaultProxy
from support.sync_env import Device, LiveServer
from xaapp.forms_engine.attachments import Attachment, store
from xaapp.server.attachment_store import attachment, attachment_chunk
from xaapp.services.demo import generate_demo
from xaapp.services.sync import enroll_database, sync_database
from xaapp.storage.orm import PovertyReview
from xaapp.sync.attachments import AttachmentRefused
from xaapp.sync.attachments_http import HttpAttachments
from xaapp.sync.engine import SyncOptions, run_sync
from xaapp.sync.transport_http import HttpTransport

pytestmark = pytest.mark.integration
COMMUNE, OTHER = "14923", "16522"
QUESTION = "ho_so/giay_xac_nhan_khuyet_tat"


def scan(tmp_path: Path, size: int, name: str = "giấy xác nhận khuyết tật.jpg", seed: int = 1) -> Path:
    path = tmp_path / f"scan-{seed}-{size}" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(random.Random(seed).randbytes(size))  # incompressible, as a scanned JPEG
    return path


def attach(dev: Device, source: Path) -> tuple[Attachment, str]:
    """Attach *source* to the first household review's answers, as the interview's «Chọn tệp…» does."""
    att = store(source, dev.data_dir)
    with dev.db.session(actor="officer") as s:
        review = s.scalars(select(PovertyReview).order_by(PovertyReview.id)).first()
        answers = dict(review.answers or {})
        answers["ho_so"] = {**(answers.get("ho_so") or {}), "giay_xac_nhan_khuyet_tat": att.answer}
        review.answers = answers
        return att, review.uuid


def enrolled(server: LiveServer, dev: Device, label: str, commune: str = COMMUNE) -> Device:
    enroll_database(dev.db, server.url, server.issue_code(commune), label)
    return dev


def through(dev: Device, url: str) -> None:
    ident = dev.store.identity()
    dev.store.save_identity(ident.device_id, ident.token, url, ident.commune_code)


@contextmanager
def client(server_url: str, dev: Device) -> Iterator[HttpAttachments]:
    t = HttpTransport(server_url, dev.store.identity().token)
    try:
        yield HttpAttachments(t)
    finally:
        t.close()


def server_file(server: LiveServer, sha: str) -> tuple[bool, bytes] | None:
    with server.engine.connect() as conn:
        row = conn.execute(select(attachment.c.complete).where(attachment.c.sha256 == sha)).first()
        if row is None:
            return None
        parts = conn.execute(
            select(attachment_chunk.c.data)
            .where(attachment_chunk.c.sha256 == sha)
            .order_by(attachment_chunk.c.at_byte)
        )
        return bool(row.complete), b"".join(bytes(p.data) for p in parts)


QUICK = SyncOptions(backoff_base=0.001, backoff_cap=0.002, max_attempts=200, seed=5)


def test_a_file_attached_on_one_laptop_reaches_another(
    live_server: LiveServer, make_device, tmp_path
) -> None:
    a = make_device("a")
    generate_demo(a.db, households=2, seed=3)
    source = scan(tmp_path, 700_000)
    att, _uuid = attach(a, source)
    enrolled(live_server, a, "A")
    report = sync_database(a.db)
    assert report.ok and report.attachments_sent == 1 and report.attachments_waiting == []
    assert server_file(live_server, att.sha256) == (True, source.read_bytes())

    b = enrolled(live_server, make_device("b"), "B")
    report = sync_database(b.db)
    assert report.ok and report.attachments_received == 1 and report.attachments_waiting == []
    stored = b.data_dir / "attachments" / att.sha256
    assert stored.read_bytes() == source.read_bytes()
    assert stored.stat().st_mode & 0o077 == 0
    assert not list((b.data_dir / "attachments").glob(".partial-*"))

    again = sync_database(a.db)  # nothing moves twice
    assert again.ok and (again.attachments_sent, again.attachments_received) == (0, 0)
    assert again.attachments_waiting == []


def test_a_file_whose_record_is_not_on_the_server_waits_with_why(
    live_server: LiveServer, make_device, tmp_path
) -> None:
    a = make_device("a")
    generate_demo(a.db, households=2, seed=3)
    enrolled(live_server, a, "A")
    assert sync_database(a.db).ok
    b = enrolled(live_server, make_device("b"), "B")
    assert sync_database(b.db).ok
    att, uuid = attach(a, scan(tmp_path, 5_000))
    a_report = sync_database(a.db)  # A sends it; then B pulls the record: if A had not, B would wait
    assert a_report.attachments_sent == 1
    (a.data_dir / "attachments" / att.sha256).unlink()  # say A lost it: B still gets it from the server
    report = sync_database(b.db)
    assert report.attachments_received == 1

    c_file = scan(tmp_path, 3_000, seed=9)
    with b.db.session(actor="officer") as s:  # B names a file it does not hold and nobody sent
        review = s.scalars(select(PovertyReview).where(PovertyReview.uuid == uuid)).one()
        missing = hashlib.sha256(c_file.read_bytes()).hexdigest()
        review.answers = {**review.answers, "anh_nha": f"{missing}/nhà.jpg"}
    report = sync_database(b.db)
    assert report.ok, report.error
    (waiting,) = report.attachments_waiting
    assert waiting["code"] == "attachment_not_on_server" and waiting["uuid"] == uuid
    assert waiting["question"] == "anh_nha" and waiting["vi"].startswith("Máy chủ tỉnh chưa có tệp này")


def test_an_upload_and_a_fetch_cut_half_way_go_on_where_they_stopped(
    live_server: LiveServer, make_device, tmp_path
) -> None:
    a = make_device("a")
    generate_demo(a.db, households=2, seed=3)
    enrolled(live_server, a, "A")
    source = scan(tmp_path, 400_000)
    att, _ = attach(a, source)
    # The records went out, and the laptop was switched off after sending the file's first 150,000 bytes.
    with client(live_server.url, a) as up:
        assert run_sync(a.store, up.t).ok
        assert up.upload_attachment(att.sha256, 400_000, 0, source.read_bytes()[:150_000]) == (150_000, False)
        status = up.attachment_status([att.sha256]).states[att.sha256]
        assert (status.state, status.offset) == ("partial", 150_000)
    with FaultProxy(live_server.port) as proxy:
        through(a, proxy.url)
        report = sync_database(a.db, options=QUICK)
        assert report.ok and report.attachments_sent == 1
        assert proxy.stats.bytes_up < 400_000 - 150_000 + 60_000, "the upload started again from zero"
    assert server_file(live_server, att.sha256) == (True, source.read_bytes())

    # A link that cuts uploads and answers: the chunk shrinks until pieces get through.
    b = make_device("b")
    generate_demo(b.db, households=1, seed=4)
    big = scan(tmp_path, 300_000, seed=2)
    att_b, _ = attach(b, big)
    enrolled(live_server, b, "B")
    with FaultProxy(live_server.port, cut_probability=0.5, cut_max_bytes=60_000, seed=3) as proxy:
        through(b, proxy.url)
        runs = [sync_database(b.db, options=QUICK)]
        while not runs[-1].ok and len(runs) < 3:
            runs.append(sync_database(b.db, options=QUICK))
        assert runs[-1].ok, [r.error for r in runs]
        assert sum(r.attachments_sent for r in runs) == 1 and proxy.stats.cuts > 3
    assert server_file(live_server, att_b.sha256) == (True, big.read_bytes())

    # A laptop that fetched half a file before it was switched off fetches only the rest.
    c = enrolled(live_server, make_device("c"), "C")
    folder = c.data_dir / "attachments"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f".partial-{att.sha256}").write_bytes(source.read_bytes()[:300_000])
    with FaultProxy(live_server.port) as proxy:
        through(c, proxy.url)
        report = sync_database(c.db, options=QUICK)
        assert report.ok and report.attachments_received == 2, report.attachments_waiting
        # the rest of one file, the other whole, and the new laptop's first pull (about 80 KB)
        assert proxy.stats.bytes_down < 100_000 + 300_000 + 200_000, "the fetch started again from zero"
    assert (folder / att.sha256).read_bytes() == source.read_bytes()
    assert (folder / att_b.sha256).read_bytes() == big.read_bytes()


def test_bytes_that_do_not_match_their_hash_are_discarded(
    live_server: LiveServer, make_device, tmp_path
) -> None:
    a = make_device("a")
    generate_demo(a.db, households=2, seed=3)
    source = scan(tmp_path, 100_000)
    att, _ = attach(a, source)
    enrolled(live_server, a, "A")
    stored = a.data_dir / "attachments" / att.sha256
    good = stored.read_bytes()
    os.chmod(stored, 0o600)
    stored.write_bytes(good[:-1] + b"!")  # spoilt on this disk: not sent, and the officer is told
    report = sync_database(a.db)
    assert report.ok and report.attachments_sent == 0
    (waiting,) = report.attachments_waiting
    assert waiting["code"] == "attachment_damaged_here" and "đính kèm lại" in waiting["vi"]
    assert server_file(live_server, att.sha256) is None

    with client(live_server.url, a) as up:  # tampered on the way: the server checks at the last byte
        assert up.upload_attachment(att.sha256, len(good), 0, good[:50_000]) == (50_000, False)
        with pytest.raises(AttachmentRefused) as refused:
            up.upload_attachment(att.sha256, len(good), 50_000, b"\0" * (len(good) - 50_000))
        assert refused.value.code == "attachment_damaged"
        assert "SHA-256" in refused.value.message_vi
        assert server_file(live_server, att.sha256) is None  # all of it discarded
        assert up.attachment_status([att.sha256]).states[att.sha256].state == "lacking"
    stored.write_bytes(good)
    report = sync_database(a.db)
    assert report.attachments_sent == 1 and server_file(live_server, att.sha256) == (True, good)


def test_a_file_above_the_limit_is_refused_naming_the_record_and_question(
    server_db_url: str, make_device, tmp_path
) -> None:
    server = LiveServer(server_db_url, max_attachment_bytes=50_000).start()
    try:
        a = make_device("a")
        generate_demo(a.db, households=2, seed=3)
        source = scan(tmp_path, 60_000)
        att, uuid = attach(a, source)
        enrolled(server, a, "A")
        report = sync_database(a.db)
        assert report.ok and report.attachments_sent == 0
        (waiting,) = report.attachments_waiting
        assert waiting["code"] == "attachment_too_large"
        for text in (waiting["vi"], waiting["en"]):
            assert uuid in text and QUESTION in text and "0.05" in text
        with client(server.url, a) as up:  # a client that sends it anyway: refused before the body is read
            with pytest.raises(AttachmentRefused) as refused:
                up.upload_attachment(att.sha256, 60_000, 0, source.read_bytes()[:1000])
            assert refused.value.code == "attachment_too_large"
            assert uuid in refused.value.message_vi and QUESTION in refused.value.message_vi
            assert "giới hạn" in refused.value.message_vi
        assert server_file(server, att.sha256) is None
    finally:
        server.stop()


def test_another_communes_device_learns_nothing_about_a_file(
    live_server: LiveServer, make_device, tmp_path
) -> None:
    a = make_device("a")
    generate_demo(a.db, households=2, seed=3)
    source = scan(tmp_path, 20_000)
    att, _ = attach(a, source)
    enrolled(live_server, a, "A")
    assert sync_database(a.db).attachments_sent == 1
    other = enrolled(live_server, make_device("x"), "X", commune=OTHER)
    never = hashlib.sha256(b"never attached anywhere").hexdigest()
    token = other.store.identity().token
    headers = {"Authorization": f"Bearer {token}"}
    with client(live_server.url, other) as up:
        states = up.attachment_status([att.sha256, never]).states
        assert states[att.sha256] == states[never] and states[never].state == "unknown"
        answers = []
        for sha in (att.sha256, never):
            get = requests.get(f"{live_server.url}/v1/attachments/{sha}", headers=headers, timeout=10)
            put = requests.put(
                f"{live_server.url}/v1/attachments/{sha}",
                params={"size": 20_000, "offset": 0},
                data=source.read_bytes(),
                headers=headers,
                timeout=10,
            )
            answers.append((get.status_code, get.json(), put.status_code, put.json()))
        assert answers[0] == answers[1] and answers[0][0] == 404 and answers[0][2] == 404
        assert answers[0][1]["detail"]["code"] == "no_attachment"
    assert server_file(live_server, att.sha256) == (True, source.read_bytes())  # untouched


def test_nothing_is_read_before_the_token_is_checked(live_server: LiveServer) -> None:
    sha = "0" * 64
    for method in ("PUT", "GET"):
        resp = requests.request(
            method, f"{live_server.url}/v1/attachments/{sha}", params={"size": 10}, data=b"x" * 10, timeout=10
        )
        assert resp.status_code == 401 and resp.json()["detail"]["code"] == "no_token"
    resp = requests.post(f"{live_server.url}/v1/attachments/status", json={"hashes": [sha]}, timeout=10)
    assert resp.status_code == 401


@pytest.mark.gui
def test_the_sync_screen_and_the_command_say_how_many_files_moved(
    qtbot, live_server: LiveServer, make_device, tmp_path, capsys
) -> None:
    from xaapp.cli.sync import _print_report
    from xaapp.ui.i18n import install_language
    from xaapp.ui.sync.panel import SyncPanel
    from xaapp.ui.tasks import InlineTaskRunner

    if "postgresql" in live_server.db_url:
        pytest.skip("the screen does not depend on the server's database")
    install_language("vi")
    a = make_device("a")
    generate_demo(a.db, households=2, seed=3)
    attach(a, scan(tmp_path, 10_000))
    enrolled(live_server, a, "A")
    panel = SyncPanel(a.db, InlineTaskRunner(), actor="thu")
    qtbot.addWidget(panel)
    panel.reload()
    panel.sync_button.click()
    assert panel.last_report is not None and panel.last_report.ok
    assert panel.message.text().endswith("\nTệp đính kèm: gửi 1, nhận 0, còn chờ 0.")

    b = enrolled(live_server, make_device("b"), "B")
    _print_report(sync_database(b.db))
    out = capsys.readouterr().out
    assert "Tệp đính kèm / attached files: gửi/sent 0, nhận/received 1, còn chờ/waiting 0" in out
    with b.db.session(actor="officer") as s:  # B names a file nobody has sent
        review = s.scalars(select(PovertyReview).order_by(PovertyReview.id)).first()
        review.answers = {**review.answers, "anh": f"{'ab' * 32}/nhà.jpg"}
    _print_report(sync_database(b.db))
    out = capsys.readouterr().out
    assert "gửi/sent 0, nhận/received 0, còn chờ/waiting 1" in out
    assert f"«nhà.jpg» (poverty_review {review.uuid}, anh): Máy chủ tỉnh chưa có tệp này" in out
