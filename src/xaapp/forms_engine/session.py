"""InterviewSession: the object the UI drives — answers, pages, issues, repeats, JSON."""

from __future__ import annotations

import datetime as dt
import logging
import re
import uuid
from collections.abc import Iterator, Mapping
from typing import Any

from xaapp.domain.text import nfc
from xaapp.errors import KnownError
from xaapp.forms_engine.checks import run_check
from xaapp.forms_engine.instance import ROOT, ChoiceNode, Instance
from xaapp.forms_engine.messages import message
from xaapp.forms_engine.model import INPUT_TYPES, Choice, Form, Item, pick_text
from xaapp.forms_engine.paths import parse_path, path_of
from xaapp.forms_engine.problems import ExpressionError
from xaapp.forms_engine.types import ATTACHMENT_TYPES
from xaapp.forms_engine.values import BadValue, from_text, to_text
from xaapp.forms_engine.views import ChoiceView, Issue, PageView, QuestionView, RepeatView
from xaapp.forms_engine.xpath_eval import Context, evaluate
from xaapp.forms_engine.xpath_types import to_bool, to_string

logger = logging.getLogger(__name__)

_LABEL_REF_RE = re.compile(r"\$\{([^}]*)\}")
#: Types the interviewer sees (notes included).
SHOWN_TYPES = INPUT_TYPES | frozenset({"note"})
_WIDGETS = {
    "acknowledge": "checkbox",
    "barcode": "text",  # typed (or read by a scanner that types, as most USB scanners do)
    **dict.fromkeys(ATTACHMENT_TYPES, "attachment"),
}


