"""Reviews kept flat (the demo's, Excel imports') are rewritten in the household form's nested shape.

Before this step the demo stored a review as flat facts (``{"review_year", "area", "income_method",
"income_per_capita", "dep_<code>": 0/1}``) and an Excel import stored no answers at all, while the
household form keeps ``{"general": {...}, "members": [...], "housing": {...}, ...}``. Opening such a
review replaced its answers with the register's prefill and lost the facts. Here every review whose
answers are not form-shaped gets form answers built from the register (household, village, members
with their details) and the flat facts, placed where the form asks them:

- year and area in ``general``; the income method in ``income`` (``income`` → ``per_capita``); a
  per-capita income ``P`` becomes the household's yearly income ``P × 12 × members`` in
  ``income/income_other`` (a flat total has no breakdown), so the form computes ``P`` again; score A
  in ``income/score_a``;
- each ``dep_<code>`` flag becomes the answers that make the form calculate it (a member without a
  health-insurance card, a water source that does not count as clean, …). A flag the household's
  members cannot give (nutrition without a child under 16; the dependants' share, which follows
  the members' ages) follows the members. The stored class and reason are kept as they were;
  ``xaapp db check --deep`` lists a review whose facts now give another class.
- demo reviews (form version ``demo``) also get the answers the demo never had and the form
  requires (poverty causes, merit and social-protection groups: "no"), so they can be edited.

Each converted review gets a new revision, one outbox row and one audit row (field ``answers``,
the old and new JSON, with the reason) — what the app writes for any change. Self-contained on
purpose (it imports nothing of xaapp; the text folding is frozen below): later changes must not change
what this step did. ``services.reviews`` uses :func:`form_answers` to show a flat review that
arrives from the server later, without writing it.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any


def fold(text: str) -> str:
    """Accent- and case-folding as ``xaapp.domain.text.fold`` was when this migration was written, frozen
    here so that replaying the migration gives the same result whatever today's code says."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


META = "_xaapp"
REASON = (
    "Nâng cấp dữ liệu: câu trả lời của phiếu chuyển sang dạng của phiếu rà soát hộ / "
    "data upgrade: the review's answers moved into the household form's shape"
)
_ETHNICITY = {
    "kinh": "kinh", "muong": "muong", "thai": "thai", "mong": "mong", "h'mong": "mong", "hmong": "mong",
    "dao": "dao", "tho": "tho", "kho mu": "kho_mu", "hoa": "hoa",
}  # fmt: skip
_RELATIONSHIPS = ("head", "spouse", "child", "parent", "grandchild", "sibling", "other")
_DISABILITY = ("none", "mild", "severe", "extremely_severe")
_EDUCATION = ("none", "primary", "lower_secondary", "upper_secondary", "vocational_elementary",
              "vocational_intermediate", "college", "university")  # fmt: skip
_WORK = ("wage_with_contract", "wage_no_contract", "self_farm", "self_business", "unemployed", "not_working")
_EDU_16 = set(_EDUCATION[2:])  # lower secondary or more: enough at 16–17
_EDU_18 = set(_EDUCATION[3:])  # upper secondary or more: enough at 18–30
_METHODS = {"income": "per_capita", "per_capita": "per_capita", "income_per_capita": "per_capita",
            "score_a": "score_a", "score": "score_a"}  # fmt: skip


def is_form_shaped(answers: Mapping[str, Any]) -> bool:
    return isinstance(answers.get("general"), Mapping) or isinstance(answers.get("members"), list)


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _age(dob: dt.date | None, on: dt.date) -> int | None:
    if dob is None:
        return None
    return on.year - dob.year - ((on.month, on.day) < (dob.month, dob.day))


def _yes_no(value: Any, default: str) -> str:
    if value is True or value in ("yes", 1, "1"):
        return "yes"
    if value is False or value in ("no", 0, "0"):
        return "no"
    return default


