"""The review season screen: the year's list, bulk meeting dates for a village, one household's steps."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from xaapp.services.reviews import review_list
from xaapp.storage.db import Database
from xaapp.ui.i18n import install_language
from xaapp.ui.models.household_table import RowRole
from xaapp.ui.reviews.page import ReviewsPage
from xaapp.ui.tasks import InlineTaskRunner

pytestmark = pytest.mark.gui


def make_page(qtbot, db: Database) -> ReviewsPage:
    install_language("vi")
    page = ReviewsPage(db, InlineTaskRunner())
    page.actor = "thu"
    qtbot.addWidget(page)
    page.show()
    page.year.setValue(2026)
    page.reload()
    return page


def test_the_years_list_shows_steps_and_totals_and_records_a_village_meeting_in_bulk(
    qtbot, demo_db: Database
) -> None:
    page = make_page(qtbot, demo_db)
    rows = review_list(demo_db, 2026)
    assert page.model.rowCount() == len(rows) > 0
    assert "hộ cần rà soát" in page.totals.text() and f"{len(rows)} hộ cần rà soát" in page.totals.text()
    page.village_box.setCurrentIndex(1)
    village_id = page.village_box.currentData()
    shown = [page.proxy.index(r, 0).data(RowRole) for r in range(page.proxy.rowCount())]
    assert shown and all(r.village_id == village_id for r in shown)
    ready = [r for r in shown if r.status == "final" and r.meeting_on is None]
    page.record_village("meeting", dt.date(2026, 11, 26), 85.0)
    assert f"cho {len(ready)} hộ" in page.message.text()
    after = {r.household_id: r for r in review_list(demo_db, 2026)}
    assert all(after[r.household_id].meeting_on == dt.date(2026, 11, 26) for r in ready)
    assert page.village_box.currentData() == village_id  # the filter survives the reload


def test_a_step_out_of_order_is_refused_with_a_vietnamese_message(qtbot, demo_db: Database) -> None:
    page = make_page(qtbot, demo_db)
    target = next(
        r
        for r in range(page.proxy.rowCount())
        if page.proxy.index(r, 0).data(RowRole).status == "final"
        and page.proxy.index(r, 0).data(RowRole).posted_on is None
    )
    page.table.setCurrentIndex(page.proxy.index(target, 0))
    household = page.selected_row().household_id
    page.record_step_for_selected("recognised", dt.date(2026, 12, 10), decision="15/QĐ-UBND")
    assert "Phải ghi bước trước" in page.message.text()
    page.record_step_for_selected("posted", dt.date(2026, 1, 2))
    assert page.message.text() == "Ngày của bước này không được trước ngày của bước trước."
    page.record_step_for_selected("posted", dt.date(2026, 11, 27))
    assert page.message.text() == "Đã ghi bước."
    row = next(r for r in review_list(demo_db, 2026) if r.household_id == household)
    assert row.posted_on == dt.date(2026, 11, 27) and row.step == "posted"


def test_enter_on_a_row_opens_the_households_review(qtbot, demo_db: Database) -> None:
    page = make_page(qtbot, demo_db)
    page.table.setFocus()
    page.table.setCurrentIndex(page.proxy.index(0, 0))
    row = page.selected_row()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    dialog = page.review_dialog
    assert dialog is not None and dialog.record.household_id == row.household_id
    assert dialog.view.session.value("general/head_name") == row.head_name


def test_review_list_model_passes_the_model_tester(qtmodeltester, qtbot, demo_db: Database) -> None:
    page = make_page(qtbot, demo_db)
    qtmodeltester.check(page.model)


def test_a_household_that_asks_is_put_on_the_years_list(qtbot, demo_db: Database, officer) -> None:
    from xaapp.ui.main_window import MainWindow

    window = MainWindow(
        demo_db,
        InlineTaskRunner(),
        officer,
        "Xã Bá Thước",
        False,
        demo_db.path.parent / "ui.ini",
        install_language("vi"),
    )
    qtbot.addWidget(window)
    page = window.households
    listed = {r.household_id for r in review_list(demo_db, 2027)}
    target = next(
        r for r in range(page.proxy.rowCount()) if page.proxy.index(r, 0).data(RowRole).id not in listed
    )
    page.table.setCurrentIndex(page.proxy.index(target, 0))
    page.review_year = 2027
    household_id = page.selected_household().id
    page.request_review("Hộ có người bệnh nặng, xin rà soát lại")
    rows = [r for r in review_list(demo_db, 2027) if r.household_id == household_id]
    assert [(r.origin, r.status) for r in rows] == [("request", "draft")]
    window.reviews.year.setValue(2027)
    origins = [window.reviews.model.index(r, 2).data() for r in range(window.reviews.model.rowCount())]
    assert "Hộ đề nghị rà soát" in origins
