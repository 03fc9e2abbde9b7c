"""Loading the demo from first-run setup runs in the background and reports progress to the dialog."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from xaapp.app import DesktopApp
from xaapp.config import AppConfig
from xaapp.services.accounts import complete_setup
from xaapp.services.demo import PHASE_RECORDS, PHASE_SAVE
from xaapp.storage.db import open_database
from xaapp.storage.orm import Household

pytestmark = pytest.mark.gui


def test_the_demo_loads_off_the_ui_thread_with_progress(qtbot, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # DesktopApp installs its own; restored after
    app = DesktopApp(AppConfig(tmp_path, tmp_path / "logs"))
    app.DEMO_HOUSEHOLDS = 120
    app.db = open_database(tmp_path)
    complete_setup(app.db, "14923", "admin", "Hà Văn Tuấn", "mat-khau-dai")
    seen: list[int] = []
    from PySide6.QtWidgets import QProgressDialog

    labels: list[str] = []
    monkeypatch.setattr(QProgressDialog, "setValue", lambda self, v: seen.append(v))
    monkeypatch.setattr(QProgressDialog, "setLabelText", lambda self, text: labels.append(text))
    app.load_demo()
    with app.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Household)) == 120
    assert 120 in seen  # the bar reached the end of the households
    assert [t for i, t in enumerate(labels) if i == 0 or labels[i - 1] != t] == [PHASE_RECORDS, PHASE_SAVE]
    app.runner.shutdown()
    app.db.close()
