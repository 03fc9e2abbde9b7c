"""Reading the plain-dict input of the rules: each bad field raises a RuleInputError naming the field."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from xaapp.domain.text import parse_date
from xaapp.errors import KnownError


class RuleInputError(KnownError):
    """Bad input to a rule; ``field`` names the offending field (the CLI exits with status 2)."""

    def __init__(self, field: str, message_vi: str, message_en: str) -> None:
        super().__init__(f"Trường «{field}»: {message_vi}", f"Field “{field}”: {message_en}")
        self.field = field


def get_int(
    data: Mapping[str, Any], field: str, *, required: bool = True, minimum: int | None = 0
) -> int | None:
    """A whole number (JSON number or digit string, "1.500.000" accepted), or None when optional and absent."""
    value = data.get(field)
    if value is None or value == "":
        if required:
            raise RuleInputError(field, "thiếu giá trị.", "is missing.")
        return None
    number: int | None = None
    if isinstance(value, bool):
        number = None
    elif isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, str) and re.fullmatch(r"\s*-?\d{1,3}(\.\d{3})+\s*|\s*-?\d+\s*", value):
        number = int(value.replace(".", "").strip())
    if number is None:
        raise RuleInputError(
            field, f"phải là số nguyên, không phải {value!r}.", f"must be a whole number, not {value!r}."
        )
    if minimum is not None and number < minimum:
        raise RuleInputError(field, f"không được nhỏ hơn {minimum}.", f"must not be below {minimum}.")
    return number


def get_number(data: Mapping[str, Any], field: str) -> float | None:
    """A number (int or float) or None when absent."""
    value = data.get(field)
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise RuleInputError(field, f"phải là số, không phải {value!r}.", f"must be a number, not {value!r}.")
    try:
        number = float(value)
    except ValueError:
        raise RuleInputError(
            field, f"phải là số, không phải {value!r}.", f"must be a number, not {value!r}."
        ) from None
    if number < 0:
        raise RuleInputError(field, "không được âm.", "must not be negative.")
    return number


def get_choice(
    data: Mapping[str, Any], field: str, choices: tuple[str, ...], *, required: bool = True
) -> str | None:
    """One of *choices* (case-insensitive), or None when optional and absent."""
    value = data.get(field)
    if value is None or value == "":
        if required:
            raise RuleInputError(
                field,
                f"thiếu giá trị (một trong {', '.join(choices)}).",
                f"is missing (one of {', '.join(choices)}).",
            )
        return None
    text = str(value).strip().lower()
    if text not in choices:
        raise RuleInputError(
            field,
            f"phải là một trong {', '.join(choices)}, không phải {value!r}.",
            f"must be one of {', '.join(choices)}, not {value!r}.",
        )
    return text


def get_bool(data: Mapping[str, Any], field: str, *, default: bool = False) -> bool:
    """true/false, 1/0, "yes"/"no", "có"/"không"."""
    value = data.get(field)
    if value is None or value == "":
        return default
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in {"1", "true", "yes", "có", "co", "x"}:
        return True
    if text in {"0", "false", "no", "không", "khong"}:
        return False
    raise RuleInputError(
        field, f"phải là có/không (true/false), không phải {value!r}.", f"must be true/false, not {value!r}."
    )


def get_date(data: Mapping[str, Any], field: str, *, required: bool = True) -> dt.date | None:
    """A date given as "dd/mm/yyyy" or "yyyy-mm-dd"."""
    value = data.get(field)
    if value is None or value == "":
        if required:
            raise RuleInputError(field, "thiếu ngày (dd/mm/yyyy).", "date is missing (dd/mm/yyyy).")
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return parse_date(str(value))
    except ValueError:
        raise RuleInputError(
            field, f"ngày không hợp lệ {value!r} (dd/mm/yyyy).", f"invalid date {value!r} (dd/mm/yyyy)."
        ) from None


_MONTH_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")
_MONTH_VN = re.compile(r"^\s*(\d{1,2})/(\d{4})\s*$")


def get_month(data: Mapping[str, Any], field: str, *, required: bool = True) -> dt.date | None:
    """A month given as "yyyy-mm" or "mm/yyyy", returned as the first day of that month."""
    value = data.get(field)
    if value is None or value == "":
        if required:
            raise RuleInputError(
                field, "thiếu tháng (mm/yyyy hoặc yyyy-mm).", "month is missing (mm/yyyy or yyyy-mm)."
            )
        return None
    text = str(value)
    iso, vn = _MONTH_ISO.match(text), _MONTH_VN.match(text)
    if iso:
        year, month = int(iso.group(1)), int(iso.group(2))
    elif vn:
        month, year = int(vn.group(1)), int(vn.group(2))
    else:
        raise RuleInputError(
            field,
            f"tháng không hợp lệ {value!r} (mm/yyyy hoặc yyyy-mm).",
            f"invalid month {value!r} (mm/yyyy or yyyy-mm).",
        )
    if not 1 <= month <= 12:
        raise RuleInputError(field, f"tháng không hợp lệ {value!r}.", f"invalid month {value!r}.")
    return dt.date(year, month, 1)


def get_mapping(data: Mapping[str, Any], field: str) -> Mapping[str, Any] | None:
    value = data.get(field)
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise RuleInputError(field, "phải là một đối tượng JSON.", "must be a JSON object.")
    return value


def get_list(data: Mapping[str, Any], field: str) -> list[Any]:
    value = data.get(field)
    if value is None:
        return []
    if not isinstance(value, list):
        raise RuleInputError(field, "phải là một danh sách JSON.", "must be a JSON list.")
    return value


def age_on(birth: dt.date, day: dt.date) -> int:
    """Completed years of age on *day* ("tuổi đủ")."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def age_at_month_end(birth: dt.date, month: dt.date) -> int:
    """Completed age reached within *month* (a person who turns 80 during July counts as 80 for July)."""
    next_month = dt.date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    return age_on(birth, next_month - dt.timedelta(days=1))
