"""Poverty reviews: who to review in a year, the household form's drafts and finalising, and the steps.

One function per user action, one transaction each, DTOs out (never ORM objects).

Where things are kept (no schema change needed, see docs/reviews.md):

- ``PovertyReview.answers`` holds the form's answers as the ODK-shaped instance object
  (``{"general": {...}, "members": [...], ...}``) plus one key of xaapp's own, ``"_xaapp"``:
  ``{"cursor": "members[2]/dob", "members": [person uuid | null, ...], "request": {"on", "note"}}``
  — where the officer was (a reopened draft resumes there), which register person each member
  is, and whether the household asked to be reviewed.
- ``form_id``/``form_version`` are the form the answers were filled with; ``result``/``result_class``
  the rules engine's classification (with its reason), recomputed on every save once the answers
  allow it; ``status`` is ``draft`` until the form is complete and the officer finalises it.
- Editing a finalised review needs a reason, which the audit log records with every change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import select

from xaapp.domain.text import fold, name_sort_key
from xaapp.errors import KnownError
from xaapp.forms_engine import Form, InterviewSession, shipped_form
from xaapp.rules.inputs import RuleInputError
from xaapp.rules.poverty import classify, review_input
from xaapp.services.register import prefill, write_household
from xaapp.storage.db import Database
from xaapp.storage.orm import Household, Person, PovertyReview, Village

FORM_ID = "household_review"
META = "_xaapp"
#: Steps of the review in order: (code, date column). "meeting" also records the share agreeing,
#: "recognised" the decision number.
STEP_ORDER = (
    ("listed", "listed_on"),
    ("surveyed", "surveyed_on"),
    ("meeting", "meeting_on"),
    ("posted", "posted_on"),
    ("recognised", "recognised_on"),
)
_STEP_COLUMN = dict(STEP_ORDER)


@lru_cache(maxsize=8)
def current_form(form_id: str = FORM_ID) -> Form:
    """The shipped questionnaire (loaded once per process)."""
    return shipped_form(form_id)


# --- DTOs -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewRecord:
    """A review opened in the form. ``answers`` is the instance object (without ``_xaapp``); treat it
    as read-only. ``review_id`` is None for a new household not saved yet."""

    review_id: int | None
    household_id: int | None
    village_id: int | None
    review_year: int
    form_id: str
    form_version: str
    status: str
    answers: dict[str, Any]
    cursor: str
    person_uuids: tuple[str | None, ...]
    result_class: str | None
    reason_vi: str
    reason_en: str


@dataclass(frozen=True)
class SavedReview:
    review_id: int
    household_id: int
    status: str
    result_class: str | None
    reason_vi: str
    reason_en: str
    person_uuids: tuple[str | None, ...]


@dataclass(frozen=True)
class ReviewListRow:
    """One household of a year's review list with where its review stands."""

    household_id: int
    review_id: int | None
    head_name: str
    village_id: int
    village: str
    origin: str  # poor | near_poor (last year's class) | request | other
    last_class: str | None
    status: str  # "" (not started) | draft | final
    result_class: str | None
    step: str  # latest step reached: a code of STEP_ORDER or ""
    listed_on: dt.date | None
    surveyed_on: dt.date | None
    meeting_on: dt.date | None
    meeting_agree_pct: float | None
    posted_on: dt.date | None
    recognised_on: dt.date | None
    decision_no: str | None


@dataclass(frozen=True)
class YearTotals:
    year: int
    to_review: int
    started: int
    final: int
    poor: int
    near_poor: int
    average: int
    none: int
    meeting: int
    posted: int
    recognised: int


# --- classification ----------------------------------------------------------------------------------


def classification_input(instance: Mapping[str, Any]) -> dict[str, Any]:
    """The rules engine's input from the household form's answers (the rules read the form's own
    names: ``area_type``, ``income_method`` = ``per_capita`` | ``score_a``, the ``dep_<code>`` flags)."""
    try:
        return review_input(instance)
    except RuleInputError:
        return {}


