"""Syntax tree of an expression, and the recursive-descent parser that builds it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from xaapp.forms_engine.problems import ExpressionError
from xaapp.forms_engine.xpath_lexer import Token, tokenize


class Expr:
    """Base of every syntax-tree node."""

    __slots__ = ()


@dataclass(frozen=True, slots=True)
class Literal(Expr):
    value: str


@dataclass(frozen=True, slots=True)
class Number(Expr):
    value: float


@dataclass(frozen=True, slots=True)
class Ref(Expr):
    """``${name}``."""

    name: str
    pos: int


@dataclass(frozen=True, slots=True)
class Step:
    axis: str  # "child", "self", "parent", "attribute"
    name: str  # "*" for any; "" for self/parent
    predicates: tuple[Expr, ...] = ()


@dataclass(frozen=True, slots=True)
class Path(Expr):
    """A location path; ``start`` is "root", "context" or a filter expression."""

    start: str | Expr
    steps: tuple[Step, ...]


@dataclass(frozen=True, slots=True)
class Filter(Expr):
    base: Expr
    predicates: tuple[Expr, ...]


@dataclass(frozen=True, slots=True)
class BinOp(Expr):
    op: str
    left: Expr
    right: Expr


@dataclass(frozen=True, slots=True)
class Negate(Expr):
    operand: Expr


@dataclass(frozen=True, slots=True)
class Call(Expr):
    name: str
    args: tuple[Expr, ...]
    pos: int


_BINARY_LEVELS: tuple[tuple[str, ...], ...] = (
    ("or",),
    ("and",),
    ("=", "!="),
    ("<", "<=", ">", ">="),
    ("+", "-"),
    ("*", "div", "mod"),
)


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens = tokenize(text)
        self.i = 0

    @property
    def tok(self) -> Token:
        return self.tokens[self.i]

    def advance(self) -> Token:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def expect(self, kind: str) -> Token:
        tok = self.tok
        if tok.kind != kind:
            if tok.kind == "end":
                raise ExpressionError("unexpected_end", tok.pos)
            raise ExpressionError("expected", tok.pos, expected=kind, token=tok.text)
        return self.advance()

    def parse(self) -> Expr:
        if self.tok.kind == "end":
            raise ExpressionError("unexpected_end", self.tok.pos)
        expr = self.binary(0)
        if self.tok.kind != "end":
            raise ExpressionError("unexpected_token", self.tok.pos, token=self.tok.text)
        return expr

    def binary(self, level: int) -> Expr:
        if level == len(_BINARY_LEVELS):
            return self.unary()
        left = self.binary(level + 1)
        ops = _BINARY_LEVELS[level]
        while self.tok.kind == "op" and self.tok.text in ops:
            op = self.advance().text
            right = self.binary(level + 1)
            left = BinOp(op, left, right)
        return left

    def unary(self) -> Expr:
        if self.tok.kind == "op" and self.tok.text == "-":
            self.advance()
            return Negate(self.unary())
        return self.union()

    def union(self) -> Expr:
        left = self.path()
        while self.tok.kind == "op" and self.tok.text == "|":
            self.advance()
            left = BinOp("|", left, self.path())
        return left

    def path(self) -> Expr:
        tok = self.tok
        if tok.kind == "/":
            self.advance()
            if self.tok.kind in ("name", ".", "..", "@"):
                return Path("root", self.relative_steps())
            return Path("root", ())
        if tok.kind == "//":
            raise ExpressionError("unsupported_syntax", tok.pos, syntax="//")
        if tok.kind in (".", "..", "@") or (tok.kind == "name" and self.tokens[self.i + 1].kind != "("):
            return Path("context", self.relative_steps())
        base = self.primary()
        predicates = self.predicates()
        if predicates:
            base = Filter(base, predicates)
        if self.tok.kind == "/":
            self.advance()
            return Path(base, self.relative_steps())
        if self.tok.kind == "//":
            raise ExpressionError("unsupported_syntax", self.tok.pos, syntax="//")
        return base

    def relative_steps(self) -> tuple[Step, ...]:
        steps = [self.step()]
        while self.tok.kind == "/":
            self.advance()
            steps.append(self.step())
        if self.tok.kind == "//":
            raise ExpressionError("unsupported_syntax", self.tok.pos, syntax="//")
        return tuple(steps)

    def step(self) -> Step:
        tok = self.advance()
        if tok.kind == ".":
            return Step("self", "")
        if tok.kind == "..":
            return Step("parent", "")
        if tok.kind == "@":
            name = self.expect("name").text
            return Step("attribute", name)
        if tok.kind == "name":
            if "::" in tok.text:
                raise ExpressionError("unsupported_syntax", tok.pos, syntax=tok.text)
            return Step("child", tok.text, self.predicates())
        if tok.kind == "end":
            raise ExpressionError("unexpected_end", tok.pos)
        raise ExpressionError("unexpected_token", tok.pos, token=tok.text)

    def predicates(self) -> tuple[Expr, ...]:
        preds: list[Expr] = []
        while self.tok.kind == "[":
            self.advance()
            preds.append(self.binary(0))
            self.expect("]")
        return tuple(preds)

    def primary(self) -> Expr:
        tok = self.advance()
        if tok.kind == "number":
            return Number(float(tok.text))
        if tok.kind == "string":
            return Literal(tok.text)
        if tok.kind == "ref":
            return Ref(tok.text, tok.pos)
        if tok.kind == "(":
            inner = self.binary(0)
            self.expect(")")
            return inner
        if tok.kind == "name":
            self.expect("(")
            args: list[Expr] = []
            if self.tok.kind != ")":
                args.append(self.binary(0))
                while self.tok.kind == ",":
                    self.advance()
                    args.append(self.binary(0))
            self.expect(")")
            return Call(tok.text, tuple(args), tok.pos)
        if tok.kind == "end":
            raise ExpressionError("unexpected_end", tok.pos)
        raise ExpressionError("unexpected_token", tok.pos, token=tok.text)


def parse(text: str) -> Expr:
    """Parse an XLSForm expression; raises ExpressionError(code, pos) on a syntax error."""
    return _Parser(text).parse()


def walk(expr: Expr) -> Iterator[Expr]:
    """Every node of *expr*, depth first (predicates included)."""
    stack: list[Expr] = [expr]
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, BinOp):
            stack.extend((node.right, node.left))
        elif isinstance(node, Negate):
            stack.append(node.operand)
        elif isinstance(node, Call):
            stack.extend(reversed(node.args))
        elif isinstance(node, Filter):
            stack.append(node.base)
            stack.extend(node.predicates)
        elif isinstance(node, Path):
            if isinstance(node.start, Expr):
                stack.append(node.start)
            for step in node.steps:
                stack.extend(step.predicates)


def references(expr: Expr) -> list[str]:
    """Names used as ``${name}`` in *expr*, in order of appearance, without repeats."""
    seen: dict[str, None] = {}
    for node in walk(expr):
        if isinstance(node, Ref):
            seen.setdefault(node.name, None)
    return list(seen)
