"""Shared test set-up: headless Qt, and the project's src on the path for plain checkouts."""

from __future__ import annotations

import os

# Without a display Qt aborts the whole process; offscreen must be set before any Qt import.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


import sys  # noqa: E402
import time  # noqa: E402
import uuid  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

# Every process the suite starts inherits this marker; pytest_sessionfinish fails the run if one is still alive.
os.environ["XAAPP_TEST_RUN"] = uuid.uuid4().hex


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent))  # tests/support (importlib import mode)
    from support.leftovers import processes_with_marker

    deadline = time.monotonic() + 5  # a process stopped at the very end may still be exiting
    left = processes_with_marker(os.environ["XAAPP_TEST_RUN"])
    while left and time.monotonic() < deadline:
        time.sleep(0.2)
        left = processes_with_marker(os.environ["XAAPP_TEST_RUN"])
    if left:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        lines = [f"  {pid}: {command[:200]}" for pid, command in left]
        text = "the test run left processes running:\n" + "\n".join(lines)
        if reporter is not None:
            reporter.write_line(text, red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(autouse=True)
def _cheap_password_hashing(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests create users by the hundred: hash them at scrypt n=2**12 instead of the production 2**17
    (half a second each). Tests marked ``real_password_cost`` keep the production cost."""
    if request.node.get_closest_marker("real_password_cost") is None:
        monkeypatch.setattr("xaapp.domain.passwords.N", 2**12)
