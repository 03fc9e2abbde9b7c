"""Keeping the console's read model up to date with the synced records.

Every accepted record raises its commune's change counter (``record.seq``, the pull cursor). The
console follows the same counter: ``refresh`` reads each commune's records past the seq it reached
(``console_feed``), writes villages, households, people and reviews into plain columns, and
recounts the tallies of every village those records touched (``tally``). Records of other kinds
(beneficiaries …) are not shown by the console and are skipped.

It runs before a console page is read, one transaction per commune, holding the commune's
``console_feed`` row lock so two server instances never project the same records twice. The
ingest path is not touched: a push costs nothing more, and a page after a large sync pays once for
what arrived (about 10,000 records a second).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, and_, delete, func, select, update

from xaapp.rules.deprivations import flagged
from xaapp.server.console import tally
from xaapp.server.console.schema import (
    bulk_insert,
    console_feed,
    console_household,
    console_person,
    console_review,
    console_tally,
    console_village,
    insert_ignore,
)
from xaapp.server.schema import commune_state, record

CHUNK = 5000
_SHOWN = ("village", "household", "person", "poverty_review")


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _text(value: Any, limit: int) -> str:
    return str(value)[:limit] if value is not None else ""


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _date(value: Any) -> str | None:
    return str(value)[:10] if isinstance(value, str) and value else None


def _row(entity: str, uuid: str, code: str, op: str, d: dict[str, Any]) -> dict[str, Any] | None:
    deleted = op == "delete" or bool(d.get("deleted_at"))
    if entity == "village":
        return {"uuid": uuid, "commune_code": code, "name": _text(d.get("name"), 100), "deleted": deleted}
    if entity == "household":
        return {
            "uuid": uuid,
            "commune_code": code,
            "village_uuid": _text(d.get("village_uuid"), 36),
            "code": _text(d.get("code"), 20),
            "address": _text(d.get("address"), 200),
            "deleted": deleted,
        }
    if entity == "person":
        return {
            "uuid": uuid,
            "commune_code": code,
            "household_uuid": _text(d.get("household_uuid"), 36),
            "position": _int(d.get("position")),
            "full_name": _text(d.get("full_name"), 100),
            "sex": _text(d.get("sex"), 8),
            "dob": _date(d.get("dob")),
            "birth_year": _int(d.get("birth_year")),
            "personal_id": _text(d.get("personal_id"), 12) or None,
            "relationship": _text(d.get("relationship_to_head"), 20),
            "deleted": deleted,
        }
    if entity == "poverty_review":
        raw_result = d.get("result")
        result: dict[str, Any] = raw_result if isinstance(raw_result, dict) else {}
        reason = result.get("reason")
        reason_vi, reason_en = (
            (reason.get("vi", ""), reason.get("en", "")) if isinstance(reason, dict) else (reason or "", "")
        )
        listed = result.get("deprivations")
        if isinstance(listed, list):
            deps = [str(c) for c in listed]
        else:  # as the laptop's lists do: the form's dep_<code> flags when the result has no list
            raw_answers = d.get("answers")
            answers: dict[str, Any] = raw_answers if isinstance(raw_answers, dict) else {}
            deps = list(flagged(answers))
        return {
            "uuid": uuid,
            "commune_code": code,
            "household_uuid": _text(d.get("household_uuid"), 36),
            "review_year": _int(d.get("review_year")) or 0,
            "kind": _text(d.get("kind"), 10),
            "review_month": _int(d.get("review_month")),
            "status": _text(d.get("status"), 8),
            "result_class": d.get("result_class") if isinstance(d.get("result_class"), str) else None,
            "reason_vi": str(reason_vi),
            "reason_en": str(reason_en),
            "deprivations": json.dumps(deps),
            "surveyed_on": _date(d.get("surveyed_on")),
            "posted_on": _date(d.get("posted_on")),
            "recognised_on": _date(d.get("recognised_on")),
            "decision_no": _text(d.get("decision_no"), 40) or None,
            "created_at": _text(d.get("created_at"), 32),
            "deleted": deleted,
        }
    return None


_TABLES = {
    "village": console_village,
    "household": console_household,
    "person": console_person,
    "poverty_review": console_review,
}


@dataclass
class RefreshReport:
    communes: int = 0
    records: int = 0
    villages_recounted: int = 0


def _in_range(code: str, entity: str, lo: int, hi: int) -> Any:
    """The UUIDs of the records of *entity* in the commune's seq range (lo, hi]: a subquery, so no
    statement carries a long list of UUIDs (a 900-item IN list costs ~20 ms to plan on PostgreSQL)."""
    return select(record.c.uuid).where(
        record.c.commune_code == code, record.c.entity == entity, record.c.seq > lo, record.c.seq <= hi
    )


def _villages_of_reviews(conn: Connection, code: str, lo: int, hi: int) -> set[str]:
    """Villages of the households the range's reviews hang under, as the read model holds them now."""
    q = (
        select(console_household.c.village_uuid)
        .join(console_review, console_review.c.household_uuid == console_household.c.uuid)
        .where(console_review.c.uuid.in_(_in_range(code, "poverty_review", lo, hi)))
        .distinct()
    )
    return set(conn.scalars(q))


