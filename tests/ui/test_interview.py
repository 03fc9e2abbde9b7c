"""The form renderer and the review window: validation messages, finalising, drafts and resume,
edits of final reviews with a reason, the roster, NFC input, form-version changes, the real runner."""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit" / "forms_engine"))

from forms_household import HEAD, SON_10, SPOUSE, fill_household, new_session  # noqa: E402

from xaapp.services import reviews  # noqa: E402
from xaapp.storage.db import Database  # noqa: E402
from xaapp.storage.orm import AuditEntry, PovertyReview, Village  # noqa: E402
from xaapp.ui.i18n import install_language  # noqa: E402
from xaapp.ui.interview.review_dialog import ReviewDialog  # noqa: E402
from xaapp.ui.interview.roster import RosterTableModel, roster_rows  # noqa: E402
from xaapp.ui.tasks import InlineTaskRunner, TaskRunner  # noqa: E402

pytestmark = pytest.mark.gui


def type_text(widget, text: str) -> None:
    widget.setFocus()
    for ch in text:
        QApplication.sendEvent(
            widget, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
        )


def village(db: Database) -> tuple[int, str]:
    with db.read() as s:
        v = s.scalars(select(Village).order_by(Village.id)).first()
        return v.id, v.name


def open_dialog(qtbot, db: Database, record, runner=None, name: str = "") -> ReviewDialog:
    install_language("vi")
    dialog = ReviewDialog(db, runner or InlineTaskRunner(), record, "thu", name)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def complete_instance(village_name: str) -> dict:
    session = fill_household(new_session(), [HEAD, SPOUSE, SON_10])
    session.answer("general/village", village_name)
    assert session.is_complete(), session.all_issues()
    return session.to_json()["instance"]


def test_a_required_field_blocks_finalising_with_a_vietnamese_message_beside_it(
    qtbot, demo_db: Database
) -> None:
    vid, vname = village(demo_db)
    instance = complete_instance(vname)
    del instance["housing"]["latrine"]
    saved = reviews.save_review(demo_db, reviews.new_household_record(vid, 2026), instance)
    dialog = open_dialog(qtbot, demo_db, reviews.open_review(demo_db, saved.household_id, 2026))
    assert dialog.view.message_for("housing/latrine") == ""  # not nagging before the officer gets there
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.banner.text().startswith("Chưa thể hoàn tất phiếu: còn 1 câu chưa trả lời hoặc chưa đúng.")
    assert "Loại nhà tiêu đang sử dụng" in dialog.banner.text()
    assert dialog.view.message_for("housing/latrine") == "Câu hỏi này bắt buộc phải trả lời."
    assert dialog.view.current_path() == "housing/latrine"  # the cursor is on the field to fix
    with demo_db.read() as s:
        assert s.get(PovertyReview, saved.review_id).status == "draft"
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_1)  # "1. Tự hoại", and on to the next question
    assert dialog.view.session.value("housing/latrine") == "septic"
    assert dialog.view.current_path() == "information/telecom_use"
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.record.status == "final" and "Đã hoàn tất phiếu" in dialog.banner.text()
    dialog.view.go_to_path("housing/latrine")
    assert not dialog.view.editors["housing/latrine"].widget.isEnabled()  # a final review is read-only


def test_a_draft_is_autosaved_and_reopens_at_the_same_field(qtbot, demo_db: Database) -> None:
    vid, vname = village(demo_db)
    dialog = open_dialog(qtbot, demo_db, reviews.new_household_record(vid, 2026), name=vname)
    view = dialog.view
    view.go_to_path("general/head_name")
    type_text(QApplication.focusWidget(), "Lò Văn Páo")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_PageDown)
    qtbot.keyClick(view, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget().text() == "Lò Văn Páo"  # member 1 is the head, named once
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_1)  # "1. Nam", and on to the next question
    assert view.current_path() == "members[1]/dob"
    qtbot.waitUntil(
        lambda: dialog.record.review_id is not None and not dialog._dirty, timeout=3000
    )  # autosave
    record = dialog.record
    dialog.close()
    again = reviews.open_review(demo_db, record.household_id, 2026)
    assert again.cursor == "members[1]/dob" and again.status == "draft"
    reopened = open_dialog(qtbot, demo_db, again)
    assert reopened.view.current_path() == "members[1]/dob"
    assert QApplication.focusWidget() is reopened.view.editors["members[1]/dob"].focus_widget()
    assert reopened.view.session.value("members[1]/full_name") == "Lò Văn Páo"


