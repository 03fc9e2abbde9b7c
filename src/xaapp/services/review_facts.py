"""The facts a household's class is computed from, what is still missing, and the class itself.

The rules engine classifies a household from the household form's answers: the review year, the
area, the income (per-capita income from the five income answers, or score A) and the twelve
deprivation flags the form calculates from the members' and the dwelling's answers. A class is given
only when every one of those facts is known: an empty or invalid answer that feeds it (a member's
date of birth, the income, the water source …) is a :class:`MissingFact`, named with the form's
Vietnamese (and English) label, and the result is "chưa đủ thông tin" instead of a class. With the
per-capita method chosen, the five income answers count as unknown until at least one is given
(the form adds empty ones as 0, which would class the household on an income of 0 đ).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from xaapp.forms_engine import Form, InterviewSession, Issue, shipped_form
from xaapp.forms_engine.model import INPUT_TYPES
from xaapp.rules.deprivations import flag_code
from xaapp.rules.inputs import RuleInputError
from xaapp.rules.poverty import classify, review_input

FORM_ID = "household_review"
META = "_xaapp"
INCOME_FIELDS = ("income_wages", "income_farming", "income_business", "income_transfers", "income_other")
#: Answers the classification reads directly (the rest are found through the form's calculations).
_DIRECT = ("review_year", "area_type", "income_method", "score_a", *INCOME_FIELDS)
_REF = re.compile(r"\$\{\s*([^}\s]+)\s*\}")


@dataclass(frozen=True)
class MissingFact:
    """One fact the class needs that is empty or not valid: where (instance path) and what (labels)."""

    path: str
    label_vi: str
    label_en: str
    problem_vi: str = "chưa có"
    problem_en: str = "missing"

    def text(self, lang: str = "vi") -> str:
        if lang == "en":
            return f"{self.label_en} ({self.problem_en})"
        return f"{self.label_vi} ({self.problem_vi})"


def missing_text(missing: list[MissingFact], lang: str = "vi", limit: int = 5) -> str:
    """The sentence shown instead of a class: "Chưa đủ thông tin để phân loại: A; B; …"."""
    names = "; ".join(m.text(lang) for m in missing[:limit])
    more = len(missing) - limit
    if lang == "en":
        return f"Not enough information to classify: {names}" + (f" and {more} more" if more > 0 else "")
    return f"Chưa đủ thông tin để phân loại: {names}" + (f" và {more} mục khác" if more > 0 else "")


_INPUTS: dict[tuple[str, str, int], frozenset[str]] = {}


def fact_inputs(form: Form) -> frozenset[str]:
    """The form's input questions the classification depends on: those named directly and every
    answer the ``dep_*`` and ``income_per_capita`` calculations read, followed through calculations."""
    key = (form.form_id, form.version, id(form))
    if key not in _INPUTS:
        _INPUTS[key] = _fact_inputs(form)
    return _INPUTS[key]


def _fact_inputs(form: Form) -> frozenset[str]:
    wanted = [name for name in form.items if flag_code(name)] + ["income_per_capita"]
    seen: set[str] = set()
    while wanted:
        name = wanted.pop()
        if name in seen or name not in form.items:
            continue
        seen.add(name)
        item = form.items[name]
        if item.type == "calculate":
            source = (item.expressions or {}).get("calculation") or ""
            wanted.extend(_REF.findall(source if isinstance(source, str) else ""))
    seen.update(name for name in _DIRECT if name in form.items)
    return frozenset(n for n in seen if form.items[n].kind == "field" and form.items[n].type in INPUT_TYPES)


def _labels(session: InterviewSession, path: str, name: str) -> tuple[str, str]:
    item = session.form.items[name]
    vi, en = item.labels.get("vi") or name, item.labels.get("en") or item.labels.get("vi") or name
    match = re.match(r"members\[(\d+)\]/", path)
    if match:
        who = session.text(f"members[{match[1]}]/full_name") if "full_name" in session.form.items else ""
        vi += f" – thành viên {match[1]}" + (f" ({who})" if who else "")
        en += f" – member {match[1]}" + (f" ({who})" if who else "")
    return vi, en


def missing_facts(session: InterviewSession, load_issues: Sequence[Issue] = ()) -> list[MissingFact]:
    """What the class still needs (empty when the household can be classified): stored values that
    could not be used first, then in form order, the income last.

    *load_issues* are the issues :meth:`InterviewSession.load_json` returned (a stored date that is
    not a date is dropped on load; it is named here as not valid)."""
    form = session.form
    inputs = fact_inputs(form)
    out: list[MissingFact] = []
    seen: set[str] = set()

    def add(path: str, name: str, vi: str, en: str) -> None:
        if path in seen:
            return
        seen.add(path)
        label_vi, label_en = _labels(session, path, name)
        out.append(MissingFact(path, label_vi, label_en, vi, en))

    for issue in load_issues:
        name = _name(form, issue.path)
        if name in inputs:
            add(issue.path, name, "không hợp lệ", "not valid")
    if "members" in form.items and session.repeat_count("members") == 0:
        seen.add("members")
        item = form.items["members"]
        out.append(MissingFact("members", item.labels.get("vi", "members"), item.labels.get("en", "members")))
    for issue in session.all_issues():
        name = _name(form, issue.path)
        if name not in inputs:
            continue
        if issue.code == "required":
            add(issue.path, name, "chưa có", "missing")
        else:
            add(issue.path, name, "không hợp lệ", "not valid")
    if "income_method" in form.items and session.text("income_method") == "per_capita":
        if all(session.text(name) == "" for name in INCOME_FIELDS if name in form.items):
            group = form.items.get("income")
            vi = group.labels.get("vi", "Thu nhập") if group else "Thu nhập"
            en = group.labels.get("en", "Income") if group else "Income"
            seen.add("income")
            out.append(
                MissingFact(
                    "income",
                    vi,
                    en,
                    "chưa ghi khoản thu nhập nào (tiền lương, nông nghiệp, kinh doanh, trợ cấp, khác)",
                    "no income entered (wages, farming, business, transfers, other)",
                )
            )
    return out


def _name(form: Form, path: str) -> str:
    return re.sub(r"\[\d+\]", "", path).rsplit("/", 1)[-1]


@lru_cache(maxsize=8)
def current_form(form_id: str = FORM_ID) -> Form:
    """The shipped questionnaire (loaded once per process)."""
    return shipped_form(form_id)


@dataclass(frozen=True)
class Assessment:
    """The classification of a set of answers (rules ``to_json()``), or what it still needs."""

    result: dict[str, Any] | None
    missing: tuple[MissingFact, ...]

    @property
    def result_class(self) -> str | None:
        return self.result["classification"] if self.result else None


_LOCAL = threading.local()


def session_of(form: Form, instance: Mapping[str, Any]) -> tuple[InterviewSession, list[Issue]]:
    """A session on *instance* (the ``_xaapp`` key left out) and the issues of loading it.

    The session is this thread's one for *form*, loaded again on every call (building a session
    costs more than loading answers into one): use it before the next call on the same thread."""
    sessions: dict[int, InterviewSession] = _LOCAL.__dict__.setdefault("sessions", {})
    session = sessions.get(id(form))
    if session is None or session.form is not form:
        session = sessions[id(form)] = InterviewSession(form, lang="vi")
    issues = session.load_json({"instance": {k: v for k, v in instance.items() if k != META}})
    return session, issues


def classification_input(instance: Mapping[str, Any]) -> dict[str, Any]:
    """The rules engine's input from the household form's answers (the rules read the form's own
    names: ``area_type``, ``income_method`` = ``per_capita`` | ``score_a``, the ``dep_<code>`` flags)."""
    try:
        return review_input(instance)
    except RuleInputError:
        return {}


def assess_session(session: InterviewSession, load_issues: Sequence[Issue] = ()) -> Assessment:
    """Classify a live session: the class when every fact is known, else what is missing. The
    session's own calculations give the flags and the per-capita income."""
    missing = missing_facts(session, load_issues)
    if missing:
        return Assessment(None, tuple(missing))
    result = classify_document(session.to_json()["instance"])
    if result is None:
        return Assessment(None, (_NO_STANDARD,))
    return Assessment(result, ())


def assess_answers(instance: Mapping[str, Any], form: Form | None = None) -> Assessment:
    """Classify stored or submitted answers: the form recomputes every calculation first, so a class
    never rests on stale or hand-edited calculated values."""
    session, issues = session_of(form or current_form(), instance)
    return assess_session(session, issues)


def classify_answers(instance: Mapping[str, Any]) -> dict[str, Any] | None:
    """The classification (rules ``to_json()``) when the answers allow one, else None."""
    return assess_answers(instance).result


def classify_document(document: Mapping[str, Any]) -> dict[str, Any] | None:
    """The rules' classification of a form instance whose calculations are filled in, or None when
    the rules refuse the input (e.g. no poverty standard for the year)."""
    data = classification_input(document)
    if not data:
        return None
    try:
        result = classify(data).to_json()
    except RuleInputError:
        return None
    result.pop("notes", None)  # the same data-status notes on every review (kept in the rules data)
    return result


_NO_STANDARD = MissingFact(
    "general/review_year",
    "Chuẩn nghèo của năm rà soát",
    "Poverty standard of the review year",
    "dữ liệu quy tắc không có chuẩn cho năm này",
    "the rule data has none for this year",
)
