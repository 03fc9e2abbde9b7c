"""The demo's household-form answers: every review of the demo commune is stored as the household form
keeps it (``{"general", "members", "housing", "information", "income", ...}``), complete, so it opens
showing its facts and can be edited like any other.

The demo draws which indicators a household lacks and its income first (so the commune has a plausible
share of poor and near-poor households), then picks answers that give them: a member without a
health-insurance card, a well that is not protected, a yearly income that divides to the drawn income
per person. What the members' ages cannot give (malnutrition without a child under 16) or force (the
dependants' share follows the ages) follows the members. :func:`deprivation_flags` computes the flags
from the answers with the form's formulas, so the class stored with a demo review is the class the
form gives; ``tests/unit/services/test_demo_answers.py`` runs the real form over demo reviews to hold
the two together.
"""

from __future__ import annotations

import datetime as dt
import random
from bisect import bisect
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from xaapp.services.demo_names import ETHNIC_CODES

INCOME_FIELDS = ("income_wages", "income_farming", "income_business", "income_transfers", "income_other")
_CLEAN_WATER = ("piped", "drilled_well", "protected_dug_well", "protected_spring", "rainwater")
_UNSAFE_WATER = ("unprotected_well", "unprotected_spring", "surface")
_HYGIENIC = ("septic", "semi_septic", "pour_flush", "double_vault")
_UNHYGIENIC = ("simple_pit", "over_water", "none")
_EDU_16 = {"lower_secondary", "upper_secondary", "vocational_elementary", "vocational_intermediate", "college",
           "university"}  # fmt: skip
_EDU_18 = _EDU_16 - {"lower_secondary"}
_CLEAN_WATER_OR_BOTTLED = frozenset(_CLEAN_WATER + ("bottled",))
_HYGIENIC_OR_VENTILATED = frozenset(_HYGIENIC + ("ventilated_pit",))
_SEVERE = ("severe", "extremely_severe")
_NO_WORK = ("unemployed", "wage_no_contract")
_DEVICES = (("tv", 0.7), ("radio", 0.2), ("computer", 0.1), ("smartphone", 0.6))
_CAUSES = (("no_capital", 8), ("no_land", 5), ("no_means", 3), ("no_labour", 3), ("no_skills", 4),
           ("illness", 3), ("disability", 1), ("many_dependants", 2), ("disaster", 1))  # fmt: skip


class DemoPerson(NamedTuple):  # a tuple: one is made for every member (84,000 at 20,000 households)
    uuid: str
    full_name: str
    sex: str
    dob: dt.date
    ethnicity: str
    personal_id: str | None
    relationship: str
    disability: str | None


def _age(dob: dt.date, on: dt.date) -> int:
    return on.year - dob.year - ((on.month, on.day) < (dob.month, dob.day))


_TABLES: dict[int, tuple[Sequence[tuple[str, float]], list[str], list[float], float, int]] = {}


def _pick(rng: random.Random, pairs: Sequence[tuple[str, float]]) -> str:
    """A name of *pairs* drawn by weight: the draw ``rng.choices(names, weights)`` makes (the same random
    number, the same cumulative table and bisection), with the table built once per *pairs*."""
    table = _TABLES.get(id(pairs))
    if table is None or table[0] is not pairs:
        total, cumulative = 0.0, []
        for _name, weight in pairs:
            total += weight
            cumulative.append(total)
        table = _TABLES[id(pairs)] = (pairs, [name for name, _w in pairs], cumulative, total, len(pairs) - 1)
    _pairs, names, cumulative, total, hi = table
    return names[bisect(cumulative, rng.random() * total, 0, hi)]


def picker(pairs: Sequence[tuple[str, float]]) -> Callable[[random.Random], str]:
    """``_pick`` of *pairs* as a function of the random stream alone (its table looked up once)."""
    _pick(random.Random(0), pairs)  # builds the table
    _pairs, names, cumulative, total, hi = _TABLES[id(pairs)]

    def pick(rng: random.Random) -> str:
        return names[bisect(cumulative, rng.random() * total, 0, hi)]

    return pick


