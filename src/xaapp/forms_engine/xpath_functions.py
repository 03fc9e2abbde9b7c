"""The ODK XPath function library (names, argument counts, behaviour as in Collect/Enketo)."""

from __future__ import annotations

import datetime as dt
import math
import random
import re
import secrets
import string as _string
import uuid as uuid_module
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from xaapp.forms_engine.problems import ExpressionError
from xaapp.forms_engine.xpath_ast import Call, Expr
from xaapp.forms_engine.xpath_eval import Context, evaluate
from xaapp.forms_engine.xpath_types import (
    EPOCH,
    NodeSet,
    Value,
    date_to_days,
    parse_date,
    string_to_number,
    to_bool,
    to_number,
    to_string,
)

Impl = Callable[[Context, tuple[Expr, ...]], Value]


def _s(ctx: Context, expr: Expr) -> str:
    return to_string(evaluate(expr, ctx), ctx.resolver.node_value)


def _n(ctx: Context, expr: Expr) -> float:
    return to_number(evaluate(expr, ctx), ctx.resolver.node_value)


def _b(ctx: Context, expr: Expr) -> bool:
    return to_bool(evaluate(expr, ctx))


def _nodes(ctx: Context, expr: Expr, function: str) -> NodeSet:
    value = evaluate(expr, ctx)
    if not isinstance(value, NodeSet):
        raise ExpressionError("unsupported_syntax", 0, syntax=f"{function}() of a value, not of questions")
    return value


def _context_string(ctx: Context, args: tuple[Expr, ...]) -> str:
    if args:
        return _s(ctx, args[0])
    return "" if ctx.node is None else ctx.resolver.node_value(ctx.node)


def _numbers(ctx: Context, args: tuple[Expr, ...]) -> list[float]:
    out: list[float] = []
    for arg in args:
        value = evaluate(arg, ctx)
        if isinstance(value, NodeSet):
            out.extend(string_to_number(ctx.resolver.node_value(n)) for n in value)
        else:
            out.append(to_number(value, ctx.resolver.node_value))
    return out


def _strings(ctx: Context, args: tuple[Expr, ...]) -> list[str]:
    out: list[str] = []
    for arg in args:
        value = evaluate(arg, ctx)
        if isinstance(value, NodeSet):
            out.extend(ctx.resolver.node_value(n) for n in value)
        else:
            out.append(to_string(value, ctx.resolver.node_value))
    return out


# --- logic -----------------------------------------------------------------------------------


def _if(ctx: Context, a: tuple[Expr, ...]) -> Value:
    return evaluate(a[1] if _b(ctx, a[0]) else a[2], ctx)


def _coalesce(ctx: Context, a: tuple[Expr, ...]) -> Value:
    first = _s(ctx, a[0])
    return first if first != "" else _s(ctx, a[1])


def _once(ctx: Context, a: tuple[Expr, ...]) -> Value:
    # The stored value, even while the question is not relevant (ODK keeps a once() result).
    read = getattr(ctx.resolver, "raw_value", ctx.resolver.node_value)
    current = "" if ctx.current is None else read(ctx.current)
    return current if current != "" else evaluate(a[0], ctx)


def _checklist(ctx: Context, a: tuple[Expr, ...]) -> Value:
    low, high = _n(ctx, a[0]), _n(ctx, a[1])
    count = 0
    for arg in a[2:]:
        value = evaluate(arg, ctx)
        items = (
            [to_bool(ctx.resolver.node_value(n)) for n in value]
            if isinstance(value, NodeSet)
            else [to_bool(value)]
        )
        count += sum(items)
    return (low < 0 or count >= low) and (high < 0 or count <= high)


# --- selects ---------------------------------------------------------------------------------


def _selected(ctx: Context, a: tuple[Expr, ...]) -> Value:
    return _s(ctx, a[1]).strip() in _s(ctx, a[0]).split()


