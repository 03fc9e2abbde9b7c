"""`xaapp classify` accepts a review saved by the household form itself (issue 4), and agrees with the app."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "forms_engine"))

from forms_household import fill_household, new_session  # noqa: E402

from xaapp.cli import main  # noqa: E402
from xaapp.services.reviews import classify_answers  # noqa: E402


def test_a_saved_household_review_classifies_like_the_app(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    session = fill_household(new_session())
    saved = session.to_json()
    assert saved["form_id"] == "household_review"
    path = tmp_path / "review.json"
    path.write_text(json.dumps(saved, ensure_ascii=False), encoding="utf-8")
    assert main(["classify", str(path)]) == 0
    printed = json.loads(capsys.readouterr().out)
    expected = classify_answers(saved["instance"])
    assert expected is not None
    for key in ("classification", "income_test", "deprivation_count", "deprivations", "reason"):
        assert printed[key] == expected[key], key
