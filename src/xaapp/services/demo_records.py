"""The demo commune's records, drawn from one random stream (``services.demo`` writes them).

``generate_records(seed, households, first_ids)`` yields the records a slice at a time (``demo_rows.Slice``:
rows by table with their local ids and UUIDs given, ready to hand over). It runs in the writing process or in
a second one (``services.demo_pipeline``): this module imports neither SQLAlchemy nor the storage layer, so
the second process starts in a tenth of a second. The draws are made in one fixed order, so one seed always
gives the same commune; the draws of ``random``'s ``choice``, ``randint``, ``randrange`` and ``uniform`` are
made as those calls make them (the same numbers from the same stream) without their argument checks.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from bisect import bisect
from collections.abc import Callable, Generator
from itertools import accumulate
from typing import Any

from xaapp.rules.data import files_held
from xaapp.rules.deprivations import demo_weights
from xaapp.rules.standards import standard_for_year
from xaapp.services.demo_answers import (
    DemoPerson,
    add_causes,
    below_of,
    household_answers,
    member_bases,
    picker,
    register_details,
)
from xaapp.services.demo_names import (
    DEMO_COMMUNE_CODE,
    ETHNIC_MIX,
    FAMILY_NAMES,
    GIVEN_FEMALE,
    GIVEN_MALE,
    MIDDLE_FEMALE,
    MIDDLE_MALE,
    VILLAGES,
)
from xaapp.services.demo_rows import RecordBuilder, Slice

THANH_HOA = "038"  # the province code of a personal ID (domain.personal_id.THANH_HOA, tested equal)
DEMO_TODAY = dt.date(2026, 11, 1)  # the demo is set in the 2026 review season; fixed for determinism
#: The time in the demo records' UUIDs: DEMO_TODAY's midnight (UTC), one millisecond more per record.
DEMO_EPOCH_MS = int(dt.datetime(2026, 11, 1, tzinfo=dt.UTC).timestamp()) * 1000
_FLUSH_RECORDS = 4_000  # records held before they are written: bounds memory; small slices keep both processes busy from start to end
# How often each deprivation shows up in a mountain commune, relative weights (illustrative): the
# ``demo_weight`` the rule data gives each indicator of the standard in force for the demo's reviews.
_STANDARD = standard_for_year(DEMO_TODAY.year)
_WEIGHTED = demo_weights(_STANDARD.indicators.codes if _STANDARD is not None else ())
DEPRIVATION_CODES = tuple(code for code, _ in _WEIGHTED)
_DEP_WEIGHTS = tuple(weight for _, weight in _WEIGHTED)
_DEP_ORDER = {code: i for i, code in enumerate(DEPRIVATION_CODES)}



Classifier = Callable[[int, str, int, list[str]], tuple[str, dict[str, Any]]]
AllowanceFn = Callable[[dict[str, Any], str], tuple[int, float, int, str]]


_TODAY_ORDINAL = DEMO_TODAY.toordinal()
_DEMO_MONTH = DEMO_TODAY.strftime("%Y-%m")
_SURVEYED = {year: dt.date(year, 9, 20) for year in (2025, 2026)}


def _dob(rng: random.Random, age: int) -> dt.date:
    """``DEMO_TODAY - timedelta(days=int(age * 365.25) + rng.randrange(365))``, counted in ordinals."""
    return dt.date.fromordinal(_TODAY_ORDINAL - int(age * 365.25) - below_of(rng)(365))


def _personal_id(sex: str, year: int, serial: int) -> str:
    """``make_personal_id(THANH_HOA, sex, year, serial)`` for the demo's own sexes, years and serials
    (tested equal), without its checks of input it never gets."""
    return f"{THANH_HOA}{(year - 1900) // 100 * 2 + (sex == 'female')}{year % 100:02d}{serial:06d}"


def _age(dob: dt.date) -> int:
    return DEMO_TODAY.year - dob.year - ((DEMO_TODAY.month, DEMO_TODAY.day) < (dob.month, dob.day))


# The draws below are those of rng.choice, randint and randrange (the same numbers from the same stream:
# each is ``below_of(rng)`` of the width), made without their argument checks; tests/unit/services/test_demo.py
# holds the commune to the one these functions built with the public calls.
_SEXES = ("male", "female")
_PICK_FAMILY = {ethnicity: picker(pairs) for ethnicity, pairs in FAMILY_NAMES.items()}
_pick_ethnicity, _pick_middle_male, _pick_middle_female = map(picker, (ETHNIC_MIX, MIDDLE_MALE, MIDDLE_FEMALE))
_DISABILITIES = ("severe", "extremely_severe")


def _members(rng: random.Random, family: str, ethnicity: str) -> list[tuple[str, str, int, str]]:
    """A plausible household: head, maybe spouse, children, maybe an elderly parent, as (relationship, sex,
    age, family name)."""
    below, rand = below_of(rng), rng.random
    head_age = max(22, min(88, int(rng.gauss(47, 14))))
    head_sex = "male" if rand() < 0.82 else "female"
    out = [("head", head_sex, head_age, family)]
    if head_age < 80 and rand() < 0.85:
        spouse_sex = "female" if head_sex == "male" else "male"
        spouse_age = max(20, head_age - 6 + below(10))  # randint(-6, 3)
        out.append(("spouse", spouse_sex, spouse_age, _PICK_FAMILY[ethnicity](rng)))
    n_children = min(6, max(0, round(rng.gauss(2.6 if ethnicity != "Kinh" else 2.1, 1.1))))
    for _ in range(n_children):
        child_age = head_age - 19 - below(20)  # randint(19, 38)
        if child_age < 0:
            continue
        out.append(("child", _SEXES[below(2)], child_age, family))
    if 30 <= head_age <= 55 and rand() < 0.22:
        sex = _SEXES[below(2)]
        out.append(("parent", sex, head_age + 22 + below(11), family))  # randint(22, 32)
    return out


def _deprivations(rng: random.Random, count: int) -> list[str]:
    """*count* indicators drawn by weight without replacement: each the draw ``rng.choices(codes, weights)``
    makes over those not yet drawn (the same cumulative table and bisection)."""
    chosen: list[str] = []
    codes, weights = list(DEPRIVATION_CODES), list(_DEP_WEIGHTS)
    rand = rng.random
    while len(chosen) < count and codes:
        cumulative = list(accumulate(weights))
        i = bisect(cumulative, rand() * (cumulative[-1] + 0.0), 0, len(cumulative) - 1)
        chosen.append(codes.pop(i))
        del weights[i]
    return sorted(chosen, key=_DEP_ORDER.__getitem__)


def generate_records(seed: int, households: int, first_ids: dict[str, int], classify: Classifier | None,
              allowance: AllowanceFn | None) -> Generator[tuple[int, Slice], None, None]:  # fmt: skip
    """The demo's records, a slice at a time: (households done in the slice, new rows by table). The same
    in this process or another (``demo_pipeline``): one random stream, drawn in one order."""
    rng = random.Random(seed)
    classify = _remembered(classify or _rules_classifier())
    allowance = allowance or _rules_allowance()
    b = RecordBuilder(rng, first_ids, DEMO_EPOCH_MS)
    n_villages = max(3, min(len(VILLAGES), math.ceil(households / 300)))
    villages = [
        b.add("village", commune_code=DEMO_COMMUNE_CODE, name=name, area_type="rural")
        for name in VILLAGES[:n_villages]
    ]
    index = 0
    while index < households:
        done = 0
        with files_held():  # the rule files' stamps read once a slice, not before each class (held between yields: never)
            while index < households and b.count < _FLUSH_RECORDS:  # streaming: memory stays bounded
                village = villages[index % n_villages] if index < n_villages else villages[below_of(rng)(len(villages))]
                _household(b, index, village, classify, allowance)
                index += 1
                done += 1
        yield done, b.take()


def _household(b: RecordBuilder, index: int, village: dict[str, Any], classify: Classifier, allowance: AllowanceFn) -> None:  # fmt: skip
    """One household with its members, its 2025 and 2026 reviews, and its beneficiaries."""
    rng = b.rng
    ethnicity = _pick_ethnicity(rng)
    family = _PICK_FAMILY[ethnicity](rng)
    hh = b.add(
        "household",
        village_id=village["id"],
        code=f"{index + 1:05d}",
        address=village["name"],
        area_type="rural",
        phone=f"09{below_of(rng)(10**8):08d}" if rng.random() < 0.7 else None,
        ethnic_minority=int(ethnicity != "Kinh"),  # as the Boolean column stores it
    )
    people, dobs = [], []
    below, rand = below_of(rng), rng.random
    for pos, (rel, sex, age, surname) in enumerate(_members(rng, family, ethnicity)):
        dob = _dob(rng, age)
        has_id = age >= 14 or rand() < 0.6
        if sex == "male":
            name = f"{surname} {_pick_middle_male(rng)} {GIVEN_MALE[below(len(GIVEN_MALE))]}"
        else:
            name = f"{surname} {_pick_middle_female(rng)} {GIVEN_FEMALE[below(len(GIVEN_FEMALE))]}"
        disability = _DISABILITIES[below(2)] if rand() < 0.012 else None
        dobs.append(dob)
        people.append(
            b.add(
                "person",
                household_id=hh["id"],
                position=pos,
                full_name=name,
                sex=sex,
                dob=dob.isoformat(),  # as its column stores it (converted ahead)
                birth_year=dob.year,
                ethnicity=ethnicity,
                personal_id=_personal_id(sex, dob.year, below(1_000_000)) if has_id else None,
                legacy_id=None,
                relationship_to_head=rel,
                phone=None,
                details={"disability": disability} if disability else {},
            )
        )
    members = [
        DemoPerson(p["uuid"], p["full_name"], p["sex"], dob, ethnicity, p["personal_id"],
                   p["relationship_to_head"], p["details"].get("disability"))
        for p, dob in zip(people, dobs, strict=True)
    ]  # fmt: skip
    bases = member_bases(members)
    place = {
        "village": village["name"],
        "area_type": "rural",
        "address": hh["address"],
        "phone": hh["phone"],
    }
    # Welfare: income per person per month and deprivations, drifting from 2025 to 2026.
    base = rng.lognormvariate(math.log(2_800_000 if ethnicity == "Kinh" else 2_250_000), 0.45)
    # Low income and deprivation go together: households under the line lack more services.
    low = base <= 1_500_000
    n_deps = int(rng.gauss(3.0, 1.3)) if low else int(rng.expovariate(0.9))
    deps_2025 = _deprivations(rng, max(0, min(7, n_deps)))
    classes: dict[int, str] = {}
    for year, income, wanted in (
        (2025, base, deps_2025),
        (
            2026,
            base * rng.lognormvariate(0.07, 0.12),
            deps_2025 if rng.random() < 0.8 else _deprivations(rng, max(0, len(deps_2025) - 1)),
        ),
    ):
        income_rounded = int(round(income / 10_000) * 10_000)
        answers, deps = household_answers(
            rng, year=year, survey_date=_SURVEYED[year], general=place, people=members,
            per_capita=income_rounded, wanted=wanted, bases=bases,
        )  # fmt: skip
        cls, result = classify(year, "rural", income_rounded, deps)
        if income_rounded <= result.get("income_line", 0):
            add_causes(rng, answers, deps)
        classes[year] = cls
        final = year == 2025 or rng.random() < 0.55
        b.add(
            "poverty_review",
            household_id=hh["id"],
            review_year=year,
            kind="periodic",
            review_month=None,
            form_id="household_review",
            form_version="demo",
            status="final" if final else "draft",
            answers=answers,
            result_class=cls,
            result=result,
            listed_on=f"{year}-09-05",  # the dates as their columns store them (converted ahead)
            surveyed_on=f"{year}-09-20" if final else None,
            meeting_on=f"{year}-10-15" if final else None,
            meeting_agree_pct=round(60 + 40 * rng.random(), 1) if final else None,
            posted_on=f"{year}-10-25" if final and year == 2025 else None,
            recognised_on=f"{year}-12-10" if year == 2025 else None,
            decision_no=f"{100 + below(900)}/QĐ-UBND" if year == 2025 else None,
        )
    for person, details in zip(people, register_details(answers), strict=True):
        person["details"] = details  # the register holds what the latest review found
    poor_household = classes[2026] in ("poor", "near_poor")
    for person, dob in zip(people, dobs, strict=True):
        age, disability = _age(dob), person["details"].get("disability")
        clause = _clause_for(age, disability, poor_household, rng)
        if clause is None:
            continue
        facts = {
            "age": age,
            "dob": person["dob"],
            "sex": person["sex"],
            "household_class": classes[2026],
            "disability": disability,
            "has_pension": False,
            "clauses": [clause],
        }
        start = "2024-07"
        level, coefficient, amount, basis = allowance(facts, _DEMO_MONTH)
        if amount <= 0:
            continue
        ben = b.add(
            "beneficiary",
            person_id=person["id"],
            clauses=[clause],
            status="active",
            start_month=start,
            decision_no=f"{10 + below(90)}/QĐ-UBND",
            decision_date="2024-06-20",
            bank_account=f"{below(10**12):012d}" if rng.random() < 0.6 else None,
            bank_name="Agribank Bá Thước" if rng.random() < 0.6 else None,
            form_id=None,
            form_version=None,
            answers={},
        )
        b.add(
            "allowance_period",
            beneficiary_id=ben["id"],
            from_month=start,
            standard_level=level,
            coefficient=float(coefficient),  # as the Float column stores it
            amount=amount,
            basis=basis,
        )


def _remembered(classify: Classifier) -> Classifier:
    """*classify* answering again from memory for the same year, area, income and deprivations (the rule
    data cannot change during a build; two reviews in five repeat one already classified)."""
    seen: dict[tuple[int, str, int, tuple[str, ...]], tuple[str, dict[str, Any]]] = {}

    def run(year: int, area: str, income: int, deps: list[str]) -> tuple[str, dict[str, Any]]:
        key = (year, area, income, tuple(deps))
        found = seen.get(key)
        if found is None:
            if len(seen) >= 20_000:  # bounded: a district-sized build must not keep every class it made
                seen.clear()
            found = seen[key] = classify(year, area, income, deps)
        return found

    return run


def _clause_for(age: int, disability: str | None, poor_household: bool, rng: random.Random) -> str | None:
    """Which Decree 20/2021 Art. 5 clause a demo person falls under, if any (a plausible share)."""
    if disability:
        return "5.6"
    if age >= 80:
        return "5.5c" if rng.random() < 0.9 else None
    if age >= 60 and poor_household and rng.random() < 0.15:
        return "5.5a"
    return None


def _rules_classifier() -> Classifier:
    from xaapp.rules.poverty import classify

    def run(year: int, area: str, income: int, deps: list[str]) -> tuple[str, dict[str, Any]]:
        result = classify(
            {"review_year": year, "area": area, "income_per_capita": income, "deprivations": deps}
        )
        data = result.to_json()
        data.pop("notes", None)  # the same data-status notes on every review; kept in the rules data instead
        return result.classification, data

    return run


def _rules_allowance() -> AllowanceFn:
    from xaapp.rules.allowance import monthly_allowance

    def run(facts: dict[str, Any], month: str) -> tuple[int, float, int, str]:
        categories = []
        for clause in facts["clauses"]:
            category: dict[str, Any] = {"clause": clause}
            if clause == "5.6":
                category["severity"] = facts["disability"]
                category["certificate_month"] = "2024-05"
            categories.append(category)
        result = monthly_allowance(
            {
                "month": month,
                "birth_date": facts["dob"],
                "household": facts["household_class"],
                "categories": categories,
            }
        )
        best = max(result.entitlements, key=lambda e: e.amount, default=None)
        coefficient = best.coefficient if best and best.coefficient is not None else 0.0
        return result.standard_level, coefficient, result.monthly_amount, result.reason.vi

    return run
