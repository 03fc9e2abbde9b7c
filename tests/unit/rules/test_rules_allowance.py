"""Table-driven tests of social allowances, social pension and health insurance; each row cites its article."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from xaapp.rules.allowance import monthly_allowance, standard_level
from xaapp.rules.health_insurance import health_insurance
from xaapp.rules.inputs import RuleInputError

D20 = "Decree 20/2021"


@pytest.mark.parametrize(
    ("basis", "month", "level"),
    [
        (D20 + " Art. 4.2", "2021-07", 360_000),
        (D20 + " Art. 4.2", "2024-06", 360_000),  # last month before Decree 76/2024
        ("Decree 76/2024", "2024-07", 500_000),  # first month of 500,000
        ("Decree 76/2024", "07/2026", 500_000),
    ],
)
def test_standard_level_by_month(basis: str, month: str, level: int) -> None:
    result = monthly_allowance({"month": month, "categories": []})
    assert result.standard_level == level, basis


def test_no_standard_level_before_july_2021() -> None:
    with pytest.raises(RuleInputError) as info:
        monthly_allowance({"month": "2021-06", "categories": []})
    assert info.value.field == "month"


# (basis, month, birth date, category, expected coefficient, expected amount)
SINGLE = [
    (D20 + " Art. 6.1a: 5.1 under 4", "2024-07", "01/08/2021", {"clause": "5.1"}, 2.5, 1_250_000),
    (D20 + " Art. 6.1a: 5.1 from 4", "2024-07", "01/07/2020", {"clause": "5.1"}, 1.5, 750_000),
    (
        D20 + " Art. 6.1a: 5.1 either side of 1/7/2024",
        "2024-06",
        "01/06/2020",
        {"clause": "5.1"},
        1.5,
        540_000,
    ),
    (
        D20 + " Art. 6.1b: 5.2 studying",
        "2024-07",
        "01/01/2007",
        {"clause": "5.2", "studying": True},
        1.5,
        750_000,
    ),
    (D20 + " Art. 6.1c: 5.3 under 4", "2024-07", "01/01/2022", {"clause": "5.3"}, 2.5, 1_250_000),
    (D20 + " Art. 6.1c: 5.3 4 to 16", "2024-07", "01/01/2015", {"clause": "5.3"}, 2.0, 1_000_000),
    (D20 + " Art. 6.1đ: 5.5a 60-80", "2024-07", "01/01/1950", {"clause": "5.5a"}, 1.5, 750_000),
    (D20 + " Art. 6.1đ: 5.5a 80+", "2024-07", "01/01/1940", {"clause": "5.5a"}, 2.0, 1_000_000),
    (D20 + " Art. 6.1đ: 5.5a 80+ at 360k", "2024-06", "01/01/1940", {"clause": "5.5a"}, 2.0, 720_000),
    (
        D20 + " Art. 6.1đ: 5.5b 75-80",
        "2024-07",
        "15/07/1949",
        {"clause": "5.5b"},
        1.0,
        500_000,
    ),  # month turning 75
    (D20 + " Art. 6.1đ: 5.5c 80+", "2024-07", "01/01/1940", {"clause": "5.5c"}, 1.0, 500_000),
    (D20 + " Art. 6.1đ: 5.5d", "2024-07", "01/01/1950", {"clause": "5.5d"}, 3.0, 1_500_000),
    (
        D20 + " Art. 6.1e: 5.6 extremely severe adult",
        "2024-07",
        "01/01/1980",
        {"clause": "5.6", "severity": "extremely_severe", "certificate_month": "2022-01"},
        2.0,
        1_000_000,
    ),
    (
        D20 + " Art. 6.1e: 5.6 extremely severe child",
        "2024-07",
        "01/01/2015",
        {"clause": "5.6", "severity": "extremely_severe", "certificate_month": "2022-01"},
        2.5,
        1_250_000,
    ),
    (
        D20 + " Art. 6.1e: 5.6 severe adult",
        "2024-07",
        "01/01/1980",
        {"clause": "5.6", "severity": "severe", "certificate_month": "2022-01"},
        1.5,
        750_000,
    ),
    (
        D20 + " Art. 6.1e: 5.6 severe elderly",
        "2024-07",
        "01/01/1950",
        {"clause": "5.6", "severity": "severe", "certificate_month": "2022-01"},
        2.0,
        1_000_000,
    ),
    (D20 + " Art. 6.1g: 5.7 under 3", "2024-07", "01/01/2023", {"clause": "5.7"}, 1.5, 750_000),
    (D20 + " Art. 6.1h: 5.8", "2024-07", "01/01/1985", {"clause": "5.8"}, 1.5, 750_000),
]


@pytest.mark.parametrize(("basis", "month", "birth", "category", "k", "amount"), SINGLE)
def test_single_category(basis: str, month: str, birth: str, category: dict, k: float, amount: int) -> None:
    result = monthly_allowance({"month": month, "birth_date": birth, "categories": [category]})
    assert [(e.clause, e.coefficient, e.amount) for e in result.entitlements] == [
        (category["clause"], k, amount)
    ], basis
    assert result.monthly_amount == amount


@pytest.mark.parametrize(
    ("basis", "month", "birth", "category"),
    [
        (D20 + " Art. 5.1: under 16 only", "2024-07", "01/01/2007", {"clause": "5.1"}),
        (D20 + " Art. 5.2: must be studying", "2024-07", "01/01/2007", {"clause": "5.2", "studying": False}),
        (D20 + " Art. 5.5b: not before 75", "2024-07", "01/08/1949", {"clause": "5.5b"}),
        (D20 + " Art. 5.7: under 3 only", "2024-07", "01/07/2021", {"clause": "5.7"}),
        (
            "Decree 176/2025: 5.5c replaced by the social pension from 07/2025",
            "2025-07",
            "01/01/1940",
            {"clause": "5.5c"},
        ),
        (
            D20 + " Art. 8: disability from the certificate month",
            "2024-07",
            "01/01/1980",
            {"clause": "5.6", "severity": "severe", "certificate_month": "2024-08"},
        ),
    ],
)
def test_not_paid(basis: str, month: str, birth: str, category: dict) -> None:
    result = monthly_allowance({"month": month, "birth_date": birth, "categories": [category]})
    clauses = [e.clause for e in result.entitlements]
    assert category["clause"] not in clauses, basis
    assert category["clause"] in [x.clause for x in result.excluded]


def test_start_month_from_decision() -> None:
    data = {
        "month": "2024-07",
        "birth_date": "01/01/1950",
        "decision_month": "2024-08",
        "categories": [{"clause": "5.5a"}],
    }
    assert monthly_allowance(data).monthly_amount == 0
    data["decision_month"] = "07/2024"
    assert monthly_allowance(data).monthly_amount == 750_000


def test_start_month_at_80th_birthday_for_5_5c() -> (
    None
):  # Decree 20/2021 Art. 8: from the month of turning 80
    base = {"birth_date": "20/03/1944", "categories": [{"clause": "5.5c"}]}
    assert monthly_allowance({**base, "month": "2024-02"}).monthly_amount == 0
    assert monthly_allowance({**base, "month": "2024-03"}).monthly_amount == 360_000


def _child(birth: str, studying: bool = False) -> dict:
    return {"birth_date": birth, "studying": studying}


@pytest.mark.parametrize(
    ("basis", "children", "count"),
    [
        (D20 + " Art. 6.1d: 1.0 per child", [_child("01/01/2015")], 1),
        (D20 + " Art. 6.1d", [_child("01/01/2015"), _child("01/01/2018")], 2),
        (
            D20 + " Art. 5.4: child 16-22 counts if studying",
            [_child("01/01/2015"), _child("01/01/2006", True)],
            2,
        ),
        (D20 + " Art. 5.4: not if not studying", [_child("01/01/2015"), _child("01/01/2006", False)], 1),
        (D20 + " Art. 5.4: not from 22", [_child("01/01/2015"), _child("01/01/2002", True)], 1),
        (D20 + " Art. 6.1d", [_child("01/01/2015"), _child("01/01/2017"), _child("01/01/2020")], 3),
    ],
)
def test_single_parent_per_child_sum(basis: str, children: list[dict], count: int) -> None:
    data = {
        "month": "2024-07",
        "birth_date": "01/01/1990",
        "household": "poor",
        "categories": [{"clause": "5.4", "children": children}],
    }
    result = monthly_allowance(data)
    assert result.monthly_amount == count * 500_000, basis
    assert result.entitlements[0].children == count


# Several categories, Decree 20/2021 Art. 6.2: the highest only, except 5.4 with 5.5 / 5.6 / 5.8.
@pytest.mark.parametrize(
    ("month", "birth", "categories", "paid", "total"),
    [
        (
            "2024-07",
            "01/01/1950",
            [{"clause": "5.5a"}, {"clause": "5.6", "severity": "severe", "certificate_month": "2020-01"}],
            ["5.6"],
            1_000_000,
        ),
        ("2024-07", "01/01/1940", [{"clause": "5.5a"}, {"clause": "5.8"}], ["5.5a"], 1_000_000),
        (
            "2024-07",
            "01/01/1990",
            [
                {"clause": "5.4", "children": [_child("01/01/2015"), _child("01/01/2016")]},
                {"clause": "5.6", "severity": "severe", "certificate_month": "2020-01"},
            ],
            ["5.4", "5.6"],
            1_750_000,
        ),
        (
            "2024-07",
            "01/01/1990",
            [{"clause": "5.4", "children": [_child("01/01/2015")]}, {"clause": "5.8"}],
            ["5.4", "5.8"],
            1_250_000,
        ),
        (
            "2024-06",
            "01/01/1990",
            [{"clause": "5.4", "children": [_child("01/01/2015")]}, {"clause": "5.8"}],
            ["5.4", "5.8"],
            900_000,
        ),
        (
            "2024-07",
            "01/01/1960",
            [{"clause": "5.4", "children": [_child("01/01/2015")]}, {"clause": "5.5a"}, {"clause": "5.8"}],
            ["5.4", "5.5a"],
            1_250_000,
        ),
    ],
)
def test_several_categories(
    month: str, birth: str, categories: list[dict], paid: list[str], total: int
) -> None:
    result = monthly_allowance(
        {"month": month, "birth_date": birth, "household": "poor", "categories": categories}
    )
    assert [e.clause for e in result.entitlements] == paid
    assert result.monthly_amount == total


# Social pension, Decree 176/2025 (from 07/2025): 500,000 for 75+ (70+ in poor / near-poor households); higher-of.
@pytest.mark.parametrize(
    ("basis", "data", "paid", "total"),
    [
        (
            "176/2025: 75+, no pension",
            {"month": "2025-07", "birth_date": "01/01/1950", "categories": []},
            ["social_pension"],
            500_000,
        ),
        (
            "176/2025: not before 07/2025",
            {"month": "2025-06", "birth_date": "01/01/1940", "categories": []},
            [],
            0,
        ),
        ("176/2025: 74 not poor", {"month": "2025-08", "birth_date": "01/01/1951", "categories": []}, [], 0),
        (
            "176/2025: 70-75 poor",
            {"month": "2025-08", "birth_date": "01/01/1954", "household": "near_poor", "categories": []},
            ["social_pension"],
            500_000,
        ),
        (
            "176/2025: has a higher pension",
            {"month": "2025-08", "birth_date": "01/01/1940", "pension_monthly": 3_000_000, "categories": []},
            [],
            0,
        ),
        (
            "176/2025: pension lower than the social pension",
            {"month": "2025-08", "birth_date": "01/01/1940", "pension_monthly": 200_000, "categories": []},
            ["social_pension"],
            500_000,
        ),
        (
            "higher-of: allowance 1,000,000 > 500,000",
            {"month": "2025-08", "birth_date": "01/01/1940", "categories": [{"clause": "5.5a"}]},
            ["5.5a"],
            1_000_000,
        ),
        (
            "higher-of: equal amounts keep the allowance",
            {"month": "2025-08", "birth_date": "01/01/1949", "categories": [{"clause": "5.5b"}]},
            ["5.5b"],
            500_000,
        ),
    ],
)
def test_social_pension_higher_of(basis: str, data: dict, paid: list[str], total: int) -> None:
    result = monthly_allowance(data)
    assert [e.clause for e in result.entitlements] == paid, basis
    assert result.monthly_amount == total


def test_social_pension_chosen_when_higher(tmp_path: Path) -> None:
    # With a province top-up (data, not code) the social pension exceeds a 5.5b allowance of 500,000.
    from xaapp.paths import resource

    folder = tmp_path / "rules"
    folder.mkdir()
    for file in resource("rules").glob("*.json"):
        (folder / file.name).write_text(file.read_text(encoding="utf-8"), encoding="utf-8")
    path = folder / "social_pension.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["province_top_ups"] = [
        {
            "effective_from": "2025-07-01",
            "effective_to": None,
            "amount": 100_000,
            "legal_basis": "test",
            "status": "unverified",
        }
    ]
    path.write_text(json.dumps(data), encoding="utf-8")
    result = monthly_allowance(
        {"month": "2025-08", "birth_date": "01/01/1949", "categories": [{"clause": "5.5b"}]}, rules_dir=folder
    )
    assert [(e.clause, e.amount) for e in result.entitlements] == [("social_pension", 600_000)]
    assert "5.5b" in [x.clause for x in result.excluded]


def test_province_standard_level_replaces_lower_national(tmp_path: Path) -> None:  # Decree 20/2021 Art. 4.3
    from xaapp.paths import resource

    folder = tmp_path / "rules"
    folder.mkdir()
    for file in resource("rules").glob("*.json"):
        (folder / file.name).write_text(file.read_text(encoding="utf-8"), encoding="utf-8")
    path = folder / "social_assistance.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["province_standard_levels"] = [
        {
            "effective_from": "2026-01-01",
            "effective_to": None,
            "amount": 600_000,
            "legal_basis": "NQ HĐND (test)",
            "status": "unverified",
        }
    ]
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert standard_level(dt.date(2025, 12, 1), folder)[0] == 500_000
    assert standard_level(dt.date(2026, 1, 1), folder) == (600_000, "NQ HĐND (test)")


# Circular 02/2021/TT-BLĐTBXH Art. 2: suspend / stop.
@pytest.mark.parametrize(
    ("status", "month", "amount"),
    [
        ({"stop": {"month": "2024-09", "reason": "died_or_missing"}}, "2024-08", 1_000_000),
        ({"stop": {"month": "2024-09", "reason": "died_or_missing"}}, "2024-09", 0),
        ({"suspend": {"month": "2024-09", "reason": "not_collected_3_months"}}, "2024-10", 0),
        (
            {"suspend": {"month": "2024-09", "reason": "temporary_detention", "resume_month": "2024-11"}},
            "2024-11",
            1_000_000,
        ),
    ],
)
def test_suspend_and_stop(status: dict, month: str, amount: int) -> None:
    data = {"month": month, "birth_date": "01/01/1940", "categories": [{"clause": "5.5a"}], **status}
    result = monthly_allowance(data)
    assert result.monthly_amount == amount
    if amount == 0:
        assert "Thông tư 02/2021" in result.reason.vi


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"categories": []}, "month"),
        ({"month": "2024-13", "categories": []}, "month"),
        ({"month": "2024-07", "categories": [{"clause": "5.9"}]}, "clause"),
        ({"month": "2024-07", "categories": [{"clause": "5.5a"}]}, "birth_date"),
        ({"month": "2024-07", "birth_date": "31/02/1950", "categories": [{"clause": "5.5a"}]}, "birth_date"),
        (
            {
                "month": "2024-07",
                "birth_date": "01/01/1980",
                "categories": [{"clause": "5.6", "certificate_month": "2020-01"}],
            },
            "severity",
        ),
        (
            {
                "month": "2024-07",
                "birth_date": "01/01/1980",
                "categories": [{"clause": "5.6", "severity": "severe"}],
            },
            "certificate_month",
        ),
        (
            {"month": "2024-07", "birth_date": "01/01/1980", "categories": [{"clause": "5.4"}]},
            "categories[0].children",
        ),
        ({"month": "2024-07", "categories": "5.5a"}, "categories"),
        ({"month": "2024-07", "categories": [], "stop": {"month": "2024-07", "reason": "bored"}}, "reason"),
        ({"month": "2024-07", "categories": [], "household": "rich"}, "household"),
    ],
)
def test_bad_input_names_the_field(data: dict, field: str) -> None:
    with pytest.raises(RuleInputError) as info:
        monthly_allowance(data)
    assert info.value.field == field


# Health insurance: Decree 20/2021 Art. 9; Decree 146/2018 as amended by Decree 75/2023.
@pytest.mark.parametrize(
    ("person", "group", "share"),
    [
        ({"on_social_allowance": True}, "social_allowance", "100%"),
        ({"household": "poor"}, "poor_household", "100%"),
        ({"household": "near_poor"}, "near_poor_household", "≥70%"),
        ({"household": "near_poor", "birth_date": "01/01/2022"}, "child_under_6", "100%"),
        ({"household": "average", "birth_date": "01/01/1990"}, None, None),
        ({"on_social_allowance": True, "household": "poor"}, "social_allowance", "100%"),
    ],
)
def test_health_insurance(person: dict, group: str | None, share: str | None) -> None:
    result = health_insurance(person, dt.date(2026, 1, 1))
    assert (result.group, result.state_share, result.entitled) == (group, share, group is not None)


def test_allowance_beneficiary_gets_health_insurance() -> None:
    result = monthly_allowance(
        {"month": "2024-07", "birth_date": "01/01/1940", "categories": [{"clause": "5.5a"}]}
    )
    assert result.health_insurance.group == "social_allowance"
    json_out = result.to_json()
    assert list(json_out)[:6] == [
        "month",
        "standard_level",
        "entitlements",
        "monthly_amount",
        "health_insurance",
        "reason",
    ]


@pytest.mark.parametrize(
    ("basis", "clause", "household", "paid"),
    [
        (D20 + " Art. 5.4: poor or near-poor household", "5.4", "near_poor", True),
        (D20 + " Art. 5.4", "5.4", "average", False),
        (D20 + " Art. 5.5a: poor household", "5.5a", "near_poor", False),
        (D20 + " Art. 5.8: poor household", "5.8", "poor", True),
        (D20 + " Art. 5.6: any household", "5.6", "none", True),
    ],
)
def test_household_class_of_the_clause(basis: str, clause: str, household: str, paid: bool) -> None:
    category: dict = {"clause": clause}
    if clause == "5.4":
        category["children"] = [_child("01/01/2015")]
    if clause == "5.6":
        category.update(severity="severe", certificate_month="2020-01")
    data = {"month": "2024-07", "birth_date": "01/01/1960", "household": household, "categories": [category]}
    result = monthly_allowance(data)
    assert (result.monthly_amount > 0) is paid, basis