def below_of(rng: random.Random) -> Callable[[int], int]:
    """*rng*'s draw of a number below n: the one ``choice``, ``randint``, ``randrange`` and ``sample`` make
    for a width n (the same numbers from the same stream), without their argument checks."""
    return rng._randbelow  # type: ignore[attr-defined, no-any-return]  # CPython's own method behind those calls (3.2+); test_demo_records holds the stream


def _choice(rng: random.Random, seq: Sequence[str]) -> str:
    """``rng.choice(seq)``: the same draw, without its check (*seq* is never empty here)."""
    return seq[below_of(rng)(len(seq))]


_EDU_YOUNG = (("upper_secondary", 55), ("lower_secondary", 15), ("vocational_elementary", 12),
              ("vocational_intermediate", 8), ("college", 6), ("university", 4))  # fmt: skip
_EDU_ADULT = (("lower_secondary", 45), ("primary", 30), ("upper_secondary", 20), ("none", 5))
_EDU_OLD = (("primary", 50), ("none", 35), ("lower_secondary", 15))
_WORK = (("self_farm", 60), ("self_business", 15), ("wage_with_contract", 25))
_pick_young, _pick_adult, _pick_old, _pick_work = map(picker, (_EDU_YOUNG, _EDU_ADULT, _EDU_OLD, _WORK))


def _education(rng: random.Random, age: int) -> str:
    if age < 18:
        return "lower_secondary"
    return _pick(rng, _EDU_YOUNG if age <= 30 else _EDU_ADULT if age < 60 else _EDU_OLD)


def _lacks_education(m: dict[str, Any], age: int) -> bool:
    if m.get("in_school") != "no" or m.get("enterprise_training") == "yes":
        return False
    level = m.get("education_level")
    return (16 <= age < 18 and level not in _EDU_16) or (18 <= age <= 30 and level not in _EDU_18)


def _base(p: DemoPerson, ethnicity: str | None) -> dict[str, Any]:
    """The answers about a member that do not depend on the year (copied for each review)."""
    return {
        "full_name": p.full_name,
        "sex": p.sex,
        "dob": p.dob.isoformat(),
        "ethnicity": ethnicity,
        "personal_id": p.personal_id,
        "relationship": p.relationship,
        "health_insurance": "yes",
        "disability": p.disability or "none",
    }


def _member(rng: random.Random, base: dict[str, Any], age: int) -> dict[str, Any]:
    """A member's answers for one review: *base* and what the year's draws give (the same draws, in the
    same order, as the form's questions are asked)."""
    m = base.copy()
    rand = rng.random
    in_school = None
    if 3 <= age <= 30:
        in_school = m["in_school"] = (
            "yes" if age < 16 or rand() < (0.7 if age < 18 else 0.2 if age < 23 else 0.0) else "no"
        )
    if age >= 15:
        m["education_level"] = (
            "lower_secondary" if age < 18
            else _pick_young(rng) if age <= 30 else _pick_adult(rng) if age < 60 else _pick_old(rng)
        )  # fmt: skip
        if in_school == "yes" or age >= 60 and rand() < 0.6:
            m["work_status"] = "not_working"
        else:
            m["work_status"] = _pick_work(rng)
    if 16 <= age <= 30 and in_school == "no":
        m["enterprise_training"] = "yes" if rand() < 0.1 else "no"
    if age < 16:
        m["malnourished"] = "no"
    return m


