"""The console counts what the laptop counts: the yearly tables (Biểu 1–4) and the steps per commune,
made on the server from synced records, equal the laptop's own summary of the same commune; after an
edit on the laptop and a sync they follow. On SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from support.console_env import A, Browser, add_accounts
from support.sync_env import Device, LiveServer
from xaapp.server.console import projection, queries
from xaapp.server.console.schema import console_household
from xaapp.services.demo import generate_demo
from xaapp.services.list_summary import summary_document
from xaapp.services.sync import enroll_database, sync_database
from xaapp.storage.orm import Household, PovertyReview, Village

pytestmark = pytest.mark.integration


def laptop_tables(dev: Device, year: int) -> list[list[tuple]]:
    doc = summary_document(dev.db, year, None, dt.date(2026, 11, 20))
    return [[row[1:] for row in table.rows()] for table in doc.tables]


def console_tables(browser: Browser, year: int) -> list[list[tuple]]:
    response = browser.get(f"/console/tables.xlsx?commune={A}&year={year}")
    assert response.status_code == 200
    wb = load_workbook(io.BytesIO(response.content))
    out = []
    for ws in wb.worksheets:
        rows = list(ws.iter_rows(values_only=True))
        first = next(i for i, r in enumerate(rows) if r[0] == "STT") + 1
        body = []
        for r in rows[first:]:
            if r[0] is None:  # the total row, then notes
                break
            body.append(tuple(r[1:]))
        out.append(body)
    return out


def same(laptop: list[list[tuple]], console: list[list[tuple]]) -> None:
    assert len(laptop) == len(console) == 4
    for number, (mine, theirs) in enumerate(zip(laptop, console, strict=True), 1):
        assert len(mine) == len(theirs), f"Biểu {number}"
        for a, b in zip(mine, theirs, strict=True):
            assert a[0] == b[0], f"Biểu {number}"
            for x, y in zip(a[1:], b[1:], strict=True):
                assert x == pytest.approx(y), f"Biểu {number}, {a[0]}: {a} != {b}"


def laptop_steps(dev: Device, year: int) -> dict[str, int]:
    with dev.db.read() as s:
        alive = (
            PovertyReview.deleted_at.is_(None),
            Household.deleted_at.is_(None),
            PovertyReview.review_year == year,
        )
        joined = select(func.count(func.distinct(PovertyReview.household_id))).join(Household).where(*alive)
        final = joined.where(PovertyReview.status == "final", PovertyReview.result_class.is_not(None))
        return {
            "households": s.scalar(
                select(func.count()).select_from(Household).where(Household.deleted_at.is_(None))
            ),
            "surveyed": s.scalar(joined),
            "final": s.scalar(final),
            "posted": s.scalar(final.where(PovertyReview.posted_on.is_not(None))),
            "decided": s.scalar(final.where(PovertyReview.recognised_on.is_not(None))),
        }


def console_steps(server: LiveServer, year: int) -> dict[str, int]:
    projection.refresh(server.engine)
    with server.engine.connect() as conn:
        (row,) = queries.communes(conn, year, [A])
    return {m: row.n(m) for m in ("households", "surveyed", "final", "posted", "decided")}


def test_console_tables_equal_the_laptops_and_follow_its_edits(live_server: LiveServer, make_device) -> None:
    dev = make_device("a")
    generate_demo(dev.db, households=80, seed=11)
    enroll_database(dev.db, live_server.url, live_server.issue_code(A), "laptop A")
    assert sync_database(dev.db).ok
    add_accounts(live_server.engine)
    browser = Browser.at(live_server.url)
    try:
        assert browser.login("sup_a").status_code == 303
        for year in (2025, 2026):
            same(laptop_tables(dev, year), console_tables(browser, year))
            assert console_steps(live_server, year) == laptop_steps(dev, year)
        assert (
            console_steps(live_server, 2025)["decided"] > 0 and console_steps(live_server, 2026)["final"] > 0
        )

        # On the laptop: one household leaves (tombstone), one 2026 review changes class, one draft is finished.
        with dev.db.session(actor="officer") as s:
            gone = s.scalars(
                select(Household).where(Household.deleted_at.is_(None)).order_by(Household.id)
            ).first()
            gone.deleted_at = dt.datetime(2026, 11, 2, 8, 0)
            reviews = s.scalars(
                select(PovertyReview).where(PovertyReview.review_year == 2026).order_by(PovertyReview.id)
            ).all()
            changed = next(
                r
                for r in reviews
                if r.status == "final" and r.result_class == "poor" and r.household_id != gone.id
            )
            changed.result_class = "average"
            changed.result = {**(changed.result or {}), "deprivations": []}
            draft = next(r for r in reviews if r.status == "draft" and r.household_id != gone.id)
            draft.status = "final"
            # and one household moves to another village (both villages' counts change)
            mover = s.get(Household, changed.household_id)
            mover.village_id = next(v for v in s.scalars(select(Village.id)) if v != mover.village_id)
        assert sync_database(dev.db).ok
        for year in (2025, 2026):
            same(laptop_tables(dev, year), console_tables(browser, year))
            assert console_steps(live_server, year) == laptop_steps(dev, year)
    finally:
        browser.close()


def test_server_instances_catching_up_at_once_count_once(live_server: LiveServer, make_device) -> None:
    """Four refreshes racing (as four server instances would on one database) leave the counts a
    single refresh makes: the commune's feed row lock lets one project, the others find nothing left."""
    import threading

    dev = make_device("a")
    generate_demo(dev.db, households=60, seed=4)
    enroll_database(dev.db, live_server.url, live_server.issue_code(A), "laptop A")
    assert sync_database(dev.db).ok
    errors: list[BaseException] = []

    def refresh() -> None:
        try:
            projection.refresh(live_server.engine)
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=refresh) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors and not any(t.is_alive() for t in threads)
    for year in (2025, 2026):
        assert console_steps(live_server, year) == laptop_steps(dev, year)
    with live_server.engine.connect() as conn:
        counted = conn.scalar(select(func.count()).select_from(console_household))
    assert counted == 60
