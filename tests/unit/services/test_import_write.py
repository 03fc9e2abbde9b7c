"""Writing an import: new households, people and reviews go in bulk, each with the outbox and audit rows the
ORM path writes and a review whose answers are what the register gives; changes to registered records keep
their field-by-field audit; all of it in one transaction."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "reports"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from listdata import make_db  # noqa: E402
from sheetfiles import write_xlsx  # noqa: E402

from xaapp.services.importing import PHASE_HOUSEHOLDS, PHASE_REVIEWS, PHASE_SAVE, commit_import, plan_import  # noqa: E402
from xaapp.services.register import prefill  # noqa: E402
from xaapp.storage.orm import ENTITY_MODELS, AuditEntry, Household, OutboxEntry, Person, PovertyReview  # noqa: E402

TODAY = dt.date(2026, 11, 28)
HEADER = ["Thôn", "Họ và tên", "Ngày sinh", "Giới tính", "Quan hệ với chủ hộ", "Số CCCD", "Phân loại"]


def _list(path: Path, village: str, rows: list[list]) -> Path:
    return write_xlsx(path, {"DanhSach": [HEADER, *[[village, *r] for r in rows]]})


@pytest.fixture
def commune(tmp_path: Path):
    return make_db(tmp_path)


class _Phases:
    def __init__(self) -> None:
        self.texts: list[str] = []

    def set_text(self, text: str) -> None:
        self.texts.append(text)

    def set_range(self, total: int) -> None:
        pass


def _tracked(db) -> dict[str, int]:
    """Records, outbox rows and create audit rows, by entity."""
    with db.read() as s:
        out: dict[str, int] = {}
        for entity, model in ENTITY_MODELS.items():
            out[entity] = s.scalar(select(func.count()).select_from(model)) or 0
        return out


def test_new_households_people_and_reviews_are_tracked_as_the_orm_path_tracks_them(commune, tmp_path) -> None:
    db, _ids = commune
    before = _tracked(db)
    with db.read() as s:
        seq = s.scalar(select(func.max(OutboxEntry.seq))) or 0
        audit = s.scalar(select(func.max(AuditEntry.id))) or 0
    path = _list(tmp_path / "ho-ngheo-2025.xlsx", "Bản Lũng", [
        ["Vi Văn  Thoòng", "12/04/1975", "Nam", "Chủ hộ", "038075009991", "Hộ nghèo"],
        ["Lò Thị Ánh", "03/02/1978", "Nữ", "Vợ", "", ""],
        ["Hà Văn Tuấn", "01/11/1960", "Nam", "Chủ hộ", "", "Hộ cận nghèo"],
    ])  # fmt: skip
    plan = plan_import(db, path, year=2025, today=TODAY)
    assert plan.ok, [i.text() for i in plan.issues]
    phases = _Phases()
    result = commit_import(db, plan, progress=phases)
    assert (result.households, result.people, result.reviews) == (2, 3, 2)
    assert phases.texts == [PHASE_HOUSEHOLDS, PHASE_REVIEWS, PHASE_SAVE]  # each named, Vietnamese first
    after = _tracked(db)
    grown = {e: after[e] - before[e] for e in after if after[e] != before[e]}
    assert grown == {"household": 2, "person": 3, "poverty_review": 2}
    with db.read() as s:
        queued = s.execute(select(OutboxEntry.entity, OutboxEntry.entity_uuid, OutboxEntry.revision, OutboxEntry.op)
                           .where(OutboxEntry.seq > seq).order_by(OutboxEntry.seq)).all()  # fmt: skip
        logged = s.execute(select(AuditEntry.entity, AuditEntry.entity_uuid, AuditEntry.action, AuditEntry.username,
                                  AuditEntry.reason).where(AuditEntry.id > audit).order_by(AuditEntry.id)).all()  # fmt: skip
        # parents first, one outbox and one audit row per record, in the same order, with the file as the reason
        assert [q[0] for q in queued] == ["household"] * 2 + ["person"] * 3 + ["poverty_review"] * 2
        assert [(q[0], q[1]) for q in queued] == [(a[0], a[1]) for a in logged]
        assert {(q[2], q[3]) for q in queued} == {(1, "upsert")}
        assert {(a[2], a[3]) for a in logged} == {("create", "import")}
        assert all("ho-ngheo-2025.xlsx" in a[4] for a in logged)
        imported = [r for r in s.scalars(select(PovertyReview)) if r.uuid in {q[1] for q in queued}]
        assert len(imported) == 2
        for review in imported:
            household = s.get(Household, review.household_id)
            answers, uuids = prefill(s, household)  # what the ORM path computed from the register
            answers["general"] |= {"review_year": 2025, "review_kind": "periodic"}
            assert review.answers == {**answers, "_xaapp": {"cursor": "", "members": uuids}}
            assert review.status == "final" and review.revision == 1 and review.result["imported"]
        head = s.scalars(
            select(Person).where(Person.full_name == "Vi Văn Thoòng")
        ).one()  # one space, folded, keyed
        assert head.name_folded == "vi van thoong" and head.name_sort


def test_a_registered_household_gets_its_new_member_and_review_through_the_orm_audit(
    commune, tmp_path
) -> None:
    db, _ids = commune
    first = _list(
        tmp_path / "a.xlsx",
        "Bản Lũng",
        [["Vi Văn Thoòng", "12/04/1975", "Nam", "Chủ hộ", "038075009991", ""]],
    )
    commit_import(db, plan_import(db, first, year=2025, today=TODAY))
    second = _list(tmp_path / "b.xlsx", "Bản Lũng", [
        ["Vi Văn Thoòng", "12/04/1975", "Nam", "Chủ hộ", "038075009991", "Hộ nghèo"],
        ["Vi Văn Sáng", "01/01/2005", "Nam", "Con", "", ""],
    ])  # fmt: skip
    plan = plan_import(db, second, year=2025, today=TODAY)
    assert plan.ok, [i.text() for i in plan.issues]
    result = commit_import(db, plan)
    assert (result.households, result.people, result.reviews) == (0, 1, 1)
    with db.read() as s:
        sang = s.scalars(select(Person).where(Person.full_name == "Vi Văn Sáng")).one()
        assert sang.position == 1
        review = s.scalars(select(PovertyReview).where(PovertyReview.household_id == sang.household_id)).one()
        assert [m["full_name"] for m in review.answers["members"]] == ["Vi Văn Thoòng", "Vi Văn Sáng"]
        assert (
            s.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.entity_uuid == sang.uuid))
            == 1
        )
