"""One entry point for expressions: parse and check function names, then evaluate."""

from __future__ import annotations

from xaapp.forms_engine.xpath_ast import Call, Expr, parse, references, walk
from xaapp.forms_engine.xpath_eval import Context, evaluate
from xaapp.forms_engine.xpath_functions import check_call

__all__ = ["Context", "Expr", "compile_expression", "evaluate", "references"]


def compile_expression(text: str) -> Expr:
    """Parse *text* and check every function call; raises ExpressionError(code, pos)."""
    expr = parse(text)
    for node in walk(expr):
        if isinstance(node, Call):
            check_call(node.name, len(node.args), node.pos)
    return expr