def _selected_at(ctx: Context, a: tuple[Expr, ...]) -> Value:
    items = _s(ctx, a[0]).split()
    index = _n(ctx, a[1])
    if index != index or index < 0 or int(index) >= len(items):
        return ""
    return items[int(index)]


def _choice_name(ctx: Context, a: tuple[Expr, ...]) -> Value:
    value = _s(ctx, a[0])
    ref = _s(ctx, a[1]).strip()
    if ref.startswith("${") and ref.endswith("}"):
        name = ref[2:-1].strip()
    else:
        name = ref.rstrip("/").rsplit("/", 1)[-1]
    return ctx.resolver.choice_label(name, value, ctx.lang)


# --- node-sets -------------------------------------------------------------------------------


def _position(ctx: Context, a: tuple[Expr, ...]) -> Value:
    if not a:
        return float(ctx.position)
    nodes = _nodes(ctx, a[0], "position")
    return float(ctx.resolver.node_position(nodes[0])) if nodes else math.nan


def _sum(ctx: Context, a: tuple[Expr, ...]) -> Value:
    return float(math.fsum(_numbers(ctx, a))) if a else 0.0


def _max(ctx: Context, a: tuple[Expr, ...]) -> Value:
    values = _numbers(ctx, a)
    if not values or any(v != v for v in values):
        return math.nan
    return max(values)


def _min(ctx: Context, a: tuple[Expr, ...]) -> Value:
    values = _numbers(ctx, a)
    if not values or any(v != v for v in values):
        return math.nan
    return min(values)


def _indexed_repeat(ctx: Context, a: tuple[Expr, ...]) -> Value:
    if len(a) % 2 == 0:
        raise ExpressionError("arity", 0, function="indexed-repeat", expected="3, 5, 7", given=len(a))
    nodes = _nodes(ctx, a[0], "indexed-repeat")
    for i in range(1, len(a), 2):
        repeat_nodes = _nodes(ctx, a[i], "indexed-repeat")
        wanted = _n(ctx, a[i + 1])
        if not repeat_nodes:
            return ""
        level = ctx.resolver.repeat_level(repeat_nodes[0])  # type: ignore[attr-defined]  # the instance's resolver
        nodes = NodeSet(n for n in nodes if ctx.resolver.index_at(n, level) == wanted)  # type: ignore[attr-defined]  # idem
    return nodes


# --- strings ---------------------------------------------------------------------------------


def _regex(ctx: Context, a: tuple[Expr, ...]) -> Value:
    pattern = _s(ctx, a[1])
    try:
        return re.search(pattern, _s(ctx, a[0])) is not None
    except re.error as exc:
        raise ExpressionError("bad_regex", 0, detail=str(exc)) from exc


def _substr(ctx: Context, a: tuple[Expr, ...]) -> Value:
    text = _s(ctx, a[0])
    start = _n(ctx, a[1])
    start_i = 0 if start != start else max(0, int(start))
    if len(a) > 2:
        end = _n(ctx, a[2])
        end_i = len(text) if end != end else int(end)
        return text[start_i:end_i]
    return text[start_i:]


def _substring(ctx: Context, a: tuple[Expr, ...]) -> Value:
    """XPath 1.0 ``substring(s, start, length)``: 1-based, with rounding (spec §4.2)."""
    text = _s(ctx, a[0])
    start = _xpath_round(_n(ctx, a[1]))
    end = math.inf if len(a) < 3 else start + _xpath_round(_n(ctx, a[2]))
    return "".join(ch for i, ch in enumerate(text, start=1) if i >= start and i < end)


def _substring_before(ctx: Context, a: tuple[Expr, ...]) -> Value:
    text, sep = _s(ctx, a[0]), _s(ctx, a[1])
    i = text.find(sep)
    return "" if i < 0 else text[:i]


def _substring_after(ctx: Context, a: tuple[Expr, ...]) -> Value:
    text, sep = _s(ctx, a[0]), _s(ctx, a[1])
    i = text.find(sep)
    return "" if i < 0 else text[i + len(sep) :]