class InterviewSession:
    """One interview of one form. Not thread-safe: call from the UI thread only.

    ``lang`` is "vi" or "en" (or any language of the form); ``today``/``now`` fix the clock (tests).
    """

    def __init__(
        self,
        form: Form,
        lang: str | None = None,
        today: dt.date | None = None,
        now: dt.datetime | None = None,
    ) -> None:
        self.form = form
        self.message_lang = (lang or "vi").lower()
        self.lang = form.lang(lang)
        self.instance = Instance(form, today=today, now=now, lang=self.lang)
        self.instance_id = f"uuid:{uuid.uuid4()}"
        self.page_index = 0
        self.instance.apply_defaults(None, ())
        self.instance.recompute_all()

    # -- answers ------------------------------------------------------------------------------

    def locate(self, path: str) -> tuple[str, tuple[int, ...]]:
        found = parse_path(self.form, path)
        if found is not None:
            key, idx = found
            chain = self.form.items[key].repeats
            if all(1 <= idx[k] <= self.instance.count(chain[k], idx[:k]) for k in range(len(idx))):
                return found
        raise KnownError(
            message("unknown_question", "vi", path=path), message("unknown_question", "en", path=path)
        )

    def answer(self, path: str, value: object) -> list[Issue]:
        """Set the answer at *path* (``members[2]/dob``) and recompute what depends on it.

        Returns the issues of that question afterwards. A value that does not fit the type
        (letters in a number, 31/02/1980) is refused: the question becomes empty and keeps the
        refusal as its issue (so the form cannot be finalised), and nothing is computed from it
        until a valid answer replaces it.
        """
        name, idx = self.locate(path)
        item = self.form.items[name]
        if item.kind != "field" or item.type not in INPUT_TYPES:
            return [self._issue("read_only", path)]
        choice_names = frozenset(c.name for c in self._all_choices(item)) if item.list_name else None
        node = (name, idx)
        try:
            text = to_text(item, value, choice_names)
        except BadValue as exc:
            typed = " ".join(nfc(str(value)).split())
            self.instance.refuse(name, idx, exc.code, dict(exc.params), typed)
            return self.issues(path)
        was_refused = self.instance.refused.pop(node, None) is not None
        if self.instance.raw.get(node, "") != text or was_refused:
            self.instance.raw[node] = text
            self.instance.changed(name, idx)
        return self.issues(path)

    def refused_text(self, path: str) -> str | None:
        """The text last typed at *path* if it was refused (the question is empty because of it)."""
        refused = self.instance.refused.get(self.locate(path))
        return refused[2] if refused is not None else None

    def value(self, path: str) -> object:
        """The current value (as seen by formulas: empty when not relevant) as a Python value."""
        name, idx = self.locate(path)
        return from_text(self.form.items[name], self.instance.eff.get((name, idx), ""))

    def text(self, path: str) -> str:
        """The current value as instance text (what XPath sees)."""
        name, idx = self.locate(path)
        return self.instance.eff.get((name, idx), "")

    def is_relevant(self, path: str) -> bool:
        name, idx = self.locate(path)
        return self.instance.rel.get((name, idx), True)

    def calculations(self) -> dict[str, object]:
        """Every calculate value by path."""
        out: dict[str, object] = {}
        for name, item in self.form.items.items():
            if item.type == "calculate":
                for idx in self.instance.instances(name):
                    out[path_of(self.form, name, idx)] = from_text(
                        item, self.instance.eff.get((name, idx), "")
                    )
        return out

    # -- repeats ------------------------------------------------------------------------------

    def repeat_count(self, path: str) -> int:
        name, parent_idx = self._repeat(path)
        return self.instance.count(name, parent_idx)

    def add_repeat(self, path: str) -> int:
        """Add an instance at the end of repeat *path* (``members``); returns its 1-based index."""
        name, parent_idx = self._repeat(path, editable=True)
        index = self.instance.add_instance(name, parent_idx)
        self.instance.recompute_all()
        return index

    def remove_repeat(self, path: str) -> None:
        """Remove repeat instance *path* (``members[3]``); later instances move up."""
        found = self.locate(path)
        name, idx = found
        item = self.form.items[name]
        if item.kind != "repeat" or len(idx) != len(item.repeats):
            raise KnownError(
                message("unknown_repeat", "vi", name=path), message("unknown_repeat", "en", name=path)
            )
        if "repeat_count" in item.compiled:
            raise KnownError(
                message("repeat_fixed", "vi", name=name), message("repeat_fixed", "en", name=name)
            )
        self.instance.remove_instance(name, idx[:-1], idx[-1])
        self.instance.recompute_all()

    def repeats(self) -> list[RepeatView]:
        """Every repeat where entries can be listed now (inside relevant parents), in form order."""
        out: list[RepeatView] = []
        for key, item in self.form.items.items():
            if item.kind != "repeat":
                continue
            parent = item.parent
            for parent_idx in self.instance.instances(parent) if parent else [()]:
                if parent and not self.instance.rel.get((parent, parent_idx), True):
                    continue
                path = path_of(self.form, key, parent_idx)
                out.append(
                    RepeatView(
                        path=path,
                        name=item.name,
                        label=item.label(self.lang),
                        count=self.instance.count(key, parent_idx),
                        editable="repeat_count" not in item.compiled,
                    )
                )
        return out

    def _repeat(self, path: str, editable: bool = False) -> tuple[str, tuple[int, ...]]:
        name, idx = self.locate(path)
        item = self.form.items[name]
        if item.kind != "repeat":
            raise KnownError(
                message("unknown_repeat", "vi", name=path), message("unknown_repeat", "en", name=path)
            )
        parent_idx = idx if len(idx) == len(item.repeats) - 1 else idx[:-1]
        if editable and "repeat_count" in item.compiled:
            raise KnownError(
                message("repeat_fixed", "vi", name=name), message("repeat_fixed", "en", name=name)
            )
        return name, parent_idx

    # -- issues and completeness -------------------------------------------------------------

    def _issue(self, code: str, path: str, **params: object) -> Issue:
        return Issue(code, path, message(code, self.message_lang, **params), dict(params))

    def issues(self, path: str) -> list[Issue]:
        name, idx = self.locate(path)
        return self._issues_at(name, idx)

    def _issues_at(self, name: str, idx: tuple[int, ...]) -> list[Issue]:
        item = self.form.items[name]
        node = (name, idx)
        inst = self.instance
        if item.kind != "field" or not inst.rel.get(node, True):
            return []
        path = path_of(self.form, name, idx)
        out: list[Issue] = []
        error = inst.errors.get(node)
        if error is not None:
            detail = message(error.code, self.message_lang, **error.params)
            out.append(self._issue("evaluation_error", path, detail=detail))
        refused = inst.refused.get(node)
        if refused is not None:
            out.append(self._issue(refused[0], path, **refused[1]))
            return out
        value = inst.eff.get(node, "")
        if value == "":
            if item.type in INPUT_TYPES and inst.eval_bool(item, "required", node, False):
                custom = pick_text(item.required_messages, self.lang)
                out.append(Issue("required", path, custom or message("required", self.message_lang), {}))
            return out
        if "constraint" in item.compiled and not inst.eval_bool(item, "constraint", node, True):
            custom = pick_text(item.constraint_messages, self.lang)
            out.append(Issue("constraint", path, custom or message("constraint", self.message_lang), {}))
        elif item.check is not None:
            out.extend(run_check(item, inst, node, path, self.message_lang))
        return out

    def all_issues(self) -> list[Issue]:
        """Issues of every relevant question, in form order."""
        out: list[Issue] = []
        for name, item in self.form.items.items():
            if item.kind == "field":
                for idx in self.instance.instances(name):
                    out.extend(self._issues_at(name, idx))
        return out

    def is_complete(self) -> bool:
        return not self.all_issues()

    # -- questions and pages ------------------------------------------------------------------

    def question(self, path: str) -> QuestionView:
        name, idx = self.locate(path)
        return self._view(name, idx)

    def _view(self, name: str, idx: tuple[int, ...]) -> QuestionView:
        item = self.form.items[name]
        node = (name, idx)
        inst = self.instance
        widget = _WIDGETS.get(item.type, item.type)
        if item.type == "select_one" and "minimal" in item.appearance.split():
            widget = "dropdown"
        return QuestionView(
            path=path_of(self.form, name, idx),
            name=name,
            type=item.type,
            widget=widget,
            label=self._interpolate(item.label(self.lang), node),
            hint=self._interpolate(item.hint(self.lang), node),
            value=from_text(item, inst.eff.get(node, "")),
            required=inst.eval_bool(item, "required", node, False),
            read_only=item.type == "note" or inst.eval_bool(item, "read_only", node, False),
            choices=tuple(ChoiceView(c.name, c.label(self.lang)) for c in self.choices(name, idx)),
            issues=tuple(self._issues_at(name, idx)),
            appearance=item.appearance,
            refused_text=refused[2] if (refused := inst.refused.get(node)) is not None else None,
        )

    def _interpolate(self, text: str, node: tuple[str, tuple[int, ...]]) -> str:
        if "${" not in text:
            return text

        def replace(m: re.Match[str]) -> str:
            ref = m[1].strip()
            if self.form.key_of(ref) is None:
                return m[0]
            nodes = self.instance.resolve_ref(ref, node)
            return self.instance.node_value(nodes[0]) if nodes else ""

        return _LABEL_REF_RE.sub(replace, text)

    def _all_choices(self, item: Item) -> tuple[Choice, ...]:
        choices = self.form.choice_lists.get(item.list_name)
        return choices.choices if choices else ()

    def choices(self, name: str, idx: tuple[int, ...] = ()) -> list[Choice]:
        """The choices of select *name* now, after its choice_filter."""
        item = self.form.items[name]
        choices = self._all_choices(item)
        expr = item.compiled.get("choice_filter")
        if expr is None:
            return list(choices)
        node = (name, idx)
        kept: list[Choice] = []
        for position, choice in enumerate(choices, start=1):
            ctx = Context(
                self.instance,
                ChoiceNode(choice, self.lang),
                node,
                position,
                len(choices),
                self.instance.today,
                self.instance.now,
                self.lang,
            )
            try:
                if to_bool(evaluate(expr, ctx)):
                    kept.append(choice)
            except (ExpressionError, ArithmeticError, ValueError, RecursionError):
                kept.append(choice)  # a broken filter shows the choice rather than hiding it
        return kept

    def pages(self) -> list[PageView]:
        """The screens to show now, in order: relevant questions only."""
        return list(self._pages(self.form.top, (), "", 0))

    def _pages(
        self, names: tuple[str, ...], idx: tuple[int, ...], repeat: str, index: int
    ) -> Iterator[PageView]:
        inst = self.instance
        for name in names:
            item = self.form.items[name]
            if item.kind == "repeat":
                for i in range(1, inst.count(name, idx) + 1):
                    yield from self._container_pages(item, idx + (i,), name, i)
            elif item.kind == "group":
                yield from self._container_pages(item, idx, repeat, index)
            elif item.type in SHOWN_TYPES and inst.rel.get((name, idx), True):
                view = self._view(name, idx)
                yield PageView(view.path, view.label, (view,), repeat, index)

    def _container_pages(
        self, item: Item, idx: tuple[int, ...], repeat: str, index: int
    ) -> Iterator[PageView]:
        if not self.instance.rel.get((item.name, idx), True):
            return
        if item.field_list:
            questions = tuple(self._questions(item.children, idx))
            if questions:
                title = self._interpolate(item.label(self.lang), (item.name, idx))
                yield PageView(path_of(self.form, item.name, idx), title, questions, repeat, index)
            return
        yield from self._pages(item.children, idx, repeat, index)

    def _questions(self, names: tuple[str, ...], idx: tuple[int, ...]) -> Iterator[QuestionView]:
        inst = self.instance
        for name in names:
            item = self.form.items[name]
            if item.kind == "repeat":
                for i in range(1, inst.count(name, idx) + 1):
                    if inst.rel.get((name, idx + (i,)), True):
                        yield from self._questions(item.children, idx + (i,))
            elif item.kind == "group":
                if inst.rel.get((name, idx), True):
                    yield from self._questions(item.children, idx)
            elif item.type in SHOWN_TYPES and inst.rel.get((name, idx), True):
                yield self._view(name, idx)

    def questions(self) -> list[QuestionView]:
        """Every question to show now (relevant), in form order."""
        return list(self._questions(self.form.top, ()))

    def current_page(self) -> PageView | None:
        pages = self.pages()
        if not pages:
            return None
        self.page_index = max(0, min(self.page_index, len(pages) - 1))
        return pages[self.page_index]

    def next(self) -> PageView | None:
        self.page_index += 1
        pages = self.pages()
        self.page_index = min(self.page_index, max(0, len(pages) - 1))
        return self.current_page()

    def go_to(self, key: str) -> PageView | None:
        """Jump to the page whose key (or one of whose questions' paths) is *key*."""
        for index, page in enumerate(self.pages()):
            if page.key == key or any(q.path == key for q in page.questions):
                self.page_index = index
                return page
        raise KnownError(
            message("unknown_question", "vi", path=key), message("unknown_question", "en", path=key)
        )

    def back(self) -> PageView | None:
        self.page_index = max(0, self.page_index - 1)
        return self.current_page()

    # -- JSON ---------------------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        """The answers as ``{"form_id", "version", "instance": {...}}`` (groups are objects,
        repeats arrays of objects; non-relevant parts are left out; calculations included)."""
        from xaapp.forms_engine.serialise import instance_to_json

        return instance_to_json(self)

    def load_json(self, document: Mapping[str, Any]) -> list[Issue]:
        """Replace the answers with *document* (as written by :meth:`to_json`); returns the
        issues of values that could not be used."""
        from xaapp.forms_engine.serialise import load_instance_json

        return load_instance_json(self, document)

    @classmethod
    def from_json(
        cls, form: Form, document: Mapping[str, Any], lang: str | None = None, **kw: Any
    ) -> InterviewSession:
        session = cls(form, lang=lang, **kw)
        session.load_json(document)
        return session


def xpath_string(session: InterviewSession, expression: str, path: str | None = None) -> str:
    """Evaluate *expression* against the session (at question *path*) and return its string.

    Meant for tests and for the `forms eval` command."""
    from xaapp.forms_engine.expressions import compile_expression

    node = ROOT if path is None else session.locate(path)
    expr = compile_expression(expression)
    value = session.instance.eval_expr(expr, node)
    return to_string(value, session.instance.node_value)
