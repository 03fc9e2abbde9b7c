"""The members roster of a form that asks less than the household review: the questions the form lacks
are blank cells; a fault while reading the answers is not hidden as a blank but reaches the crash handler."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit" / "forms_engine"))

from forms_helpers import session_from_rows  # noqa: E402

from xaapp.ui.interview.roster import asks, roster_rows  # noqa: E402

NAMES_ONLY = """
| type         | name      | label     |
| begin repeat | members   | Members   |
| text         | full_name | Full name |
| end repeat   |           |           |
"""


def test_a_form_without_sex_or_age_gives_blank_cells_not_an_error() -> None:
    session = session_from_rows(NAMES_ONLY)
    session.add_repeat("members")
    session.answer("members[1]/full_name", "Lò Văn Pâng")
    assert asks(session, "members[1]/full_name") and not asks(session, "members[1]/sex")
    (row,) = roster_rows(session)
    assert (row.full_name, row.sex, row.dob, row.age, row.relationship) == ("Lò Văn Pâng", "", None, None, "")


def test_a_fault_reading_an_answer_is_not_shown_as_an_empty_cell(monkeypatch: pytest.MonkeyPatch) -> None:
    session = session_from_rows(NAMES_ONLY)
    session.add_repeat("members")

    def broken(path: str) -> object:
        raise RuntimeError(f"instance damaged at {path}")

    monkeypatch.setattr(session, "value", broken)
    with pytest.raises(RuntimeError, match="members\\[1\\]/full_name"):
        roster_rows(session)
