"""The app's own answer checks, named in a form's ``check`` column (an xaapp extension of XLSForm).

A constraint can only say "valid or not" with one fixed message; a check knows more and says what
is wrong in words. ``personal-id(${sex}, ${dob})`` on a personal-ID question runs the same check as
the Excel import (:func:`xaapp.domain.personal_id.check_personal_id`): province code, and the sex and
birth year written in the number against the person's answers. A check runs on a non-empty answer
that meets its constraint; its issues block finalising like any other. ODK tools ignore the column.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from xaapp.domain.personal_id import check_personal_id, normalise_sex
from xaapp.forms_engine.messages import message
from xaapp.forms_engine.model import CheckCall
from xaapp.forms_engine.problems import ExpressionError
from xaapp.forms_engine.views import Issue
from xaapp.forms_engine.xpath_ast import Call, parse, walk
from xaapp.forms_engine.xpath_functions import check_call
from xaapp.forms_engine.xpath_types import to_string

if TYPE_CHECKING:
    from xaapp.forms_engine.instance import Instance, Node
    from xaapp.forms_engine.model import Item

#: A found problem: (issue code, parameters, Vietnamese text, English text).
Found = tuple[str, dict[str, object], str, str]


@dataclass(frozen=True)
class CheckSpec:
    """A check the ``check`` column may name: how many arguments, what they are, the function."""

    arity: int
    arguments: str  # for the author, in `forms check` messages
    run: Callable[[str, list[str], bool], list[Found]]


_SEX_WORDS = {"male": ("nam", "male"), "female": ("nữ", "female")}


def _personal_id(value: str, args: list[str], in_repeat: bool) -> list[Found]:
    sex_text, dob_text = args
    sex = normalise_sex(sex_text) if sex_text else None
    birth: dt.date | None = None
    try:
        birth = dt.date.fromisoformat(dob_text) if dob_text else None
    except ValueError:
        birth = None
    check = check_personal_id(value, sex=sex, birth_date=birth)
    mismatch = {"sex_mismatch", "century_mismatch", "birth_year_mismatch"}
    found: list[Found] = [
        ("personal_id_" + p.code, {}, p.message_vi, p.message_en)
        for p in check.problems
        if p.code not in mismatch
    ]
    if not any(p.code in mismatch for p in check.problems):
        return found
    assert check.sex is not None and check.century_first_year is not None and check.birth_year_digits
    id_year = check.century_first_year + int(check.birth_year_digits)
    id_vi = [_SEX_WORDS[check.sex][0]] if sex else []
    id_en = [_SEX_WORDS[check.sex][1]] if sex else []
    who_vi = ["là " + _SEX_WORDS[sex][0]] if sex else []
    who_en = ["is " + _SEX_WORDS[sex][1]] if sex else []
    if birth is not None:
        id_vi.append(f"sinh năm {id_year}")
        id_en.append(f"born {id_year}")
        who_vi.append(f"sinh năm {birth.year}")
        who_en.append(f"born {birth.year}")
    person_vi, person_en = ("thành viên này", "this member") if in_repeat else ("người này", "this person")
    vi = f"Số định danh {check.value} ghi {', '.join(id_vi)}; {person_vi} {', '.join(who_vi)}."
    en = f"The personal ID {check.value} says {', '.join(id_en)}; {person_en} {' and '.join(who_en)}."
    params: dict[str, object] = {"value": check.value, "id_sex": check.sex, "id_year": id_year}
    if sex:
        params["sex"] = sex
    if birth is not None:
        params["year"] = birth.year
    found.append(("personal_id_mismatch", params, vi, en))
    return found


#: Every check a form may name, by the name written in the ``check`` column.
CHECKS: dict[str, CheckSpec] = {
    "personal-id": CheckSpec(2, "${giới tính}, ${ngày sinh} / ${sex}, ${date of birth}", _personal_id),
}


class CheckColumnError(Exception):
    """A ``check`` cell that names no known check, or gives it the wrong number of arguments."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def compile_check(text: str) -> CheckCall:
    """Parse a ``check`` cell; raises CheckColumnError, or ExpressionError for the arguments' syntax."""
    expr = parse(text)
    if not isinstance(expr, Call) or expr.name not in CHECKS:
        known = ", ".join(f"{name}({spec.arguments})" for name, spec in CHECKS.items())
        raise CheckColumnError("unknown_check", check=text, known=known)
    spec = CHECKS[expr.name]
    if len(expr.args) != spec.arity:
        raise CheckColumnError("check_arity", check=expr.name, expected=spec.arguments, given=len(expr.args))
    for arg in expr.args:
        for node in walk(arg):
            if isinstance(node, Call):
                check_call(node.name, len(node.args), node.pos)
    return CheckCall(expr.name, expr.args)


def run_check(item: Item, inst: Instance, node: Node, path: str, lang: str) -> list[Issue]:
    """The issues of *item*'s check on the answer at *node* (its arguments evaluated there)."""
    call = item.check
    if call is None:
        return []
    spec = CHECKS[call.name]
    try:
        args = [to_string(inst.eval_expr(arg, node), inst.node_value) for arg in call.args]
    except ExpressionError as exc:
        detail = message(exc.code, lang, **exc.params)
        return [Issue("evaluation_error", path, message("evaluation_error", lang, detail=detail), {})]
    english = lang.lower().startswith("en")
    return [
        Issue(code, path, en if english else vi, params)
        for code, params, vi, en in spec.run(inst.eff.get(node, ""), args, bool(item.repeats))
    ]
