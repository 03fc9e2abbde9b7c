"""The household form checked against the indicator catalogue (``rules.deprivations``).

The form workbook is edited by province staff in Excel, so it cannot be generated from the rule data;
instead every indicator a poverty standard counts must have its ``dep_<code>`` calculation in the form,
and that calculation must read the questions the catalogue says it comes from. A rule folder naming an
indicator the form cannot produce would otherwise never flag it, silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from xaapp.forms_engine import Form
from xaapp.rules.deprivations import catalogue, flag_code, flag_name
from xaapp.rules.standards import all_standards

_REF = re.compile(r"\$\{\s*([^}\s]+)\s*\}")


@dataclass(frozen=True)
class IndicatorProblem:
    code: str
    message_vi: str
    message_en: str


def reads(form: Form, name: str) -> frozenset[str]:
    """Every item the calculation *name* reads, followed through other calculations."""
    seen: set[str] = set()
    wanted = [name]
    while wanted:
        current = wanted.pop()
        if current in seen or current not in form.items:
            continue
        seen.add(current)
        item = form.items[current]
        for source in (item.expressions or {}).values():
            if isinstance(source, str):
                wanted.extend(form.key_of(ref) or ref for ref in _REF.findall(source))
    seen.discard(name)
    return frozenset(seen)


def _short(key: str) -> str:
    return key.rsplit("/", 1)[-1]


def indicator_problems(form: Form, rules_dir: Path | str | None = None) -> list[IndicatorProblem]:
    """What the household *form* lacks for the indicators the standards count (empty when nothing)."""
    counted = {code for s in all_standards(rules_dir) for code in s.indicators.codes}
    defined = {i.code for i in catalogue(rules_dir)}
    out: list[IndicatorProblem] = []
    for info in catalogue(rules_dir):
        if info.code not in counted:
            continue
        flag = form.items.get(info.flag)
        if flag is None or flag.type != "calculate":
            out.append(
                IndicatorProblem(
                    info.code,
                    f"Phiếu {form.form_id} thiếu dòng calculate {info.flag} cho chỉ số «{info.name_vi}».",
                    f"Form {form.form_id} has no calculate row {info.flag} for the indicator “{info.name_en}”.",
                )
            )
            continue
        read = {_short(k) for k in reads(form, info.flag)}
        for question in info.questions:
            if question not in read:
                out.append(
                    IndicatorProblem(
                        info.code,
                        f"Công thức {info.flag} của phiếu {form.form_id} không đọc câu hỏi {question} "
                        "mà danh mục chỉ số ghi.",
                        f"The {info.flag} calculation of form {form.form_id} does not read the question "
                        f"{question} the indicator catalogue names.",
                    )
                )
    for name in form.items:
        code = flag_code(_short(name))
        if code is not None and code not in defined:
            out.append(
                IndicatorProblem(
                    code,
                    f"Phiếu {form.form_id} tính {flag_name(code)} nhưng danh mục chỉ số không có «{code}».",
                    f"Form {form.form_id} calculates {flag_name(code)} but the indicator catalogue has no “{code}”.",
                )
            )
    return out
