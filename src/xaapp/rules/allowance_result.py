"""The result of a monthly allowance (``rules.allowance.monthly_allowance``): its lines, what was not
paid and why, the figures it rests on, and the bilingual reason read out to the person.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from xaapp.domain.text import format_money
from xaapp.rules.figures import Figure, overall_status, status_json, statuses_by_key
from xaapp.rules.health_insurance import HealthInsurance
from xaapp.rules.results import Reason, month_text
from xaapp.rules.social_pension import SocialPension

SOCIAL_PENSION = "social_pension"


def money_en(amount: int) -> str:
    return f"{amount:,} VND"


def _k(value: float) -> str:
    return f"{value:g}".replace(".", ",")


@dataclass(frozen=True)
class Entitlement:
    """One allowance line: the clause, its coefficient, the amount for the month and the legal basis."""

    clause: str
    coefficient: float | None
    amount: int
    basis: str
    condition_vi: str = ""
    condition_en: str = ""
    children: int | None = None
    #: The rule figures this line rests on (standard level, clause, coefficient …) with their status.
    figures: tuple[Figure, ...] = ()

    @property
    def status(self) -> str:
        return overall_status(self.figures)

    def to_json(self) -> dict[str, Any]:
        result: dict[str, Any] = {
            "clause": self.clause,
            "coefficient": self.coefficient,
            "amount": self.amount,
            "basis": self.basis,
        }
        if self.children is not None:
            result["children"] = self.children
        result["status"] = self.status
        result["figures"] = statuses_by_key(self.figures)
        return result


@dataclass(frozen=True)
class Excluded:
    """A clause considered but not paid this month, and why."""

    clause: str
    amount: int
    why: Reason
    #: Figures the exclusion rests on (an age band, the end of a clause …); they count for the result.
    figures: tuple[Figure, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"clause": self.clause, "amount": self.amount, "why": self.why.to_json()}


@dataclass(frozen=True)
class AllowanceResult:
    """The result of :func:`monthly_allowance`; ``to_json()`` is the CLI's output object."""

    month: dt.date
    standard_level: int
    standard_level_basis: str
    entitlements: tuple[Entitlement, ...]
    monthly_amount: int
    health_insurance: HealthInsurance
    reason: Reason
    excluded: tuple[Excluded, ...] = field(default_factory=tuple)
    social_pension: SocialPension | None = None
    #: Every rule figure the amount rests on, with its source status (see ``rules.figures``).
    figures: tuple[Figure, ...] = ()

    @property
    def status(self) -> str:
        """ "verified", or the weakest status of a figure the result rests on."""
        return overall_status(self.figures)

    def to_json(self) -> dict[str, Any]:
        return {
            "month": f"{self.month.year:04d}-{self.month.month:02d}",
            "standard_level": self.standard_level,
            "entitlements": [e.to_json() for e in self.entitlements],
            "monthly_amount": self.monthly_amount,
            "health_insurance": self.health_insurance.to_json(),
            "reason": self.reason.to_json(),
            "standard_level_basis": self.standard_level_basis,
            "excluded": [e.to_json() for e in self.excluded],
            **status_json(self.figures),
        }


def allowance_reason(
    month: dt.date,
    level: int,
    level_basis: str,
    paid: list[Entitlement],
    total: int,
    stop: Reason | None,
    pension_chosen: bool,
    categories: list[Any],
    excluded: list[Excluded],
) -> Reason:
    when = month_text(month.year, month.month)
    head_vi = f"Tháng {when}: mức chuẩn {format_money(level)} ({level_basis})"
    head_en = f"{when}: standard level {money_en(level)} ({level_basis})"
    if stop is not None:
        return Reason(f"{head_vi}. {stop.vi} Không chi trả.", f"{head_en}. {stop.en} Nothing is paid.")
    parts_vi, parts_en = [], []
    for e in paid:
        if e.clause == SOCIAL_PENSION:
            parts_vi.append(f"trợ cấp hưu trí xã hội {format_money(e.amount)} ({e.basis})")
            parts_en.append(f"social pension {money_en(e.amount)} ({e.basis})")
        elif e.children is not None:
            parts_vi.append(f"diện {e.clause}: {e.children} con × hệ số 1 = {format_money(e.amount)}")
            parts_en.append(
                f"clause {e.clause}: {e.children} child{'ren' if e.children > 1 else ''} × coefficient 1 = {money_en(e.amount)}"
            )
        else:
            parts_vi.append(
                f"diện {e.clause} ({e.condition_vi}) hệ số {_k(e.coefficient or 0)} = {format_money(e.amount)}"
            )
            parts_en.append(
                f"clause {e.clause} ({e.condition_en}) coefficient {e.coefficient:g} = {money_en(e.amount)}"
            )
    if not paid:
        if not categories and not excluded:
            return Reason(
                f"{head_vi}. Chưa khai diện hưởng nào: không có trợ cấp.",
                f"{head_en}. No category given: no allowance.",
            )
        why_vi = " ".join(x.why.vi for x in excluded)
        why_en = " ".join(x.why.en for x in excluded)
        return Reason(
            f"{head_vi}. Không có trợ cấp tháng này. {why_vi}",
            f"{head_en}. No allowance this month. {why_en}",
        )
    vi = f"{head_vi}; " + " + ".join(parts_vi) + f"; tổng {format_money(total)}/tháng."
    en = f"{head_en}; " + " + ".join(parts_en) + f"; total {money_en(total)}/month."
    if len(paid) == 2 and not pension_chosen:
        vi += " Người đơn thân nghèo nuôi con được hưởng cả hai (Nghị định 20/2021/NĐ-CP, Điều 6 khoản 2)."
        en += " A single poor parent keeps both (Decree 20/2021/NĐ-CP, Art. 6.2)."
    return Reason(vi, en)
