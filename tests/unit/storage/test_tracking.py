"""Revisions, outbox and audit are written with the change, in the same transaction."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from xaapp.domain.clock import utcnow
from xaapp.storage.db import Database, open_database
from xaapp.storage.orm import AdminUnit, AuditEntry, Household, OutboxEntry, Person, PovertyReview, Village


@pytest.fixture
def db(tmp_path: Path) -> Database:
    database = open_database(tmp_path)
    with database.session(actor="setup") as s:
        s.add(AdminUnit(code="14923", name="Xã Bá Thước", kind="xa", name_folded="xa ba thuoc"))
        village = Village(commune_code="14923", name="Bản Đôn")
        household = Household(village=village, address="Bản Đôn")
        s.add(Person(household=household, full_name="Lò Văn Khăm", sex="male", relationship_to_head="head"))
        s.add(PovertyReview(household=household, review_year=2026, answers={"income_per_capita": 1_200_000}))
    return database


def test_an_edit_is_audited_old_to_new_with_who_and_why(db: Database) -> None:
    with db.session(actor="thu", reason="Sai chính tả tên") as s:
        person = s.scalars(select(Person)).one()
        person.full_name = "Lò Văn Khắm"
    with db.read() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "update")).one()
        assert (entry.username, entry.entity, entry.field) == ("thu", "person", "full_name")
        assert (entry.old_value, entry.new_value, entry.reason) == (
            "Lò Văn Khăm",
            "Lò Văn Khắm",
            "Sai chính tả tên",
        )
        person = s.scalars(select(Person)).one()
        assert person.revision == 2 and person.name_folded == "lo van kham"


def test_a_changed_answer_is_audited_by_question(db: Database) -> None:
    with db.session(actor="thu") as s:
        review = s.scalars(select(PovertyReview)).one()
        review.answers = {**review.answers, "income_per_capita": 1_600_000}
    with db.read() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "update")).one()
        assert (entry.field, entry.old_value, entry.new_value) == (
            "answers.income_per_capita",
            "1200000",
            "1600000",
        )


def test_every_change_queues_one_outbox_row_and_a_rollback_queues_none(db: Database) -> None:
    with db.read() as s:
        assert [(o.entity, o.revision) for o in s.scalars(select(OutboxEntry).order_by(OutboxEntry.seq))] == [
            ("village", 1),
            ("household", 1),
            ("person", 1),
            ("poverty_review", 1),
        ]
    with pytest.raises(RuntimeError), db.session(actor="thu") as s:
        s.scalars(select(Person)).one().full_name = "Tên khác"
        s.flush()
        raise RuntimeError("power cut before commit")
    with db.read() as s:
        assert s.scalars(select(Person)).one().full_name == "Lò Văn Khăm"
        assert len(s.scalars(select(OutboxEntry)).all()) == 4


def test_deletes_are_tombstones_never_physical(db: Database) -> None:
    with pytest.raises(ValueError, match="never deleted physically"), db.session() as s:
        s.delete(s.scalars(select(Person)).one())
    with db.session(actor="thu", reason="Chuyển đi") as s:
        s.scalars(select(Person)).one().deleted_at = utcnow()
    with db.read() as s:
        last = s.scalars(select(OutboxEntry).order_by(OutboxEntry.seq.desc())).first()
        assert last is not None and (last.entity, last.op, last.revision) == ("person", "delete", 2)
        assert s.scalars(select(AuditEntry).where(AuditEntry.action == "delete")).one().reason == "Chuyển đi"


def test_the_audit_log_is_append_only(db: Database) -> None:
    with pytest.raises(Exception, match="append-only"), db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE audit_log SET username = 'someone else'")
    with pytest.raises(Exception, match="append-only"), db.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM audit_log")


def test_changes_applied_from_the_server_are_not_sent_back(db: Database) -> None:
    with db.session(actor="sync", remote=True) as s:
        s.scalars(select(Person)).one().phone = "0912345678"
    with db.read() as s:
        assert len(s.scalars(select(OutboxEntry)).all()) == 4
        assert s.scalars(select(AuditEntry).where(AuditEntry.action == "update")).all() == []