def _give_member_flags(
    rng: random.Random, members: list[tuple[dict[str, Any], int]], wanted: set[str]
) -> None:
    """Change members' answers so that each wanted member-level indicator is lacking (where ages allow)."""

    below = below_of(rng)  # rng.choice's draw

    def first(test: Any) -> dict[str, Any] | None:
        chosen = [m for m, age in members if test(age)]
        return chosen[below(len(chosen))] if chosen else None

    if "health_insurance" in wanted and (m := first(lambda a: a >= 6)):
        m["health_insurance"] = "no"
    if "child_school_attendance" in wanted and (m := first(lambda a: 3 <= a < 16)):
        m["in_school"] = "no"
    if "nutrition" in wanted and (m := first(lambda a: a < 16)):
        m["malnourished"] = "yes"
    if "adult_education" in wanted and (m := first(lambda a: 16 <= a <= 30)):
        m.update(in_school="no", enterprise_training="no", education_level=("none", "primary")[below(2)])
        if m.get("work_status") == "not_working":
            m["work_status"] = "self_farm"
    if "employment" in wanted and (m := first(lambda a: 15 <= a < 60)):
        m["work_status"] = ("unemployed", "wage_no_contract")[below(2)]
    if "adult_education" not in wanted:
        for m, age in members:
            if 16 <= age <= 30 and _lacks_education(m, age):
                m["education_level"] = "upper_secondary"


def deprivation_flags(
    members: Sequence[tuple[dict[str, Any], int]], housing: dict[str, Any], information: dict[str, Any]
) -> list[str]:
    """The indicators the household form calculates as lacking from these answers (its dep_* formulas)."""
    size = len(members)
    employment = nutrition = insurance = education = school = False
    dependants = 0
    for m, a in members:  # one pass over the members for the member-level formulas
        get = m.get
        if a < 16:
            dependants += 1
            if get("malnourished") == "yes":
                nutrition = True
            if a >= 3 and get("in_school") == "no":
                school = True
        elif a >= 60 or get("disability") in _SEVERE:
            dependants += 1
        if 15 <= a < 60 and get("work_status") in _NO_WORK:
            employment = True
        if a >= 6 and get("health_insurance") == "no":
            insurance = True
        if not education and 16 <= a <= 30 and _lacks_education(m, a):
            education = True
    flags = []  # in the form's order of its indicators
    if employment:
        flags.append("employment")
    if size > 0 and 2 * dependants > size:
        flags.append("dependents")
    if nutrition:
        flags.append("nutrition")
    if insurance:
        flags.append("health_insurance")
    if education:
        flags.append("adult_education")
    if school:
        flags.append("child_school_attendance")
    if (housing["wall_durable"] == "no") + (housing["column_durable"] == "no") + (housing["roof_durable"] == "no") >= 2:
        flags.append("housing_quality")
    if size > 0 and housing["living_area"] / size < 8:
        flags.append("housing_area")
    if housing["water_source"] not in _CLEAN_WATER_OR_BOTTLED:
        flags.append("water_source")
    if housing["latrine"] not in _HYGIENIC_OR_VENTILATED:
        flags.append("hygienic_latrine")
    if information["telecom_use"] == "no":
        flags.append("telecom_use")
    if information["info_devices"] == "none":
        flags.append("information_devices")
    return flags


