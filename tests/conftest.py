"""Shared test set-up: headless Qt, and the project's src on the path for plain checkouts."""

from __future__ import annotations

import os

# Without a display Qt aborts the whole process; offscreen must be set before any Qt import.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _cheap_password_hashing(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests create users by the hundred: hash them at scrypt n=2**12 instead of the production 2**17
    (half a second each). Tests marked ``real_password_cost`` keep the production cost."""
    if request.node.get_closest_marker("real_password_cost") is None:
        monkeypatch.setattr("xaapp.domain.passwords.N", 2**12)
