"""Evaluator of parsed expressions over an instance, through a :class:`Resolver`."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any, Protocol

from xaapp.forms_engine.problems import ExpressionError
from xaapp.forms_engine.xpath_ast import (
    BinOp,
    Call,
    Expr,
    Filter,
    Literal,
    Negate,
    Number,
    Path,
    Ref,
)
from xaapp.forms_engine.xpath_types import (
    NodeSet,
    Value,
    compare,
    to_bool,
    to_number,
)


class Resolver(Protocol):
    """What the evaluator needs from an instance (the session implements it)."""

    def resolve_ref(self, name: str, context: Any) -> NodeSet: ...

    def child_nodes(self, node: Any, name: str) -> NodeSet: ...

    def parent_node(self, node: Any) -> Any | None: ...

    def root_node(self) -> Any: ...

    def node_value(self, node: Any) -> str: ...

    def node_position(self, node: Any) -> int: ...

    def choice_label(self, field_name: str, value: str, lang: str) -> str: ...


@dataclass
class Context:
    """Everything an expression sees: the instance, the context node, the clock, the language."""

    resolver: Resolver
    node: Any = None
    current: Any = None
    position: int = 1
    size: int = 1
    today: dt.date = field(default_factory=dt.date.today)
    now: dt.datetime | None = None
    lang: str = ""

    def with_node(self, node: Any, position: int = 1, size: int = 1) -> Context:
        return Context(self.resolver, node, self.current, position, size, self.today, self.now, self.lang)


def evaluate(expr: Expr, ctx: Context) -> Value:
    """The value of *expr* in *ctx* (str, float, bool, date or NodeSet)."""
    kind = type(expr)
    if kind is Ref:
        # ${name} is relative to the question owning the expression, also inside a predicate.
        owner = ctx.current if ctx.current is not None else ctx.node
        return ctx.resolver.resolve_ref(expr.name, owner)  # type: ignore[attr-defined]  # kind is type(expr), checked above
    if kind is Literal:
        return expr.value  # type: ignore[attr-defined]  # kind is type(expr), checked above
    if kind is Number:
        return expr.value  # type: ignore[attr-defined]  # kind is type(expr), checked above
    if kind is BinOp:
        return _binop(expr, ctx)  # type: ignore[arg-type]  # kind is type(expr), checked above
    if kind is Call:
        from xaapp.forms_engine.xpath_functions import call

        return call(expr, ctx)  # type: ignore[arg-type]  # kind is type(expr), checked above
    if kind is Path:
        return _path(expr, ctx)  # type: ignore[arg-type]  # kind is type(expr), checked above
    if kind is Negate:
        return -to_number(evaluate(expr.operand, ctx), ctx.resolver.node_value)  # type: ignore[attr-defined]  # kind is type(expr), checked above
    if kind is Filter:
        base = evaluate(expr.base, ctx)  # type: ignore[attr-defined]  # kind is type(expr), checked above
        if not isinstance(base, NodeSet):
            raise ExpressionError("unsupported_syntax", 0, syntax="[…] on a value")
        return _apply_predicates(base, expr.predicates, ctx)  # type: ignore[attr-defined]  # kind is type(expr), checked above
    raise TypeError(f"unknown expression node {expr!r}")


def _binop(expr: BinOp, ctx: Context) -> Value:
    op = expr.op
    string_of = ctx.resolver.node_value
    if op == "and":
        return to_bool(evaluate(expr.left, ctx)) and to_bool(evaluate(expr.right, ctx))
    if op == "or":
        return to_bool(evaluate(expr.left, ctx)) or to_bool(evaluate(expr.right, ctx))
    left = evaluate(expr.left, ctx)
    right = evaluate(expr.right, ctx)
    if op in ("=", "!=", "<", "<=", ">", ">="):
        return compare(op, left, right, string_of)
    if op == "|":
        if not isinstance(left, NodeSet) or not isinstance(right, NodeSet):
            raise ExpressionError("unsupported_syntax", 0, syntax="| on values")
        merged = NodeSet(left)
        merged.extend(n for n in right if n not in left)
        return merged
    x = to_number(left, string_of)
    y = to_number(right, string_of)
    if op == "+":
        return x + y
    if op == "-":
        return x - y
    if op == "*":
        return x * y
    if op == "div":
        if y == 0:
            if x != x or x == 0:
                return math.nan
            return math.copysign(math.inf, x) * math.copysign(1.0, y)
        return x / y
    if op == "mod":
        if y == 0 or math.isinf(x) or x != x or y != y:
            return math.nan
        return math.fmod(x, y)
    raise TypeError(f"unknown operator {op}")


def _path(expr: Path, ctx: Context) -> NodeSet:
    resolver = ctx.resolver
    if expr.start == "root":
        nodes = NodeSet([resolver.root_node()])
        # An absolute path names the root element first: /data/... or /household_review/...
        steps = expr.steps[1:] if expr.steps and expr.steps[0].axis == "child" else expr.steps
    elif expr.start == "context":
        nodes = NodeSet([] if ctx.node is None else [ctx.node])
        steps = expr.steps
    else:
        base = evaluate(expr.start, ctx)  # type: ignore[arg-type]  # kind is type(expr), checked above
        if not isinstance(base, NodeSet):
            raise ExpressionError("unsupported_syntax", 0, syntax="/ after a value")
        nodes = base
        steps = expr.steps
    for step in steps:
        out = NodeSet()
        for node in nodes:
            if step.axis == "self":
                found = NodeSet([node])
            elif step.axis == "parent":
                parent = resolver.parent_node(node)
                found = NodeSet([] if parent is None else [parent])
            elif step.axis == "attribute":
                found = NodeSet()
            else:
                found = resolver.child_nodes(node, step.name)
            if step.predicates:
                found = _apply_predicates(found, step.predicates, ctx)
            for item in found:
                if item not in out:
                    out.append(item)
        nodes = out
    return nodes


def _apply_predicates(nodes: NodeSet, predicates: tuple[Expr, ...], ctx: Context) -> NodeSet:
    for predicate in predicates:
        kept = NodeSet()
        size = len(nodes)
        for position, node in enumerate(nodes, start=1):
            result = evaluate(predicate, ctx.with_node(node, position, size))
            if isinstance(result, float | int) and not isinstance(result, bool):
                keep = result == position
            else:
                keep = to_bool(result)
            if keep:
                kept.append(node)
        nodes = kept
    return nodes
