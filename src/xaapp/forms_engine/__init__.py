"""XLSForm engine: load and check questionnaires from forms/*.xlsx and run interviews on them.

Pure Python (no Qt, no database). Entry points:

- :func:`load_form` (raises :class:`FormError`) and :func:`check_form` (problems, never raises);
- :class:`InterviewSession` for the UI: answers, pages, issues, repeats, JSON.
"""

from __future__ import annotations

from pathlib import Path

from xaapp.forms_engine.builder import build_form, load_form
from xaapp.forms_engine.model import Choice, ChoiceList, Form, Item
from xaapp.forms_engine.problems import ERROR, WARNING, FormError, Problem
from xaapp.forms_engine.session import InterviewSession
from xaapp.forms_engine.views import ChoiceView, Issue, PageView, QuestionView, RepeatView

__all__ = [
    "ERROR",
    "WARNING",
    "Choice",
    "ChoiceList",
    "ChoiceView",
    "Form",
    "FormError",
    "InterviewSession",
    "Issue",
    "Item",
    "PageView",
    "Problem",
    "QuestionView",
    "RepeatView",
    "build_form",
    "check_form",
    "load_form",
    "shipped_form",
]


def check_form(path: str | Path) -> list[Problem]:
    """Every problem in the workbook at *path* (errors and warnings), in sheet order."""
    return build_form(path)[1]


def shipped_form(form_id: str) -> Form:
    """The questionnaire ``forms/<form_id>.xlsx`` shipped with xaapp."""
    from xaapp.paths import forms_dir

    return load_form(forms_dir() / f"{form_id}.xlsx")