def classify_answers(instance: Mapping[str, Any]) -> dict[str, Any] | None:
    """The classification (rules ``to_json()``) when the answers allow one, else None."""
    data = classification_input(instance)
    if any(data.get(key) in (None, "") for key in ("income_method", "area", "review_year")):
        return None
    value = data.get("income_per_capita", data.get("score_a"))
    if value in (None, "") or (isinstance(value, float) and value != value):
        return None
    try:
        result = classify(data).to_json()
    except RuleInputError:
        return None
    result.pop("notes", None)  # the same data-status notes on every review (kept in the rules data)
    return result


def _split(answers: Mapping[str, Any] | None) -> tuple[dict[str, Any], dict[str, Any]]:
    data = dict(answers or {})
    meta = data.pop(META, None)
    return data, dict(meta) if isinstance(meta, Mapping) else {}


def _form_shaped(instance: Mapping[str, Any]) -> bool:
    return isinstance(instance.get("general"), Mapping) or isinstance(instance.get("members"), list)


def _record(review: PovertyReview, household: Household | None) -> ReviewRecord:
    instance, meta = _split(review.answers)
    result = review.result or {}
    reason = result.get("reason") or {}
    return ReviewRecord(
        review.id,
        review.household_id,
        household.village_id if household else None,
        review.review_year,
        review.form_id,
        review.form_version,
        review.status,
        instance,
        str(meta.get("cursor") or ""),
        tuple(meta.get("members") or ()),
        review.result_class,
        reason.get("vi", ""),
        reason.get("en", ""),
    )


# --- opening and saving ------------------------------------------------------------------------------


def open_review(db: Database, household_id: int, year: int, actor: str = "system") -> ReviewRecord:
    """The household's review for *year*: resumed if it exists, else started (listed today) with the
    household and its members filled in from the register."""
    with db.session(actor=actor) as s:
        household = s.get(Household, household_id)
        if household is None or household.deleted_at is not None:
            raise KnownError(f"Không tìm thấy hộ số {household_id}.", f"Household {household_id} not found.")
        review = s.scalars(
            select(PovertyReview).where(
                PovertyReview.household_id == household_id,
                PovertyReview.review_year == year,
                PovertyReview.kind == "periodic",
                PovertyReview.deleted_at.is_(None),
            )
        ).first()
        if review is None:
            review = PovertyReview(
                household_id=household_id,
                review_year=year,
                kind="periodic",
                form_id=FORM_ID,
                form_version=current_form().version,
                status="draft",
                answers={},
                listed_on=dt.date.today(),
            )
            s.add(review)
        instance, meta = _split(review.answers)
        if not _form_shaped(instance):
            # A review started from a list or an import (no form answers yet): the register fills it in.
            filled, uuids = prefill(s, household)
            filled["general"]["review_year"] = year
            meta["members"] = uuids
            review.answers = {**filled, META: meta}
            if review.status == "draft":
                review.form_version = current_form().version
        s.flush()
        return _record(review, household)


def new_household_record(village_id: int, year: int) -> ReviewRecord:
    """A blank review for a household not in the register yet (it is created at the first save)."""
    return ReviewRecord(
        None, None, village_id, year, FORM_ID, current_form().version, "draft", {}, "", (), None, "", ""
    )


