"""Opening a household's review form from a list: the window fits the laptop's screen and its title
names the household it is for (head and village; "hộ mới" before the head is named).

Thread contract: UI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from xaapp.services.reviews import ReviewRecord
from xaapp.storage.db import Database
from xaapp.ui.interview.review_dialog import ReviewDialog
from xaapp.ui.shortcuts import fit_to_screen
from xaapp.ui.tasks import Runner


def household_title(head: str, village: str) -> str:
    who = head or QCoreApplication.translate("ReviewWindow", "hộ mới")
    return f"{who} ({village})" if village else who


def open_review_window(
    db: Database, runner: Runner, record: ReviewRecord, actor: str, village: str, parent: QWidget
) -> ReviewDialog:
    dialog = ReviewDialog(db, runner, record, actor, village, parent)
    fit_to_screen(dialog)  # a 1366×768 laptop has less than the form's 700 pixels of height
    session = dialog.session
    head = str(session.value("general/head_name") or "")
    place = str(session.value("general/village") or village)
    dialog.setWindowTitle(f"{dialog.windowTitle()} – {household_title(head, place)}")
    return dialog
