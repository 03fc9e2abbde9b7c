"""Row builders for the printed lists: query the database, return frozen rows sorted the Vietnamese way.

Payment lists are in ``listing_payment``.

Which review counts for a year: the household's *final* (completed) review of that year, the
periodic one when there is one, else the latest monthly one. Draft reviews are not on any list;
``review_counts`` says how many were left out, so a list can say so. Deleted records (tombstones)
are never listed. Villages sort by name and people by given name, the Vietnamese way
(``domain.text.sort_key`` / ``name_sort_key``).

A household's class rests on the figures of its year's poverty standard (``rules.figures``); each
row carries those that are not verified — the year's, per today's rule data, plus any the stored
result itself lists (a province point table, say) — so the list can mark it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from xaapp.domain.text import fold, name_sort_text, sort_key, sort_text
from xaapp.rules.deprivations import flagged
from xaapp.rules.figures import Figure, figure_from_json, merge, not_verified, year_figures
from xaapp.services.listing_chunks import FETCH, let_go
from xaapp.storage.db import Database
from xaapp.storage.orm import (
    AdminUnit,
    Household,
    Person,
    PovertyReview,
    Setting,
    Village,
)

CLASS_LABELS: dict[str, str] = {
    "poor": "Hộ nghèo",
    "near_poor": "Hộ cận nghèo",
    "average": "Hộ có mức sống trung bình",
    "none": "Không thuộc diện",
}
#: Better-off order of the classes, to tell an escape from a fall.
_CLASS_RANK = {"poor": 0, "near_poor": 1, "average": 2, "none": 3}


def mask_personal_id(value: str | None) -> str:
    """A personal ID as printed on lists posted in public: "038******789" (first 3, last 3 digits)."""
    if not value:
        return ""
    if len(value) <= 6:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 6) + value[-3:]


# --- rows --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CommuneInfo:
    code: str
    name: str


@dataclass(frozen=True)
class VillageRef:
    id: int
    name: str


@dataclass(frozen=True)
class HouseholdRow:
    """A household on the posting list (``previous_class`` set on the escaped list)."""

    household_id: int
    village_id: int
    village: str
    code: str | None
    head_name: str
    #: Date of birth of the head, or only the year when the day is unknown.
    head_birth: dt.date | int | None
    personal_id: str | None
    address: str
    members: int
    result_class: str
    deprivations: tuple[str, ...]
    reason: str
    previous_class: str | None = None
    #: Rule figures the class (and, on the escaped list, last year's class) rests on that are not verified.
    unverified: tuple[Figure, ...] = ()

    @property
    def class_label(self) -> str:
        return CLASS_LABELS.get(self.result_class, self.result_class)

    @property
    def previous_label(self) -> str:
        return CLASS_LABELS.get(self.previous_class or "", self.previous_class or "")


@dataclass(frozen=True)
class VillageSummaryRow:
    village: str
    households: int
    reviewed: int
    poor: int
    near_poor: int

    @property
    def poor_rate(self) -> float:
        return self.poor / self.households if self.households else 0.0

    @property
    def near_poor_rate(self) -> float:
        return self.near_poor / self.households if self.households else 0.0


@dataclass(frozen=True)
class ReviewCounts:
    """Final reviews counted and drafts left out, for the year asked."""

    final: int
    draft: int


# --- shared loading ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Review:
    result_class: str
    result: dict[str, Any]
    answers: dict[str, Any]


class UnverifiedOfYear:
    """The not-verified figures behind a year's classes (today's rule data), computed once per year."""

    def __init__(self) -> None:
        self._years: dict[int, tuple[Figure, ...]] = {}

    def __call__(self, year: int) -> tuple[Figure, ...]:
        if year not in self._years:
            self._years[year] = not_verified(year_figures(year))
        return self._years[year]


def review_unverified(review: _Review, year: int, of_year: UnverifiedOfYear) -> tuple[Figure, ...]:
    """The year's not-verified figures and those the stored classification lists (``not_verified``)."""
    stored = review.result.get("not_verified")
    listed = [figure_from_json(f) for f in stored if isinstance(f, dict)] if isinstance(stored, list) else []
    return merge(of_year(year), not_verified(listed))


def commune_info(db: Database) -> CommuneInfo:
    """The commune this installation serves (setting ``commune_code``), else that of its villages."""
    with db.read() as s:
        code = s.scalar(select(Setting.value).where(Setting.key == "commune_code"))
        if code is None:
            code = s.scalar(select(Village.commune_code).where(Village.deleted_at.is_(None)).limit(1))
        if code is None:
            return CommuneInfo("", "")
        name = s.scalar(select(AdminUnit.name).where(AdminUnit.code == code))
        return CommuneInfo(code, name or code)


