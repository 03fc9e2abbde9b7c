"""Poverty reviews: the household form's drafts, finalising and edits (the year's list and the steps
are in ``services.review_steps``, the facts and the class in ``services.review_facts``).

One function per user action, one transaction each, DTOs out (never ORM objects). Reading never
writes: opening a review, in any state, changes nothing; a new review is created at its first save.

Where things are kept (no schema change needed, see docs/reviews.md):

- ``PovertyReview.answers`` holds the form's answers as the ODK-shaped instance object
  (``{"general": {...}, "members": [...], ...}``) plus one key of xaapp's own, ``"_xaapp"``:
  ``{"cursor": "members[2]/dob", "members": [person uuid | null, ...], "request": {"on", "note"}}``
  — where the officer was (a reopened draft resumes there), which register person each member
  is, and whether the household asked to be reviewed.
- ``form_id``/``form_version`` are the form the answers were filled with; ``result``/``result_class``
  the rules engine's classification (with its reason), recomputed on every save once every fact is
  known; ``status`` is ``draft`` until the form is complete and the officer finalises it.
- Editing a finalised review needs a reason, which the audit log records with every change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from xaapp.errors import KnownError
from xaapp.forms_engine import Form, InterviewSession, Issue
from xaapp.services.register import prefill, write_household
from xaapp.services.review_facts import (
    FORM_ID,
    META,
    Assessment,
    MissingFact,
    assess_answers,
    assess_session,
    classification_input,
    classify_answers,
    current_form,
    missing_text,
    session_of,
)
from xaapp.services.review_steps import (
    STEP_ORDER,
    ReviewListRow,
    YearTotals,
    record_step,
    record_village_step,
    review_list,
    year_totals,
)
from xaapp.storage.db import Database
from xaapp.storage.migrations.steps.m0004_form_shaped_reviews import form_answers, is_form_shaped
from xaapp.storage.orm import Household, Person, PovertyReview, Village

__all__ = [
    "FORM_ID", "META", "STEP_ORDER", "Assessment", "MissingFact", "ReviewListRow", "ReviewRecord",
    "SavedReview", "YearTotals", "assess_answers", "assess_session", "classification_input",
    "classify_answers", "current_form", "form_problems", "new_household_record", "open_review",
    "record_step", "record_village_step", "request_review", "review_list", "save_review",
    "version_change", "year_totals",
]  # fmt: skip


# --- DTOs -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewRecord:
    """A review opened in the form. ``answers`` is the instance object (without ``_xaapp``); treat it
    as read-only. ``review_id`` is None for a review not saved yet (a new household, or a household
    whose review for the year has not been started): it is created at the first save.
    ``result_class``/``reason_*`` are the class stored with the review (kept from an Excel list for
    an imported review)."""

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


def _split(answers: Mapping[str, Any] | None) -> tuple[dict[str, Any], dict[str, Any]]:
    data = dict(answers or {})
    meta = data.pop(META, None)
    return data, dict(meta) if isinstance(meta, Mapping) else {}


# --- opening and saving ------------------------------------------------------------------------------


def _year_review(s: Session, household_id: int, year: int) -> PovertyReview | None:
    return s.scalars(
        select(PovertyReview)
        .where(
            PovertyReview.household_id == household_id,
            PovertyReview.review_year == year,
            PovertyReview.kind == "periodic",
            PovertyReview.deleted_at.is_(None),
        )
        .order_by(PovertyReview.id)
    ).first()


def _register_answers(s: Session, household: Household, year: int) -> tuple[dict[str, Any], list[str | None]]:
    filled, uuids = prefill(s, household)
    filled["general"]["review_year"] = year
    return filled, uuids


def _legacy_answers(s: Session, review: PovertyReview, household: Household) -> dict[str, Any]:
    """Form-shaped answers for a review stored flat (one that came from the server after the local
    data was upgraded), built in memory exactly as the upgrade step builds them."""
    village = s.get(Village, household.village_id)
    people = [
        {"uuid": p.uuid, "full_name": p.full_name, "sex": p.sex, "dob": p.dob, "ethnicity": p.ethnicity,
         "personal_id": p.personal_id, "relationship": p.relationship_to_head, "details": p.details or {}}
        for p in s.scalars(
            select(Person)
            .where(Person.household_id == household.id, Person.deleted_at.is_(None))
            .order_by(Person.position, Person.id)
        )
    ]  # fmt: skip
    return form_answers(
        review.answers or {},
        {
            "review_year": review.review_year,
            "form_version": review.form_version,
            "surveyed_on": review.surveyed_on,
            "listed_on": review.listed_on,
            "result": review.result or {},
        },
        {
            "village": village.name if village else None,
            "area_type": household.area_type,
            "address": household.address,
            "phone": household.phone,
        },
        people,
    )


def shown_answers(
    s: Session, review: PovertyReview, household: Household
) -> tuple[dict[str, Any], dict[str, Any], str]:
    """(answers, ``_xaapp`` meta, form id) a stored review shows in the form; nothing is written. A
    review stored flat is shown form-shaped; one started without answers shows the register's."""
    instance, meta = _split(review.answers)
    if is_form_shaped(instance):
        return instance, meta, review.form_id
    if instance or review.status == "final":
        instance, meta = _split(_legacy_answers(s, review, household))
        return instance, meta, FORM_ID
    instance, uuids = _register_answers(s, household, review.review_year)  # e.g. only the household's request
    meta["members"] = uuids
    return instance, meta, review.form_id


