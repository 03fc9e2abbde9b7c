"""The filled-in instance: values, relevance and repeat counts, kept up to date incrementally.

Nodes are ``(name, idx)`` tuples where ``idx`` holds the 1-based positions of the enclosing repeat
instances, outermost first (a repeat instance node includes its own position). The root is
``("", ())``. This class is the :class:`~xaapp.forms_engine.xpath_eval.Resolver` expressions run on.
"""

from __future__ import annotations

import datetime as dt
import heapq
import logging
from typing import Any

from xaapp.forms_engine.graph import DependencyGraph, Vertex
from xaapp.forms_engine.model import INPUT_TYPES, Choice, Form, Item
from xaapp.forms_engine.problems import ExpressionError
from xaapp.forms_engine.repeats import RepeatEntries
from xaapp.forms_engine.xpath_ast import Expr
from xaapp.forms_engine.xpath_eval import Context, evaluate
from xaapp.forms_engine.xpath_types import NodeSet, number_to_string, to_bool, to_number, to_string

logger = logging.getLogger(__name__)

Node = tuple[str, tuple[int, ...]]
ROOT: Node = ("", ())


class ChoiceNode:
    """A choice row seen from a choice_filter: its columns are its children."""

    __slots__ = ("choice", "lang")

    def __init__(self, choice: Choice, lang: str) -> None:
        self.choice = choice
        self.lang = lang


