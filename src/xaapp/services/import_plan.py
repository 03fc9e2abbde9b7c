"""What an import plan says, row by row: frozen DTOs shared by the planners, the CLI and the wizard.

Every row of the file ends in one of four states: **new** (will be created), **updated** (already in
the register; the listed fields will change), **unchanged** (already in the register as the file says)
or **error** (rejected; nothing of the file is imported until it is fixed). Problems are named by
sheet!cell and say what to do.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Generic, TypeVar, overload

from xaapp.services.frozen_init import direct_init
from xaapp.services.import_read import LegacyReport

STATUSES = ("new", "updated", "unchanged", "error")
T = TypeVar("T")


@dataclass(frozen=True)
class ImportIssue:
    """A problem in one cell (or one row when ``column`` is empty), in Vietnamese then English."""

    row: int
    column: str
    header: str
    message_vi: str
    message_en: str
    warning: bool = False
    sheet: str = ""

    @property
    def ref(self) -> str:
        """Excel's name of the cell: "HoDan!C5" (or the row "HoDan!5:5")."""
        if not self.sheet:
            return f"{self.column}{self.row}" if self.column else str(self.row)
        return f"{self.sheet}!{self.column}{self.row}" if self.column else f"{self.sheet}!{self.row}:{self.row}"

    def text(self) -> str:
        where = f"Dòng {self.row}" + (f", cột {self.column} ({self.header})" if self.column else "")
        kind = "Lưu ý" if self.warning else "Lỗi"
        return f"{kind} – {where}, ô {self.ref}: {self.message_vi} / {self.message_en}"


@direct_init
@dataclass(frozen=True)
class ImportRow:
    """One person of the file (a row of a people list, or the head named on a household row)."""

    row: int
    village_id: int | None
    village: str
    household_key: str
    full_name: str
    dob: dt.date | None
    birth_year: int | None
    sex: str | None
    personal_id: str | None
    legacy_id: str | None
    relationship: str
    ethnicity: str | None
    address: str | None
    result_class: str | None
    #: "new", "updated", "unchanged" (already in the register: ``person_id``) or "error".
    status: str
    person_id: int | None = None
    match_reason: str = ""
    sheet: str = ""
    phone: str | None = None
    relationship_given: bool = False
    changes: tuple[str, ...] = ()  # fields an update changes, e.g. ("personal_id", "phone")

    @property
    def matched(self) -> bool:
        return self.status in ("updated", "unchanged")


@direct_init
@dataclass(frozen=True)
class HouseholdRow:
    """One household: a row of a households sheet, or the household a people list's head row starts."""

    household_key: str
    village_id: int | None
    village: str
    code: str | None
    head_name: str
    address: str | None
    phone: str | None
    result_class: str | None
    status: str  # as ImportRow
    household_id: int | None = None
    changes: tuple[str, ...] = ()
    sheet: str = ""
    row: int = 0
    listed: bool = False  # a row of its own in a households sheet (counted among the file's rows)


@dataclass(frozen=True)
class BeneficiaryRow:
    """One person of a social-assistance list, checked against the allowance rules."""

    sheet: str
    row: int
    full_name: str
    dob: dt.date | None
    village_id: int | None
    village: str
    clause: str | None
    coefficient: float | None  # the rules' coefficient (the file's, when it agrees)
    amount: int | None  # the rules' amount for the import month
    standard_level: int | None
    basis: str
    bank_account: str | None
    bank_name: str | None
    start_month: str | None
    decision_no: str | None
    status: str
    person_id: int | None = None
    beneficiary_id: int | None = None
    personal_id: str | None = None
    sex: str | None = None
    new_person: bool = False
    changes: tuple[str, ...] = ()


