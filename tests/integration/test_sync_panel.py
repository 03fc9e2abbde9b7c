"""The sync screen against the real server: enroll, sync in the background, then settle a conflict by choice."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from support.sync_env import LiveServer
from xaapp.services.demo import generate_demo
from xaapp.services.sync import enroll_database, sync_database
from xaapp.storage.db import open_database
from xaapp.storage.orm import Household
from xaapp.ui.i18n import install_language
from xaapp.ui.sync.panel import SyncPanel
from xaapp.ui.tasks import InlineTaskRunner, TaskRunner

pytestmark = [pytest.mark.integration, pytest.mark.gui]
COMMUNE = "14923"


@pytest.fixture
def sqlite_server(tmp_path: Path):
    server = LiveServer(f"sqlite:///{tmp_path / 'server.db'}").start()
    yield server
    server.stop()


def test_enroll_and_sync_from_the_panel_with_the_real_runner(
    qtbot, sqlite_server: LiveServer, tmp_path: Path
) -> None:
    install_language("vi")
    db = open_database(tmp_path / "laptop")
    generate_demo(db, households=15, seed=2)
    runner = TaskRunner()
    panel = SyncPanel(db, runner, actor="thu")
    qtbot.addWidget(panel)
    panel.show()
    panel.enroll(sqlite_server.url, sqlite_server.issue_code(COMMUNE))
    qtbot.waitUntil(lambda: "Đã đăng ký" in panel.message.text(), timeout=10000)
    qtbot.waitUntil(lambda: panel.sync_button.isEnabled(), timeout=10000)
    assert sqlite_server.url in panel.status.text()
    panel.sync_button.click()
    qtbot.waitUntil(lambda: panel.last_report is not None, timeout=30000)
    assert panel.last_report.ok and panel.last_report.pending == 0
    assert panel.message.text().startswith("Xong: gửi ")
    qtbot.waitUntil(lambda: "Thay đổi chờ gửi lên tỉnh:</b> 0" in panel.status.text(), timeout=10000)
    runner.shutdown()
    db.close()


def test_a_conflict_is_shown_field_by_field_and_kept_by_choice(
    qtbot, qtmodeltester, sqlite_server: LiveServer, tmp_path: Path
) -> None:
    install_language("vi")
    a, b = open_database(tmp_path / "a"), open_database(tmp_path / "b")
    generate_demo(a, households=10, seed=4)
    enroll_database(a, sqlite_server.url, sqlite_server.issue_code(COMMUNE), "A")
    assert sync_database(a).ok
    enroll_database(b, sqlite_server.url, sqlite_server.issue_code(COMMUNE), "B")
    assert sync_database(b).ok
    with a.read() as s:
        uuid = s.scalars(select(Household.uuid)).first()
    for db, address in ((a, "Bản Đôn, nhà số 7"), (b, "Bản Đôn, gần trường")):
        with db.session(actor="officer") as s:
            s.scalar(select(Household).where(Household.uuid == uuid)).address = address
    assert sync_database(a).ok
    sync_database(b)

    panel = SyncPanel(b, InlineTaskRunner(), actor="thu")
    qtbot.addWidget(panel)
    panel.reload()
    assert panel.conflicts.rowCount() == 1
    fields = {
        panel.differences.index(r, 0).data(): (
            panel.differences.index(r, 1).data(),
            panel.differences.index(r, 2).data(),
        )
        for r in range(panel.differences.rowCount())
    }
    assert fields["Địa chỉ"] == ("Bản Đôn, gần trường", "Bản Đôn, nhà số 7")  # fields in words, not codes
    assert panel.conflicts.index(0, 1).data().startswith("Hộ gia đình: ")
    qtmodeltester.check(panel.conflicts)
    qtmodeltester.check(panel.differences)
    assert panel.keep_server.isEnabled()
    panel.keep_server.click()
    assert panel.conflicts.rowCount() == 0
    with b.read() as s:
        assert s.scalar(select(Household.address).where(Household.uuid == uuid)) == "Bản Đôn, nhà số 7"
    a.close()
    b.close()


def test_the_officer_sees_rejected_and_waiting_records_and_duplicate_codes(
    qtbot, qtmodeltester, sqlite_server: LiveServer, tmp_path: Path
) -> None:
    from xaapp.storage.orm import AllowancePeriod, Beneficiary, Person, Village

    install_language("vi")
    a, b = open_database(tmp_path / "a"), open_database(tmp_path / "b")
    generate_demo(a, households=40, seed=4)
    with a.session(actor="officer") as s:  # a beneficiary's person with an ID one digit short
        beneficiary = s.scalars(
            select(Beneficiary).where(Beneficiary.id.in_(select(AllowancePeriod.beneficiary_id)))
        ).first()
        person = s.get(Person, beneficiary.person_id)
        person.personal_id, name = "03819000123", person.full_name
    enroll_database(a, sqlite_server.url, sqlite_server.issue_code(COMMUNE), "A")
    enroll_database(b, sqlite_server.url, sqlite_server.issue_code(COMMUNE), "B")
    sync_database(a)
    sync_database(b)
    for db, address in ((a, "Bản Nủa, nhà ông Tâm"), (b, "Bản Nủa, nhà bà Hoa")):
        with db.session(actor="officer") as s:
            s.add(Household(village=s.scalars(select(Village)).first(), code="00099", address=address))
    sync_database(a)
    sync_database(b)

    panel = SyncPanel(a, InlineTaskRunner(), actor="thu")
    qtbot.addWidget(panel)
    panel.show()
    panel.reload()
    panel.sync_button.click()
    assert panel.last_report is not None and panel.last_report.ok
    rows = [
        tuple(panel.problem_box.problems.index(r, c).data() for c in range(4))
        for r in range(panel.problem_box.problems.rowCount())
    ]
    assert ("Bị từ chối", name, "personal_id") in [row[:3] for row in rows]
    rejected = next(row for row in rows if row[0] == "Bị từ chối")
    assert "12" in rejected[3]  # the server's reason: an ID has 12 digits
    assert {row[0] for row in rows} == {"Bị từ chối", "Chờ bản ghi cha"}
    assert any(name in row[3] for row in rows if row[0] == "Chờ bản ghi cha")  # waits for that person
    assert panel.problem_box.isVisible()
    qtmodeltester.check(panel.problem_box.problems)

    # B's household with the same code came down with this sync: asked, not merged or doubled silently.
    assert panel.conflicts.rowCount() == 1
    assert panel.conflicts.index(0, 0).data() == "Mã hộ trùng"
    assert not panel.keep_local.isEnabled() and panel.review.dismiss.isEnabled()
    assert "cùng mã" in panel.review.hint.text()
    panel.review.dismiss.click()
    assert panel.conflicts.rowCount() == 0
    a.close()
    b.close()


def test_the_enrol_dialog_offers_unencrypted_http_off_by_default_and_remembers_it(
    qtbot, monkeypatch, sqlite_server: LiveServer, tmp_path: Path
) -> None:
    """A province server on the office network without https: the officer ticks the box once, at
    enrolment, and the laptop keeps allowing that server's http afterwards (never by default)."""
    from PySide6.QtWidgets import QDialog

    from xaapp.storage.sync_store import SqlSyncStore
    from xaapp.ui.sync import panel as panel_module

    install_language("vi")
    db = open_database(tmp_path / "laptop")
    runner = TaskRunner()
    panel = SyncPanel(db, runner, actor="thu")
    qtbot.addWidget(panel)
    default = panel_module.EnrollDialog(panel)
    assert not default.insecure.isChecked() and "http không mã hóa" in default.insecure.text()

    class Ticked(panel_module.EnrollDialog):
        def exec(self) -> int:
            self.url.setText(sqlite_server.url)
            self.code.setText(sqlite_server.issue_code(COMMUNE))
            self.insecure.setChecked(True)
            return QDialog.DialogCode.Accepted

    monkeypatch.setattr(panel_module, "EnrollDialog", Ticked)
    panel._ask_enroll()
    qtbot.waitUntil(lambda: "Đã đăng ký" in panel.message.text(), timeout=10000)
    assert SqlSyncStore(db).identity().allow_insecure_http is True
    runner.shutdown()
    db.close()
