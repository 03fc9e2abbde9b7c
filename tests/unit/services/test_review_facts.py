"""No class without its facts: an empty income, a missing score A, a member's date of birth that is not a
date give "chưa đủ thông tin" naming the field, and finalising is refused naming it (issue 10)."""

from __future__ import annotations

import copy
import shutil
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "forms_engine"))

from forms_household import HEAD, SON_10, SPOUSE, fill_household, new_session  # noqa: E402

from xaapp.errors import KnownError  # noqa: E402
from xaapp.services import reviews  # noqa: E402
from xaapp.services.demo import generate_demo  # noqa: E402
from xaapp.services.review_facts import INCOME_FIELDS, assess_answers, fact_inputs, missing_text  # noqa: E402
from xaapp.storage.db import Database, open_database  # noqa: E402
from xaapp.storage.orm import PovertyReview, Village  # noqa: E402


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("facts-demo")
    db = open_database(folder)
    generate_demo(db, households=10, seed=2)
    db.close()
    return folder


@pytest.fixture
def db(template: Path, tmp_path: Path) -> Database:
    shutil.copytree(template, tmp_path / "data")
    return open_database(tmp_path / "data")


def near_poor(village: str = "Thôn Đông") -> dict:
    """A complete household under the rural line with no deprivation: near-poor."""
    session = fill_household(new_session(), [HEAD, SPOUSE, SON_10])
    session.answer("general/village", village)
    session.answer("income/income_wages", 24_000_000)
    session.answer("income/income_farming", 12_000_000)
    session.answer("income/income_business", 0)
    session.answer("causes/poverty_causes", ["no_capital"])
    assert session.is_complete(), session.all_issues()
    return session.to_json()["instance"]


def village_of(db: Database) -> tuple[int, str]:
    with db.read() as s:
        v = s.scalars(select(Village).order_by(Village.id)).first()
        return v.id, v.name


def test_a_complete_household_is_classed_with_its_reason() -> None:
    assessment = assess_answers(near_poor())
    assert assessment.missing == () and assessment.result_class == "near_poor"
    assert "(điểm B = 0, < 30)" in assessment.result["reason"]["vi"]


def test_income_method_chosen_and_all_five_incomes_empty_is_not_near_poor_at_0_dong(db: Database) -> None:
    instance = near_poor()
    for name in INCOME_FIELDS:
        instance["income"][name] = None
    assert (
        reviews.form_problems(reviews.current_form(), instance) == []
    )  # the form alone would let it through
    assessment = assess_answers(instance)
    assert assessment.result is None
    assert [m.path for m in assessment.missing] == ["income"]
    text = missing_text(list(assessment.missing))
    assert text.startswith("Chưa đủ thông tin để phân loại: Thu nhập (chưa ghi khoản thu nhập nào")
    village_id, village = village_of(db)
    instance["general"]["village"] = village
    record = reviews.new_household_record(village_id, 2026)
    with pytest.raises(KnownError) as err:
        reviews.save_review(db, record, instance, finalise=True)
    assert "Chưa thể hoàn tất phiếu" in err.value.message_vi and "Thu nhập" in err.value.message_vi
    assert "no income entered" in err.value.message_en
    draft = reviews.save_review(db, record, instance)
    assert draft.status == "draft" and draft.result_class is None
    with db.read() as s:
        review = s.get(PovertyReview, draft.review_id)
        assert review.result == {} and review.result_class is None
    instance["income"]["income_other"] = 0  # an income of 0 said out loud is a fact
    assert assess_answers(instance).result_class == "near_poor"


def test_score_a_chosen_without_a_score_names_score_a() -> None:
    instance = near_poor()
    instance["income"] = {"income_method": "score_a"}
    assessment = assess_answers(instance)
    assert assessment.result is None
    assert [(m.path, m.label_vi, m.problem_vi) for m in assessment.missing] == [
        ("income/score_a", "Tổng điểm A (từ Phiếu B)", "chưa có")
    ]


@pytest.mark.parametrize("bad", ["2026-02-30", "ngày 3", "", None, "2031-01-01"])
def test_a_member_date_of_birth_that_is_not_a_date_names_the_member(db: Database, bad) -> None:
    instance = near_poor()
    instance["members"][1]["dob"] = bad
    assessment = assess_answers(instance)
    assert assessment.result is None
    first = assessment.missing[0]
    assert first.path == "members[2]/dob"
    assert first.label_vi == "Ngày sinh – thành viên 2 (Phạm Thị Lan)"
    assert first.problem_vi == ("chưa có" if bad in ("", None) else "không hợp lệ")
    village_id, village = village_of(db)
    instance["general"]["village"] = village
    with pytest.raises(KnownError) as err:
        reviews.save_review(db, reviews.new_household_record(village_id, 2026), instance, finalise=True)
    assert "Ngày sinh" in err.value.message_vi and "members[2]/dob" in err.value.message_vi


def test_a_final_review_cannot_be_edited_into_one_without_its_facts(db: Database) -> None:
    village_id, village = village_of(db)
    instance = near_poor(village)
    saved = reviews.save_review(db, reviews.new_household_record(village_id, 2026), instance, finalise=True)
    record = reviews.open_review(db, saved.household_id, 2026)
    emptied = copy.deepcopy(record.answers)
    for name in INCOME_FIELDS:
        emptied["income"][name] = None
    with pytest.raises(KnownError, match="Thu nhập"):
        reviews.save_review(db, record, emptied, reason="Xóa thu nhập", person_uuids=record.person_uuids)
    with db.read() as s:
        assert s.get(PovertyReview, saved.review_id).result_class == "near_poor"


def test_the_facts_are_the_answers_the_deprivation_and_income_formulas_read() -> None:
    inputs = fact_inputs(reviews.current_form())
    for name in ("dob", "survey_date", "health_insurance", "water_source", "latrine", "living_area",
                 "info_devices", "income_method", "score_a", "area_type", "review_year", *INCOME_FIELDS):  # fmt: skip
        assert name in inputs, name
    for name in ("full_name", "phone", "poverty_causes", "has_merit", "personal_id", "village"):
        assert name not in inputs, name
