"""The year's report sent to the province: the officer marks it as sent; the next sync (online or
by file) carries the mark and the province freezes that year's tables of the commune as a signed
snapshot (``server.yearly_report``). Until the province acknowledged it the app says "chờ gửi";
after, "tỉnh đã nhận ngày …". Marking again (a corrected report) adds a new mark: the province keeps
every snapshot and the latest counts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from xaapp.domain.clock import utcnow
from xaapp.errors import KnownError
from xaapp.services.listing import commune_info
from xaapp.storage import yearly_report
from xaapp.storage.db import Database


@dataclass(frozen=True)
class ReportStatus:
    year: int
    commune_code: str
    commune_name: str
    sent_at: dt.datetime | None  # the latest mark (UTC), None: never marked
    sent_by: str
    received_at: dt.datetime | None  # the province acknowledged it (UTC)

    @property
    def waiting(self) -> bool:
        return self.sent_at is not None and self.received_at is None

    def text(self) -> tuple[str, str]:
        """What the lists screen says, (Vietnamese, English)."""
        if self.sent_at is None:
            return f"Báo cáo năm {self.year}: chưa gửi.", f"Report {self.year}: not sent."
        if self.received_at is None:
            sent = _shown(self.sent_at)
            return (
                f"Báo cáo năm {self.year}: chờ gửi (đánh dấu ngày {sent}, sẽ gửi ở lần đồng bộ tới).",
                f"Report {self.year}: waiting to be sent (marked {sent}, goes with the next sync).",
            )
        got = _shown(self.received_at)
        return (
            f"Báo cáo năm {self.year}: tỉnh đã nhận ngày {got}.",
            f"Report {self.year}: received by the province {got}.",
        )


def _shown(value: dt.datetime) -> str:
    """A stored UTC time in the computer's local time, dd/mm/yyyy hh:mm."""
    return f"{value.replace(tzinfo=dt.UTC).astimezone():%d/%m/%Y %H:%M}"


def _check_year(year: int) -> None:
    if not 2000 <= year <= 2100:
        raise KnownError(f"Năm {year} không hợp lệ (2000–2100).", f"Year {year} is not valid (2000–2100).")


def report_status(db: Database, year: int) -> ReportStatus:
    _check_year(year)
    info = commune_info(db)
    with db.read() as s:
        row = yearly_report.latest(s, year)
        if row is None:
            return ReportStatus(year, info.code, info.name, None, "", None)
        return ReportStatus(year, info.code, info.name, row.sent_at, row.sent_by, row.received_at)


def mark_report_sent(db: Database, year: int, actor: str) -> ReportStatus:
    """Mark the year's report as sent (one transaction, with its audit row). Refused while an earlier
    mark of the same year still waits for the sync."""
    _check_year(year)
    if not commune_info(db).code:
        raise KnownError(
            "Máy này chưa có xã (chưa có thôn nào): chưa gửi báo cáo được.",
            "This installation has no commune yet (no village): no report can be sent.",
        )
    with db.session(actor=actor) as s:
        last = yearly_report.latest(s, year)
        if last is not None and last.received_at is None:
            raise KnownError(
                f"Báo cáo năm {year} đã được đánh dấu gửi và đang chờ đồng bộ. Hãy đồng bộ với tỉnh "
                "(hoặc xuất tệp đồng bộ).",
                f"The {year} report is already marked as sent and waits for the sync. Sync with the province "
                "(or export a sync file).",
            )
        yearly_report.mark(s, year, actor, utcnow())
    return report_status(db, year)