def save_review(
    db: Database,
    record: ReviewRecord,
    instance: Mapping[str, Any],
    *,
    cursor: str = "",
    person_uuids: Sequence[str | None] = (),
    form_version: str | None = None,
    actor: str = "system",
    reason: str | None = None,
    finalise: bool = False,
) -> SavedReview:
    """Save the answers (autosave of a draft, or finalising, or an edit of a finalised review).

    Finalising checks the form is complete and refuses with the first problems named. A review
    that is already final can only be changed with a *reason* (it goes to the audit log) and
    must stay complete. The household and its members are written from the answers in the same
    transaction (``services.register``).
    """
    instance = {k: v for k, v in instance.items() if k != META}
    form = current_form(record.form_id)
    was_final = record.status == "final"
    reason = (reason or "").strip() or None
    if was_final and reason is None:
        raise KnownError(
            "Phiếu đã hoàn tất: muốn sửa phải ghi lý do sửa.",
            "This review is final: a change needs a reason.",
        )
    if finalise or was_final:
        problems = form_problems(form, instance)
        if problems:
            raise KnownError(
                f"Chưa thể hoàn tất phiếu, còn {len(problems)} chỗ chưa đúng: {'; '.join(problems[:3])}",
                f"The form cannot be finalised yet: {len(problems)} answer(s) to fix.",
            )
    result = classify_answers(instance)
    with db.session(actor=actor, reason=reason) as s:
        review = s.get(PovertyReview, record.review_id) if record.review_id is not None else None
        household = s.get(Household, record.household_id) if record.household_id is not None else None
        if review is not None and review.status == "final" and not was_final:
            raise KnownError(
                "Phiếu này vừa được hoàn tất ở nơi khác; hãy mở lại phiếu.",
                "This review was finalised elsewhere; open it again.",
            )
        reg = write_household(s, instance, household, record.village_id, person_uuids)
        meta = {"cursor": cursor, "members": list(reg.person_uuids)}
        if review is not None:
            _, old_meta = _split(review.answers)
            if "request" in old_meta:
                meta["request"] = old_meta["request"]
        else:
            review = PovertyReview(
                household_id=reg.household_id,
                review_year=record.review_year,
                kind="periodic",
                form_id=record.form_id,
                listed_on=dt.date.today(),
            )
            s.add(review)
        review.answers = {**instance, META: meta}
        review.form_version = form_version or form.version
        review.result = result or {}
        review.result_class = result["classification"] if result else None
        if finalise or was_final:
            review.status = "final"
            survey = (instance.get("general") or {}).get("survey_date")
            if review.surveyed_on is None or finalise:
                review.surveyed_on = _iso_date(survey) or dt.date.today()
        s.flush()
        reason_json = (result or {}).get("reason") or {}
        return SavedReview(
            review.id,
            reg.household_id,
            review.status,
            review.result_class,
            reason_json.get("vi", ""),
            reason_json.get("en", ""),
            reg.person_uuids,
        )


def _iso_date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def form_problems(form: Form, instance: Mapping[str, Any]) -> list[str]:
    """Every problem that blocks finalising, as "label: message" in Vietnamese, in form order."""
    session = InterviewSession.from_json(form, {"instance": dict(instance)}, lang="vi")
    out = []
    for issue in session.all_issues():
        label = session.question(issue.path).label or issue.path
        out.append(f"{label} ({issue.path}): {issue.message}")
    return out


def version_change(form: Form, instance: Mapping[str, Any], old_version: str) -> list[str]:
    """What the officer should know when a draft filled with *old_version* opens on *form*:
    answers the new version no longer has and questions it now requires (Vietnamese lines)."""
    if not old_version or old_version == form.version or old_version == "demo":
        return []
    session = InterviewSession.from_json(form, {"instance": dict(instance)}, lang="vi")
    kept = session.to_json()["instance"]
    lines = [
        f"Biểu mẫu đã đổi từ phiên bản {old_version} sang {form.version}; các câu trả lời đã được chuyển sang."
    ]
    dropped = sorted(_leaf_paths(instance) - _leaf_paths(kept))
    if dropped:
        lines.append("Không còn trong biểu mẫu mới (bỏ): " + ", ".join(dropped))
    required = [i.path for i in session.all_issues() if i.code == "required"]
    if required:
        lines.append("Câu hỏi cần trả lời thêm: " + ", ".join(required[:10]))
    return lines


