"""The Lists screen: choose a list, year or month, village; preview it; print; save as PDF or Excel.

Rows are gathered and xlsx files written by TaskRunner tasks (services only, no Qt); PDF pages are
laid out and painted on the runner's Qt worker thread (``uses_qt``, see ``ui.printing``), and so is
printing once the print dialog has chosen the printer: the window stays responsive, the progress bar
moves page by page, and "Dừng" stops the job (no half-written file is left). The preview is the
list's HTML in a text browser (instant even for a large commune).
Once shown, the preview follows the choices: another list, year, month or village replaces it (a moment after the
last change), and the old list is cleared at once so that it can never be printed for the new choice.

Thread contract: UI thread only.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer, QUrl, Signal
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from xaapp.errors import KnownError
from xaapp.reports.chart import bar_chart_svg
from xaapp.reports.document import ListDocument
from xaapp.reports.html import chart_url, document_html
from xaapp.services.list_documents import LISTS, build_document
from xaapp.services.listing import villages
from xaapp.services.listing_chunks import let_go
from xaapp.storage.db import Database
from xaapp.ui.lists.report_sent import ReportSentBar
from xaapp.ui.tasks import Cancelled, Progress, Runner, full_gc_paused

logger = logging.getLogger(__name__)


def _document_task(db: Database, key: str, year: int, month: str, village_id: int | None):
    @full_gc_paused()
    def run(progress: Any) -> ListDocument:
        progress.set_text("Đang lấy dữ liệu… / Gathering the rows…")
        spec = LISTS[key]
        return build_document(db, key, year=year if spec.needs == "year" else None,
                              month=month if spec.needs == "month" else None, village_id=village_id)  # fmt: skip

    return run


def export_task(db: Database, key: str, year: int, month: str, village_id: int | None, path: Path):
    """A task function: build the list and write it as xlsx to *path* (no Qt objects: runs on a worker)."""
    build = _document_task(db, key, year, month, village_id)

    @full_gc_paused()
    def run(progress: Any) -> tuple[Path, int]:
        from xaapp.services.exports import write_xlsx  # openpyxl loads on the worker, on first export

        doc = build(progress)
        try:
            progress.check()
            progress.set_text("Đang ghi tệp Excel… / Writing the Excel file…")
            count = doc.row_count()
            progress.set_range(max(count, 1))

            def rows_written(done: int) -> None:
                progress.check()  # the user may stop it here; the temporary file is removed
                progress.advance(done)
                # The writer's many small file writes each let go of the interpreter lock and take it
                # straight back, before a thread waiting for it wakes (a convoy): the UI thread waited
                # up to half a second at 100,000 households. A millisecond's sleep hands it over.
                time.sleep(0.001)

            write_xlsx(doc, path, rows_written)
        finally:
            held = _document_parts(doc)
            del doc
            let_go(held)  # 20,000 rows freed at once would hold the UI thread too
        return path, count

    return run


def _document_parts(doc: ListDocument) -> list[object]:
    """*doc* and its groups' rows, for ``let_go``: the document goes first, then its rows a slice at a time."""
    return [doc, *(group.rows for table in doc.tables for group in table.groups)]


def _page_progress(progress: Any, text: str):
    """Report pages to *progress* and stop at the next page when it was cancelled."""
    progress.set_text(text)

    def pages(done: int, total: int) -> None:
        progress.check()
        if progress.total != total:
            progress.set_range(total)
        progress.advance(done - progress.done)

    return pages


def pdf_task(doc: ListDocument, path: Path):
    """A task function for a plain worker: write *doc* as a PDF at *path* in a child process
    (``ui.pdf_process``: Qt's layout and painting would hold the interpreter lock, and so the UI thread)."""

    held = [doc]  # the task's only hold of it: let go of in slices once the PDF is written

    def run(progress: Any) -> tuple[Path, int]:
        from xaapp.ui.pdf_process import write_pdf_in_child

        doc = held.pop()
        try:
            pages = write_pdf_in_child(doc, path, _page_progress(progress, "Đang tạo PDF… / Making the PDF…"))
        finally:
            parts = _document_parts(doc)
            del doc
            let_go(parts)
        return path, pages

    return run


