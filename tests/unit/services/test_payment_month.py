"""The payment list of month M holds exactly the beneficiaries active in M: start month ≤ M, not
suspended or stopped in M; the bank file, the totals and the beneficiaries screen's month total follow.
Status changes go through ``services.beneficiaries.change_status`` as an officer makes them."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "reports"))

from listdata import MONTH, PAYMENT_TOTAL, make_db  # noqa: E402

from xaapp.services import beneficiaries as ben  # noqa: E402
from xaapp.services import listing_payment  # noqa: E402
from xaapp.services.list_documents import build_document  # noqa: E402


@pytest.fixture
def commune(tmp_path: Path):
    db, _ids = make_db(tmp_path)
    by_name = {(i.full_name, i.clauses): i for i in ben.beneficiary_items(db, MONTH)}
    return db, by_name


def paid(db, month: str) -> dict[str, int]:
    return {f"{r.full_name} {r.clause_text}": r.amount for r in listing_payment.payment_rows(db, month)}


def total_of(db, month: str) -> int:
    doc = build_document(db, "payment", month=month, today=dt.date(2026, 11, 28))
    return doc.tables[0].grand_total_row()[doc.tables[0].index("amount")]


def test_an_allowance_starting_next_month_is_not_in_this_months_list_or_total(commune) -> None:
    db, _by_name = commune
    july, august = paid(db, "2026-07"), paid(db, "2026-08")
    assert "Lê Thị Bình 5.6" not in july and august["Lê Thị Bình 5.6"] == 750_000  # starts 2026-08
    assert total_of(db, "2026-07") == PAYMENT_TOTAL == sum(july.values())
    assert total_of(db, "2026-08") == PAYMENT_TOTAL + 750_000
    assert ben.month_total(db, "2026-07") == ben.MonthTotal("2026-07", 2, PAYMENT_TOTAL)
    assert ben.month_total(db, "2026-08").amount == PAYMENT_TOTAL + 750_000
    waiting = [i for i in ben.beneficiary_items(db, "2026-07") if i.status_now == "not_started"]
    assert [(i.full_name, i.clauses) for i in waiting] == [("Lê Thị Bình", ("5.6",))]


def test_suspend_resume_and_stop_take_effect_from_their_month(commune) -> None:
    db, by_name = commune
    mai = by_name[("Hà Thị Mai", ("5.6",))]
    ben.change_status(db, mai.id, "suspend", "2026-09", "Không nhận trợ cấp 3 tháng liền")
    ben.change_status(db, mai.id, "resume", "2026-11", "Đã nhận lại")
    ben.change_status(db, mai.id, "stop", "2027-02", "Chuyển đi nơi khác")
    expected = {
        "2026-08": True, "2026-09": False, "2026-10": False, "2026-11": True,
        "2027-01": True, "2027-02": False, "2027-06": False,
    }  # fmt: skip
    for month, on_list in expected.items():
        assert ("Hà Thị Mai 5.6" in paid(db, month)) == on_list, month
        bank = [r.full_name for r in listing_payment.bank_rows(db, month)]
        assert ("Hà Thị Mai" in bank) == on_list, month  # the bank file follows
        amounts = sum(paid(db, month).values())
        assert total_of(db, month) == amounts == ben.month_total(db, month).amount, month


def test_later_changes_do_not_rewrite_earlier_months(commune) -> None:
    db, by_name = commune
    mai = by_name[("Hà Thị Mai", ("5.6",))]
    ben.change_status(db, mai.id, "stop", "2026-09", "Chết")
    assert "Hà Thị Mai 5.6" in paid(db, "2025-01")  # stopped today, but paid back then
    assert "Hà Thị Mai 5.6" in paid(db, "2026-08")
    assert "Hà Thị Mai 5.6" not in paid(db, "2026-09")


def test_two_changes_in_one_month_count_in_the_order_they_were_made(commune) -> None:
    db, by_name = commune
    binh = by_name[("Lê Thị Bình", ("5.5a",))]
    ben.change_status(db, binh.id, "suspend", "2026-09", "Tạm giam")
    ben.change_status(db, binh.id, "resume", "2026-09", "Đã được thả, hồ sơ đủ")
    assert "Lê Thị Bình 5.5a" in paid(db, "2026-09")
    ben.change_status(db, binh.id, "suspend", "2026-10", "Không chấp hành rà soát")
    assert "Lê Thị Bình 5.5a" not in paid(db, "2026-10")


@pytest.mark.parametrize(
    ("events", "month", "expected"),
    [
        ([], "2026-06", "not_started"),  # start month 2026-07
        ([("2026-07", 1, "start")], "2026-07", "active"),
        ([("2026-08", 1, "start")], "2026-07", "not_started"),  # a start event later than the month
        ([("2026-07", 1, "start"), ("2026-09", 2, "suspend")], "2026-08", "active"),
        ([("2026-07", 1, "start"), ("2026-09", 2, "suspend")], "2026-09", "suspended"),
        ([("2026-09", 2, "suspend"), ("2026-09", 3, "resume")], "2026-09", "active"),
        ([("2026-09", 3, "resume"), ("2026-09", 2, "suspend")], "2026-09", "active"),  # by recorded order
        ([("2026-10", 2, "stop")], "2026-09", "active"),
        ([("2026-10", 2, "stop")], "2026-10", "stopped"),
    ],
)
def test_status_in_month(events, month: str, expected: str) -> None:
    assert listing_payment.status_in_month(month, "stopped", "2026-07", events) == expected


def test_without_any_history_the_current_status_counts() -> None:
    assert listing_payment.status_in_month("2026-09", "suspended", "2026-07", []) == "suspended"
    assert listing_payment.status_in_month("2026-09", "active", "2026-07", []) == "active"
