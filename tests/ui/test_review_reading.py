"""Opening a review in the window and closing it with Esc, nothing edited, writes nothing (issue 10)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from support.db_dump import dump_changes, dump_database  # noqa: E402
from xaapp.services import reviews  # noqa: E402
from xaapp.storage.db import Database  # noqa: E402
from xaapp.ui.i18n import install_language  # noqa: E402
from xaapp.ui.interview.review_dialog import ReviewDialog  # noqa: E402
from xaapp.ui.main_window import MainWindow  # noqa: E402
from xaapp.ui.tasks import InlineTaskRunner  # noqa: E402

pytestmark = pytest.mark.gui


def main_window(qtbot, db: Database, officer) -> MainWindow:
    window = MainWindow(
        db,
        InlineTaskRunner(),
        officer,
        "Xã Bá Thước",
        True,
        db.path.parent / "ui.ini",
        install_language("vi"),
    )
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


@pytest.mark.parametrize("row", [0, 1, 2, 3, 4, 5])
def test_ctrl_r_then_esc_on_a_demo_household_leaves_the_database_as_it_was(
    qtbot, demo_db: Database, officer, row: int
) -> None:
    window = main_window(qtbot, demo_db, officer)
    page = window.households
    before = dump_database(demo_db.path)
    page.table.setFocus()
    page.table.setCurrentIndex(page.proxy.index(row, 0))
    qtbot.keyClick(page.table, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: getattr(page, "review_dialog", None) is not None)
    dialog = page.review_dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    qtbot.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    after = dump_database(demo_db.path)
    assert dump_changes(before, after) == {}
    assert after == before


@pytest.fixture(scope="module")
def every_kind(tmp_path_factory: pytest.TempPathFactory):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit" / "services"))
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit" / "forms_engine"))
    from test_reading_never_writes import build

    return build(tmp_path_factory.mktemp("kinds"))


def test_the_review_window_opened_and_closed_on_every_kind_of_review_writes_nothing(
    qtbot, every_kind
) -> None:
    db, kinds = every_kind
    install_language("vi")
    for kind in kinds:
        before = dump_database(db.path)
        record = reviews.open_review(db, kind.household_id, kind.year, actor="thu")
        dialog = ReviewDialog(db, InlineTaskRunner(), record, "thu")
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(lambda d=dialog: QApplication.activeWindow() is d)
        dialog.view.go_to_page(len(dialog.view.pages()) - 1)  # paging through saves only what changed
        qtbot.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda d=dialog: not d.isVisible())
        assert dump_changes(before, dump_database(db.path)) == {}, kind.name
