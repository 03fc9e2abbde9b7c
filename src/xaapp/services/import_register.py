"""What the register already holds, loaded once per import plan: villages, households by code, people by
personal ID, by name + birth + village and by name within a household, and the values a row may update.

Also where a row's village comes from when the list has no village column (see docs/lists.md):
the village cell, else the group row above ("Thôn Đông"), else the area code ("Mã địa bàn", through
the officer's table of codes or a village name), else a village named in the address, else a sheet
named after a village, else the village the officer chose for the whole file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from xaapp.domain.text import fold
from xaapp.services.import_read import group_village_key
from xaapp.storage.db import Database
from xaapp.storage.orm import Household, Person, PovertyReview, Village

VILLAGE_PREFIXES = ("thon ", "ban ", "xom ", "to dan pho ", "khu pho ", "lang ", "khu ", "tdp ", "to ")


def village_key(name: str) -> str:
    key = fold(name)
    for prefix in VILLAGE_PREFIXES:
        if key.startswith(prefix):
            return key[len(prefix) :]
    return key


@dataclass(frozen=True)
class PersonFacts:
    household_id: int
    full_name: str
    sex: str
    dob: dt.date | None
    birth_year: int | None
    ethnicity: str
    personal_id: str | None
    relationship: str
    phone: str | None


@dataclass
class Register:
    villages: dict[str, tuple[int, str]]  # folded name, and name without "thôn"/"bản" -> (id, name)
    village_names: dict[int, str]
    village_area: dict[int, str]
    full_village_keys: list[tuple[str, int]]  # (folded full name, id), longest first: found inside addresses
    household_village: dict[int, int]
    household_code: dict[tuple[int, str], int]  # (village id, folded code) -> household id
    code_anywhere: dict[str, int | None]  # folded code -> household id (None when two villages use it)
    household_facts: dict[int, tuple[str, str | None]]  # id -> (address, phone)
    by_id: dict[str, int]  # personal_id -> person id
    by_name: dict[tuple[str, Any, int], int]  # (folded name, dob or year, village) -> person id
    by_member: dict[tuple[int, str], int]  # (household id, folded name) -> person id
    heads: dict[tuple[str, int], int | None]  # (folded name, village) -> head person id (None: ambiguous)
    people: dict[int, PersonFacts]
    reviews: set[tuple[int, int]] = field(default_factory=set)  # (household id, year) with a review
    members: dict[int, int] = field(default_factory=dict)  # household id -> people in it

    def village(self, text: str) -> tuple[int, str] | None:
        if not text:
            return None
        return self.villages.get(fold(text)) or self.villages.get(village_key(text)) or self.villages.get(
            group_village_key(text)
        )

    def village_in_address(self, address: str) -> tuple[int, str] | None:
        padded = f" {fold(address)} "
        hits = {vid for key, vid in self.full_village_keys if f" {key} " in padded or f" {key}," in padded}
        if len(hits) == 1:
            vid = hits.pop()
            return vid, self.village_names[vid]
        return None


def load_register(db: Database, year: int | None) -> Register:
    with db.read() as s:
        villages: dict[str, tuple[int, str]] = {}
        names: dict[int, str] = {}
        area: dict[int, str] = {}
        for vid, name, area_type in s.execute(
            select(Village.id, Village.name, Village.area_type).where(Village.deleted_at.is_(None))
        ):
            villages[fold(name)] = (vid, name)
            villages.setdefault(village_key(name), (vid, name))
            names[vid], area[vid] = name, area_type or "rural"
        full_keys = sorted(((fold(n), vid) for vid, n in names.items()), key=lambda kv: -len(kv[0]))
        household_village: dict[int, int] = {}
        codes: dict[tuple[int, str], int] = {}
        anywhere: dict[str, int | None] = {}
        facts: dict[int, tuple[str, str | None]] = {}
        for hid, vid, code, address, phone in s.execute(
            select(Household.id, Household.village_id, Household.code, Household.address, Household.phone).where(
                Household.deleted_at.is_(None)
            )
        ):
            household_village[hid] = vid
            facts[hid] = (address or "", phone)
            if code:
                key = fold(code).replace(" ", "")
                codes.setdefault((vid, key), hid)
                anywhere[key] = hid if key not in anywhere or anywhere[key] == hid else None
        by_id: dict[str, int] = {}
        by_name: dict[tuple[str, Any, int], int] = {}
        by_member: dict[tuple[int, str], int] = {}
        heads: dict[tuple[str, int], int | None] = {}
        people: dict[int, PersonFacts] = {}
        members: dict[int, int] = {}
        q = select(Person.id, Person.household_id, Person.full_name, Person.name_folded, Person.sex, Person.dob,
                   Person.birth_year, Person.ethnicity, Person.personal_id, Person.relationship_to_head,
                   Person.phone).where(Person.deleted_at.is_(None))  # fmt: skip
        for pid, hid, full_name, folded, sex, dob, year_, ethnicity, personal_id, rel, phone in s.execute(q):
            home = household_village.get(hid)
            if home is None:
                continue
            vid = home
            folded = folded or fold(full_name)
            people[pid] = PersonFacts(hid, full_name, sex or "", dob, year_, ethnicity or "", personal_id, rel or "",
                                      phone)  # fmt: skip
            members[hid] = members.get(hid, 0) + 1
            if personal_id:
                by_id[personal_id] = pid
            by_member.setdefault((hid, folded), pid)
            if dob is not None:
                by_name.setdefault((folded, dob, vid), pid)
            birth_year = dob.year if dob else year_
            if birth_year is not None:
                by_name.setdefault((folded, birth_year, vid), pid)
            if rel == "head":
                heads[(folded, vid)] = pid if (folded, vid) not in heads else None
        reviews: set[tuple[int, int]] = set()
        if year is not None:
            reviews = {
                (hid, year)
                for (hid,) in s.execute(
                    select(PovertyReview.household_id).where(
                        PovertyReview.review_year == year, PovertyReview.deleted_at.is_(None)
                    )
                )
            }
    return Register(villages, names, area, full_keys, household_village, codes, anywhere, facts, by_id, by_name,
                    by_member, heads, people, reviews, members)  # fmt: skip
