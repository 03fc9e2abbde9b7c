"""The demo commune: a realistic, deterministic Xã Bá Thước for training, demos and benchmarks.

Everything is drawn from ``random.Random(seed)``, so one seed always gives the same villages,
households, people, IDs, reviews and beneficiaries (UUIDs included). Rows are written in one
transaction through ``storage.bulk`` every few thousand records (memory stays bounded at any size),
each synced record with its revision, outbox and audit rows, exactly what the tracked ORM path would
write. The progress names each phase (``PHASE_RECORDS``, ``PHASE_SAVE``). Each review is stored as the household form keeps it,
complete (``services.demo_answers``); its class and reason come from the rules engine on the flags and
income those answers give, and allowances from the allowance rules, so the demo shows what the app
would compute.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import sys
from collections.abc import Callable, Generator
from contextlib import closing
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import func, select

from xaapp.domain.personal_id import THANH_HOA, make_personal_id
from xaapp.errors import KnownError
from xaapp.rules.deprivations import demo_weights
from xaapp.rules.standards import standard_for_year
from xaapp.services import settings
from xaapp.services.demo_answers import DemoPerson, _pick, add_causes, household_answers, register_details
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
from xaapp.services.demo_pipeline import items_from_process
from xaapp.services.reference import ensure_units
from xaapp.storage.bulk import BulkInserter, convert_ahead
from xaapp.storage.db import Database
from xaapp.storage.orm import (
    AllowancePeriod,
    Beneficiary,
    Household,
    Person,
    PovertyReview,
    Village,
)

DEMO_TODAY = dt.date(2026, 11, 1)  # the demo is set in the 2026 review season; fixed for determinism
#: The phases the progress names, in order.
PHASE_RECORDS = "Đang tạo hộ, nhân khẩu, phiếu rà soát, đối tượng trợ cấp và sổ đồng bộ / Creating households, people, reviews, beneficiaries and their sync and audit rows"
PHASE_SAVE = "Đang lưu vào tệp dữ liệu / Saving to the data file"
_FLUSH_RECORDS = 4_000  # records held before they are written: bounds memory; small slices keep both processes busy from start to end
_PARALLEL_FROM = 5_000  # households from which generating in another process pays for starting it
_MODELS = {
    m.__tablename__: m for m in (Village, Household, Person, PovertyReview, Beneficiary, AllowancePeriod)
}
# How often each deprivation shows up in a mountain commune, relative weights (illustrative): the
# ``demo_weight`` the rule data gives each indicator of the standard in force for the demo's reviews.
_STANDARD = standard_for_year(DEMO_TODAY.year)
_WEIGHTED = demo_weights(_STANDARD.indicators.codes if _STANDARD is not None else ())
DEPRIVATION_CODES = tuple(code for code, _ in _WEIGHTED)
_DEP_WEIGHTS = tuple(weight for _, weight in _WEIGHTED)


class ProgressLike(Protocol):
    def set_text(self, text: str) -> None: ...
    def set_range(self, total: int) -> None: ...
    def advance(self, n: int = 1) -> None: ...


@dataclass(frozen=True)
class DemoReport:
    commune_code: str
    villages: int
    households: int
    people: int
    reviews: int
    beneficiaries: int


Classifier = Callable[[int, str, int, list[str]], tuple[str, dict[str, Any]]]
AllowanceFn = Callable[[dict[str, Any], str], tuple[int, float, int, str]]


def _weighted(rng: random.Random, pairs: tuple[tuple[str, float], ...]) -> str:
    return _pick(rng, pairs)  # the same draw as rng.choices(names, weights=...), its table built once


def _uuid(rng: random.Random) -> str:
    """``str(uuid.UUID(int=rng.getrandbits(128), version=4))``, formatted directly (one per record)."""
    n = rng.getrandbits(128) & _UUID_CLEAR | _UUID_SET
    h = f"{n:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


_UUID_CLEAR = ~((0xF000 << 64) | (0xC000 << 48))  # the version and variant bits
_UUID_SET = (4 << 76) | (0x8000 << 48)  # version 4, RFC 4122 variant


class _Builder:
    """Collects the demo's new records by model, each with its local id (counted from *first_ids*) and a UUID
    drawn from the demo's random stream, until ``take`` hands them over to be written."""

    def __init__(self, rng: random.Random, first_ids: dict[str, int]) -> None:
        self.rng = rng
        self.next_id = dict(first_ids)
        self.rows: dict[str, list[dict[str, Any]]] = {}
        self.count = 0

    def add(self, model: type[Any], **values: Any) -> dict[str, Any]:  # a Syncable model
        table = model.__tablename__
        values["id"] = self.next_id[table]
        self.next_id[table] += 1
        values["uuid"] = _uuid(self.rng)
        self.rows.setdefault(table, []).append(values)
        self.count += 1
        return values

    def take(self) -> dict[str, tuple[list[dict[str, Any]], tuple[str, ...]]]:
        """The records collected so far by table, each with the JSON columns already converted as the writer
        would (work done here, in the generating process; text is cheaper to hand over than nested values)."""
        rows, self.rows, self.count = self.rows, {}, 0
        return {
            table: (table_rows, convert_ahead(_MODELS[table], table_rows))
            for table, table_rows in rows.items()
        }


