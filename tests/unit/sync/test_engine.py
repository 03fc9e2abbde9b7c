"""The sync engine against the server core in process: retries, resume, cancel, rejections, adaptivity."""

from __future__ import annotations

import json
import threading

import pytest
from sqlalchemy import func, select
from sync_fakes import Flaky, LocalServer, add_commune

from xaapp.server.schema import record, record_version
from xaapp.storage.db import Database
from xaapp.storage.orm import Household, OutboxEntry, Person
from xaapp.storage.sync_store import SqlSyncStore
from xaapp.sync.engine import SyncOptions, backoff_delay, run_sync
from xaapp.sync.ports import Cancel


def server_rows(server: LocalServer) -> tuple[int, int]:
    with server.engine.begin() as conn:
        return (
            conn.scalar(select(func.count()).select_from(record)),
            conn.scalar(select(func.count()).select_from(record_version)),
        )


def local_total(db: Database) -> int:
    return sum(SqlSyncStore(db).local_counts().values())


def test_lost_responses_are_resent_and_stored_once(
    db: Database, server: LocalServer, fast: SyncOptions
) -> None:
    add_commune(db, households=10)
    fast.initial_chunk = 4
    transport = Flaky(server, ["drop_response", "drop_request", "drop_response"], only=("push",))
    report = run_sync(SqlSyncStore(db), transport, options=fast)
    assert report.ok, report.error
    assert report.retries == 3
    assert report.pushed["duplicate"] >= 1  # the lost answers' records came back as duplicates
    assert report.pushed["accepted"] + report.pushed["duplicate"] >= local_total(db)
    assert server_rows(server) == (local_total(db), local_total(db))  # exactly once
    assert report.counts_match is True and report.pending == 0


def test_5xx_and_429_are_retried_but_401_is_not(db: Database, server: LocalServer, fast: SyncOptions) -> None:
    add_commune(db, households=2)
    report = run_sync(SqlSyncStore(db), Flaky(server, ["500", "429"], only=("push",)), options=fast)
    assert report.ok and report.retries == 2

    with db.session(actor="t") as s:
        s.scalars(select(Household)).first().address = "Thôn 9"
    flaky = Flaky(server, ["401"], only=("handshake",))
    report = run_sync(SqlSyncStore(db), flaky, options=fast)
    assert not report.ok and report.error["code"] == "auth" and report.retries == 0
    assert [c[0] for c in flaky.calls] == ["handshake"]
    assert report.pending == 1  # nothing lost, still waiting


def test_gives_up_after_max_attempts_and_keeps_everything(
    db: Database, server: LocalServer, fast: SyncOptions
) -> None:
    add_commune(db, households=3)
    fast.max_attempts = 4
    report = run_sync(SqlSyncStore(db), Flaky(server, ["drop_request"] * 10, only=("push",)), options=fast)
    assert not report.ok and report.error["code"] == "offline" and report.retries == 4
    assert report.pending == local_total(db)
    with db.read() as s:
        assert s.scalar(select(func.max(OutboxEntry.attempts))) == 4
    assert run_sync(SqlSyncStore(db), server, options=fast).ok
    assert server_rows(server) == (local_total(db), local_total(db))


def test_chunk_size_adapts_to_failures(db: Database, server: LocalServer, fast: SyncOptions) -> None:
    add_commune(db, households=20)
    fast.initial_chunk = 16
    run_sync(SqlSyncStore(db), Flaky(server, ["drop_request", "drop_request"], only=("push",)), options=fast)
    sizes = server.pushed_sizes
    assert sizes[0] == 4  # 16 → 8 → 4 after two cuts
    assert max(sizes) > 4  # and it grows again after quick answers


def test_413_halves_the_chunk(db: Database, server: LocalServer, fast: SyncOptions) -> None:
    add_commune(db, households=5)
    fast.initial_chunk = 8
    report = run_sync(SqlSyncStore(db), Flaky(server, ["413"], only=("push",)), options=fast)
    assert report.ok and server.pushed_sizes[0] == 4


