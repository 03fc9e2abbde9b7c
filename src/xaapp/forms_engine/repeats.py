"""Entries of repeats in the filled-in instance: adding one (with its defaults and metadata),
removing one (later entries move up, with their answers and refusals), resizing to a computed count.

A mixin of :class:`~xaapp.forms_engine.instance.Instance`, which owns the state it works on.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from xaapp.forms_engine.problems import ExpressionError
from xaapp.forms_engine.xpath_types import to_string

if TYPE_CHECKING:
    from xaapp.forms_engine.model import Form
    from xaapp.forms_engine.xpath_ast import Expr

Node = tuple[str, tuple[int, ...]]


class RepeatEntries:
    form: Form
    items: Any  # Mapping[str, Item]
    today: dt.date
    now: dt.datetime | None
    raw: dict[Node, str]
    counts: dict[Node, int]
    errors: dict[Node, ExpressionError]
    refused: dict[Node, tuple[str, dict[str, object], str]]

    if TYPE_CHECKING:  # provided by Instance

        def eval_expr(self, expr: Expr, node: Node) -> Any: ...

        def node_value(self, node: Any) -> str: ...

    def resize(self, repeat: str, parent_idx: tuple[int, ...], wanted: int) -> None:
        current = self.counts.get((repeat, parent_idx), 0)
        while current > wanted:
            self.remove_instance(repeat, parent_idx, current)
            current -= 1
        while current < wanted:
            self.add_instance(repeat, parent_idx)
            current += 1

    def add_instance(self, repeat: str, parent_idx: tuple[int, ...]) -> int:
        index = self.counts.get((repeat, parent_idx), 0) + 1
        self.counts[(repeat, parent_idx)] = index
        self.apply_defaults(repeat, parent_idx + (index,))
        return index

    def remove_instance(self, repeat: str, parent_idx: tuple[int, ...], index: int) -> None:
        count = self.counts.get((repeat, parent_idx), 0)
        if not 1 <= index <= count:
            return
        level = len(parent_idx)
        inside = self._subtree(repeat)

        def remap(key: Node) -> Node | None:
            name, idx = key
            if name not in inside or idx[:level] != parent_idx:
                return key
            pos = idx[level]
            if pos == index:
                return None
            if pos > index:
                return (name, idx[:level] + (pos - 1,) + idx[level + 1 :])
            return key

        self.raw = {new: value for key, value in self.raw.items() if (new := remap(key)) is not None}
        self.refused = {new: why for key, why in self.refused.items() if (new := remap(key)) is not None}
        counts: dict[Node, int] = {}
        for key, value in self.counts.items():
            moved = key if key == (repeat, parent_idx) else remap(key)
            if moved is not None:
                counts[moved] = value
        self.counts = counts
        self.counts[(repeat, parent_idx)] = count - 1

    def _subtree(self, name: str) -> set[str]:
        out = {name}
        stack = [name]
        while stack:
            for child in self.items[stack.pop()].children:
                out.add(child)
                stack.append(child)
        return out

    def apply_defaults(self, container: str | None, idx: tuple[int, ...]) -> None:
        """Fill defaults and metadata in a new instance of *container* (None: the whole form)."""
        names = self.form.top if container is None else self.items[container].children
        for name in names:
            item = self.items[name]
            if item.kind == "group":
                self.apply_defaults(name, idx)
                continue
            if item.kind == "repeat":
                if "repeat_count" not in item.compiled and (name, idx) not in self.counts:
                    self.counts[(name, idx)] = 0
                continue
            node = (name, idx)
            if node in self.raw:  # loaded or answered, even if cleared on purpose
                continue
            if item.type == "start":
                self.raw[node] = self._now_text()
            elif item.type == "today":
                self.raw[node] = self.today.isoformat()
            elif "default" in item.compiled:
                try:
                    self.raw[node] = to_string(
                        self.eval_expr(item.compiled["default"], node), self.node_value
                    )
                except ExpressionError as exc:
                    self.errors[node] = exc

    def _now_text(self) -> str:
        moment = self.now or dt.datetime.now().astimezone()
        return moment.isoformat(timespec="milliseconds")
