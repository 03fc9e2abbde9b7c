"""Social assistance: beneficiaries with their monthly amount, intake through the social-assistance form
(amount and breakdown shown as the answers allow), status changes with reason and effective month,
each one's history; and the registers of people with merit and of children in special circumstances.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from xaapp.domain.text import format_date, format_money, name_sort_key
from xaapp.errors import KnownError
from xaapp.forms_engine import InterviewSession
from xaapp.rules.figure_marks import FigureMarks, footnote_text
from xaapp.services import beneficiaries as ben
from xaapp.services import registers
from xaapp.services.person_search import person_choices
from xaapp.services.reviews import current_form
from xaapp.storage.db import Database
from xaapp.ui.i18n import current_language
from xaapp.ui.interview.form_dialog import FormDialog
from xaapp.ui.labels import event_label, status_label
from xaapp.ui.models.household_table import RowRole
from xaapp.ui.models.record_table import ColumnSpec, RecordTableModel
from xaapp.ui.models.sorting import PythonSortProxy
from xaapp.ui.search_list import SearchListKeys


def intake_summary(session: InterviewSession) -> str:
    """Side panel of the intake: the monthly amount and its breakdown as soon as the answers allow; an
    amount resting on a rule figure not verified is marked ("¹") and the mark explained below it."""
    quote = ben.quote_allowance(session.to_json()["instance"])
    if quote is None:
        text = QCoreApplication.translate(
            "BeneficiariesPage",
            "Mức trợ cấp hiện khi đã có ngày sinh, diện đối tượng và tháng bắt đầu hưởng.",
        )
        return f"<i>{text}</i>"
    en = current_language() == "en"
    lang = "en" if en else "vi"
    marks = FigureMarks()
    mark = marks.mark(quote.unverified)
    month = f"{quote.month[5:]}/{quote.month[:4]}"
    amount = QCoreApplication.translate("BeneficiariesPage", "Mức trợ cấp hàng tháng: {0}").format(
        format_money(quote.monthly_amount)
    )
    lines = [
        f"<b>{escape(amount)}{mark}</b>",
        QCoreApplication.translate("BeneficiariesPage", "Mức chuẩn: {0} ({1})").format(
            format_money(quote.standard_level), month
        ),
    ]
    for line in quote.lines:
        coefficient = "" if line.coefficient is None else f" × {line.coefficient:g}"
        lines.append(f"· {line.clause}{coefficient} = {format_money(line.amount)}")
    for text in quote.excluded_en if en else quote.excluded_vi:
        lines.append(f"<i>{escape(text)}</i>")
    lines.append(escape(quote.reason_en if en else quote.reason_vi))
    lines.extend(f'<span style="color:#8a4b00">{escape(note)}</span>' for note in marks.footnotes(lang))
    return "<br>".join(lines)


def choice_label(form_id: str, list_name: str, code: str) -> str:
    """The label of a choice of a shipped form, in the interface language (the code if unknown)."""
    choices = current_form(form_id).choice_lists.get(list_name)
    choice = next((c for c in choices.choices if c.name == code), None) if choices else None
    return choice.label(current_language()) if choice is not None else code


def _table(model: RecordTableModel, parent: QWidget) -> QTableView:
    proxy = PythonSortProxy(parent)
    proxy.setSourceModel(model)
    view = QTableView(parent)
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setDefaultSectionSize(130)
    view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    return view


class PersonPicker(QDialog):
    """Find a person of the register by name or ID (accents optional); every row shows the birth and
    the village. Down moves into the results, Enter opens the highlighted person (``ui.search_list``)."""

    LIMIT = 50

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.setWindowTitle(self.tr("Chọn người trong sổ hộ"))
        self.resize(520, 420)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Gõ tên hoặc số định danh (không cần dấu)…"))
        self.results = QListWidget()
        self.hint = QLabel(self.tr("↓ chọn trong danh sách, Enter để mở."))
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.results)
        layout.addWidget(self.hint)
        self.keys = SearchListKeys(self.search, self.results, self._pick, self._ask_to_choose)
        self.search.textChanged.connect(self._find)
        self.results.itemDoubleClicked.connect(lambda _i: self._pick())

    def _find(self, text: str) -> None:
        self.results.clear()
        if len(text.strip()) < 2:
            self.hint.setText(self.tr("↓ chọn trong danh sách, Enter để mở."))
            return
        found = person_choices(self._db, text, limit=self.LIMIT)
        for choice in found:
            item = QListWidgetItem(choice.label)
            item.setData(Qt.ItemDataRole.UserRole, choice.person_id)
            self.results.addItem(item)
        self.keys.clear_highlight()
        if not found:
            self.hint.setText(self.tr("Không tìm thấy người nào."))
        elif len(found) >= self.LIMIT:
            self.hint.setText(self.tr("Nhiều hơn {0} người: gõ thêm để thu hẹp.").format(self.LIMIT))
        else:
            self.hint.setText(self.tr("{0} người. ↓ chọn trong danh sách, Enter để mở.").format(len(found)))

    def _ask_to_choose(self, count: int) -> None:
        self.hint.setText(
            self.tr("Có {0} người khớp: bấm ↓ để chọn đúng người (xem năm sinh, thôn), rồi Enter.").format(
                count
            )
        )

    def _pick(self) -> None:
        if self.person_id() is not None:
            self.accept()

    def person_id(self) -> int | None:
        row = self.keys.highlighted_row()
        item = self.results.item(row) if row is not None else None
        return item.data(Qt.ItemDataRole.UserRole) if item else None


class StatusDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Đổi trạng thái hưởng"))
        self.action = QComboBox()
        for code in ("suspend", "stop", "resume"):
            self.action.addItem(event_label(code), code)
        today = dt.date.today()
        self.month = QLineEdit(f"{today.month:02d}/{today.year}")
        self.month.setPlaceholderText("mm/yyyy")
        self.reason = QLineEdit()
        self.decision = QLineEdit()
        form = QFormLayout(self)
        form.addRow(self.tr("Thao tác:"), self.action)
        form.addRow(self.tr("Từ tháng (mm/yyyy):"), self.month)
        form.addRow(self.tr("Lý do:"), self.reason)
        form.addRow(self.tr("Số quyết định:"), self.decision)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def month_value(self) -> str:
        text = self.month.text().strip()
        if "/" in text:
            month, year = text.split("/", 1)
            return f"{year.strip()}-{int(month):02d}" if month.strip().isdigit() else text
        return text


AMOUNT_COLUMN = 4


class MarkedTableModel(RecordTableModel):
    """The beneficiaries table: the amount's tooltip names the rule figures not verified behind it."""

    def __init__(self, notes: dict[int, str], column: int, *args: Any) -> None:
        super().__init__(*args)
        self._notes, self._column = notes, column

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid() and index.column() == self._column:
            return self._notes.get(self.row_at(index.row()).id) or None
        return super().data(index, role)


