"""Reference data shipped with the app: Thanh Hóa's 166 commune-level units."""

from __future__ import annotations

import csv
from dataclasses import dataclass

from sqlalchemy import select

from xaapp.domain.text import fold, nfc
from xaapp.paths import resource
from xaapp.storage.db import Database
from xaapp.storage.orm import AdminUnit

UNITS_CSV = ("data", "thanh_hoa_communes_2025.csv")


@dataclass(frozen=True)
class UnitRow:
    code: str
    name: str
    kind: str  # "xa" | "phuong"


def read_units_csv() -> list[UnitRow]:
    with resource(*UNITS_CSV).open(encoding="utf-8", newline="") as fh:
        return [
            UnitRow(r["code"].strip(), nfc(r["name"].strip()), r["type"].strip()) for r in csv.DictReader(fh)
        ]


def ensure_units(db: Database) -> int:
    """Insert or update the shipped units; returns how many there are."""
    units = read_units_csv()
    with db.session(actor="system") as s:
        existing = {u.code: u for u in s.scalars(select(AdminUnit))}
        for row in units:
            unit = existing.get(row.code)
            if unit is None:
                s.add(AdminUnit(code=row.code, name=row.name, kind=row.kind, name_folded=fold(row.name)))
            elif (unit.name, unit.kind) != (row.name, row.kind):
                unit.name, unit.kind, unit.name_folded = row.name, row.kind, fold(row.name)
    return len(units)


def list_units(db: Database) -> list[UnitRow]:
    with db.read() as s:
        rows = s.scalars(select(AdminUnit).order_by(AdminUnit.name_folded))
        return [UnitRow(u.code, u.name, u.kind) for u in rows]


def search_units(units: list[UnitRow], query: str) -> list[UnitRow]:
    """Accent- and case-insensitive match on name or code: "ba thuoc" finds "Xã Bá Thước"."""
    needle = fold(query)
    if not needle:
        return list(units)
    return [u for u in units if needle in fold(u.name) or u.code.startswith(needle)]


def unit_by_code(db: Database, code: str) -> UnitRow | None:
    with db.read() as s:
        unit = s.get(AdminUnit, code)
        return UnitRow(unit.code, unit.name, unit.kind) if unit else None
