"""The classification input found in a saved household review (form ``household_review``).

A saved review is ODK-instance shaped, maybe nested in groups or with fields named ``group/field``;
:func:`review_input` searches it for what ``rules.poverty.classify`` needs.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from xaapp.rules.deprivations import flag_code
from xaapp.rules.inputs import RuleInputError


def _walk(data: Any) -> Iterator[tuple[str, Any]]:
    """Every (key, value) of nested dicts/lists, depth first; keys like "group/field" give "field"."""
    if isinstance(data, Mapping):
        for key, value in data.items():
            name = str(key).rsplit("/", 1)[-1]
            if isinstance(value, Mapping | list):
                yield from _walk(value)
            else:
                yield name, value
    elif isinstance(data, list):
        for value in data:
            yield from _walk(value)


def _flag(value: Any, field: str) -> bool:
    text = str(value).strip().lower()
    if text in {"1", "true", "yes", "có"}:
        return True
    if text in {"0", "false", "no", "không", ""}:
        return False
    raise RuleInputError(field, f"phải là 0 hoặc 1, không phải {value!r}.", f"must be 0 or 1, not {value!r}.")


def review_input(data: Mapping[str, Any]) -> dict[str, Any]:
    """The classification input of either a flat input object or a saved household-review answers JSON.

    A saved review (form ``household_review``, ODK-instance shaped, maybe nested in groups) is searched
    recursively for ``review_year``, ``area`` (or the form's ``area_type``), ``income_method`` (the form's
    ``per_capita`` means ``income``), ``income_per_capita`` or ``score_a`` and
    the ``dep_<code>`` 0/1 flags; other answers are kept for a province point table.
    """
    if "deprivations" in data and isinstance(data.get("deprivations"), list):
        return dict(data)
    found: dict[str, Any] = {}
    deprivations: list[str] = []
    saw_flag = False
    for key, value in _walk(data):
        code = flag_code(key)
        if code is not None:
            saw_flag = True
            if _flag(value, key) and code not in deprivations:
                deprivations.append(code)
        elif key not in found:
            found[key] = value
    if not saw_flag and "deprivations" not in found:
        raise RuleInputError(
            "deprivations",
            "thiếu danh sách chỉ số thiếu hụt (deprivations) hoặc các cờ dep_<mã>.",
            "no deprivation list (deprivations) nor dep_<code> flags found.",
        )
    found["deprivations"] = deprivations
    if "area" not in found and "area_type" in found:  # the household form names it area_type
        found["area"] = found["area_type"]
    return found