def _flag(value: Any) -> int:
    return 1 if value is True or str(value).strip().lower() in ("1", "true", "yes") else 0


def _member(person: Mapping[str, Any], on: dt.date) -> tuple[dict[str, Any], int | None]:
    dob = _date(person.get("dob"))
    age = _age(dob, on)
    ethnicity = person.get("ethnicity")
    relationship = person.get("relationship") or "other"
    member: dict[str, Any] = {
        "full_name": person.get("full_name") or None,
        "sex": person.get("sex") or None,
        "dob": dob.isoformat() if dob else None,
        "ethnicity": _ETHNICITY.get(fold(ethnicity), "other") if ethnicity else None,
        "personal_id": person.get("personal_id") or None,
        "relationship": relationship if relationship in _RELATIONSHIPS else "other",
    }
    details = person.get("details") or {}
    disability = details.get("disability")
    member["disability"] = disability if disability in _DISABILITY else "none"
    member["health_insurance"] = _yes_no(details.get("health_insurance"), "yes")
    if age is None:
        return member, None
    if 3 <= age <= 30:
        member["in_school"] = _yes_no(details.get("in_school"), "yes" if age < 18 else "no")
    if age >= 15:
        education = details.get("education_level")
        member["education_level"] = education if education in _EDUCATION else (
            "upper_secondary" if 18 <= age <= 30 else "lower_secondary")  # fmt: skip
        work = details.get("work_status")
        member["work_status"] = work if work in _WORK else (
            "not_working" if age >= 60 or member.get("in_school") == "yes" else "self_farm")  # fmt: skip
    if 16 <= age <= 30 and member.get("in_school") == "no":
        member["enterprise_training"] = _yes_no(details.get("enterprise_training"), "no")
    if age < 16:
        member["malnourished"] = _yes_no(details.get("malnourished"), "no")
    return member, age


def _lacks_education(m: Mapping[str, Any], age: int) -> bool:
    if m.get("in_school") != "no" or m.get("enterprise_training") == "yes":
        return False
    level = m.get("education_level")
    return (16 <= age < 18 and level not in _EDU_16) or (18 <= age <= 30 and level not in _EDU_18)


def _set_member_flags(members: list[tuple[dict[str, Any], int | None]], flags: Mapping[str, int]) -> None:
    """Make the members' answers give each member-level flag, where the members' ages allow it."""

    def pick(test: Any) -> list[dict[str, Any]]:
        return [m for m, age in members if age is not None and test(age)]

    def force(people: list[dict[str, Any]], key: str, on: str, off: str, flag: int) -> None:
        if not people:
            return
        if flag and not any(m.get(key) == on for m in people):
            people[0][key] = on
        if not flag:
            for m in people:
                m[key] = off

    if "health_insurance" in flags:
        force(pick(lambda a: a >= 6), "health_insurance", "no", "yes", flags["health_insurance"])
    if "child_school_attendance" in flags:
        force(pick(lambda a: 3 <= a < 16), "in_school", "no", "yes", flags["child_school_attendance"])
    if "nutrition" in flags:
        force(pick(lambda a: a < 16), "malnourished", "yes", "no", flags["nutrition"])
    if "adult_education" in flags:
        young = [(m, age) for m, age in members if age is not None and 16 <= age <= 30]
        if flags["adult_education"] and young and not any(_lacks_education(m, a) for m, a in young):
            m = young[0][0]
            m.update(in_school="no", enterprise_training="no", education_level="primary")
        if not flags["adult_education"]:
            for m, age in young:
                if _lacks_education(m, age):
                    m["education_level"] = "upper_secondary"
    if "employment" in flags:
        working = pick(lambda a: 15 <= a < 60)
        deprived = [m for m in working if m.get("work_status") in ("unemployed", "wage_no_contract")]
        if flags["employment"] and working and not deprived:
            working[0]["work_status"] = "unemployed"
        if not flags["employment"]:
            for m in deprived:
                m["work_status"] = "self_farm"


