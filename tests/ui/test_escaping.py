"""< > & " typed into names, addresses, notes and reasons show as typed on every screen (issue 10).

A Qt label left on automatic format reads text with a tag in it as markup ("Lò <b>Văn</b>" turns
bold and loses its brackets; "(điểm B = 0, < 30)" loses its tail). Each screen below is filled with
such text, then every label, table cell and preview it shows is read back as the officer sees it
(rich text rendered to plain text): the text must be there literally, never stripped of its
"tags" and never shown with entities such as "&lt;".
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

import pytest
from PySide6 import QtGui
from PySide6.QtCore import QEvent, QModelIndex, Qt
from PySide6.QtGui import QKeyEvent, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QTextEdit,
    QWidget,
)
from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit" / "forms_engine"))

from forms_household import HEAD, SON_10, SPOUSE, fill_household, new_session  # noqa: E402

from xaapp.services import reviews  # noqa: E402
from xaapp.services.household_detail import household_detail  # noqa: E402
from xaapp.storage.db import Database  # noqa: E402
from xaapp.storage.orm import Beneficiary, Person, SyncConflict, Village  # noqa: E402
from xaapp.ui.i18n import install_language  # noqa: E402
from xaapp.ui.tasks import InlineTaskRunner  # noqa: E402

pytestmark = pytest.mark.gui

HEAD_NAME = 'Lò <b>Văn</b> "Páo" & <i>Con</i>'
SPOUSE_NAME = 'Hà Thị <u>Lan</u> & "Mai" <br>'
ADDRESS = 'Bản <Pá> & "Khà" <b>số 3</b>'
REQUEST = 'Hộ xin rà soát: <b>ốm</b> & "mất mùa" < 2 tháng'
EDIT_REASON = 'Sửa theo <i>biên bản</i> & "đơn" <b>số 5</b>'
EVENT_REASON = 'Tạm dừng: <b>đi</b> & "vắng" > 3 tháng'
BENEFICIARY = 'Cầm <i>Thị</i> & "Ún" <b>B</b>'
TYPED = '<b>6</b> & "1"'  # typed into a money field: refused, and quoted in the message
TEXTS = (HEAD_NAME, SPOUSE_NAME, ADDRESS, REQUEST, EDIT_REASON, EVENT_REASON, BENEFICIARY, TYPED)
ENTITIES = re.compile(r"&(lt|gt|amp|quot|#\d+);")


def stripped(text: str) -> str:
    """*text* as an automatic-format label would show it: tags gone."""
    return " ".join(re.sub(r"<[^>]*>", "", text).split())


def rendered(label: QLabel) -> str:
    text = label.text()
    rich = label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and QtGui.Qt.mightBeRichText(text)
    )
    if not rich:
        return text
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText()


def model_texts(view: QAbstractItemView) -> list[str]:
    model = view.model()
    out: list[str] = []
    for row in range(model.rowCount(QModelIndex())):
        column = 0
        while (index := model.index(row, column)).isValid():  # (a list widget's model hides columnCount)
            value = index.data(Qt.ItemDataRole.DisplayRole)
            if value is not None:
                out.append(str(value))
            column += 1
    return out


def shown(widget: QWidget) -> list[str]:
    """Every text *widget* and its children show, as the officer reads it."""
    out = [widget.windowTitle()]
    for child in [widget, *widget.findChildren(QWidget)]:
        if isinstance(child, QLabel):
            out.append(rendered(child))
        elif isinstance(child, QAbstractItemView) and child.model() is not None:
            out.extend(model_texts(child))
        elif isinstance(child, QTextEdit):
            out.append(child.toPlainText())
        elif isinstance(child, QLineEdit):
            out.append(child.text())
        elif isinstance(child, QComboBox):
            out.extend(child.itemText(i) for i in range(child.count()))
    return [" ".join(text.split()) for text in out if text]


def assert_literal(screen: QWidget, *expected: str) -> None:
    texts = shown(screen)
    joined = "\n".join(texts)
    for text in expected:
        assert " ".join(text.split()) in joined, (text, screen)
    for text in TEXTS:
        mangled = stripped(text)
        bad = [t for t in texts if mangled in t and " ".join(text.split()) not in t]
        assert not bad, (text, bad)  # shown as markup: brackets and tags gone
    assert not [t for t in texts if ENTITIES.search(t)], [t for t in texts if ENTITIES.search(t)]


@pytest.fixture
def marked_up(demo_db: Database) -> dict[str, object]:
    """A near-poor household entered through the form with markup-like text everywhere, finalised,
    edited with a reason; a beneficiary and a sync conflict with such text."""
    with demo_db.read() as s:
        village = s.scalars(select(Village).order_by(Village.id)).first()
        vid, vname = village.id, village.name
    session = fill_household(
        new_session(),
        [{**HEAD, "full_name": HEAD_NAME}, {**SPOUSE, "full_name": SPOUSE_NAME}, SON_10],
    )
    for path, value in {
        "general/village": vname,
        "general/head_name": HEAD_NAME,
        "general/address": ADDRESS,
        "general/review_kind": "regular",
        "general/request_reason": REQUEST,
        "income/income_wages": 30_000_000,  # 1.111.111 đ/person/month, no deprivation: near-poor
        "income/income_farming": 10_000_000,
        "income/income_business": None,
        "causes/poverty_causes": ["no_capital"],
    }.items():
        assert session.answer(path, value) == [], path
    assert session.is_complete(), session.all_issues()
    saved = reviews.save_review(
        demo_db, reviews.new_household_record(vid, 2026), session.to_json()["instance"], finalise=True
    )
    assert saved.result_class == "near_poor"
    record = reviews.open_review(demo_db, saved.household_id, 2026)
    reviews.save_review(
        demo_db, record, {**record.answers, "housing": {**record.answers["housing"], "living_area": 61}},
        actor="thu", reason=EDIT_REASON,
    )  # fmt: skip
    with demo_db.session(actor="test") as s:
        beneficiary = s.scalars(select(Beneficiary).order_by(Beneficiary.id)).first()
        person = s.get(Person, beneficiary.person_id)
        person.full_name = BENEFICIARY
        head = s.scalars(
            select(Person).where(
                Person.household_id == saved.household_id, Person.relationship_to_head == "head"
            )
        ).one()
        s.add(SyncConflict(entity="person", entity_uuid=head.uuid, local_payload={"data": {}},
                           server_payload={"op": "upsert", "data": {"full_name": SPOUSE_NAME}},
                           server_revision=7, created_at=dt.datetime(2026, 11, 2)))  # fmt: skip
        beneficiary_id = beneficiary.id
    return {"household_id": saved.household_id, "beneficiary_id": beneficiary_id}


def test_household_list_detail_and_form_show_the_text_as_typed(qtbot, demo_db: Database, marked_up) -> None:
    from xaapp.ui.households.detail import HouseholdDetailDialog
    from xaapp.ui.households.page import HouseholdsPage
    from xaapp.ui.interview.review_dialog import ReviewDialog

    install_language("vi")
    page = HouseholdsPage(demo_db, InlineTaskRunner())
    qtbot.addWidget(page)
    page.reload()
    page.search.setText("páo")
    assert page.proxy.rowCount() >= 1
    assert_literal(page, HEAD_NAME)

    detail = HouseholdDetailDialog(household_detail(demo_db, marked_up["household_id"]))
    qtbot.addWidget(detail)
    header = next(label for label in detail.findChildren(QLabel) if HEAD_NAME.split()[0] in label.text())
    assert HEAD_NAME in rendered(header) and ADDRESS in rendered(header)
    assert_literal(detail, HEAD_NAME, SPOUSE_NAME, ADDRESS, EDIT_REASON, "< 30")  # the reason's "B < 30"

    record = reviews.open_review(demo_db, marked_up["household_id"], 2026)
    dialog = ReviewDialog(demo_db, InlineTaskRunner(), record, "thu")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    dialog.view.go_to_path("general/request_reason")
    assert_literal(dialog.view, HEAD_NAME, ADDRESS, REQUEST)
    dialog.view.go_to_member(2)
    assert_literal(dialog.view, HEAD_NAME, SPOUSE_NAME)  # roster, page list, the member's own page
    assert dialog.view.title.textFormat() == Qt.TextFormat.PlainText
    assert dialog.start_edit(EDIT_REASON)
    type_into(dialog, "income/income_wages", TYPED)
    assert dialog.view.message_for("income/income_wages").startswith(f"«{TYPED}» không phải số tiền")
    assert_literal(dialog.view, HEAD_NAME, TYPED)


def type_into(dialog, path: str, text: str) -> None:
    dialog.view.go_to_path(path)
    field = QApplication.focusWidget()
    assert isinstance(field, QLineEdit)
    field.selectAll()
    for ch in text:
        QApplication.sendEvent(
            field, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
        )


@pytest.mark.xfail(
    strict=True,
    reason="the review window's own labels (result panel, banner, status; ui/interview/review_dialog.py) "
    "are escaped on another branch of issue 10; remove this mark when that branch is merged",
)
def test_the_review_window_shows_the_reason_the_edit_reason_and_the_typed_text_whole(
    qtbot, demo_db: Database, marked_up
) -> None:
    from xaapp.ui.interview.review_dialog import ReviewDialog

    install_language("vi")
    record = reviews.open_review(demo_db, marked_up["household_id"], 2026)
    dialog = ReviewDialog(demo_db, InlineTaskRunner(), record, "thu")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    panel = rendered(dialog.view.summary)
    assert re.search(r"\(điểm B = \d+, < 30\)", panel), panel  # the tester saw it stop at "(điểm B = 0,"
    assert dialog.start_edit(EDIT_REASON)
    type_into(dialog, "income/income_wages", TYPED)
    dialog.save_now()  # refused: the banner names the problem, quoting what was typed
    assert TYPED in rendered(dialog.banner) and EDIT_REASON in rendered(dialog.status)
    assert_literal(dialog, HEAD_NAME, SPOUSE_NAME, EDIT_REASON, TYPED)


def test_reviews_lists_beneficiaries_and_sync_show_the_text_as_typed(
    qtbot, demo_db: Database, marked_up
) -> None:
    from xaapp.ui.beneficiaries.page import BeneficiariesPage
    from xaapp.ui.lists.panel import ListsPanel
    from xaapp.ui.reviews.page import ReviewsPage
    from xaapp.ui.sync.panel import SyncPanel

    install_language("vi")
    runner = InlineTaskRunner()
    reviews_page = ReviewsPage(demo_db, runner)
    qtbot.addWidget(reviews_page)
    reviews_page.year.setValue(2026)
    reviews_page.reload()
    assert_literal(reviews_page, HEAD_NAME)

    lists = ListsPanel(demo_db, runner)
    qtbot.addWidget(lists)
    lists.select("posting", year=2026)
    lists.show_preview()
    assert_literal(lists, HEAD_NAME)
    assert HEAD_NAME in lists.browser.toPlainText()

    benefits = BeneficiariesPage(demo_db, runner)
    qtbot.addWidget(benefits)
    benefits.reload()
    proxy = benefits.table.model()
    row = next(r for r in range(proxy.rowCount()) if proxy.index(r, 0).data() == BENEFICIARY)
    benefits.table.setCurrentIndex(proxy.index(row, 0))
    benefits.change_status("suspend", "2026-12", EVENT_REASON)
    assert rendered(benefits.message).startswith(f"Đã ghi: {BENEFICIARY}")
    assert_literal(benefits, BENEFICIARY, EVENT_REASON)  # the list, the message, the event history

    sync = SyncPanel(demo_db, runner)
    qtbot.addWidget(sync)
    sync.reload()
    assert_literal(sync, HEAD_NAME, SPOUSE_NAME)
    QApplication.processEvents()


def test_the_signed_in_officer_name_shows_as_typed(qtbot, demo_db: Database) -> None:
    from xaapp.domain.roles import Role
    from xaapp.services.accounts import UserRow
    from xaapp.ui.main_window import MainWindow

    language = install_language("vi")
    user = UserRow(2, "thu", HEAD_NAME, Role.OFFICER)
    window = MainWindow(
        demo_db, InlineTaskRunner(), user, "Xã Bá Thước", True, demo_db.path.parent / "ui.ini", language
    )
    qtbot.addWidget(window)
    labels = [rendered(label) for label in window.statusBar().findChildren(QLabel)]
    assert any(f"Người dùng: {HEAD_NAME} (" in text for text in labels), labels
