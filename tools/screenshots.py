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
        _form_screens(app, window)
        window.close()
    print("\n".join(str(p) for p in sorted(OUT.glob("*.png"))))
    return 0


def _form_screens(app, window) -> None:
    """The household form (a member's page under the roster, then the income page with the
    classification) and a social-assistance intake with its monthly amount."""
    from sqlalchemy import select

    from xaapp.storage.orm import Beneficiary, Person
    from xaapp.ui.models.household_table import RowRole

    page = window.households
    window.nav.setCurrentRow(0)
    page.search.setText("")
    draft = next(
        r for r in range(page.proxy.rowCount()) if page.proxy.index(r, 0).data(RowRole).step == "listed"
    )
    page.table.setCurrentIndex(page.proxy.index(draft, 0))
    page.review_selected()
    dialog = page.review_dialog
    dialog.resize(1366, 740)
    dialog.show()
    dialog.view.go_to_member(2)
    app.processEvents()
    dialog.grab().save(str(OUT / "household_form_member.png"))
    for path, value in (
        ("general/area_type", "rural"), ("housing/wall_durable", "no"), ("housing/column_durable", "yes"),
        ("housing/roof_durable", "no"), ("housing/living_area", 24), ("housing/water_source", "surface"),
        ("housing/latrine", "simple_pit"), ("income/income_method", "per_capita"), ("income/income_farming", 20000000),
    ):  # fmt: skip
        dialog.view._answered(path, value)
    dialog.view.go_to_path("income/income_farming")
    app.processEvents()
    dialog.grab().save(str(OUT / "household_form_income.png"))
    dialog.close()

    benef = window.beneficiaries
    with window._db.read() as s:
        taken = set(s.scalars(select(Beneficiary.person_id)))
        person = next(p for p in s.scalars(select(Person).order_by(Person.id)) if p.id not in taken and p.dob)
    benef.start_intake(person.id)
    intake = benef.intake_dialog
    intake.resize(1366, 700)
    for path, value in (
        ("applicant/ethnicity", "muong"), ("category_group/categories", ["c5_6"]),
        ("category_group/household_poverty", "poor"), ("conditions/disability_level", "extremely_severe"),
        ("conditions/disability_certificate_date", "10/05/2026"), ("payment/effective_month", "01/12/2026"),
    ):  # fmt: skip
        intake.view._answered(path, value)
    intake.view.go_to_page(1)
    app.processEvents()
    intake.grab().save(str(OUT / "intake.png"))
    intake.close()


if __name__ == "__main__":
    raise SystemExit(main())
