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
        **context,
    )
