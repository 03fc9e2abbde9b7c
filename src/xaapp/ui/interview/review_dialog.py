"""The household review window: the household form, autosaved as a draft, finalised when valid.

Every change is saved as a draft shortly after it is made (and on page change and on close),
off the UI thread through the task runner, one save at a time (a change made while a save is
running is saved right after it). Reopening a draft puts the cursor back on the field where the
officer was. Finalising needs a complete form: otherwise the first problem is shown with its
Vietnamese message and the cursor goes there. A finalised review opens read-only; changing it asks
for a reason, which the audit log keeps with every change. A draft filled with an older form
version opens on the current one, and the officer is told what changed.

Thread contract: UI thread only.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from html import escape

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from xaapp.domain.text import format_money
from xaapp.errors import KnownError
from xaapp.forms_engine import InterviewSession
from xaapp.rules.deprivations import flagged
from xaapp.rules.figure_marks import FigureMarks
from xaapp.rules.figures import figure_from_json
from xaapp.services.review_facts import assess_session, missing_text
from xaapp.services.reviews import (
    ReviewRecord,
    SavedReview,
    current_form,
    save_review,
    version_change,
)
from xaapp.storage.db import Database
from xaapp.ui.i18n import current_language
from xaapp.ui.interview.form_view import InterviewView
from xaapp.ui.labels import class_label, deprivation_label
from xaapp.ui.tasks import Runner

AUTOSAVE_MS = 700


def household_summary(
    session: InterviewSession, stored_class: str | None = None, stored_reason: str = ""
) -> str:
    """The side panel: calculated values and the classification with its reason once every fact of it
    is known, else what is still missing, by name. *stored_class*/*stored_reason* are the class kept
    with the review (e.g. from an imported list); shown when the answers give another one or none.
    Every text that comes from answers, rules or storage is escaped (a reason holds "<" and ">")."""
    en = current_language() == "en"
    document = session.to_json()["instance"]

    def number(key: str) -> float | None:
        value = document.get(key)
        return value if isinstance(value, int | float) and value == value else None

    lines = ["<b>" + escape(QCoreApplication.translate("ReviewDialog", "Kết quả tính")) + "</b>"]
    size = number("hh_size")
    lines.append(
        escape(
            QCoreApplication.translate("ReviewDialog", "Số thành viên: {0}").format(
                int(size) if size is not None else 0
            )
        )
    )
    assessment = assess_session(session)
    income = number("income_per_capita")
    if income is not None and not any(m.path == "income" for m in assessment.missing):
        lines.append(
            escape(
                QCoreApplication.translate("ReviewDialog", "Thu nhập bình quân/người/tháng: {0}").format(
                    format_money(int(round(income)))
                )
            )
        )
    deps = flagged(document)
    lines.append(
        escape(QCoreApplication.translate("ReviewDialog", "Số chỉ số thiếu hụt: {0}").format(len(deps)))
    )
    if deps:
        lines.append("<br>".join("· " + escape(deprivation_label(code)) for code in deps))
    result = assessment.result
    if result is None:
        lines.append("<i>" + escape(missing_text(list(assessment.missing), "en" if en else "vi")) + "</i>")
    else:
        reason = (result.get("reason") or {}).get("en" if en else "vi", "")
        marks = FigureMarks()
        mark = marks.mark(figure_from_json(f) for f in result.get("not_verified") or ())
        lines.append(
            "<b>"
            + escape(
                QCoreApplication.translate("ReviewDialog", "Phân loại: {0}").format(
                    class_label(result["classification"])
                )
            )
            + escape(mark)
            + "</b>"
        )
        lines.append(escape(reason))
        # A class resting on a figure not verified says so, as printed lists do (issue 10).
        lines.extend("<small>" + escape(note) + "</small>" for note in marks.footnotes("en" if en else "vi"))
    derived = result["classification"] if result else None
    if stored_class and stored_class != derived:
        lines.append(
            "<b>"
            + escape(
                QCoreApplication.translate("ReviewDialog", "Phân loại đã lưu với phiếu: {0}").format(
                    class_label(stored_class)
                )
            )
            + "</b>"
        )
        if stored_reason:
            lines.append(escape(stored_reason))
    return "<br>".join(lines)


class ReviewDialog(QDialog):
    sig_saved = Signal(object)
    """A save reached the database (the SavedReview)."""

    def __init__(
        self,
        db: Database,
        runner: Runner,
        record: ReviewRecord,
        actor: str,
        village_name: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db, self._runner, self.record, self._actor = db, runner, record, actor
        self.setWindowTitle(self.tr("Phiếu rà soát hộ gia đình – năm {0}").format(record.review_year))
        self.resize(1280, 700)
        form = current_form(record.form_id)
        self.session = InterviewSession(form, lang=current_language())
        notices: list[str] = []
        if record.answers:
            bad = self.session.load_json({"instance": record.answers})
            if record.status == "draft":
                notices = version_change(form, record.answers, record.form_version)
            notices += [f"{i.path}: {i.message}" for i in bad]
        else:
            self.session.answer("general/review_year", record.review_year)
            if village_name:
                self.session.answer("general/village", village_name)
        self.form_version = form.version if record.status == "draft" else record.form_version
        self._stored: tuple[str | None, str] = (None, "")
        if record.status == "final":  # the class the review was finalised (or imported) with
            self._stored = (
                record.result_class,
                record.reason_en if current_language() == "en" else record.reason_vi,
            )
        self.view = InterviewView(
            self.session,
            summary=lambda session: household_summary(session, *self._stored),
            member_ids=list(record.person_uuids),
            parent=self,
        )
        self.notice = QLabel("\n".join(notices))
        self.notice.setWordWrap(True)
        self.notice.setVisible(bool(notices))
        self.notice.setStyleSheet("background: #fff4ce; padding: 4px")
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.status = QLabel()
        for label in (self.notice, self.banner, self.status):  # answers and messages are never markup
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.finalise_button = QPushButton(self.tr("Hoàn tất phiếu (Ctrl+Enter)"))
        self.edit_button = QPushButton(self.tr("Sửa phiếu đã hoàn tất… (Ctrl+E)"))
        self.close_button = QPushButton(self.tr("Đóng (Esc)"))
        for button in (self.finalise_button, self.edit_button, self.close_button):
            button.setAutoDefault(False)
            button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.finalise_button.clicked.connect(self.finalise)
        self.edit_button.clicked.connect(self._ask_edit_reason)
        self.close_button.clicked.connect(self.close)
        for keys, slot in (("Ctrl+Return", self.finalise), ("Ctrl+Enter", self.finalise), ("Ctrl+E", self._ask_edit_reason), ("Ctrl+S", self.save_now)):  # fmt: skip
            QShortcut(QKeySequence(keys), self).activated.connect(slot)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.finalise_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.notice)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.banner)
        layout.addLayout(buttons)

        self._edit_reason: str | None = None
        self._saving = False
        self._dirty = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_MS)
        self._timer.timeout.connect(self.save_now)
        self.view.sig_changed.connect(self._changed)
        self.view.sig_page_changed.connect(lambda _i: self._dirty and self.save_now())
        self._show_state()
        if record.status == "final":
            self.view.set_read_only(True)
        if not (record.cursor and self.view.go_to_path(record.cursor)):
            self.view.go_to_page(0)

    # -- state -----------------------------------------------------------------------------------

    def _show_state(self) -> None:
        final = self.record.status == "final"
        editing = final and self._edit_reason is not None
        self.finalise_button.setVisible(not final)
        self.edit_button.setVisible(final and not editing)
        if editing:
            self.status.setText(self.tr("Đang sửa phiếu đã hoàn tất – lý do: {0}").format(self._edit_reason))
        elif final:
            self.status.setText(self.tr("Phiếu đã hoàn tất."))

    def _changed(self) -> None:
        self._dirty = True
        self._timer.start()

    def save_now(self) -> None:
        """Save the answers now (autosave; also Ctrl+S). One save runs at a time."""
        self._timer.stop()
        if not self._dirty:
            return
        if self._saving:
            return  # saved again when the running save returns
        if self.record.status == "final" and self._edit_reason is None:
            return
        if self.record.status == "final" and not self.session.is_complete():
            self.banner.setText(
                self.tr("Chưa lưu: phiếu đã hoàn tất phải trả lời đủ và đúng. {0}").format(
                    self._first_problem()
                )
            )
            return
        if self.record.status == "final" and self._refuse_missing_facts():
            return
        self._submit(finalise=False)

    def _submit(self, finalise: bool) -> None:
        self._dirty = False
        self._saving = True
        self.status.setText(self.tr("Đang lưu…"))
        db, record, actor, reason = self._db, self.record, self._actor, self._edit_reason
        instance = self.session.to_json()["instance"]
        cursor, members, version = self.view.current_path(), list(self.view.member_ids), self.form_version
        self._runner.submit(
            lambda _p: save_review(
                db,
                record,
                instance,
                cursor=cursor,
                person_uuids=members,
                form_version=version,
                actor=actor,
                reason=reason,
                finalise=finalise,
            ),  # fmt: skip
            on_done=self._saved,
            on_error=self._save_failed,
        )

    def _saved(self, saved: SavedReview) -> None:
        self._saving = False
        self.record = dataclasses.replace(
            self.record, review_id=saved.review_id, household_id=saved.household_id, status=saved.status
        )
        if saved.status == "final":
            self._stored = (
                saved.result_class,
                saved.reason_en if current_language() == "en" else saved.reason_vi,
            )
        if len(saved.person_uuids) == len(self.view.member_ids) and not self._dirty:
            self.view.member_ids = list(saved.person_uuids)
        now = dt.datetime.now().strftime("%H:%M:%S")
        self._show_state()
        if saved.status == "final" and self._edit_reason is None:
            self.view.set_read_only(True)
            self.banner.setText(
                self.tr("Đã hoàn tất phiếu. Phân loại: {0}.").format(class_label(saved.result_class))
            )
        elif saved.status == "final":
            self.status.setText(self.tr("Đã lưu thay đổi (có ghi lý do) lúc {0}").format(now))
        else:
            self.status.setText(self.tr("Bản nháp đã lưu lúc {0}").format(now))
        self.sig_saved.emit(saved)
        if self._dirty:
            self.save_now()

    def _save_failed(self, exc: BaseException) -> None:
        self._saving = False
        self._dirty = True
        if isinstance(exc, KnownError):
            self.banner.setText(
                exc.message_vi if current_language() == "vi" else exc.message_en or exc.message_vi
            )
        else:
            self.banner.setText(self.tr("Không lưu được: {0}").format(exc))
        self.status.setText(self.tr("Chưa lưu"))

    def _first_problem(self) -> str:
        issue = self.view.first_issue()
        if issue is None:
            return ""
        label = self.session.question(issue.path).label or issue.path
        return f"{label}: {issue.message}"

    # -- actions ---------------------------------------------------------------------------------

    def finalise(self) -> None:
        """Finalise when the form is complete; else show the first problem and go there."""
        if self.record.status == "final":
            return
        problems = len(self.session.all_issues())
        if problems:
            first = self._first_problem()
            self.view.show_issues_and_go_to_first()
            self.banner.setText(
                self.tr("Chưa thể hoàn tất phiếu: còn {0} câu chưa trả lời hoặc chưa đúng. {1}").format(
                    problems, first
                )
            )
            return
        if self._refuse_missing_facts():
            return
        self._timer.stop()
        self._submit(finalise=True)

    def _refuse_missing_facts(self) -> bool:
        """No class without its facts: name what is missing and go there (True when something is)."""
        missing = assess_session(self.session).missing
        if not missing:
            return False
        first = missing[0].path
        target = {"income": "income/income_wages", "members": ""}.get(first, first)
        if target:
            self.view.go_to_path(target)
        self.banner.setText(
            self.tr("Chưa thể hoàn tất phiếu. {0}.").format(
                missing_text(list(missing), "en" if current_language() == "en" else "vi")
            )
        )
        return True

    def _ask_edit_reason(self) -> None:
        if self.record.status != "final" or self._edit_reason is not None:
            return
        reason, ok = QInputDialog.getText(
            self, self.tr("Sửa phiếu đã hoàn tất"), self.tr("Lý do sửa (ghi vào nhật ký thay đổi):")
        )
        if ok:
            self.start_edit(reason)

    def start_edit(self, reason: str) -> bool:
        """Allow changes to a finalised review; *reason* goes to the audit log with each change."""
        reason = " ".join(reason.split())
        if not reason:
            self.banner.setText(self.tr("Phải ghi lý do sửa phiếu đã hoàn tất."))
            return False
        self._edit_reason = reason
        self.view.set_read_only(False)
        self.banner.setText("")
        self._show_state()
        return True

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_now()
        super().closeEvent(event)

    def reject(self) -> None:
        self.save_now()
        super().reject()