def project_rows(conn: Connection, code: str, rows: Sequence[Any], lo: int, hi: int) -> set[str]:
    """Write the commune's ``record`` rows of the seq range (lo, hi] into the read model; returns the
    village UUIDs to recount (those a household or review left as well as those it joined)."""
    by_entity: dict[str, dict[str, dict[str, Any]]] = {e: {} for e in _SHOWN}
    for r in rows:
        if r.entity in by_entity:
            projected = _row(r.entity, r.uuid, code, r.op, json.loads(r.data))
            if projected is not None:
                by_entity[r.entity][r.uuid] = projected
    dirty = set(by_entity["village"])
    if by_entity["household"]:
        left = select(console_household.c.village_uuid).where(
            console_household.c.uuid.in_(_in_range(code, "household", lo, hi))
        )
        dirty |= set(conn.scalars(left.distinct()))
    if by_entity["poverty_review"]:
        dirty |= _villages_of_reviews(conn, code, lo, hi)
    for entity in _SHOWN:
        if by_entity[entity]:
            table = _TABLES[entity]
            conn.execute(delete(table).where(table.c.uuid.in_(_in_range(code, entity, lo, hi))))
            bulk_insert(conn, table, list(by_entity[entity].values()))
    dirty |= {h["village_uuid"] for h in by_entity["household"].values()}
    if by_entity["poverty_review"]:
        dirty |= _villages_of_reviews(conn, code, lo, hi)
    return dirty


def recount_villages(conn: Connection, code: str, villages: set[str]) -> None:
    """Replace the tallies of *villages* with counts made from the read model.

    Every query names the villages (a short list, in chunks), so the cost follows the villages' size,
    never the province's.
    """
    keys = sorted(villages)
    alive: set[str] = set()
    for part in _chunks(keys):
        conn.execute(delete(console_tally).where(console_tally.c.village_uuid.in_(part)))
        alive.update(
            conn.scalars(
                select(console_village.c.uuid).where(
                    console_village.c.uuid.in_(part), console_village.c.deleted.is_(False)
                )
            )
        )
    members: dict[str, list[str]] = {v: [] for v in alive}
    for part in _chunks(sorted(alive)):
        q = select(console_household.c.uuid, console_household.c.village_uuid).where(
            console_household.c.village_uuid.in_(part), console_household.c.deleted.is_(False)
        )
        for uuid, village_uuid in conn.execute(q):
            members[village_uuid].append(uuid)
    reviews: dict[str, list[tally.ReviewFacts]] = {v: [] for v in alive}
    cols = (
        console_household.c.village_uuid,
        console_review.c.uuid,
        console_review.c.household_uuid,
        console_review.c.review_year,
        console_review.c.kind,
        console_review.c.review_month,
        console_review.c.status,
        console_review.c.result_class,
        console_review.c.deprivations,
        console_review.c.posted_on,
        console_review.c.recognised_on,
        console_review.c.decision_no,
        console_review.c.created_at,
    )
    for part in _chunks(sorted(alive)):
        q = (
            select(*cols)
            .join(console_household, console_household.c.uuid == console_review.c.household_uuid)
            .where(
                console_household.c.village_uuid.in_(part),
                console_household.c.deleted.is_(False),
                console_review.c.deleted.is_(False),
            )
        )
        for r in conn.execute(q):
            reviews[r.village_uuid].append(tally.ReviewFacts.from_row(r))
    rows = [
        {"year": year, "commune_code": code, "village_uuid": v, "metric": metric, "value": n}
        for v in sorted(alive)
        for (year, metric), n in tally.count_village(members[v], reviews[v]).items()
        if n
    ]
    if rows:
        bulk_insert(conn, console_tally, rows)


def _chunks(items: list[str], n: int = 50) -> list[list[str]]:
    return [items[i : i + n] for i in range(0, len(items), n)]


def refresh_commune(conn: Connection, code: str) -> tuple[int, int]:
    """Catch one commune up inside the caller's transaction; returns (records read, villages recounted)."""
    insert_ignore(conn, console_feed, {"commune_code": code, "seq": 0})
    start = int(
        conn.execute(
            select(console_feed.c.seq).where(console_feed.c.commune_code == code).with_for_update()
        ).scalar_one()
    )
    top = int(conn.scalar(select(commune_state.c.last_seq).where(commune_state.c.commune_code == code)) or 0)
    if top <= start:
        return 0, 0
    seen = 0
    dirty: set[str] = set()
    cursor = start
    cols = (record.c.seq, record.c.entity, record.c.uuid, record.c.op, record.c.data)
    while cursor < top:
        rows = conn.execute(
            select(*cols)
            .where(and_(record.c.commune_code == code, record.c.seq > cursor, record.c.seq <= top))
            .order_by(record.c.seq)
            .limit(CHUNK)
        ).all()
        if not rows:
            break
        seen += len(rows)
        dirty |= project_rows(conn, code, rows, cursor, rows[-1].seq)
        cursor = rows[-1].seq
    recount_villages(conn, code, dirty)
    conn.execute(
        update(console_feed).where(console_feed.c.commune_code == code).values(seq=top, refreshed_at=_now())
    )
    return seen, len(dirty)


def behind(conn: Connection) -> list[str]:
    """Communes with records the read model has not seen yet."""
    q = (
        select(commune_state.c.commune_code)
        .select_from(
            commune_state.outerjoin(console_feed, console_feed.c.commune_code == commune_state.c.commune_code)
        )
        .where(commune_state.c.last_seq > func.coalesce(console_feed.c.seq, 0))
        .order_by(commune_state.c.commune_code)
    )
    return list(conn.scalars(q))


def refresh(engine: Engine) -> RefreshReport:
    """Catch every commune up, one transaction each (a long catch-up commits as it goes)."""
    report = RefreshReport()
    with engine.connect() as conn:
        codes = behind(conn)
        conn.rollback()
    for code in codes:
        with engine.begin() as conn:
            seen, villages = refresh_commune(conn, code)
        report.communes += 1
        report.records += seen
        report.villages_recounted += villages
    return report