def _translate(ctx: Context, a: tuple[Expr, ...]) -> Value:
    text, src, dst = _s(ctx, a[0]), _s(ctx, a[1]), _s(ctx, a[2])
    table: dict[int, int | None] = {}
    for i, ch in enumerate(src):
        if ord(ch) not in table:
            table[ord(ch)] = ord(dst[i]) if i < len(dst) else None
    return text.translate(table)


def _join(ctx: Context, a: tuple[Expr, ...]) -> Value:
    return _s(ctx, a[0]).join(_strings(ctx, a[1:]))


# --- numbers ---------------------------------------------------------------------------------


def _xpath_round(x: float) -> float:
    if x != x or math.isinf(x):
        return x
    return float(math.floor(x + 0.5))


def _round(ctx: Context, a: tuple[Expr, ...]) -> Value:
    x = _n(ctx, a[0])
    # Collect and Enketo round halves away from zero (round(-2.5) = -3), unlike XPath 1.0's round().
    places = _n(ctx, a[1]) if len(a) > 1 else 0.0
    if x != x or math.isinf(x) or places != places:
        return math.nan if places != places else x
    try:
        quantum = Decimal(1).scaleb(-int(places))
        return float(Decimal(repr(x)).quantize(quantum, rounding=ROUND_HALF_UP))
    except InvalidOperation:
        return x


def _int(ctx: Context, a: tuple[Expr, ...]) -> Value:
    x = _n(ctx, a[0])
    if x != x or math.isinf(x):
        return x
    return float(math.trunc(x))


def _pow(ctx: Context, a: tuple[Expr, ...]) -> Value:
    try:
        return math.pow(_n(ctx, a[0]), _n(ctx, a[1]))
    except OverflowError:
        return math.inf
    except ValueError:
        return math.nan


def _math(fn: Callable[[float], float]) -> Impl:
    def impl(ctx: Context, a: tuple[Expr, ...]) -> Value:
        try:
            return float(fn(_n(ctx, a[0])))
        except OverflowError:
            return math.inf  # exp(1000), as in JavaScript and Java
        except ValueError:
            return math.nan

    return impl


# --- dates -----------------------------------------------------------------------------------


def _to_date(value: Value, ctx: Context, keep_time: bool = False) -> dt.date | str:
    """A date (or date-time) from a value; numbers are days since 1970-01-01 (fraction kept if asked)."""
    if isinstance(value, NodeSet):
        value = ctx.resolver.node_value(value[0]) if value else ""
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        raise ExpressionError("bad_date", 0, value=str(value).lower())
    if isinstance(value, float | int):
        if value != value or math.isinf(value):
            return ""
        days = math.floor(value)
        fraction = value - days
        try:
            day = EPOCH + dt.timedelta(days=days)
        except OverflowError as exc:
            raise ExpressionError("bad_date", 0, value=str(value)) from exc
        if fraction and keep_time:
            return dt.datetime.combine(day, dt.time()) + dt.timedelta(days=fraction)
        return day
    text = value.strip()
    if text == "":
        return ""
    number = string_to_number(text)
    if number == number and not (len(text) >= 10 and text[4:5] == "-"):
        return _to_date(number, ctx, keep_time)  # date('18321') is a count of days, as date(18321)
    parsed = parse_date(text)
    if parsed is None:
        raise ExpressionError("bad_date", 0, value=text)
    return parsed


def _date(ctx: Context, a: tuple[Expr, ...]) -> Value:
    return _to_date(evaluate(a[0], ctx), ctx)


