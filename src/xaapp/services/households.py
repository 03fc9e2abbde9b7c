"""Household list rows for the register screens: one SQL query, already in Vietnamese order.

The list is sorted in SQL on the head's stored sort key (``person.name_sort``, see
``domain.text.name_sort_text``), so no sort key is computed at load. Keys missing from rows written
before the column existed are computed here once and stored (see ``m0006_person_name_sort``).
The search index over the rows is built afterwards by ``household_search`` (``services.household_search``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import cast

from sqlalchemy import Table, bindparam, func, select, update

from xaapp.domain.text import fold, name_sort_text
from xaapp.services.household_search import HouseholdSearch
from xaapp.services.listing_chunks import let_go
from xaapp.storage.db import Database
from xaapp.storage.orm import Household, Person, Village

#: Review steps, latest first: the first date that is set tells where the household's review stands.
STEPS = (
    ("recognised_on", "recognised"),
    ("posted_on", "posted"),
    ("meeting_on", "meeting"),
    ("surveyed_on", "surveyed"),
    ("listed_on", "listed"),
)

#: Rows fetched per round trip. The query runs with the GIL released; fetching 100,000 rows in one
#: go would hold it (building the Python rows) long enough to freeze the UI thread.
_CHUNK = 500

_STEP_SQL = " ".join(f"WHEN {column} IS NOT NULL THEN '{code}'" for column, code in STEPS)

#: One row per household: the head (or the first member when none is marked head) with the stored
#: sort key of the name, the member count and the searchable text of every member, and this year's
#: review. SQLite takes the bare columns of an aggregate with one min()/max() from the row that
#: holds that min/max, which picks the head (and the latest review) without a second query.
LIST_SQL = f"""
WITH members AS (
    SELECT household_id AS hid,
           min(CASE WHEN relationship_to_head = 'head' THEN 0 ELSE 1 END * 1000000 + position) AS first,
           id AS pid, full_name AS head, name_sort AS head_sort, count(*) AS n,
           group_concat(name_folded, '|') AS names,
           group_concat(lower(personal_id), ' ') AS ids,
           group_concat(lower(phone), ' ') AS phones,
           group_concat(full_name || char(9) || coalesce(personal_id, '') || char(9) || coalesce(phone, ''),
                        char(10)) AS members_text
    FROM person WHERE deleted_at IS NULL GROUP BY household_id
), reviews AS (
    SELECT household_id AS hid, max(id) AS rid, result_class,
           CASE {_STEP_SQL} ELSE 'not_started' END AS step
    FROM poverty_review WHERE review_year = ? AND deleted_at IS NULL GROUP BY household_id
)
SELECT h.id, h.uuid, h.code, h.village_id, lower(h.phone), h.revision > h.synced_revision,
       m.pid, m.head, m.head_sort, m.n, m.names, m.ids, m.phones, r.result_class, r.step, m.members_text
