"""A window for one questionnaire that is saved once, when complete (intake, register entries).

The form is rendered by ``InterviewView``; Ctrl+Enter saves through the task runner with the
caller's save function, only when the engine finds no problem (else the first problem is shown
with its Vietnamese message and the cursor goes there).

Thread contract: UI thread only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from xaapp.errors import KnownError
from xaapp.forms_engine import Form, InterviewSession
from xaapp.ui.i18n import current_language
from xaapp.ui.interview.form_view import InterviewView
from xaapp.ui.tasks import Runner


class FormDialog(QDialog):
    sig_saved = Signal(object)
    """The save function's result, after it reached the database."""

    def __init__(
        self,
        runner: Runner,
        form: Form,
        title: str,
        answers: dict[str, Any],
        save: Callable[[dict[str, Any]], object],
        summary: Callable[[InterviewSession], str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner, self._save = runner, save
        self.setWindowTitle(title)
        self.resize(1150, 650)
        self.session = InterviewSession(form, lang=current_language())
        if answers:
            self.session.load_json({"instance": answers})
        self.view = InterviewView(self.session, roster="", summary=summary, parent=self)
        self.banner = QLabel()
        self.banner.setTextFormat(Qt.TextFormat.PlainText)  # messages quote what was typed
        self.banner.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Lưu (Ctrl+Enter)"))
        self.save_button.setAutoDefault(False)
        self.save_button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.save_button.clicked.connect(self.save)
        close = QPushButton(self.tr("Đóng (Esc)"))
        close.setAutoDefault(False)
        close.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        close.clicked.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self).activated.connect(self.save)
        row = QHBoxLayout()
        row.addWidget(self.banner, 1)
        row.addWidget(self.save_button)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(row)
        self.saved: object | None = None
        self.view.go_to_page(0)

    def save(self) -> None:
        problems = self.session.all_issues()
        if problems:
            issue = self.view.show_issues_and_go_to_first()
            label = self.session.question(issue.path).label if issue else ""
            self.banner.setText(
                self.tr("Chưa thể lưu: còn {0} câu chưa trả lời hoặc chưa đúng. {1}: {2}").format(
                    len(problems), label, issue.message if issue else ""
                )
            )
            return
        instance = self.session.to_json()["instance"]
        save = self._save
        self._runner.submit(lambda _p: save(instance), on_done=self._done, on_error=self._failed)

    def _done(self, result: object) -> None:
        self.saved = result
        self.sig_saved.emit(result)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        if not isinstance(exc, KnownError):
            raise exc
        en = current_language() == "en"
        self.banner.setText(exc.message_en if en and exc.message_en else exc.message_vi)