class BeneficiariesPage(QWidget):
    sig_loaded = Signal(int)
    """The list reached the view (number of beneficiaries)."""

    def __init__(self, db: Database, runner: object, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db, self._runner = db, runner
        self.actor = "system"
        today = dt.date.today()
        #: The month whose status and total the screen shows (``YYYY-MM``; this month).
        self.month = f"{today.year:04d}-{today.month:02d}"
        self.intake_dialog: FormDialog | None = None
        self._marks: dict[int, str] = {}
        self._notes: dict[int, str] = {}
        self.model: RecordTableModel[ben.BeneficiaryItem] = MarkedTableModel(
            self._notes,
            AMOUNT_COLUMN,
            [
                ColumnSpec(self.tr("Họ và tên"), lambda r: r.full_name, lambda r: name_sort_key(r.full_name)),
                ColumnSpec(
                    self.tr("Ngày sinh"),
                    lambda r: format_date(r.dob) if r.dob else "",
                    lambda r: r.dob.isoformat() if r.dob else "",
                ),
                ColumnSpec(self.tr("Thôn"), lambda r: r.village),
                ColumnSpec(self.tr("Khoản (Điều 5)"), lambda r: ", ".join(r.clauses)),
                ColumnSpec(
                    self.tr("Mức hưởng/tháng"),
                    lambda r: format_money(r.amount) + self._marks.get(r.id, ""),
                    lambda r: r.amount,
                    True,
                ),
                ColumnSpec(
                    self.tr("Trạng thái"),
                    lambda r: status_label("not_started" if r.status_now == "not_started" else r.status),
                ),
                ColumnSpec(
                    self.tr("Hưởng từ"),
                    lambda r: f"{r.start_month[5:]}/{r.start_month[:4]}",
                    lambda r: r.start_month,
                ),
            ],
            self,
        )
        self.events: RecordTableModel[ben.EventRow] = RecordTableModel(
            [
                ColumnSpec(
                    self.tr("Tháng"),
                    lambda e: f"{e.effective_month[5:]}/{e.effective_month[:4]}",
                    lambda e: e.effective_month,
                ),
                ColumnSpec(self.tr("Thay đổi"), lambda e: event_label(e.action)),
                ColumnSpec(self.tr("Lý do"), lambda e: e.reason),
                ColumnSpec(self.tr("Số quyết định"), lambda e: e.decision_no or ""),
            ],
            self,
        )
        self.periods: RecordTableModel[ben.PeriodRow] = RecordTableModel(
            [
                ColumnSpec(
                    self.tr("Từ tháng"),
                    lambda p: f"{p.from_month[5:]}/{p.from_month[:4]}",
                    lambda p: p.from_month,
                ),
                ColumnSpec(
                    self.tr("Mức chuẩn"),
                    lambda p: format_money(p.standard_level),
                    lambda p: p.standard_level,
                    True,
                ),
                ColumnSpec(self.tr("Hệ số"), lambda p: f"{p.coefficient:g}", lambda p: p.coefficient, True),
                ColumnSpec(self.tr("Số tiền"), lambda p: format_money(p.amount), lambda p: p.amount, True),
                ColumnSpec(self.tr("Cách tính"), lambda p: p.basis),
            ],
            self,
        )

        def register_columns(form_id: str, list_name: str) -> list[ColumnSpec[registers.RegisterRow]]:
            return [
                ColumnSpec(self.tr("Họ và tên"), lambda r: r.full_name, lambda r: name_sort_key(r.full_name)),
                ColumnSpec(
                    self.tr("Ngày sinh"),
                    lambda r: format_date(r.dob) if r.dob else "",
                    lambda r: str(r.dob or ""),
                ),
                ColumnSpec(self.tr("Thôn"), lambda r: r.village),
                ColumnSpec(self.tr("Diện / nhóm"), lambda r: choice_label(form_id, list_name, r.category)),
                ColumnSpec(self.tr("Trạng thái"), lambda r: status_label(r.status)),
            ]

        self.merit: RecordTableModel[registers.RegisterRow] = RecordTableModel(
            register_columns("merit_register", "merit_category"), self
        )
        self.children: RecordTableModel[registers.RegisterRow] = RecordTableModel(
            register_columns("child_register", "child_group"), self
        )

        self.summary = QLabel()
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        self.legend.setStyleSheet("color: #8a4b00")
        self.legend.setVisible(False)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.table = _table(self.model, self)
        self.table.selectionModel().currentRowChanged.connect(lambda _c, _p: self.show_history())
        intake = QPushButton(self.tr("Tiếp nhận hồ sơ… (Ctrl+N)"))
        status = QPushButton(self.tr("Đổi trạng thái… (Ctrl+T)"))
        intake.clicked.connect(self._ask_intake)
        status.clicked.connect(self._ask_status)
        QShortcut(QKeySequence("Ctrl+N"), self).activated.connect(self._ask_intake)
        QShortcut(QKeySequence("Ctrl+T"), self).activated.connect(self._ask_status)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(intake)
        top.addWidget(status)
        history = QTabWidget()
        history.addTab(_table(self.events, self), self.tr("Lịch sử thay đổi"))
        history.addTab(_table(self.periods, self), self.tr("Mức hưởng theo thời gian"))
        history.setMaximumHeight(200)
        main = QWidget()
        column = QVBoxLayout(main)
        column.addLayout(top)
        column.addWidget(self.table, 1)
        column.addWidget(self.legend)
        column.addWidget(history)
        column.addWidget(self.message)
        self.register_dialog: FormDialog | None = None
        tabs = QTabWidget()
        tabs.addTab(main, self.tr("Bảo trợ xã hội"))
        tabs.addTab(
            self._register_tab(self.merit, self.tr("Ghi vào sổ người có công…"), "merit"),
            self.tr("Người có công"),
        )
        tabs.addTab(
            self._register_tab(self.children, self.tr("Ghi vào sổ trẻ em…"), "child"),
            self.tr("Trẻ em có hoàn cảnh đặc biệt"),
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(tabs)

    def _register_tab(self, model: RecordTableModel, button_text: str, kind: str) -> QWidget:
        tab = QWidget()
        button = QPushButton(button_text)
        button.clicked.connect(lambda: self._ask_register(kind))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(button)
        column = QVBoxLayout(tab)
        column.addLayout(row)
        column.addWidget(_table(model, self), 1)
        return tab

    def _ask_register(self, kind: str) -> None:
        picker = PersonPicker(self._db, self)
        if picker.exec() == QDialog.DialogCode.Accepted and picker.person_id() is not None:
            self.start_register_entry(kind, picker.person_id())  # type: ignore[arg-type]

    def start_register_entry(self, kind: str, person_id: int) -> None:
        """Open the merit or children register form for a person of the register."""
        db = self._db
        self._runner.submit(  # type: ignore[attr-defined]
            lambda _p: registers.start_register_entry(db, kind, person_id),
            on_done=lambda record: self._open_register(kind, record),
            on_error=self._failed,
        )

    def _open_register(self, kind: str, record: ben.IntakeRecord) -> None:
        db, actor = self._db, self.actor
        form_id = "merit_register" if kind == "merit" else "child_register"
        title = (
            self.tr("Sổ người có công – {0}")
            if kind == "merit"
            else self.tr("Sổ trẻ em có hoàn cảnh đặc biệt – {0}")
        ).format(record.full_name)
        self.register_dialog = FormDialog(
            self._runner,
            current_form(form_id),
            title,
            record.answers,
            lambda instance: registers.save_register_entry(db, kind, record.person_id, instance, actor=actor),
            parent=self,
        )
        self.register_dialog.sig_saved.connect(lambda _r: self.reload())
        self.register_dialog.show()

    def reload(self) -> None:
        db, month = self._db, self.month
        self._runner.submit(  # type: ignore[attr-defined]
            lambda _p: (
                ben.beneficiary_items(db, month),
                registers.register_rows(db, "merit"),
                registers.register_rows(db, "child"),
                ben.month_total(db, month),
            ),
            on_done=self._loaded,
        )

    def _loaded(
        self,
        result: tuple[
            list[ben.BeneficiaryItem],
            list[registers.RegisterRow],
            list[registers.RegisterRow],
            ben.MonthTotal,
        ],
    ) -> None:
        rows, merit, children, total = result
        lang = "en" if current_language() == "en" else "vi"
        marks = FigureMarks()
        self._marks.clear()
        self._notes.clear()
        for row in rows:
            mark = marks.mark(row.unverified)
            if mark:
                self._marks[row.id] = mark
                self._notes[row.id] = "\n".join(footnote_text(f, lang) for f in row.unverified)
        self.model.set_rows(rows)
        self.merit.set_rows(merit)
        self.children.set_rows(children)
        self.legend.setText("\n".join(marks.footnotes(lang)))
        self.legend.setVisible(bool(marks))
        waiting = sum(1 for r in rows if r.status_now == "not_started")
        text = self.tr("Tháng {0}: {1} người được chi trả, tổng {2} (như danh sách chi trả).").format(
            f"{total.month[5:]}/{total.month[:4]}", total.people, format_money(total.amount)
        )
        if waiting:
            text += " " + self.tr("{0} người chưa đến tháng bắt đầu hưởng.").format(waiting)
        self.summary.setText(text)
        self.sig_loaded.emit(len(rows))

    def selected(self) -> ben.BeneficiaryItem | None:
        index = self.table.currentIndex()
        return index.data(RowRole) if index.isValid() else None

    def show_history(self) -> None:
        item = self.selected()
        if item is None:
            return
        db = self._db
        self._runner.submit(lambda _p: ben.beneficiary_history(db, item.id), on_done=self._history)  # type: ignore[attr-defined]

    def _history(self, history: ben.BeneficiaryHistory) -> None:
        self.events.set_rows(list(history.events))
        self.periods.set_rows(list(history.periods))

    # -- intake ----------------------------------------------------------------------------------

    def _ask_intake(self) -> None:
        picker = PersonPicker(self._db, self)
        if picker.exec() == QDialog.DialogCode.Accepted and picker.person_id() is not None:
            self.start_intake(picker.person_id())  # type: ignore[arg-type]

    def start_intake(self, person_id: int) -> None:
        db = self._db
        self._runner.submit(
            lambda _p: ben.start_intake(db, person_id), on_done=self._open_intake, on_error=self._failed
        )  # type: ignore[attr-defined]

    def _open_intake(self, record: ben.IntakeRecord) -> None:
        db, actor = self._db, self.actor
        self.intake_dialog = FormDialog(
            self._runner,
            current_form(ben.INTAKE_FORM),
            self.tr("Tiếp nhận hồ sơ trợ cấp xã hội – {0}").format(record.full_name),
            record.answers,
            lambda instance: ben.save_intake(db, record.person_id, instance, actor=actor),
            summary=intake_summary,
            parent=self,
        )
        self.intake_dialog.sig_saved.connect(lambda _r: self.reload())
        self.intake_dialog.show()

    # -- status ----------------------------------------------------------------------------------

    def _ask_status(self) -> None:
        item = self.selected()
        if item is None:
            self.message.setText(self.tr("Chọn một đối tượng trong danh sách."))
            return
        dialog = StatusDialog(self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.change_status(
                dialog.action.currentData(),
                dialog.month_value(),
                dialog.reason.text(),
                dialog.decision.text(),
            )

    def change_status(self, action: str, month: str, reason: str, decision: str | None = None) -> None:
        item = self.selected()
        if item is None:
            return
        db, actor = self._db, self.actor
        self._runner.submit(  # type: ignore[attr-defined]
            lambda _p: ben.change_status(db, item.id, action, month, reason, decision, actor=actor),
            on_done=self._changed,
            on_error=self._failed,
        )

    def _changed(self, item: ben.BeneficiaryItem) -> None:
        self.message.setText(self.tr("Đã ghi: {0} – {1}.").format(item.full_name, status_label(item.status)))
        self.reload()
        for row in range(self.table.model().rowCount()):
            index = self.table.model().index(row, 0)
            if index.data(RowRole).id == item.id:
                self.table.setCurrentIndex(index)
                break
        self.show_history()

    def _failed(self, exc: BaseException) -> None:
        if not isinstance(exc, KnownError):
            raise exc
        en = current_language() == "en"
        self.message.setText(exc.message_en if en and exc.message_en else exc.message_vi)
