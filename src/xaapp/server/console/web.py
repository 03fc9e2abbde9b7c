"""Rendering console pages: the Jinja2 environment, Vietnamese-first words, numbers, masked IDs.

Templates say every label twice, Vietnamese first: ``{{ t("Xã", "Communes") }}``; the page language
is ``vi`` unless ``?lang=en`` was asked (remembered in a cookie). Numbers print the Vietnamese way
(``1.234``, ``12,5%``), dates ``dd/mm/yyyy``. Personal IDs are masked (``038•••••1234``) wherever
``mask`` is used, which is every page but a household's own for the roles allowed to see them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from xaapp.rules.standards import standard_for_year

HERE = Path(__file__).resolve().parent
LANGS = ("vi", "en")

CLASS_LABELS: dict[str, tuple[str, str]] = {
    "poor": ("Hộ nghèo", "Poor"),
    "near_poor": ("Hộ cận nghèo", "Near-poor"),
    "average": ("Hộ có mức sống trung bình", "Average living standard"),
    "none": ("Không thuộc diện", "Not in any group"),
}
STATUS_LABELS: dict[str, tuple[str, str]] = {"final": ("Hoàn thành", "Final"), "draft": ("Nháp", "Draft")}
KIND_LABELS: dict[str, tuple[str, str]] = {
    "periodic": ("Định kỳ", "Periodic"),
    "monthly": ("Thường xuyên", "Monthly"),
}
SEX_LABELS: dict[str, tuple[str, str]] = {"male": ("Nam", "Male"), "female": ("Nữ", "Female")}
RELATIONSHIP_LABELS: dict[str, tuple[str, str]] = {
    "head": ("Chủ hộ", "Head"),
    "spouse": ("Vợ/chồng", "Spouse"),
    "child": ("Con", "Child"),
    "parent": ("Bố/mẹ", "Parent"),
    "grandchild": ("Cháu", "Grandchild"),
    "sibling": ("Anh/chị/em", "Sibling"),
    "other": ("Khác", "Other"),
}
FIELD_LABELS: dict[str, tuple[str, str]] = {
    "name": ("tên", "name"),
    "code": ("mã hộ", "code"),
    "address": ("địa chỉ", "address"),
    "area_type": ("khu vực", "area"),
    "phone": ("điện thoại", "phone"),
    "ethnic_minority": ("dân tộc thiểu số", "ethnic minority"),
    "position": ("thứ tự", "position"),
    "full_name": ("họ tên", "full name"),
    "sex": ("giới tính", "sex"),
    "dob": ("ngày sinh", "born"),
    "birth_year": ("năm sinh", "birth year"),
    "ethnicity": ("dân tộc", "ethnicity"),
    "personal_id": ("số định danh", "personal ID"),
    "legacy_id": ("số CMND cũ", "old ID card"),
    "relationship_to_head": ("quan hệ với chủ hộ", "relationship"),
    "review_year": ("năm rà soát", "review year"),
    "kind": ("loại phiếu", "kind"),
    "review_month": ("tháng", "month"),
    "status": ("trạng thái", "status"),
    "result_class": ("phân loại", "class"),
    "listed_on": ("ngày lập danh sách", "listed"),
    "surveyed_on": ("ngày điều tra", "surveyed"),
    "meeting_on": ("ngày họp thôn", "village meeting"),
    "meeting_agree_pct": ("tỷ lệ đồng ý (%)", "agreeing (%)"),
    "posted_on": ("ngày niêm yết", "posted"),
    "recognised_on": ("ngày công nhận", "recognised"),
    "decision_no": ("số quyết định", "decision no."),
    "deleted_at": ("xóa lúc", "deleted at"),
}
#: Fields left out of a revision's list of changes: links between records and form bookkeeping.
QUIET_FIELDS = {"village_uuid", "household_uuid", "person_uuid", "form_id", "form_version"}
ID_FIELDS = {"personal_id", "legacy_id"}
ENTITY_LABELS: dict[str, tuple[str, str]] = {
    "village": ("Thôn", "Village"),
    "household": ("Hộ", "Household"),
    "person": ("Nhân khẩu", "Person"),
    "poverty_review": ("Phiếu rà soát", "Review"),
    "beneficiary": ("Đối tượng BTXH", "Beneficiary"),
}


def mask_id(value: str | None) -> str:
    """A personal ID with its middle hidden: 038190001234 → 038•••••1234 (first 3, last 4 digits)."""
    if not value:
        return ""
    if len(value) <= 7:
        return "•" * len(value)
    return value[:3] + "•" * (len(value) - 7) + value[-4:]


def num(value: Any) -> str:
    if value is None or value == "":
        return ""
    return f"{int(value):,}".replace(",", ".")


def pct(value: Any) -> str:
    if value is None:
        return ""
    return f"{float(value) * 100:.1f}".replace(".", ",") + "%"


def when(value: dt.datetime | None) -> str:
    if value is None:
        return ""
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d} {value.hour:02d}:{value.minute:02d}"


def day(value: str | None) -> str:
    """An ISO date (yyyy-mm-dd) as dd/mm/yyyy; anything else as it is."""
    if not value:
        return ""
    try:
        d = dt.date.fromisoformat(value[:10])
    except ValueError:
        return value
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"


def indicator_names(year: int, codes: tuple[str, ...], lang: str) -> str:
    """Deprivation codes as the year's standard names them (a code it does not know, as it is)."""
    standard = standard_for_year(year)
    names = []
    for code in codes:
        found = standard.indicators.get(code) if standard else None
        names.append((found.name_en if lang == "en" else found.name_vi) if found else code)
    return "; ".join(names)


