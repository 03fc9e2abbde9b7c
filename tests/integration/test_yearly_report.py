"""The yearly report end to end, on SQLite and PostgreSQL: the officer marks the year's report as sent
on the laptop ("chờ gửi"), the next sync carries the mark and the server freezes that year's tables
as a signed snapshot ("tỉnh đã nhận ngày …"); the console lists the commune as sent with the time,
and its page marks the cells that changed after a later edit. The same over a sync file and its
receipt; a snapshot altered in the database shows as such.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select, update

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit" / "forms_engine"))

from forms_household import HEAD, SON_10, SPOUSE, fill_household, new_session  # noqa: E402

from support.console_env import A, Browser, add_accounts  # noqa: E402
from support.sync_env import LiveServer  # noqa: E402
from xaapp.errors import KnownError  # noqa: E402
from xaapp.server import admin, keys, yearly_report  # noqa: E402
from xaapp.services import reviews  # noqa: E402
from xaapp.services.demo import generate_demo  # noqa: E402
from xaapp.services.sync import enroll_database, export_sync_file, import_receipt, sync_database  # noqa: E402
from xaapp.services.yearly_report import mark_report_sent, report_status  # noqa: E402
from xaapp.storage.db import Database, open_database  # noqa: E402
from xaapp.storage.orm import AuditEntry, Village  # noqa: E402

pytestmark = pytest.mark.integration
YEAR = 2026


def add_poor_household(db: Database) -> None:
    """One more household of the first village, reviewed final as poor."""
    with db.read() as s:
        v = s.scalars(select(Village).order_by(Village.id)).first()
        village_id, village_name = v.id, v.name
    session = fill_household(new_session(), [HEAD, SPOUSE, SON_10])
    session.answer("general/village", village_name)
    for name, value in (("income/income_wages", 6_000_000), ("income/income_farming", 6_000_000),
                        ("income/income_business", 0), ("housing/water_source", "surface"),
                        ("housing/latrine", "none"), ("housing/living_area", 12),
                        ("causes/poverty_causes", ["no_capital", "no_land"])):  # fmt: skip
        session.answer(name, value)
    assert session.is_complete(), session.all_issues()
    reviews.save_review(db, reviews.new_household_record(village_id, YEAR), session.to_json()["instance"],
                        actor="thu", finalise=True)  # fmt: skip


@pytest.fixture
def laptop(tmp_path: Path) -> Iterator[Database]:
    db = open_database(tmp_path / "laptop")
    generate_demo(db, households=8, seed=11)
    add_poor_household(db)
    yield db
    db.close()


def cell_count(html: str) -> int:
    return html.count('class="n changed"')


def test_report_sent_online_frozen_signed_and_changes_shown(
    live_server: LiveServer, laptop: Database
) -> None:
    enroll_database(laptop, live_server.url, live_server.issue_code(A), "laptop xã")
    assert sync_database(laptop).ok
    assert report_status(laptop, YEAR).text()[0] == f"Báo cáo năm {YEAR}: chưa gửi."

    status = mark_report_sent(laptop, YEAR, "thu")
    assert status.waiting and "chờ gửi" in status.text()[0]
    with pytest.raises(KnownError, match="đang chờ đồng bộ"):
        mark_report_sent(laptop, YEAR, "thu")  # once is enough until the sync
    with laptop.read() as s:
        audit = s.scalars(select(AuditEntry).where(AuditEntry.entity == "yearly_report")).one()
        assert (audit.action, audit.username, audit.new_value) == ("sent", "thu", str(YEAR))

    browser = Browser.at(live_server.url)
    try:
        add_accounts(live_server.engine)
        assert browser.login("sup_a").status_code == 303
        before = browser.get(f"/console/communes?year={YEAR}").text
        assert "0/" in before and "chưa gửi" in before

        assert sync_database(laptop).ok
        status = report_status(laptop, YEAR)
        assert not status.waiting and status.text()[0].startswith(f"Báo cáo năm {YEAR}: tỉnh đã nhận ngày ")

        with live_server.engine.connect() as conn:
            [snap] = yearly_report.snapshots(conn, A, YEAR, keys.load_server_key(live_server.db_url))
        assert snap.valid and snap.sent_by == "thu" and snap.body["tables"]["year"] == YEAR
        b1 = snap.body["tables"]["tables"][0]
        assert b1["key"] == "b1" and b1["total"][2] >= 1  # the poor household is in the frozen Biểu 1

        listing = browser.get(f"/console/communes?year={YEAR}").text
        sent = re.search(r"Báo cáo năm 2026: đã gửi (\d\d/\d\d/\d{4} \d\d:\d\d)", listing)
        assert sent and f"{snap.frozen_at:%d/%m/%Y %H:%M}" == sent.group(1)
        assert "1/" in listing and "xã đã gửi" in listing
        page = browser.get(f"/console/communes/{A}?year={YEAR}").text
        assert "Chữ ký hợp lệ" in page and "Không có thay đổi sau báo cáo." in page and cell_count(page) == 0

        # --- a later edit on the laptop, synced: the commune page marks the cells it changed
        add_poor_household(laptop)
        assert sync_database(laptop).ok
        page = browser.get(f"/console/communes/{A}?year={YEAR}").text
        assert "thay đổi sau báo cáo" in page and cell_count(page) > 0
        households_then, households_now = b1["total"][0], b1["total"][0] + 1
        assert re.search(rf'class="n changed"[^>]*>{households_now}<br><small>thay đổi sau báo cáo: báo cáo '
                         rf"{households_then}</small>", page)  # fmt: skip
        english = browser.get(f"/console/communes/{A}?year={YEAR}&lang=en").text
        assert "changed since the report" in english and "Signature valid" in english
        browser.get(f"/console/communes?year={YEAR}&lang=vi")  # back to Vietnamese (a cookie remembers it)

        # --- sent again: a new snapshot, the first kept; the latest counts (no changed cell)
        mark_report_sent(laptop, YEAR, "thu")
        assert sync_database(laptop).ok
        with live_server.engine.connect() as conn:
            assert len(yearly_report.snapshots(conn, A, YEAR, None)) == 2
        page = browser.get(f"/console/communes/{A}?year={YEAR}").text
        assert cell_count(page) == 0 and page.count("hợp lệ") >= 2

        # --- a snapshot altered in the database no longer verifies
        with live_server.engine.begin() as conn:
            latest = conn.execute(select(yearly_report.yearly_report).order_by(
                yearly_report.yearly_report.c.id.desc())).first()  # fmt: skip
            forged = latest.snapshot.replace('"sent_by":"thu"', '"sent_by":"khác"')
            assert forged != latest.snapshot
            conn.execute(update(yearly_report.yearly_report).where(yearly_report.yearly_report.c.id == latest.id)
                         .values(snapshot=forged))  # fmt: skip
        page = browser.get(f"/console/communes/{A}?year={YEAR}").text
        assert "Chữ ký không khớp" in page and cell_count(page) == 0  # its tables are not shown as the report
    finally:
        browser.close()


def test_report_mark_travels_by_sync_file_and_receipt(
    live_server: LiveServer, laptop: Database, tmp_path: Path
) -> None:
    enroll_database(laptop, live_server.url, live_server.issue_code(A), "laptop xã")
    assert sync_database(laptop).ok  # nothing pending afterwards: the file carries only the mark
    mark_report_sent(laptop, YEAR, "thu")
    out = export_sync_file(laptop, tmp_path / "bao-cao.xaapp")
    assert out["file"] is not None and out["records"] == 0
    assert report_status(laptop, YEAR).waiting  # written to the file, not yet received

    report = admin.import_file(live_server.engine, Path(out["file"]).read_bytes())
    with live_server.engine.connect() as conn:
        [snap] = yearly_report.snapshots(conn, A, YEAR, keys.load_server_key(live_server.db_url))
    assert snap.valid and snap.device_id == report.device_id
    (tmp_path / "bao-cao.receipt").write_bytes(report.receipt_file)
    import_receipt(laptop, tmp_path / "bao-cao.receipt")
    status = report_status(laptop, YEAR)
    assert not status.waiting and "tỉnh đã nhận ngày" in status.text()[0]
    with laptop.read() as s:
        assert [a.action for a in s.scalars(select(AuditEntry).where(AuditEntry.entity == "yearly_report"))] == [
            "sent", "received"]  # fmt: skip


def test_a_malformed_mark_is_refused_with_the_field_named(live_server: LiveServer, laptop: Database) -> None:
    import requests

    from xaapp.storage.sync_store import SqlSyncStore
    from xaapp.sync.protocol import PROTOCOL_VERSION

    enroll_database(laptop, live_server.url, live_server.issue_code(A), "laptop xã")
    token = SqlSyncStore(laptop).identity().token
    body = {"protocol": PROTOCOL_VERSION, "app_version": "t", "client_time": "2026-11-20T00:00:00Z",
            "yearly_reports": [{"uuid": "x" * 40, "year": 2026, "by": "thu", "at": "2026-11-20T00:00:00Z"}]}  # fmt: skip
    answer = requests.post(f"{live_server.url}/v1/handshake", json=body, timeout=10,
                           headers={"Authorization": f"Bearer {token}"})  # fmt: skip
    assert answer.status_code == 400 and answer.json()["detail"]["field"] == "yearly_reports"
    with live_server.engine.connect() as conn:
        assert yearly_report.snapshots(conn, A, YEAR, None) == []
