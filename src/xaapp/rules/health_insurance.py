"""Health-insurance entitlement of a person: social-assistance beneficiary, poor / near-poor member, child under 6.

Decree 20/2021/NĐ-CP Art. 9 (a beneficiary gets a card; with several groups only the card with the
highest benefits) and Decree 146/2018/NĐ-CP as amended by Decree 75/2023/NĐ-CP (who the state pays for).
The groups and shares are data (``resources/rules/health_insurance.json``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from xaapp.rules.data import load_topic, require, source_status
from xaapp.rules.inputs import age_on, get_bool, get_choice, get_date
from xaapp.rules.results import Reason

HOUSEHOLD_CLASSES = ("poor", "near_poor", "average", "none")


@dataclass(frozen=True)
class HealthInsurance:
    """Whether the state pays (all or part of) the person's health-insurance premium, and on what basis."""

    entitled: bool
    group: str | None
    state_share: str | None
    basis: str | None
    status: str | None
    other_groups: tuple[str, ...]
    reason: Reason

    def to_json(self) -> dict[str, Any]:
        return {
            "entitled": self.entitled,
            "group": self.group,
            "state_share": self.state_share,
            "basis": self.basis,
            "other_groups": list(self.other_groups),
            "reason": self.reason.to_json(),
        }


def health_insurance(
    person: Mapping[str, Any], on_day: dt.date, *, rules_dir: Path | str | None = None
) -> HealthInsurance:
    """Entitlement on *on_day* of ``{"birth_date", "household": poor|near_poor|average|none,
    "on_social_allowance": bool}``; the group of highest priority wins (one card only).

    >>> health_insurance({"household": "poor"}, dt.date(2026, 1, 1)).state_share
    '100%'
    """
    data = load_topic("health_insurance", rules_dir)
    birth = get_date(person, "birth_date", required=False)
    household = get_choice(person, "household", HOUSEHOLD_CLASSES, required=False)
    on_allowance = get_bool(person, "on_social_allowance")
    matched: list[Mapping[str, Any]] = []
    for index, group in enumerate(require(data, "groups", where="health_insurance")):
        code = require(group, "code", where=f"health_insurance.groups[{index}]")
        if (
            (code == "social_allowance" and on_allowance)
            or (code == "poor_household" and household == "poor")
            or (code == "near_poor_household" and household == "near_poor")
            or (
                code == "child_under_6"
                and birth is not None
                and age_on(birth, on_day) < int(group.get("age_under", 6))
            )
        ):
            matched.append(group)
    matched.sort(key=lambda g: int(g.get("priority", 99)))
    if not matched:
        return HealthInsurance(
            False,
            None,
            None,
            None,
            None,
            (),
            Reason(
                "Không thuộc nhóm được ngân sách nhà nước đóng hoặc hỗ trợ đóng bảo hiểm y tế trong dữ liệu quy tắc.",
                "In no group whose health-insurance premium the state pays or supports, per the rule data.",
            ),
        )
    best = matched[0]
    rule = data.get("several_cards_rule") or {}
    vi = f"Bảo hiểm y tế: {best['vi']}"
    en = f"Health insurance: {best['en']}"
    if len(matched) > 1:
        vi += f"; {rule.get('vi', '')}"
        en += f"; {rule.get('en', '')}"
    return HealthInsurance(
        True,
        best["code"],
        best.get("state_share"),
        best.get("legal_basis"),
        source_status(best),
        tuple(g["code"] for g in matched[1:]),
        Reason(vi + ".", en + "."),
    )
