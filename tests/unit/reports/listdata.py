"""A small commune with known answers for the list tests (imported by the listing, export, printing,
import and Lists-screen tests; they add this folder to ``sys.path``).

Xã Bá Thước, two villages. Expected results (year 2026, month 2026-07):
- posting: poor = Lê Thị Bình (Đồng Tâm), Hoàng Văn Tú (Đồng Tâm); near-poor = Nguyễn Văn Ân (Đồng Tâm),
  Lò Thị Ánh (Bản Lũng). Phạm Văn Dũng's 2026 review is a draft (left out, noted); Trịnh Văn Xoan's household is
  deleted.
- escaped: Nguyễn Văn Ân (poor → near-poor), Hà Văn An (near-poor → average).
- payment 2026-07: Lê Thị Bình 750.000 đ (5.5a), Hà Thị Mai 1.000.000 đ (5.6, bank account) = 1.750.000 đ.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from xaapp.services.reference import ensure_units
from xaapp.services.settings import COMMUNE_CODE, set_setting
from xaapp.storage.db import Database, open_database
from xaapp.storage.orm import (
    AllowancePeriod,
    Beneficiary,
    BeneficiaryEvent,
    Household,
    Person,
    PovertyReview,
    Village,
)

YEAR = 2026
MONTH = "2026-07"
PAYMENT_TOTAL = 1_750_000
PAYMENT_WORDS = "Một triệu bảy trăm năm mươi nghìn đồng"
POOR = ["Lê Thị Bình", "Hoàng Văn Tú"]
NEAR_POOR = ["Lò Thị Ánh", "Nguyễn Văn Ân"]  # Bản Lũng sorts before Thôn Đồng Tâm


def _reason(cls: str, deps: list[str]) -> dict[str, Any]:
    return {"classification": cls, "deprivations": deps,
            "reason": {"vi": f"Thu nhập dưới chuẩn; thiếu hụt {len(deps)} chỉ số", "en": "below the line"}}  # fmt: skip


def build_commune(db: Database) -> dict[str, int]:
    """Fill *db*; returns ids by short name."""
    ensure_units(db)
    set_setting(db, COMMUNE_CODE, "14923")
    ids: dict[str, int] = {}
    with db.session(actor="test") as s:
        dong_tam = Village(commune_code="14923", name="Thôn Đồng Tâm")
        ban_lung = Village(commune_code="14923", name="Bản Lũng")
        s.add_all([dong_tam, ban_lung])
        s.flush()
        ids["dong_tam"], ids["ban_lung"] = dong_tam.id, ban_lung.id

        def household(village: Village, head: str, dob: dt.date, pid: str | None, others: list[str],
                      reviews: list[tuple[int, str, str, list[str]]], deleted: bool = False) -> Household:  # fmt: skip
            hh = Household(village=village, address=f"{village.name}, Xã Bá Thước", area_type="rural",
                           deleted_at=dt.datetime(2026, 1, 1) if deleted else None)  # fmt: skip
            s.add(hh)
            s.flush()
            s.add(Person(household_id=hh.id, position=0, full_name=head, sex="male", dob=dob, personal_id=pid,
                         relationship_to_head="head"))  # fmt: skip
            for i, name in enumerate(others, 1):
                s.add(Person(household_id=hh.id, position=i, full_name=name, sex="female", birth_year=1990,
                             relationship_to_head="child"))  # fmt: skip
            for year, cls, status, deps in reviews:
                s.add(PovertyReview(household_id=hh.id, review_year=year, kind="periodic", status=status,
                                    result_class=cls, result=_reason(cls, deps),
                                    answers={f"dep_{d}": 1 for d in deps}))  # fmt: skip
            return hh

        an = household(dong_tam, "Nguyễn Văn Ân", dt.date(1970, 3, 5), "038070001234", ["Nguyễn Thị Hoa", "Nguyễn Văn Bảo", "Nguyễn Thị Cúc"],
                       [(2025, "poor", "final", ["health_insurance", "housing_quality", "water_source"]),
                        (2026, "near_poor", "final", ["health_insurance"])])  # fmt: skip
        binh = household(dong_tam, "Lê Thị Bình", dt.date(1958, 7, 1), "038158004321", ["Lê Văn Đức"],
                         [(2025, "poor", "final", ["employment", "housing_quality", "hygienic_latrine"]),
                          (2026, "poor", "final", ["employment", "housing_quality", "hygienic_latrine"])])  # fmt: skip
        household(dong_tam, "Hoàng Văn Tú", dt.date(1980, 1, 2), None, [],
                  [(2025, "average", "final", []),
                   (2026, "poor", "final", ["nutrition", "housing_area", "water_source", "telecom_use"])])  # fmt: skip
        household(
            dong_tam,
            "Phạm Văn Dũng",
            dt.date(1975, 5, 5),
            "038075000001",
            ["Phạm Thị Yến"],
            [(2026, "poor", "draft", ["employment", "nutrition", "dependents"])],
        )
        household(
            dong_tam,
            "Trịnh Văn Xoan",
            dt.date(1966, 6, 6),
            None,
            [],
            [(2026, "poor", "final", ["employment", "nutrition", "dependents"])],
            deleted=True,
        )
        mai_hh = household(
            ban_lung,
            "Hà Văn An",
            dt.date(1962, 2, 2),
            "038062000777",
            ["Hà Thị Mai"],
            [(2025, "near_poor", "final", ["adult_education"]), (2026, "average", "final", [])],
        )
        household(ban_lung, "Lò Thị Ánh", dt.date(1990, 9, 9), "038190000555", ["Lò Văn Páo"],
                  [(2024, "near_poor", "final", ["information_devices"]), (2025, "none", "final", []),
                   (2026, "near_poor", "final", ["information_devices"])])  # fmt: skip
        s.flush()
        binh_head = next(p for p in binh.members if p.relationship_to_head == "head")
        mai = next(p for p in mai_hh.members if p.full_name == "Hà Thị Mai")
        an_head = next(p for p in an.members if p.relationship_to_head == "head")

        def beneficiary(person: Person, clause: str, start: str, periods: list[tuple[str, float, int]],
                        account: str | None = None, deleted: bool = False) -> Beneficiary:  # fmt: skip
            b = Beneficiary(person_id=person.id, clauses=[clause], status="active", start_month=start,
                            bank_account=account, bank_name="Agribank Bá Thước" if account else None,
                            deleted_at=dt.datetime(2026, 2, 1) if deleted else None)  # fmt: skip
            s.add(b)
            s.flush()
            for from_month, coefficient, amount in periods:
                s.add(AllowancePeriod(beneficiary_id=b.id, from_month=from_month, coefficient=coefficient,
                                      standard_level=amount // coefficient if coefficient else 0, amount=amount))  # fmt: skip
            return b

        beneficiary(binh_head, "5.5a", "2021-07", [("2021-07", 1.5, 540_000), ("2024-07", 1.5, 750_000)])
        beneficiary(mai, "5.6", "2024-07", [("2024-07", 2.0, 1_000_000)], account="4011205123456")
        stopped = beneficiary(
            an_head, "5.5b", "2024-07", [("2024-07", 1.0, 500_000)], account="4011205000001"
        )
        s.add(
            BeneficiaryEvent(
                beneficiary_id=stopped.id, action="stop", effective_month="2026-06", reason="chuyển đi"
            )
        )
        beneficiary(an_head, "5.8", "2024-07", [("2024-07", 1.5, 750_000)], deleted=True)
        beneficiary(binh_head, "5.6", "2026-08", [("2026-08", 1.5, 750_000)])
    return ids


def make_db(tmp_path: Path) -> tuple[Database, dict[str, int]]:
    db = open_database(tmp_path / "data")
    return db, build_commune(db)
