"""Push bookkeeping costs the same per record however large the outbox: answers are settled with a
few set-based statements per batch, and the next batch is read through an index, not the whole outbox."""

from __future__ import annotations

from sqlalchemy import func, select
from sync_fakes import add_commune, statements

from xaapp.storage.db import Database
from xaapp.storage.orm import Household, OutboxEntry, Person, PovertyReview
from xaapp.storage.sync_store import SqlSyncStore
from xaapp.sync.protocol import RecordResult


def test_answers_settle_in_a_few_statements_and_only_acknowledged_records_leave(db: Database) -> None:
    add_commune(db, households=150)
    store = SqlSyncStore(db)
    store.save_identity("dev-1", "tok", "http://127.0.0.1:1", "14923")
    pending = store.pending_count()
    batch = store.freeze_batch(200)
    assert batch is not None and len(batch.records) == 200
    answered = batch.records[:150]  # an answer for part of the batch (a chunk)
    results = [RecordResult(r.uuid, r.revision, "accepted") for r in answered]
    seen = statements(db, lambda: store.record_results(batch.batch_id, results))
    assert len(seen) <= 12, seen  # not one per record
    assert store.pending_count() == pending - 150
    assert store.current_batch().records == batch.records[150:]  # the rest is resent unchanged
    with db.read() as s:
        for model in (Household, Person):
            rows = s.execute(select(model.uuid, model.revision, model.synced_revision)).all()
            for uuid, revision, synced in rows:
                assert (synced == revision) == (uuid in {r.uuid for r in answered})
        assert (
            s.scalar(select(func.count()).select_from(OutboxEntry).where(OutboxEntry.acked_at.is_not(None)))
            == 150
        )


def test_the_next_batch_is_read_through_the_index(db: Database) -> None:
    add_commune(db, households=150)
    store = SqlSyncStore(db)
    store.save_identity("dev-1", "tok", "http://127.0.0.1:1", "14923")
    first = store.freeze_batch(100)
    store.record_results(
        first.batch_id, [RecordResult(r.uuid, r.revision, "accepted") for r in first.records]
    )
    seen = statements(db, lambda: store.freeze_batch(100))
    walks = [(s, p) for s, p, _many in seen if "FROM outbox" in s and "ORDER BY seq" in s]
    assert walks
    with db.engine.connect() as conn:
        for stmt, params in walks:
            plan = [r[-1] for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + stmt, params)]
            assert any("ix_outbox_entity_pending" in line for line in plan), plan
            assert not any(line.startswith("SCAN outbox") for line in plan), plan
            assert "LIMIT" in stmt  # a page, not every pending row


def test_no_statement_of_a_push_reads_every_pending_row(db: Database) -> None:
    """Every statement freezing and settling a batch runs (through SQLAlchemy or straight through the
    driver) finds its rows through an index on what it looks for: none walks the outbox's pending rows
    (which grow with the commune) to pick out a batch's."""
    add_commune(db, households=150)
    store = SqlSyncStore(db)
    store.save_identity("dev-1", "tok", "http://127.0.0.1:1", "14923")
    seen: list[str] = []
    with db.engine.connect() as conn:  # the pool's one connection for this file: the store's too
        conn.connection.driver_connection.set_trace_callback(seen.append)
    try:
        batch = store.freeze_batch(100)
        ahead = store.gather_batch(100, batch)
        after = store.freeze_batch(100, ahead, answered=True)
        store.record_results(batch.batch_id, [RecordResult(r.uuid, r.revision, "accepted") for r in batch.records])
        assert after is not None
    finally:
        with db.engine.connect() as conn:
            conn.connection.driver_connection.set_trace_callback(None)
    reads = [sql for sql in seen if sql.lstrip().upper().startswith(("SELECT", "UPDATE")) and "outbox" in sql]
    assert len(reads) >= 4
    with db.engine.connect() as conn:
        for sql in reads:
            plan = [r[-1] for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql)]
            assert not any(line.startswith("SCAN outbox") for line in plan), (sql[:120], plan)
            assert not any(line.endswith("ix_outbox_pending (acked_at=?)") for line in plan), (sql[:120], plan)


def test_a_frozen_record_is_the_record_as_the_orm_reads_it(db: Database) -> None:
    """The push reads rows by position (every record once); each change must be exactly the one
    ``records.change_for`` makes from the ORM object: every entity, dates, money, answers, tombstones."""
    from xaapp.services.demo import generate_demo
    from xaapp.storage.orm import ENTITY_MODELS
    from xaapp.storage.records import RefResolver, change_for
    from xaapp.sync.protocol import canonical_json

    generate_demo(db, households=12, seed=5)
    with db.session(actor="test") as s:
        person = s.scalars(select(Person)).first()
        assert person is not None
        person.deleted_at = person.updated_at  # a tombstone travels as op "delete"
        one, two = s.scalars(select(PovertyReview).limit(2)).all()  # numbers JSON writers spell otherwise
        one.answers = {**one.answers, "tiny": 2.3161643129504774e-05, "huge": 2.5e16, "note": "1e-05, e-mail"}
        two.answers = {**two.answers, "wide": 10**30}
    store = SqlSyncStore(db)
    store.save_identity("dev-1", "tok", "http://127.0.0.1:1", "14923")
    batch = store.freeze_batch(100_000)
    assert batch is not None
    with db.read() as s:
        refs = RefResolver(s)
        expected = {}
        for model in ENTITY_MODELS.values():
            for obj in s.scalars(select(model)):
                expected[obj.uuid] = change_for(obj, refs)
    assert {r.entity for r in batch.records} >= {"village", "household", "person", "poverty_review", "beneficiary"}
    assert any(r.op == "delete" for r in batch.records)
    for record in batch.records:
        assert record == expected[record.uuid]
        assert record.wire_json() == canonical_json(record.to_json())