def test_an_edit_after_finalising_asks_for_a_reason_that_goes_to_the_audit_log(
    qtbot, demo_db: Database
) -> None:
    vid, vname = village(demo_db)
    saved = reviews.save_review(
        demo_db, reviews.new_household_record(vid, 2026), complete_instance(vname), finalise=True
    )
    dialog = open_dialog(qtbot, demo_db, reviews.open_review(demo_db, saved.household_id, 2026))
    assert dialog.edit_button.isVisible() and not dialog.finalise_button.isVisible()
    assert not dialog.start_edit("   ") and "Phải ghi lý do" in dialog.banner.text()
    assert dialog.start_edit("Sửa diện tích theo đo đạc lại")
    dialog.view.go_to_path("housing/living_area")
    field = QApplication.focusWidget()
    field.selectAll()
    qtbot.keyClicks(field, "45")
    dialog.save_now()
    assert "Đã lưu thay đổi (có ghi lý do)" in dialog.status.text()
    with demo_db.read() as s:
        review = s.get(PovertyReview, saved.review_id)
        assert review.status == "final" and review.answers["housing"]["living_area"] == 45
        entry = s.scalars(
            select(AuditEntry)
            .where(AuditEntry.entity_uuid == review.uuid, AuditEntry.field == "answers.housing")
            .order_by(AuditEntry.id.desc())
        ).first()
        assert entry.reason == "Sửa diện tích theo đo đạc lại" and entry.username == "thu"


def test_input_is_nfc_dates_are_dd_mm_yyyy_and_bad_dates_are_named(qtbot, demo_db: Database) -> None:
    vid, vname = village(demo_db)
    dialog = open_dialog(qtbot, demo_db, reviews.new_household_record(vid, 2026), name=vname)
    view = dialog.view
    view.go_to_path("general/head_name")
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Hồng")
    type_text(QApplication.focusWidget(), decomposed)
    assert view.session.value("general/head_name") == "Nguyễn Thị Hồng"
    assert unicodedata.is_normalized("NFC", view.session.value("general/head_name"))
    view.go_to_path("general/survey_date")
    date = QApplication.focusWidget()
    date.clear()
    qtbot.keyClicks(date, "31/02/2026")
    qtbot.keyClick(date, Qt.Key.Key_Return)
    assert view.message_for("general/survey_date")  # not a real date: said beside the field
    assert view.editors["general/survey_date"].widget.text() == "31/02/2026"  # and kept on screen to fix
    view.go_to_path("housing/living_area")
    area = QApplication.focusWidget()
    qtbot.keyClicks(area, "ba muoi")
    qtbot.keyClick(area, Qt.Key.Key_Return)
    assert view.message_for("housing/living_area") and area.text() == "ba muoi"
    assert view.session.value("housing/living_area") is None
    view.go_to_path("general/survey_date")
    date = QApplication.focusWidget()
    date.clear()
    qtbot.keyClicks(date, "05/11/2026")
    assert str(view.session.value("general/survey_date")) == "2026-11-05"
    assert view.message_for("general/survey_date") == ""


def test_the_roster_adds_reorders_and_removes_members_keeping_their_identity(
    qtbot, demo_db: Database
) -> None:
    vid, vname = village(demo_db)
    saved = reviews.save_review(demo_db, reviews.new_household_record(vid, 2026), complete_instance(vname))
    dialog = open_dialog(qtbot, demo_db, reviews.open_review(demo_db, saved.household_id, 2026))
    view = dialog.view
    ids = list(view.member_ids)
    view.go_to_member(2)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert [r.full_name for r in roster_rows(view.session)] == ["Phạm Thị Lan", "Lê Văn Hùng", "Lê Văn Nam"]
    assert view.member_ids == [ids[1], ids[0], ids[2]] and view.current_page().index == 1
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert view.session.repeat_count("members") == 4 and view.current_path() == "members[4]/full_name"
    view.remove_member(confirm=False)
    view.go_to_member(3)
    view.remove_member(confirm=False)
    assert [r.full_name for r in roster_rows(view.session)] == ["Phạm Thị Lan", "Lê Văn Hùng"]
    dialog.save_now()
    record = reviews.open_review(demo_db, saved.household_id, 2026)
    assert record.person_uuids == (ids[1], ids[0])