class TextNode:
    """A leaf holding text (a column of a choice row)."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


def value_to_text(value: Any, string_of: Any) -> str:
    """What a calculation stores: the XPath string of its result."""
    return to_string(value, string_of)


class Instance(RepeatEntries):
    """Values of one interview. Call from one thread at a time."""

    def __init__(
        self, form: Form, today: dt.date | None = None, now: dt.datetime | None = None, lang: str = ""
    ) -> None:
        self.form = form
        self.items = form.items
        self.graph = DependencyGraph.build(form)
        self.today = today or dt.date.today()
        self.now = now
        self.lang = lang
        self.raw: dict[Node, str] = {}
        self.eff: dict[Node, str] = {}
        self.rel: dict[Node, bool] = {}
        self.counts: dict[Node, int] = {}
        self.errors: dict[Node, ExpressionError] = {}
        #: Answers typed but refused (letters in a number, 31/02): the issue code, its parameters and
        #: the text as typed. The answer itself is empty; the refusal keeps the field invalid.
        self.refused: dict[Node, tuple[str, dict[str, object], str]] = {}
        #: Nodes whose value must not feed a calculation: refused answers, answers failing a
        #: blocking constraint (a future birth date; see ``DependencyGraph.blocking``), and
        #: calculations that read such a node. A blocked calculation is empty ("not computed"), never a stand-in 0.
        self.blocked: set[Node] = set()
        self._tainted = False
        self._depth = {name: len(item.repeats) for name, item in self.items.items()}

    # -- structure ----------------------------------------------------------------------------

    def instances(self, name: str) -> list[tuple[int, ...]]:
        """Every idx of item *name*, in document order."""
        return self.instances_under(name, ())

    def instances_under(self, name: str, prefix: tuple[int, ...]) -> list[tuple[int, ...]]:
        """Every idx of *name* whose first positions are *prefix*."""
        chain = self.items[name].repeats
        out = [prefix]
        for level in range(len(prefix), len(chain)):
            repeat = chain[level]
            out = [idx + (i,) for idx in out for i in range(1, self.counts.get((repeat, idx), 0) + 1)]
        return out

    def count(self, repeat: str, parent_idx: tuple[int, ...]) -> int:
        return self.counts.get((repeat, parent_idx), 0)

    def context_for(self, node: Node) -> Context:
        return Context(self, node, node, 1, 1, self.today, self.now, self.lang)

    # -- Resolver -----------------------------------------------------------------------------

    def resolve_ref(self, ref: str, context: Any) -> NodeSet:
        name = self.form.key_of(ref)
        if name is None:
            raise ExpressionError("undefined_reference", 0, name=ref)
        item = self.items[name]
        if type(context) is tuple and context[0]:
            ctx_item = self.items[context[0]]
            chain_c, idx_c = ctx_item.repeats, context[1]
        else:
            chain_c, idx_c = (), ()
        chain_t = item.repeats
        k = 0
        limit = min(len(chain_c), len(chain_t))
        while k < limit and chain_c[k] == chain_t[k]:
            k += 1
        prefix = idx_c[:k]
        if k == len(chain_t):
            return NodeSet([(name, prefix)])
        return NodeSet((name, idx) for idx in self.instances_under(name, prefix))

    def child_nodes(self, node: Any, name: str) -> NodeSet:
        if isinstance(node, ChoiceNode):
            choice = node.choice
            if name == "name":
                return NodeSet([TextNode(choice.name)])
            if name == "label" or name.startswith("label"):
                return NodeSet([TextNode(choice.label(node.lang))])
            value = choice.extras.get(name.lower())
            return NodeSet([] if value is None else [TextNode(value)])
        if type(node) is not tuple:
            return NodeSet()
        owner, idx = node
        children = self.form.top if owner == "" else self.items[owner].children
        out = NodeSet()
        for child in children:
            if name != "*" and self.items[child].name != name:
                continue
            if self.items[child].kind == "repeat":
                out.extend((child, idx + (i,)) for i in range(1, self.counts.get((child, idx), 0) + 1))
            else:
                out.append((child, idx))
        return out

    def parent_node(self, node: Any) -> Any | None:
        if type(node) is not tuple or node[0] == "":
            return None
        parent = self.items[node[0]].parent
        if parent is None:
            return ROOT
        return (parent, node[1][: self._depth[parent]])

    def root_node(self) -> Any:
        return ROOT

    def node_value(self, node: Any) -> str:
        if type(node) is tuple:
            if self.blocked and node in self.blocked:
                self._tainted = True
            return self.eff.get(node, "")
        if isinstance(node, TextNode):
            return node.text
        return ""

    def raw_value(self, node: Any) -> str:
        if type(node) is tuple:
            if self.blocked and node in self.blocked:
                self._tainted = True
            return self.raw.get(node, "")
        return self.node_value(node)

    def node_position(self, node: Any) -> int:
        if type(node) is tuple and node[0] and self.items[node[0]].kind == "repeat":
            return int(node[1][-1])
        return 1

    def repeat_level(self, node: Any) -> int:
        return len(node[1]) - 1

    def index_at(self, node: Any, level: int) -> int | None:
        idx = node[1]
        return idx[level] if level < len(idx) else None

    def choice_label(self, field_name: str, value: str, lang: str) -> str:
        key = self.form.key_of(field_name)
        item = self.items.get(key) if key else None
        if item is None or not item.list_name:
            return ""
        choices = self.form.choice_lists.get(item.list_name)
        choice = choices.get(value) if choices else None
        return choice.label(lang) if choice else ""

    def pulldata(self, table: str, column: str, key_column: str, key: str) -> str:
        """``pulldata()``: *column* of the row of CSV *table* whose *key_column* is *key*."""
        found = self.form.tables.get(table.removesuffix(".csv"))
        return found.lookup(column, key_column, key.strip()) if found else ""

    # -- evaluation ---------------------------------------------------------------------------

    def eval_expr(self, expr: Expr, node: Node) -> Any:
        """Evaluate *expr* at *node*; any failure of a form's formula becomes an ExpressionError."""
        try:
            return evaluate(expr, self.context_for(node))
        except ExpressionError:
            raise
        except (ArithmeticError, ValueError, RecursionError) as exc:
            # A province-written formula must not crash the interview (e.g. a date out of range).
            raise ExpressionError("bad_value", 0, function="", value=type(exc).__name__) from exc

    def eval_bool(self, item: Item, column: str, node: Node, default: bool) -> bool:
        expr = item.compiled.get(column)
        if expr is None:
            return default
        try:
            return to_bool(self.eval_expr(expr, node))
        except ExpressionError as exc:
            self.errors[node] = exc
            return default

    def _compute(self, vertex: Vertex, idx: tuple[int, ...]) -> bool:
        """Recompute one vertex at one instance; True if what others see changed."""
        what, name = vertex
        node = (name, idx)
        item = self.items[name]
        if what == "rel":
            own = self.eval_bool(item, "relevant", node, True)
            parent = self.parent_node(node)
            value = own and (parent == ROOT or self.rel.get(parent, True))  # type: ignore[arg-type]  # not ROOT here
            changed = self.rel.get(node) != value
            self.rel[node] = value
            return changed
        if what == "value":
            if item.kind != "field":
                return True
            relevant = self.rel.get(node, True)
            blocked = False
            if item.type in ("calculate", "hidden", "note") and "calculation" in item.compiled:
                self._tainted = False
                try:
                    result = self.eval_expr(item.compiled["calculation"], node)
                    blocked = self._tainted
                    self.raw[node] = "" if blocked else self._canonical(item, result)
                    self.errors.pop(node, None)
                except ExpressionError as exc:
                    self.errors[node] = exc
                    self.raw[node] = ""
                finally:
                    self._tainted = False
            value = self.raw.get(node, "") if relevant else ""
            changed = self.eff.get(node) != value
            self.eff[node] = value
            if relevant and not blocked and item.type in INPUT_TYPES:
                blocked = node in self.refused or (
                    value != "" and name in self.graph.blocking and not self.passes_constraint(item, node)
                )
            if blocked and relevant:
                if node not in self.blocked:
                    self.blocked.add(node)
                    changed = True
            elif node in self.blocked:
                self.blocked.discard(node)
                changed = True
            return changed
        # ("count", repeat): a computed repeat_count
        expr = item.compiled.get("repeat_count")
        if expr is None:
            return False
        parent_idx = idx  # for a "count" vertex, idx is the enclosing container's idx (see _targets)
        context = (item.parent, parent_idx) if item.parent else ROOT
        try:
            number = to_number(self.eval_expr(expr, context), self.node_value)
        except ExpressionError as exc:
            self.errors[(name, parent_idx)] = exc
            number = 0.0
        wanted = 0 if number != number or number < 0 else min(int(number), 1000)
        key = (name, parent_idx)
        if self.counts.get(key, 0) == wanted:
            return False
        self.resize(name, parent_idx, wanted)
        return True

    def passes_constraint(self, item: Item, node: Node) -> bool:
        """Whether the answer at *node* meets its constraint (True without one, or when broken)."""
        if "constraint" not in item.compiled:
            return True
        try:
            return to_bool(self.eval_expr(item.compiled["constraint"], node))
        except ExpressionError:
            return True  # reported by the session as an evaluation error

    def refuse(
        self, name: str, idx: tuple[int, ...], code: str, params: dict[str, object], typed: str
    ) -> None:
        """Record that the answer *typed* at (*name*, *idx*) was refused: the field becomes empty and
        invalid, and nothing computed from it is computed until a valid answer is given."""
        node = (name, idx)
        self.refused[node] = (code, params, typed)
        self.raw[node] = ""
        self.changed(name, idx)

    def _canonical(self, item: Item, result: Any) -> str:
        text = value_to_text(result, self.node_value)
        if item.type == "calculate" and isinstance(result, float) and result != result:
            return "NaN"
        return text

    def _targets(self, vertex: Vertex) -> list[tuple[int, ...]]:
        what, name = vertex
        if what == "count":
            parent = self.items[name].parent
            return self.instances(parent) if parent else [()]
        return self.instances(name)

    def recompute_all(self) -> None:
        """Evaluate every vertex in dependency order (after a structure change or a load)."""
        self.eff.clear()
        self.rel.clear()
        self.errors.clear()
        self.blocked.clear()
        for vertex in self.graph.order:
            for idx in self._targets(vertex):
                self._compute(vertex, idx)

    def changed(self, name: str, idx: tuple[int, ...]) -> None:
        """Propagate a new raw value of (*name*, *idx*) to everything that depends on it."""
        queue: list[tuple[int, int, Vertex, tuple[int, ...]]] = []
        seen: set[tuple[Vertex, tuple[int, ...]]] = set()
        counter = 0
        rank = self.graph.rank
        start = ("value", name)
        heapq.heappush(queue, (rank[start], counter, start, idx))
        while queue:
            _, _, vertex, at = heapq.heappop(queue)
            if (vertex, at) in seen:
                continue
            seen.add((vertex, at))
            if not self._compute(vertex, at):
                continue
            if vertex[0] == "count":
                self.recompute_all()
                return
            depth_v = len(self.items[vertex[1]].repeats)
            chain_v = self.items[vertex[1]].repeats
            for target in self.graph.dependents.get(vertex, ()):
                t_item = self.items[target[1]]
                if target[0] == "count":
                    parent = t_item.parent
                    chain_t = self.items[parent].repeats if parent else ()
                else:
                    chain_t = t_item.repeats
                k = 0
                limit = min(depth_v, len(chain_t))
                while k < limit and chain_v[k] == chain_t[k]:
                    k += 1
                if target[0] == "count":
                    parent = t_item.parent
                    targets = self.instances_under(parent, at[:k]) if parent else [()]
                else:
                    targets = self.instances_under(target[1], at[:k])
                for t_idx in targets:
                    counter += 1
                    heapq.heappush(queue, (rank[target], counter, target, t_idx))


__all__ = ["ROOT", "ChoiceNode", "Instance", "Node", "TextNode", "number_to_string"]
