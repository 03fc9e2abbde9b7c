"""Table-driven tests of household movement between reviews (Phụ lục VII movement tables, Circular 07/2021)."""

from __future__ import annotations

import pytest

from xaapp.rules.inputs import RuleInputError
from xaapp.rules.movement import household_movement, movement_table

# (history by year, moved in, moved out, event, poor-table column, near-poor-table column)
CASES = [
    ({2025: "poor", 2026: "poor"}, False, False, "stayed_poor", None, None),
    ({2025: "poor", 2026: "none"}, False, False, "escaped_poverty", "escaped", None),
    ({2025: "poor", 2026: "average"}, False, False, "escaped_poverty", "escaped", None),
    ({2025: "near_poor", 2026: "none"}, False, False, "escaped_near_poverty", None, "escaped"),
    ({2025: "poor", 2026: "near_poor"}, False, False, "poor_to_near_poor", "became_near_poor", "from_poor"),
    ({2025: "near_poor", 2026: "poor"}, False, False, "near_poor_to_poor", "from_near_poor", "became_poor"),
    ({2025: "none", 2026: "poor"}, False, False, "newly_poor", "new", None),
    ({2026: "near_poor"}, False, False, "newly_near_poor", None, "new"),
    (
        {2023: "poor", 2024: "none", 2025: "none", 2026: "poor"},
        False,
        False,
        "fell_back_poor",
        "fell_back",
        None,
    ),  # tái nghèo
    (
        {2024: "near_poor", 2025: "average", 2026: "near_poor"},
        False,
        False,
        "fell_back_near_poor",
        None,
        "fell_back",
    ),
    ({2025: "none", 2026: "poor"}, True, False, "moved_in", "other_increase", None),
    ({2025: "poor", 2026: "poor"}, False, True, "moved_out", "other_decrease", None),
    ({2025: "none", 2026: "average"}, False, False, "unchanged_other", None, None),
]


@pytest.mark.parametrize(("history", "moved_in", "moved_out", "event", "poor_col", "near_col"), CASES)
def test_household_movement(
    history: dict, moved_in: bool, moved_out: bool, event: str, poor_col: str | None, near_col: str | None
) -> None:
    movement = household_movement(history, 2026, moved_in=moved_in, moved_out=moved_out)
    assert (movement.event, movement.poor_column, movement.near_poor_column) == (event, poor_col, near_col)
    assert movement.label.vi and movement.label.en


def test_tables_balance_and_carry_labels() -> None:
    movements = [
        household_movement(history, 2026, moved_in=mi, moved_out=mo) for history, mi, mo, *_ in CASES
    ]
    for name in ("poor", "near_poor"):
        table = movement_table(movements, name)
        decreases = sum(c.count for c in table.columns if c.kind == "decrease")
        increases = sum(c.count for c in table.columns if c.kind == "increase")
        assert (
            table.count("end") == table.count("start") - decreases + increases
        )  # cuối kỳ = đầu kỳ − giảm + tăng
    poor = movement_table(movements, "poor")
    assert [c.vi for c in poor.columns][0] == "Đầu kỳ" and [c.vi for c in poor.columns][-1] == "Cuối kỳ"
    assert poor.count("fell_back") == 1 and poor.count("escaped") == 2
    assert poor.status == "unverified"


def test_bad_class_names_the_year() -> None:
    with pytest.raises(RuleInputError) as info:
        household_movement({2025: "rich", 2026: "poor"}, 2026)
    assert info.value.field == "history.2025"


def test_history_from_json_with_text_years() -> None:
    assert (
        household_movement({"2024": "poor", "2025": "none", "2026": "poor"}, 2026).event == "fell_back_poor"
    )
