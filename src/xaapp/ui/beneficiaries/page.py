"""Social assistance: beneficiaries with their monthly amount, intake through the social-assistance form
(amount and breakdown shown as the answers allow), status changes with reason and effective month,
each one's history; and the registers of people with merit and of children in special circumstances.

Each tab's list has a search box (Ctrl+F; name, village, clause or status, accents optional; ↓ goes
into the list). An allowance paid as the social pension (Luật BHXH 2024: the higher of the two is
paid) has no coefficient: its row says so instead of showing 0.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from xaapp.domain.text import format_date, format_money, name_sort_key
from xaapp.errors import KnownError
from xaapp.rules.figure_marks import FigureMarks, footnote_text
from xaapp.services import beneficiaries as ben
from xaapp.services import registers
from xaapp.services.reviews import current_form
from xaapp.storage.db import Database
from xaapp.ui.beneficiaries.dialogs import PersonPicker, StatusDialog
from xaapp.ui.beneficiaries.intake import choice_label, intake_summary
from xaapp.ui.beneficiaries.tables import AMOUNT_COLUMN, MarkedTableModel, list_table, searchable
from xaapp.ui.i18n import current_language
from xaapp.ui.interview.form_dialog import FormDialog
from xaapp.ui.labels import coefficient_label, event_label, status_label
from xaapp.ui.list_filter import focus_box
from xaapp.ui.models.household_table import RowRole
from xaapp.ui.models.record_table import ColumnSpec, RecordTableModel
from xaapp.ui.table_fit import fit_columns
from xaapp.ui.tasks import Runner

__all__ = ["AMOUNT_COLUMN", "BeneficiariesPage", "PersonPicker", "choice_label", "intake_summary"]


class BeneficiariesPage(QWidget):
    sig_loaded = Signal(int)
    """The list reached the view (number of beneficiaries)."""

    def __init__(self, db: Database, runner: Runner, parent: QWidget | None = None) -> None:
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
                ColumnSpec(
                    self.tr("Hệ số"), lambda p: coefficient_label(p.coefficient), lambda p: p.coefficient
                ),
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
        self.child_records: RecordTableModel[registers.RegisterRow] = RecordTableModel(
            register_columns("child_register", "child_group"), self
        )

        self.summary = QLabel()
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        self.legend.setStyleSheet("color: #8a4b00")
        self.legend.setVisible(False)
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # names and messages as typed, never markup
        self.message.setWordWrap(True)
        self.table = list_table(self.model, self)
        self.table.selectionModel().currentRowChanged.connect(lambda _c, _p: self.show_history())
        listed, self.search = searchable(self.table, self._open_history)
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
        self.history = QTabWidget()
        self.history_tables = [list_table(self.events, self), list_table(self.periods, self)]
        self.history.addTab(self.history_tables[0], self.tr("Lịch sử thay đổi"))
        self.history.addTab(self.history_tables[1], self.tr("Mức hưởng theo thời gian"))
        self.history.setMaximumHeight(200)
        main = QWidget()
        column = QVBoxLayout(main)
        column.addLayout(top)
        column.addWidget(listed, 1)
        column.addWidget(self.legend)
        column.addWidget(self.history)
        column.addWidget(self.message)
        self.register_dialog: FormDialog | None = None
        self.searches: list[QLineEdit] = [self.search]
        self.tables: list[QTableView] = [self.table]
        self.tabs = QTabWidget()
        self.tabs.addTab(main, self.tr("Bảo trợ xã hội"))
        self.tabs.addTab(
            self._register_tab(self.merit, self.tr("Ghi vào sổ người có công…"), "merit"),
            self.tr("Người có công"),
        )
        self.tabs.addTab(
            self._register_tab(self.child_records, self.tr("Ghi vào sổ trẻ em…"), "child"),
            self.tr("Trẻ em có hoàn cảnh đặc biệt"),
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    def _register_tab(self, model: RecordTableModel, button_text: str, kind: str) -> QWidget:
        tab = QWidget()
        button = QPushButton(button_text)
        button.clicked.connect(lambda: self._ask_register(kind))
        table = list_table(model, self)

        def open_entry() -> None:  # Enter on a person: their register form
            index = table.currentIndex()
            if index.isValid():
                self.start_register_entry(kind, index.data(RowRole).person_id)

        listed, box = searchable(table, open_entry)
        table.activated.connect(lambda _i: open_entry())
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(button)
        column = QVBoxLayout(tab)
        column.addLayout(row)
        column.addWidget(listed, 1)
        self.searches.append(box)
        self.tables.append(table)
        return tab

    def focus_search(self) -> bool:
        """Ctrl+F: the search box of the tab shown."""
        return focus_box(self.searches[self.tabs.currentIndex()])

    def _open_history(self) -> None:
        """Enter on a beneficiary: the cursor goes to their history below the list."""
        self.show_history()
        self.history_tables[self.history.currentIndex()].setFocus(Qt.FocusReason.OtherFocusReason)

    def _ask_register(self, kind: str) -> None:
        picker = PersonPicker(self._db, self)
        if picker.exec() == QDialog.DialogCode.Accepted and picker.person_id() is not None:
            self.start_register_entry(kind, picker.person_id())  # type: ignore[arg-type]

    def start_register_entry(self, kind: str, person_id: int) -> None:
        """Open the merit or children register form for a person of the register."""
        db = self._db
        self._runner.submit(
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
        self._runner.submit(
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
        self.child_records.set_rows(children)
        for table in self.tables:
            fit_columns(table, stretch=0)
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
        self._runner.submit(lambda _p: ben.beneficiary_history(db, item.id), on_done=self._history)

    def _history(self, history: ben.BeneficiaryHistory) -> None:
        self.events.set_rows(list(history.events))
        self.periods.set_rows(list(history.periods))
        fit_columns(self.history_tables[0], stretch=2)
        fit_columns(self.history_tables[1], stretch=4)

    # -- intake ----------------------------------------------------------------------------------

    def _ask_intake(self) -> None:
        picker = PersonPicker(self._db, self)
        if picker.exec() == QDialog.DialogCode.Accepted and picker.person_id() is not None:
            self.start_intake(picker.person_id())  # type: ignore[arg-type]

    def start_intake(self, person_id: int) -> None:
        db = self._db
        self._runner.submit(
            lambda _p: ben.start_intake(db, person_id), on_done=self._open_intake, on_error=self._failed
        )

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
        born = format_date(item.dob) if item.dob else ""
        dialog = StatusDialog(item.full_name, ", ".join(x for x in (born, item.village) if x), self)
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
        self._runner.submit(
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
