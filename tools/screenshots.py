"""Render the main screens offscreen into docs/screenshots/ (a demo commune in a temporary folder).

Usage: ``.venv/bin/python tools/screenshots.py``
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
OUT = ROOT / "docs" / "screenshots"


def main() -> int:
    from PySide6.QtWidgets import QApplication

    from xaapp.domain.roles import Role
    from xaapp.services.accounts import create_user
    from xaapp.services.demo import generate_demo
    from xaapp.storage.db import open_database
    from xaapp.ui.accounts.setup_dialog import SetupDialog
    from xaapp.ui.fonts import load_fonts
    from xaapp.ui.i18n import install_language
    from xaapp.ui.main_window import MainWindow
    from xaapp.ui.tasks import InlineTaskRunner

    app = QApplication([])
    load_fonts(app)
    language = install_language("vi")
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        fresh = open_database(Path(tmp) / "fresh")
        setup = SetupDialog(fresh)
        setup.unit_search.setText("thieu")
        setup.resize(520, 640)
        setup.show()
        app.processEvents()
        setup.grab().save(str(OUT / "first_run_setup.png"))

        db = open_database(Path(tmp) / "demo")
        generate_demo(db, households=2000, seed=1)
        user = create_user(db, "thu", "Lê Thị Thu", "mat-khau-1", Role.OFFICER)
        window = MainWindow(db, InlineTaskRunner(), user, "Xã Bá Thước", True, Path(tmp) / "ui.ini", language)
        window.resize(1366, 768)
        window.show()
        window.households.search.setText("hà thị")
        app.processEvents()
        window.grab().save(str(OUT / "main_window.png"))
        for row, name in ((1, "beneficiaries"), (2, "reviews")):
            window.nav.setCurrentRow(row)
            app.processEvents()
            window.grab().save(str(OUT / f"{name}.png"))
        window.close()
    print("\n".join(str(p) for p in sorted(OUT.glob("*.png"))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