def print_task(doc: ListDocument, printer: Any):
    """A task function for the runner's Qt worker: print *doc* on *printer* (set up by the print dialog)."""

    @full_gc_paused()
    def run(progress: Any) -> int:
        from xaapp.ui.printing import print_document

        return print_document(doc, printer, _page_progress(progress, "Đang in… / Printing…"))

    return run


class ListsPanel(QWidget):
    sig_exported = Signal(str)
    """A file was written (its path)."""
    sig_printed = Signal(int)
    """A list went to the printer (its page count)."""

    def __init__(self, db: Database, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db, self._runner = db, runner
        self.document: ListDocument | None = None
        self.last_error: str = ""

        self.list_combo = QComboBox()
        for spec in LISTS.values():
            self.list_combo.addItem(self.tr(spec.title_vi), spec.key)
        today = dt.date.today()
        self.year_spin = QSpinBox()
        self.year_spin.setRange(2015, 2100)
        self.year_spin.setValue(today.year)
        self.month_spin = QSpinBox()
        self.month_spin.setRange(1, 12)
        self.month_spin.setValue(today.month)
        self.month_label = QLabel(self.tr("Tháng"))
        self.village_combo = QComboBox()
        self.preview_button = QPushButton(self.tr("Xem trước"))
        self.print_button = QPushButton(self.tr("In…"))
        self.pdf_button = QPushButton(self.tr("Xuất PDF…"))
        self.xlsx_button = QPushButton(self.tr("Xuất Excel…"))
        self.import_button = QPushButton(self.tr("Nhập từ Excel…"))
        self.stop_button = QPushButton(self.tr("Dừng"))
        self.stop_button.setVisible(False)
        self._job: Progress | None = None  # the running task, to stop it
        self._printer: Any = None  # kept alive while the worker prints on it
        self.browser = QTextBrowser()
        self.browser.setTabChangesFocus(True)  # Tab leaves the preview (not its links)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.actor = "system"  # the signed-in officer (set by the main window)
        self.report_bar = ReportSentBar(db, lambda: self.actor)  # the year's report to the province

        controls = QHBoxLayout()
        controls.addWidget(QLabel(self.tr("Danh sách")))
        controls.addWidget(self.list_combo, 2)
        controls.addWidget(QLabel(self.tr("Năm")))
        controls.addWidget(self.year_spin)
        controls.addWidget(self.month_label)
        controls.addWidget(self.month_spin)
        controls.addWidget(QLabel(self.tr("Thôn")))
        controls.addWidget(self.village_combo, 1)
        buttons = QHBoxLayout()
        for b in (self.preview_button, self.print_button, self.pdf_button, self.xlsx_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addLayout(buttons)
        layout.addWidget(self.report_bar)
        layout.addWidget(self.browser, 1)
        bar = QHBoxLayout()
        bar.addWidget(self.progress, 1)
        bar.addWidget(self.stop_button)
        layout.addLayout(bar)
        layout.addWidget(self.status)

        self.list_combo.currentIndexChanged.connect(self._list_changed)
        self._requests = 0  # previews asked for; a late answer to an older one is dropped
        self._follow = QTimer(self)
        self._follow.setSingleShot(True)
        self._follow.setInterval(300)
        self._follow.timeout.connect(self.show_preview)
        for changed in (self.list_combo.currentIndexChanged, self.year_spin.valueChanged,
                        self.month_spin.valueChanged, self.village_combo.currentIndexChanged):  # fmt: skip
            changed.connect(self._choice_changed)
        self.preview_button.clicked.connect(self.show_preview)
        self.print_button.clicked.connect(self.print_list)
        self.stop_button.clicked.connect(self.stop)
        self.pdf_button.clicked.connect(lambda: self._ask_and_export("pdf"))
        self.xlsx_button.clicked.connect(lambda: self._ask_and_export("xlsx"))
        self.import_button.clicked.connect(self.open_import_wizard)
        self.year_spin.valueChanged.connect(self.report_bar.set_year)
        self.report_bar.set_year(self.year_spin.value())
        self.reload()
        self._list_changed()

    # --- state -------------------------------------------------------------------------------

    def reload(self) -> None:
        """Refresh the village choices and the report's state (when the main window shows the screen)."""
        self.report_bar.refresh()
        current = self.village_combo.currentData()
        self.village_combo.blockSignals(True)  # the same village chosen again is no new choice
        self.village_combo.clear()
        self.village_combo.addItem(self.tr("Tất cả các thôn"), None)
        for village in villages(self._db):
            self.village_combo.addItem(village.name, village.id)
        index = self.village_combo.findData(current)
        self.village_combo.setCurrentIndex(max(index, 0))
        self.village_combo.blockSignals(False)
        if self.village_combo.currentData() != current:
            self._choice_changed()

    def select(
        self, key: str, year: int | None = None, month: int | None = None, village_id: int | None = None
    ) -> None:
        """Set the choices (for the main window's shortcuts and for tests)."""
        self.list_combo.setCurrentIndex(self.list_combo.findData(key))
        if year is not None:
            self.year_spin.setValue(year)
        if month is not None:
            self.month_spin.setValue(month)
        self.village_combo.setCurrentIndex(max(self.village_combo.findData(village_id), 0))

    def _choice_changed(self) -> None:
        """The preview follows the choices: the shown list is cleared now and rebuilt shortly."""
        if not self._requests:  # nothing previewed yet
            return
        self.document = None
        self.browser.clear()
        self.status.setText(self.tr("Đang tạo lại bản xem trước cho lựa chọn mới…"))
        self._follow.start()

    def _list_changed(self) -> None:
        needs_month = LISTS[self.key].needs == "month"
        self.month_spin.setVisible(needs_month)
        self.month_label.setVisible(needs_month)

    @property
    def key(self) -> str:
        return str(self.list_combo.currentData())

    def _choice(self) -> tuple[str, int, str, int | None]:
        year = self.year_spin.value()
        return self.key, year, f"{year:04d}-{self.month_spin.value():02d}", self.village_combo.currentData()

    def _busy(self, busy: bool) -> None:
        for b in (self.preview_button, self.print_button, self.pdf_button, self.xlsx_button):
            b.setEnabled(not busy)
        self.progress.setVisible(busy)
        self.stop_button.setVisible(busy)
        if busy:
            self.progress.setRange(0, 0)
        else:
            self._job = None

    def stop(self) -> None:
        """Stop the running export or print at its next page (or village, for Excel)."""
        if self._job is not None:
            self._job.cancel()

    def _on_progress(self, text: str, done: int, total: int) -> None:
        self.status.setText(text)
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))

    def _on_error(self, exc: BaseException) -> None:
        self._busy(False)
        self._printer = None
        if isinstance(exc, Cancelled):
            self.last_error = ""
            self.status.setText(self.tr("Đã dừng; không có tệp nào được ghi."))
            return
        if isinstance(exc, KnownError):
            self.last_error = str(exc)
        else:
            logger.error("list task failed", exc_info=exc)
            self.last_error = self.tr("Lỗi không mong đợi / Unexpected error: {0}").format(exc)
        self.status.setText(self.last_error)

    # --- actions -----------------------------------------------------------------------------

    def show_preview(self) -> None:
        key, year, month, village_id = self._choice()
        self._follow.stop()
        self._requests += 1
        request = self._requests
        self._busy(True)
        self._runner.submit(_document_task(self._db, key, year, month, village_id),
                            on_done=lambda doc: self._show_document(doc, request),
                            on_error=self._on_error, on_progress=self._on_progress)  # fmt: skip

    def _show_document(self, doc: ListDocument, request: int | None = None) -> None:
        if request is not None and request != self._requests:
            return  # the choices changed since: a newer preview is on its way
        self._busy(False)
        self.document = doc
        from xaapp.ui.printing import render_svg

        page: QTextDocument = self.browser.document()
        for i, chart in enumerate(doc.charts):
            image = render_svg(bar_chart_svg(chart), 900, 360)
            page.addResource(QTextDocument.ResourceType.ImageResource, QUrl(chart_url(i)), image)
        self.browser.setHtml(document_html(doc))
        text = self.tr("{0}: {1} dòng.").format(doc.title, doc.row_count())
        if doc.footnotes:  # marks (¹) on values resting on rule figures not verified
            text += " " + self.tr(
                "Có số liệu dựa trên quy định chưa xác minh (¹): xem chú thích cuối danh sách."
            )
        self.status.setText(text)

    def print_list(self) -> None:
        """Gather the chosen list, ask for the printer, then print it in the background."""
        key, year, month, village_id = self._choice()
        self._busy(True)
        self._job = self._runner.submit(_document_task(self._db, key, year, month, village_id),
                                        on_done=self._ask_printer, on_error=self._on_error,
                                        on_progress=self._on_progress)  # fmt: skip

    def _ask_printer(self, doc: ListDocument) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        self._busy(False)
        self.document = doc
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(doc.title)
        if QPrintDialog(printer, self).exec() == QPrintDialog.DialogCode.Accepted:
            self.print_to(doc, printer)

    def print_to(self, doc: ListDocument, printer: Any) -> None:
        """Print *doc* on *printer* (a ``QPrinter`` already set up) on the runner's Qt worker."""
        self._busy(True)
        self._printer = printer
        self._job = self._runner.submit(print_task(doc, printer), uses_qt=True, on_done=self._printed,
                                        on_error=self._on_error, on_progress=self._on_progress)  # fmt: skip

    def _printed(self, pages: int) -> None:
        self._busy(False)
        self._printer = None
        self.status.setText(self.tr("Đã gửi {0} trang tới máy in.").format(pages))
        self.sig_printed.emit(pages)

    def open_import_wizard(self) -> None:
        from xaapp.ui.lists.import_wizard import ImportWizard

        wizard = ImportWizard(self._db, self._runner, self)
        wizard.exec()
        self.reload()

    def _ask_and_export(self, fmt: str) -> None:
        spec = LISTS[self.key]
        suffix = "PDF (*.pdf)" if fmt == "pdf" else "Excel (*.xlsx)"
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Lưu danh sách"), f"{spec.key}.{fmt}", suffix)
        if name:
            self.export_to(Path(name), fmt)

    def export_to(self, path: Path, fmt: str) -> None:
        """Write the chosen list to *path* as "pdf" or "xlsx", in the background.

        Rows are gathered (and xlsx written) on the runner's workers; the PDF pages are laid out and
        painted in a child process (``pdf_task``)."""
        key, year, month, village_id = self._choice()
        self._busy(True)
        if fmt == "pdf":
            self._job = self._runner.submit(_document_task(self._db, key, year, month, village_id),
                                            on_done=lambda doc: self._write_pdf(doc, path), on_error=self._on_error,
                                            on_progress=self._on_progress)  # fmt: skip
            return
        self._job = self._runner.submit(export_task(self._db, key, year, month, village_id, path),
                                        on_done=self._exported, on_error=self._on_error,
                                        on_progress=self._on_progress)  # fmt: skip

    def _write_pdf(self, doc: ListDocument, path: Path) -> None:
        if self._job is not None and self._job.cancelled():
            self._on_error(Cancelled())
            return
        self._job = self._runner.submit(pdf_task(doc, path), uses_db=False, on_done=self._exported,
                                        on_error=self._on_error, on_progress=self._on_progress)  # fmt: skip

    def _exported(self, result: tuple[Path, int]) -> None:
        self._busy(False)
        path, count = result
        unit = self.tr("trang") if path.suffix.lower() == ".pdf" else self.tr("dòng")
        self.status.setText(self.tr("Đã lưu {0} ({1} {2}).").format(path, count, unit))
        self.sig_exported.emit(str(path))