def villages(db: Database) -> list[VillageRef]:
    with db.read() as s:
        rows = s.execute(select(Village.id, Village.name).where(Village.deleted_at.is_(None))).all()
    return sorted((VillageRef(i, n) for i, n in rows), key=lambda v: sort_key(v.name))


def find_village(db: Database, text: str) -> VillageRef | None:
    """A village by id or by name, ignoring accents and case ("dong tam" finds "Thôn Đồng Tâm")."""
    wanted = fold(text)
    found = villages(db)
    for v in found:
        if str(v.id) == text.strip() or fold(v.name) == wanted:
            return v
    matches = [v for v in found if wanted and wanted in fold(v.name)]
    return matches[0] if len(matches) == 1 else None


def village_names(s: Session) -> dict[int, str]:
    return dict(s.execute(select(Village.id, Village.name).where(Village.deleted_at.is_(None))).all())


#: Fetching a district's reviews in one call, or parsing every review's JSON and dropping it all at
#: once, held the interpreter lock long enough to freeze the UI thread while a list was exported
#: (bench_desktop): they are read ``FETCH`` at a time, and let go of a slice at a time.
_CHUNK = FETCH

#: (review id, class) of the review that counts, by (year, household id).
_Best = dict[tuple[int, int], tuple[int, str]]


def _best_reviews(s: Session, years: Iterable[int], village_id: int | None) -> _Best:
    """The final review that counts for each (year, household): periodic first, else the latest monthly.
    Ids and classes only, read a chunk at a time."""
    q = (
        select(
            PovertyReview.household_id,
            PovertyReview.review_year,
            PovertyReview.kind,
            PovertyReview.review_month,
            PovertyReview.id,
            PovertyReview.result_class,
        )
        .join(Household, Household.id == PovertyReview.household_id)
        .where(
            PovertyReview.review_year.in_(list(years)),
            PovertyReview.deleted_at.is_(None),
            PovertyReview.status == "final",
            PovertyReview.result_class.is_not(None),
            Household.deleted_at.is_(None),
        )
        .execution_options(yield_per=_CHUNK)
    )
    if village_id is not None:
        q = q.where(Household.village_id == village_id)
    ranks: dict[tuple[int, int], tuple[int, int, int]] = {}
    best: _Best = {}
    for hh, year, kind, month, rid, cls in s.execute(q):
        rank = (1 if kind == "periodic" else 0, month or 0, rid)
        key = (year, hh)
        if key not in ranks or rank > ranks[key]:
            ranks[key] = rank
            best[key] = (rid, cls or "")  # never None: filtered in SQL
    return best


def _in_full(s: Session, picked: dict[Any, tuple[int, str]]) -> dict[Any, _Review]:
    """The reviews *picked* (key → (id, class)) with their result and answers (JSON), read by id in
    chunks: only the reviews a list shows are parsed."""
    details: dict[int, tuple[Any, Any]] = {}
    ids = sorted({rid for rid, _cls in picked.values()})
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        q = select(PovertyReview.id, PovertyReview.result, PovertyReview.answers)
        for rid, result, answers in s.execute(q.where(PovertyReview.id.in_(chunk))):
            details[rid] = (result, answers)
    out: dict[Any, _Review] = {}
    for key, (rid, cls) in picked.items():
        result, answers = details.get(rid, (None, None))
        out[key] = _Review(cls, result or {}, answers or {})
    return out


def _year_reviews(
    s: Session,
    years: Iterable[int],
    village_id: int | None,
    details: bool = True,
    classes: tuple[str, ...] | None = None,
) -> dict[int, dict[int, _Review]]:
    """{year: {household_id: review}} of final reviews (periodic first, else the latest monthly);
    with *classes*, only the reviews of those classes.

    Without *details* the result and answers (JSON, the slow part at 20,000 households) are not read;
    with them, they are read for the reviews returned only.
    """
    best = _best_reviews(s, years, village_id)
    if classes is not None:
        best = {key: value for key, value in best.items() if value[1] in classes}
    if details:
        reviews = _in_full(s, best)
    else:
        reviews = {key: _Review(cls, {}, {}) for key, (_rid, cls) in best.items()}
    out: dict[int, dict[int, _Review]] = defaultdict(dict)
    for (year, hh), review in reviews.items():
        out[year][hh] = review
    return out


