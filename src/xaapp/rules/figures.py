"""Which rule figures a result rests on, each with the source status the data gives it.

Every record of ``resources/rules/*.json`` carries a status: ``verified``, ``secondary`` (one secondary
source) or ``unverified`` (partial or inferred). A result built on a figure that is not verified must
say so wherever it is shown (the CLI's JSON, the app, printed lists), so each result lists the
:class:`Figure`\\ s it used. A figure's ``key`` names its place in the data ("social_assistance.clauses
[5.2].coefficients[0]"), ``vi``/``en`` say what it is, ``basis`` is its legal basis and ``note`` what
the data says is uncertain. Statuses are read from the data and never changed here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from xaapp.rules.data import (
    STATUSES,
    in_force,
    load_topic,
    parse_iso_date,
    record_in_force,
    source_status,
)
from xaapp.rules.inputs import age_at_month_end

STATUS_VI = {"verified": "đã xác minh", "secondary": "nguồn thứ cấp", "unverified": "chưa xác minh"}
STATUS_EN = {"verified": "verified", "secondary": "secondary source", "unverified": "unverified"}
_RANK = {status: rank for rank, status in enumerate(STATUSES)}


@dataclass(frozen=True)
class Figure:
    """One figure (or record of figures) of the rule data that a result used."""

    key: str
    status: str
    vi: str
    en: str
    basis: str = ""
    note: str = ""

    @property
    def verified(self) -> bool:
        return self.status == "verified"

    def to_json(self) -> dict[str, Any]:
        out = {"key": self.key, "status": self.status, "vi": self.vi, "en": self.en, "basis": self.basis}
        if self.note:
            out["note"] = self.note
        return out


def merge(*groups: Iterable[Figure]) -> tuple[Figure, ...]:
    """The figures of *groups*, each key once, in first-seen order."""
    seen: dict[str, Figure] = {}
    for group in groups:
        for figure in group:
            seen.setdefault(figure.key, figure)
    return tuple(seen.values())


def overall_status(figures: Iterable[Figure]) -> str:
    """The weakest status among *figures* ("verified" when there are none)."""
    worst = "verified"
    for figure in figures:
        if _RANK.get(figure.status, len(STATUSES)) > _RANK[worst]:
            worst = figure.status if figure.status in _RANK else "unverified"
    return worst


def not_verified(figures: Iterable[Figure]) -> tuple[Figure, ...]:
    return tuple(f for f in figures if not f.verified)


def status_json(figures: Iterable[Figure]) -> dict[str, Any]:
    """``{"status": …, "not_verified": [...]}``: the part of a result's JSON that carries the statuses."""
    figures = tuple(figures)
    return {"status": overall_status(figures), "not_verified": [f.to_json() for f in not_verified(figures)]}


def statuses_by_key(figures: Iterable[Figure]) -> dict[str, str]:
    return {f.key: f.status for f in figures}


def figure_from_json(data: Mapping[str, Any]) -> Figure:
    """A figure back from its ``to_json()`` (results stored in the database keep their figures)."""
    status = str(data.get("status") or "unverified")
    return Figure(
        key=str(data.get("key") or ""),
        status=status if status in _RANK else "unverified",
        vi=str(data.get("vi") or ""),
        en=str(data.get("en") or ""),
        basis=str(data.get("basis") or ""),
        note=str(data.get("note") or ""),
    )


def _note(record: Mapping[str, Any]) -> str:
    return str(record.get("note") or "")


# --- social assistance ---------------------------------------------------------------------------


def standard_level_figure(record: Mapping[str, Any], *, province: bool = False) -> Figure:
    start = str(record.get("effective_from") or "")
    where = "province_standard_levels" if province else "standard_levels"
    amount = int(record.get("amount") or 0)
    return Figure(
        key=f"social_assistance.{where}[{start}]",
        status=source_status(record),
        vi=f"mức chuẩn trợ giúp xã hội {amount:,} đ".replace(",", ".") + (" của tỉnh" if province else ""),
        en=f"social-assistance standard level {amount:,} VND" + (" (province)" if province else ""),
        basis=str(record.get("legal_basis") or ""),
        note=_note(record),
    )


def clause_figure(clause: Mapping[str, Any]) -> Figure:
    code = str(clause.get("clause"))
    return Figure(
        key=f"social_assistance.clauses[{code}]",
        status=source_status(clause),
        vi=f"diện {code}: {clause.get('name_vi', '')}",
        en=f"clause {code}: {clause.get('name_en', '')}",
        basis=str(clause.get("legal_basis") or ""),
        note=_note(clause),
    )


