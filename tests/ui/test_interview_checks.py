"""The household form's input checks as an officer meets them while typing (issue 10, part B):
refused text never feeds the result panel, personal IDs are checked against the member, impossible
and future dates are named and give no age, money is typed and shown as 12.000.000."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit" / "forms_engine"))

from forms_household import HEAD, SON_10, SPOUSE, fill_household, new_session  # noqa: E402

from xaapp.services import reviews  # noqa: E402
from xaapp.storage.db import Database  # noqa: E402
from xaapp.storage.orm import PovertyReview, Village  # noqa: E402
from xaapp.ui.i18n import install_language  # noqa: E402
from xaapp.ui.interview.review_dialog import ReviewDialog  # noqa: E402
from xaapp.ui.interview.roster import roster_rows  # noqa: E402
from xaapp.ui.tasks import InlineTaskRunner  # noqa: E402

pytestmark = pytest.mark.gui


def type_text(widget, text: str) -> None:
    for ch in text:
        QApplication.sendEvent(
            widget, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
        )


def open_household(qtbot, db: Database, members: list[dict] | None = None) -> ReviewDialog:
    """A saved draft of a complete 3-member household, opened in the review window."""
    with db.read() as s:
        village = s.query(Village).order_by(Village.id).first()
        vid, vname = village.id, village.name
    session = fill_household(new_session(), members or [HEAD, SPOUSE, SON_10])
    session.answer("general/village", vname)
    saved = reviews.save_review(db, reviews.new_household_record(vid, 2026), session.to_json()["instance"])
    install_language("vi")
    dialog = ReviewDialog(db, InlineTaskRunner(), reviews.open_review(db, saved.household_id, 2026), "thu")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def retype(view, path: str, text: str) -> QLineEdit:
    view.go_to_path(path)
    field = QApplication.focusWidget()
    assert isinstance(field, QLineEdit) and field is view.editors[path].focus_widget()
    field.selectAll()
    type_text(field, text)
    return field


def test_a_refused_income_feeds_no_result_and_blocks_finalising(qtbot, demo_db: Database) -> None:
    dialog = open_household(qtbot, demo_db)
    view = dialog.view
    assert "Phân loại:" in view.summary.text()  # classified before the change
    field = retype(view, "income/income_wages", "12 trieu")
    assert view.message_for("income/income_wages").startswith("«12 trieu» không phải số tiền")
    assert field.text() == "12 trieu"  # kept on screen to fix
    instance = view.session.to_json()["instance"]
    assert instance["income"].get("income_wages") is None  # not 12, typed on the way
    assert instance["income_per_capita"] is None
    assert "Phân loại:" not in view.summary.text() and "Hộ nghèo" not in view.summary.text()
    assert "Thu nhập bình quân" not in view.summary.text()  # no "… 0 đ"
    qtbot.keyClick(field, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.banner.text().startswith("Chưa thể hoàn tất phiếu: còn 1 câu")
    assert "«12 trieu» không phải số tiền" in dialog.banner.text()
    with demo_db.read() as s:
        assert s.get(PovertyReview, dialog.record.review_id).status == "draft"
    dialog.save_now()
    again = ReviewDialog(
        demo_db, InlineTaskRunner(), reviews.open_review(demo_db, dialog.record.household_id, 2026), "thu"
    )
    qtbot.addWidget(again)
    again.view.go_to_path("income/income_wages")
    assert again.view.editors["income/income_wages"].widget.text() == "12 trieu"  # the draft kept it
    assert again.view.message_for("income/income_wages").startswith("«12 trieu»")


def test_money_is_typed_grouped_or_plain_and_shown_with_dots(qtbot, demo_db: Database) -> None:
    dialog = open_household(qtbot, demo_db)
    view = dialog.view
    for typed in ("12000000", "12,000,000", "12 000 000", "12.000.000"):
        field = retype(view, "income/income_wages", typed)
        assert view.message_for("income/income_wages") == "", typed
        assert view.session.value("income/income_wages") == 12_000_000
        qtbot.keyClick(field, Qt.Key.Key_Tab)  # leave the field
        assert field.text() == "12.000.000", typed
    field = retype(view, "income/income_wages", "12,5")
    assert "không có phần lẻ" in view.message_for("income/income_wages")
    assert view.session.value("income/income_wages") is None
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert field.text() == "12,5"


def test_a_personal_id_of_a_woman_born_1979_is_refused_for_a_man_born_1978(qtbot, demo_db: Database) -> None:
    man = {**HEAD, "dob": "1978-04-12", "personal_id": "038078001234"}
    dialog = open_household(qtbot, demo_db, [man, SPOUSE, SON_10])
    view = dialog.view
    field = retype(view, "members[1]/personal_id", "03817900123")
    assert "12 chữ số" in view.message_for("members[1]/personal_id")  # the shape, while typing
    type_text(field, "4")
    assert view.message_for("members[1]/personal_id") == (
        "Số định danh 038179001234 ghi nữ, sinh năm 1979; thành viên này là nam, sinh năm 1978."
    )
    qtbot.keyClick(field, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert "Số định danh 038179001234 ghi nữ" in dialog.banner.text()
    assert dialog.record.status == "draft"
    with demo_db.read() as s:
        assert s.get(PovertyReview, dialog.record.review_id).status == "draft"
    retype(view, "members[1]/personal_id", "038078001234")
    assert view.message_for("members[1]/personal_id") == ""
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.record.status == "final", dialog.banner.text()


def test_impossible_and_future_birth_dates_are_named_and_give_no_age(qtbot, demo_db: Database) -> None:
    dialog = open_household(qtbot, demo_db)
    view = dialog.view
    field = retype(view, "members[3]/dob", "31/02/1980")
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert view.message_for("members[3]/dob") == "Ngày 31/02/1980 không có: tháng 2/1980 có 29 ngày."
    assert roster_rows(view.session)[2].age is None
    assert view.roster_model.index(2, 5).data() == ""
    field = retype(view, "members[3]/dob", "05/01/2099")
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert view.message_for("members[3]/dob").startswith("Ngày sinh không được sau hôm nay")
    assert view.session.text("members[3]/age") == ""  # not -1
    assert view.roster_model.index(2, 5).data() == ""
    assert "Phân loại:" not in view.summary.text()  # the age-based deprivations are unknown
    field = retype(view, "members[3]/dob", "11/02/2016")
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert view.message_for("members[3]/dob") == "" and view.session.value("members[3]/age") == 10
    assert "Phân loại:" in view.summary.text()