def test_a_draft_of_an_older_form_version_says_what_changed(qtbot, demo_db: Database) -> None:
    vid, vname = village(demo_db)
    instance = complete_instance(vname)
    instance["general"]["old_question"] = "x"
    saved = reviews.save_review(
        demo_db, reviews.new_household_record(vid, 2026), instance, form_version="2025010101"
    )
    record = reviews.open_review(demo_db, saved.household_id, 2026)
    assert record.form_version == "2025010101"
    dialog = open_dialog(qtbot, demo_db, record)
    assert dialog.notice.isVisible() and "phiên bản 2025010101" in dialog.notice.text()
    assert "general/old_question" in dialog.notice.text()
    assert dialog.form_version == reviews.current_form().version  # saved on the new version


def test_saving_through_the_real_task_runner_delivers_on_the_ui_thread(qtbot, demo_db: Database) -> None:
    vid, vname = village(demo_db)
    runner = TaskRunner()
    try:
        dialog = open_dialog(
            qtbot, demo_db, reviews.new_household_record(vid, 2026), runner=runner, name=vname
        )
        dialog.view.go_to_path("general/head_name")
        type_text(QApplication.focusWidget(), "Cầm Bá Thước")
        with qtbot.waitSignal(dialog.sig_saved, timeout=5000) as blocker:
            dialog.save_now()
        saved = blocker.args[0]
        assert saved.status == "draft" and dialog.record.review_id == saved.review_id
    finally:
        runner.shutdown()


def test_roster_model_passes_the_model_tester(qtmodeltester) -> None:
    model = RosterTableModel()
    model.set_rows(roster_rows(fill_household(new_session(), [HEAD, SPOUSE, SON_10])))
    assert model.rowCount() == 3
    qtmodeltester.check(model)
    assert roster_rows(new_session()) == []


def test_the_form_window_speaks_english_when_english_is_chosen(qtbot, demo_db: Database) -> None:
    vid, vname = village(demo_db)
    install_language("en")
    try:
        dialog = ReviewDialog(
            demo_db, InlineTaskRunner(), reviews.new_household_record(vid, 2026), "thu", vname
        )
        qtbot.addWidget(dialog)
        dialog.show()
        assert dialog.windowTitle() == "Household review form – 2026"
        dialog.finalise()
        assert dialog.banner.text().startswith("Cannot finalise yet:")
        assert "required" in dialog.view.message_for(dialog.view.current_path()).lower()
    finally:
        install_language("vi")


def test_household_sort_keys_flattened_to_strings_keep_the_vietnamese_order() -> None:
    from xaapp.domain.text import name_sort_key, name_sort_text

    names = ["Nguyễn Văn An", "Lê Thị Ánh", "Trần Ân", "Hà Văn Đức", "Hà Văn Dũng", "Lò Thị Ă", "an", "An 2", "An 10",
             "Bùi Thị Bạ", "Bùi Thị Bà", "Bùi Thị Ba", "Ma Văn Z", "Ma 𝔸"]  # fmt: skip
    assert sorted(names, key=name_sort_text) == sorted(names, key=name_sort_key)


def test_household_model_filtered_and_resorted_passes_the_model_tester(
    qtmodeltester, demo_db: Database
) -> None:
    from xaapp.domain.text import fold
    from xaapp.services.households import household_rows
    from xaapp.ui.models.household_table import Column, HouseholdTableModel

    model = HouseholdTableModel()
    model.set_rows(household_rows(demo_db, 2026))
    model.set_filter(needle=fold("Nguyễn"))
    narrowed = model.rowCount()
    assert 0 < narrowed < model.total()
    model.set_filter(needle=fold("Nguyễn Văn"))
    assert model.rowCount() <= narrowed and all(
        "nguyen van" in model.row_at(r).search_text for r in range(model.rowCount())
    )
    model.sort(Column.MEMBERS, Qt.SortOrder.DescendingOrder)
    sizes = [model.row_at(r).members for r in range(model.rowCount())]
    assert sizes == sorted(sizes, reverse=True)
    qtmodeltester.check(model)
