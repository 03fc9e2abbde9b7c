"""Start-up: the first windows come up without loading Excel, the forms engine, reports or the server (and
without the database layer before the first window); the login opens before the data file does and waits
for it; after login the main window shows and the household list fills in the background.

Each check runs in a fresh interpreter: in this one, other tests have imported everything already."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.gui
PASSWORD = "mat-khau-1"  # the officer account of the demo fixture (tests/ui/conftest.py)
#: Loaded on first use only: Excel, the forms engine, printed lists, the server, sync transport.
LATER = ("openpyxl", "fastapi", "uvicorn", "xaapp.forms_engine", "xaapp.reports", "xaapp.server", "requests")
#: Not needed to draw the first windows either, and each costs the cold start milliseconds (bench_startup):
#: the rule data (read with the review form), the stdlib's logging.handlers (socket, pickle, queue), OpenSSL.
NOT_FOR_THE_FIRST_WINDOWS = ("xaapp.rules", "logging.handlers", "hashlib")


def run_child(script: str, *args: str, timeout: float = 120) -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", script, *args], capture_output=True, text=True, env=env, timeout=timeout
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


IMPORTS = """
import json, sys
import xaapp.cli, xaapp.app, xaapp.ui.main_window, xaapp.ui.households.page, xaapp.ui.accounts.login_dialog
xaapp.cli.build_parser()
print(json.dumps(sorted(sys.modules)))
"""


def loaded(modules: list[str], names: tuple[str, ...]) -> list[str]:
    return [m for m in modules if any(m == n or m.startswith(n + ".") for n in names)]


def test_start_up_modules_load_no_excel_forms_engine_server_or_database_code() -> None:
    modules = run_child(IMPORTS)
    assert loaded(modules, LATER) == []
    assert loaded(modules, ("sqlalchemy", "xaapp.storage")) == []  # opened on a worker after the window
    assert loaded(modules, NOT_FOR_THE_FIRST_WINDOWS) == []
    assert "PySide6.QtWidgets" in modules


START = """
import json, os, sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from xaapp.app import DesktopApp
from xaapp.config import AppConfig

folder = Path(sys.argv[1])
app = DesktopApp(AppConfig(folder, folder / "logs"))
seen = {}

def ok_button(dialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)

def watch():
    dialog = QApplication.activeModalWidget()
    if dialog is not None and not hasattr(dialog, "password"):  # not the login: stop, and say what it was
        print(json.dumps({"unexpected": type(dialog).__name__}), flush=True)
        os._exit(3)
    if dialog is not None:
        seen.setdefault("ok_at_first", ok_button(dialog).isEnabled())
        if ok_button(dialog).isEnabled():
            seen["commune"] = dialog.commune.text()
            dialog.username.setText("thu")
            dialog.password.setText(sys.argv[2])
            ok_button(dialog).click()
            return
    QTimer.singleShot(20, watch)

QTimer.singleShot(0, watch)
if not app.open():
    raise SystemExit("start-up did not reach the main window")
seen["at_main_window"] = sorted(sys.modules)
page = app.window.households
def loaded(n):
    seen["households"] = n
    seen["title"] = app.window.windowTitle()
    app.qt.quit()
page.sig_loaded.connect(loaded)
QTimer.singleShot(60000, app.qt.quit)
app.qt.exec()
seen["at_end"] = sorted(sys.modules)
app.runner.shutdown()
print(json.dumps(seen))
"""


def installed(demo_template: Path, tmp_path: Path) -> Path:
    """The demo commune with its administrator (set-up done), as an officer's laptop has it."""
    from xaapp.domain.roles import Role
    from xaapp.services.accounts import create_user
    from xaapp.storage.db import open_database

    folder = tmp_path / "data"
    shutil.copytree(demo_template, folder)
    db = open_database(folder)
    create_user(db, "admin", "Hà Văn Tuấn", "mat-khau-quan-tri", Role.ADMIN)
    from xaapp.services.review_check import remember_rules, rules_fingerprint

    remember_rules(db, rules_fingerprint())  # checked at an earlier start: no rule-change check runs now
    db.close()
    return folder


def test_login_comes_before_the_data_file_then_the_main_window_fills_its_list(
    demo_template: Path, tmp_path: Path
) -> None:
    folder = installed(demo_template, tmp_path)
    seen = run_child(START, str(folder), PASSWORD)
    assert seen["ok_at_first"] is False  # the login window was up before the file was open
    assert "Bá Thước" in seen["commune"]  # then it named the commune, read from the file
    assert seen["households"] == 300 and seen["title"].endswith("DỮ LIỆU MẪU")
    assert loaded(seen["at_main_window"], LATER) == []
    assert loaded(seen["at_end"], LATER) == []  # the list and its search index did not need them either
    assert (folder / "ui.ini").read_text().count("Bá Thước") == 1  # remembered for the next start's login


def test_the_next_start_names_the_commune_before_the_file_is_open(
    demo_template: Path, tmp_path: Path
) -> None:
    folder = installed(demo_template, tmp_path)
    run_child(START, str(folder), PASSWORD)
    script = START.replace(
        'seen.setdefault("ok_at_first"',
        'seen.setdefault("first_label", dialog.commune.text()); seen.setdefault("ok_at_first"',
    )
    seen = run_child(script, str(folder), PASSWORD)
    assert seen["ok_at_first"] is False and "Bá Thước" in seen["first_label"]