def test_cancel_then_resume_from_the_last_acknowledged_chunk(
    db: Database, server: LocalServer, fast: SyncOptions
) -> None:
    add_commune(db, households=12)
    fast.initial_chunk = 5
    fast.fast_seconds = 0  # keep chunks at 5
    cancel = Cancel()
    flaky = Flaky(server)
    pushes = []

    def before(name: str) -> None:
        if name == "push":
            pushes.append(1)
            if len(pushes) == 3:
                cancel.cancel()

    flaky.before_call = before
    store = SqlSyncStore(db)
    report = run_sync(store, flaky, cancel=cancel, options=fast)
    assert report.cancelled and not report.ok and report.error["code"] == "cancelled"
    frozen = store.current_batch()
    assert frozen is not None and len(frozen.records) == local_total(db) - 15
    report = run_sync(store, server, options=fast)
    assert report.ok and report.pushed == {"accepted": local_total(db) - 15}
    assert server_rows(server) == (local_total(db), local_total(db))


def test_edit_after_a_lost_answer_is_no_false_conflict(
    db: Database, server: LocalServer, fast: SyncOptions
) -> None:
    add_commune(db, households=1)
    store = SqlSyncStore(db)
    report = run_sync(store, Flaky(server, ["drop_response"] * 8, only=("push",)), options=fast)
    assert not report.ok  # the server has everything; we never heard it
    with db.session(actor="t") as s:
        s.scalars(select(Household)).one().address = "Bản Mới"  # edited before the resend
    report = run_sync(store, server, options=fast)
    assert report.ok, report.error
    assert report.pushed.get("conflict", 0) == 0
    assert report.pushed["duplicate"] == 4 and report.pushed["accepted"] == 1  # frozen resend, then the edit
    assert report.counts_match is True


def test_rejected_record_is_not_retried_until_edited(
    db: Database, server: LocalServer, fast: SyncOptions
) -> None:
    add_commune(db, households=2)
    with db.session(actor="t") as s:
        s.scalars(select(Person)).first().personal_id = "12345"
    store = SqlSyncStore(db)
    report = run_sync(store, server, options=fast)
    assert report.ok and report.pushed["rejected"] == 1
    assert report.rejected[0]["field"] == "personal_id"
    with db.read() as s:
        rows = s.scalars(select(OutboxEntry).where(OutboxEntry.outcome == "rejected")).all()
        assert len(rows) == 2 and all("12 digits" in r.last_error for r in rows)  # created, then edited
    again = run_sync(store, server, options=fast)
    assert again.ok and again.pushed == {} and again.counts_match is False  # known gap, shown
    with db.session(actor="t") as s:
        s.scalars(select(Person).where(Person.personal_id == "12345")).one().personal_id = "038080001235"
    fixed = run_sync(store, server, options=fast)
    assert fixed.pushed == {"accepted": 1} and fixed.counts_match is True


