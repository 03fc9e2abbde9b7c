"""Shared test set-up: headless Qt, and the project's src on the path for plain checkouts."""

from __future__ import annotations

import os

# Without a display Qt aborts the whole process; offscreen must be set before any Qt import.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