def _decimal_date_time(ctx: Context, a: tuple[Expr, ...]) -> Value:
    value = _to_date(evaluate(a[0], ctx), ctx, keep_time=True)
    return math.nan if isinstance(value, str) else date_to_days(value)


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _format_date(ctx: Context, a: tuple[Expr, ...]) -> Value:
    value = _to_date(evaluate(a[0], ctx), ctx, keep_time=True)
    if isinstance(value, str):
        return ""
    pattern = _s(ctx, a[1])
    moment = value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time())
    codes = {
        "Y": f"{moment.year:04d}",
        "y": f"{moment.year % 100:02d}",
        "m": f"{moment.month:02d}",
        "n": str(moment.month),
        "b": _MONTHS[moment.month - 1],
        "d": f"{moment.day:02d}",
        "e": str(moment.day),
        "H": f"{moment.hour:02d}",
        "h": str(moment.hour),
        "M": f"{moment.minute:02d}",
        "S": f"{moment.second:02d}",
        "3": f"{moment.microsecond // 1000:03d}",
        "a": _DAYS[moment.weekday()],
    }
    out: list[str] = []
    i = 0
    while i < len(pattern):
        if pattern[i] == "%" and i + 1 < len(pattern):
            out.append(codes.get(pattern[i + 1], pattern[i : i + 2]))
            i += 2
        else:
            out.append(pattern[i])
            i += 1
    return "".join(out)


def _now(ctx: Context, a: tuple[Expr, ...]) -> Value:
    return ctx.now if ctx.now is not None else dt.datetime.now().astimezone()


def _uuid(ctx: Context, a: tuple[Expr, ...]) -> Value:
    if a:
        length = _n(ctx, a[0])
        if length != length or length < 0 or length > 1000:
            raise ExpressionError("bad_value", 0, function="uuid", value=str(length))
        alphabet = _string.ascii_letters + _string.digits
        return "".join(secrets.choice(alphabet) for _ in range(int(length)))
    return str(uuid_module.uuid4())


def _pulldata(ctx: Context, a: tuple[Expr, ...]) -> Value:
    """``pulldata('file', 'column', 'key column', key)``: a value from a CSV beside the form."""
    lookup = getattr(ctx.resolver, "pulldata", None)
    if lookup is None:
        return ""
    return str(lookup(_s(ctx, a[0]), _s(ctx, a[1]), _s(ctx, a[2]), _s(ctx, a[3])))


def _boolean_from_string(ctx: Context, a: tuple[Expr, ...]) -> Value:
    return _s(ctx, a[0]).strip() in ("true", "1")


