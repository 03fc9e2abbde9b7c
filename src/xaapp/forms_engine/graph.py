"""Dependency graph between values and relevance, topological order, and cycle detection.

Vertices are ``("value", name)``, ``("rel", name)`` (effective relevance, inherited from the
enclosing groups) and ``("count", repeat)``. An edge A -> B means B must be recomputed when A
changes.

A question whose answer fails its constraint is kept out of calculations (see ``Instance``). That
makes the constraint part of the question's value vertex, so the answers the constraint reads get an
edge to it — but only when none of them is computed from the question itself: a constraint that
looks back at its own results (``. != 'head' or ${n_heads} <= 1``) is reported, not blocking, since
blocking on it would be a cycle. ``blocking`` names the questions whose constraint blocks.
"""

from __future__ import annotations

from dataclasses import dataclass

from xaapp.forms_engine.model import INPUT_TYPES, Form
from xaapp.forms_engine.xpath_ast import Expr, Path, Ref, walk

Vertex = tuple[str, str]


def expression_keys(expr: Expr, form: Form) -> list[str]:
    """Item keys *expr* depends on: ``${name}`` and every item named by a path step (``../age``)."""
    keys: dict[str, None] = {}
    for node in walk(expr):
        if isinstance(node, Ref):
            key = form.key_of(node.name)
            if key is not None:
                keys.setdefault(key, None)
        elif isinstance(node, Path):
            for step in node.steps:
                if step.axis == "child":
                    for key in form.by_name.get(step.name, ()):
                        keys.setdefault(key, None)
    return list(keys)


@dataclass
class DependencyGraph:
    dependents: dict[Vertex, list[Vertex]]
    rank: dict[Vertex, int]
    order: list[Vertex]
    cycles: list[list[Vertex]]
    blocking: frozenset[str] = frozenset()

    @classmethod
    def build(cls, form: Form) -> DependencyGraph:
        edges: dict[Vertex, list[Vertex]] = {}
        vertices: list[Vertex] = []

        def add(a: Vertex, b: Vertex) -> None:
            targets = edges.setdefault(a, [])
            if b not in targets:
                targets.append(b)

        for name, item in form.items.items():
            vertices.append(("rel", name))
            vertices.append(("value", name))
            if item.kind == "repeat":
                vertices.append(("count", name))
                add(("count", name), ("value", name))
                add(("count", name), ("rel", name))
            if item.parent is not None:
                add(("rel", item.parent), ("rel", name))
            add(("rel", name), ("value", name))
            for column, target in (("relevant", ("rel", name)), ("calculation", ("value", name))):
                expr = item.compiled.get(column)
                if expr is not None:
                    for dep in expression_keys(expr, form):
                        add(("value", dep), target)
            count_expr = item.compiled.get("repeat_count")
            if count_expr is not None:
                for dep in expression_keys(count_expr, form):
                    add(("value", dep), ("count", name))
        blocking: set[str] = set()
        for name, item in form.items.items():
            expr = item.compiled.get("constraint")
            if expr is None or item.kind != "field" or item.type not in INPUT_TYPES:
                continue
            sources = [("value", dep) for dep in expression_keys(expr, form) if dep != name]
            if not _reaches(edges, ("value", name), set(sources)):
                for source in sources:
                    add(source, ("value", name))
                blocking.add(name)
        order, cycles = _topological(vertices, edges)
        rank = {v: i for i, v in enumerate(order)}
        return cls(edges, rank, order, cycles, frozenset(blocking))


def _reaches(edges: dict[Vertex, list[Vertex]], start: Vertex, targets: set[Vertex]) -> bool:
    """Whether any of *targets* can be reached from *start*."""
    if not targets:
        return False
    seen = {start}
    stack = [start]
    while stack:
        for nxt in edges.get(stack.pop(), ()):
            if nxt in targets:
                return True
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return False


def _topological(
    vertices: list[Vertex], edges: dict[Vertex, list[Vertex]]
) -> tuple[list[Vertex], list[list[Vertex]]]:
    """Kahn's order of the acyclic part, and each strongly connected cycle (Tarjan)."""
    indegree = dict.fromkeys(vertices, 0)
    for targets in edges.values():
        for b in targets:
            indegree[b] = indegree.get(b, 0) + 1
    ready = [v for v in vertices if indegree[v] == 0]
    order: list[Vertex] = []
    while ready:
        v = ready.pop(0)
        order.append(v)
        for b in edges.get(v, ()):
            indegree[b] -= 1
            if indegree[b] == 0:
                ready.append(b)
    cycles: list[list[Vertex]] = []
    if len(order) < len(vertices):
        for component in _strongly_connected(vertices, edges):
            if len(component) > 1 or component[0] in edges.get(component[0], ()):
                cycles.append(component)
        placed = set(order)
        order.extend(v for v in vertices if v not in placed)
    return order, cycles


def _strongly_connected(vertices: list[Vertex], edges: dict[Vertex, list[Vertex]]) -> list[list[Vertex]]:
    index: dict[Vertex, int] = {}
    low: dict[Vertex, int] = {}
    on_stack: set[Vertex] = set()
    stack: list[Vertex] = []
    out: list[list[Vertex]] = []
    counter = 0
    for root in vertices:
        if root in index:
            continue
        work: list[tuple[Vertex, int]] = [(root, 0)]
        while work:
            v, i = work.pop()
            if i == 0:
                index[v] = low[v] = counter
                counter += 1
                stack.append(v)
                on_stack.add(v)
            targets = edges.get(v, [])
            if i < len(targets):
                work.append((v, i + 1))
                w = targets[i]
                if w not in index:
                    work.append((w, 0))
                elif w in on_stack:
                    low[v] = min(low[v], index[w])
                continue
            if low[v] == index[v]:
                component: list[Vertex] = []
                while True:
                    w = stack.pop()
                    on_stack.discard(w)
                    component.append(w)
                    if w == v:
                        break
                out.append(list(reversed(component)))
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[v])
    return out
