"""Poverty classification of one household review: income test, deprivations, score B, class and reason.

Decree 07/2021/NĐ-CP Art. 3 (2022–2025, extended through 2026 by Decree 351/2025/NĐ-CP) and Decree
351/2025/NĐ-CP (2027–2030): poor = income within the line and deprived in ≥ 3 indicators; near-poor
= income within the line and fewer; average living standard = income in the band above the line
(where the standard defines one). The income test uses per-capita income, or score A
(Circular 07/2021/TT-BLĐTBXH: ≤ 140 rural, ≤ 175 urban), or score A from a province point table.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from xaapp.domain.text import format_money
from xaapp.rules.figures import Figure, overall_status, standard_figures, status_json
from xaapp.rules.inputs import (
    RuleInputError,
    get_choice,
    get_int,
    get_number,
)
from xaapp.rules.point_table import (
    NO_TABLE_EN,
    NO_TABLE_VI,
    PointTable,
    ScoreA,
    default_point_table,
)
from xaapp.rules.results import Reason
from xaapp.rules.review_input import review_input
from xaapp.rules.standards import (
    AREA_EN,
    AREA_VI,
    AREAS,
    PovertyStandard,
    known_deprivation_codes,
    standard_for_year,
)

ClassCode = Literal["poor", "near_poor", "average", "none"]
CLASSES: tuple[ClassCode, ...] = ("poor", "near_poor", "average", "none")
CLASS_VI = {"poor": "hộ nghèo", "near_poor": "hộ cận nghèo", "average": "hộ có mức sống trung bình", "none": "không thuộc diện hộ nghèo, cận nghèo, mức sống trung bình"}  # fmt: skip
CLASS_EN = {"poor": "poor household", "near_poor": "near-poor household", "average": "average-living-standard household", "none": "not poor, near-poor or average-living-standard"}  # fmt: skip
INCOME_METHODS = ("income", "score_a", "point_table")
_METHOD_SYNONYMS = {
    "income": "income", "income_per_capita": "income", "per_capita": "income", "thu_nhap": "income", "1": "income",
    "score_a": "score_a", "score": "score_a", "diem_a": "score_a", "2": "score_a",
    "point_table": "point_table", "score_a_table": "point_table", "bang_diem": "point_table", "3": "point_table",
}  # fmt: skip
_REVIEW_FIELDS = ("review_year", "area", "income_method", "income_per_capita", "score_a")


def money_en(amount: int) -> str:
    return f"{amount:,} VND"


@dataclass(frozen=True)
class Note:
    vi: str
    en: str

    def to_json(self) -> dict[str, str]:
        return {"vi": self.vi, "en": self.en}


@dataclass(frozen=True)
class Classification:
    """The result of :func:`classify`; ``to_json()`` gives the CLI's output object."""

    classification: ClassCode
    standard: str
    standard_status: str
    income_line: int
    income_test: Literal["income", "score_a"]
    deprivation_count: int
    score_b: int
    deprivations: tuple[str, ...]
    reason: Reason
    review_year: int
    area: str
    income_per_capita: int | None
    score_a: float | None
    score_a_line: int | None
    score_a_detail: ScoreA | None
    legal_basis: str
    notes: tuple[Note, ...]
    #: The rule figures the class rests on (standard, indicator list, band or score A line) with their status.
    figures: tuple[Figure, ...] = ()

    @property
    def status(self) -> str:
        """"verified", or the weakest status of a figure the class rests on."""
        return overall_status(self.figures)

    def to_json(self) -> dict[str, Any]:
        result: dict[str, Any] = {
            "classification": self.classification,
            "standard": self.standard,
            "income_line": self.income_line,
            "income_test": self.income_test,
            "deprivation_count": self.deprivation_count,
            "score_b": self.score_b,
            "deprivations": list(self.deprivations),
            "reason": self.reason.to_json(),
            "review_year": self.review_year,
            "area": self.area,
            "income_per_capita": self.income_per_capita,
            "score_a": _plain_number(self.score_a),
            "score_a_line": self.score_a_line,
            "legal_basis": self.legal_basis,
            "standard_status": self.standard_status,
            "notes": [n.to_json() for n in self.notes],
            **status_json(self.figures),
        }
        if self.score_a_detail is not None:
            result["score_a_detail"] = self.score_a_detail.to_json()
        return result