def _dwelling(flags: Mapping[str, int], size: int) -> tuple[dict[str, Any], dict[str, Any]]:
    housing: dict[str, Any] = {}
    information: dict[str, Any] = {}
    if "housing_quality" in flags:
        weak = flags["housing_quality"]
        housing.update(wall_durable="no" if weak else "yes", column_durable="no" if weak else "yes",
                       roof_durable="yes")  # fmt: skip
    if "housing_area" in flags and size > 0:
        housing["living_area"] = (6 if flags["housing_area"] else 20) * size
    if "water_source" in flags:
        housing["water_source"] = "unprotected_well" if flags["water_source"] else "drilled_well"
    if "hygienic_latrine" in flags:
        housing["latrine"] = "simple_pit" if flags["hygienic_latrine"] else "semi_septic"
    if "telecom_use" in flags:
        information["telecom_use"] = "no" if flags["telecom_use"] else "yes"
    if "information_devices" in flags:
        information["info_devices"] = "none" if flags["information_devices"] else "tv"
    return housing, information


def form_answers(
    flat: Mapping[str, Any],
    review: Mapping[str, Any],
    household: Mapping[str, Any],
    people: Sequence[Mapping[str, Any]],
) -> dict[str, Any]:
    """Form-shaped answers (with ``_xaapp``) for a review stored flat.

    *review*: ``review_year``, ``form_version``, ``surveyed_on``, ``listed_on``, ``result`` (the
    stored classification: its income line says whether the form asks the poverty causes); *household*:
    ``village`` (name), ``area_type``, ``address``, ``phone``; *people*: the household's living
    members in register order with ``uuid``, ``full_name``, ``sex``, ``dob``, ``ethnicity`` (name),
    ``personal_id``, ``relationship``, ``details``.
    """
    facts = {k: v for k, v in flat.items() if k != META}
    meta = dict(flat.get(META) or {})
    year = review.get("review_year")
    demo = review.get("form_version") == "demo"
    flags = {k[4:]: _flag(v) for k, v in facts.items() if k.startswith("dep_")}
    if isinstance(facts.get("deprivations"), list):
        flags = {**{code: 0 for code in flags}, **{str(c): 1 for c in facts["deprivations"]}}
    survey = _date(review.get("surveyed_on")) or _date(review.get("listed_on"))
    if survey is None and flags and isinstance(year, int):
        survey = dt.date(year, 1, 1)
    on = survey or dt.date(int(year) if isinstance(year, int) else 2000, 1, 1)

    built = [_member(p, on) for p in people]
    if flags:
        _set_member_flags(built, flags)
    members = [m for m, _age in built]
    head = next((p for p in people if p.get("relationship") == "head"), None)
    area = facts.get("area") or facts.get("area_type")
    general = {
        "survey_date": survey.isoformat() if survey else None,
        "review_year": facts.get("review_year") or year,
        "village": household.get("village") or None,
        "area_type": area if area in ("rural", "urban") else household.get("area_type") or None,
        "review_kind": "periodic",
        "head_name": head.get("full_name") if head else None,
        "address": household.get("address") or None,
        "phone": household.get("phone") or None,
    }
    out: dict[str, Any] = {"general": general, "members": members}
    housing, information = _dwelling(flags, len(members))
    if housing:
        out["housing"] = housing
    if information:
        out["information"] = information
    income: dict[str, Any] = {}
    method = _METHODS.get(str(facts.get("income_method") or "").strip().lower())
    if method is None and facts.get("income_per_capita") not in (None, ""):
        method = "per_capita"
    elif method is None and facts.get("score_a") not in (None, ""):
        method = "score_a"
    if method:
        income["income_method"] = method
    per_capita = facts.get("income_per_capita")
    if method == "per_capita" and isinstance(per_capita, int | float) and members:
        income["income_other"] = int(round(per_capita)) * 12 * len(members)
    if method == "score_a" and facts.get("score_a") not in (None, ""):
        income["score_a"] = facts["score_a"]
    if income:
        out["income"] = income
    if demo:
        result = review.get("result") or {}
        line = result.get("income_line") if method == "per_capita" else result.get("score_a_line")
        value = per_capita if method == "per_capita" else facts.get("score_a")
        if isinstance(line, int | float) and isinstance(value, int | float) and value <= line:
            causes = ["no_capital"] + (["many_dependants"] if flags.get("dependents") else [])
            out["causes"] = {"poverty_causes": " ".join(causes)}  # the form asks them under the line
        out["groups"] = {"has_merit": "no", "social_protection": "no"}
    meta["cursor"] = meta.get("cursor") or ""
    meta["members"] = [p.get("uuid") for p in people]
    out[META] = meta
    return out


