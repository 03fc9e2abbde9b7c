"""Row builders of the printed lists, against a small commune with known answers (tests/unit/reports/listdata.py)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "reports"))

from listdata import MONTH, NEAR_POOR, PAYMENT_TOTAL, POOR, YEAR, make_db  # noqa: E402

from xaapp.errors import KnownError  # noqa: E402
from xaapp.services import listing, listing_payment  # noqa: E402
from xaapp.services.list_documents import build_document, parse_month, resolve_list  # noqa: E402


@pytest.fixture
def commune(tmp_path: Path):
    return make_db(tmp_path)


def test_posting_rows_are_final_reviews_of_the_year_without_tombstones_sorted_by_village_then_given_name(
    commune,
) -> None:
    db, ids = commune
    rows = listing.household_rows(db, YEAR)
    assert [(r.village, r.head_name, r.result_class) for r in rows] == [
        ("Bản Lũng", "Lò Thị Ánh", "near_poor"),
        ("Thôn Đồng Tâm", "Nguyễn Văn Ân", "near_poor"),
        ("Thôn Đồng Tâm", "Lê Thị Bình", "poor"),
        ("Thôn Đồng Tâm", "Hoàng Văn Tú", "poor"),
    ]
    an = rows[1]
    assert (
        an.members == 4 and an.head_birth == dt.date(1970, 3, 5) and an.deprivations == ("health_insurance",)
    )
    assert an.class_label == "Hộ cận nghèo"
    only_dong_tam = listing.household_rows(db, YEAR, ids["dong_tam"])
    assert {r.head_name for r in only_dong_tam} == {"Nguyễn Văn Ân", "Lê Thị Bình", "Hoàng Văn Tú"}
    assert listing.review_counts(db, YEAR) == listing.ReviewCounts(final=5, draft=1)


def test_escaped_rows_compare_with_the_year_before(commune) -> None:
    db, _ids = commune
    rows = listing.escaped_rows(db, YEAR)
    assert [(r.head_name, r.previous_class, r.result_class) for r in rows] == [
        ("Nguyễn Văn Ân", "poor", "near_poor"),
        ("Hà Văn An", "near_poor", "average"),
    ]


def test_payment_rows_follow_status_events_periods_and_start_month(commune) -> None:
    db, _ids = commune
    july = listing_payment.payment_rows(db, MONTH)
    assert [(r.full_name, r.amount, r.clauses) for r in july] == [
        ("Hà Thị Mai", 1_000_000, ("5.6",)),
        ("Lê Thị Bình", 750_000, ("5.5a",)),
    ]
    assert sum(r.amount for r in july) == PAYMENT_TOTAL
    may = {r.full_name: r.amount for r in listing_payment.payment_rows(db, "2026-05")}
    assert may["Nguyễn Văn Ân"] == 500_000  # stopped only from 2026-06
    old = {r.full_name: r.amount for r in listing_payment.payment_rows(db, "2023-01")}
    assert old == {"Lê Thị Bình": 540_000}  # the period in force then
    assert [r.full_name for r in listing_payment.bank_rows(db, MONTH)] == ["Hà Thị Mai"]


def test_summary_rows_count_by_village_and_indicator(commune) -> None:
    db, _ids = commune
    rows = listing.village_summary_rows(db, YEAR)
    assert [(r.village, r.households, r.reviewed, r.poor, r.near_poor) for r in rows] == [
        ("Bản Lũng", 2, 2, 0, 1),
        ("Thôn Đồng Tâm", 4, 3, 2, 1),
    ]
    assert rows[1].poor_rate == 0.5
    counts = listing.deprivation_counts(db, YEAR)
    assert counts["poor"]["_households"] == 2 and counts["poor"]["housing_quality"] == 1
    assert counts["near_poor"] == {"_households": 2, "health_insurance": 1, "information_devices": 1}


def test_summary_document_movement_balances(commune) -> None:
    db, _ids = commune
    doc = build_document(db, "tong-hop", year=YEAR, today=dt.date(2026, 11, 28))
    results, deprivations, poor_move, near_move = doc.tables
    assert results.grand_total_row()[2:5] == (6, 5, 2)
    assert len(deprivations.rows()) == 12
    for table in (poor_move, near_move):
        total = dict(zip((c.key for c in table.columns), table.grand_total_row(), strict=True))
        decreases = sum(total[c.key] for c in table.columns[3:6])
        increases = sum(total[c.key] for c in table.columns[6:10])
        assert total["end"] == total["start"] - decreases + increases
    near = dict(zip((c.key for c in near_move.columns), near_move.grand_total_row(), strict=True))
    assert near["fell_back"] == 1 and near["from_poor"] == 1 and near["escaped"] == 1  # Ánh, Ân, Hà Văn An
    poor = dict(zip((c.key for c in poor_move.columns), poor_move.grand_total_row(), strict=True))
    assert (poor["start"], poor["became_near_poor"], poor["new"], poor["end"]) == (2, 1, 1, 2)
    assert doc.charts[0].series[1] == (f"Hộ nghèo {YEAR}", (0, 2))


def test_posting_document_masks_ids_and_notes_drafts(commune) -> None:
    db, _ids = commune
    doc = build_document(db, "posting", year=YEAR, today=dt.date(2026, 11, 28))
    assert doc.public
    poor, near = doc.tables
    assert [row[1] for row in poor.rows()] == POOR and [row[1] for row in near.rows()] == NEAR_POOR
    pid_col = poor.index("pid")
    assert poor.rows()[0][pid_col] == "038******321"
    assert any("1 hộ" in note and "chưa hoàn thành" in note for note in doc.notes)


def test_mask_and_names_and_months() -> None:
    assert listing.mask_personal_id("038070001234") == "038******234"
    assert listing.mask_personal_id(None) == ""
    assert resolve_list("Chi trả").key == "payment"
    assert parse_month("7/2026") == "2026-07"
    with pytest.raises(KnownError):
        parse_month("2026-13")
    with pytest.raises(KnownError):
        resolve_list("nothing")
