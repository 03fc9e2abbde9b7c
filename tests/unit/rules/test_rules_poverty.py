"""Table-driven tests of poverty classification; each row cites the rule it checks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from xaapp.rules.inputs import RuleInputError
from xaapp.rules.point_table import PointTable
from xaapp.rules.poverty import classify

D07 = "Decree 07/2021 Art. 3"
D351 = "Decree 351/2025"
C07 = "Circular 07/2021 Phụ lục III/IV"
THREE = ["health_insurance", "water_source", "hygienic_latrine"]
TWO = ["health_insurance", "water_source"]

# (basis, year, area, income or score, deprivations, expected class, expected line)
CASES = [
    (D07, 2026, "rural", {"income_per_capita": 1_500_000}, THREE, "poor", 1_500_000),  # exactly at the line
    (D07, 2026, "rural", {"income_per_capita": 1_500_001}, THREE, "average", 1_500_000),  # one đồng above
    (D07, 2026, "rural", {"income_per_capita": 1_500_000}, TWO, "near_poor", 1_500_000),  # 2 deprivations
    (D07, 2026, "rural", {"income_per_capita": 0}, [], "near_poor", 1_500_000),  # no income-only poor
    (D07, 2026, "urban", {"income_per_capita": 2_000_000}, THREE, "poor", 2_000_000),
    (D07, 2026, "urban", {"income_per_capita": 2_000_001}, THREE, "average", 2_000_000),
    (D07, 2026, "rural", {"income_per_capita": 2_250_000}, [], "average", 1_500_000),  # top of the band
    (D07, 2026, "rural", {"income_per_capita": 2_250_001}, [], "none", 1_500_000),
    (D07, 2026, "urban", {"income_per_capita": 3_000_000}, [], "average", 2_000_000),
    (D07, 2026, "urban", {"income_per_capita": 3_000_001}, [], "none", 2_000_000),
    (D07, 2022, "rural", {"income_per_capita": 1_200_000}, THREE, "poor", 1_500_000),
    (
        D351 + ": 2026 still uses the 2022-2025 line",
        2026,
        "rural",
        {"income_per_capita": 2_000_000},
        THREE,
        "average",
        1_500_000,
    ),
    (
        D351 + ": 2027 line 2.2M rural",
        2027,
        "rural",
        {"income_per_capita": 2_000_000},
        THREE,
        "poor",
        2_200_000,
    ),
    (D351, 2027, "rural", {"income_per_capita": 2_200_000}, TWO, "near_poor", 2_200_000),
    (D351, 2027, "rural", {"income_per_capita": 2_200_001}, THREE, "none", 2_200_000),
    (D351 + ": 2.8M urban", 2027, "urban", {"income_per_capita": 2_800_000}, THREE, "poor", 2_800_000),
    (D351, 2027, "urban", {"income_per_capita": 2_800_001}, THREE, "none", 2_800_000),
    (D351, 2030, "urban", {"income_per_capita": 2_500_000}, TWO, "near_poor", 2_800_000),
    (C07 + ": A <= 140 rural", 2026, "rural", {"score_a": 140}, THREE, "poor", 1_500_000),
    (C07, 2026, "rural", {"score_a": 141}, THREE, "none", 1_500_000),
    (C07, 2026, "rural", {"score_a": 140.5}, THREE, "none", 1_500_000),
    (C07 + ": A <= 175 urban", 2026, "urban", {"score_a": 175}, TWO, "near_poor", 2_000_000),
    (C07, 2026, "urban", {"score_a": 176}, TWO, "none", 2_000_000),
    (C07 + ": 175 is above the rural line", 2026, "rural", {"score_a": 175}, THREE, "none", 1_500_000),
]


@pytest.mark.parametrize(("basis", "year", "area", "income", "deps", "expected", "line"), CASES)
def test_classification(
    basis: str, year: int, area: str, income: dict, deps: list[str], expected: str, line: int
) -> None:
    result = classify({"review_year": year, "area": area, "deprivations": deps, **income})
    assert result.classification == expected, basis
    assert result.income_line == line
    assert result.deprivation_count == len(deps)
    assert result.score_b == 10 * len(deps)  # Circular 07/2021: 10 points per deprived indicator
    assert result.income_test == ("income" if "income_per_capita" in income else "score_a")


def test_reason_reads_out_figures_and_indicators() -> None:
    result = classify(
        {"review_year": 2026, "area": "rural", "income_per_capita": 1_200_000, "deprivations": THREE}
    )
    assert result.reason.vi.startswith(
        "Thu nhập bình quân 1.200.000 đ/người/tháng ≤ chuẩn nông thôn 1.500.000 đ; thiếu hụt 3 chỉ số: bảo hiểm y tế, "
    )
    assert "hộ nghèo" in result.reason.vi and "poor household" in result.reason.en
    assert result.to_json()["reason"] == {"vi": result.reason.vi, "en": result.reason.en}


def test_2027_marks_indicators_provisional_and_ignores_removed_indicator() -> None:
    deps = ["information_devices", "nutrition", "housing_area"]
    result = classify(
        {"review_year": 2027, "area": "rural", "income_per_capita": 2_000_000, "deprivations": deps}
    )
    assert result.classification == "near_poor"  # information_devices is not in the provisional 2027 list
    assert result.deprivations == ("nutrition", "housing_area")
    notes = " ".join(n.vi for n in result.notes)
    assert "tạm thời" in notes and "information_devices" in notes


def test_score_a_has_no_line_for_2027() -> None:
    with pytest.raises(RuleInputError) as info:
        classify({"review_year": 2027, "area": "rural", "score_a": 120, "deprivations": []})
    assert info.value.field == "score_a"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"area": "rural", "income_per_capita": 1, "deprivations": []}, "review_year"),
        ({"review_year": 2021, "area": "rural", "income_per_capita": 1, "deprivations": []}, "review_year"),
        ({"review_year": 2026, "area": "town", "income_per_capita": 1, "deprivations": []}, "area"),
        ({"review_year": 2026, "area": "rural", "deprivations": []}, "income_per_capita"),
        (
            {"review_year": 2026, "area": "rural", "income_per_capita": -1, "deprivations": []},
            "income_per_capita",
        ),
        (
            {"review_year": 2026, "area": "rural", "income_per_capita": "nhiều", "deprivations": []},
            "income_per_capita",
        ),
        (
            {"review_year": 2026, "area": "rural", "income_per_capita": 1, "score_a": 1, "deprivations": []},
            "income_per_capita",
        ),
        (
            {"review_year": 2026, "area": "rural", "income_per_capita": 1, "deprivations": ["cars"]},
            "deprivations[0]",
        ),
        ({"review_year": 2026, "area": "rural", "income_per_capita": 1}, "deprivations"),
        (
            {
                "review_year": 2026,
                "area": "rural",
                "income_method": "guess",
                "income_per_capita": 1,
                "deprivations": [],
            },
            "income_method",
        ),
    ],
)
def test_bad_input_names_the_field(data: dict, field: str) -> None:
    with pytest.raises(RuleInputError) as info:
        classify(data)
    assert info.value.field == field
    assert field in str(info.value)


def test_saved_household_review_answers_nested_in_groups() -> None:
    answers = {
        "household_review": {
            "meta": {"instanceID": "uuid:1"},
            "general": {"review_year": "2026", "area": "urban", "income_method": "income"},
            "income": {"income_per_capita": "1.950.000"},
            "deprivation": {
                "dep_employment": "0",
                "dep_health_insurance": "1",
                "dep_nutrition": 1,
                "dep_housing_area": "1",
                "dep_telecom_use": 0,
            },
        }
    }
    result = classify(answers)
    assert result.classification == "poor"
    assert result.deprivations == ("nutrition", "health_insurance", "housing_area")


def test_point_table_without_table_says_so_plainly(tmp_path: Path) -> None:
    data = {"review_year": 2026, "area": "rural", "score_a_answers": {"members": "3"}, "deprivations": []}
    with pytest.raises(RuleInputError) as info:
        classify(data, rules_dir=_rules_copy(tmp_path))
    assert "Chưa nạp bảng điểm A" in info.value.message_vi
    assert "income_per_capita" in info.value.message_vi and "score_a" in info.value.message_vi


def _rules_copy(tmp_path: Path) -> Path:
    from xaapp.paths import resource

    folder = tmp_path / "rules"
    folder.mkdir()
    for file in resource("rules").glob("*.json"):
        (folder / file.name).write_text(file.read_text(encoding="utf-8"), encoding="utf-8")
    return folder


# A made-up table for the test only: it checks the arithmetic of the documented format, not any real points.
TEST_TABLE = {
    "format": "xaapp-score-a-table",
    "format_version": 1,
    "name_vi": "Bảng thử (không phải bảng thật)",
    "status": "unverified",
    "years": [2022, 2026],
    "base_points": {"rural": 100, "urban": 130},
    "items": [
        {"code": "members", "type": "choice", "options": [
            {"value": "1", "points": {"rural": 30, "urban": 35}},
            {"value": "3", "points": {"rural": 10, "urban": 12}},
        ]},
        {"code": "has_fridge", "type": "yes_no", "points_yes": {"rural": 15, "urban": 10}, "points_no": {"rural": 0, "urban": 0}},
        {"code": "floor_m2", "type": "number", "bands": [
            {"max_exclusive": 8, "points": {"rural": 0, "urban": 0}},
            {"min": 8, "points": {"rural": 20, "urban": 25}},
        ]},
    ],
}  # fmt: skip


@pytest.mark.parametrize(
    ("answers", "area", "total", "expected"),
    [
        ({"members": "3", "has_fridge": "no", "floor_m2": 7.5}, "rural", 110, "poor"),  # 100+10+0+0 ≤ 140
        ({"members": "3", "has_fridge": "yes", "floor_m2": 8}, "rural", 145, "none"),  # 100+10+15+20 > 140
        ({"members": "1", "has_fridge": "0", "floor_m2": 5}, "urban", 165, "poor"),  # 130+35 ≤ 175
    ],
)
def test_point_table_scores(answers: dict, area: str, total: float, expected: str) -> None:
    table = PointTable.from_json(TEST_TABLE)
    data = {"review_year": 2026, "area": area, "score_a_answers": answers, "deprivations": THREE}
    result = classify(data, point_table=table)
    assert result.score_a == total
    assert result.classification == expected
    assert result.to_json()["score_a_detail"]["total"] == total


def test_point_table_missing_answer_and_wrong_year() -> None:
    table = PointTable.from_json(TEST_TABLE)
    with pytest.raises(RuleInputError) as info:
        classify(
            {"review_year": 2026, "area": "rural", "score_a_answers": {"members": "3"}, "deprivations": []},
            point_table=table,
        )
    assert info.value.field == "score_a_answers.has_fridge"
    with pytest.raises(RuleInputError) as info:
        classify(
            {
                "review_year": 2027,
                "area": "rural",
                "score_a_answers": {},
                "deprivations": [],
                "income_method": "point_table",
            },
            point_table=table,
        )
    assert info.value.field == "score_a_answers"  # 2027 has no score A line at all


def test_point_table_loaded_from_rules_folder(tmp_path: Path) -> None:
    folder = _rules_copy(tmp_path)
    (folder / "score_a_table.json").write_text(json.dumps(TEST_TABLE), encoding="utf-8")
    answers = {"members": "3", "has_fridge": "no", "floor_m2": 10}
    result = classify(
        {"review_year": 2026, "area": "rural", "score_a_answers": answers, "deprivations": []},
        rules_dir=folder,
    )
    assert (result.score_a, result.classification) == (130, "near_poor")


def test_province_correction_is_data_not_code(tmp_path: Path) -> None:
    folder = _rules_copy(tmp_path)
    path = folder / "poverty_standards.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["records"][1]["income_line"]["rural"] = 2_300_000  # e.g. after reading the full Decree 351 text
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = classify(
        {"review_year": 2027, "area": "rural", "income_per_capita": 2_250_000, "deprivations": []},
        rules_dir=folder,
    )
    assert (result.income_line, result.classification) == (2_300_000, "near_poor")
