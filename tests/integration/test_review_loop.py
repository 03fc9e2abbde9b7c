"""The review loop end to end, on SQLite and PostgreSQL: a real ``xaapp server run`` process and a
laptop data folder. A supervisor logs in to the console over HTTP and returns a household with a
comment; the laptop syncs and shows it under "Bị trả lại"; the officer fixes and re-finalises it;
the next sync clears it on both sides; the supervisor approves the village; the laptop syncs and
its printed posting list carries "Danh sách đã được duyệt ngày …". A later return withdraws it.
The same decisions also travel by sync file and receipt (no connection at all).
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit" / "forms_engine"))

from forms_household import HEAD, SON_10, SPOUSE, fill_household, new_session  # noqa: E402

from support.console_env import A, Browser, add_accounts  # noqa: E402
from support.server_process import server_process  # noqa: E402
from support.sync_env import LiveServer  # noqa: E402
from xaapp.reports.html import document_html  # noqa: E402
from xaapp.server import admin, review_loop  # noqa: E402
from xaapp.server.schema import record  # noqa: E402
from xaapp.services import reviews  # noqa: E402
from xaapp.services.demo import generate_demo  # noqa: E402
from xaapp.services.list_documents import build_document  # noqa: E402
from xaapp.services.returns import approval_line, returned_queue  # noqa: E402
from xaapp.services.sync import enroll_database, export_sync_file, import_receipt, sync_database  # noqa: E402
from xaapp.storage.db import Database, open_database  # noqa: E402
from xaapp.storage.orm import AuditEntry, Household, PovertyReview, Village  # noqa: E402

pytestmark = pytest.mark.integration
YEAR = 2026


def poor_instance(village: str) -> dict:
    session = fill_household(new_session(), [HEAD, SPOUSE, SON_10])
    session.answer("general/village", village)
    session.answer("income/income_wages", 6_000_000)
    session.answer("income/income_farming", 6_000_000)
    session.answer("income/income_business", 0)
    session.answer("housing/water_source", "surface")
    session.answer("housing/latrine", "none")
    session.answer("housing/living_area", 12)
    session.answer("causes/poverty_causes", ["no_capital", "no_land"])
    assert session.is_complete(), session.all_issues()
    return session.to_json()["instance"]


def new_final_household(db: Database) -> tuple[int, str, str, int, str]:
    """A household of the first village with a final review: (household id, its uuid, the review's
    uuid, the village id, the village's uuid)."""
    with db.read() as s:
        v = s.scalars(select(Village).order_by(Village.id)).first()
        village_id, village_name, village_uuid = v.id, v.name, v.uuid
    saved = reviews.save_review(
        db,
        reviews.new_household_record(village_id, YEAR),
        poor_instance(village_name),
        actor="thu",
        finalise=True,
    )
    with db.read() as s:
        hh_uuid = s.get(Household, saved.household_id).uuid
        review_uuid = s.get(PovertyReview, saved.review_id).uuid
    return saved.household_id, hh_uuid, review_uuid, village_id, village_uuid


def fix_and_refinalise(db: Database, household_id: int) -> None:
    record = reviews.open_review(db, household_id, YEAR, actor="thu")
    changed = dict(record.answers, housing={**record.answers["housing"], "living_area": 14})
    reviews.save_review(db, record, changed, actor="thu", reason="Sửa theo ý kiến của tỉnh: đo lại diện tích")


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found
    return found.group(1)


@pytest.fixture
def laptop(tmp_path: Path) -> Iterator[Database]:
    db = open_database(tmp_path / "laptop")
    generate_demo(db, households=8, seed=11)
    yield db
    db.close()


def test_return_fix_approve_across_a_server_process_and_a_laptop(
    server_db_url: str, laptop: Database, tmp_path: Path
) -> None:
    db_arg = server_db_url.removeprefix("sqlite:///")
    with server_process(db_arg) as server:
        engine = admin.open_engine(server_db_url)
        browser = Browser.at(server.url)
        try:
            add_accounts(engine)
            hh_id, hh_uuid, review_uuid, village_id, village_uuid = new_final_household(laptop)
            enroll_database(laptop, server.url, admin.issue_code(engine, A), "laptop xã")
            assert sync_database(laptop).ok

            # --- the supervisor returns the household from its console page
            assert browser.login("sup_a").status_code == 303
            household_path = f"/console/communes/{A}/households/{hh_uuid}"
            page = browser.get(household_path)
            assert page.status_code == 200 and "Trả lại cho xã sửa" in page.text
            empty = browser.client.post(f"{household_path}/return",
                                        data={"csrf": csrf_of(page.text), "review": review_uuid, "comment": "  "})  # fmt: skip
            assert empty.status_code == 400 and "Hãy ghi ý kiến" in empty.text
            comment = "Thu nhập từ làm thuê ghi thiếu; đề nghị xã kiểm tra lại diện tích nhà ở."
            done = browser.client.post(f"{household_path}/return",
                                       data={"csrf": csrf_of(page.text), "review": review_uuid, "comment": comment})  # fmt: skip
            assert done.status_code == 303
            page = browser.get(household_path)
            assert comment in page.text and "chờ xã đồng bộ" in page.text

            # --- the laptop syncs: the queue "Bị trả lại" has it, with the comment, who and when
            assert sync_database(laptop).ok
            [row] = returned_queue(laptop)
            assert (row.household_id, row.comment, row.year, row.fixed) == (hh_id, comment, YEAR, False)
            assert row.returned_by == "sup_a" and row.returned_on == dt.date.today()
            with laptop.read() as s:
                audit = s.scalars(select(AuditEntry).where(AuditEntry.action == "returned")).one()
                assert (audit.entity_uuid, audit.reason, audit.username) == (
                    review_uuid,
                    comment,
                    "tỉnh:sup_a",
                )
            assert "xã đã nhận" in browser.get(household_path).text

            # --- the officer fixes and re-finalises; the next sync clears it on both sides
            fix_and_refinalise(laptop, hh_id)
            [row] = returned_queue(laptop)
            assert row.fixed  # "fixed, waiting for the sync"
            assert sync_database(laptop).ok
            assert returned_queue(laptop) == []
            [cleared] = returned_queue(laptop, include_resolved=True)
            assert cleared.resolved_on is not None
            with engine.connect() as conn:
                [history] = review_loop.returns_of_household(conn, hh_uuid)
            assert (
                history.resolved_at is not None and history.resolved_revision == history.review_revision + 1
            )
            assert "Đã sửa" in browser.get(household_path).text

            # --- the supervisor approves the village (with a confirmation page); the laptop prints it
            commune_page = browser.get(f"/console/communes/{A}?year={YEAR}")
            assert "Duyệt thôn này" in commune_page.text
            form = {"csrf": csrf_of(commune_page.text), "year": str(YEAR), "village": village_uuid}
            confirm = browser.client.post(f"/console/communes/{A}/approve", data=form)
            assert confirm.status_code == 200 and "Xác nhận duyệt" in confirm.text
            approved = browser.client.post(f"/console/communes/{A}/approve", data={**form, "confirm": "1"})
            assert approved.status_code == 303
            assert approval_line(laptop, YEAR, village_id) is None  # not before the sync
            assert sync_database(laptop).ok
            line = f"Danh sách đã được duyệt ngày {dt.date.today():%d/%m/%Y}."
            assert approval_line(laptop, YEAR, village_id) == line
            posting = build_document(laptop, "posting", year=YEAR, village_id=village_id)
            assert line in posting.notes and line in document_html(posting)

            # --- a return after the approval withdraws that village's approval
            page = browser.get(household_path)
            again = browser.client.post(f"{household_path}/return",
                                        data={"csrf": csrf_of(page.text), "review": review_uuid,
                                              "comment": "Thiếu chữ ký của trưởng thôn."})  # fmt: skip
            assert again.status_code == 303
            assert "Duyệt thôn này" in browser.get(f"/console/communes/{A}?year={YEAR}").text
            assert sync_database(laptop).ok
            assert approval_line(laptop, YEAR, village_id) is None
            assert [r.comment for r in returned_queue(laptop)] == ["Thiếu chữ ký của trưởng thôn."]
        finally:
            browser.close()
            engine.dispose()


def test_decisions_travel_by_sync_file_and_receipt(
    live_server: LiveServer, laptop: Database, tmp_path: Path
) -> None:
    hh_id, hh_uuid, review_uuid, village_id, village_uuid = new_final_household(laptop)
    enroll_database(laptop, live_server.url, live_server.issue_code(A), "laptop xã")
    assert sync_database(laptop).ok
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    stored = select(record.c.revision, record.c.hash).where(record.c.uuid == review_uuid)
    with live_server.engine.begin() as conn:
        before = conn.execute(stored).one()
        review_loop.return_review(
            conn, A, hh_uuid, review_uuid, "Ghi sai năm sinh của chủ hộ.", "sup_a", "", now
        )
        assert conn.execute(stored).one() == before  # a return never changes the answers

    def walk(name: str) -> None:
        """Export a file, import it in the province, carry the receipt back."""
        out = export_sync_file(laptop, tmp_path / f"{name}.xaapp")
        assert out["file"] is not None
        report = admin.import_file(live_server.engine, Path(out["file"]).read_bytes())
        (tmp_path / f"{name}.receipt").write_bytes(report.receipt_file)
        import_receipt(laptop, tmp_path / f"{name}.receipt")

    with laptop.session(actor="thu") as s:  # some change to carry (a phone number corrected)
        s.get(Household, hh_id).phone = "0987654321"
    walk("first")
    [row] = returned_queue(laptop)
    assert row.comment == "Ghi sai năm sinh của chủ hộ." and not row.fixed

    fix_and_refinalise(laptop, hh_id)
    walk("second")
    assert returned_queue(laptop) == []
    with live_server.engine.connect() as conn:
        [history] = review_loop.returns_of_household(conn, hh_uuid)
    assert history.resolved_at is not None


def test_a_fix_made_before_the_return_reached_the_laptop_does_not_clear_it(
    live_server: LiveServer, laptop: Database
) -> None:
    hh_id, hh_uuid, review_uuid, _village_id, _v = new_final_household(laptop)
    enroll_database(laptop, live_server.url, live_server.issue_code(A), "laptop xã")
    assert sync_database(laptop).ok
    with live_server.engine.begin() as conn:
        review_loop.return_review(conn, A, hh_uuid, review_uuid, "Kiểm tra lại thu nhập.", "sup_a", "",
                                  dt.datetime.now(dt.UTC).replace(tzinfo=None))  # fmt: skip
    fix_and_refinalise(laptop, hh_id)  # edited before this laptop knew of the return
    assert sync_database(laptop).ok
    [row] = returned_queue(laptop)
    assert row.comment == "Kiểm tra lại thu nhập." and not row.fixed
