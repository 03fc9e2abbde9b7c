"""Poverty reviews: start/resume, autosave, finalise only when complete, edits of final reviews with a
reason, the year's list, steps and bulk village dates (services.reviews + services.register)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "forms_engine"))

from forms_household import HEAD, SON_10, SPOUSE, fill_household, new_session  # noqa: E402

from xaapp.errors import KnownError  # noqa: E402
from xaapp.services import reviews  # noqa: E402
from xaapp.services.demo import generate_demo  # noqa: E402
from xaapp.services.households import household_rows  # noqa: E402
from xaapp.storage.db import Database, open_database  # noqa: E402
from xaapp.storage.orm import AuditEntry, Household, Person, PovertyReview, Village  # noqa: E402


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("reviews-demo")
    db = open_database(folder)
    generate_demo(db, households=40, seed=3)
    db.close()
    return folder


@pytest.fixture
def db(template: Path, tmp_path: Path) -> Database:
    import shutil

    shutil.copytree(template, tmp_path / "data")
    return open_database(tmp_path / "data")


def poor_instance(village: str, members=(HEAD, SPOUSE, SON_10)) -> dict:
    """A complete household answer set whose income is under the rural line with 3 deprivations."""
    session = fill_household(new_session(), list(members))
    session.answer("general/village", village)
    session.answer("income/income_wages", 6_000_000)
    session.answer("income/income_farming", 6_000_000)
    session.answer("income/income_business", 0)
    session.answer("housing/water_source", "surface")
    session.answer("housing/latrine", "none")
    session.answer("housing/living_area", 12)
    session.answer("causes/poverty_causes", ["no_capital", "no_land"])
    assert session.is_complete(), session.all_issues()
    return session.to_json()["instance"]


def first_village(db: Database) -> tuple[int, str]:
    with db.read() as s:
        v = s.scalars(select(Village).order_by(Village.id)).first()
        return v.id, v.name


def test_a_new_household_is_registered_from_the_form_and_its_review_finalised_with_class_and_reason(
    db: Database,
) -> None:
    village_id, village = first_village(db)
    record = reviews.new_household_record(village_id, 2026)
    instance = poor_instance(village.upper())  # the village is matched accent- and case-insensitively
    saved = reviews.save_review(
        db, record, instance, cursor="income/income_wages", actor="thu", finalise=True
    )
    assert saved.status == "final" and saved.result_class == "poor"
    assert "chuẩn nông thôn" in saved.reason_vi and len(saved.person_uuids) == 3
    with db.read() as s:
        household = s.get(Household, saved.household_id)
        people = s.scalars(
            select(Person).where(Person.household_id == household.id).order_by(Person.position)
        )
        assert [(p.full_name, p.relationship_to_head, p.ethnicity) for p in people] == [
            ("Lê Văn Hùng", "head", "Kinh"),
            ("Phạm Thị Lan", "spouse", "Kinh"),
            ("Lê Văn Nam", "child", "Kinh"),
        ]
        review = s.get(PovertyReview, saved.review_id)
        assert review.answers["_xaapp"]["cursor"] == "income/income_wages"
        assert review.form_version == reviews.current_form().version
        assert review.result["classification"] == "poor" and review.surveyed_on == dt.date(2026, 11, 20)
        assert household.village_id == village_id and household.phone == "0912345678"
    listed = [r for r in household_rows(db, 2026) if r.id == saved.household_id]
    assert listed and listed[0].head_name == "Lê Văn Hùng" and listed[0].result_class == "poor"


def test_finalising_an_incomplete_form_is_refused_with_the_question_named_in_vietnamese(db: Database) -> None:
    village_id, village = first_village(db)
    instance = poor_instance(village)
    del instance["housing"]["latrine"]
    record = reviews.new_household_record(village_id, 2026)
    with pytest.raises(KnownError) as err:
        reviews.save_review(db, record, instance, finalise=True)
    assert "Chưa thể hoàn tất phiếu" in err.value.message_vi
    assert "Loại nhà tiêu đang sử dụng" in err.value.message_vi and "bắt buộc" in err.value.message_vi
    saved = reviews.save_review(db, record, instance)  # the same answers are kept as a draft …
    assert (
        saved.status == "draft" and saved.result_class is None
    )  # … with no class: the latrine is a fact of it


def test_drafts_resume_at_the_saved_field_and_keep_the_members_identity(db: Database) -> None:
    village_id, village = first_village(db)
    record = reviews.new_household_record(village_id, 2026)
    instance = poor_instance(village)
    saved = reviews.save_review(db, record, instance, cursor="members[2]/dob")
    reopened = reviews.open_review(db, saved.household_id, 2026)
    assert reopened.cursor == "members[2]/dob" and reopened.status == "draft"
    assert reopened.person_uuids == saved.person_uuids
    # The spouse is renamed and the child removed: same person row renamed, the child tombstoned.
    instance["members"][1]["full_name"] = "Pha\u0323m Thi\u0323 Lan Anh"  # decomposed, as old Unikey gives
    del instance["members"][2]
    again = reviews.save_review(
        db, reopened, instance, person_uuids=(reopened.person_uuids[0], reopened.person_uuids[1])
    )
    assert again.person_uuids == saved.person_uuids[:2]
    with db.read() as s:
        spouse = s.scalars(select(Person).where(Person.uuid == saved.person_uuids[1])).one()
        child = s.scalars(select(Person).where(Person.uuid == saved.person_uuids[2])).one()
        assert spouse.full_name == "Phạm Thị Lan Anh" and child.deleted_at is not None


def test_editing_a_final_review_needs_a_reason_that_goes_to_the_audit_log(db: Database) -> None:
    village_id, village = first_village(db)
    saved = reviews.save_review(
        db, reviews.new_household_record(village_id, 2026), poor_instance(village), finalise=True
    )
    record = reviews.open_review(db, saved.household_id, 2026)
    changed = dict(record.answers, housing={**record.answers["housing"], "living_area": 40})
    with pytest.raises(KnownError) as err:
        reviews.save_review(db, record, changed)
    assert "ghi lý do" in err.value.message_vi
    edited = reviews.save_review(db, record, changed, actor="thu", reason="Đo lại diện tích nhà")
    assert edited.status == "final"
    with db.read() as s:
        uuid = s.get(PovertyReview, saved.review_id).uuid
        rows = s.scalars(
            select(AuditEntry).where(AuditEntry.entity_uuid == uuid, AuditEntry.field == "answers.housing")
        ).all()
        assert rows[-1].reason == "Đo lại diện tích nhà" and rows[-1].username == "thu"
        assert '"living_area": 40' in rows[-1].new_value


def test_a_demo_review_opens_filled_from_the_register(db: Database) -> None:
    with db.read() as s:
        household = s.scalars(select(Household).order_by(Household.id)).first()
        names = [p.full_name for p in household.members]
    record = reviews.open_review(db, household.id, 2026)
    assert [m["full_name"] for m in record.answers["members"]] == names
    assert record.answers["general"]["review_year"] == 2026 and len(record.person_uuids) == len(names)
    session = new_session()
    assert session.load_json({"instance": record.answers}) == []


def test_year_list_has_last_years_poor_and_requests_and_bulk_dates_fill_only_ready_households(
    db: Database,
) -> None:
    rows = reviews.review_list(db, 2026)
    with db.read() as s:
        poor_2025 = set(
            s.scalars(
                select(PovertyReview.household_id).where(
                    PovertyReview.review_year == 2025, PovertyReview.result_class.in_(("poor", "near_poor"))
                )
            )
        )
        other = s.scalars(select(Household.id).where(Household.id.not_in(poor_2025))).first()
    assert poor_2025 <= {r.household_id for r in rows}
    reviews.request_review(db, other, 2027, "Hộ có người ốm nặng", actor="thu")
    next_year = reviews.review_list(db, 2027)
    assert [r.origin for r in next_year if r.household_id == other] == ["request"]

    village_id = rows[0].village_id
    in_village = [r for r in rows if r.village_id == village_id]
    ready = [r for r in in_village if r.status == "final" and r.meeting_on is None]
    count = reviews.record_village_step(db, 2026, village_id, "meeting", dt.date(2026, 11, 25), agree_pct=80)
    assert count == len(ready)
    after = {r.household_id: r for r in reviews.review_list(db, 2026)}
    for r in ready:
        assert after[r.household_id].meeting_on == dt.date(2026, 11, 25)
        assert after[r.household_id].meeting_agree_pct == 80
    drafts = [r for r in in_village if r.status == "draft"]
    assert all(after[r.household_id].meeting_on is None for r in drafts)
    totals = reviews.year_totals(list(after.values()), 2026)
    assert (
        totals.to_review == len(after)
        and totals.poor + totals.near_poor + totals.average + totals.none == totals.final
    )


def test_steps_keep_their_order_and_recognition_needs_a_decision_number(db: Database) -> None:
    village_id, village = first_village(db)
    saved = reviews.save_review(
        db, reviews.new_household_record(village_id, 2026), poor_instance(village), finalise=True
    )
    with pytest.raises(KnownError, match="bước trước"):
        reviews.record_step(db, saved.review_id, "posted", dt.date(2026, 11, 30))
    with pytest.raises(KnownError, match="tỷ lệ đồng ý"):
        reviews.record_step(db, saved.review_id, "meeting", dt.date(2026, 11, 25))
    reviews.record_step(db, saved.review_id, "meeting", dt.date(2026, 11, 25), agree_pct=92.5)
    with pytest.raises(KnownError, match="không được trước"):
        reviews.record_step(db, saved.review_id, "posted", dt.date(2026, 11, 1))
    reviews.record_step(db, saved.review_id, "posted", dt.date(2026, 11, 26))
    with pytest.raises(KnownError, match="số quyết định"):
        reviews.record_step(db, saved.review_id, "recognised", dt.date(2026, 12, 10))
    row = reviews.record_step(
        db, saved.review_id, "recognised", dt.date(2026, 12, 10), decision_no=" 12/QĐ-UBND "
    )
    assert row.step == "recognised" and row.decision_no == "12/QĐ-UBND" and row.meeting_agree_pct == 92.5


def test_a_draft_of_an_older_form_version_opens_on_the_new_one_and_says_what_changed() -> None:
    form = reviews.current_form()
    instance = fill_household(new_session(), [HEAD]).to_json()["instance"]
    instance["general"]["old_question"] = "bỏ"
    del instance["housing"]["latrine"]
    lines = reviews.version_change(form, instance, "2025010101")
    assert lines[0].startswith("Biểu mẫu đã đổi từ phiên bản 2025010101 sang " + form.version)
    assert any("general/old_question" in line for line in lines)
    assert any("housing/latrine" in line for line in lines)
    assert reviews.version_change(form, instance, form.version) == []


def test_classification_waits_until_the_answers_allow_it() -> None:
    session = new_session()
    assert reviews.classify_answers(session.to_json()["instance"]) is None
    record = dataclasses.replace(reviews.new_household_record(1, 2026))
    assert record.review_id is None and record.status == "draft"