#: name -> (min args, max args or None for any, implementation)
FUNCTIONS: dict[str, tuple[int, int | None, Impl]] = {
    "if": (3, 3, _if),
    "not": (1, 1, lambda c, a: not _b(c, a[0])),
    "boolean": (1, 1, lambda c, a: _b(c, a[0])),
    "true": (0, 0, lambda c, a: True),
    "false": (0, 0, lambda c, a: False),
    "coalesce": (2, 2, _coalesce),
    "once": (1, 1, _once),
    "checklist": (2, None, _checklist),
    "boolean-from-string": (1, 1, _boolean_from_string),
    "selected": (2, 2, _selected),
    "selected-at": (2, 2, _selected_at),
    "count-selected": (1, 1, lambda c, a: float(len(_s(c, a[0]).split()))),
    "jr:choice-name": (2, 2, _choice_name),
    "position": (0, 1, _position),
    "last": (0, 0, lambda c, a: float(c.size)),
    "current": (0, 0, lambda c, a: NodeSet([] if c.current is None else [c.current])),
    "count": (1, 1, lambda c, a: float(len(_nodes(c, a[0], "count")))),
    "count-non-empty": (
        1,
        1,
        lambda c, a: float(
            sum(1 for n in _nodes(c, a[0], "count-non-empty") if c.resolver.node_value(n) != "")
        ),
    ),
    "sum": (1, 1, _sum),
    "max": (1, None, _max),
    "min": (1, None, _min),
    "indexed-repeat": (3, None, _indexed_repeat),
    "regex": (2, 2, _regex),
    "contains": (2, 2, lambda c, a: _s(c, a[1]) in _s(c, a[0])),
    "starts-with": (2, 2, lambda c, a: _s(c, a[0]).startswith(_s(c, a[1]))),
    "ends-with": (2, 2, lambda c, a: _s(c, a[0]).endswith(_s(c, a[1]))),
    "substr": (2, 3, _substr),
    "substring": (2, 3, _substring),
    "substring-before": (2, 2, _substring_before),
    "substring-after": (2, 2, _substring_after),
    "translate": (3, 3, _translate),
    "string-length": (0, 1, lambda c, a: float(len(_context_string(c, a)))),
    "normalize-space": (0, 1, lambda c, a: " ".join(_context_string(c, a).split())),
    "concat": (0, None, lambda c, a: "".join(_strings(c, a))),
    "join": (1, None, _join),
    "string": (0, 1, lambda c, a: _context_string(c, a)),
    "number": (
        0,
        1,
        lambda c, a: _n(c, a[0]) if a else string_to_number(_context_string(c, a)),
    ),
    "int": (1, 1, _int),
    "round": (1, 2, _round),
    "floor": (1, 1, _math(math.floor)),
    "ceiling": (1, 1, _math(math.ceil)),
    "pow": (2, 2, _pow),
    "abs": (1, 1, _math(abs)),
    "sqrt": (1, 1, _math(math.sqrt)),
    "exp": (1, 1, _math(math.exp)),
    "exp10": (1, 1, _math(lambda x: 10.0**x)),
    "log": (1, 1, _math(math.log)),
    "log10": (1, 1, _math(math.log10)),
    "sin": (1, 1, _math(math.sin)),
    "cos": (1, 1, _math(math.cos)),
    "tan": (1, 1, _math(math.tan)),
    "asin": (1, 1, _math(math.asin)),
    "acos": (1, 1, _math(math.acos)),
    "atan": (1, 1, _math(math.atan)),
    "atan2": (2, 2, lambda c, a: math.atan2(_n(c, a[0]), _n(c, a[1]))),
    "pi": (0, 0, lambda c, a: math.pi),
    "random": (0, 0, lambda c, a: random.random()),  # noqa: S311 - not for security
    "today": (0, 0, lambda c, a: c.today),
    "now": (0, 0, _now),
    "date": (1, 1, _date),
    "date-time": (1, 1, lambda c, a: _to_date(evaluate(a[0], c), c, keep_time=True)),
    "decimal-date-time": (1, 1, _decimal_date_time),
    "format-date": (2, 2, _format_date),
    "format-date-time": (2, 2, _format_date),
    "uuid": (0, 1, _uuid),
    "pulldata": (4, 4, _pulldata),
}

#: Functions of the ODK list that xaapp refuses when a form is loaded (they need media, maps or keys).
UNSUPPORTED_FUNCTIONS = frozenset(
    {
        "instance",
        "digest",
        "base64-decode",
        "extract-signed",
        "area",
        "distance",
        "geofence",
        "intersects",
        "randomize",
        "weighted-checklist",
        "decimal-time",
        "version",
        "property",
        "search",
    }
)


def check_call(name: str, given: int, pos: int) -> None:
    """Raise ExpressionError if *name* is unknown, unsupported or called with the wrong arity."""
    if name in UNSUPPORTED_FUNCTIONS:
        raise ExpressionError("unsupported_function", pos, function=name)
    spec = FUNCTIONS.get(name)
    if spec is None:
        raise ExpressionError("unknown_function", pos, function=name)
    low, high, _ = spec
    if given < low or (high is not None and given > high):
        expected = str(low) if low == high else f"{low}–{'…' if high is None else high}"
        raise ExpressionError("arity", pos, function=name, expected=expected, given=given)


def call(expr: Call, ctx: Context) -> Value:
    spec = FUNCTIONS.get(expr.name)
    if spec is None:
        check_call(expr.name, len(expr.args), expr.pos)
        raise AssertionError("unreachable")
    return spec[2](ctx, expr.args)
