"""View-model objects the session hands to the UI: issues, questions and pages."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Issue:
    """A problem with one answer: a code (``required``, ``constraint``, ``not_integer`` …), its
    parameters, and the message in the session's language (the form's own message if it has one)."""

    code: str
    path: str
    message: str
    params: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class ChoiceView:
    name: str
    label: str


@dataclass(frozen=True)
class QuestionView:
    """One question to show: ``widget`` is text, integer, decimal, date, time, datetime, select_one,
    dropdown, select_multiple, checkbox, note, geopoint, geotrace, geoshape or attachment (``type``
    then says image, audio, video, file or osm; the value is ``<sha256>/<file name>``)."""

    path: str
    name: str
    type: str
    widget: str
    label: str
    hint: str
    value: object
    required: bool
    read_only: bool
    choices: tuple[ChoiceView, ...]
    issues: tuple[Issue, ...]
    appearance: str = ""
    refused_text: str | None = None
    """What was typed and refused (the question is empty because of it), to show it back."""


@dataclass(frozen=True)
class PageView:
    """One screen: a field-list group (or repeat instance) with all its questions, or one question.

    ``repeat`` and ``index`` say which repeat instance the page belongs to (innermost)."""

    key: str
    title: str
    questions: tuple[QuestionView, ...]
    repeat: str = ""
    index: int = 0


@dataclass(frozen=True)
class RepeatView:
    """A repeat at one place in the instance (``members``, ``woman[2]/child``): how many entries it
    has and whether the interviewer may add or remove entries (not when ``repeat_count`` decides)."""

    path: str
    name: str
    label: str
    count: int
    editable: bool
