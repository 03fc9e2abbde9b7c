"""Issue 14, layout: the app on a 1366×768 laptop — every screen usable at 1280×680 with no header or label
cut and no sideways scrolling, a resizable window that comes back at its size, finalised forms readable."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSettings
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from sqlalchemy import select

from xaapp.services import reviews
from xaapp.services.reviews import record_step, review_list
from xaapp.storage.db import Database
from xaapp.storage.orm import PovertyReview
from xaapp.ui.fonts import load_fonts
from xaapp.ui.i18n import install_language
from xaapp.ui.interview.review_dialog import ReviewDialog
from xaapp.ui.main_window import MainWindow
from xaapp.ui.shortcuts import fit_window, save_window
from xaapp.ui.tasks import InlineTaskRunner

from .layout_checks import layout_problems

pytestmark = pytest.mark.gui
LAPTOP = (1280, 680)


@pytest.fixture
def app_font():
    """The app's own font (Noto Sans 10 pt, loaded at start-up), as the officer sees it."""
    app = QApplication.instance()
    before = app.font()
    load_fonts(app)
    yield
    app.setFont(before)


def _window(qtbot, db: Database, officer, settings: Path) -> MainWindow:
    window = MainWindow(
        db, InlineTaskRunner(), officer, "Xã Bá Thước", True, settings, install_language("vi")
    )
    qtbot.addWidget(window)
    window.show()
    return window


def _recognise_one(db: Database, year: int) -> None:
    """One household of the year with every step and a decision number (the widest row of the list)."""
    row = next(r for r in review_list(db, year) if r.meeting_on is not None and r.posted_on is None)
    record_step(db, row.review_id, "posted", row.meeting_on + dt.timedelta(days=3))
    record_step(
        db, row.review_id, "recognised", row.meeting_on + dt.timedelta(days=20), decision_no="125/QĐ-UBND"
    )


def test_every_screen_at_1280x680_shows_whole_headers_and_labels_without_sideways_scrolling(
    qtbot, demo_db: Database, officer, app_font, tmp_path: Path
) -> None:
    _recognise_one(demo_db, dt.date.today().year)
    window = _window(qtbot, demo_db, officer, tmp_path / "ui.ini")
    window.resize(*LAPTOP)
    qtbot.waitUntil(lambda: (window.width(), window.height()) == LAPTOP)  # not held wider by a layout
    for row in range(window.nav.count()):
        window.nav.setCurrentRow(row)
        assert layout_problems(window) == [], window.nav.item(row).text()

    # The household view and the household form on the same laptop.
    page = window.households
    window.nav.setCurrentRow(0)
    page.table.setCurrentIndex(page.proxy.index(0, 0))
    page.open_selected()
    assert layout_problems(page.detail_dialog) == []
    page.detail_dialog.close()
    page.review_selected()
    dialog = page.review_dialog
    dialog.resize(*LAPTOP)
    dialog.view.go_to_member(1)
    assert layout_problems(dialog.view) == []  # the roster's "Quan hệ với chủ hộ" whole
    dialog.close()


class _OnLaptop(QWidget):
    """A window on a 1366×768 screen less a 40-pixel task bar (the offscreen test screen is 800×800)."""

    def screen(self):  # noqa: ANN201 (fit_window asks the window for its screen)
        return _LaptopScreen()


class _LaptopScreen:
    def availableGeometry(self) -> QRect:  # noqa: N802 (Qt's name)
        return QRect(0, 0, 1366, 728)


def test_the_window_opens_within_a_laptop_screen_and_a_saved_size_comes_back_within_it(
    tmp_path: Path,
) -> None:
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    first = _OnLaptop()
    fit_window(first, settings)  # first start: 1280 wide, as tall as the screen allows (not 720)
    assert first.width() == 1280 and first.height() <= 728 - 30
    first.resize(1100, 640)
    save_window(first, settings)
    again = _OnLaptop()
    fit_window(again, settings)
    assert (again.width(), again.height()) == (1100, 640)
    big = _OnLaptop()
    big.resize(1900, 1000)  # left that size on a large monitor, opened on the laptop
    save_window(big, settings)
    small = _OnLaptop()
    fit_window(small, settings)
    assert small.width() <= 1366 and small.height() <= 728 - 30


def test_the_main_window_is_resizable_and_comes_back_at_its_size(
    qtbot, demo_db: Database, officer, tmp_path: Path
) -> None:
    settings = tmp_path / "ui.ini"
    window = _window(qtbot, demo_db, officer, settings)
    free = window.screen().availableGeometry()
    assert window.frameGeometry().height() <= free.height()
    assert window.minimumSizeHint().width() <= LAPTOP[0] and window.minimumSizeHint().height() <= LAPTOP[1]
    width = window.width()
    window.resize(width, 560)
    qtbot.waitUntil(lambda: window.height() == 560)
    window.close()
    again = _window(qtbot, demo_db, officer, settings)
    assert (again.width(), again.height()) == (width, 560)


def _darkest(image: QImage) -> int:
    return min(
        QColor(image.pixel(x, y)).lightness() for x in range(image.width()) for y in range(image.height())
    )


def test_a_finalised_form_is_read_in_the_normal_text_colour(qtbot, demo_db: Database) -> None:
    with demo_db.read() as s:
        review = s.scalars(select(PovertyReview).where(PovertyReview.status == "final")).first()
        household, year = review.household_id, review.review_year
    install_language("vi")
    dialog = ReviewDialog(demo_db, InlineTaskRunner(), reviews.open_review(demo_db, household, year), "thu")
    qtbot.addWidget(dialog)
    dialog.show()
    view = dialog.view
    assert view.read_only
    view.go_to_path("general/village")
    field = view.editors["general/village"].widget
    assert isinstance(field, QLineEdit) and not field.isEnabled()  # read-only: nothing can be typed
    read_only_ink = _darkest(field.grab().toImage())
    editable = QLineEdit(field.text())
    qtbot.addWidget(editable)
    editable.resize(field.size())
    editable.show()
    assert read_only_ink <= _darkest(editable.grab().toImage()) + 10  # as dark as an answer being typed
    assert read_only_ink < 60
