"""``begin loop over LIST`` … ``end loop``: the old XLSForm loop, expanded as pyxform does.

The loop becomes a group named after it holding one group per choice of LIST (the choice ``none``
left out), named after the choice and labelled with its label; inside, the loop's rows are repeated
with ``%(name)s`` and ``%(label)s`` replaced by the choice's name and label (in the column's language).
The new rows keep the cells of the rows they come from, so a problem is named where it was written.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from xaapp.forms_engine.loader import Row
from xaapp.forms_engine.model import ChoiceList
from xaapp.forms_engine.types import parse_type

ReportError = Callable[..., None]  # (code, where, **params)


def expand_loops(rows: list[Row], choice_lists: dict[str, ChoiceList], error: ReportError) -> list[Row]:
    """*rows* with every loop replaced by its groups; an unknown list or an unclosed loop is reported
    and the loop dropped (its rows are not read as questions)."""
    if not any(parse_type(r.get("type")).base == "loop" for r in rows if r.get("type")):
        return rows
    out: list[Row] = []
    i = 0
    while i < len(rows):
        row = rows[i]
        info = parse_type(row.get("type")) if row.get("type") else None
        if info is None or info.base != "loop" or info.kind != "begin":
            if info is not None and info.base == "loop":  # an "end loop" without its begin
                error("unmatched_end", row.cells["type"], type="end loop", expected="begin loop")
            else:
                out.append(row)
            i += 1
            continue
        end = _matching_end(rows, i)
        if end is None:
            error(
                "unclosed_begin",
                row.cells["type"],
                type="begin loop",
                name=row.get("name"),
                expected="end loop",
            )
            return out
        body = expand_loops(rows[i + 1 : end], choice_lists, error)
        choices = choice_lists.get(info.list_name or "")
        if choices is None:
            error("missing_choice_list", row.cells["type"], list=info.list_name or "")
        else:
            out.extend(_expanded(row, body, choices))
        i = end + 1
    return out


def _matching_end(rows: list[Row], begin: int) -> int | None:
    depth = 0
    for j in range(begin, len(rows)):
        if not rows[j].get("type"):
            continue
        info = parse_type(rows[j].get("type"))
        if info.base != "loop":
            continue
        depth += 1 if info.kind == "begin" else -1
        if depth == 0:
            return j
    return None


def _expanded(loop: Row, body: list[Row], choices: ChoiceList) -> list[Row]:
    type_cell = loop.cells["type"]
    out = [_row(loop, {**loop.values, "type": "begin group"})]
    for choice in choices.choices:
        if choice.name == "none":
            continue
        values = {"type": "begin group", "name": choice.name}
        for lang, text in choice.labels.items():
            values[f"label::{lang}" if lang else "label"] = text
        out.append(Row(loop.number, values, {k: loop.cells.get(k, type_cell) for k in values}))
        for row in body:
            out.append(
                _row(row, {k: _substitute(k, v, choice.name, choice.labels) for k, v in row.values.items()})
            )
        out.append(Row(loop.number, {"type": "end group"}, {"type": type_cell}))
    out.append(Row(loop.number, {"type": "end group"}, {"type": type_cell}))
    return out


def _row(template: Row, values: dict[str, str]) -> Row:
    return Row(template.number, values, dict(template.cells))


def _substitute(column: str, text: str, name: str, labels: Mapping[str, str]) -> str:
    if "%(" not in text:
        return text
    lang = column.partition("::")[2]
    label = labels.get(lang) or labels.get("") or next(iter(labels.values()), name)
    return text.replace("%(name)s", name).replace("%(label)s", label)
