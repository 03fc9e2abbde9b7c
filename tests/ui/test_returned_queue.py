"""The review screen shows what the province decided: the "Bị trả lại" queue with the supervisor's
comment, name and date (Enter opens the review), and which villages' lists are approved."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from xaapp.domain.text import format_date
from xaapp.storage.db import Database
from xaapp.storage.orm import Household, PovertyReview, Village
from xaapp.storage.review_state import apply_review_state
from xaapp.ui.i18n import install_language
from xaapp.ui.reviews.page import ReviewsPage
from xaapp.ui.tasks import InlineTaskRunner

pytestmark = pytest.mark.gui
COMMENT = "Thu nhập từ làm thuê ghi thiếu, đề nghị kiểm tra lại."


def _receive(db: Database) -> tuple[int, str]:
    """The province's state as a sync brings it: one final 2026 review returned, one village approved."""
    with db.read() as s:
        review, household = s.execute(
            select(PovertyReview, Household)
            .join(Household, Household.id == PovertyReview.household_id)
            .where(PovertyReview.status == "final", PovertyReview.review_year == 2026)
            .limit(1)
        ).one()
        village = s.scalars(select(Village).where(Village.id != household.village_id)).first()
        ids = (household.id, household.uuid, review.uuid, review.revision, village.uuid, village.name)
    state = {
        "seq": 3,
        "returns": [
            {"id": 7, "household_uuid": ids[1], "review_uuid": ids[2], "year": 2026, "revision": ids[3],
             "comment": COMMENT, "by": "Nguyễn Văn Giám", "at": "2026-11-28T02:30:00Z",
             "resolved_at": None, "resolved_revision": None},
        ],
        "approvals": [
            {"id": 4, "village_uuid": ids[4], "year": 2026, "scope": "village", "by": "Nguyễn Văn Giám",
             "at": "2026-11-29T03:00:00Z", "withdrawn_at": None},
        ],
    }  # fmt: skip
    with db.session(actor="sync", remote=True) as s:
        assert apply_review_state(s, state)
    return ids[0], ids[5]


def test_the_returned_queue_shows_the_comment_and_enter_opens_the_review(qtbot, demo_db: Database) -> None:
    household_id, approved_village = _receive(demo_db)
    install_language("vi")
    page = ReviewsPage(demo_db, InlineTaskRunner())
    page.actor = "thu"
    qtbot.addWidget(page)
    page.show()
    page.year.setValue(2026)
    page.reload()
    panel = page.returned
    assert panel.isVisible() and panel.title() == "Bị trả lại (1)"
    cells = [panel.model.index(0, c).data() for c in range(panel.model.columnCount())]
    returned_on = dt.datetime(2026, 11, 28, 2, 30, tzinfo=dt.UTC).astimezone().date()
    assert cells[3:] == [COMMENT, "Nguyễn Văn Giám", format_date(returned_on), "Chờ sửa"]
    assert approved_village in page.approval.text() and "đã được duyệt" in page.approval.text()
    panel.table.setFocus()
    panel.table.setCurrentIndex(panel.model.index(0, 0))
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    assert page.review_dialog is not None and page.review_dialog.record.household_id == household_id


def test_nothing_returned_hides_the_queue(qtbot, demo_db: Database) -> None:
    install_language("vi")
    page = ReviewsPage(demo_db, InlineTaskRunner())
    qtbot.addWidget(page)
    page.show()
    page.year.setValue(2026)
    page.reload()
    assert not page.returned.isVisible()
    assert page.approval.text() == "Danh sách năm 2026: tỉnh chưa duyệt thôn nào."