def _income(rng: random.Random, per_capita: int, size: int) -> dict[str, int]:
    total = per_capita * 12 * size
    below, rand = below_of(rng), rng.random
    # rng.sample(INCOME_FIELDS[:3], rng.randint(1, 3)): the same draws, without its checks
    k = 1 + below(3)
    pool = list(INCOME_FIELDS[:3])
    names = []
    for i in range(k):
        j = below(3 - i)
        names.append(pool[j])
        pool[j] = pool[2 - i]
    if rand() < 0.2:
        names.append("income_transfers")
    weights = [rand() + 0.2 for _ in names]
    whole = sum(weights)
    out: dict[str, int] = {}
    left = total
    for i in range(len(names) - 1):
        part = int(total * weights[i] / whole // 1000 * 1000)
        out[names[i]] = part
        left -= part
    out[names[-1]] = left
    return out


def member_bases(people: Sequence[DemoPerson]) -> list[dict[str, Any]]:
    """The answers about each member that every review of the household repeats."""
    return [_base(p, ETHNIC_CODES[p.ethnicity]) for p in people]


def household_answers(
    rng: random.Random,
    *,
    year: int,
    survey_date: dt.date,
    general: dict[str, Any],
    people: Sequence[DemoPerson],
    per_capita: int,
    wanted: Sequence[str],
    bases: Sequence[dict[str, Any]] | None = None,
) -> tuple[dict[str, Any], list[str]]:
    """(the form's answers, the indicators they make lacking) for one demo household and year.

    *general*: ``village``, ``area_type``, ``address``, ``phone``. The answers carry the ``_xaapp``
    member list (each member's register UUID). *bases*: ``member_bases(people)``, when the caller asks for
    more than one year of the same people."""
    want = set(wanted)
    if bases is None:
        bases = member_bases(people)
    members = []
    for p, base in zip(people, bases, strict=True):
        age = _age(p.dob, survey_date)
        members.append((_member(rng, base, age), age))
    _give_member_flags(rng, members, want)
    size = len(members)
    weak = "housing_quality" in want
    housing = {
        "wall_durable": "no" if weak else "yes",
        "column_durable": "no" if weak and rng.random() < 0.5 else "yes",
        "roof_durable": "no" if weak else "yes" if rng.random() < 0.9 else "no",
        "living_area": max(1, int(size * (4 + 3.5 * rng.random()))) if "housing_area" in want
        else int(size * (9 + 21 * rng.random())),  # rng.uniform(4, 7.5), rng.uniform(9, 30)
        "water_source": _choice(rng, _UNSAFE_WATER if "water_source" in want else _CLEAN_WATER),
        "latrine": _choice(rng, _UNHYGIENIC if "hygienic_latrine" in want else _HYGIENIC),
    }  # fmt: skip
    devices = [name for name, share in _DEVICES if rng.random() < share]
    information = {
        "telecom_use": "no" if "telecom_use" in want else "yes",
        "info_devices": "none" if "information_devices" in want else " ".join(devices or ["tv"]),
    }
    flags = deprivation_flags(members, housing, information)
    head = next((p.full_name for p in people if p.relationship == "head"), None)
    answers: dict[str, Any] = {
        "general": {
            "survey_date": survey_date.isoformat(),
            "review_year": year,
            "village": general.get("village"),
            "area_type": general.get("area_type"),
            "review_kind": "periodic",
            "head_name": head,
            "address": general.get("address"),
            "phone": general.get("phone"),
        },
        "members": [m for m, _age in members],
        "housing": housing,
        "information": information,
        "income": {"income_method": "per_capita", **_income(rng, per_capita, size)},
        "groups": {"has_merit": "yes" if rng.random() < 0.04 else "no", "social_protection": "no"},
        "_xaapp": {"cursor": "", "members": [p.uuid for p in people]},
    }
    return answers, flags


def add_causes(rng: random.Random, answers: dict[str, Any], flags: Sequence[str]) -> None:
    """The poverty causes the form asks when the income is within the poverty line."""
    chosen = {_pick(rng, _CAUSES) for _ in range(1 + below_of(rng)(3))}  # rng.randint(1, 3)
    if "dependents" in flags:
        chosen.add("many_dependants")
    answers["causes"] = {"poverty_causes": " ".join(c for c, _w in _CAUSES if c in chosen)}


def register_details(answers: dict[str, Any]) -> list[dict[str, Any]]:
    """The members' details the register keeps (``Person.details``), from a review's answers."""
    out = []
    for m in answers["members"]:
        details: dict[str, Any] = {"health_insurance": m["health_insurance"] == "yes"}
        for key in ("in_school", "enterprise_training", "malnourished"):
            if key in m:
                details[key] = m[key] == "yes"
        for key in ("education_level", "work_status"):
            if key in m:
                details[key] = m[key]
        if m.get("disability") not in (None, "none"):
            details["disability"] = m["disability"]
        out.append(details)
    return out