def review_counts(db: Database, year: int, village_id: int | None = None) -> ReviewCounts:
    with db.read() as s:
        q = (
            select(PovertyReview.status, func.count(func.distinct(PovertyReview.household_id)))
            .join(Household, Household.id == PovertyReview.household_id)
            .where(
                PovertyReview.review_year == year,
                PovertyReview.deleted_at.is_(None),
                Household.deleted_at.is_(None),
            )
            .group_by(PovertyReview.status)
        )
        if village_id is not None:
            q = q.where(Household.village_id == village_id)
        counts = dict(s.execute(q).all())
    return ReviewCounts(final=counts.get("final", 0), draft=counts.get("draft", 0))


def deprivations_of(review: _Review) -> tuple[str, ...]:
    """Deprivation codes of a review: from the classification result, else the form's dep_<code> flags."""
    listed = review.result.get("deprivations")
    if isinstance(listed, list):
        return tuple(str(code) for code in listed)
    return flagged(review.answers)


def reason_of(review: _Review) -> str:
    reason = review.result.get("reason")
    if isinstance(reason, dict):
        return str(reason.get("vi", ""))
    return str(reason or "")


@dataclass(frozen=True)
class _HouseholdFacts:
    village_id: int
    code: str | None
    address: str
    head_name: str
    head_birth: dt.date | int | None
    personal_id: str | None
    members: int


def _household_facts(s: Session, household_ids: Iterable[int]) -> dict[int, _HouseholdFacts]:
    ids = list(household_ids)
    if not ids:
        return {}
    out: dict[int, _HouseholdFacts] = {}
    for start in range(0, len(ids), 900):  # SQLite's host-parameter limit
        chunk = ids[start : start + 900]
        households = s.execute(
            select(Household.id, Household.village_id, Household.code, Household.address).where(
                Household.id.in_(chunk), Household.deleted_at.is_(None)
            )
        ).all()
        people = s.execute(
            select(
                Person.household_id,
                Person.position,
                Person.full_name,
                Person.dob,
                Person.birth_year,
                Person.personal_id,
                Person.relationship_to_head,
            )
            .where(Person.household_id.in_(chunk), Person.deleted_at.is_(None))
            .order_by(Person.household_id, Person.position, Person.id)
        ).all()
        members: dict[int, list[Any]] = defaultdict(list)
        for p in people:
            members[p.household_id].append(p)
        for hid, vid, code, address in households:
            people_of = members.get(hid, [])
            head = next((p for p in people_of if p.relationship_to_head == "head"), None)
            if head is None and people_of:
                head = people_of[0]
            out[hid] = _HouseholdFacts(
                village_id=vid,
                code=code,
                address=address or "",
                head_name=head.full_name if head else "",
                head_birth=(head.dob or head.birth_year) if head else None,
                personal_id=head.personal_id if head else None,
                members=len(people_of),
            )
    return out


def _household_row(hid: int, facts: _HouseholdFacts, names: dict[int, str], review: _Review,
                   previous: str | None = None, unverified: tuple[Figure, ...] = ()) -> HouseholdRow:  # fmt: skip
    return HouseholdRow(
        household_id=hid,
        village_id=facts.village_id,
        village=names.get(facts.village_id, ""),
        code=facts.code,
        head_name=facts.head_name,
        head_birth=facts.head_birth,
        personal_id=facts.personal_id,
        address=facts.address or names.get(facts.village_id, ""),  # no address recorded: the village
        members=facts.members,
        result_class=review.result_class,
        deprivations=deprivations_of(review),
        reason=reason_of(review),
        previous_class=previous,
        unverified=unverified,
    )


def _sorted(rows: list[HouseholdRow]) -> list[HouseholdRow]:
    # The keys as text (same order): comparing nested tuples made the sort itself hold the interpreter
    # lock for ~100 ms at 7,500 rows, freezing the UI thread while a list was exported.
    return sorted(rows, key=lambda r: (sort_text(r.village), name_sort_text(r.head_name), r.household_id))


# --- list 1: poor and near-poor households for posting ------------------------------------------


def household_rows(
    db: Database, year: int, village_id: int | None = None, classes: tuple[str, ...] = ("poor", "near_poor")
) -> list[HouseholdRow]:
    """Households whose class in *year* is one of *classes*, by village then head's name."""
    with db.read() as s:
        held = [_year_reviews(s, [year], village_id, classes=classes).get(year, {})]
        chosen = held[0]
        facts = _household_facts(s, chosen)
        names = village_names(s)
    of_year = UnverifiedOfYear()
    rows = [
        _household_row(hid, facts[hid], names, r, unverified=review_unverified(r, year, of_year))
        for hid, r in chosen.items()
        if hid in facts
    ]
    del chosen
    let_go(held)  # the reviews' answers (JSON), a slice at a time
    return _sorted(rows)


