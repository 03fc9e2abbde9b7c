"""Each deprivation indicator is defined once, in the rule data's catalogue: a 13th indicator added to a
rule folder (with its calculation in the form) reaches the form's result, the posting list's column and
Biểu 2 with nothing else changed; the 2027–2030 list's waste handling is asked by the 2027 household form."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "forms_engine"))

from forms_household import TODAY, fill_household, new_session  # noqa: E402

from xaapp.forms_engine import Form, InterviewSession, load_form, shipped_form  # noqa: E402
from xaapp.paths import forms_dir  # noqa: E402
from xaapp.rules import data as rule_data  # noqa: E402
from xaapp.rules import deprivations  # noqa: E402
from xaapp.rules.standards import standard_for_year  # noqa: E402
from xaapp.services.indicator_form import indicator_problems  # noqa: E402
from xaapp.services.list_documents import build_document  # noqa: E402
from xaapp.services.reference import ensure_units  # noqa: E402
from xaapp.services.review_facts import assess_session  # noqa: E402
from xaapp.services.settings import COMMUNE_CODE, set_setting  # noqa: E402
from xaapp.storage.db import Database, open_database  # noqa: E402
from xaapp.storage.orm import Household, Person, PovertyReview, Village  # noqa: E402

INTERNET = {
    "code": "internet_access",
    "name_vi": "truy cập internet",
    "name_en": "internet access",
    "legal_basis": "quyết định của tỉnh (thử)",
    "questions": ["telecom_use"],
    "demo_weight": 2,
}


@pytest.fixture
def thirteen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A rule folder whose 2022–2025 list counts a 13th indicator, used as the bundled one."""
    rules = tmp_path / "rules"
    shutil.copytree(rule_data.rules_folder(), rules)
    path = rules / "deprivation_indicators.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["indicators"].append(INTERNET)
    first = next(s for s in data["sets"] if s["id"] == "2022-2025")
    first["indicators"].append(
        {"code": "internet_access", "no": 13, "dimension_vi": "Thông tin", "status": "unverified"}
    )
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setattr(rule_data, "_bundled_folder", lambda: rules)
    return rules


def form_with_internet_flag(tmp_path: Path) -> Form:
    """The household form with the one row a province adds for the new indicator."""
    path = tmp_path / "household_review.xlsx"
    shutil.copy(forms_dir() / "household_review.xlsx", path)
    book = load_workbook(path)
    survey = book["survey"]
    header = [c.value for c in survey[1]]
    row = [None] * len(header)
    row[header.index("type")], row[header.index("name")] = "calculate", "dep_internet_access"
    row[header.index("calculation")] = "if(${telecom_use} = 'no', 1, 0)"
    survey.append(row)
    book.save(path)
    return load_form(path)


def near_poor_without_telecom(form: Form) -> InterviewSession:
    session = fill_household(InterviewSession(form, lang="vi", today=TODAY))
    for path, value in {
        "general/review_year": 2026,
        "income/income_wages": 30_000_000,  # 66 M đ a year for 5 people: 1.1 M đ a month, under the line
        "information/telecom_use": "no",
    }.items():
        assert session.answer(path, value) == []
    return session


def store(db: Database, session: InterviewSession, result: dict[str, Any]) -> None:
    ensure_units(db)
    set_setting(db, COMMUNE_CODE, "14923")
    with db.session(actor="test") as s:
        village = Village(commune_code="14923", name="Thôn Đông")
        s.add(village)
        s.flush()
        household = Household(village_id=village.id, address="Thôn Đông", area_type="rural")
        s.add(household)
        s.flush()
        s.add(Person(household_id=household.id, position=0, full_name="Lê Văn Hùng", sex="male",
                     dob=dt.date(1984, 3, 15), relationship_to_head="head"))  # fmt: skip
        s.add(PovertyReview(household_id=household.id, review_year=2026, kind="periodic", status="final",
                            result_class=result["classification"], result=result,
                            answers=session.to_json()["instance"]))  # fmt: skip


def test_a_13th_indicator_in_the_rule_data_reaches_the_form_result_the_list_and_bieu_2(
    thirteen: Path, tmp_path: Path
) -> None:
    assert deprivations.catalogue_codes()[-1] == "internet_access"
    assert standard_for_year(2026).indicators.codes[-1] == "internet_access"
    # the shipped form cannot produce it, and says so; the form with its row can
    assert [p.code for p in indicator_problems(shipped_form("household_review"))] == ["internet_access"]
    form = form_with_internet_flag(tmp_path)
    assert indicator_problems(form) == []

    session = near_poor_without_telecom(form)
    result = assess_session(session).result
    assert result is not None
    assert result["classification"] == "near_poor"
    assert result["deprivations"] == ["telecom_use", "internet_access"]

    db = open_database(tmp_path / "data")
    store(db, session, result)
    posting = build_document(db, "posting", year=2026, today=dt.date(2026, 12, 1)).tables[
        1
    ]  # II. HỘ CẬN NGHÈO
    (row,) = posting.rows()
    assert row[posting.index("deprived")] == 2
    summary = build_document(db, "summary", year=2026, today=dt.date(2026, 12, 1))
    bieu_2 = next(t for t in summary.tables if (t.title or "").startswith("Biểu 2."))
    rows = {r[bieu_2.index("indicator")]: r for r in bieu_2.rows()}
    assert list(rows)[-2:] == ["Phương tiện phục vụ tiếp cận thông tin", "Truy cập internet"]
    assert rows["Truy cập internet"][bieu_2.index("near_poor")] == 1

    from xaapp.ui.labels import deprivation_label

    assert deprivation_label("internet_access") == "Truy cập internet"


def test_the_2027_household_form_asks_waste_handling_and_counts_it() -> None:
    session = fill_household(new_session())
    assert session.answer("general/review_year", 2026) == []
    assert not session.is_relevant("housing/waste_disposal")
    assert assess_session(session).missing == ()  # not asked before 2027, not missing either
    assert session.answer("general/review_year", 2027) == []
    assert session.is_relevant("housing/waste_disposal")
    assert [m.path for m in assess_session(session).missing] == ["housing/waste_disposal"]
    assert session.answer("housing/waste_disposal", "dumped") == []
    assert session.value("dep_waste_handling") == 1
    result = assess_session(session).result
    assert result is not None and result["deprivations"] == ["waste_handling"]
    assert session.answer("housing/waste_disposal", "collected") == []
    assert session.value("dep_waste_handling") == 0


def test_the_shipped_form_produces_every_indicator_every_standard_counts() -> None:
    form = shipped_form("household_review")
    assert indicator_problems(form) == []
    for year in (2026, 2027):
        standard = standard_for_year(year)
        assert standard is not None
        assert all(deprivations.flag_name(c) in form.items for c in standard.indicators.codes)


def test_the_docs_table_is_the_catalogue() -> None:
    text = (Path(__file__).resolve().parents[3] / "docs" / "rules.md").read_text(encoding="utf-8")
    start, end = "<!-- indicator table: tools/indicator_table.py -->", "<!-- end of indicator table -->"
    assert text[text.index(start) + len(start) : text.index(end)].strip() == deprivations.markdown_table()


def test_flags_are_read_in_one_place() -> None:
    assert deprivations.flag_code("dep_waste_handling") == "waste_handling"
    assert deprivations.flag_code("dep_") is None and deprivations.flag_code("depth") is None
    assert deprivations.flagged({"dep_nutrition": "1", "dep_water_source": 0, "area": "rural"}) == (
        "nutrition",
    )
