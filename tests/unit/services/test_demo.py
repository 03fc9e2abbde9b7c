"""The demo commune: deterministic per seed, realistic, valid IDs, classes from the rules engine."""

from __future__ import annotations

import io
import random
import sqlite3
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import func, select

from xaapp.cli.progress import TerminalProgress
from xaapp.domain.personal_id import check_personal_id
from xaapp.errors import KnownError
from xaapp.services import settings
from xaapp.services.demo import PHASE_RECORDS, PHASE_SAVE, _generate, generate_demo
from xaapp.services.demo_pipeline import ProducerFailed, items_from_process
from xaapp.storage.db import Database, open_database
from xaapp.storage.orm import (
    AllowancePeriod,
    AuditEntry,
    Beneficiary,
    Household,
    OutboxEntry,
    Person,
    PovertyReview,
    Village,
)


def _snapshot(db: Database) -> list[tuple]:
    with db.read() as s:
        people = s.execute(
            select(Person.uuid, Person.full_name, Person.dob, Person.personal_id, Person.ethnicity).order_by(
                Person.id
            )
        ).all()
        reviews = s.execute(
            select(PovertyReview.uuid, PovertyReview.review_year, PovertyReview.result_class).order_by(
                PovertyReview.id
            )
        ).all()
        return [tuple(r) for r in people] + [tuple(r) for r in reviews]


def _demo(folder: Path, households: int, seed: int) -> Database:
    db = open_database(folder)
    generate_demo(db, households=households, seed=seed)
    return db


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Database:
    return _demo(tmp_path_factory.mktemp("demo"), 400, 11)


def test_same_seed_same_commune_other_seed_other_commune(tmp_path: Path) -> None:
    a = _snapshot(_demo(tmp_path / "a", 60, 5))
    b = _snapshot(_demo(tmp_path / "b", 60, 5))
    c = _snapshot(_demo(tmp_path / "c", 60, 6))
    assert a == b
    assert a != c


def test_the_demo_is_a_real_thanh_hoa_commune_with_villages(demo: Database) -> None:
    assert settings.get_setting(demo, settings.COMMUNE_CODE) == "14923"
    with demo.read() as s:
        villages = s.scalars(select(Village.name)).all()
        assert len(villages) >= 3 and all(v.startswith(("Bản ", "Thôn ")) for v in villages)
        assert s.scalar(select(func.count()).select_from(Household)) == 400


def test_people_are_plausible_and_their_ids_are_structurally_valid(demo: Database) -> None:
    with demo.read() as s:
        people = s.scalars(select(Person)).all()
    assert 3.0 <= len(people) / 400 <= 5.5
    ethnicities = Counter(p.ethnicity for p in people)
    assert {"Mường", "Thái", "Kinh"} <= set(ethnicities) and ethnicities.most_common(1)[0][0] == "Mường"
    families = Counter(p.full_name.split()[0] for p in people)
    assert families["Bùi"] > families["Lý"]  # frequent names are frequent
    with_ids = [p for p in people if p.personal_id]
    assert len(with_ids) > 0.8 * len(people)
    for p in with_ids:
        result = check_personal_id(p.personal_id, sex=p.sex, birth_date=p.dob)
        assert result.ok, (p.full_name, p.personal_id, result)
    heads = [p for p in people if p.relationship_to_head == "head"]
    assert len(heads) == 400


def test_a_spread_of_classes_with_reasons_and_some_beneficiaries(demo: Database) -> None:
    with demo.read() as s:
        classes = Counter(
            s.scalars(select(PovertyReview.result_class).where(PovertyReview.review_year == 2026))
        )
        assert {"poor", "near_poor", "average", "none"} <= set(classes)
        assert 0.02 < classes["poor"] / 400 < 0.25
        review = s.scalars(select(PovertyReview).where(PovertyReview.result_class == "poor")).first()
        assert review is not None and "hộ nghèo" in review.result["reason"]["vi"]
        assert s.scalar(select(func.count()).select_from(Beneficiary)) > 5
        amounts = set(s.scalars(select(AllowancePeriod.amount)))
        assert amounts <= {500_000, 750_000, 1_000_000, 1_250_000, 1_500_000}


def test_every_demo_record_is_queued_for_sync(demo: Database) -> None:
    with demo.read() as s:
        queued = s.scalar(select(func.count()).select_from(OutboxEntry))
        records = sum(
            s.scalar(select(func.count()).select_from(m))
            for m in (Village, Household, Person, PovertyReview, Beneficiary, AllowancePeriod)
        )
    assert queued == records


