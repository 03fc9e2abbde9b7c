"""The deprivation indicators: one definition of each, in ``deprivation_indicators.json``.

Each indicator is written once in the file's ``indicators`` catalogue — its code, its name in
Vietnamese and English, the legal source that defines it, the household-form questions its flag is
calculated from, and how often the demo commune lacks it. Everything else follows from that entry:
the poverty standards' indicator sets (``sets``, which add the number, dimension and source status
per standard), the interview's and the lists' labels, Biểu 2's rows, the demo's weights, the table in
``docs/rules.md`` (:func:`markdown_table`) and the check of the household form
(``services.review_facts.indicator_problems``).

The household form calculates each indicator as a 0/1 flag named ``dep_<code>``; this module is the
only place that builds or parses that name (:func:`flag_name`, :func:`flag_code`, :func:`flagged`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from xaapp.rules.data import RuleDataError, load_topic, require

TOPIC = "deprivation_indicators"
FLAG_PREFIX = "dep_"
_TRUE = (1, True, "1")


@dataclass(frozen=True)
class IndicatorInfo:
    """One indicator as the catalogue defines it (the same in every standard that counts it)."""

    code: str
    name_vi: str
    name_en: str
    legal_basis: str
    #: The household-form questions the ``dep_<code>`` calculation reads (XLSForm names).
    questions: tuple[str, ...]
    #: Relative weight of the indicator among the demo commune's deprivations (0: never drawn).
    demo_weight: int

    @property
    def flag(self) -> str:
        return flag_name(self.code)

    def label(self, lang: str = "vi") -> str:
        """The name as a label: capitalised, in *lang* ("vi" or "en")."""
        name = self.name_en if lang == "en" else self.name_vi
        return name[:1].upper() + name[1:]


def flag_name(code: str) -> str:
    """The household form's calculation of the indicator *code*: ``dep_<code>``."""
    return FLAG_PREFIX + code


def flag_code(name: str) -> str | None:
    """The indicator code of a form answer named ``dep_<code>``; None for any other answer."""
    return name[len(FLAG_PREFIX) :] if name.startswith(FLAG_PREFIX) and len(name) > len(FLAG_PREFIX) else None


def flagged(answers: Mapping[str, Any]) -> tuple[str, ...]:
    """The codes whose ``dep_<code>`` flag is set (1) among the flat *answers*, in their order."""
    return tuple(code for key, value in answers.items() if (code := flag_code(key)) and value in _TRUE)


def catalogue(rules_dir: Path | str | None = None) -> tuple[IndicatorInfo, ...]:
    """Every indicator of the catalogue, in file order (which is the form's and the lists' order)."""
    data = load_topic(TOPIC, rules_dir)
    key = (str(rules_dir), id(data))
    cached = _BUILT.get(key)
    if cached is not None and cached[0] is data:
        return cached[1]
    built = _build(data)
    if len(_BUILT) > 32:
        _BUILT.clear()
    _BUILT[key] = (data, built)
    return built


_BUILT: dict[tuple[str, int], tuple[Mapping[str, Any], tuple[IndicatorInfo, ...]]] = {}


def _build(data: Mapping[str, Any]) -> tuple[IndicatorInfo, ...]:
    out: list[IndicatorInfo] = []
    raw_list = require(data, "indicators", where=TOPIC)
    if not isinstance(raw_list, list):
        raise RuleDataError(
            f"{TOPIC}.indicators phải là một danh sách.", f"{TOPIC}.indicators must be a list."
        )
    for n, raw in enumerate(raw_list):
        where = f"{TOPIC}.indicators[{n}]"
        code = str(require(raw, "code", where=where))
        if flag_code(flag_name(code)) != code or not code.replace("_", "").isalnum() or not code.isascii():
            raise RuleDataError(
                f"{where}.code «{code}» phải gồm chữ cái Latin, chữ số và dấu _.",
                f"{where}.code “{code}” must be Latin letters, digits and _.",
            )
        if any(i.code == code for i in out):
            raise RuleDataError(
                f"{where}: mã «{code}» đã có ở trên.", f"{where}: code “{code}” is listed twice."
            )
        questions = raw.get("questions", [])
        weight = raw.get("demo_weight", 0)
        if not isinstance(questions, list) or not all(isinstance(q, str) for q in questions):
            raise RuleDataError(
                f"{where}.questions phải là danh sách tên câu hỏi.",
                f"{where}.questions must be a list of names.",
            )
        if not isinstance(weight, int) or isinstance(weight, bool) or weight < 0:
            raise RuleDataError(
                f"{where}.demo_weight phải là số nguyên ≥ 0.",
                f"{where}.demo_weight must be a whole number ≥ 0.",
            )
        out.append(
            IndicatorInfo(
                code=code,
                name_vi=str(require(raw, "name_vi", where=where)),
                name_en=str(require(raw, "name_en", where=where)),
                legal_basis=str(require(raw, "legal_basis", where=where)),
                questions=tuple(questions),
                demo_weight=weight,
            )
        )
    return tuple(out)


def indicator(code: str, rules_dir: Path | str | None = None) -> IndicatorInfo | None:
    return next((i for i in catalogue(rules_dir) if i.code == code), None)


def catalogue_codes(rules_dir: Path | str | None = None) -> tuple[str, ...]:
    return tuple(i.code for i in catalogue(rules_dir))


def label(code: str, lang: str = "vi", rules_dir: Path | str | None = None) -> str:
    """The label of *code* in *lang*; the code itself when the catalogue does not have it."""
    found = indicator(code, rules_dir)
    return found.label(lang) if found is not None else code


def demo_weights(codes: Iterable[str], rules_dir: Path | str | None = None) -> tuple[tuple[str, int], ...]:
    """(code, weight) of those of *codes* the demo draws (weight > 0), in *codes*' order."""
    weights = {i.code: i.demo_weight for i in catalogue(rules_dir)}
    return tuple((c, weights[c]) for c in codes if weights.get(c, 0) > 0)


def markdown_table(rules_dir: Path | str | None = None) -> str:
    """The indicator table of ``docs/rules.md``: every indicator, the sets that count it, its source."""
    from xaapp.rules.standards import all_standards

    sets: dict[str, list[str]] = {}
    for standard in all_standards(rules_dir):
        for item in standard.indicators.indicators:
            entry = f"{standard.indicators.id} (no. {item.no}, {item.status})"
            if entry not in sets.setdefault(item.code, []):
                sets[item.code].append(entry)
    lines = [
        "| code (`dep_<code>` in the form) | name (vi / en) | sets counting it | legal source | form questions | demo weight |",
        "|---|---|---|---|---|---|",
    ]
    for i in catalogue(rules_dir):
        questions = ", ".join(f"`{q}`" for q in i.questions) or "(none)"
        counted = "; ".join(sets.get(i.code, [])) or "(none)"
        lines.append(
            f"| `{i.code}` | {i.name_vi} / {i.name_en} | {counted} | {i.legal_basis} | {questions} | {i.demo_weight} |"
        )
    return "\n".join(lines)