def _person_name(rng: random.Random, family: str, sex: str) -> str:
    middle = _weighted(rng, MIDDLE_MALE if sex == "male" else MIDDLE_FEMALE)
    given = rng.choice(GIVEN_MALE if sex == "male" else GIVEN_FEMALE)
    return f"{family} {middle} {given}"


def _dob(rng: random.Random, age: int) -> dt.date:
    return DEMO_TODAY - dt.timedelta(days=int(age * 365.25) + rng.randrange(365))


def _age(dob: dt.date) -> int:
    return DEMO_TODAY.year - dob.year - ((DEMO_TODAY.month, DEMO_TODAY.day) < (dob.month, dob.day))


def _members(rng: random.Random, family: str, ethnicity: str) -> list[dict[str, Any]]:
    """A plausible household: head, maybe spouse, children, maybe an elderly parent."""
    head_age = max(22, min(88, int(rng.gauss(47, 14))))
    head_sex = "male" if rng.random() < 0.82 else "female"
    out = [{"rel": "head", "sex": head_sex, "age": head_age, "family": family}]
    if head_age < 80 and rng.random() < 0.85:
        spouse_sex = "female" if head_sex == "male" else "male"
        out.append(
            {
                "rel": "spouse",
                "sex": spouse_sex,
                "age": max(20, head_age + rng.randint(-6, 3)),
                "family": _weighted(rng, FAMILY_NAMES[ethnicity]),
            }
        )
    n_children = min(6, max(0, round(rng.gauss(2.6 if ethnicity != "Kinh" else 2.1, 1.1))))
    for _ in range(n_children):
        child_age = head_age - rng.randint(19, 38)
        if child_age < 0:
            continue
        out.append(
            {"rel": "child", "sex": rng.choice(("male", "female")), "age": child_age, "family": family}
        )
    if 30 <= head_age <= 55 and rng.random() < 0.22:
        out.append(
            {
                "rel": "parent",
                "sex": rng.choice(("male", "female")),
                "age": head_age + rng.randint(22, 32),
                "family": family,
            }
        )
    return out


def _deprivations(rng: random.Random, count: int) -> list[str]:
    chosen: list[str] = []
    pool = list(zip(DEPRIVATION_CODES, _DEP_WEIGHTS, strict=True))
    while len(chosen) < count and pool:
        code = rng.choices([c for c, _ in pool], weights=[w for _, w in pool])[0]
        chosen.append(code)
        pool = [(c, w) for c, w in pool if c != code]
    return sorted(chosen, key=DEPRIVATION_CODES.index)


