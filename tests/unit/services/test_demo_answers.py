"""The demo stores each review as the household form keeps it, complete, and its stored class is the class
the real form and rules give from those answers (issue 10)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from xaapp.forms_engine import InterviewSession
from xaapp.services import reviews
from xaapp.services.demo import generate_demo
from xaapp.services.demo_answers import register_details
from xaapp.services.review_facts import assess_session
from xaapp.storage.db import Database, open_database
from xaapp.storage.orm import Person, PovertyReview


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Database:
    db = open_database(tmp_path_factory.mktemp("demo-answers"))
    generate_demo(db, households=150, seed=11)
    return db


def test_every_demo_review_is_complete_and_its_class_is_what_the_form_and_rules_give(demo: Database) -> None:
    form = reviews.current_form()
    classes = set()
    with demo.read() as s:
        stored = list(s.scalars(select(PovertyReview).order_by(PovertyReview.id)))
    assert len(stored) == 300
    for review in stored:
        session = InterviewSession(form, lang="vi")
        assert (
            session.load_json({"instance": {k: v for k, v in review.answers.items() if k != "_xaapp"}}) == []
        )
        assert session.all_issues() == [], (review.id, session.all_issues()[:3])
        assessment = assess_session(session)
        assert assessment.result is not None, assessment.missing
        for key in ("classification", "income_per_capita", "deprivations", "score_b", "reason"):
            assert assessment.result[key] == review.result[key], (review.id, key)
        assert review.result_class == assessment.result_class
        classes.add(review.result_class)
    assert classes == {"poor", "near_poor", "average", "none"}  # the demo shows every class


def test_the_register_holds_what_the_latest_review_found_and_a_demo_review_opens_as_stored(
    demo: Database,
) -> None:
    with demo.read() as s:
        review = s.scalars(
            select(PovertyReview).where(PovertyReview.review_year == 2026).order_by(PovertyReview.id)
        ).first()
        people = list(
            s.scalars(
                select(Person).where(Person.household_id == review.household_id).order_by(Person.position)
            )
        )
        answers = review.answers
    assert [p.details for p in people] == register_details(answers)
    assert answers["_xaapp"]["members"] == [p.uuid for p in people]
    record = reviews.open_review(demo, review.household_id, 2026)
    assert record.review_id == review.id and record.person_uuids == tuple(p.uuid for p in people)
    assert record.answers == {k: v for k, v in answers.items() if k != "_xaapp"}