def _leaf_paths(data: Any, prefix: str = "") -> set[str]:
    out: set[str] = set()
    if isinstance(data, Mapping):
        for key, value in data.items():
            if key in ("meta", META):
                continue
            out |= _leaf_paths(value, f"{prefix}{key}/")
    elif isinstance(data, list):
        for i, value in enumerate(data, start=1):
            out |= _leaf_paths(value, f"{prefix[:-1]}[{i}]/")
    elif data not in (None, ""):
        out.add(prefix[:-1])
    return out


# --- the year's list and the steps ------------------------------------------------------------------


def request_review(db: Database, household_id: int, year: int, note: str, actor: str = "system") -> int:
    """Put a household on the year's list because it asked to be reviewed; returns the review id."""
    record = open_review(db, household_id, year, actor=actor)
    with db.session(actor=actor) as s:
        review = s.get(PovertyReview, record.review_id)
        assert review is not None
        instance, meta = _split(review.answers)
        meta["request"] = {"on": dt.date.today().isoformat(), "note": " ".join(note.split())}
        review.answers = {**instance, META: meta}
        return review.id


def review_list(db: Database, year: int) -> list[ReviewListRow]:
    """The households to review in *year*: last year's poor and near-poor, those who asked, and any
    other household whose review for the year was started; sorted by village, then the Vietnamese way."""
    with db.read() as s:
        villages = dict(s.execute(select(Village.id, Village.name)).all())
        last = {
            hid: cls
            for hid, cls in s.execute(
                select(PovertyReview.household_id, PovertyReview.result_class).where(
                    PovertyReview.review_year == year - 1,
                    PovertyReview.status == "final",
                    PovertyReview.deleted_at.is_(None),
                )
            )
        }
        current = {
            r.household_id: r
            for r in s.scalars(
                select(PovertyReview).where(
                    PovertyReview.review_year == year,
                    PovertyReview.kind == "periodic",
                    PovertyReview.deleted_at.is_(None),
                )
            )
        }
        wanted = {hid for hid, cls in last.items() if cls in ("poor", "near_poor")} | set(current)
        heads = dict(
            s.execute(
                select(Person.household_id, Person.full_name).where(
                    Person.relationship_to_head == "head", Person.deleted_at.is_(None)
                )
            ).all()
        )
        rows = []
        for h in s.scalars(select(Household).where(Household.deleted_at.is_(None))):
            if h.id not in wanted:
                continue
            review = current.get(h.id)
            last_class = last.get(h.id)
            _, meta = _split(review.answers if review else None)
            if last_class in ("poor", "near_poor"):
                origin = last_class
            elif "request" in meta:
                origin = "request"
            else:
                origin = "other"
            step = ""
            if review is not None:
                step = next((code for code, col in reversed(STEP_ORDER) if getattr(review, col)), "")
            rows.append(
                ReviewListRow(
                    h.id,
                    review.id if review else None,
                    heads.get(h.id, ""),
                    h.village_id,
                    villages.get(h.village_id, ""),
                    origin,
                    last_class,
                    review.status if review else "",
                    review.result_class if review else None,
                    step,
                    *(
                        (
                            review.listed_on,
                            review.surveyed_on,
                            review.meeting_on,
                            review.meeting_agree_pct,
                            review.posted_on,
                            review.recognised_on,
                            review.decision_no,
                        )
                        if review
                        else (None,) * 7
                    ),
                )
            )
        rows.sort(key=lambda r: (fold(r.village), name_sort_key(r.head_name)))
        return rows


def year_totals(rows: Sequence[ReviewListRow], year: int) -> YearTotals:
    """Totals of a year's review list (computed from the rows already loaded)."""
    final = [r for r in rows if r.status == "final"]
    return YearTotals(
        year,
        len(rows),
        sum(1 for r in rows if r.status),
        len(final),
        sum(1 for r in final if r.result_class == "poor"),
        sum(1 for r in final if r.result_class == "near_poor"),
        sum(1 for r in final if r.result_class == "average"),
        sum(1 for r in final if r.result_class == "none"),
        sum(1 for r in rows if r.meeting_on),
        sum(1 for r in rows if r.posted_on),
        sum(1 for r in rows if r.recognised_on),
    )


