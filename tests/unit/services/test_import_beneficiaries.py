"""Importing a social-assistance list: clauses written every way, coefficients checked against the allowance
rules (a disagreeing one is rejected, never taken), amounts from the rules, bank accounts; twice adds nothing."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "reports"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from listdata import make_db  # noqa: E402
from sheetfiles import tcvn3, write_spreadsheetml, write_xls  # noqa: E402

from xaapp.services.import_beneficiaries import clause_candidates  # noqa: E402
from xaapp.services.importing import commit_import, plan_import  # noqa: E402
from xaapp.storage.orm import AllowancePeriod, Beneficiary, Person  # noqa: E402

TODAY = dt.date(2026, 11, 28)
HEADER = ["STT", "Họ và tên", "Ngày sinh", "Thôn", "Diện hưởng", "Hệ số", "Mức trợ cấp", "Số tài khoản"]


@pytest.fixture
def commune(tmp_path: Path):
    return make_db(tmp_path)


def test_clause_written_every_way() -> None:
    assert clause_candidates("Điều 5 khoản 6") == ("5.6",)
    assert clause_candidates("5.6") == ("5.6",) and clause_candidates("K5.5a") == ("5.5a",)
    assert clause_candidates("điểm a khoản 5 Điều 5") == ("5.5a",)
    assert clause_candidates("Khoản 4") == ("5.4",) and clause_candidates("5,8") == ("5.8",)
    assert clause_candidates("Người khuyết tật nặng") == ("5.6",)
    assert clause_candidates("Người cao tuổi") == ("5.5a", "5.5b", "5.5c", "5.5d")
    assert clause_candidates("Điều 5 khoản 5") == ("5.5a", "5.5b", "5.5c", "5.5d")
    assert clause_candidates("hộ nghèo") == ()


def test_social_assistance_list_checked_against_the_rules(commune, tmp_path: Path) -> None:
    db, ids = commune
    rows = [
        ["DANH SÁCH ĐỐI TƯỢNG BẢO TRỢ XÃ HỘI"],
        HEADER,
        [1, "Hà Văn An", dt.date(1962, 2, 2), "Bản Lũng", "Điều 5 khoản 6", "2,0", "1.000.000", ""],  # registered
        [2, tcvn3("Nguyễn Văn Thường"), "02/03/1940", "Bản Lũng", "Người cao tuổi", 2, 1000000, 3601205123456],
        [3, "Hà Văn Khải", "10/10/1990", "Bản Lũng", "5.6", 2, "720.000", "4500123"],  # old standard level
        [4, "Lò Thị Xuân", "05/05/1991", "Bản Lũng", "5.6", 3, "", ""],  # no reading gives 3
        [5, "Vi Văn Tám", "05/05/1991", "Bản Lũng", "khoản 9", 1, "", ""],
    ]
    path = write_xls(tmp_path / "btxh.xls", {"DanhSach": rows})
    plan = plan_import(db, path, today=TODAY, month="2026-11")
    assert plan.kind == "beneficiaries" and plan.month == "2026-11"
    by_name = {b.full_name: b for b in plan.beneficiaries}
    an = by_name["Hà Văn An"]
    assert (an.clause, an.coefficient, an.amount) == ("5.6", 2.0, 1_000_000)  # severe, aged 64: the elderly's 2.0
    assert an.person_id is not None and not an.new_person
    thuong = by_name["Nguyễn Văn Thường"]  # TCVN3 name converted; "người cao tuổi" with k 2 at 86: 5.5a
    assert (thuong.clause, thuong.coefficient, thuong.amount) == ("5.5a", 2.0, 1_000_000)
    assert thuong.new_person and thuong.bank_account == "3601205123456"
    khai = by_name["Hà Văn Khải"]
    assert (khai.clause, khai.coefficient, khai.amount) == ("5.6", 2.0, 1_000_000)  # extremely severe adult
    errors = {(e.ref, e.message_vi.split(":")[0]) for e in plan.errors}
    assert errors == {
        ("DanhSach!F6", "Hệ số trong tệp 3 khác hệ số theo quy định 1,5 (diện 5.6) hoặc 2 (diện 5.6) ở tháng 11/2026"),
        ("DanhSach!E7", "Không hiểu diện «khoản 9»"),
    }
    warnings = {w.ref: w.message_vi for w in plan.issues if w.warning}
    assert "720.000 đ khác mức theo quy định 1.000.000 đ" in warnings["DanhSach!G5"]
    assert "tạo hộ mới một người" in warnings["DanhSach!4:4"]
    assert plan.counts() == {"new": 3, "updated": 0, "unchanged": 0, "error": 2}

    fixed = [r for r in rows if r[0] not in (4, 5)]
    path = write_spreadsheetml(tmp_path / "btxh-sua.xml", {"DanhSach": fixed})
    plan = plan_import(db, path, today=TODAY, month="2026-11")
    assert plan.ok, [i.text() for i in plan.errors]
    result = commit_import(db, plan)
    assert (result.beneficiaries, result.people) == (3, 2)
    with db.read() as s:
        khai_id = s.scalar(select(Person.id).where(Person.full_name == "Hà Văn Khải"))
        record = s.scalar(select(Beneficiary).where(Beneficiary.person_id == khai_id))
        assert (record.clauses, record.bank_account, record.start_month) == (["5.6"], "4500123", "2026-11")
        period = s.scalar(select(AllowancePeriod).where(AllowancePeriod.beneficiary_id == record.id))
        assert (period.coefficient, period.amount, period.standard_level) == (2.0, 1_000_000, 500_000)
        total = s.scalar(select(func.count()).select_from(Beneficiary))
    again = plan_import(db, path, today=TODAY, month="2026-11")
    assert again.counts() == {"new": 0, "updated": 0, "unchanged": 3, "error": 0}
    commit_import(db, again)
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Beneficiary)) == total
