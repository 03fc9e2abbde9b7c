"""The lists a commune prints, as ``ListDocument``s: which rows, which columns, titles and signatures.

``LISTS`` names every list (the ``--list`` of ``xaapp export`` and the choices of the Lists screen);
``build_document`` queries the rows through ``services.listing`` and lays them out. Rendering is
elsewhere: ``reports.html`` (print, PDF) and ``services.exports`` (xlsx).

A value resting on a rule figure that the data does not mark verified (an allowance under clause
5.2's "up to 22" reading, a class under the 2027–2030 standard …) is printed with a numbered mark
("¹", ``rules.figure_marks``) and the document's footnotes say which figure and its source status.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from xaapp.domain.text import amount_in_words, fold, sort_key
from xaapp.errors import KnownError
from xaapp.reports.document import (
    Column,
    Group,
    ListDocument,
    Marked,
    Signature,
    Table,
)
from xaapp.rules.figure_marks import FigureMarks
from xaapp.rules.figures import merge
from xaapp.services import listing, listing_payment
from xaapp.services.list_summary import summary_document
from xaapp.services.returns import approval_line
from xaapp.storage.db import Database

Needs = Literal["year", "month"]


@dataclass(frozen=True)
class ListSpec:
    key: str
    title_vi: str
    title_en: str
    needs: Needs
    aliases: tuple[str, ...] = ()


LISTS: dict[str, ListSpec] = {
    spec.key: spec
    for spec in (
        ListSpec("posting", "Danh sách hộ nghèo, hộ cận nghèo (niêm yết)", "Poor and near-poor households (posting)",
                 "year", ("niem-yet", "ho-ngheo")),
        ListSpec("escaped", "Danh sách hộ thoát nghèo, thoát cận nghèo", "Households that escaped poverty",
                 "year", ("thoat-ngheo",)),
        ListSpec("payment", "Danh sách chi trả trợ cấp xã hội hàng tháng", "Monthly social-assistance payment list",
                 "month", ("chi-tra",)),
        ListSpec("bank", "Danh sách chuyển khoản qua ngân hàng", "Bank transfer file (cashless payment)",
                 "month", ("ngan-hang",)),
        ListSpec("summary", "Tổng hợp kết quả rà soát, thiếu hụt, diễn biến", "Review summary, deprivations, movement",
                 "year", ("tong-hop",)),
    )
}  # fmt: skip

MONTH_RE = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def resolve_list(name: str) -> ListSpec:
    """The list called *name* (its key or a Vietnamese alias, accents and case ignored)."""
    wanted = fold(name).replace(" ", "-")
    for spec in LISTS.values():
        if wanted == spec.key or wanted in spec.aliases:
            return spec
    names = ", ".join(f"{s.key} ({'/'.join(s.aliases)})" for s in LISTS.values())
    raise KnownError(
        f"Không có danh sách «{name}». Các danh sách: {names}.", f"No list named “{name}”. Lists: {names}."
    )


def parse_month(text: str) -> str:
    """Check a month written YYYY-MM (also accepts MM/YYYY) and return it as YYYY-MM."""
    text = text.strip()
    m = re.match(r"^(\d{1,2})/(\d{4})$", text)
    if m:
        text = f"{m.group(2)}-{int(m.group(1)):02d}"
    if not MONTH_RE.match(text):
        raise KnownError(f"Tháng phải viết dạng YYYY-MM, ví dụ 2026-07 (đang là «{text}»).",
                         f"The month must be written YYYY-MM, e.g. 2026-07 (got “{text}”).")  # fmt: skip
    return text


def month_label(month: str) -> str:
    return f"{month[5:7]}/{month[:4]}"


SIGN_MAKER = Signature("NGƯỜI LẬP BIỂU")
SIGN_CHAIR = Signature("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "(Ký tên, đóng dấu)")
SIGN_ACCOUNTANT = Signature("KẾ TOÁN")


def marked(value: Any, mark: str) -> Any:
    """*value* with its mark, or the bare value when there is none."""
    return Marked(value, mark) if mark else value


def _birth_year(value: dt.date | int | None) -> int | None:
    if isinstance(value, dt.date):
        return value.year
    return value


def _groups(rows: list[Any], make: Callable[[int, Any], tuple[Any, ...]], subtotal: bool,
            unit: str = "hộ") -> tuple[Group, ...]:  # fmt: skip
    """Rows grouped by village (already sorted by village), numbered 1..n across the table."""
    groups: list[Group] = []
    current: list[tuple[Any, ...]] = []
    village: str | None = None
    number = 0
    for row in rows:
        if row.village != village and current:
            groups.append(Group(f"{village} ({len(current)} {unit})", tuple(current), subtotal))
            current = []
        village = row.village
        number += 1
        current.append(make(number, row))
    if current:
        groups.append(Group(f"{village} ({len(current)} {unit})", tuple(current), subtotal))
    return tuple(groups)


# --- list 1 and 2 ------------------------------------------------------------------------------


def _posting_table(title: str, rows: list[listing.HouseholdRow], marks: FigureMarks) -> Table:
    columns = (
        Column("no", "STT", "int", 6),
        Column("head", "Họ và tên chủ hộ", "text", 24),
        Column("birth", "Năm sinh", "year", 8),
        Column("pid", "Số định danh", "text", 15),
        Column("address", "Địa chỉ", "text", 18),
        Column("members", "Số nhân khẩu", "int", 8, summed=True),
        Column("deprived", "Số chỉ số thiếu hụt", "int", 9),
        Column("reason", "Kết quả rà soát, lý do", "text", 48),
    )

    def make(n: int, r: listing.HouseholdRow) -> tuple[Any, ...]:
        return (n, r.head_name, _birth_year(r.head_birth), listing.mask_personal_id(r.personal_id), r.address,
                r.members, len(r.deprivations), marked(r.reason, marks.mark(r.unverified)))  # fmt: skip

    return Table(columns, _groups(rows, make, subtotal=False), title=title, grand_total=True,
                 sheet_name=title.split(". ", 1)[-1][:31])  # fmt: skip


def _review_notes(db: Database, year: int, village_id: int | None) -> tuple[str, ...]:
    counts = listing.review_counts(db, year, village_id)
    notes: list[str] = []
    if counts.draft:
        notes.append(
            f"Ghi chú: {counts.draft} hộ có phiếu rà soát năm {year} chưa hoàn thành, chưa đưa vào danh sách này."
        )
    approved = approval_line(db, year, village_id)  # the province's approval, received on sync
    if approved:
        notes.append(approved)
    return tuple(notes)


def posting_document(db: Database, year: int, village_id: int | None, today: dt.date) -> ListDocument:
    rows = listing.household_rows(db, year, village_id)
    poor = [r for r in rows if r.result_class == "poor"]
    near = [r for r in rows if r.result_class == "near_poor"]
    commune = listing.commune_info(db)
    marks = FigureMarks()
    tables = (_posting_table("I. HỘ NGHÈO", poor, marks), _posting_table("II. HỘ CẬN NGHÈO", near, marks))
    return ListDocument(
        key="posting",
        title=f"DANH SÁCH HỘ NGHÈO, HỘ CẬN NGHÈO NĂM {year}",
        subtitle=_village_subtitle(db, village_id, "Niêm yết công khai"),
        commune_name=commune.name,
        date=today,
        orientation="landscape",
        tables=tables,
        notes=(
            f"Tổng số: {len(poor)} hộ nghèo, {len(near)} hộ cận nghèo.",
            *_review_notes(db, year, village_id),
        ),
        signatures=(SIGN_MAKER, SIGN_CHAIR),
        public=True,
        footnotes=marks.footnotes(),
    )


def _escaped_table(title: str, rows: list[listing.HouseholdRow], year: int, marks: FigureMarks) -> Table:
    columns = (
        Column("no", "STT", "int", 6),
        Column("head", "Họ và tên chủ hộ", "text", 24),
        Column("birth", "Năm sinh", "year", 8),
        Column("pid", "Số định danh", "text", 15),
        Column("address", "Địa chỉ", "text", 18),
        Column("members", "Số nhân khẩu", "int", 8, summed=True),
        Column("before", f"Năm {year - 1}", "text", 14),
        Column("after", f"Năm {year}", "text", 18),
        Column("reason", "Lý do", "text", 40),
    )

    def make(n: int, r: listing.HouseholdRow) -> tuple[Any, ...]:
        return (n, r.head_name, _birth_year(r.head_birth), listing.mask_personal_id(r.personal_id), r.address,
                r.members, r.previous_label, r.class_label, marked(r.reason, marks.mark(r.unverified)))  # fmt: skip

    return Table(columns, _groups(rows, make, subtotal=False), title=title, grand_total=True,
                 sheet_name=title.split(". ", 1)[-1][:31])  # fmt: skip


def escaped_document(db: Database, year: int, village_id: int | None, today: dt.date) -> ListDocument:
    rows = listing.escaped_rows(db, year, village_id)
    poor = [r for r in rows if r.previous_class == "poor"]
    near = [r for r in rows if r.previous_class == "near_poor"]
    marks = FigureMarks()
    tables = (
        _escaped_table("I. HỘ THOÁT NGHÈO", poor, year, marks),
        _escaped_table("II. HỘ THOÁT CẬN NGHÈO", near, year, marks),
    )
    return ListDocument(
        key="escaped",
        title=f"DANH SÁCH HỘ THOÁT NGHÈO, HỘ THOÁT CẬN NGHÈO NĂM {year}",
        subtitle=_village_subtitle(db, village_id, f"So sánh kết quả rà soát năm {year - 1} và năm {year}"),
        commune_name=listing.commune_info(db).name,
        date=today,
        orientation="landscape",
        tables=tables,
        notes=(
            f"Tổng số: {len(poor)} hộ thoát nghèo, {len(near)} hộ thoát cận nghèo.",
            *_review_notes(db, year, village_id),
        ),  # fmt: skip
        signatures=(SIGN_MAKER, SIGN_CHAIR),
        public=True,
        footnotes=marks.footnotes(),
    )


# --- list 3 --------------------------------------------------------------------------------------


def payment_document(db: Database, month: str, village_id: int | None, today: dt.date) -> ListDocument:
    rows = listing_payment.payment_rows(db, month, village_id)
    columns = (
        Column("no", "STT", "int", 6),
        Column("name", "Họ và tên", "text", 24),
        Column("birth", "Ngày sinh", "date", 13),
        Column("clause", "Khoản (Điều 5)", "text", 11),
        Column("coefficient", "Hệ số", "text", 9),  # a figure, or why there is none (social pension)
        Column("amount", "Số tiền (đồng)", "money", 14, summed=True),
        Column("sign", "Ký nhận", "signature", 16),
    )

    marks = FigureMarks()

    def make(n: int, r: listing_payment.PaymentRow) -> tuple[Any, ...]:
        # A row paid as the social pension has no coefficient: the column says so rather than stay blank.
        amount = marked(r.amount, marks.mark(r.unverified))
        return (n, r.full_name, r.birth, r.clause_text, r.coefficient_text, amount, None)

    total = sum(r.amount for r in rows)
    groups = _groups(rows, make, subtotal=True, unit="người")
    table = Table(columns, groups, grand_total=True, page_total_column="amount",
                  sheet_name=f"Chi trả {month_label(month).replace('/', '-')}",
                  total_mark=marks.mark(merge(*(r.unverified for r in rows))))  # fmt: skip
    return ListDocument(
        key="payment",
        title="DANH SÁCH CHI TRẢ TRỢ CẤP XÃ HỘI HÀNG THÁNG",
        subtitle=_village_subtitle(db, village_id, f"Tháng {month_label(month)}"),
        commune_name=listing.commune_info(db).name,
        date=today,
        orientation="portrait",
        tables=(table,),
        amount_in_words=amount_in_words(total) if rows else "",
        notes=(f"Tổng số: {len(rows)} người hưởng trợ cấp.",),
        signatures=(SIGN_MAKER, SIGN_ACCOUNTANT, SIGN_CHAIR),
        footnotes=marks.footnotes(),
    )


def bank_document(db: Database, month: str, village_id: int | None, today: dt.date) -> ListDocument:
    everyone = listing_payment.payment_rows(db, month, village_id)
    rows = [r for r in everyone if r.bank_account]
    content = f"Trợ cấp xã hội tháng {month_label(month)}"
    columns = (
        Column("no", "STT", "int", 6),
        Column("account", "Số tài khoản", "text", 18),
        Column("bank", "Ngân hàng", "text", 22),
        Column("name", "Họ và tên", "text", 26),
        Column("amount", "Số tiền (đồng)", "money", 14, summed=True),
        Column("content", "Nội dung chuyển khoản", "text", 32),
    )
    marks = FigureMarks()
    body = tuple(
        (n, r.bank_account, r.bank_name or "", r.full_name, marked(r.amount, marks.mark(r.unverified)), content)
        for n, r in enumerate(rows, 1)
    )
    table = Table(columns, (Group(None, body),), grand_total=True, page_total_column="amount",
                  sheet_name="Chuyen khoan", total_mark=marks.mark(merge(*(r.unverified for r in rows))))  # fmt: skip
    missing = len(everyone) - len(rows)
    notes = [f"Tổng số: {len(rows)} tài khoản."]
    if missing:
        notes.append(
            f"{missing} người chưa có tài khoản ngân hàng, chi trả bằng tiền mặt (xem danh sách chi trả)."
        )
    return ListDocument(
        key="bank",
        title="DANH SÁCH CHI TRẢ TRỢ CẤP XÃ HỘI QUA TÀI KHOẢN",
        subtitle=_village_subtitle(db, village_id, f"Tháng {month_label(month)}"),
        commune_name=listing.commune_info(db).name,
        date=today,
        orientation="landscape",
        tables=(table,),
        amount_in_words=amount_in_words(sum(r.amount for r in rows)) if rows else "",
        notes=tuple(notes),
        signatures=(SIGN_MAKER, SIGN_ACCOUNTANT, SIGN_CHAIR),
        xlsx_plain=True,
        footnotes=marks.footnotes(),
    )


# --- dispatch ------------------------------------------------------------------------------------


def _village_subtitle(db: Database, village_id: int | None, text: str) -> str:
    if village_id is None:
        return text
    name = next((v.name for v in listing.villages(db) if v.id == village_id), "")
    return f"{text} – {name}" if name else text


def _summary(db: Database, year: int, village_id: int | None, today: dt.date) -> ListDocument:
    return summary_document(db, year, village_id, today, signatures=(SIGN_MAKER, SIGN_CHAIR))


#: The builder of each list, by key: one entry per ``LISTS`` key (a list without one is refused, never
#: built as another list). Year lists take the review year, month lists the payment month (YYYY-MM).
_BUILDERS: dict[str, Callable[[Database, Any, int | None, dt.date], ListDocument]] = {
    "posting": posting_document,
    "escaped": escaped_document,
    "summary": _summary,
    "payment": payment_document,
    "bank": bank_document,
}


def build_document(
    db: Database,
    name: str,
    *,
    year: int | None = None,
    month: str | None = None,
    village_id: int | None = None,
    today: dt.date | None = None,
) -> ListDocument:
    """The list called *name* for *year* (review lists) or *month* (payment lists)."""
    spec = resolve_list(name)
    builder = _BUILDERS.get(spec.key)
    if builder is None:
        raise KnownError(
            f"Danh sách «{spec.key}» chưa có cách lập trong phần mềm (services/list_documents.py); "
            "hãy báo cho người phát triển.",
            f"The list “{spec.key}” has no builder in the software (services/list_documents.py); "
            "report this to the developers.",
        )
    today = today or dt.date.today()
    if spec.needs == "year":
        if year is None:
            raise KnownError(f"Danh sách «{spec.key}» cần năm rà soát (--year).",
                             f"The list “{spec.key}” needs a review year (--year).")  # fmt: skip
        return builder(db, year, village_id, today)
    if month is None:
        raise KnownError(f"Danh sách «{spec.key}» cần tháng chi trả (--month YYYY-MM).",
                         f"The list “{spec.key}” needs a payment month (--month YYYY-MM).")  # fmt: skip
    return builder(db, parse_month(month), village_id, today)


def village_choices(db: Database) -> list[tuple[int, str]]:
    return [(v.id, v.name) for v in sorted(listing.villages(db), key=lambda v: sort_key(v.name))]
