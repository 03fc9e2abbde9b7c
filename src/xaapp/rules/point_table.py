"""Score A (income proxy) from a point table the province loads as a data file.

No official point table (Circular 07/2021/TT-BLĐTBXH, Phụ lục III) is available to ship, so none
is bundled: the province writes one in the format documented in ``resources/rules/README.md``
("Bảng điểm A / Score A point table") and loads it. Without one, the income test uses the
per-capita income or a score A total copied from the paper form.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from xaapp.rules.data import RuleDataError, rules_folder, source_status
from xaapp.rules.inputs import RuleInputError
from xaapp.rules.standards import AREAS

FORMAT = "xaapp-score-a-table"
FORMAT_VERSION = 1
DEFAULT_FILE_NAME = "score_a_table.json"
ITEM_TYPES = ("choice", "yes_no", "number")

NO_TABLE_VI = (
    "Chưa nạp bảng điểm A của tỉnh (Thông tư 07/2021, Phụ lục III): không có bảng chính thức đi kèm ứng dụng. "
    "Hãy nhập thu nhập bình quân đầu người (income_per_capita) hoặc tổng điểm A ghi trên phiếu (score_a)."
)
NO_TABLE_EN = (
    "No province score A point table is loaded (Circular 07/2021, Phụ lục III): none ships with the app. "
    "Enter the per-capita income (income_per_capita) or the score A total from the paper form (score_a)."
)


@dataclass(frozen=True)
class ScoreLine:
    code: str
    answer: Any
    points: float

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "answer": self.answer, "points": self.points}


@dataclass(frozen=True)
class ScoreA:
    """A score A computed from a point table, with the points of each item."""

    total: float
    lines: tuple[ScoreLine, ...]
    table_name: str
    status: str

    def to_json(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "lines": [line.to_json() for line in self.lines],
            "table_name": self.table_name,
            "status": self.status,
        }


def _area_points(value: Any, where: str) -> dict[str, float]:
    if not isinstance(value, Mapping) or any(area not in value for area in AREAS):
        raise RuleDataError(
            f"Bảng điểm A: {where} cần điểm cho rural và urban.",
            f"Point table: {where} needs rural and urban points.",
        )
    try:
        return {area: float(value[area]) for area in AREAS}
    except (TypeError, ValueError):
        raise RuleDataError(
            f"Bảng điểm A: {where} phải là số.", f"Point table: {where} must be numbers."
        ) from None


@dataclass(frozen=True)
class PointTable:
    """A province point table (format ``xaapp-score-a-table`` version 1)."""

    name: str
    legal_basis: str
    status: str
    first_year: int
    last_year: int
    base_points: Mapping[str, float]
    items: tuple[Mapping[str, Any], ...]

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> PointTable:
        """Validate and build a table; a malformed table raises RuleDataError naming the field."""
        if data.get("format") != FORMAT or data.get("format_version") != FORMAT_VERSION:
            raise RuleDataError(
                f'Bảng điểm A phải có "format": "{FORMAT}" và "format_version": {FORMAT_VERSION}.',
                f'A point table needs "format": "{FORMAT}" and "format_version": {FORMAT_VERSION}.',
            )
        years = data.get("years")
        if not (isinstance(years, list) and len(years) == 2 and all(isinstance(y, int) for y in years)):
            raise RuleDataError(
                "Bảng điểm A: years phải là [năm đầu, năm cuối].", "Point table: years must be [first, last]."
            )
        items = data.get("items")
        if not isinstance(items, list) or not items:
            raise RuleDataError(
                "Bảng điểm A: thiếu danh sách items.", "Point table: the items list is missing."
            )
        seen: set[str] = set()
        for index, item in enumerate(items):
            where = f"items[{index}]"
            code = item.get("code") if isinstance(item, Mapping) else None
            if not isinstance(code, str) or not code or code in seen:
                raise RuleDataError(
                    f"Bảng điểm A: {where}.code thiếu hoặc trùng.",
                    f"Point table: {where}.code missing or repeated.",
                )
            seen.add(code)
            kind = item.get("type")
            if kind not in ITEM_TYPES:
                raise RuleDataError(
                    f"Bảng điểm A: {where}.type phải là {', '.join(ITEM_TYPES)}.",
                    f"Point table: {where}.type must be one of {', '.join(ITEM_TYPES)}.",
                )
            if kind == "choice":
                for n, option in enumerate(item.get("options") or []):
                    _area_points(option.get("points"), f"{where}.options[{n}].points")
                if not item.get("options"):
                    raise RuleDataError(
                        f"Bảng điểm A: {where}.options trống.", f"Point table: {where}.options is empty."
                    )
            elif kind == "yes_no":
                _area_points(item.get("points_yes"), f"{where}.points_yes")
                _area_points(item.get("points_no"), f"{where}.points_no")
            else:
                for n, band in enumerate(item.get("bands") or []):
                    _area_points(band.get("points"), f"{where}.bands[{n}].points")
                if not item.get("bands"):
                    raise RuleDataError(
                        f"Bảng điểm A: {where}.bands trống.", f"Point table: {where}.bands is empty."
                    )
        return cls(
            name=str(data.get("name_vi") or data.get("name") or "bảng điểm A"),
            legal_basis=str(data.get("legal_basis", "")),
            status=source_status(data),
            first_year=years[0],
            last_year=years[1],
            base_points=_area_points(data.get("base_points", {"rural": 0, "urban": 0}), "base_points"),
            items=tuple(items),
        )

    def applies_to(self, year: int) -> bool:
        return self.first_year <= year <= self.last_year

    def score(
        self, answers: Mapping[str, Any], area: str, *, field_prefix: str = "score_a_answers"
    ) -> ScoreA:
        """Total score A of *answers* (item code -> answer) for *area*; a missing or bad answer names its field."""
        total = self.base_points[area]
        lines: list[ScoreLine] = []
        for item in self.items:
            code = item["code"]
            field = f"{field_prefix}.{code}"
            if code not in answers or answers[code] in (None, ""):
                raise RuleInputError(
                    field, "thiếu câu trả lời cho bảng điểm A.", "no answer for the point table."
                )
            answer = answers[code]
            points = _item_points(item, answer, area, field)
            total += points
            lines.append(ScoreLine(code, answer, points))
        return ScoreA(total=total, lines=tuple(lines), table_name=self.name, status=self.status)


def _item_points(item: Mapping[str, Any], answer: Any, area: str, field: str) -> float:
    kind = item["type"]
    if kind == "choice":
        for option in item["options"]:
            if str(option.get("value")) == str(answer):
                return float(option["points"][area])
        allowed = ", ".join(str(o.get("value")) for o in item["options"])
        raise RuleInputError(
            field,
            f"giá trị {answer!r} không có trong bảng ({allowed}).",
            f"value {answer!r} is not in the table ({allowed}).",
        )
    if kind == "yes_no":
        text = str(answer).strip().lower()
        if text in {"1", "true", "yes", "có", "co"}:
            return float(item["points_yes"][area])
        if text in {"0", "false", "no", "không", "khong"}:
            return float(item["points_no"][area])
        raise RuleInputError(
            field, f"phải là có/không, không phải {answer!r}.", f"must be yes/no, not {answer!r}."
        )
    try:
        number = float(answer)
    except (TypeError, ValueError):
        raise RuleInputError(
            field, f"phải là số, không phải {answer!r}.", f"must be a number, not {answer!r}."
        ) from None
    for band in item["bands"]:
        low = band.get("min")
        high = band.get("max_exclusive")
        if (low is None or number >= low) and (high is None or number < high):
            return float(band["points"][area])
    raise RuleInputError(
        field,
        f"giá trị {number:g} nằm ngoài các khoảng của bảng.",
        f"value {number:g} is outside the table's bands.",
    )


def load_point_table(path: Path | str) -> PointTable:
    """Read and validate a point table file (UTF-8 JSON)."""
    file = Path(path)
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except OSError:
        raise RuleDataError(
            f"Không đọc được bảng điểm A {file}.", f"Cannot read the point table {file}."
        ) from None
    except json.JSONDecodeError as exc:
        raise RuleDataError(
            f"Bảng điểm A {file.name} không đúng JSON (dòng {exc.lineno}).",
            f"Point table {file.name} is not valid JSON (line {exc.lineno}).",
        ) from None
    if not isinstance(data, Mapping):
        raise RuleDataError("Bảng điểm A phải là một đối tượng JSON.", "A point table must be a JSON object.")
    return PointTable.from_json(data)


def default_point_table(rules_dir: Path | str | None = None) -> PointTable | None:
    """The table at ``<rules folder>/score_a_table.json`` if the province has put one there, else None."""
    path = rules_folder(rules_dir) / DEFAULT_FILE_NAME
    return load_point_table(path) if path.is_file() else None