def coefficient_figure(clause: Mapping[str, Any], index: int) -> Figure:
    """Coefficient option *index* of *clause* (its own status, else the clause's)."""
    option = clause["coefficients"][index]
    code = str(clause.get("clause"))
    status = source_status(option) if "status" in option else source_status(clause)
    k = f"{float(option.get('k', 0)):g}"
    return Figure(
        key=f"social_assistance.clauses[{code}].coefficients[{index}]",
        status=status,
        vi=f"hệ số {k.replace('.', ',')} của diện {code} ({option.get('label_vi', '')})",
        en=f"coefficient {k} of clause {code} ({option.get('label_en', '')})",
        basis=str(clause.get("legal_basis") or ""),
        note=_note(option),
    )


def child_conditions_figure(clause: Mapping[str, Any]) -> Figure:
    code = str(clause.get("clause"))
    rule = clause.get("child_conditions") or {}
    under = rule.get("under_age", 16)
    studying = rule.get("studying_max_age_exclusive", 22)
    status = source_status(rule) if "status" in rule else source_status(clause)
    return Figure(
        key=f"social_assistance.clauses[{code}].child_conditions",
        status=status,
        vi=f"con được tính của diện {code}: dưới {under} tuổi, hoặc dưới {studying} tuổi đang đi học",
        en=f"children counted for clause {code}: under {under}, or under {studying} and studying",
        basis=str(clause.get("legal_basis") or ""),
        note=_note(rule),
    )


def clause_end_figure(clause: Mapping[str, Any]) -> Figure:
    code = str(clause.get("clause"))
    end = parse_iso_date(clause.get("effective_to"), where=f"social_assistance.clauses[{code}].effective_to")
    status = str(clause.get("end_status") or clause.get("status") or "unverified")
    end_text = f"{end.day:02d}/{end.month:02d}/{end.year}" if end else ""
    return Figure(
        key=f"social_assistance.clauses[{code}].effective_to",
        status=status if status in _RANK else "unverified",
        vi=f"diện {code} hết áp dụng sau ngày {end_text}",
        en=f"clause {code} ends after {end_text}",
        basis=str(clause.get("legal_basis") or ""),
        note=str(clause.get("end_note_vi") or ""),
    )


def several_categories_figure(rule: Mapping[str, Any]) -> Figure:
    return Figure(
        key="social_assistance.several_categories",
        status=source_status(rule),
        vi="quy tắc thuộc nhiều diện (chỉ hưởng mức cao nhất, trừ diện 5.4)",
        en="several-categories rule (highest only, except clause 5.4)",
        basis=str(rule.get("legal_basis") or ""),
    )


def pension_figure(record: Mapping[str, Any]) -> Figure:
    return Figure(
        key=f"social_pension.records[{record.get('effective_from', '')}]",
        status=source_status(record),
        vi="trợ cấp hưu trí xã hội (mức, độ tuổi)",
        en="social pension (amount, ages)",
        basis=str(record.get("legal_basis") or ""),
    )


def pension_figures(month: dt.date, rules_dir: Path | str | None = None) -> tuple[Figure, ...]:
    """The social-pension record in force in *month* and the province top-up added to it, if any."""
    data = load_topic("social_pension", rules_dir)
    record = record_in_force(data.get("records") or [], month, where="social_pension.records")
    if record is None:
        return ()
    out = [pension_figure(record)]
    top_up = record_in_force(
        data.get("province_top_ups") or [], month, where="social_pension.province_top_ups"
    )
    if top_up is not None:
        out.append(
            Figure(
                key=f"social_pension.province_top_ups[{top_up.get('effective_from', '')}]",
                status=source_status(top_up),
                vi="khoản hỗ trợ thêm của tỉnh cho trợ cấp hưu trí xã hội",
                en="province top-up of the social pension",
                basis=str(top_up.get("legal_basis") or ""),
            )
        )
    return tuple(out)


def health_group_figure(group: Mapping[str, Any]) -> Figure:
    return Figure(
        key=f"health_insurance.groups[{group.get('code', '')}]",
        status=source_status(group),
        vi=f"bảo hiểm y tế: {group.get('vi', '')}",
        en=f"health insurance: {group.get('en', '')}",
        basis=str(group.get("legal_basis") or ""),
    )


def _option_fits(clause: Mapping[str, Any], option: Mapping[str, Any], age: int) -> bool:
    cond = option.get("condition")
    if cond in ("any", "per_child"):
        return True
    if cond == "disability":
        child_or_elderly = age < int(clause.get("child_under_age", 16)) or age >= int(
            clause.get("elderly_from_age", 60)
        )
        return option.get("group") == ("child_or_elderly" if child_or_elderly else "adult")
    if cond == "age_under":
        return age < int(option["age"])
    if cond == "age_from":
        return age >= int(option["age"])
    if cond == "age_range":
        return int(option["min_age"]) <= age < int(option["max_age_exclusive"])
    return True


