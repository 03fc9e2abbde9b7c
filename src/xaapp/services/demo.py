"""The demo commune: a realistic, deterministic Xã Bá Thước for training, demos and benchmarks.

Everything is drawn from ``random.Random(seed)``, so one seed always gives the same villages,
households, people, IDs, reviews and beneficiaries (UUIDs included). Rows are written in one
transaction through ``storage.bulk`` every few thousand records (memory stays bounded at any size),
each synced record with its revision, outbox and audit rows, exactly what the tracked ORM path would
write. The records are drawn by ``services.demo_records`` — from 5,000 households in a second process
while this one writes (``services.demo_pipeline``) — and handed over as rows ready to write
(``services.demo_rows``). The progress names each phase (``PHASE_RECORDS``, ``PHASE_SAVE``). Each review
is stored as the household form keeps it, complete (``services.demo_answers``); its class and reason come
from the rules engine on the flags and income those answers give, and allowances from the allowance
rules, so the demo shows what the app would compute.
"""

from __future__ import annotations

import sys
from contextlib import closing
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import func, select

from xaapp.errors import KnownError
from xaapp.services import settings
from xaapp.services.demo_names import DEMO_COMMUNE_CODE
from xaapp.services.demo_pipeline import items_from_process
from xaapp.services.demo_records import (  # noqa: F401  # DEMO_TODAY, DEPRIVATION_CODES: the demo's, asked for here
    DEMO_TODAY,
    DEPRIVATION_CODES,
    AllowanceFn,
    Classifier,
    generate_records,
)
from xaapp.services.reference import ensure_units
from xaapp.storage.bulk import BulkInserter
from xaapp.storage.db import Database
from xaapp.storage.orm import (
    AllowancePeriod,
    Beneficiary,
    Household,
    Person,
    PovertyReview,
    Village,
)

#: The phases the progress names, in order.
PHASE_RECORDS = "Đang tạo hộ, nhân khẩu, phiếu rà soát, đối tượng trợ cấp và sổ đồng bộ / Creating households, people, reviews, beneficiaries and their sync and audit rows"
PHASE_SAVE = "Đang lưu vào tệp dữ liệu / Saving to the data file"
_PARALLEL_FROM = 5_000  # households from which generating in another process pays for starting it
_MODELS = {
    m.__tablename__: m for m in (Village, Household, Person, PovertyReview, Beneficiary, AllowancePeriod)
}
_generate = generate_records  # the name the pipeline's tests and the profile know


class ProgressLike(Protocol):
    def set_text(self, text: str) -> None: ...
    def set_range(self, total: int) -> None: ...
    def advance(self, n: int = 1) -> None: ...


@dataclass(frozen=True)
class DemoReport:
    commune_code: str
    villages: int
    households: int
    people: int
    reviews: int
    beneficiaries: int


def generate_demo(
    db: Database,
    households: int = 1000,
    seed: int = 1,
    classify: Classifier | None = None,
    allowance: AllowanceFn | None = None,
    progress: ProgressLike | None = None,
    parallel: bool | None = None,
) -> DemoReport:
    """Fill an empty commune database with the demo commune. Refuses a database that has households.

    From ``_PARALLEL_FROM`` households (with the rules' own classes and allowances, outside a frozen build)
    the records are generated in another process while this one writes them (*parallel* forces either way);
    the commune is the same."""
    if households < 1:
        raise KnownError("Số hộ phải lớn hơn 0.", "The number of households must be at least 1.")
    custom = classify is not None or allowance is not None
    ensure_units(db)
    with db.read() as s:
        if s.scalar(select(func.count()).select_from(Household)):
            raise KnownError(
                "Cơ sở dữ liệu này đã có hộ gia đình; dữ liệu mẫu chỉ nạp vào một xã trống. Hãy dùng --data-dir "
                "với một thư mục mới.",
                "This database already has households; the demo loads only into an empty commune. Use --data-dir "
                "with a new folder.",
            )
        commune = settings.get_setting(db, settings.COMMUNE_CODE)
        if commune not in (None, DEMO_COMMUNE_CODE):
            raise KnownError(
                f"Cơ sở dữ liệu này thuộc xã mã {commune}; dữ liệu mẫu là của Xã Bá Thước ({DEMO_COMMUNE_CODE}).",
                f"This database belongs to commune {commune}; the demo is Xã Bá Thước ({DEMO_COMMUNE_CODE}).",
            )

    parallel = (
        _PARALLEL_FROM <= households and not custom and not getattr(sys, "frozen", False)
        if parallel is None
        else parallel
    )
    with db.session(actor="demo") as s:
        bulk = BulkInserter(s)
        first_ids = {m.__tablename__: bulk.next_id(m) for m in _MODELS.values()}
        if progress:
            progress.set_text(PHASE_RECORDS)
            progress.set_range(households)
        if parallel:
            chunks = items_from_process(generate_records, seed, households, first_ids, None, None)
        else:
            chunks = generate_records(seed, households, first_ids, classify, allowance)
        with closing(chunks):  # on any error the generating process is stopped here, not later
            for done, rows in chunks:
                for table, (columns, table_rows, converted) in rows.items():
                    bulk.add_tuples(_MODELS[table], columns, table_rows, converted)
                bulk.flush()
                if progress:
                    progress.advance(done)
        if progress:
            progress.set_text(PHASE_SAVE)
            progress.set_range(0)
    settings.set_setting(db, settings.COMMUNE_CODE, DEMO_COMMUNE_CODE, actor="demo")
    settings.set_setting(db, settings.DEMO, "1", actor="demo")
    written = bulk.written
    return DemoReport(DEMO_COMMUNE_CODE, written.get(Village, 0), households, written.get(Person, 0),
                      written.get(PovertyReview, 0), written.get(Beneficiary, 0))  # fmt: skip


