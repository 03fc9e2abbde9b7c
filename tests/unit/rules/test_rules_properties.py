"""Hypothesis property tests of the rules: classification invariants and allowance arithmetic."""

from __future__ import annotations

import json
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from xaapp.rules.allowance import monthly_allowance
from xaapp.rules.deprivations import catalogue_codes
from xaapp.rules.poverty import classify
from xaapp.rules.standards import standard_for_year

SETTINGS = settings(max_examples=120, deadline=None)


@SETTINGS
@given(
    st.integers(min_value=2022, max_value=2030),
    st.sampled_from(["rural", "urban"]),
    st.integers(min_value=0, max_value=5_000_000),
    st.sets(st.sampled_from(catalogue_codes())),
)
def test_classification_invariants(year: int, area: str, income: int, deps: set[str]) -> None:
    # Decree 07/2021 Art. 3 and Decree 351/2025: within the line -> poor iff >= 3 counted deprivations.
    result = classify(
        {"review_year": year, "area": area, "income_per_capita": income, "deprivations": sorted(deps)}
    )
    standard = standard_for_year(year)
    assert standard is not None
    line = standard.income_line[area]
    if income <= line:
        expected = "poor" if result.deprivation_count >= 3 else "near_poor"
        assert result.classification == expected
    else:
        assert result.classification in ("average", "none")
    assert result.score_b == 10 * result.deprivation_count
    assert set(result.deprivations) <= deps
    for text in (result.reason.vi, result.reason.en):
        assert unicodedata.is_normalized("NFC", text)
    json.dumps(result.to_json(), ensure_ascii=False)


@SETTINGS
@given(
    st.sampled_from(["2024-06", "2024-07", "2025-06", "2025-07", "2026-12"]),
    st.integers(min_value=1926, max_value=2024),
    st.lists(
        st.sampled_from(["5.5a", "5.5b", "5.5c", "5.5d", "5.7", "5.8", "5.1", "5.3"]), unique=True, max_size=4
    ),
    st.sampled_from([None, "poor", "near_poor", "none"]),
)
def test_allowance_is_level_times_coefficient(
    month: str, year: int, clauses: list[str], household: str | None
) -> None:
    data = {"month": month, "birth_date": f"15/06/{year}", "categories": [{"clause": c} for c in clauses]}
    if household:
        data["household"] = household
    result = monthly_allowance(data)
    assert result.monthly_amount == sum(e.amount for e in result.entitlements)
    for e in result.entitlements:
        if e.coefficient is not None:
            assert e.amount == round(result.standard_level * e.coefficient)
    # Art. 6.2: without 5.4 at most one clause is paid
    assert len(result.entitlements) <= 1
    assert result.standard_level == (360_000 if month < "2024-07" else 500_000)
    json.dumps(result.to_json(), ensure_ascii=False)