# --- list 2: escaped poverty / near-poverty ---------------------------------------------------------


def escaped_rows(db: Database, year: int, village_id: int | None = None) -> list[HouseholdRow]:
    """Households poor (or near-poor) in *year* - 1 whose *year* review puts them in a better class.

    A poor household that becomes near-poor has escaped poverty (Decision 24/2021 lists it among
    "hộ thoát nghèo"); a near-poor household that becomes average or none has escaped near-poverty.
    """
    with db.read() as s:
        best = _best_reviews(s, [year - 1, year], village_id)
        picked = {
            (hid, when): best[(when, hid)]
            for (y, hid), (_rid, cls) in best.items()
            if y == year - 1
            and cls in ("poor", "near_poor")
            and (year, hid) in best
            and _CLASS_RANK.get(best[(year, hid)][1], 9) > _CLASS_RANK[cls]
            for when in (year, year - 1)
        }
        held: list[Any] = [_in_full(s, picked)]
        full = held[0]
        chosen = {hid: (full[(hid, year)], full[(hid, year - 1)]) for hid, when in full if when == year}
        del full
        held.append(chosen)
        facts = _household_facts(s, chosen)
        names = village_names(s)
    of_year = UnverifiedOfYear()
    rows = [
        _household_row(hid, facts[hid], names, r, prev.result_class, merge(
            review_unverified(prev, year - 1, of_year), review_unverified(r, year, of_year)
        ))  # fmt: skip
        for hid, (r, prev) in chosen.items()
        if hid in facts
    ]
    del chosen
    let_go(held)  # the reviews' answers (JSON), a slice at a time
    # Text keys, as in _sorted (the same order as the tuple keys, and a shorter sort).
    return sorted(
        rows,
        key=lambda r: (
            r.previous_class != "poor",
            sort_text(r.village),
            name_sort_text(r.head_name),
            r.household_id,
        ),
    )


# --- list 4: summaries -------------------------------------------------------------------------------


def village_summary_rows(db: Database, year: int) -> list[VillageSummaryRow]:
    """Per village: households in the register, households reviewed (final), poor, near-poor."""
    with db.read() as s:
        names = village_names(s)
        households = dict(
            s.execute(
                select(Household.village_id, func.count())
                .where(Household.deleted_at.is_(None))
                .group_by(Household.village_id)
            ).all()
        )
        reviews = _year_reviews(s, [year], None, details=False).get(year, {})
        village_of = dict(
            s.execute(select(Household.id, Household.village_id).where(Household.deleted_at.is_(None))).all()
        )
    counts: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for hid, review in reviews.items():
        vid = village_of.get(hid)
        if vid is None:
            continue
        counts[vid]["reviewed"] += 1
        counts[vid][review.result_class] += 1
    rows = [
        VillageSummaryRow(
            village=name,
            households=households.get(vid, 0),
            reviewed=counts[vid]["reviewed"],
            poor=counts[vid]["poor"],
            near_poor=counts[vid]["near_poor"],
        )
        for vid, name in names.items()
    ]
    return sorted(rows, key=lambda r: sort_key(r.village))


def deprivation_counts(db: Database, year: int, village_id: int | None = None) -> dict[str, dict[str, int]]:
    """{class: {indicator code: households deprived}} for poor and near-poor households, plus
    ``{class: {"_households": n}}`` (the denominator for shares)."""
    with db.read() as s:
        held = [_year_reviews(s, [year], village_id, classes=("poor", "near_poor")).get(year, {})]
    out: dict[str, dict[str, int]] = {"poor": defaultdict(int), "near_poor": defaultdict(int)}
    for review in held[0].values():
        if review.result_class not in out:
            continue
        bucket = out[review.result_class]
        bucket["_households"] += 1
        for code in deprivations_of(review):
            bucket[code] += 1
    let_go(held)  # the reviews' answers (JSON) a slice at a time (the loop's name keeps the last one)
    return {k: dict(v) for k, v in out.items()}


def classes_by_year(
    db: Database, years: Iterable[int], village_id: int | None = None
) -> dict[int, dict[int, str]]:
    """{year: {household_id: class}} of final reviews, for movement tables."""
    with db.read() as s:
        reviews = _year_reviews(s, years, village_id, details=False)
    return {year: {hid: r.result_class for hid, r in by_hh.items()} for year, by_hh in reviews.items()}


def household_villages(db: Database) -> dict[int, int]:
    """{household_id: village_id} of the households in the register."""
    with db.read() as s:
        return dict(
            s.execute(select(Household.id, Household.village_id).where(Household.deleted_at.is_(None))).all()
        )