# --- the step ----------------------------------------------------------------------------------------


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def upgrade(conn: sqlite3.Connection) -> None:
    reviews = conn.execute(
        "SELECT id, uuid, household_id, review_year, form_id, form_version, answers, surveyed_on, listed_on,"
        " revision, status, result FROM poverty_review WHERE deleted_at IS NULL"
    ).fetchall()
    pending = []
    for row in reviews:
        answers = json.loads(row[6]) if row[6] else {}
        if not isinstance(answers, dict):
            answers = {}
        if is_form_shaped(answers):
            continue
        if row[10] == "draft" and not any(key != META for key in answers):
            continue  # a draft not started (e.g. only a household's request): it opens from the register
        pending.append((row, answers))
    if not pending:
        return
    villages = dict(conn.execute("SELECT id, name FROM village"))
    households = {
        hid: {"village": villages.get(vid), "area_type": area, "address": address, "phone": phone}
        for hid, vid, area, address, phone in conn.execute(
            "SELECT id, village_id, area_type, address, phone FROM household"
        )
    }
    people: dict[int, list[dict[str, Any]]] = {}
    for hid, uuid, name, sex, dob, ethnicity, pid, rel, details in conn.execute(
        "SELECT household_id, uuid, full_name, sex, dob, ethnicity, personal_id, relationship_to_head, details"
        " FROM person WHERE deleted_at IS NULL ORDER BY household_id, position, id"
    ):
        people.setdefault(hid, []).append(
            {"uuid": uuid, "full_name": name, "sex": sex, "dob": dob, "ethnicity": ethnicity, "personal_id": pid,
             "relationship": rel, "details": json.loads(details) if details else {}}
        )  # fmt: skip
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")
    for row, answers in pending:
        rid, uuid, hid, year, _form_id, version, _raw, surveyed, listed, revision, _status, result = row
        stored = json.loads(result) if result else {}
        new = form_answers(
            answers,
            {
                "review_year": year,
                "form_version": version,
                "surveyed_on": surveyed,
                "listed_on": listed,
                "result": stored if isinstance(stored, dict) else {},
            },  # fmt: skip
            households.get(hid, {}),
            people.get(hid, []),
        )
        revision = (revision or 0) + 1
        conn.execute(
            "UPDATE poverty_review SET answers = ?, form_id = 'household_review', revision = ?, updated_at = ?"
            " WHERE id = ?",
            (_json(new), revision, now, rid),
        )
        conn.execute(
            "INSERT INTO audit_log (at, username, entity, entity_uuid, action, field, old_value, new_value, reason)"
            " VALUES (?, 'system', 'poverty_review', ?, 'update', 'answers', ?, ?, ?)",
            (now, uuid, _json(answers), _json(new), REASON),
        )
        conn.execute(
            "INSERT INTO outbox (entity, entity_uuid, revision, op, created_at, attempts)"
            " VALUES ('poverty_review', ?, ?, 'upsert', ?, 0)",
            (uuid, revision, now),
        )