def generate_demo(
    db: Database,
    households: int = 1000,
    seed: int = 1,
    classify: Classifier | None = None,
    allowance: AllowanceFn | None = None,
    progress: ProgressLike | None = None,
    parallel: bool | None = None,
) -> DemoReport:
    """Fill an empty commune database with the demo commune. Refuses a database that has households.

    From ``_PARALLEL_FROM`` households (with the rules' own classes and allowances, outside a frozen build)
    the records are generated in another process while this one writes them (*parallel* forces either way);
    the commune is the same."""
    if households < 1:
        raise KnownError("Số hộ phải lớn hơn 0.", "The number of households must be at least 1.")
    custom = classify is not None or allowance is not None
    ensure_units(db)
    with db.read() as s:
        if s.scalar(select(func.count()).select_from(Household)):
            raise KnownError(
                "Cơ sở dữ liệu này đã có hộ gia đình; dữ liệu mẫu chỉ nạp vào một xã trống. Hãy dùng --data-dir "
                "với một thư mục mới.",
                "This database already has households; the demo loads only into an empty commune. Use --data-dir "
                "with a new folder.",
            )
        commune = settings.get_setting(db, settings.COMMUNE_CODE)
        if commune not in (None, DEMO_COMMUNE_CODE):
            raise KnownError(
                f"Cơ sở dữ liệu này thuộc xã mã {commune}; dữ liệu mẫu là của Xã Bá Thước ({DEMO_COMMUNE_CODE}).",
                f"This database belongs to commune {commune}; the demo is Xã Bá Thước ({DEMO_COMMUNE_CODE}).",
            )

    parallel = (
        _PARALLEL_FROM <= households and not custom and not getattr(sys, "frozen", False)
        if parallel is None
        else parallel
    )
    with db.session(actor="demo") as s:
        bulk = BulkInserter(s)
        first_ids = {m.__tablename__: bulk.next_id(m) for m in _MODELS.values()}
        if progress:
            progress.set_text(PHASE_RECORDS)
            progress.set_range(households)
        if parallel:
            chunks = items_from_process(_generate, seed, households, first_ids, None, None)
        else:
            chunks = _generate(seed, households, first_ids, classify, allowance)
        with closing(chunks):  # on any error the generating process is stopped here, not later
            for done, rows in chunks:
                for table, (table_rows, converted) in rows.items():
                    bulk.add_rows(_MODELS[table], table_rows, converted)
                bulk.flush()
                if progress:
                    progress.advance(done)
        if progress:
            progress.set_text(PHASE_SAVE)
            progress.set_range(0)
    settings.set_setting(db, settings.COMMUNE_CODE, DEMO_COMMUNE_CODE, actor="demo")
    settings.set_setting(db, settings.DEMO, "1", actor="demo")
    written = bulk.written
    return DemoReport(DEMO_COMMUNE_CODE, written.get(Village, 0), households, written.get(Person, 0),
                      written.get(PovertyReview, 0), written.get(Beneficiary, 0))  # fmt: skip


def _generate(seed: int, households: int, first_ids: dict[str, int], classify: Classifier | None,
              allowance: AllowanceFn | None) -> Generator[tuple[int, dict[str, tuple[list[dict[str, Any]], tuple[str, ...]]]], None, None]:  # fmt: skip
    """The demo's records, a slice at a time: (households done in the slice, new rows by table). The same
    in this process or another (``demo_pipeline``): one random stream, drawn in one order."""
    rng = random.Random(seed)
    classify = _remembered(classify or _rules_classifier())
    allowance = allowance or _rules_allowance()
    b = _Builder(rng, first_ids)
    n_villages = max(3, min(len(VILLAGES), math.ceil(households / 300)))
    villages = [
        b.add(Village, commune_code=DEMO_COMMUNE_CODE, name=name, area_type="rural")
        for name in VILLAGES[:n_villages]
    ]
    done = 0
    for index in range(households):
        village = villages[index % n_villages] if index < n_villages else rng.choice(villages)
        _household(b, index, village, classify, allowance)
        done += 1
        if b.count >= _FLUSH_RECORDS:  # streaming: memory stays bounded whatever the size
            yield done, b.take()
            done = 0
    if b.count or done:
        yield done, b.take()


