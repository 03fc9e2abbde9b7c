"""Monthly social allowance of one person for one month (Decree 20/2021/NĐ-CP), with the social pension.

Amount = standard level in force in the month (Art. 4; 360,000 from 07/2021, 500,000 from 07/2024 by
Decree 76/2024/NĐ-CP; a higher province level where one is set) × the Art. 6 coefficient of each
Art. 5 clause. Several categories (Art. 6.2): only the highest, except that a single poor parent
(5.4, 1.0 per child) also keeps a 5.5 / 5.6 / 5.8 allowance. Start months (Art. 8): the month the
person turns 75 (5.5b) or 80 (5.5c), the disability-certificate month (5.6), otherwise the decision
month. Suspend/stop reasons: Circular 02/2021/TT-BLĐTBXH Art. 2. Social pension: higher of the two.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from xaapp.domain.text import format_money
from xaapp.rules.allowance_result import (
    SOCIAL_PENSION,
    AllowanceResult,
    Entitlement,
    Excluded,
    allowance_reason,
    money_en,
)
from xaapp.rules.data import RuleDataError, in_force, load_topic, record_in_force, require
from xaapp.rules.figures import (
    Figure,
    child_conditions_figure,
    clause_end_figure,
    clause_figure,
    coefficient_figure,
    health_group_figure,
    merge,
    pension_figures,
    several_categories_figure,
    standard_level_figure,
)
from xaapp.rules.health_insurance import HOUSEHOLD_CLASSES, health_insurance
from xaapp.rules.inputs import (
    RuleInputError,
    age_at_month_end,
    get_bool,
    get_choice,
    get_date,
    get_int,
    get_list,
    get_mapping,
    get_month,
)
from xaapp.rules.poverty import CLASS_EN, CLASS_VI
from xaapp.rules.results import Reason, month_text
from xaapp.rules.social_pension import social_pension

SEVERITIES = ("severe", "extremely_severe")

__all__ = [
    "SOCIAL_PENSION",
    "AllowanceResult",
    "Entitlement",
    "Excluded",
    "clause_codes",
    "monthly_allowance",
    "standard_level",
]


def standard_level(month: dt.date, rules_dir: Path | str | None = None) -> tuple[int, str]:
    """(standard level in force in *month*, its legal basis); a province level replaces a lower national one."""
    amount, basis, _figure = _standard_level(month, rules_dir)
    return amount, basis


def _standard_level(month: dt.date, rules_dir: Path | str | None) -> tuple[int, str, Figure]:
    data = load_topic("social_assistance", rules_dir)
    national = record_in_force(
        require(data, "standard_levels", where="social_assistance"),
        month,
        where="social_assistance.standard_levels",
    )
    if national is None:
        raise RuleInputError(
            "month",
            f"chưa có mức chuẩn trợ giúp xã hội cho tháng {month_text(month.year, month.month)} (từ 07/2021).",
            f"no social-assistance standard level for {month_text(month.year, month.month)} (from 07/2021).",
        )
    amount, basis = int(national["amount"]), str(national["legal_basis"])
    figure = standard_level_figure(national)
    province = record_in_force(
        data.get("province_standard_levels") or [], month, where="social_assistance.province_standard_levels"
    )
    if province is not None and int(province["amount"]) > amount:
        amount, basis = int(province["amount"]), str(province["legal_basis"])
        figure = standard_level_figure(province, province=True)
    return amount, basis, figure


def clause_codes(rules_dir: Path | str | None = None) -> tuple[str, ...]:
    """The Art. 5 clause codes the rule data knows ("5.1" … "5.8"), for validating stored records."""
    return tuple(_clause_table(rules_dir))


def _clause_table(rules_dir: Path | str | None) -> dict[str, Mapping[str, Any]]:
    data = load_topic("social_assistance", rules_dir)
    return {str(c["clause"]): c for c in require(data, "clauses", where="social_assistance")}


def _coefficient(
    clause: Mapping[str, Any], category: Mapping[str, Any], age: int | None, where: str
) -> tuple[float, str, str, Figure] | None:
    """(k, condition vi, condition en, its figure) for the person, or None when no age band fits."""
    for index, option in enumerate(clause["coefficients"]):
        cond = option["condition"]
        fits = False
        if cond == "any" or cond == "per_child":
            fits = True
        elif cond == "disability":
            severity = get_choice(category, "severity", SEVERITIES)
            assert age is not None
            child_or_elderly = age < int(clause.get("child_under_age", 16)) or age >= int(
                clause.get("elderly_from_age", 60)
            )
            group = "child_or_elderly" if child_or_elderly else "adult"
            fits = option["severity"] == severity and option["group"] == group
        else:
            if age is None:
                raise RuleInputError(
                    "birth_date",
                    "cần ngày sinh để chọn hệ số theo tuổi.",
                    "needed to pick the age coefficient.",
                )
            if cond == "age_under":
                fits = age < int(option["age"])
            elif cond == "age_from":
                fits = age >= int(option["age"])
            elif cond == "age_range":
                fits = int(option["min_age"]) <= age < int(option["max_age_exclusive"])
            else:
                raise RuleDataError(
                    f"Điều kiện hệ số không rõ: {cond} ({where}).",
                    f"Unknown coefficient condition: {cond} ({where}).",
                )
        if fits:
            label_vi, label_en = str(option.get("label_vi", "")), str(option.get("label_en", ""))
            return float(option["k"]), label_vi, label_en, coefficient_figure(clause, index)
    return None


def _eligible_children(
    clause: Mapping[str, Any], category: Mapping[str, Any], month: dt.date, where: str
) -> int:
    rule = clause.get("child_conditions") or {}
    under = int(rule.get("under_age", 16))
    studying_max = int(rule.get("studying_max_age_exclusive", 22))
    children = get_list(category, "children")
    if not children:
        raise RuleInputError(
            f"{where}.children",
            "diện 5.4 cần danh sách con đang nuôi.",
            "clause 5.4 needs the list of children raised.",
        )
    count = 0
    for index, child in enumerate(children):
        if not isinstance(child, Mapping):
            raise RuleInputError(
                f"{where}.children[{index}]", "phải là đối tượng JSON.", "must be a JSON object."
            )
        birth = get_date(child, "birth_date")
        assert birth is not None
        if birth > month.replace(day=28):
            raise RuleInputError(
                f"{where}.children[{index}].birth_date",
                "sinh sau tháng tính trợ cấp.",
                "born after the month.",
            )
        age = age_at_month_end(birth, month)
        if age < under or (age < studying_max and get_bool(child, "studying")):
            count += 1
    return count


def _start_month(
    clause: Mapping[str, Any],
    category: Mapping[str, Any],
    birth: dt.date | None,
    decision: dt.date | None,
    rules_dir: Path | str | None,
) -> tuple[dt.date | None, str, str]:
    rules = load_topic("social_assistance", rules_dir).get("start_rules", {})
    start = str(clause.get("start", "decision_month"))
    label = rules.get(start, {})
    if start in ("birthday_75", "birthday_80"):
        years = int(label.get("age", 75 if start == "birthday_75" else 80))
        if birth is None:
            raise RuleInputError(
                "birth_date", "cần ngày sinh để xác định tháng bắt đầu hưởng.", "needed for the start month."
            )
        return dt.date(birth.year + years, birth.month, 1), label.get("vi", ""), label.get("en", "")
    if start == "certificate_month":
        month = get_month(category, "certificate_month")
        return month, label.get("vi", ""), label.get("en", "")
    return decision, label.get("vi", ""), label.get("en", "")


def _status_stop(data: Mapping[str, Any], month: dt.date, rules_dir: Path | str | None) -> Reason | None:
    reasons = load_topic("social_assistance", rules_dir).get("stop_reasons", {})
    for kind, label_vi, label_en in (("stop", "thôi hưởng", "stopped"), ("suspend", "tạm dừng", "suspended")):
        info = get_mapping(data, kind)
        if info is None:
            continue
        codes = {r["code"]: r for r in reasons.get(kind, [])}
        reason = get_choice(info, "reason", tuple(codes), required=True) if codes else None
        start = get_month(info, "month")
        assert start is not None
        resume = get_month(info, "resume_month", required=False) if kind == "suspend" else None
        if start <= month and (resume is None or month < resume):
            item = codes.get(reason or "", {})
            basis = reasons.get("legal_basis", "")
            return Reason(
                f"Trợ cấp {label_vi} từ tháng {month_text(start.year, start.month)}: {item.get('vi', reason)} ({basis}).",
                f"Allowance {label_en} from {month_text(start.year, start.month)}: {item.get('en', reason)} ({basis}).",
            )
    return None


def monthly_allowance(data: Mapping[str, Any], *, rules_dir: Path | str | None = None) -> AllowanceResult:
    """The allowance of one person for one month. See docs/rules.md for the input fields.

    >>> r = monthly_allowance({"month": "2024-07", "birth_date": "01/01/1940", "categories": [{"clause": "5.5a"}]})
    >>> r.monthly_amount
    1000000
    """
    month = get_month(data, "month")
    assert month is not None
    birth = get_date(data, "birth_date", required=False)
    if birth is not None and birth > month.replace(day=28):
        raise RuleInputError("birth_date", "sau tháng tính trợ cấp.", "is after the month.")
    age = age_at_month_end(birth, month) if birth is not None else None
    household = get_choice(data, "household", HOUSEHOLD_CLASSES, required=False)
    decision = get_month(data, "decision_month", required=False)
    pension_monthly = get_int(data, "pension_monthly", required=False)
    level, level_basis, level_figure = _standard_level(month, rules_dir)
    clauses = _clause_table(rules_dir)
    rules = load_topic("social_assistance", rules_dir)
    several = rules.get("several_categories", {})

    candidates: list[Entitlement] = []
    excluded: list[Excluded] = []
    categories = get_list(data, "categories")
    seen: set[str] = set()
    for index, category in enumerate(categories):
        where = f"categories[{index}]"
        if not isinstance(category, Mapping):
            raise RuleInputError(
                where,
                'phải là đối tượng JSON, ví dụ {"clause": "5.6"}.',
                'must be a JSON object such as {"clause": "5.6"}.',
            )
        code = get_choice(category, "clause", tuple(clauses))
        assert code is not None
        if code in seen:
            raise RuleInputError(
                f"{where}.clause", f"diện {code} bị nhập hai lần.", f"clause {code} is given twice."
            )
        seen.add(code)
        clause = clauses[code]
        basis = str(clause["legal_basis"])
        used = [level_figure, clause_figure(clause)]
        if not in_force(clause, month, where=f"social_assistance.clauses[{code}]"):
            if clause.get("effective_to") and str(clause["effective_to"]) < month.isoformat():
                used.append(clause_end_figure(clause))
            excluded.append(Excluded(code, 0, Reason(
                f"Diện {code} không áp dụng trong tháng {month_text(month.year, month.month)}. {clause.get('end_note_vi', '')}".strip(),
                f"Clause {code} does not apply in {month_text(month.year, month.month)}. {clause.get('end_note_en', '')}".strip(),
            ), tuple(used)))  # fmt: skip
            continue
        allowed = clause.get("household_classes")
        if allowed and household is not None and household not in allowed:
            vi, en = _class_sentence(allowed, household)
            excluded.append(Excluded(code, 0, Reason(
                f"Diện {code} chỉ dành cho {vi} ({basis}).", f"Clause {code} is only for {en} ({basis})."
            )))  # fmt: skip
            continue
        if code == "5.2" and not get_bool(category, "studying"):
            excluded.append(
                Excluded(code, 0, Reason("Diện 5.2 cần đang đi học.", "Clause 5.2 requires studying."))
            )
            continue
        if code == "5.6" and birth is None:
            raise RuleInputError("birth_date", "cần ngày sinh để chọn hệ số khuyết tật (trẻ em/người cao tuổi).", "needed to pick the disability coefficient.")  # fmt: skip
        found = _coefficient(clause, category, age, where)
        if found is None:
            bands = tuple(coefficient_figure(clause, i) for i in range(len(clause["coefficients"])))
            excluded.append(Excluded(code, 0, Reason(
                f"Diện {code}: tuổi {age} không thuộc độ tuổi hưởng.", f"Clause {code}: age {age} is outside the ages it covers."
            ), (*used, *bands)))  # fmt: skip
            continue
        k, cond_vi, cond_en, k_figure = found
        used.append(k_figure)
        children = None
        if clause.get("per_child"):
            used.append(child_conditions_figure(clause))
            children = _eligible_children(clause, category, month, where)
            k = k * children
            if children == 0:
                excluded.append(Excluded(code, 0, Reason(
                    "Diện 5.4: không còn con dưới 16 tuổi hoặc từ 16 đến dưới 22 tuổi đang đi học.",
                    "Clause 5.4: no child under 16, or 16 to under 22 and studying.",
                ), tuple(used)))  # fmt: skip
                continue
        amount = round(level * k)
        start, start_vi, start_en = _start_month(clause, category, birth, decision, rules_dir)
        if start is not None and month < start:
            excluded.append(Excluded(code, amount, Reason(
                f"Diện {code}: hưởng {start_vi} ({month_text(start.year, start.month)}).",
                f"Clause {code}: paid {start_en} ({month_text(start.year, start.month)}).",
            ), (clause_figure(clause),)))  # fmt: skip
            continue
        candidates.append(Entitlement(code, k, amount, basis, cond_vi, cond_en, children, tuple(used)))

    paid, dropped = _several_categories(candidates, several)
    rule_figures: list[Figure] = [level_figure]
    if len(candidates) > 1:
        rule_figures.append(several_categories_figure(several))
    for item in dropped:
        excluded.append(Excluded(item.clause, item.amount, Reason(
            f"Diện {item.clause} ({format_money(item.amount)}) không cộng: thuộc nhiều diện chỉ hưởng mức cao nhất ({several.get('legal_basis', '')}).",
            f"Clause {item.clause} ({money_en(item.amount)}) not added: several categories get the highest only ({several.get('legal_basis', '')}).",
        ), item.figures))  # fmt: skip

    pension = None
    if age is not None:
        pension = social_pension(
            month=month, age=age, household=household, pension_monthly=pension_monthly, rules_dir=rules_dir
        )
    allowance_total = sum(e.amount for e in paid)
    pension_chosen = False
    if pension is not None and pension.eligible:
        if pension.amount > allowance_total:
            pension_chosen = True
            for item in paid:
                excluded.append(Excluded(item.clause, item.amount, Reason(
                    f"Trợ cấp hưu trí xã hội ({format_money(pension.amount)}) cao hơn trợ cấp xã hội ({format_money(allowance_total)}): hưởng mức cao hơn.",
                    f"The social pension ({money_en(pension.amount)}) is higher than the social allowance ({money_en(allowance_total)}): the higher is paid.",
                ), item.figures))  # fmt: skip
            pension_used = pension_figures(month, rules_dir)
            paid = [
                Entitlement(SOCIAL_PENSION, None, pension.amount, pension.basis or "", figures=pension_used)
            ]
        else:
            excluded.append(Excluded(SOCIAL_PENSION, pension.amount, Reason(
                f"Trợ cấp xã hội ({format_money(allowance_total)}) không thấp hơn trợ cấp hưu trí xã hội ({format_money(pension.amount)}): hưởng mức cao hơn ({pension.basis}).",
                f"The social allowance ({money_en(allowance_total)}) is not lower than the social pension ({money_en(pension.amount)}): the higher is paid ({pension.basis}).",
            ), pension_figures(month, rules_dir)))  # fmt: skip

    stop = _status_stop(data, month, rules_dir)
    if stop is not None:
        for item in paid:
            excluded.append(Excluded(item.clause, item.amount, stop))
        paid = []
    total = sum(e.amount for e in paid)
    on_allowance = any(e.clause != SOCIAL_PENSION for e in paid)
    hi_person = {"birth_date": birth, "household": household, "on_social_allowance": on_allowance}
    insurance = health_insurance(hi_person, month, rules_dir=rules_dir)
    groups = {str(g.get("code")): g for g in load_topic("health_insurance", rules_dir).get("groups") or []}
    if insurance.group in groups:
        rule_figures.append(health_group_figure(groups[insurance.group]))
    figures = merge(rule_figures, *(e.figures for e in paid), *(x.figures for x in excluded))
    reason = allowance_reason(
        month, level, level_basis, paid, total, stop, pension_chosen, categories, excluded
    )
    return AllowanceResult(
        month=month,
        standard_level=level,
        standard_level_basis=level_basis,
        entitlements=tuple(paid),
        monthly_amount=total,
        health_insurance=insurance,
        reason=reason,
        excluded=tuple(excluded),
        social_pension=pension,
        figures=figures,
    )


def _class_sentence(allowed: list[str], household: str) -> tuple[str, str]:
    """ "hộ nghèo hoặc hộ cận nghèo; hộ này là hộ có mức sống trung bình" (and in English): the
    household classes in words (``rules.poverty``'s labels), never their codes."""

    def a(code: str) -> str:
        name = CLASS_EN.get(code, code)
        return f"{'an' if name[:1] in 'aeiou' else 'a'} {name}"

    vi_names = " hoặc ".join(CLASS_VI.get(c, c) for c in allowed)
    en_names = " or ".join(a(c) for c in allowed)
    if household == "none":
        return f"{vi_names}; hộ này {CLASS_VI['none']}", f"{en_names}; this household is {CLASS_EN['none']}"
    return (
        f"{vi_names}; hộ này là {CLASS_VI.get(household, household)}",
        f"{en_names}; this one is {a(household)}",
    )


def _several_categories(
    candidates: list[Entitlement], rule: Mapping[str, Any]
) -> tuple[list[Entitlement], list[Entitlement]]:
    """Art. 6.2: the single highest, or 5.4 plus the highest of the combinable clauses if that pays more."""
    if len(candidates) <= 1:
        return list(candidates), []
    additive = str(rule.get("additive_with", "5.4"))
    combinable = set(rule.get("combinable_clauses", []))
    best_single = max(candidates, key=lambda e: e.amount)
    options: list[list[Entitlement]] = [[best_single]]
    per_child = next((e for e in candidates if e.clause == additive), None)
    partners = [e for e in candidates if e.clause in combinable]
    if per_child is not None and partners:
        options.append([per_child, max(partners, key=lambda e: e.amount)])
    paid = max(options, key=lambda group: sum(e.amount for e in group))
    return paid, [e for e in candidates if e not in paid]
