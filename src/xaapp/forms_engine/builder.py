"""Turns workbook rows into a checked :class:`Form`, collecting every problem with its cell."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from xaapp.forms_engine.builder_expressions import YES_WORDS, ExpressionChecks
from xaapp.forms_engine.form_files import DataFileError, choices_from_table, parameters, read_table
from xaapp.forms_engine.loader import Row, Sheet, read_workbook
from xaapp.forms_engine.loops import expand_loops
from xaapp.forms_engine.model import (
    EXPRESSION_COLUMNS,
    Choice,
    ChoiceList,
    DataTable,
    Form,
    Item,
)
from xaapp.forms_engine.problems import ERROR, WARNING, FormError, Problem, problem
from xaapp.forms_engine.types import IMPLICIT, TypeInfo, parse_type

NAME_RE = re.compile(r"^[^\W\d.\-][\w.\-]*$")
_IGNORED_SETTINGS_WITH_WARNING = ("public_key", "submission_url")
#: Sheets read but not used by xaapp: a warning says they are ignored.
_IGNORED_SHEETS = {"entities": "entities", "osm": "OSM"}
#: Lists of ``select_one_external`` are kept under this prefix in ``Form.choice_lists``.
EXTERNAL = "external:"
_TRANSLATED = ("label", "hint", "constraint_message", "required_message")


def load_form(path: str | Path) -> Form:
    """Load and check a workbook; raises FormError listing the problems if there is any error."""
    form, problems = build_form(path)
    if form is None or any(p.severity == ERROR for p in problems):
        raise FormError(str(path), problems)
    return form


def build_form(path: str | Path) -> tuple[Form | None, list[Problem]]:
    """The form (None when it cannot be built) and every problem found, errors and warnings."""
    try:
        sheets = read_workbook(path)
    except FormError as exc:
        return None, list(exc.problems)
    return _Builder(Path(path), sheets).build()


class _Builder(ExpressionChecks):
    def __init__(self, path: Path, sheets: dict[str, Sheet]) -> None:
        self.path = path
        self.sheets = sheets
        self.problems: list[Problem] = []
        self.items: dict[str, dict[str, Any]] = {}
        self.where_named: dict[str, list[str]] = {}
        self.languages: list[str] = []
        self.tables: dict[str, DataTable] = {}  # CSV files beside the form, read by pulldata()

    def warn(self, code: str, where: str, **params: object) -> None:
        self.problems.append(problem(code, where, WARNING, **params))

    # -- top level ----------------------------------------------------------------------------

    def build(self) -> tuple[Form | None, list[Problem]]:
        survey = self.sheets.get("survey")
        if survey is None:
            self.error("no_survey_sheet", self.path.name)
            return None, self.problems
        if "type" not in survey.columns:
            self.error("missing_column", f"{survey.title}!A1", column="type")
            return None, self.problems
        for key, feature in _IGNORED_SHEETS.items():
            sheet = self.sheets.get(key)
            if sheet is not None and sheet.rows:
                self.warn("ignored_sheet", f"{sheet.title}!A1", sheet=sheet.title, feature=feature)
        settings = self._settings()
        choice_lists = self._choices(settings, "choices")
        external = self._choices(settings, "external_choices")
        choice_lists.update({EXTERNAL + name: choices for name, choices in external.items()})
        top = self._survey(survey, choice_lists)
        self._compile_expressions(choice_lists)
        languages = tuple(lang for lang in self.languages if lang)
        items = {name: Item(**fields) for name, fields in self.items.items()}
        default_language = settings.get("default_language", "")
        if (
            default_language
            and languages
            and not any(
                default_language.lower() in (lang.lower(), lang.lower().split("(")[-1].rstrip(")"))
                for lang in languages
            )
        ):
            self.warn(
                "unknown_language", settings.get("@default_language", "settings"), language=default_language
            )
        form = Form(
            form_id=settings.get("form_id") or self.path.stem,
            version=settings.get("version", ""),
            title=settings.get("form_title") or settings.get("form_id") or self.path.stem,
            default_language=default_language,
            languages=languages,
            items=items,
            top=tuple(top),
            choice_lists=choice_lists,
            path=str(self.path),
            by_name={name: tuple(keys) for name, keys in self.where_named.items()},
            tables=dict(self.tables),
        )
        if not any(p.severity == ERROR for p in self.problems):
            from xaapp.forms_engine.graph import DependencyGraph

            graph = DependencyGraph.build(form)
            for cycle in graph.cycles:
                first = items[cycle[0][1]]
                where = first.cells.get("calculation") or first.cells.get("relevant") or first.where
                words = {"value": "calculation", "rel": "relevant", "count": "repeat_count"}
                text = " → ".join(f"{items[key].name} ({words[what]})" for what, key in cycle)
                self.error("cycle", where, cycle=text)
        return form, self.problems

    def _settings(self) -> dict[str, str]:
        sheet = self.sheets.get("settings")
        out: dict[str, str] = {}
        if sheet is None or not sheet.rows:
            self.warn("missing_setting", "settings", name="form_id", value=self.path.stem)
            return out
        row = sheet.rows[0]
        out.update(row.values)
        for key, cell in row.cells.items():
            out[f"@{key}"] = cell
        if not out.get("form_id"):
            self.warn(
                "missing_setting", sheet.cell("form_id", row.number), name="form_id", value=self.path.stem
            )
        if not out.get("version"):
            self.warn("missing_setting", sheet.cell("version", row.number), name="version", value="")
        for key in _IGNORED_SETTINGS_WITH_WARNING:
            if out.get(key):
                self.warn("unsupported_column", row.cells[key], column=key)
        return out

    def _choices(self, settings: dict[str, str], sheet_key: str) -> dict[str, ChoiceList]:
        sheet = self.sheets.get(sheet_key)
        lists: dict[str, list[Choice]] = {}
        first_cell: dict[str, str] = {}
        if sheet is None:
            return {}
        allow_duplicates = settings.get("allow_choice_duplicates", "").lower() in YES_WORDS
        for column in ("list_name", "name"):
            if sheet.rows and column not in sheet.columns:
                self.error("missing_column", f"{sheet.title}!A1", column=column)
        for row in sheet.rows:
            list_name = row.get("list_name")
            if not list_name:
                continue
            name = row.get("name")
            if not name:
                self.error("choice_missing_name", sheet.cell("name", row.number))
                continue
            labels: dict[str, str] = {}
            extras: dict[str, str] = {}
            for key, value in row.values.items():
                base, _, lang = key.partition("::")
                if base == "label":
                    labels[lang] = value
                    self._language(lang)
                elif key not in ("list_name", "name"):
                    extras[key.lower()] = value
            existing = lists.setdefault(list_name, [])
            first_cell.setdefault(list_name, row.cells["list_name"])
            if any(c.name == name for c in existing) and not allow_duplicates:
                self.error("duplicate_choice", row.cells["name"], name=name, list=list_name)
                continue
            existing.append(Choice(name, labels, extras, row.cells["name"]))
        return {name: ChoiceList(name, tuple(choices), first_cell[name]) for name, choices in lists.items()}

    def _language(self, lang: str) -> None:
        if lang not in self.languages:
            self.languages.append(lang)

    # -- survey rows --------------------------------------------------------------------------

    def _survey(self, sheet: Sheet, choice_lists: dict[str, ChoiceList]) -> list[str]:
        top: list[str] = []
        # Stack of open groups/repeats: (name, kind, row) ; name "" for an unnamed/failed container.
        stack: list[tuple[str, str, Row]] = []

        def children_of_current() -> list[str]:
            if stack and stack[-1][0] in self.items:
                children: list[str] = self.items[stack[-1][0]]["_children"]
                return children
            return top

        for row in expand_loops(sheet.rows, choice_lists, self.error):
            raw_type = row.get("type")
            if not raw_type:
                continue
            type_cell = row.cells["type"]
            info = parse_type(raw_type)
            if info.problem == "metadata_skipped":  # kept as an empty value: references to it still work
                self.warn("metadata_skipped", type_cell, type=raw_type)
            elif info.problem:
                self.error(info.problem, type_cell, type=raw_type)
                if info.kind == "begin":
                    stack.append(("", info.base, row))
                if info.kind != "end":
                    continue
            if info.kind == "end":
                self._end(stack, info, row, type_cell)
                continue
            name = row.get("name")
            if not name:
                self.error("missing_name", sheet.cell("name", row.number))
                if info.kind == "begin":
                    stack.append(("", info.base, row))
                continue
            if not NAME_RE.match(name):
                self.error("invalid_name", row.cells["name"], name=name)
            parent = stack[-1][0] if stack and stack[-1][0] else None
            sibling = next((k for k in children_of_current() if self.items[k]["name"] == name), None)
            if sibling is not None:
                self.error(
                    "duplicate_name", row.cells["name"], name=name, other=self.items[sibling]["cells"]["name"]
                )
                if info.kind == "begin":
                    stack.append(("", info.base, row))
                continue
            key = name if name not in self.items else f"{parent}/{name}"
            while key in self.items:
                key = f"{key}#{row.number}"
            self.where_named.setdefault(name, []).append(key)
            repeats = self._repeats_of(parent)
            kind = info.base if info.kind == "begin" else "field"
            if kind == "repeat":
                repeats = (*repeats, key)
            self.items[key] = self._item_fields(row, info, kind, name, parent, repeats, sheet, choice_lists)
            self.items[key]["key"] = key
            children_of_current().append(key)
            if info.kind == "begin":
                stack.append((key, info.base, row))
            elif info.or_other and self.items[key]["list_name"]:
                self._specify_other(row, name, parent, repeats, sheet, children_of_current())
        for name, base, row in reversed(stack):
            self.error(
                "unclosed_begin",
                row.cells.get("type", sheet.cell("type", row.number)),
                type=f"begin {base}",
                name=name,
                expected=f"end {base}",
            )
        for name, fields in self.items.items():
            children = fields.pop("_children")
            fields["children"] = tuple(children)
            if fields["kind"] != "field" and not children:
                self.warn("empty_group", fields["cells"]["type"], name=name)
        return top

    def _repeats_of(self, parent: str | None) -> tuple[str, ...]:
        return tuple(self.items[parent]["repeats"]) if parent else ()

    def _end(self, stack: list[tuple[str, str, Row]], info: TypeInfo, row: Row, where: str) -> None:
        expected_begin = f"begin {info.base}"
        if not stack:
            self.error("unmatched_end", where, type=f"end {info.base}", expected=expected_begin)
            return
        name, base, begin_row = stack[-1]
        if base != info.base:
            self.error(
                "mismatched_end",
                where,
                type=f"end {info.base}",
                opened=f"begin {base} {name}".strip(),
                other=begin_row.cells.get("type", ""),
                expected=f"end {base}",
            )
            # Close the matching container if it is further down; otherwise leave the stack alone.
            for i in range(len(stack) - 1, -1, -1):
                if stack[i][1] == info.base:
                    del stack[i:]
                    break
            return
        stack.pop()

    def _item_fields(  # noqa: PLR0913
        self,
        row: Row,
        info: TypeInfo,
        kind: str,
        name: str,
        parent: str | None,
        repeats: tuple[str, ...],
        sheet: Sheet,
        choice_lists: dict[str, ChoiceList],
    ) -> dict[str, Any]:
        texts: dict[str, dict[str, str]] = {key: {} for key in _TRANSLATED}
        expressions: dict[str, str] = {}
        for key, value in row.values.items():
            base, _, lang = key.partition("::")
            if base in texts:
                texts[base][lang] = value
                self._language(lang)
            elif key in EXPRESSION_COLUMNS or key == "check":
                expressions[key] = value
        spelled = IMPLICIT.get(info.spelling)
        if spelled is not None:  # pyxform's constraint (and hint) for an old spelling such as "phone number"
            expressions.setdefault("constraint", spelled[0])
            if spelled[1] and not texts["hint"]:
                texts["hint"][""] = spelled[1]
        list_key = self._list_key(info, row, choice_lists)
        if row.get("trigger"):  # ODK recalculates such a row only when the trigger changes; we always do
            self.warn("unsupported_column", row.cells["trigger"], column="trigger")
        if kind == "field" and info.base == "calculate" and "calculation" not in expressions:
            self.error("missing_calculation", sheet.cell("calculation", row.number))
        if list_key is not None:
            if not choice_lists[list_key].choices:
                self.error("empty_choice_list", row.cells["type"], list=info.list_name)
            elif info.or_other and choice_lists[list_key].get("other") is None:
                old = choice_lists[list_key]
                other = Choice("other", {"": "Other", "vi": "Khác", "en": "Other"}, {}, old.where)
                choice_lists[list_key] = ChoiceList(old.name, (*old.choices, other), old.where)
        visible = kind == "field" and info.base not in (
            "calculate",
            "hidden",
            "start",
            "end",
            "today",
            "metadata",
        )
        if visible and not any(texts["label"].values()):
            self.warn("missing_label", row.cells["type"], name=name)
        return {
            "kind": kind,
            "type": info.base,
            "name": name,
            "key": name,
            "row": row.number,
            "parent": parent,
            "repeats": repeats,
            "labels": texts["label"],
            "hints": texts["hint"],
            "required_messages": texts["required_message"],
            "constraint_messages": texts["constraint_message"],
            "expressions": expressions,
            "compiled": {},
            "appearance": row.get("appearance"),
            "list_name": list_key or "",
            "cells": dict(row.cells),
            "note": row.get("note"),
            "_children": [],
        }

    def _list_key(self, info: TypeInfo, row: Row, choice_lists: dict[str, ChoiceList]) -> str | None:
        """The key in *choice_lists* of a select's list: its name, ``external:NAME`` for
        select_one_external, the file name for select_one_from_file (read now). None when the type
        takes no list, or the list cannot be found (reported)."""
        if info.list_name is None:
            return None
        where = row.cells["type"]
        if not info.list_name:
            self.error("missing_list_name", where, type=info.base)
            return None
        if info.external:
            key = EXTERNAL + info.list_name
            if key not in choice_lists:
                self.error("missing_external_list", where, list=info.list_name)
                return None
            return key
        if info.from_file:
            if info.list_name not in choice_lists:
                options = parameters(row.get("parameters"))
                try:
                    table = read_table(self.path.parent, info.list_name)
                    choices = choices_from_table(
                        table, options.get("value", "name"), options.get("label", "label")
                    )
                except DataFileError as exc:
                    self.error(exc.code, where, **exc.params)
                    return None
                choice_lists[info.list_name] = ChoiceList(info.list_name, choices, where)
            return info.list_name
        if info.list_name not in choice_lists:
            self.error("missing_choice_list", where, list=info.list_name)
            return None
        return info.list_name

    def _specify_other(  # noqa: PLR0913
        self,
        row: Row,
        name: str,
        parent: str | None,
        repeats: tuple[str, ...],
        sheet: Sheet,
        siblings: list[str],
    ) -> None:
        """``… or_other``: the text question ``NAME_other`` pyxform adds after the select, shown when
        "other" is chosen."""
        other = f"{name}_other"
        if any(self.items[k]["name"] == other for k in siblings):
            return
        where = row.cells["type"]
        values = {
            "type": "text",
            "name": other,
            "label": "Specify other.",
            "relevant": f"selected(${{{name}}}, 'other')",
        }
        synthetic = Row(row.number, values, dict.fromkeys(values, where))
        key = other if other not in self.items else f"{parent}/{other}"
        while key in self.items:
            key = f"{key}#{row.number}"
        self.where_named.setdefault(other, []).append(key)
        fields = self._item_fields(synthetic, parse_type("text"), "field", other, parent, repeats, sheet, {})
        fields["labels"] = {"": "Specify other.", "vi": "Ghi rõ lựa chọn khác."}
        fields["key"] = key
        self.items[key] = fields
        siblings.append(key)
