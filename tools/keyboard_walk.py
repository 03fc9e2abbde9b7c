"""Scripted keyboard walk: enter a household through the household form with keys only, count keystrokes.

Runs offscreen on a small demo commune: Ctrl+N on the household list opens the form, then for the
field that has the cursor it types the answer and moves on: text as an input method commits it,
then Enter; a date as its eight digits (12041978), then Enter; a choice as the digit of its answer,
which moves on by itself; a multiple choice as the digit of each answer to tick, then Enter; a
field already holding the answer (a default, member 1 named after the head) takes only Enter.
Ctrl+M adds each member; Ctrl+Enter finalises. It prints the keystrokes used per field and in total.

    .venv/bin/python tools/keyboard_walk.py            # the 5-person household below
    .venv/bin/python tools/keyboard_walk.py --members 3

``walk()`` is also what tests/ui/test_interview_keyboard.py drives.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from PySide6.QtCore import QEvent, Qt  # noqa: E402
from PySide6.QtGui import QKeyEvent  # noqa: E402
from PySide6.QtWidgets import QApplication, QCheckBox, QWidget  # noqa: E402

MEMBERS_5: list[dict[str, Any]] = [
    {"full_name": "Hà Văn Thạch", "sex": "male", "dob": "12/04/1978", "ethnicity": "muong",
     "personal_id": "038078001234", "relationship": "head", "education_level": "lower_secondary",
     "health_insurance": "yes", "work_status": "self_farm"},
    {"full_name": "Bùi Thị Nguyệt", "sex": "female", "dob": "03/09/1981", "ethnicity": "muong",
     "relationship": "spouse", "education_level": "primary", "health_insurance": "no", "work_status": "self_farm"},
    {"full_name": "Hà Thị Hường", "sex": "female", "dob": "20/01/2008", "ethnicity": "muong",
     "relationship": "child", "in_school": "yes", "education_level": "lower_secondary", "health_insurance": "yes",
     "work_status": "not_working"},
    {"full_name": "Hà Văn Đức", "sex": "male", "dob": "15/06/2016", "ethnicity": "muong",
     "relationship": "child", "in_school": "yes", "health_insurance": "yes", "malnourished": "no"},
    {"full_name": "Hà Thị Ánh", "sex": "female", "dob": "02/02/1950", "ethnicity": "muong",
     "relationship": "parent", "education_level": "none", "health_insurance": "yes", "work_status": "not_working"},
]  # fmt: skip
HOUSEHOLD: dict[str, Any] = {
    "area_type": "rural", "head_name": "Hà Văn Thạch", "phone": "0987654321",
    "wall_durable": "no", "column_durable": "yes", "roof_durable": "no", "living_area": "30",
    "water_source": "unprotected_spring", "latrine": "simple_pit", "telecom_use": "yes", "info_devices": ["radio"],
    "income_method": "per_capita", "income_farming": "30000000", "income_wages": "12000000",
    "poverty_causes": ["no_capital", "no_skills"], "has_merit": "no", "social_protection": "no",
}  # fmt: skip


@dataclass
class WalkReport:
    keystrokes: dict[str, int] = field(default_factory=dict)  # field path → keys used there
    total: int = 0

    def count(self, path: str, keys: int = 1) -> None:
        self.keystrokes[path] = self.keystrokes.get(path, 0) + keys
        self.total += keys

    def table(self) -> str:
        width = max((len(p) for p in self.keystrokes), default=10)
        lines = [f"{'field'.ljust(width)}  keys", f"{'-' * width}  ----"]
        lines += [f"{p.ljust(width)}  {n:4d}" for p, n in self.keystrokes.items()]
        lines.append(f"{'total'.ljust(width)}  {self.total:4d}")
        return "\n".join(lines)


def press(
    widget: QWidget, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    from PySide6.QtTest import QTest

    QTest.keyClick(widget, key, modifiers)


def type_text(widget: QWidget, text: str) -> None:
    """Type as an input method commits text (QTest.keyClicks aborts on non-ASCII characters)."""
    for ch in text:
        QApplication.sendEvent(
            widget, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
        )


def _answer_for(path: str, household: Mapping[str, Any], members: list[Mapping[str, Any]]) -> Any:
    name = path.split("/")[-1].split(":")[0]
    if path.startswith("members["):
        index = int(path[len("members[") : path.index("]")])
        return members[index - 1].get(name) if index <= len(members) else None
    return household.get(name)


def walk(
    dialog: Any, household: Mapping[str, Any], members: list[Mapping[str, Any]], limit: int = 2000
) -> WalkReport:
    """Fill *dialog* (a ReviewDialog) by keyboard only; returns the keystrokes per field."""
    view = dialog.view
    report = WalkReport()
    added = 0
    for _ in range(limit):
        QApplication.processEvents()
        focus = QApplication.focusWidget()
        path = view._focused_path()
        in_member = path.startswith(f"members[{added}]") if added else False
        if (
            added < len(members)
            and not in_member
            and (path == "" or view._top_index(path) > view._top_index("members"))
        ):
            press(focus or view, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
            added += 1
            report.count(f"members[{added}] (Ctrl+M)")
            continue
        if not path:
            if view.session.is_complete():
                break
            press(focus or view, Qt.Key.Key_PageDown)
            report.count("(next page)")
            continue
        assert focus is not None
        value = _answer_for(path, household, members)
        editor = view.editors[path]
        if isinstance(focus, QCheckBox):
            # A multiple choice: the digit of each answer ticks its box, Enter goes to the next question.
            names = list(editor._boxes)
            for choice in value or ():
                if not editor._boxes[choice].isChecked():
                    type_text(QApplication.focusWidget(), str(names.index(choice) + 1))
                    report.count(path)
            press(QApplication.focusWidget(), Qt.Key.Key_Return)
            report.count(path)
            continue
        question = view.session.question(path)
        if value is not None and question.type == "select_one" and question.value != value:
            # The digit of the answer picks it and moves on: one key.
            number = [c.name for c in question.choices].index(value) + 1
            type_text(focus, str(number))
            report.count(path)
            continue
        if value is not None and question.value in (None, ""):
            text = str(value).replace("/", "") if question.type == "date" else str(value)
            type_text(focus, text)
            report.count(path, len(text))
        before = (path, view.index)
        press(focus, Qt.Key.Key_Return)
        report.count(path)
        if (view._focused_path(), view.index) == before and view.index == len(view.pages()) - 1:
            if view.session.is_complete():
                break
        del editor
    press(QApplication.focusWidget() or view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    report.count("(finalise Ctrl+Enter)")
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=5, help="how many of the 5 sample members to enter")
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication([])
    from xaapp.services.demo import generate_demo
    from xaapp.storage.db import open_database
    from xaapp.ui.households.page import HouseholdsPage
    from xaapp.ui.i18n import install_language
    from xaapp.ui.tasks import InlineTaskRunner

    install_language("vi")
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(Path(tmp))
        generate_demo(db, households=30, seed=5)
        page = HouseholdsPage(db, InlineTaskRunner())
        page.show()
        page.reload()
        page.village_box.setCurrentIndex(1)
        page.new_household()
        dialog = page.review_dialog
        dialog.show()
        report = walk(dialog, HOUSEHOLD, MEMBERS_5[: args.members])
        print(report.table())
        print(dialog.banner.text())
        dialog.close()
        db.close()
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
