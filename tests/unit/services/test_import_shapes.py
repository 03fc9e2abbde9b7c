"""Real list shapes: the village-software template (households sheet + people sheet keyed by Mã hộ) in
.xls with unaccented headers, TCVN3/VNI cells, merged cells, group and total rows, date forms; importing
twice adds nothing; a changed row updates with the file named in the audit."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "reports"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from listdata import make_db  # noqa: E402
from sheetfiles import tcvn3, vni, write_html, write_ods, write_spreadsheetml, write_xls, write_xlsx  # noqa: E402

from xaapp.errors import KnownError  # noqa: E402
from xaapp.services.import_mapping import ImportMapping  # noqa: E402
from xaapp.services.importing import commit_import, plan_import  # noqa: E402
from xaapp.storage.orm import AuditEntry, Household, OutboxEntry, Person, PovertyReview  # noqa: E402

TODAY = dt.date(2026, 11, 28)
HODAN = ["Ma ho", "Ten chu ho", "Dia chi", "So dien thoai", "Ma dia ban", "Dien ho", "Ho ngheo", "Ho can ngheo",
         "Ghi chu"]  # fmt: skip
NHANKHAU = ["Ma ho", "Ho va ten", "Ngay sinh", "Gioi tinh", "Quan he voi chu ho", "So CCCD"]


def template() -> dict[str, list[list]]:
    return {
        "HoDan": [
            HODAN,
            ["VS001", tcvn3("Đinh Văn Quý"), tcvn3("Thôn Đồng Tâm, xã Bá Thước"), 912345678, "", "", "x", "", ""],
            ["VS002", "Hà Thị Lan", "", "0987654321", "BL", "", "0", "1", ""],
            ["VS003", "Lò Văn Páo", "", "", "Bản Lũng", "Hộ thường", "Không", "Không", "đã chuyển đi?"],
        ],
        "NhanKhau": [
            NHANKHAU,
            ["VS001", tcvn3("Đinh Văn Quý"), "12/04/1975", "Nam", "Chu ho", "038075009991"],
            ["VS001", vni("Nguyễn Thị Hoà"), "3/2/78", "Nu", "Vo", ""],
            ["VS002", vni("Phạm Văn Tuấn"), 37196, "Nam", "Con", ""],
            ["VS002", "Phạm Thị Mến", 2010, "Nữ", "Con", ""],
        ],
    }


def counts(db) -> tuple[int, ...]:
    with db.read() as s:
        return tuple(s.scalar(select(func.count()).select_from(m)) for m in (Household, Person, PovertyReview, OutboxEntry))


@pytest.fixture
def commune(tmp_path: Path):
    return make_db(tmp_path)


def test_village_software_template_in_xls_imports_and_importing_twice_adds_nothing(commune, tmp_path) -> None:
    db, ids = commune
    path = write_xls(tmp_path / "xuat-du-lieu.xls", template())
    mapping = ImportMapping(area_codes={"BL": "Bản Lũng"})
    before = counts(db)
    plan = plan_import(db, path, year=2025, today=TODAY, mapping=mapping)
    assert plan.ok, [i.text() for i in plan.issues]
    assert plan.sheets == ("HoDan", "NhanKhau") and plan.format_label.startswith("Excel 97-2003")
    assert plan.mappings["HoDan"]["head_name"] == "B (Ten chu ho)"
    assert plan.mappings["HoDan"]["flag_poor"] == "G (Ho ngheo)" and plan.mappings["HoDan"]["area_code"] == "E (Ma dia ban)"
    assert plan.legacy.cells == {"tcvn3": 3, "vni": 2}  # per column: names, address; VNI names
    households = {h.code: h for h in plan.households}
    assert households["VS001"].village_id == ids["dong_tam"]  # from the address
    assert households["VS002"].village_id == ids["ban_lung"]  # area code through the officer's table
    assert households["VS003"].village_id == ids["ban_lung"]  # area code that is a village name
    assert households["VS001"].phone == "0912345678"  # Excel's lost leading zero
    assert households["VS001"].address == "Thôn Đồng Tâm, xã Bá Thước"
    by_name = {r.full_name: r for r in plan.rows}
    assert by_name["Đinh Văn Quý"].relationship == "head" and by_name["Đinh Văn Quý"].result_class == "poor"
    assert by_name["Hà Thị Lan"].relationship == "head" and by_name["Hà Thị Lan"].dob is None  # head from HoDan
    assert by_name["Hà Thị Lan"].result_class == "near_poor"
    assert by_name["Lò Văn Páo"].result_class is None  # Không / Không: no class recorded
    assert by_name["Nguyễn Thị Hoà"].dob == dt.date(1978, 2, 3)  # d/m/yy
    assert by_name["Phạm Văn Tuấn"].dob == dt.date(2001, 11, 1)  # an Excel serial stored as a number
    assert by_name["Phạm Thị Mến"].birth_year == 2010
    assert plan.counts() == {"new": 7, "updated": 0, "unchanged": 0, "error": 0}
    assert (plan.new_households, plan.new_people, plan.reviews) == (3, 6, 2)  # 4 people + 2 heads from HoDan
    assert counts(db) == before  # planning changes nothing

    result = commit_import(db, plan)
    assert (result.households, result.people, result.reviews) == (3, 6, 2)
    with db.read() as s:
        quy = s.scalar(select(Person).where(Person.full_name == "Đinh Văn Quý"))
        hh = s.get(Household, quy.household_id)
        assert (hh.code, hh.phone, hh.village_id) == ("VS001", "0912345678", ids["dong_tam"])
        members = s.scalars(select(Person.full_name).where(Person.household_id == hh.id)).all()
        assert sorted(members) == ["Nguyễn Thị Hoà", "Đinh Văn Quý"]
        review = s.scalar(select(PovertyReview).where(PovertyReview.household_id == hh.id))
        assert (review.review_year, review.result_class) == (2025, "poor")
    after = counts(db)

    again = plan_import(db, path, year=2025, today=TODAY, mapping=mapping)
    assert again.ok and again.counts() == {"new": 0, "updated": 0, "unchanged": 7, "error": 0}
    commit_import(db, again)
    assert counts(db) == after  # the same file twice adds nothing, not even an outbox row

    changed = template()
    changed["HoDan"][2][3] = "0911000222"
    changed["NhanKhau"][3][5] = "038201000123"  # Phạm Văn Tuấn's ID, born 2001: century digit 2, male 0
    path2 = write_xls(tmp_path / "xuat-du-lieu-thang-12.xls", changed)
    plan2 = plan_import(db, path2, year=2025, today=TODAY, mapping=mapping)
    assert plan2.ok, [i.text() for i in plan2.issues]
    assert plan2.counts() == {"new": 0, "updated": 2, "unchanged": 5, "error": 0}
    assert {r.full_name: r.changes for r in plan2.rows if r.changes} == {"Phạm Văn Tuấn": ("personal_id",)}
    commit_import(db, plan2)
    with db.read() as s:
        reasons = s.scalars(select(AuditEntry.reason).where(AuditEntry.field.in_(("phone", "personal_id")),
                                                            AuditEntry.action == "update")).all()  # fmt: skip
        assert reasons and all("xuat-du-lieu-thang-12.xls" in r for r in reasons)
        assert s.scalar(select(Household.phone).where(Household.code == "VS002")) == "0911000222"


def test_people_code_missing_from_households_sheet_is_rejected_with_its_cell(commune, tmp_path) -> None:
    db, _ids = commune
    sheets = template()
    sheets["NhanKhau"].append(["VS999", "Người Lạ", "01/01/1990", "Nam", "Con", ""])
    plan = plan_import(db, write_xlsx(tmp_path / "t.xlsx", sheets), year=2025, today=TODAY,
                       mapping=ImportMapping(area_codes={"BL": "Bản Lũng"}))  # fmt: skip
    assert not plan.ok
    [error] = plan.errors
    assert error.ref == "NhanKhau!A6" and "VS999" in error.message_vi and "thêm hộ" in error.message_vi
    assert plan.counts()["error"] == 1
    with pytest.raises(KnownError):
        commit_import(db, plan)


def test_without_any_village_source_the_officer_chooses_one_for_the_file(commune, tmp_path) -> None:
    db, ids = commune
    sheets = {"HoDan": [["Ma ho", "Ten chu ho", "Ho ngheo"], ["A1", "Vi Văn Sáu", "x"]]}
    path = write_xlsx(tmp_path / "t.xlsx", sheets)
    with pytest.raises(KnownError, match="thiếu cột: Thôn, bản"):
        plan_import(db, path, year=2025, today=TODAY)
    plan = plan_import(db, path, year=2025, today=TODAY, village="dong tam")
    assert plan.ok and plan.households[0].village_id == ids["dong_tam"]
    with pytest.raises(KnownError, match="Không có thôn «Thôn Xa»"):
        plan_import(db, path, year=2025, today=TODAY, village="Thôn Xa")


def _posting_list() -> tuple[list[list], dict]:
    rows = [
        ["DANH SÁCH HỘ NGHÈO, HỘ CẬN NGHÈO NĂM 2025", None, None, None, None, None],
        ["Mã hộ", "Họ và tên", "Ngày sinh", "Giới tính", "Phân loại", None],
        [None, None, None, None, "Hộ nghèo", "Hộ cận nghèo"],
        ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"],
        ["Thôn Đồng Tâm", None, None, None, None, None],
        ["DT01", "Trương Văn Hải", "1985-04-12", "Nam", "X", None],
        [None, "Trương Thị Hạnh", "01.02.1987", "Nữ", None, None],
        ["Cộng thôn Đồng Tâm: 1 hộ", None, None, None, 1, 0],
        ["Bản Lũng", None, None, None, None, None],
        ["BL07", "Tống Văn Tài", 31149, "Nam", None, "x"],
        ["Tổng cộng", None, None, None, 1, 1],
    ]
    merges = [(0, 0, 0, 5), (1, 0, 2, 0), (1, 1, 2, 1), (1, 2, 2, 2), (1, 3, 2, 3), (1, 4, 1, 5),
              (4, 0, 4, 5), (5, 0, 6, 0), (8, 0, 8, 5)]  # fmt: skip
    return rows, merges


@pytest.mark.parametrize("kind", ["xlsx", "xls", "ods", "spreadsheetml", "html"])
def test_posting_list_with_merged_cells_two_row_header_group_and_total_rows(commune, tmp_path, kind) -> None:
    db, ids = commune
    rows, merges = _posting_list()
    path = tmp_path / "niem-yet.xls"
    if kind == "html":
        write_html(path, rows, merges)
    else:
        writer = {"xlsx": write_xlsx, "xls": write_xls, "ods": write_ods, "spreadsheetml": write_spreadsheetml}[kind]
        writer(path, {"Sheet1": rows}, {"Sheet1": merges})
    plan = plan_import(db, path, year=2025, today=TODAY)
    assert plan.ok, [i.text() for i in plan.issues]
    assert plan.header_row == 2 and plan.mapping["flag_poor"].startswith("E") and plan.mapping["flag_near_poor"].startswith("F")
    people = [(r.full_name, r.village_id, r.household_key.split(":")[-1], r.relationship, r.result_class) for r in plan.rows]
    assert people == [
        ("Trương Văn Hải", ids["dong_tam"], "dt01", "head", "poor"),
        ("Trương Thị Hạnh", ids["dong_tam"], "dt01", "other", None),  # the merged Mã hộ filled down
        ("Tống Văn Tài", ids["ban_lung"], "bl07", "head", "near_poor"),  # a Tống is a person, not a total row
    ]
    assert [r.dob for r in plan.rows] == [dt.date(1985, 4, 12), dt.date(1987, 2, 1), dt.date(1985, 4, 12)]
    assert plan.skipped_rows == 5  # column numbers, two village rows, two total rows


def test_legacy_text_per_column_and_per_cell(tmp_path) -> None:
    from xaapp.services.import_read import prepare_book

    names = ["Nguyễn Văn Thường", "Lê Thị Hồng", "Trần Minh Đức"]
    sheets = {
        "TCVN3": [["Họ và tên"]] + [[tcvn3(n)] for n in names] + [["Lê Minh Tú"]],  # a retyped Latin-1 name
        "VNI": [["Ho va ten"]] + [[vni(n)] for n in names],
        "Hỗn hợp": [[tcvn3("Ghi chú"), "Tên"], [tcvn3("Đã chuyển đi"), "Hà Văn Tú"], [None, "Bùi Thị Ánh"]],
    }
    prepared = prepare_book(write_xls(tmp_path / "fonts.xls", sheets))
    grids = {g.name: g.rows for g in prepared.grids}
    assert [r[0] for r in grids["TCVN3"][1:]] == names + ["Lê Minh Tú"]  # not "Lờ Minh Tỳ"
    assert [r[0] for r in grids["VNI"][1:]] == names
    assert grids["Hỗn hợp"][0] == ["Ghi chú", "Tên"]  # "Ghi chó": no letter of its own says TCVN3, its column does
    assert grids["Hỗn hợp"][1] == ["Đã chuyển đi", "Hà Văn Tú"]  # TCVN3 cells in a column, Unicode beside them
    assert prepared.legacy.cells == {"tcvn3": 5, "vni": 3}
    assert "Hỗn hợp!A (TCVN3 (ABC))" in prepared.legacy.columns
    assert "5 ô TCVN3 (ABC), 3 ô VNI" in prepared.legacy.text()