class Columnar(Sequence[T], Generic[T]):
    """A plan's rows (or households) kept as one list per field: the row objects are built the first time
    any of them is read (the wizard shows them, the write writes them), all at once, then kept.

    A check of a 20,000-row list needs its counts, not 20,000 objects; ``column`` gives a field's values
    without building any. The same rows come out as a tuple of them would give (a test compares)."""

    __slots__ = ("cls", "columns", "_built", "_n")

    def __init__(self, cls: type[T], columns: dict[str, list[Any]]) -> None:
        names = [f.name for f in fields(cls)]  # type: ignore[arg-type]  # reason: cls is a dataclass
        assert set(columns) == set(names), set(columns) ^ set(names)
        self.cls = cls
        self.columns = {name: columns[name] for name in names}  # in the order __init__ takes them
        self._n = len(columns[names[0]])
        assert all(len(c) == self._n for c in self.columns.values())
        self._built: tuple[T, ...] | None = None

    def column(self, name: str) -> list[Any]:
        """Every row's value of field *name* (the planner's list: read it, do not change it)."""
        return self.columns[name]

    def _rows(self) -> tuple[T, ...]:
        if self._built is None:
            self._built = tuple(map(self.cls, *self.columns.values()))
        return self._built

    def __len__(self) -> int:
        return self._n

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[T, ...]: ...
    def __getitem__(self, index: int | slice) -> T | tuple[T, ...]:
        return self._rows()[index]

    def __iter__(self) -> Iterator[T]:
        return iter(self._rows())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Columnar | tuple | list):
            return tuple(self) == tuple(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # reason: equal to a tuple of its rows, so not hashable

    def __repr__(self) -> str:
        return f"Columnar({self.cls.__name__} × {self._n})"


def column(rows: Sequence[Any], name: str) -> list[Any]:
    """Field *name* of every row: the column itself when *rows* are kept as columns."""
    if isinstance(rows, Columnar):
        return rows.column(name)
    return [getattr(r, name) for r in rows]


@dataclass(frozen=True)
class ImportPlan:
    path: Path
    sheet: str
    encoding: str
    header_row: int
    mapping: dict[str, str]  # field -> "C (Họ và tên)", of the first sheet read
    unmapped: tuple[str, ...]
    rows: Sequence[ImportRow]  # a Columnar (built when read) or a tuple
    issues: tuple[ImportIssue, ...]
    year: int | None
    new_households: int
    new_people: int
    matched_people: int = 0
    reviews: int = 0
    kind: str = "households"  # "households" or "beneficiaries"
    format_label: str = ""
    legacy: LegacyReport = field(default_factory=LegacyReport)
    sheets: tuple[str, ...] = ()  # sheets read, in order
    mappings: dict[str, dict[str, str]] = field(default_factory=dict)  # sheet -> field -> "C (header)"
    ignored_sheets: tuple[str, ...] = ()
    households: Sequence[HouseholdRow] = ()  # as ``rows``
    beneficiaries: tuple[BeneficiaryRow, ...] = ()
    skipped_rows: int = 0  # title, group and total rows set aside
    month: str | None = None  # the month beneficiaries' amounts were computed for
    shapes: dict[str, tuple[int, dict[int, str]]] = field(default_factory=dict)  # header shape -> mapping used

    @property
    def errors(self) -> tuple[ImportIssue, ...]:
        return tuple(i for i in self.issues if not i.warning)

    @property
    def ok(self) -> bool:
        return not self.errors

    def counts(self) -> dict[str, int]:
        """Rows of the file by state: new / updated / unchanged / error."""
        out = dict.fromkeys(STATUSES, 0)
        if self.kind == "beneficiaries":
            for b in self.beneficiaries:
                out[b.status] += 1
            return out
        hh = self.households
        listed = [i for i, flag in enumerate(column(hh, "listed")) if flag]
        statuses = column(self.rows, "status")
        if not listed:
            out.update(Counter(statuses))
            return out
        hh_status, hh_sheet, hh_row = column(hh, "status"), column(hh, "sheet"), column(hh, "row")
        out.update(Counter(hh_status[i] for i in listed))
        where = {(hh_sheet[i], hh_row[i]) for i in listed}
        for sheet, row, status in zip(column(self.rows, "sheet"), column(self.rows, "row"), statuses, strict=True):
            if (sheet, row) not in where:  # a head named on a household row is that row, not another
                out[status] += 1
        return out

    def summary(self) -> str:
        c = self.counts()
        parts = [
            f"{c['new']} dòng mới / new, {c['updated']} cập nhật / updated, {c['unchanged']} không đổi / unchanged, "
            f"{c['error']} bị từ chối / rejected",
        ]
        if self.kind == "beneficiaries":
            parts.append(f"{sum(1 for b in self.beneficiaries if b.status == 'new')} đối tượng mới / new beneficiaries"
                         + (f" (tháng / month {self.month})" if self.month else ""))  # fmt: skip
        else:
            parts.append(f"{self.new_people} người mới / new people, {self.new_households} hộ mới / new households")
            parts.append(f"{self.matched_people} người đã có / already registered")
        if self.reviews:
            parts.append(f"{self.reviews} kết quả phân loại năm / classes for {self.year}")
        if self.legacy.converted:
            names = ", ".join({"tcvn3": "TCVN3 (ABC)", "vni": "VNI"}[k] for k in sorted(self.legacy.cells))
            parts.append(f"{self.legacy.converted} ô phông {names} đã chuyển sang Unicode / cells of {names} text "
                         "converted to Unicode")  # fmt: skip
        if self.skipped_rows:
            parts.append(f"{self.skipped_rows} dòng tiêu đề nhóm/cộng bỏ qua / group and total rows skipped")
        if self.errors:
            parts.append(f"{len(self.errors)} lỗi / errors: chưa nhập gì / nothing imported")
        return "; ".join(parts)