def test_the_demo_refuses_a_commune_that_already_has_households(demo: Database) -> None:
    with pytest.raises(KnownError, match="đã có hộ gia đình"):
        generate_demo(demo, households=10, seed=1)


def test_every_demo_record_is_audited_as_created_by_the_demo(demo: Database) -> None:
    with demo.read() as s:
        created = s.scalar(
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.action == "create", AuditEntry.username == "demo")
        )
        queued = s.scalar(select(func.count()).select_from(OutboxEntry))
    assert created == queued


class _Recorder:
    def __init__(self) -> None:
        self.phases: list[list] = []

    def set_text(self, text: str) -> None:
        self.phases.append([text, 0, 0])

    def set_range(self, total: int) -> None:
        self.phases[-1][1] = total

    def advance(self, n: int = 1) -> None:
        self.phases[-1][2] += n


def test_the_progress_names_every_phase_vietnamese_first_until_the_data_is_saved(tmp_path: Path) -> None:
    recorder = _Recorder()
    db = open_database(tmp_path)
    generate_demo(db, households=30, seed=2, progress=recorder)
    assert [p[0] for p in recorder.phases] == [PHASE_RECORDS, PHASE_SAVE]
    assert recorder.phases[0][1:] == [30, 30]  # the records phase counts every household
    for text, _total, _done in recorder.phases:
        vi, en = text.split(" / ")
        assert vi.startswith("Đang ") and en[0].isupper()


def test_the_terminal_keeps_each_phase_on_its_own_line_with_its_time() -> None:
    out = io.StringIO()
    bar = TerminalProgress(out)
    bar.set_text("Đang tạo hộ / Creating households")
    bar.set_range(2)
    bar.advance(2)
    bar.set_text("Đang lưu / Saving")
    bar.set_range(0)
    bar.finish()
    lines = [line.split("\r")[-1] for line in out.getvalue().split("\n") if line]
    assert lines[0].startswith("Đang tạo hộ / Creating households") and "2/2" in lines[0]
    assert lines[1].startswith("Đang lưu / Saving (") and lines[1].endswith(" s)")


def _everything(db: Database) -> dict[str, list[tuple]]:
    """Every demo table and its outbox and audit rows, without the times they were written."""
    con = sqlite3.connect(db.path)
    try:
        out = {}
        for table in ("village", "household", "person", "poverty_review", "beneficiary", "allowance_period"):
            out[table] = con.execute(
                f'SELECT * FROM "{table}" ORDER BY id'
            ).fetchall()  # created_at/updated_at differ: compared apart
            names = _columns(con, table)
            out[table] = [tuple(v for k, v in zip(names, row, strict=True) if k not in ("created_at", "updated_at"))
                          for row in out[table]]  # fmt: skip
        out["outbox"] = con.execute(
            "SELECT entity, entity_uuid, revision, op FROM outbox ORDER BY seq"
        ).fetchall()
        out["audit"] = con.execute(
            "SELECT entity, entity_uuid, action, username FROM audit_log ORDER BY id"
        ).fetchall()
        return out
    finally:
        con.close()


def _columns(con: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in con.execute(f'PRAGMA table_info("{table}")')]


def test_generating_in_another_process_builds_the_same_commune(tmp_path: Path) -> None:
    here, there = open_database(tmp_path / "here"), open_database(tmp_path / "there")
    generate_demo(here, households=80, seed=3, parallel=False)
    recorder = _Recorder()
    report = generate_demo(there, households=80, seed=3, parallel=True, progress=recorder)
    assert report.households == 80 and recorder.phases[0][2] == 80
    a, b = _everything(here), _everything(there)
    assert a == b and len(a["person"]) == report.people


def test_a_failure_in_the_producing_process_is_raised_here_with_its_traceback() -> None:
    with pytest.raises(ProducerFailed, match="KeyError: 'village'"):
        for _item in items_from_process(_generate, 1, 10, {}, None, None):  # no first ids: cannot number rows
            pass


def test_weighted_draws_are_the_draws_random_choices_makes() -> None:
    from xaapp.services.demo_answers import _pick

    pairs = (("a", 10), ("b", 6), ("c", 4.5), ("d", 0.3))
    ours, theirs = random.Random(5), random.Random(5)
    for _ in range(5_000):
        expected = theirs.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]
        assert _pick(ours, pairs) == expected
