"""An import plan kept as columns: its rows and households are built only when read, and are then the same
rows, counts and summary a plan holding the objects gives; the column passes read every cell as the
cell-by-cell functions do."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "reports"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from listdata import make_db  # noqa: E402
from sheetfiles import tcvn3, vni, write_xlsx  # noqa: E402

from xaapp.services.import_cells import phone_text, text_of  # noqa: E402
from xaapp.services.import_columns import ABSENT  # noqa: E402
from xaapp.services.import_mapping import ImportMapping  # noqa: E402
from xaapp.services.import_people_columns import code_keys, phone_column  # noqa: E402
from xaapp.services.import_people_match import HOUSEHOLD_FIELDS, ROW_FIELDS, code_key  # noqa: E402
from xaapp.services.import_plan import Columnar, ImportPlan  # noqa: E402
from xaapp.services.import_read import prepare_book  # noqa: E402
from xaapp.services.importing import plan_import  # noqa: E402

TODAY = dt.date(2026, 11, 28)
PEOPLE = [
    ["DANH SÁCH HỘ NGHÈO NĂM 2025", None, None, None, None, None, None, None],
    ["Mã hộ", "Thôn", "Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Quan hệ với chủ hộ", "Điện thoại"],
    ["Thôn Đồng Tâm", None, None, None, None, None, None, None],  # a group row
    ["A1", "Thôn Đồng Tâm", "Lê Thị Bình", dt.datetime(1958, 7, 1), "Nữ", "038158004321", "Chủ hộ", 912000001],
    ["A1", "Thôn Đồng Tâm", "Lê Văn Đức", 1990, "Nam", None, "Con", "+84 912 000 002"],  # registered
    ["A2", "thon dong tam", tcvn3("Nguyễn Văn Thường"), "12/04/1975", "Nam", None, None, "84912000003"],
    ["A2", "Thôn Đồng Tâm", vni("Trần Thị Hoà"), "31/02/1980", "Nữ", None, "Vợ", None],  # no such day: rejected
    ["A3", "Bản Lũng", "Hà Văn An", dt.datetime(1962, 2, 2), "Nam", "038062000777", "Chủ hộ", "0987 654 321"],
    ["A3", "Bản Lũng", "Hà  Thị Mai ", 1990, "nữ", None, "Vợ", 987000111.0],
    ["Cộng: 6 người", None, None, None, None, None, None, None],  # a total row
    ["A4", "Bản Xa", "Vi Văn Sáu", 1970, "Nam", None, "Chủ hộ", None],  # no such village: rejected
    ["A5", "Bản Lũng", "Lò Văn Páo", 1991, "Nam", None, "Con", None],  # A5 has no head: its first row rejected
    ["A5", "Bản Lũng", "Lò Thị Sen", 1993, "Nữ", None, "Con", None],
]
TEMPLATE = {
    "HoDan": [
        ["Ma ho", "Ten chu ho", "Dia chi", "So dien thoai", "Ma dia ban", "Dien ho", "Ho ngheo", "Ho can ngheo"],
        ["VS001", tcvn3("Đinh Văn Quý"), tcvn3("Thôn Đồng Tâm, xã Bá Thước"), 912345678, "", "", "x", ""],
        ["VS002", "Hà Thị Lan", "", "0987654321", "BL", "", "0", "1"],
        ["VS003", "Lò Văn Páo", "", "", "Bản Lũng", "Hộ thường", "Không", "Không"],
    ],
    "NhanKhau": [
        ["Ma ho", "Ho va ten", "Ngay sinh", "Gioi tinh", "Quan he voi chu ho", "So CCCD"],
        ["VS001", tcvn3("Đinh Văn Quý"), "12/04/1975", "Nam", "Chu ho", "038075009991"],
        ["VS001", vni("Nguyễn Thị Hoà"), "3/2/78", "Nu", "Vo", ""],
        ["VS002", vni("Phạm Văn Tuấn"), 37196, "Nam", "Con", ""],
        ["VS009", "Phạm Thị Mến", 2010, "Nữ", "Con", ""],  # no such household: rejected
    ],
}


def _plans(tmp_path: Path) -> list[ImportPlan]:
    db, _ids = make_db(tmp_path)
    people = plan_import(db, write_xlsx(tmp_path / "people.xlsx", {"DanhSach": PEOPLE}), year=2025, today=TODAY)
    template = plan_import(db, write_xlsx(tmp_path / "template.xlsx", TEMPLATE), year=2025, today=TODAY,
                           mapping=ImportMapping(area_codes={"BL": "Bản Lũng"}))  # fmt: skip
    return [people, template]


def test_rows_are_built_when_read_and_equal_a_plan_holding_the_objects(tmp_path: Path) -> None:
    people, template = _plans(tmp_path)
    for plan in (people, template):
        assert isinstance(plan.rows, Columnar) and isinstance(plan.households, Columnar)
        assert plan.rows._built is None and plan.households._built is None  # the check built no row object
    assert people.counts() == {"new": 2, "updated": 4, "unchanged": 0, "error": 3}
    assert template.counts() == {"new": 6, "updated": 0, "unchanged": 0, "error": 1}  # a households sheet's rows
    assert template.households.column("listed") == [True, True, True]  # ... counted once, not with their heads
    for plan in (people, template):
        eager = dataclasses.replace(plan, rows=tuple(plan.rows), households=tuple(plan.households))
        assert eager.counts() == plan.counts() and eager.summary() == plan.summary()
        assert plan.rows == eager.rows and plan.households == eager.households and len(plan.rows) == len(eager.rows)
        for name in ROW_FIELDS:
            assert [getattr(r, name) for r in eager.rows] == plan.rows.column(name), name
        for name in HOUSEHOLD_FIELDS:
            assert [getattr(h, name) for h in eager.households] == plan.households.column(name), name
        assert plan.rows[0] is plan.rows[0] and plan.rows[-1] == eager.rows[-1] and plan.rows[1:3] == eager.rows[1:3]
        # The plan's totals, as they were counted from the objects.
        assert plan.new_people == sum(r.status == "new" for r in eager.rows)
        assert plan.matched_people == sum(r.matched for r in eager.rows)
        assert plan.new_households == sum(h.status == "new" and h.household_id is None for h in eager.households)
        heads_ok = {r.household_key for r in eager.rows if r.relationship == "head" and r.status != "error"}
        assert plan.reviews == sum(1 for h in eager.households if h.household_key in heads_ok
                                   and any(c.startswith("class_") for c in h.changes))  # fmt: skip


def test_a_varied_people_list_is_planned_row_by_row_as_written(tmp_path: Path) -> None:
    people, _template = _plans(tmp_path)
    rows = [(r.row, r.full_name, r.relationship, r.status, r.phone, r.changes) for r in people.rows]
    assert rows == [
        (4, "Lê Thị Bình", "head", "updated", "0912000001", ("sex", "phone")),  # by personal ID
        (5, "Lê Văn Đức", "child", "updated", "0912000002", ("sex", "phone")),  # by name in the matched household
        (6, "Nguyễn Văn Thường", "head", "new", "0912000003", ()),  # no relationship: the household's first row
        (7, "Trần Thị Hoà", "spouse", "error", None, ()),
        (8, "Hà Văn An", "head", "updated", "0987654321", ("phone",)),
        (9, "Hà Thị Mai", "spouse", "updated", "0987000111", ("relationship", "phone")),
        (11, "Vi Văn Sáu", "head", "error", None, ()),
        (12, "Lò Văn Páo", "child", "error", None, ()),
        (13, "Lò Thị Sen", "child", "new", None, ()),
    ]
    assert [(h.household_key, h.status, h.changes) for h in people.households] == [
        ("1:a1", "updated", ("phone",)), ("1:a2", "new", ()), ("2:a3", "updated", ("phone",)), ("None:a4", "new", ()),
        ("2:a5", "new", ()),
    ]  # fmt: skip
    assert people.skipped_rows == 2 and people.legacy.cells == {"tcvn3": 1, "vni": 1}
    assert {i.ref for i in people.errors} == {"DanhSach!D7", "DanhSach!B11", "DanhSach!A12"}


def test_prepared_texts_are_as_text_of_gives_them(tmp_path: Path) -> None:
    """What lets a prepared book's columns skip the cleaning check (``Columns(texts_clean=True)``)."""
    rows = [["Họ và tên", "Thôn", "Ghi chú"],
            ["  Lò  Thị\u00a0Hà ", tcvn3(" Thôn  Đồng Tâm"), "\u2003"], [vni("Trần Thị Hoà "), "Bản\tLũng", " x "],
            ["An", "\u00a0", "a\u3000b"]]  # fmt: skip
    prepared = prepare_book(write_xlsx(tmp_path / "spaces.xlsx", {"S": rows}))
    texts = [v for grid in prepared.grids for row in grid.rows for v in row if isinstance(v, str)]
    assert len(texts) >= 10 and all(text_of(v) == v for v in texts)
    assert [r[0] for r in prepared.grids[0].rows[1:]] == ["Lò Thị Hà", "Trần Thị Hoà", "An"]


