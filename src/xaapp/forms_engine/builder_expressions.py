"""The expression half of the form builder: compiles every expression column and checks what it names
(questions, choice-filter columns, app checks, ``pulldata()`` files)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from xaapp.forms_engine.expressions import compile_expression, references
from xaapp.forms_engine.form_files import DataFileError, read_table
from xaapp.forms_engine.model import INPUT_TYPES, CheckCall, ChoiceList, DataTable, Item
from xaapp.forms_engine.problems import ERROR, ExpressionError, Problem, problem
from xaapp.forms_engine.xpath_ast import Call, Literal, walk
from xaapp.forms_engine.xpath_ast import Path as PathExpr

LABEL_REF_RE = re.compile(r"\$\{([^}]*)\}")
_DYNAMIC_DEFAULT_RE = re.compile(r"\$\{|[A-Za-z][\w:-]*\s*\(")
YES_WORDS = frozenset({"yes", "true", "true()", "1"})
NO_WORDS = frozenset({"no", "false", "false()", "0"})


class ExpressionChecks:
    """Mixed into the builder: needs ``path``, ``items``, ``where_named``, ``problems``, ``tables``."""

    path: Path
    items: dict[str, dict[str, Any]]
    where_named: dict[str, list[str]]
    problems: list[Problem]
    tables: dict[str, DataTable]

    def error(self, code: str, where: str, **params: object) -> None:
        self.problems.append(problem(code, where, ERROR, **params))

    def _compile_expressions(self, choice_lists: dict[str, ChoiceList]) -> None:
        for fields in self.items.values():
            compiled = fields["compiled"]
            for column, text in fields["expressions"].items():
                where = fields["cells"].get(column, fields["cells"]["type"])
                low = text.strip().lower()
                if column in ("required", "read_only") and low in YES_WORDS | NO_WORDS:
                    compiled[column] = compile_expression("true()" if low in YES_WORDS else "false()")
                    continue
                if column == "check":
                    fields["check"] = self._check_column(fields, text, where)
                    continue
                if column == "default" and not _DYNAMIC_DEFAULT_RE.search(text):
                    self._check_default(fields, text, where, choice_lists)
                    compiled[column] = Literal(text)
                    continue
                try:
                    expr = compile_expression(text)
                except ExpressionError as exc:
                    self._expression_problem(exc, where)
                    continue
                compiled[column] = expr
                for ref in references(expr):
                    self._check_ref(ref, where)
                self._check_pulldata(expr, where)
                if column == "choice_filter" and fields["list_name"] in choice_lists:
                    self._check_choice_filter(expr, choice_lists[fields["list_name"]], where)
            for column in ("label", "hint"):
                for lang, text in fields["labels" if column == "label" else "hints"].items():
                    for ref in LABEL_REF_RE.findall(text):
                        cell = fields["cells"].get(
                            f"{column}::{lang}" if lang else column, fields["cells"]["type"]
                        )
                        self._check_ref(ref.strip(), cell)

    def _check_pulldata(self, expr: Any, where: str) -> None:
        """``pulldata('file', …)``: the CSV must be beside the form; it is read now."""
        for node in walk(expr):
            if not isinstance(node, Call) or node.name != "pulldata":
                continue
            first = node.args[0]
            if not isinstance(first, Literal):
                self.error("pulldata_file", where)
                continue
            name = first.value.removesuffix(".csv")
            if name in self.tables:
                continue
            try:
                self.tables[name] = read_table(self.path.parent, f"{name}.csv")
            except DataFileError as exc:
                self.error(exc.code, where, **exc.params)

    def _check_column(self, fields: dict[str, Any], text: str, where: str) -> CheckCall | None:
        """The ``check`` column: one call of a check of ``checks.CHECKS`` with expression arguments."""
        from xaapp.forms_engine.checks import CheckColumnError, compile_check

        if fields["kind"] != "field" or fields["type"] not in INPUT_TYPES:
            self.error("check_not_input", where, type=fields["type"])
            return None
        try:
            call = compile_check(text)
        except CheckColumnError as exc:
            self.error(exc.code, where, **exc.params)
            return None
        except ExpressionError as exc:
            self._expression_problem(exc, where)
            return None
        for arg in call.args:
            for ref in references(arg):
                self._check_ref(ref, where)
        return call

    def _check_default(
        self, fields: dict[str, Any], text: str, where: str, choice_lists: dict[str, ChoiceList]
    ) -> None:
        """A static default must be a valid answer of the question's type."""
        from xaapp.forms_engine.values import BadValue, to_text

        probe = Item(**{k: v for k, v in fields.items() if not k.startswith("_")})
        names = None
        if fields["list_name"] in choice_lists:
            names = frozenset(c.name for c in choice_lists[fields["list_name"]].choices)
        try:
            to_text(probe, text, names)
        except BadValue:
            self.error("bad_default", where, value=text, type=fields["type"])

    def _check_ref(self, ref: str, where: str) -> None:
        keys = self.where_named.get(ref)
        if not keys:
            self.error("undefined_reference", where, name=ref)
        elif len(keys) > 1:
            self.error(
                "ambiguous_reference",
                where,
                name=ref,
                cells=", ".join(self.items[k]["cells"]["name"] for k in keys),
            )

    def _expression_problem(self, exc: ExpressionError, where: str) -> None:
        if exc.code in ("unsupported_function", "unknown_function", "arity"):
            self.error(exc.code, where, **exc.params)
            return
        from xaapp.forms_engine.messages import message

        detail_vi = message(exc.code, "vi", **exc.params)
        detail_en = message(exc.code, "en", **exc.params)
        self.problems.append(
            Problem(
                "syntax_error", where, ERROR, (("detail", _Bilingual(detail_vi, detail_en)), ("pos", exc.pos))
            )
        )

    def _check_choice_filter(self, expr: Any, choice_list: ChoiceList, where: str) -> None:
        columns = {"name", "label"} | {k for c in choice_list.choices for k in c.extras}
        for node in walk(expr):
            if isinstance(node, PathExpr) and node.start == "context" and node.steps:
                step = node.steps[0]
                if (
                    step.axis == "child"
                    and step.name.lower() not in columns
                    and not step.name.startswith("label")
                ):
                    self.error("choice_filter_column", where, column=step.name, list=choice_list.name)


class _Bilingual(str):
    """A parameter whose text depends on the message language (a syntax error's detail)."""

    en: str

    def __new__(cls, vi: str, en: str) -> _Bilingual:
        obj = super().__new__(cls, vi)
        obj.en = en
        return obj