def allowance_figures(
    clauses: Iterable[str],
    month: dt.date,
    *,
    ages: Iterable[int] = (),
    rules_dir: Path | str | None = None,
) -> tuple[Figure, ...]:
    """The figures behind a monthly allowance under *clauses* in *month*, for a stored record (a payment
    list row, a beneficiary) whose amount was worked out earlier: the standard level in force, each
    clause with the coefficients that fit one of *ages* (all of them when no age is known), 5.4's
    children rule, a clause's end when *month* is after it, and the several-categories rule."""
    data = load_topic("social_assistance", rules_dir)
    out: list[Figure] = []
    national = record_in_force(
        data.get("standard_levels") or [], month, where="social_assistance.standard_levels"
    )
    if national is not None:
        out.append(standard_level_figure(national))
    province = record_in_force(
        data.get("province_standard_levels") or [], month, where="social_assistance.province_standard_levels"
    )
    if province is not None and (national is None or int(province["amount"]) > int(national["amount"])):
        out.append(standard_level_figure(province, province=True))
    table = {str(c.get("clause")): c for c in data.get("clauses") or []}
    ages = tuple(ages)
    codes = [c for c in clauses if c in table]
    for code in codes:
        clause = table[code]
        out.append(clause_figure(clause))
        if not in_force(clause, month, where=f"social_assistance.clauses[{code}]"):
            ended = parse_iso_date(clause["effective_to"], where=code) if clause.get("effective_to") else None
            if ended is not None and ended < month:
                out.append(clause_end_figure(clause))
            continue
        options = clause.get("coefficients") or []
        for index, option in enumerate(options):
            if not ages or any(_option_fits(clause, option, age) for age in ages):
                out.append(coefficient_figure(clause, index))
        if clause.get("per_child"):
            out.append(child_conditions_figure(clause))
    if len(codes) > 1 and data.get("several_categories"):
        out.append(several_categories_figure(data["several_categories"]))
    return merge(out)


def ages_in_month(birth: dt.date | int | None, month: dt.date) -> tuple[int, ...]:
    """The age(s) a person born on *birth* (a date, or only the year) may have reached within *month*."""
    if birth is None:
        return ()
    if isinstance(birth, dt.date):
        return (age_at_month_end(birth, month),)
    return tuple({month.year - int(birth) - 1, month.year - int(birth)})


# --- poverty standards and movement ----------------------------------------------------------------


def standard_figures(
    standard: Any, *, average_band: bool = False, score_a: bool = False
) -> tuple[Figure, ...]:
    """The figures a classification under *standard* (a ``rules.standards.PovertyStandard``) rests on:
    the standard (income lines, deprivation count), its indicator list, and the average band or score A
    line when used."""
    out = [
        Figure(
            key=f"poverty_standards.records[{standard.id}]",
            status=standard.status,
            vi=f"chuẩn nghèo {standard.id} (chuẩn thu nhập, số chỉ số thiếu hụt)",
            en=f"poverty standard {standard.id} (income lines, deprivation count)",
            basis=standard.legal_basis,
            note=standard.note,
        ),
        Figure(
            key=f"deprivation_indicators.sets[{standard.indicators.id}]",
            status=standard.indicators.status,
            vi=f"danh mục chỉ số thiếu hụt {standard.indicators.id}"
            + (" (tạm thời)" if standard.indicators.provisional else ""),
            en=f"deprivation indicator list {standard.indicators.id}"
            + (" (provisional)" if standard.indicators.provisional else ""),
            basis=standard.indicators.legal_basis,
            note=standard.indicators.note,
        ),
    ]
    if average_band and standard.average_band:
        out.append(
            Figure(
                key=f"poverty_standards.records[{standard.id}].average_band",
                status=standard.average_band_status,
                vi=f"dải mức sống trung bình của chuẩn {standard.id}",
                en=f"average-living-standard band of the {standard.id} standard",
                basis=standard.average_band_basis or "",
            )
        )
    if score_a and standard.score_a_line:
        out.append(
            Figure(
                key=f"poverty_standards.records[{standard.id}].score_a_line",
                status=standard.score_a_status,
                vi=f"ngưỡng điểm A của chuẩn {standard.id}",
                en=f"score A line of the {standard.id} standard",
                basis=standard.score_a_basis or "",
            )
        )
    return tuple(out)


def year_figures(year: int, rules_dir: Path | str | None = None) -> tuple[Figure, ...]:
    """The figures behind the classifications of review *year* (its standard and indicator list)."""
    from xaapp.rules.standards import standard_for_year

    standard = standard_for_year(year, rules_dir)
    return standard_figures(standard) if standard is not None else ()


def movement_figure(rules_dir: Path | str | None = None) -> Figure:
    data = load_topic("movement", rules_dir)
    return Figure(
        key="movement",
        status=source_status(data),
        vi="tên cột, nhãn biểu diễn biến hộ nghèo, hộ cận nghèo (Phụ lục VII)",
        en="movement-table column names and labels (Phụ lục VII)",
        basis=str(data.get("legal_basis") or ""),
        note=_note(data),
    )