def change_text(field: str, value: Any, lang: str, full_ids: bool) -> str:
    """One value of a revision's change, readable: labels for codes, dates dd/mm/yyyy, IDs masked."""
    if value is None or value == "":
        return "∅"
    if field in ID_FIELDS and not full_ids:
        return mask_id(str(value))
    tables = {"sex": SEX_LABELS, "relationship_to_head": RELATIONSHIP_LABELS, "result_class": CLASS_LABELS,
              "status": STATUS_LABELS, "kind": KIND_LABELS}  # fmt: skip
    if field in tables and str(value) in tables[field]:
        vi, en = tables[field][str(value)]
        return en if lang == "en" else vi
    if isinstance(value, bool):
        return ("yes" if value else "no") if lang == "en" else ("có" if value else "không")
    if isinstance(value, str) and len(value) >= 10 and value[4] == "-" and value[7] == "-":
        return day(value) + (value[10:16].replace("T", " ") if len(value) > 10 else "")
    return str(value)


def _env() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(HERE / "templates")),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(num=num, pct=pct, when=when, day=day, mask=mask_id)
    return env


ENV = _env()


def render(name: str, lang: str, **context: Any) -> str:
    def t(vi: str, en: str) -> str:
        return en if lang == "en" else vi

    def label(table: dict[str, tuple[str, str]], key: str | None) -> str:
        if key is None:
            return ""
        vi, en = table.get(key, (key, key))
        return t(vi, en)

    def field_label(field: str) -> str:
        return label(FIELD_LABELS, field)

    def change(field: str, value: Any, full_ids: bool) -> str:
        return change_text(field, value, lang, full_ids)

    def indicators(year: int, codes: tuple[str, ...]) -> str:
        return indicator_names(year, codes, lang)

    def url(path: str, **params: Any) -> str:
        clean = {k: v for k, v in params.items() if v not in (None, "")}
        return path + ("?" + urlencode(clean) if clean else "")

    return ENV.get_template(name).render(
        lang=lang,
        t=t,
        label=label,
        url=url,
        CLASS_LABELS=CLASS_LABELS,
        STATUS_LABELS=STATUS_LABELS,
        KIND_LABELS=KIND_LABELS,
        SEX_LABELS=SEX_LABELS,
        ENTITY_LABELS=ENTITY_LABELS,
        RELATIONSHIP_LABELS=RELATIONSHIP_LABELS,
        QUIET_FIELDS=QUIET_FIELDS,
        field_label=field_label,
        change=change,
        indicators=indicators,
        **context,
    )