FROM household h
LEFT JOIN members m ON m.hid = h.id
LEFT JOIN reviews r ON r.hid = h.id
WHERE h.deleted_at IS NULL
ORDER BY m.head_sort, h.id
"""


@dataclass(frozen=True, slots=True)
class HouseholdRow:
    id: int
    uuid: str
    code: str
    head_name: str
    village_id: int
    village: str
    members: int
    result_class: str | None
    step: str  # a code of STEPS, "not_started", or "" when the household has no review that year
    pending_sync: bool
    #: Folded fields, each starting with "|": member names, village, code, IDs and phones (see household_search).
    search_text: str
    #: Each member as "name\tID\tphone", one per line: the list says which member a search found.
    members_text: str = ""


@dataclass(frozen=True)
class VillageRow:
    id: int
    name: str
    households: int


def village_rows(db: Database) -> list[VillageRow]:
    with db.read() as s:
        counts = dict(
            s.execute(
                select(Household.village_id, func.count())
                .where(Household.deleted_at.is_(None))
                .group_by(Household.village_id)
            ).all()
        )
        villages = s.scalars(select(Village).where(Village.deleted_at.is_(None)))
        return sorted(
            (VillageRow(v.id, v.name, counts.get(v.id, 0)) for v in villages), key=lambda r: fold(r.name)
        )


def household_rows(db: Database, review_year: int, *, _filled: bool = False) -> list[HouseholdRow]:
    """Every household (not deleted) with its head, size, this year's review step and search text,
    sorted the Vietnamese way by the head's name (given name first), then by id."""
    with db.read() as s:
        villages = {vid: (name, fold(name)) for vid, name in s.execute(select(Village.id, Village.name))}
        # The driver's own cursor: the rows are plain tuples, converted here once (no ORM or Row objects).
        cursor = s.connection().connection.driver_connection.cursor()  # type: ignore[union-attr]  # an open session's
        cursor.arraysize = _CHUNK
        cursor.execute(LIST_SQL, (review_year,))
        rows: list[HouseholdRow] = []
        missing: list[tuple[int, str]] = []  # (person id, key) of heads whose key is not stored yet
        append = rows.append
        unknown = ("", "")
        while chunk := cursor.fetchmany():
            for (
                hid,
                huuid,
                code,
                vid,
                phone,
                pending,
                pid,
                head,
                key,
                n,
                names,
                ids,
                phones,
                cls,
                step,
                members_text,
            ) in chunk:
                village, village_folded = villages.get(vid, unknown)
                code = code or ""
                if pid is not None and key is None:
                    missing.append((pid, name_sort_text(head)))
                append(
                    HouseholdRow(
                        hid, huuid, code, head or "", vid, village, n or 0, cls, step or "", bool(pending),
                        f"|{names or ''}|{village_folded}|{code.lower() if code.isascii() else fold(code)}"
                        f"|{ids or ''} {phones or ''} {phone or ''}", members_text or "",
                    )
                )  # fmt: skip
        cursor.close()
    if missing and not _filled:  # the first list after the upgrade: store the keys, then read in order
        _store_sort_keys(db, missing)
        return household_rows(db, review_year, _filled=True)
    return rows


def _store_sort_keys(db: Database, keys: Iterable[tuple[int, str]]) -> None:
    """Fill ``person.name_sort`` without touching revisions, outbox or audit (a derived, local column)."""
    table = cast("Table", Person.__table__)
    statement = update(table).where(table.c.id == bindparam("pid")).values(name_sort=bindparam("key"))
    with db.session(actor="system") as s:
        s.execute(statement, [{"pid": pid, "key": key} for pid, key in keys])


#: The words of the code, ID and phone fields of the search texts, sorted as text by SQLite.
NUMBERS_SQL = """
SELECT v, hid FROM (
    SELECT lower(personal_id) AS v, household_id AS hid FROM person WHERE deleted_at IS NULL
    UNION ALL SELECT lower(phone), household_id FROM person WHERE deleted_at IS NULL
    UNION ALL SELECT lower(phone), id FROM household WHERE deleted_at IS NULL
    UNION ALL SELECT lower(code), id FROM household WHERE deleted_at IS NULL
) WHERE v IS NOT NULL AND v <> ''
ORDER BY v
"""


def household_numbers(db: Database, rows: list[HouseholdRow]) -> list[tuple[str, int]]:
    """The code, ID and phone words of *rows* with their positions, sorted by SQLite (see HouseholdSearch)."""
    position = {row.id: i for i, row in enumerate(rows)}
    out: list[tuple[str, int]] = []
    with db.read() as s:
        cursor = s.connection().connection.driver_connection.cursor()  # type: ignore[union-attr]  # an open session's
        cursor.arraysize = _CHUNK * 4
        cursor.execute(NUMBERS_SQL)
        get, append = position.get, out.append
        while chunk := cursor.fetchmany():
            for value, hid in chunk:
                pos = get(hid)
                if pos is not None:
                    append((value, pos))
        cursor.close()
    return out


def household_search(db: Database, rows: list[HouseholdRow]) -> HouseholdSearch:
    """The search index of *rows* (a worker's job, after the rows have reached the screen)."""
    numbers = [household_numbers(db, rows)]  # 400,000 pairs at 100,000 households: let go in slices
    search = HouseholdSearch([r.search_text for r in rows], numbers[0])
    let_go(numbers)
    return search
