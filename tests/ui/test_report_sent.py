"""The Lists screen's yearly-report line: "chưa gửi", the button asks with the year and the commune,
then "chờ gửi" until the province's acknowledgement arrives with a sync, then "tỉnh đã nhận ngày …"."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from xaapp.services.listing import commune_info
from xaapp.storage.db import Database
from xaapp.storage.orm import AuditEntry, YearlyReport
from xaapp.storage.review_state import apply_review_state
from xaapp.ui.tasks import InlineTaskRunner

pytestmark = pytest.mark.gui


def test_officer_marks_the_report_sent_and_sees_the_province_receive_it(qtbot, demo_db: Database) -> None:
    from xaapp.ui.lists.panel import ListsPanel

    panel = ListsPanel(demo_db, InlineTaskRunner())
    qtbot.addWidget(panel)
    panel.actor = "thu"
    panel.year_spin.setValue(2026)
    bar = panel.report_bar
    assert bar.label.text() == "Báo cáo năm 2026: chưa gửi." and bar.button.isEnabled()

    asked: list[tuple[int, str]] = []
    bar.confirm = lambda status: asked.append((status.year, status.commune_name)) or False  # "No"
    bar.button.click()
    assert asked == [(2026, commune_info(demo_db).name)] and asked[0][1]
    assert "chưa gửi" in bar.label.text()  # declined: nothing marked

    bar.confirm = lambda status: True
    bar.button.click()
    assert "chờ gửi" in bar.label.text() and not bar.button.isEnabled()
    with demo_db.read() as s:
        mark = s.scalars(select(YearlyReport)).one()
        assert (mark.year, mark.sent_by) == (2026, "thu")
        assert s.scalars(select(AuditEntry).where(AuditEntry.entity_uuid == mark.uuid)).one().action == "sent"
        uuid = mark.uuid
    panel.year_spin.setValue(2025)
    assert bar.label.text() == "Báo cáo năm 2025: chưa gửi."

    with demo_db.session(actor="sync") as s:  # the province's acknowledgement, as a sync brings it
        apply_review_state(s, {"seq": 1, "returns": [], "approvals": [], "reports": [
            {"id": 4, "uuid": uuid, "year": 2026, "by": "thu", "at": "2026-11-20T01:00:00Z",
             "received_at": "2026-11-20T01:05:00Z"}]})  # fmt: skip
    panel.year_spin.setValue(2026)
    panel.reload()
    assert "tỉnh đã nhận ngày 20/11/2026" in bar.label.text() and bar.button.isEnabled()
