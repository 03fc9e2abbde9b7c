"""Social pension (trợ cấp hưu trí xã hội): eligibility and amount for a month (Decree 176/2025/NĐ-CP).

From 1/7/2025: citizens aged 75+ with no pension or monthly social-insurance benefit (or one lower
than the social pension), and people aged 70 to under 75 in poor or near-poor households; 500,000
VND a month plus any province top-up. The higher-of rule against the social allowance is applied by
:func:`xaapp.rules.allowance.monthly_allowance`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from xaapp.rules.data import load_topic, record_in_force, require, source_status
from xaapp.rules.results import Reason


@dataclass(frozen=True)
class SocialPension:
    """Eligibility for the social pension in one month; ``amount`` is 0 when not eligible."""

    eligible: bool
    amount: int
    basis: str | None
    status: str | None
    reason: Reason

    def to_json(self) -> dict[str, Any]:
        return {
            "eligible": self.eligible,
            "amount": self.amount,
            "basis": self.basis,
            "reason": self.reason.to_json(),
        }


def social_pension(
    *,
    month: dt.date,
    age: int,
    household: str | None,
    pension_monthly: int | None,
    rules_dir: Path | str | None = None,
) -> SocialPension:
    """Social pension for *month* of a person of completed *age*, household class and existing pension.

    >>> social_pension(month=dt.date(2025, 7, 1), age=75, household=None, pension_monthly=0).amount
    500000
    """
    data = load_topic("social_pension", rules_dir)
    record = record_in_force(
        require(data, "records", where="social_pension"), month, where="social_pension.records"
    )
    if record is None:
        return SocialPension(
            False,
            0,
            None,
            None,
            Reason(
                "Trợ cấp hưu trí xã hội chưa áp dụng trong tháng này (từ 07/2025).",
                "The social pension does not apply in this month (from 07/2025).",
            ),
        )
    amount = int(record["amount"])
    top_up = record_in_force(
        data.get("province_top_ups") or [], month, where="social_pension.province_top_ups"
    )
    if top_up is not None:
        amount += int(top_up["amount"])
    basis = str(record["legal_basis"])
    general, poor_age = int(record["age_general"]), int(record["age_poor_household"])
    poor_classes = tuple(record.get("poor_household_classes") or ("poor", "near_poor"))
    if age >= general:
        age_ok_vi, age_ok_en = f"từ đủ {general} tuổi", f"aged {general} or over"
    elif age >= poor_age and household in poor_classes:
        age_ok_vi = f"từ đủ {poor_age} đến dưới {general} tuổi, thuộc hộ nghèo/cận nghèo"
        age_ok_en = f"aged {poor_age} to under {general} in a poor or near-poor household"
    else:
        return SocialPension(
            False,
            0,
            basis,
            source_status(record),
            Reason(
                f"Chưa đủ tuổi hưởng trợ cấp hưu trí xã hội ({age} tuổi; cần {general}, hoặc {poor_age} nếu thuộc hộ nghèo/cận nghèo).",
                f"Not old enough for the social pension ({age}; needs {general}, or {poor_age} in a poor or near-poor household).",
            ),
        )
    existing = pension_monthly or 0
    if existing >= amount:
        return SocialPension(
            False,
            0,
            basis,
            source_status(record),
            Reason(
                "Đã có lương hưu/trợ cấp BHXH hằng tháng không thấp hơn trợ cấp hưu trí xã hội.",
                "Already has a pension or monthly social-insurance benefit not lower than the social pension.",
            ),
        )
    return SocialPension(
        True,
        amount,
        basis,
        source_status(record),
        Reason(
            f"Đủ điều kiện trợ cấp hưu trí xã hội: {age_ok_vi}, không có lương hưu hoặc thấp hơn mức trợ cấp ({basis}); cần tờ khai Mẫu số 01.",
            f"Eligible for the social pension: {age_ok_en}, no pension or a lower one ({basis}); a Mẫu số 01 request is needed.",
        ),
    )


def pension_record(month: dt.date, rules_dir: Path | str | None = None) -> Mapping[str, Any] | None:
    """The social-pension data record in force in *month*, or None before 07/2025."""
    data = load_topic("social_pension", rules_dir)
    return record_in_force(data.get("records") or [], month, where="social_pension.records")
