"""Excel import: header detection and mapping, row checks by row and column, matching, all or nothing."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "reports"))

from listdata import make_db  # noqa: E402

from xaapp.domain.vntext_legacy import TCVN3_TO_UNICODE  # noqa: E402
from xaapp.errors import KnownError  # noqa: E402
from xaapp.services.importing import commit_import, plan_import  # noqa: E402
from xaapp.storage.orm import Household, OutboxEntry, Person, PovertyReview  # noqa: E402

TODAY = dt.date(2026, 11, 28)
HEADER = ["STT", "Thôn", "Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Quan hệ với chủ hộ", "Phân loại"]


@pytest.fixture
def commune(tmp_path: Path):
    return make_db(tmp_path)


def write(path: Path, rows: list[list[Any]], title: bool = True) -> Path:
    wb = Workbook()
    ws = wb.active
    if title:
        ws.append(["DANH SÁCH HỘ NGHÈO NĂM 2025"])
        ws.append([])
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def counts(db) -> tuple[int, int, int, int]:
    with db.read() as s:
        return tuple(
            s.scalar(select(func.count()).select_from(m))
            for m in (Household, Person, PovertyReview, OutboxEntry)
        )


GOOD = [
    HEADER,
    [1, "Bản Lũng", "Vi Văn Sơn", dt.datetime(1985, 4, 12), "Nam", 38085001111, "Chủ hộ", "Hộ nghèo"],
    [2, "Bản Lũng", "Lường Thị Nga", "03/02/1988", "Nữ", "", "Vợ", ""],
    [3, "Bản Lũng", "Vi Văn Tùng", 2012, "Nam", "", "Con", ""],
    [
        4,
        "Thôn Đồng Tâm",
        "Lê Thị Bình",
        dt.datetime(1958, 7, 1),
        "Nữ",
        "",
        "Chủ hộ",
        "Hộ nghèo",
    ],  # in the register
    [5, "thon dong tam", "Lê Thị Hồng", "1/1/2015", "Nữ", "", "Cháu", ""],
]


def test_good_file_dry_run_then_commit_then_no_duplicates(commune, tmp_path: Path) -> None:
    db, _ids = commune
    path = write(tmp_path / "good.xlsx", GOOD)
    before = counts(db)
    plan = plan_import(db, path, year=2025, today=TODAY)
    assert plan.ok, [i.text() for i in plan.issues]
    assert plan.header_row == 3
    assert plan.mapping["full_name"] == "C (Họ và tên)" and plan.mapping["personal_id"] == "F (Số CCCD)"
    assert counts(db) == before  # planning changes nothing
    by_name = {r.full_name: r for r in plan.rows}
    assert by_name["Vi Văn Sơn"].personal_id == "038085001111"  # Excel dropped the leading 0
    assert by_name["Vi Văn Sơn"].dob == dt.date(1985, 4, 12)
    assert by_name["Lường Thị Nga"].dob == dt.date(1988, 2, 3)
    assert by_name["Vi Văn Tùng"].dob is None and by_name["Vi Văn Tùng"].birth_year == 2012
    assert by_name["Lê Thị Bình"].status == "updated"  # name + date of birth + village
    assert by_name["Lê Thị Bình"].changes == ("sex",)  # the register says male, the file Nữ
    assert by_name["Lê Thị Hồng"].status == "new" and by_name["Lê Thị Hồng"].relationship == "grandchild"
    assert (plan.new_people, plan.new_households, plan.matched_people) == (4, 1, 1)

    result = commit_import(db, plan)
    assert (result.households, result.people, result.reviews) == (1, 4, 1)
    hh, people, reviews, _outbox = counts(db)
    assert (hh, people, reviews) == (before[0] + 1, before[1] + 4, before[2] + 1)
    with db.read() as s:
        hong = s.scalar(select(Person).where(Person.full_name == "Lê Thị Hồng"))
        binh = s.scalar(select(Person).where(Person.full_name == "Lê Thị Bình"))
        assert hong.household_id == binh.household_id  # joined the matched head's household
        son = s.scalar(select(Person).where(Person.full_name == "Vi Văn Sơn"))
        review = s.scalar(select(PovertyReview).where(PovertyReview.household_id == son.household_id))
        assert (review.review_year, review.result_class, review.status) == (2025, "poor", "final")

    again = plan_import(db, path, year=2025, today=TODAY)
    assert again.new_people == 0 and again.matched_people == 5  # by ID, else name + birth + village


def test_headers_without_accents_and_in_another_order(commune, tmp_path: Path) -> None:
    db, _ids = commune
    rows = [["Ho ten", "Nam sinh", "Thon/ban", "QH voi chu ho"], ["Đinh Văn Hải", 1970, "Ban Lung", "chu ho"]]
    plan = plan_import(db, write(tmp_path / "a.xlsx", rows, title=False), today=TODAY)
    assert plan.ok and plan.header_row == 1
    assert plan.rows[0].village == "Bản Lũng" and plan.rows[0].birth_year == 1970
    assert plan.rows[0].relationship == "head"


def _refused_unchanged(db, make) -> str:
    before = counts(db)
    with pytest.raises(KnownError) as info:
        make()
    assert counts(db) == before
    return str(info.value)


def test_wrong_header_is_refused(commune, tmp_path: Path) -> None:
    db, _ids = commune
    path = write(tmp_path / "h.xlsx", [["Mã", "Tên hàng", "Đơn giá"], [1, "Gạo", 15000]])
    message = _refused_unchanged(db, lambda: plan_import(db, path, today=TODAY))
    assert "Không nhận ra dòng tiêu đề" in message and "Họ và tên" in message
    path2 = write(tmp_path / "h2.xlsx", [["Họ và tên", "Giới tính"], ["A", "Nam"]])
    assert "thiếu cột: Thôn, bản, Ngày sinh" in _refused_unchanged(
        db, lambda: plan_import(db, path2, today=TODAY)
    )


def test_empty_and_not_xlsx_files_are_refused(commune, tmp_path: Path) -> None:
    db, _ids = commune
    empty = tmp_path / "empty.xlsx"
    Workbook().save(empty)
    assert "trống" in _refused_unchanged(db, lambda: plan_import(db, empty, today=TODAY))
    fake = tmp_path / "fake.xlsx"
    fake.write_text("Họ và tên;Ngày sinh\nA;01/01/1990\n", encoding="utf-8")
    assert "không phải bảng tính" in _refused_unchanged(db, lambda: plan_import(db, fake, today=TODAY))
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    assert "bị hỏng" in _refused_unchanged(db, lambda: plan_import(db, old, today=TODAY))


def test_bad_date_bad_id_unknown_village_are_reported_by_row_and_column_and_nothing_is_imported(
    commune, tmp_path
):
    db, _ids = commune
    rows = [
        HEADER,
        [1, "Bản Lũng", "Vi Văn Sơn", "31/02/1985", "Nam", "", "Chủ hộ", ""],
        [2, "Bản Lũng", "Vi Thị Lan", "12/05/1990", "Nữ", "038190000556", "Vợ", ""],  # fine
        [
            3,
            "Bản Lũng",
            "Vi Văn Toàn",
            "12/05/1992",
            "Nam",
            "038192000123",
            "Con",
            "",
        ],  # ID says 1992 female? digit 1
        [4, "Bản Mường Lát", "Hà Văn Hưng", "01/01/1960", "Nam", "12345", "Chủ hộ", "Nghèo lắm"],
    ]
    path = write(tmp_path / "bad.xlsx", rows)
    before = counts(db)
    plan = plan_import(db, path, year=2025, today=TODAY)
    assert not plan.ok
    where = {(i.row, i.column) for i in plan.errors}
    assert (4, "D") in where  # 31/02/1985: no such date
    assert (6, "F") in where  # sex digit of the ID says female
    assert {(7, "B"), (7, "F"), (7, "H")} <= where
    bad_date = next(i for i in plan.errors if (i.row, i.column) == (4, "D"))
    assert bad_date.header == "Ngày sinh" and "Dòng 4, cột D (Ngày sinh)" in bad_date.text()
    assert "12 chữ số" in next(i for i in plan.errors if (i.row, i.column) == (7, "F")).message_vi
    assert [r.status for r in plan.rows] == ["error", "new", "error", "error"]
    with pytest.raises(KnownError, match="chưa nhập dòng nào"):
        commit_import(db, plan)
    assert counts(db) == before


def _tcvn3(text: str) -> str:
    back = {u: t for t, u in TCVN3_TO_UNICODE.items()}
    return "".join(back.get(ch, ch) for ch in text)


def test_tcvn3_file_is_detected_and_converted(commune, tmp_path: Path) -> None:
    db, _ids = commune
    rows = [[_tcvn3(h) for h in ("Thôn", "Họ và tên", "Ngày sinh", "Quan hệ với chủ hộ")],
            [_tcvn3("Thôn Đồng Tâm"), _tcvn3("Nguyễn Thị Hường"), "05/06/1977", _tcvn3("Chủ hộ")],
            [_tcvn3("Thôn Đồng Tâm"), _tcvn3("Trần Văn Lộc"), "05/06/2001", _tcvn3("Con")]]  # fmt: skip
    assert rows[1][1] != "Nguyễn Thị Hường"
    path = write(tmp_path / "tcvn3.xlsx", rows)
    plan = plan_import(db, path, today=TODAY)
    assert plan.encoding == "tcvn3" and "TCVN3" in plan.summary()
    assert plan.ok, [i.text() for i in plan.issues]
    assert [r.full_name for r in plan.rows] == ["Nguyễn Thị Hường", "Trần Văn Lộc"]
    commit_import(db, plan)
    with db.read() as s:
        assert (
            s.scalar(select(func.count()).select_from(Person).where(Person.full_name == "Nguyễn Thị Hường"))
            == 1
        )


def test_member_without_head_and_two_heads(commune, tmp_path: Path) -> None:
    db, _ids = commune
    rows = [HEADER,
            [1, "Bản Lũng", "Vi Thị Mơ", "01/01/1990", "Nữ", "", "Con", ""],
            [2, "Bản Lũng", "Vi Văn A", "01/01/1970", "Nam", "", "Chủ hộ", ""]]  # fmt: skip
    plan = plan_import(db, write(tmp_path / "m.xlsx", rows), today=TODAY)
    assert [(i.row, i.column) for i in plan.errors] == [(4, "G")]
    rows2 = [["Mã hộ", *HEADER],
             ["H1", 1, "Bản Lũng", "Vi Văn B", "01/01/1970", "Nam", "", "Chủ hộ", ""],
             ["H1", 2, "Bản Lũng", "Vi Văn C", "01/01/1972", "Nam", "", "Chủ hộ", ""]]  # fmt: skip
    plan2 = plan_import(db, write(tmp_path / "m2.xlsx", rows2), today=TODAY)
    assert [(i.row, i.column) for i in plan2.errors] == [(5, "H")]


def test_sex_comes_from_the_personal_id_when_the_column_is_missing(commune, tmp_path: Path) -> None:
    db, _ids = commune
    rows = [
        ["Thôn", "Họ và tên", "Ngày sinh", "CCCD"],
        ["Bản Lũng", "Vi Thị Xuân", "12/05/1990", "038190000999"],
    ]
    plan = plan_import(db, write(tmp_path / "s.xlsx", rows, title=False), today=TODAY)
    assert plan.ok and plan.rows[0].sex == "female"  # digit 4 = 1: a woman born 1900–1999
    commit_import(db, plan)
    with db.read() as s:
        assert s.scalar(select(Person.sex).where(Person.full_name == "Vi Thị Xuân")) == "female"