def open_review(db: Database, household_id: int, year: int, actor: str = "system") -> ReviewRecord:
    """The household's review for *year*, to show in the form; writes nothing.

    A review not started yet comes back unsaved (``review_id`` None) with the household and its
    members filled in from the register; it is created at its first save. A review stored in an
    older flat shape is shown form-shaped, and stays as stored until it is saved. (*actor* is
    accepted for symmetry with the actions that write.)"""
    del actor
    with db.read() as s:
        household = s.get(Household, household_id)
        if household is None or household.deleted_at is not None:
            raise KnownError(f"Không tìm thấy hộ số {household_id}.", f"Household {household_id} not found.")
        review = _year_review(s, household_id, year)
        if review is None:
            filled, uuids = _register_answers(s, household, year)
            return ReviewRecord(
                None, household_id, household.village_id, year, FORM_ID, current_form().version, "draft",
                filled, "", tuple(uuids), None, "", "",
            )  # fmt: skip
        instance, meta, form_id = shown_answers(s, review, household)
        result = review.result or {}
        reason = result.get("reason") or {}
        return ReviewRecord(
            review.id, household_id, household.village_id, review.review_year, form_id,
            review.form_version, review.status, instance,
            str(meta.get("cursor") or ""), tuple(meta.get("members") or ()), review.result_class,
            str(reason.get("vi", "")), str(reason.get("en", "")),
        )  # fmt: skip


def new_household_record(village_id: int, year: int) -> ReviewRecord:
    """A blank review for a household not in the register yet (it is created at the first save)."""
    return ReviewRecord(
        None, None, village_id, year, FORM_ID, current_form().version, "draft", {}, "", (), None, "", ""
    )


def _refuse_unfinished(problems: list[str], missing: Sequence[MissingFact]) -> None:
    if problems:
        raise KnownError(
            f"Chưa thể hoàn tất phiếu, còn {len(problems)} chỗ chưa đúng: {'; '.join(problems[:3])}",
            f"The form cannot be finalised yet: {len(problems)} answer(s) to fix.",
        )
    if missing:
        raise KnownError(
            f"Chưa thể hoàn tất phiếu. {missing_text(list(missing), 'vi')}.",
            f"The form cannot be finalised yet. {missing_text(list(missing), 'en')}.",
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

    Finalising checks the form is complete and every fact of the class is known, and refuses with
    the first problems named. A review that is already final can only be changed with a *reason*
    (it goes to the audit log) and must stay complete. The household and its members are written
    from the answers in the same transaction (``services.register``). The review itself is created
    here when it does not exist yet.
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
    session, load_issues = session_of(form, instance)
    assessment = assess_session(session, load_issues)
    if finalise or was_final:
        _refuse_unfinished(_problems(session, load_issues), assessment.missing)
    result = assessment.result
    with db.session(actor=actor, reason=reason) as s:
        review = s.get(PovertyReview, record.review_id) if record.review_id is not None else None
        household = s.get(Household, record.household_id) if record.household_id is not None else None
        if review is None and household is not None:
            review = _year_review(s, household.id, record.review_year)  # started meanwhile (a request)
        if review is not None and review.status == "final" and not was_final:
            raise KnownError(
                "Phiếu này vừa được hoàn tất ở nơi khác; hãy mở lại phiếu.",
                "This review was finalised elsewhere; open it again.",
            )
        reg = write_household(s, instance, household, record.village_id, person_uuids)
        meta: dict[str, Any] = {"cursor": cursor, "members": list(reg.person_uuids)}
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
        review.form_id = record.form_id
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


def request_review(db: Database, household_id: int, year: int, note: str, actor: str = "system") -> int:
    """Put a household on the year's list because it asked to be reviewed; returns the review id.
    The review is started (listed today) when it does not exist; its answers come at the first save."""
    with db.session(actor=actor) as s:
        household = s.get(Household, household_id)
        if household is None or household.deleted_at is not None:
            raise KnownError(f"Không tìm thấy hộ số {household_id}.", f"Household {household_id} not found.")
        review = _year_review(s, household_id, year)
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
        meta["request"] = {"on": dt.date.today().isoformat(), "note": " ".join(note.split())}
        review.answers = {**instance, META: meta}
        s.flush()
        return review.id


def _iso_date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _problems(session: InterviewSession, load_issues: Sequence[Issue] = ()) -> list[str]:
    """Stored values that could not be used (a date that is not a date) first, then every issue."""
    out, named = [], set()
    for issue in load_issues:
        label = _label(session, issue.path)
        out.append(f"{label} ({issue.path}): giá trị đã lưu không hợp lệ – {issue.message}")
        named.add(issue.path)
    for issue in session.all_issues():
        if issue.path not in named:
            out.append(f"{_label(session, issue.path)} ({issue.path}): {issue.message}")
    return out


def _label(session: InterviewSession, path: str) -> str:
    try:
        return session.question(path).label or path
    except KnownError:  # a repeat instance that is no longer there
        return path


def form_problems(form: Form, instance: Mapping[str, Any]) -> list[str]:
    """Every problem that blocks finalising, as "label: message" in Vietnamese, in form order."""
    session, load_issues = session_of(form, instance)
    return _problems(session, load_issues)


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
