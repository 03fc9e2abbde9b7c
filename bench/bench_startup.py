"""Foundation benchmarks: demo generation rate, and cold start to a usable main window (offscreen).

"Usable" means the window is shown and the household list of the demo commune has arrived from the
background loader. Measured from process launch, in a fresh interpreter, so imports count.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import Result

ROOT = Path(__file__).resolve().parents[1]

CHILD = """
import os, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from pathlib import Path
from PySide6.QtWidgets import QApplication
from xaapp.services.accounts import list_users
from xaapp.storage.db import open_database
from xaapp.ui.fonts import load_fonts
from xaapp.ui.i18n import install_language
from xaapp.ui.main_window import MainWindow
from xaapp.ui.tasks import TaskRunner

app = QApplication([])
load_fonts(app)
language = install_language("vi")
db = open_database(Path(sys.argv[1]))
runner = TaskRunner()
window = MainWindow(db, runner, list_users(db)[0], "Xã Bá Thước", True, Path(sys.argv[1]) / "ui.ini", language)
window.households.sig_loaded.connect(lambda n: (print("ready", n, flush=True), app.quit()))
window.show()
app.exec()
runner.shutdown()
"""


def _demo(folder: Path, households: int) -> float:
    from xaapp.domain.roles import Role
    from xaapp.services.accounts import create_user
    from xaapp.services.demo import generate_demo
    from xaapp.storage.db import open_database

    db = open_database(folder)
    started = time.perf_counter()
    generate_demo(db, households=households, seed=1)
    elapsed = time.perf_counter() - started
    create_user(db, "bench", "Đo hiệu năng", "bench-password", Role.OFFICER)
    db.close()
    return elapsed


def _cold_start(folder: Path) -> float:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "QT_QPA_PLATFORM": "offscreen"}
    started = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(folder)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=True,
    ).stdout
    elapsed = time.perf_counter() - started
    if "ready" not in out:
        raise RuntimeError(f"main window did not report ready: {out!r}")
    return elapsed


def run(quick: bool) -> list[Result]:
    households = 2000 if quick else 20000
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        gen = _demo(folder, households)
        starts = sorted(_cold_start(folder) for _ in range(1 if quick else 3))
    return [
        Result(
            "foundation",
            f"demo commune, {households:,} households",
            gen,
            "s",
            "<= 30 s at 20,000",
            gen <= 30 * households / 20000,
        ),
        Result("foundation", "demo generation rate", households / gen, "households/s"),
        Result(
            "foundation",
            f"cold start to usable main window ({households:,} households, median)",
            starts[len(starts) // 2],
            "s",
            note="offscreen; fresh interpreter, imports included",
        ),
    ]