def test_partial_pull_resumes_and_children_wait_for_parents(
    db: Database, server: LocalServer, tmp_path, fast: SyncOptions
) -> None:
    add_commune(db, households=8)
    assert run_sync(SqlSyncStore(db), server, options=fast).ok
    with db.session(actor="t") as s:  # parents changed after children: they come later in seq order
        for v in s.scalars(select(Household)):
            v.village.name = v.village.name + " mới"
    assert run_sync(SqlSyncStore(db), server, options=fast).ok

    from xaapp.storage.db import open_database

    other = open_database(tmp_path / "restore")
    try:
        from xaapp.server.reference import shipped_items

        fast.pull_limit = 8  # reference items first, then households, people, and the villages last
        ok_pages = -(-len(shipped_items()) // 8) + 1  # all reference pages and one page of records
        store = SqlSyncStore(other)
        flaky = Flaky(server.another_device(), ["ok"] * ok_pages + ["drop_request"] * 10, only=("pull",))
        fast.max_attempts = 3
        first = run_sync(store, flaky, options=fast)
        assert not first.ok and first.error["code"] == "offline"
        # Pages applied and remembered: their records wait for their villages, kept across runs.
        assert local_total(other) == 0 and store.pull_cursor() != ""
        assert len(json.loads(store.state("pull_deferred"))) >= 8
        fast.max_attempts = 8
        second = run_sync(store, flaky.inner, options=fast)
        assert second.ok and second.counts_match is True
        assert local_total(other) == local_total(db)
        assert store.state("pull_deferred") is None
    finally:
        other.close()


def test_backoff_grows_with_jitter_and_cap() -> None:
    import random

    rng = random.Random(3)
    delays = [backoff_delay(a, 0.5, 8, rng) for a in range(1, 9)]
    for attempt, d in enumerate(delays, start=1):
        window = min(8, 0.5 * 2 ** (attempt - 1))
        assert window / 2 <= d <= window
    assert len({round(d, 6) for d in delays}) == len(delays)


class _Watching(SqlSyncStore):
    """A store that notes which batches were frozen from what was gathered while another was in flight."""

    def __init__(self, db: Database) -> None:
        super().__init__(db)
        self.from_gathered = 0
        self.gathered: list[str] = []

    def gather_batch(self, max_records, in_flight):  # noqa: ANN001, ANN201
        self.gathered.append(in_flight.batch_id)
        return super().gather_batch(max_records, in_flight)

    def freeze_batch(self, max_records, gathered=None, answered=False):  # noqa: ANN001, ANN201
        before = self._last_frozen
        batch = super().freeze_batch(max_records, gathered, answered)
        if batch is not None and gathered is not None and gathered.behind == before:
            self.from_gathered += 1
        return batch


def test_batches_gathered_ahead_carry_every_record_once_parents_first(
    db: Database, server: LocalServer, fast: SyncOptions
) -> None:
    """Small batches: each next batch is read while the one before is sent, and children whose parent
    is still in flight go out with no false "waiting"; the server ends with every record once."""
    add_commune(db, households=12)
    fast.freeze_records = 5
    store = _Watching(db)
    report = run_sync(store, server, options=fast)
    assert report.ok, report.error
    assert report.counts_match is True and report.pending == 0
    assert report.pushed == {"accepted": local_total(db)} and not report.waiting
    assert server_rows(server) == (local_total(db), local_total(db))
    assert store.from_gathered >= local_total(db) // 5 - 1  # every batch after the first was gathered ahead


def test_a_record_edited_while_its_batch_is_in_flight_goes_out_again_with_the_answer_as_base(
    db: Database, server: LocalServer, fast: SyncOptions
) -> None:
    """The edit lands while the last batch is in flight: what was gathered behind it (nothing) must
    not end the push; the edited household goes out once more, based on the answer."""
    add_commune(db, households=3)
    store = SqlSyncStore(db)

    class EditOnce(Flaky):
        edited = False

        def push(self, request):  # noqa: ANN001, ANN201
            if not EditOnce.edited and any(r.entity == "household" for r in request.records):
                EditOnce.edited = True
                with db.session(actor="t") as s:  # the officer edits that household meanwhile
                    hh = s.scalars(select(Household)).first()
                    hh.address = "Bản Mới"
            return super().push(request)

    report = run_sync(store, EditOnce(server, [], only=("push",)), options=fast)
    assert report.ok, report.error
    assert report.pushed.get("conflict", 0) == 0 and report.pending == 0
    assert report.counts_match is True
    with server.engine.begin() as conn:
        versions = conn.scalar(select(func.count()).select_from(record_version))
    assert versions == local_total(db) + 1  # the edit is a second version, not a conflict


class _Noting(SqlSyncStore):
    """A store that notes when answers are written down (and can fail to, once, like a full disk).
    With *total*, it writes an answer only once the next request has gone out, or for the last one
    after a second at most: the order is the engine's, not the threads' luck."""

    def __init__(self, db: Database, log: list[str], fail_on: int = 0, total: int = 0) -> None:
        super().__init__(db)
        self.log, self.fail_on, self.total, self.calls, self.done = log, fail_on, total, 0, 0
        self.sends = threading.Semaphore(0)

    def record_results(self, batch_id, results):  # noqa: ANN001, ANN201
        self.calls += 1
        if self.calls == self.fail_on:
            raise OSError("disk full")
        if self.total and self.done + len(results) < self.total:
            self.sends.acquire(timeout=1)  # the request after this answer's
        super().record_results(batch_id, results)
        self.done += len(results)
        self.log.append(f"written {len(results)}")


def test_the_next_request_goes_out_before_the_last_answer_is_written_down(
    db: Database, server: LocalServer, fast: SyncOptions
) -> None:
    """The server does not wait for the laptop's bookkeeping: each request after the first is sent
    before the answer to the one before it is written down; every answer is written all the same."""
    add_commune(db, households=6)
    fast.initial_chunk, fast.freeze_records, fast.fast_seconds = 4, 8, 0  # 4 records a request
    log: list[str] = []
    store = _Noting(db, log, total=local_total(db))

    class Noted(Flaky):
        def push(self, request):  # noqa: ANN001, ANN201
            first = not log
            log.append(f"sent {len(request.records)}")
            if not first:  # the answer before this request may be written now
                store.sends.release()
            return super().push(request)

    report = run_sync(store, Noted(server, [], only=("push",)), options=fast)
    assert report.ok, report.error
    assert report.counts_match is True and report.pending == 0
    sends = [i for i, line in enumerate(log) if line.startswith("sent")]
    writes = [i for i, line in enumerate(log) if line.startswith("written")]
    assert len(sends) == len(writes) == -(-local_total(db) // 4)
    assert all(sends[k + 1] < writes[k] for k in range(len(sends) - 1)), " | ".join(log)  # sent before the last was written


def test_an_answer_lost_after_the_next_batch_was_frozen_is_sent_again_not_lost(
    db: Database, server: LocalServer, fast: SyncOptions
) -> None:
    """The laptop fails to write down an answer while the next batch is already frozen (a full disk,
    or the process killed there): the next sync sends those records again, the server answers
    "duplicate", and both sides end with every record once."""
    add_commune(db, households=6)
    fast.freeze_records = fast.initial_chunk = fast.max_chunk = 8
    store = _Noting(db, [], fail_on=2)  # the second batch's answer, written while the third is sent
    with pytest.raises(OSError):
        run_sync(store, server, options=fast)
    on_server = server_rows(server)[0]
    with db.read() as s:
        written = s.scalar(
            select(func.count(func.distinct(OutboxEntry.entity_uuid))).where(OutboxEntry.acked_at.is_not(None))
        )
    assert 0 < written < on_server <= local_total(db)  # an answer received but not written down
    store.fail_on = 0
    report = run_sync(store, server, options=fast)  # the same store: it holds nothing back from the last run
    assert report.ok, report.error
    assert report.pushed.get("duplicate", 0) == on_server - written  # the lost answer's records came back
    assert report.counts_match is True and report.pending == 0
    assert server_rows(server) == (local_total(db), local_total(db))


def test_a_run_stopped_during_a_batch_last_request_leaves_that_batch_frozen(
    db: Database, server: LocalServer, fast: SyncOptions
) -> None:
    """The next batch is frozen while a batch's last request is in flight; should that request fail
    for good (here a revoked token), the batch is the frozen one again: the next run resends its
    unanswered records first, parents before children, and nothing has to wait."""
    add_commune(db, households=6)
    fast.initial_chunk, fast.freeze_records, fast.fast_seconds = 4, 8, 0  # two requests a batch
    sent: list[str] = []
    store = SqlSyncStore(db)

    class Noting(Flaky):
        def push(self, request):  # noqa: ANN001, ANN201
            sent.append(request.batch_id)
            return super().push(request)

    report = run_sync(store, Noting(server, ["ok", "401"], only=("push",)), options=fast)
    assert not report.ok and report.error["code"] == "auth"
    frozen = store.current_batch()
    assert frozen is not None and frozen.batch_id == sent[0] and len(frozen.records) == 4
    report = run_sync(SqlSyncStore(db), server, options=fast)
    assert report.ok, report.error
    assert not report.waiting and report.counts_match is True and report.pending == 0
    assert server_rows(server) == (local_total(db), local_total(db))