def _plain_number(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def _deprivations(data: Mapping[str, Any], rules_dir: Path | str | None) -> list[str]:
    raw = data.get("deprivations")
    if not isinstance(raw, list):
        raise RuleInputError(
            "deprivations", "phải là danh sách mã chỉ số.", "must be a list of indicator codes."
        )
    known = known_deprivation_codes(rules_dir)
    result: list[str] = []
    for index, code in enumerate(raw):
        text = str(code).strip()
        if text not in known:
            raise RuleInputError(
                f"deprivations[{index}]",
                f"mã chỉ số «{text}» không có; các mã: {', '.join(known)}.",
                f"unknown indicator code “{text}”; codes: {', '.join(known)}.",
            )
        if text not in result:
            result.append(text)
    return result


def _method(data: Mapping[str, Any]) -> str:
    raw = data.get("income_method")
    if raw not in (None, ""):
        method = _METHOD_SYNONYMS.get(str(raw).strip().lower())
        if method is None:
            raise RuleInputError(
                "income_method",
                f"phải là {', '.join(INCOME_METHODS)}, không phải {raw!r}.",
                f"must be one of {', '.join(INCOME_METHODS)}, not {raw!r}.",
            )
        return method
    has_income = data.get("income_per_capita") not in (None, "")
    has_score = data.get("score_a") not in (None, "")
    if has_income and has_score:
        raise RuleInputError(
            "income_per_capita",
            "chỉ nhập một trong income_per_capita hoặc score_a (hoặc ghi rõ income_method).",
            "give only one of income_per_capita or score_a (or set income_method).",
        )
    if has_income:
        return "income"
    if has_score:
        return "score_a"
    if data.get("score_a_answers") is not None:
        return "point_table"
    raise RuleInputError(
        "income_per_capita",
        "thiếu thu nhập bình quân (income_per_capita) hoặc điểm A (score_a).",
        "needs the per-capita income (income_per_capita) or score A (score_a).",
    )


def classify(
    data: Mapping[str, Any],
    *,
    point_table: PointTable | None = None,
    rules_dir: Path | str | None = None,
) -> Classification:
    """Classify one household review.

    *data*: ``{"review_year": 2026, "area": "rural", "income_per_capita": 1200000 | "score_a": 130 |
    "score_a_answers": {...}, "deprivations": ["health_insurance", ...]}`` or a saved review (see
    :func:`review_input`). Bad input raises :class:`RuleInputError` naming the field.

    >>> classify({"review_year": 2026, "area": "rural", "income_per_capita": 1500000,
    ...           "deprivations": ["nutrition", "housing_area", "water_source"]}).classification
    'poor'
    """
    data = review_input(data)
    year = get_int(data, "review_year", minimum=1900)
    assert year is not None
    area = get_choice(data, "area", AREAS)
    assert area is not None
    standard = standard_for_year(year, rules_dir)
    if standard is None:
        raise RuleInputError(
            "review_year",
            f"chưa có chuẩn nghèo cho năm {year} trong dữ liệu quy tắc.",
            f"the rule data has no poverty standard for {year}.",
        )
    deprivations = _deprivations(data, rules_dir)
    counted = [c for c in standard.indicators.codes if c in deprivations]
    ignored = [c for c in deprivations if c not in counted]
    notes: list[Note] = []
    if ignored:
        notes.append(
            Note(
                f"Không tính chỉ số không thuộc chuẩn {standard.id}: {', '.join(ignored)}.",
                f"Not counted, not indicators of the {standard.id} standard: {', '.join(ignored)}.",
            )
        )
    if standard.indicators.provisional:
        notes.append(
            Note(
                f"Danh mục chỉ số của chuẩn {standard.id} là tạm thời, chưa xác minh với văn bản chính thức.",
                f"The indicator list of the {standard.id} standard is provisional, not verified against the official text.",
            )
        )
    if standard.status != "verified":
        notes.append(
            Note(
                f"Số liệu chuẩn {standard.id} có nguồn «{standard.status}»; tỉnh kiểm tra lại khi có toàn văn.",
                f"The {standard.id} figures have source status “{standard.status}”; the province re-checks them.",
            )
        )

    method = _method(data)
    line = standard.income_line[area]
    count = len(counted)
    score_b = count * standard.points_per_deprivation
    within, income_value, score_value, score_line, detail = _income_test(
        data, method, standard, area, year, point_table, rules_dir
    )
    if within:
        cls: ClassCode = "poor" if count >= standard.min_deprivations_poor else "near_poor"
    elif method == "income" and standard.average_band and area in standard.average_band:
        band = standard.average_band[area]
        cls = "average" if band.above < (income_value or 0) <= band.up_to else "none"
    else:
        cls = "none"
        if method == "income":
            notes.append(
                Note(
                    f"Chuẩn {standard.id} chưa có dải mức sống trung bình trong dữ liệu.",
                    f"The {standard.id} standard has no average-living-standard band in the data.",
                )
            )
        else:
            notes.append(
                Note(
                    "Điểm A không xác định được hộ có mức sống trung bình: dùng thu nhập bình quân để xét.",
                    "Score A cannot identify an average-living-standard household: use the per-capita income.",
                )
            )
    reason = _reason(
        standard, area, method, within, cls, income_value, score_value, score_line, counted, score_b
    )
    band_used = not within and method == "income" and bool(standard.average_band)
    figures = standard_figures(standard, average_band=band_used, score_a=method != "income")
    if detail is not None:
        figures += (
            Figure(
                key="score_a_table",
                status=detail.status,
                vi=f"bảng điểm A của tỉnh «{detail.table_name}»",
                en=f"province score A point table “{detail.table_name}”",
            ),
        )
    basis = standard.classification_basis
    if method != "income" and standard.score_a_basis:
        basis = f"{basis}; {standard.score_a_basis}"
    return Classification(
        classification=cls,
        standard=standard.id,
        standard_status=standard.status,
        income_line=line,
        income_test="income" if method == "income" else "score_a",
        deprivation_count=count,
        score_b=score_b,
        deprivations=tuple(counted),
        reason=reason,
        review_year=year,
        area=area,
        income_per_capita=income_value,
        score_a=score_value,
        score_a_line=score_line,
        score_a_detail=detail,
        legal_basis=basis,
        notes=tuple(notes),
        figures=figures,
    )


def _income_test(
    data: Mapping[str, Any],
    method: str,
    standard: PovertyStandard,
    area: str,
    year: int,
    point_table: PointTable | None,
    rules_dir: Path | str | None,
) -> tuple[bool, int | None, float | None, int | None, ScoreA | None]:
    """(within the line?, income, score A, score A line, score detail)."""
    if method == "income":
        income = get_int(data, "income_per_capita")
        assert income is not None
        return income <= standard.income_line[area], income, None, None, None
    field = "score_a" if method == "score_a" else "score_a_answers"
    if standard.score_a_line is None:
        raise RuleInputError(
            field,
            f"chuẩn {standard.id} chưa có ngưỡng điểm A trong dữ liệu: hãy dùng thu nhập bình quân (income_per_capita).",
            f"the {standard.id} standard has no score A line in the data: use the per-capita income (income_per_capita).",
        )
    score_line = standard.score_a_line[area]
    detail = None
    if method == "score_a":
        score = get_number(data, "score_a")
        if score is None:
            raise RuleInputError("score_a", "thiếu tổng điểm A.", "the score A total is missing.")
    else:
        table = point_table if point_table is not None else default_point_table(rules_dir)
        if table is None:
            raise RuleInputError("score_a_answers", NO_TABLE_VI, NO_TABLE_EN)
        if not table.applies_to(year):
            raise RuleInputError(
                "review_year",
                f"bảng điểm A «{table.name}» dùng cho {table.first_year}–{table.last_year}, không cho năm {year}.",
                f"the point table “{table.name}” is for {table.first_year}–{table.last_year}, not {year}.",
            )
        answers = data.get("score_a_answers")
        if answers is None:
            answers = data  # a saved review: the table's item codes are answers of the form
            prefix = ""
        else:
            prefix = "score_a_answers"
        if not isinstance(answers, Mapping):
            raise RuleInputError("score_a_answers", "phải là một đối tượng JSON.", "must be a JSON object.")
        detail = (
            table.score(answers, area, field_prefix=prefix) if prefix else _score_flat(table, answers, area)
        )
        score = detail.total
    return score <= score_line, None, score, score_line, detail


def _score_flat(table: PointTable, answers: Mapping[str, Any], area: str) -> ScoreA:
    try:
        return table.score(answers, area, field_prefix="")
    except RuleInputError as exc:
        raise RuleInputError(exc.field.lstrip("."), exc.message_vi, exc.message_en) from None


def _names(standard: PovertyStandard, codes: list[str], lang: str) -> str:
    names = []
    for code in codes:
        indicator = standard.indicators.get(code)
        names.append(
            indicator.name_vi if indicator and lang == "vi" else indicator.name_en if indicator else code
        )
    return ", ".join(names)


def _reason(
    standard: PovertyStandard,
    area: str,
    method: str,
    within: bool,
    cls: ClassCode,
    income: int | None,
    score: float | None,
    score_line: int | None,
    counted: list[str],
    score_b: int,
) -> Reason:
    line = standard.income_line[area]
    area_vi, area_en = AREA_VI[area], AREA_EN[area]
    if method == "income":
        assert income is not None
        sign = "≤" if within else ">"
        vi = f"Thu nhập bình quân {format_money(income)}/người/tháng {sign} chuẩn {area_vi} {format_money(line)}"
        en = f"Income per person {money_en(income)}/month {sign} {area_en} line {money_en(line)}"
        if cls in ("average", "none") and standard.average_band and area in standard.average_band:
            band = standard.average_band[area]
            if cls == "average":
                vi += f" và ≤ {format_money(band.up_to)}"
                en += f" and ≤ {money_en(band.up_to)}"
            else:
                vi += f" và > {format_money(band.up_to)}"
                en += f" and > {money_en(band.up_to)}"
    else:
        assert score is not None and score_line is not None
        sign = "≤" if within else ">"
        shown = f"{score:g}"
        vi = f"Điểm A {shown} {sign} ngưỡng {area_vi} {score_line} điểm"
        en = f"Score A {shown} {sign} {area_en} line {score_line} points"
    if within:
        minimum = standard.min_deprivations_poor
        if counted:
            vi += f"; thiếu hụt {len(counted)} chỉ số: {_names(standard, counted, 'vi')}"
            en += f"; deprived in {len(counted)} indicator{'s' if len(counted) > 1 else ''}: {_names(standard, counted, 'en')}"
        else:
            vi += "; không thiếu hụt chỉ số nào"
            en += "; deprived in no indicator"
        cmp = "≥" if len(counted) >= minimum else "<"
        vi += f" (điểm B = {score_b}, {cmp} {minimum * standard.points_per_deprivation})"
        en += f" (score B = {score_b}, {cmp} {minimum * standard.points_per_deprivation})"
    vi += f": {CLASS_VI[cls]} theo chuẩn {standard.id}."
    en += f": {CLASS_EN[cls]} under the {standard.id} standard."
    return Reason(vi[0].upper() + vi[1:], en)


__all__ = ["CLASSES", "Classification", "Note", "classify", "review_input"]