def _household(b: _Builder, index: int, village: dict[str, Any], classify: Classifier, allowance: AllowanceFn) -> None:  # fmt: skip
    """One household with its members, its 2025 and 2026 reviews, and its beneficiaries."""
    rng = b.rng
    ethnicity = _weighted(rng, ETHNIC_MIX)
    family = _weighted(rng, FAMILY_NAMES[ethnicity])
    hh = b.add(
        Household,
        village_id=village["id"],
        code=f"{index + 1:05d}",
        address=village["name"],
        area_type="rural",
        phone=f"09{rng.randrange(10**8):08d}" if rng.random() < 0.7 else None,
        ethnic_minority=ethnicity != "Kinh",
    )
    people = []
    for pos, m in enumerate(_members(rng, family, ethnicity)):
        dob = _dob(rng, m["age"])
        has_id = m["age"] >= 14 or rng.random() < 0.6
        name = _person_name(rng, m["family"], m["sex"])
        disability = rng.choice(("severe", "extremely_severe")) if rng.random() < 0.012 else None
        people.append(
            b.add(
                Person,
                household_id=hh["id"],
                position=pos,
                full_name=name,
                sex=m["sex"],
                dob=dob,
                birth_year=dob.year,
                ethnicity=ethnicity,
                personal_id=make_personal_id(THANH_HOA, m["sex"], dob, rng.randrange(1_000_000))
                if has_id
                else None,
                legacy_id=None,
                relationship_to_head=m["rel"],
                phone=None,
                details={"disability": disability} if disability else {},
            )
        )
    members = [
        DemoPerson(p["uuid"], p["full_name"], p["sex"], p["dob"], ethnicity, p["personal_id"],
                   p["relationship_to_head"], p["details"].get("disability"))
        for p in people
    ]  # fmt: skip
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
            rng, year=year, survey_date=dt.date(year, 9, 20), general=place, people=members,
            per_capita=income_rounded, wanted=wanted,
        )  # fmt: skip
        cls, result = classify(year, "rural", income_rounded, deps)
        if income_rounded <= result.get("income_line", 0):
            add_causes(rng, answers, deps)
        classes[year] = cls
        final = year == 2025 or rng.random() < 0.55
        b.add(
            PovertyReview,
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
            listed_on=dt.date(year, 9, 5),
            surveyed_on=dt.date(year, 9, 20) if final else None,
            meeting_on=dt.date(year, 10, 15) if final else None,
            meeting_agree_pct=round(rng.uniform(60, 100), 1) if final else None,
            posted_on=dt.date(year, 10, 25) if final and year == 2025 else None,
            recognised_on=dt.date(year, 12, 10) if year == 2025 else None,
            decision_no=f"{rng.randint(100, 999)}/QĐ-UBND" if year == 2025 else None,
        )
    for person, details in zip(people, register_details(answers), strict=True):
        person["details"] = details  # the register holds what the latest review found
    poor_household = classes[2026] in ("poor", "near_poor")
    for person in people:
        facts = {
            "age": _age(person["dob"]),
            "dob": person["dob"].isoformat(),
            "sex": person["sex"],
            "household_class": classes[2026],
            "disability": person["details"].get("disability"),
            "has_pension": False,
        }
        clause = _clause_for(facts, poor_household, rng)
        if clause is None:
            continue
        facts["clauses"] = [clause]
        start = "2024-07"
        level, coefficient, amount, basis = allowance(facts, DEMO_TODAY.strftime("%Y-%m"))
        if amount <= 0:
            continue
        ben = b.add(
            Beneficiary,
            person_id=person["id"],
            clauses=[clause],
            status="active",
            start_month=start,
            decision_no=f"{rng.randint(10, 99)}/QĐ-UBND",
            decision_date=dt.date(2024, 6, 20),
            bank_account=f"{rng.randrange(10**12):012d}" if rng.random() < 0.6 else None,
            bank_name="Agribank Bá Thước" if rng.random() < 0.6 else None,
            form_id=None,
            form_version=None,
            answers={},
        )
        b.add(
            AllowancePeriod,
            beneficiary_id=ben["id"],
            from_month=start,
            standard_level=level,
            coefficient=coefficient,
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


def _clause_for(facts: dict[str, Any], poor_household: bool, rng: random.Random) -> str | None:
    """Which Decree 20/2021 Art. 5 clause a demo person falls under, if any (a plausible share)."""
    age = facts["age"]
    if facts["disability"]:
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
