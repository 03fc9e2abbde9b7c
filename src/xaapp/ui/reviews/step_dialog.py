"""Recording a review step: for one household (named in the dialog) or for a whole village (the dialog
says how many households it will change before anything is written).

A village meeting records one share agreeing for every household it is recorded for: the dialog says
so, and a household whose share differs is then corrected on its own (Ctrl+B), which overwrites the
shared figure for that household only.

Thread contract: UI thread only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from xaapp.domain.text import format_date, parse_date
from xaapp.services.reviews import ReviewListRow
from xaapp.ui.labels import step_label

#: Review steps in order and the row attribute holding each one's date (as services.reviews keeps them).
STEP_DATES = (
    ("surveyed", "surveyed_on"),
    ("meeting", "meeting_on"),
    ("posted", "posted_on"),
    ("recognised", "recognised_on"),
)


def step_date_words(step: str) -> str:
    """What a village-wide step records, in words: "ngày họp thôn", "ngày niêm yết"."""
    words = {
        "meeting": QCoreApplication.translate("StepDialog", "ngày họp thôn"),
        "posted": QCoreApplication.translate("StepDialog", "ngày niêm yết"),
    }
    return words.get(step, step_label(step).lower())


def ready_for(row: ReviewListRow, step: str, on: dt.date) -> bool:
    """Whether a village-wide *step* on *on* would be recorded for *row*: its form is final, the earlier
    steps are recorded on or before *on*, and this step is not recorded yet (the rule of
    ``services.reviews.record_village_step``)."""
    names = [code for code, _ in STEP_DATES]
    if row.review_id is None or row.status != "final" or step not in names:
        return False
    if getattr(row, dict(STEP_DATES)[step]) is not None:
        return False
    for _code, attr in STEP_DATES[: names.index(step)]:
        before = getattr(row, attr)
        if before is None or on < before:
            return False
    return True


def village_ready(
    rows: Iterable[ReviewListRow], village_id: int, step: str, on: dt.date
) -> list[ReviewListRow]:
    return [r for r in rows if r.village_id == village_id and ready_for(r, step, on)]


def next_step(row: ReviewListRow, steps: Sequence[str]) -> str:
    """The first of *steps* not yet recorded for *row* (the last one when all are)."""
    for code in steps:
        if getattr(row, dict(STEP_DATES)[code]) is None:
            return code
    return steps[-1]


class StepDialog(QDialog):
    """Asks for a step, its date (dd/mm/yyyy) and, as the step needs, the share agreeing or the decision
    number. *about* names what the step is recorded for (a household, or a village); *count*, when
    given, tells for a step and a date how many households it would change (a village-wide step)."""

    def __init__(
        self,
        steps: list[str],
        title: str,
        about: str,
        parent: QWidget | None = None,
        count: object | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._count = count
        self.about = QLabel(about)
        self.about.setTextFormat(Qt.TextFormat.PlainText)  # names as typed, never markup
        self.about.setWordWrap(True)
        self.about.setStyleSheet("font-weight: bold")
        self.step = QComboBox()
        for code in steps:
            self.step.addItem(step_label(code), code)
        self.date = QLineEdit(format_date(dt.date.today()))
        self.date.setPlaceholderText("dd/mm/yyyy")
        self.pct = QLineEdit()
        self.pct_label = QLabel(self.tr("Tỷ lệ đồng ý khi họp thôn (%):"))
        self.decision = QLineEdit()
        self.effect = QLabel()
        self.effect.setWordWrap(True)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.about)
        form.addRow(self.tr("Bước:"), self.step)
        form.addRow(self.tr("Ngày (dd/mm/yyyy):"), self.date)
        form.addRow(self.pct_label, self.pct)
        form.addRow(self.tr("Số quyết định công nhận:"), self.decision)
        form.addRow(self.effect)
        form.addRow(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._check)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.step.currentIndexChanged.connect(self._enable)
        self.date.textChanged.connect(lambda _t: self._show_effect())
        self._enable()

    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def _enable(self) -> None:
        code = self.step.currentData()
        self.pct.setEnabled(code == "meeting")
        self.decision.setEnabled(code == "recognised")
        self._show_effect()

    def households(self) -> int | None:
        """How many households the step would change as the dialog stands (None: a single household)."""
        if self._count is None:
            return None
        try:
            on = parse_date(self.date.text())
        except ValueError:
            return None
        return int(self._count(self.step.currentData(), on))  # type: ignore[operator]

    def _show_effect(self) -> None:
        if self._count is None:
            return
        n = self.households()
        if n is None:
            self.effect.setText(self.tr("Gõ ngày dd/mm/yyyy để biết số hộ sẽ được ghi."))
            self.ok_button().setText(self.tr("Ghi"))
            return
        text = self.tr(
            "Sẽ ghi {0} cho {1} hộ có phiếu đã hoàn tất và đã qua các bước trước (các hộ khác không đổi)."
        ).format(step_date_words(self.step.currentData()), n)
        if self.step.currentData() == "meeting":
            text += " " + self.tr(
                "Tỷ lệ đồng ý gõ ở trên được ghi chung cho cả {0} hộ; hộ nào có tỷ lệ khác, "
                "chọn hộ đó rồi ghi riêng bằng Ghi bước cho hộ (Ctrl+B)."
            ).format(n)
        self.effect.setText(text)
        self.ok_button().setText(self.tr("Ghi cho {0} hộ").format(n))
        self.ok_button().setEnabled(n > 0)

    def values(self) -> tuple[str, dt.date, float | None, str | None]:
        pct = self.pct.text().strip().replace(",", ".")
        return (
            self.step.currentData(),
            parse_date(self.date.text()),
            float(pct) if pct and self.pct.isEnabled() else None,
            (self.decision.text().strip() or None) if self.decision.isEnabled() else None,
        )

    def _check(self) -> None:
        try:
            self.values()
        except ValueError:
            self.error.setText(self.tr("Ngày phải có dạng dd/mm/yyyy và tỷ lệ là một số."))
            return
        self.accept()
