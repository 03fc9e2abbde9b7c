"""Random forms and random answers: nothing crashes, and incremental recalculation always equals a
full recalculation (the dependency graph misses nothing)."""

from __future__ import annotations

import random

import pytest
from forms_helpers import write_form

from xaapp.errors import KnownError
from xaapp.forms_engine import ERROR, InterviewSession, build_form

EXPRESSIONS = [
    "${a} > 1", "${b} != ''", ". > 0", "sum(${e})", "count(${r})", "if(${a} = '', 0, 1)", "position(..)",
    "once(${b})", "date(${a})", "format-date(${c}, '%Y')", "selected(${d}, 'x')", "concat(${a}, ${b})",
    "${a} div 0", "int(${c})", "${r}[1]/e", "/data/a", "${e} + ${a}", "max(${e})", "coalesce(${f}, 'z')",
    "today() - ${c}", "count-selected(${d}) > 1", "not(${g})", "${g} * 2", "../e + 1",
]  # fmt: skip
ANSWERS = [None, "1", 2, "x", "2020-01-01", ["x"], "x y", 3.5, True, 10**6, 0]


def _row(rng: random.Random, type_: str, name: str, calc: bool = False) -> str:
    relevant = rng.choice(EXPRESSIONS) if rng.random() < 0.4 else ""
    constraint = rng.choice(EXPRESSIONS) if rng.random() < 0.3 else ""
    calculation = rng.choice(EXPRESSIONS) if calc else ""
    required = rng.choice(["", "yes", "${a} > 2"])
    return f"| {type_} | {name} | L {name} | {relevant} | {constraint} | {calculation} | | {required} |"


def random_form(rng: random.Random) -> str:
    grouped = rng.random() < 0.5
    repeat_count = rng.choice(["", "", "${a}", "2"])
    rows = [
        "| type | name | label | relevant | constraint | calculation | repeat_count | required |",
        _row(rng, "integer", "a"),
        _row(rng, "text", "b"),
        _row(rng, "date", "c"),
        _row(rng, "select_multiple c", "d"),
        f"| begin group | grp | G | {rng.choice(EXPRESSIONS)} | | | | |" if grouped else "",
        f"| begin repeat | r | R | {rng.choice(EXPRESSIONS) if rng.random() < 0.3 else ''} | | | {repeat_count} | |",
        _row(rng, "integer", "e"),
        _row(rng, "text", "f"),
        _row(rng, "calculate", "g", calc=True),
        "| end repeat | | | | | | | |",
        "| end group | | | | | | | |" if grouped else "",
        _row(rng, "calculate", "h", calc=True),
        _row(rng, "note", "i"),
    ]
    return "\n".join(row for row in rows if row)


@pytest.mark.parametrize("seed", range(40))
def test_random_form_runs_and_recalculates_consistently(seed: int) -> None:
    rng = random.Random(seed)
    form, problems = build_form(
        write_form(random_form(rng), choices="| list_name | name | label |\n| c | x | X |\n| c | y | Y |")
    )
    if form is None or any(p.severity == ERROR for p in problems):
        assert all(p.where and p.message("vi") and p.message("en") for p in problems)
        return
    session = InterviewSession(form, lang="en")
    for _ in range(25):
        if "repeat_count" not in form.items["r"].compiled and rng.random() < 0.25:
            count = session.repeat_count("r")
            if count and rng.random() < 0.4:
                session.remove_repeat(f"r[{rng.randint(1, count)}]")
            else:
                session.add_repeat("r")
        questions = session.questions()
        if questions:
            try:
                session.answer(rng.choice(questions).path, rng.choice(ANSWERS))
            except KnownError:
                pass
        incremental = (dict(session.instance.eff), dict(session.instance.rel))
        session.instance.recompute_all()
        assert (session.instance.eff, session.instance.rel) == incremental
        session.pages()
        session.is_complete()
    again = InterviewSession.from_json(form, session.to_json())
    assert again.to_json()["instance"] == session.to_json()["instance"]