def _check_step(review: PovertyReview, step: str, on: dt.date) -> None:
    if step not in _STEP_COLUMN:
        raise KnownError(f"Bước rà soát không có: {step}.", f"Unknown review step: {step}.")
    index = [code for code, _ in STEP_ORDER].index(step)
    if step in ("meeting", "posted", "recognised") and review.status != "final":
        raise KnownError(
            "Phiếu khảo sát của hộ chưa hoàn tất, chưa thể ghi bước này.",
            "The household's survey is not final yet; this step cannot be recorded.",
        )
    for code, col in STEP_ORDER[1:index]:
        before = getattr(review, col)
        if before is None:
            raise KnownError(
                f"Phải ghi bước trước ({code}) trước bước này.", f"Record the earlier step ({code}) first."
            )
        if on < before:
            raise KnownError(
                "Ngày của bước này không được trước ngày của bước trước.",
                "This step's date cannot be before the previous step's date.",
            )


def record_step(
    db: Database,
    review_id: int,
    step: str,
    on: dt.date,
    *,
    agree_pct: float | None = None,
    decision_no: str | None = None,
    actor: str = "system",
    reason: str | None = None,
) -> ReviewListRow:
    """Record one step of one household's review (meeting with the share agreeing, recognition with
    the decision number); returns the household's updated list row."""
    with db.session(actor=actor, reason=reason) as s:
        review = s.get(PovertyReview, review_id)
        if review is None:
            raise KnownError(f"Không tìm thấy phiếu số {review_id}.", f"Review {review_id} not found.")
        _check_step(review, step, on)
        _apply_step(review, step, on, agree_pct, decision_no)
        household_id, year = review.household_id, review.review_year
    return next(r for r in review_list(db, year) if r.household_id == household_id)


def _apply_step(
    review: PovertyReview, step: str, on: dt.date, agree_pct: float | None, decision_no: str | None
) -> None:
    if step == "meeting":
        if agree_pct is None or not 0 <= agree_pct <= 100:
            raise KnownError(
                "Ghi tỷ lệ đồng ý của cuộc họp thôn (từ 0 đến 100%).",
                "Enter the share agreeing at the village meeting (0 to 100%).",
            )
        review.meeting_agree_pct = agree_pct
    if step == "recognised":
        number = " ".join((decision_no or "").split())
        if not number:
            raise KnownError("Ghi số quyết định công nhận.", "Enter the decision number.")
        review.decision_no = number
    setattr(review, _STEP_COLUMN[step], on)


def record_village_step(
    db: Database,
    year: int,
    village_id: int,
    step: str,
    on: dt.date,
    *,
    agree_pct: float | None = None,
    actor: str = "system",
) -> int:
    """Record the village meeting or the public posting for every household of a village whose
    review is ready for it (final, earlier steps done, this one not yet); returns how many."""
    if step not in ("meeting", "posted"):
        raise KnownError(
            "Chỉ ghi hàng loạt ngày họp thôn và ngày niêm yết.",
            "Only meeting and posting dates are recorded in bulk.",
        )
    count = 0
    with db.session(actor=actor) as s:
        reviews = s.scalars(
            select(PovertyReview)
            .join(Household, PovertyReview.household_id == Household.id)
            .where(
                Household.village_id == village_id,
                Household.deleted_at.is_(None),
                PovertyReview.review_year == year,
                PovertyReview.kind == "periodic",
                PovertyReview.deleted_at.is_(None),
            )
        )
        for review in reviews:
            if getattr(review, _STEP_COLUMN[step]) is not None:
                continue
            try:
                _check_step(review, step, on)
            except KnownError:
                continue
            _apply_step(review, step, on, agree_pct, None)
            count += 1
    return count