VALUES: list[Any] = [912345678, 912345678.0, 84912345678, 1234, 0, "0912 345 678", "+84 912-345-678", "(091) 234.5678",
                     "84912345678", "912345678", "8491234567", "", "abc", "09123456789"]  # fmt: skip


@pytest.mark.parametrize("values", [VALUES[:3], VALUES[:5], VALUES[5:], [v for v in VALUES[5:] if "+" not in str(v)],
                                    VALUES + [None, ABSENT], [912000000.0 + i for i in range(5)]])  # fmt: skip
def test_a_phone_column_reads_each_cell_as_phone_text(values: list[Any]) -> None:
    assert phone_column(values) == [None if v is ABSENT else phone_text(v) for v in values]


def test_household_codes_of_a_column_compare_as_each_code_does() -> None:
    for codes in (["HG 0001", "hg0002", "A-1", ""], ["HG 0001", "Mã Đông 1"], ["a\x00b", "c"], []):
        assert code_keys(codes) == [code_key(c) for c in codes]


def test_legacy_cells_are_told_and_converted_as_each_cell_would_be() -> None:
    from xaapp.domain.text import detect_legacy_encoding
    from xaapp.domain.vntext_legacy import convert_legacy
    from xaapp.services.import_sheet_text import _TCVN3_MARKER, tcvn3_latin1

    latin1 = [chr(code) for code in range(0x80, 0x100)]
    assert tcvn3_latin1("".join(map(chr, range(256)))) == convert_legacy("".join(map(chr, range(256))), "tcvn3")
    for ch in latin1:  # a TCVN3 code below 0xC0 makes any Latin-1 text TCVN3, whatever is around it
        for text in (ch, f"Nguy{ch}n V{ch}n", f"{ch}ñaø"):
            assert (_TCVN3_MARKER.search(text) is not None) <= (detect_legacy_encoding(text) == "tcvn3"), text
    assert _TCVN3_MARKER.search(tcvn3("Nguyễn Văn An")) and not _TCVN3_MARKER.search(vni("Nguyễn Văn An"))
