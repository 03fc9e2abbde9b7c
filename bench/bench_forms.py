"""Forms engine: re-evaluation after one answer change in the household review with 15 members, and
`forms check` on a workbook carrying stray formatting against the same form without it."""

from __future__ import annotations

import datetime as dt
import statistics
import tempfile
import time
from pathlib import Path

from common import Result, percentile
from stray_formatting import add_stray_formatting

from xaapp.forms_engine import InterviewSession, check_form, shipped_form
from xaapp.paths import forms_dir

MEMBER = {
    "full_name": "Nguyễn Văn An",
    "sex": "male",
    "ethnicity": "kinh",
    "personal_id": "038084001234",
    "relationship": "child",
    "health_insurance": "yes",
    "disability": "none",
}
HOUSEHOLD = {
    "general/village": "Thôn Đông",
    "general/area_type": "rural",
    "general/head_name": "Nguyễn Văn An",
    "housing/wall_durable": "yes",
    "housing/column_durable": "yes",
    "housing/roof_durable": "yes",
    "housing/living_area": 120,
    "housing/water_source": "piped",
    "housing/latrine": "septic",
    "information/telecom_use": "yes",
    "information/info_devices": ["tv"],
    "income/income_method": "per_capita",
    "income/income_wages": 150_000_000,
}


def _household(members: int) -> InterviewSession:
    session = InterviewSession(shipped_form("household_review"), lang="vi", today=dt.date(2026, 11, 28))
    for path, value in HOUSEHOLD.items():
        session.answer(path, value)
    for i in range(1, members + 1):
        session.add_repeat("members")
        session.answer(f"members[{i}]/dob", dt.date(1950 + 5 * i % 70, 1 + i % 12, 1 + i % 27))
        for key, value in MEMBER.items():
            session.answer(f"members[{i}]/{key}", "head" if key == "relationship" and i == 1 else value)
        for key, value in (
            ("in_school", "yes"),
            ("education_level", "upper_secondary"),
            ("work_status", "self_farm"),
            ("malnourished", "no"),
            ("enterprise_training", "no"),
        ):
            if session.is_relevant(f"members[{i}]/{key}"):
                session.answer(f"members[{i}]/{key}", value)
    return session


def _time(action, rounds: int) -> list[float]:  # noqa: ANN001
    samples = []
    for i in range(rounds):
        started = time.perf_counter()
        action(i)
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def run(quick: bool) -> list[Result]:
    rounds = 200 if quick else 2000
    started = time.perf_counter()
    session = _household(15)
    build_ms = (time.perf_counter() - started) * 1000
    dobs = [dt.date(2016, 2, 11), dt.date(2009, 6, 1)]  # flips a member between child and adult
    schooling = ["no", "yes"]
    area = [40, 200]

    def change_member(i: int) -> None:
        session.answer("members[7]/dob", dobs[i % 2])

    def change_schooling(i: int) -> None:  # members[13] is 11 years old: this flips a deprivation flag
        session.answer("members[13]/in_school", schooling[i % 2])

    def change_area(i: int) -> None:
        session.answer("housing/living_area", area[i % 2])

    session.answer("members[13]/in_school", "no")
    if session.value("dep_child_school_attendance") != 1:
        raise AssertionError("the benchmark household does not exercise the deprivation flags")
    results = []
    for label, action in (
        ("member's date of birth", change_member),
        ("member in school", change_schooling),
        ("living area", change_area),
    ):
        samples = _time(action, rounds)
        p95 = percentile(samples, 95)
        results.append(
            Result(
                "forms",
                f"re-evaluate after one answer ({label}), 15 members, p95",
                p95,
                "ms",
                "<= 2 ms",
                p95 <= 2.0,
                f"p50 {percentile(samples, 50):.3f} ms, {rounds} changes",
            )
        )
    samples = _time(lambda i: session.is_complete(), max(20, rounds // 20))
    results.append(
        Result(
            "forms",
            "is_complete() on 15 members, p95",
            percentile(samples, 95),
            "ms",
            note="walks every question's required/constraint",
        )
    )
    samples = _time(lambda i: shipped_form("household_review"), 5 if quick else 20)
    results.append(Result("forms", "load + check household_review.xlsx, p50", percentile(samples, 50), "ms"))
    results.append(Result("forms", "fill a 15-member household (build)", build_ms, "ms"))
    results.extend(_formatted_workbooks(quick))
    return results


def _formatted_workbooks(quick: bool) -> list[Result]:
    """`forms check` (load + check) of household_review.xlsx with 1,024 formatted columns and 10,000
    formatted empty rows on its survey sheet, against the same workbook without them. Runs alternate
    between the workbooks so that a busy machine slows both alike; medians are compared."""
    source = forms_dir() / "household_review.xlsx"
    rounds = 5 if quick else 21
    out: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="xaapp-bench-forms-") as folder:
        shapes = {
            "1,024 formatted columns + 10,000 formatted empty rows": (
                Path(folder) / "columns_rows.xlsx",
                False,
            ),
            "every cell of A1:AMJ10095 formatted (data rows too)": (Path(folder) / "block.xlsx", True),
        }
        added = {
            name: add_stray_formatting(source, path, columns=1024, empty_rows=10_000, block=block)
            for name, (path, block) in shapes.items()
        }
        paths = [source, *(path for path, _ in shapes.values())]
        baseline_problems = [p.text() for p in check_form(source)]
        for path in paths[1:]:
            if [p.text() for p in check_form(path)] != baseline_problems:
                raise AssertionError(f"{path.name} does not read as the same form")
        times: dict[Path, list[float]] = {path: [] for path in paths}
        for _ in range(rounds):
            for path in paths:
                started = time.perf_counter()
                check_form(path)
                times[path].append((time.perf_counter() - started) * 1000)
        base = statistics.median(times[source])
        out.append(Result("forms", "forms check household_review.xlsx (as shipped), median", base, "ms"))
        for index, (name, (path, _)) in enumerate(shapes.items()):
            value = statistics.median(times[path])
            ratio = value / base
            out.append(
                Result(
                    "forms",
                    f"forms check with {name}, median",
                    value,
                    "ms",
                    "<= 1.5 x as shipped" if index == 0 else "",
                    ratio <= 1.5 if index == 0 else None,
                    f"{ratio:.2f} x; {added[name]:,} styled empty cells, "
                    f"{path.stat().st_size / 1e6:.1f} MB file",
                )
            )
    return out
