"""Printing lists: ``ListDocument`` → HTML (``reports.html``) → ``QTextDocument`` → pages on a printer or PDF.

Qt lays the HTML out in pages and repeats each table's ``<thead>`` rows on every page. What Qt does
not do, this module draws on each page: the running header of continuation pages (commune and
title), "Trang x/y" at the bottom, and for payment lists the subtotal of the amounts on that page
("Cộng trang"), found from where Qt placed each table row. Fonts: Noto Sans from resources/fonts,
registered once, so Vietnamese prints (and is embedded in the PDF) with no system fonts.

Thread contract: use from the thread that runs the Qt application (the UI thread, or the CLI's main
thread). Qt's text layout and PDF writer start timers, which plain Python worker threads cannot serve
("QBasicTimer::start: current thread's event dispatcher has already been destroyed").
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, QMarginsF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
    QTextFrame,
    QTextTable,
)
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QWidget

from xaapp.errors import KnownError
from xaapp.paths import resource
from xaapp.reports.chart import bar_chart_svg
from xaapp.reports.document import ListDocument
from xaapp.reports.html import (
    chart_url,
    document_html,
    header_row_count,
    page_footer,
    page_total_text,
    row_plan,
    running_header,
)
from xaapp.ui.fonts import FAMILY
from xaapp.ui.fonts import FILES as FONT_FILES

logger = logging.getLogger(__name__)

FONT_FAMILY = FAMILY
#: Page margins in millimetres (left wider for binding), and the bands for running header and footer.
MARGINS_MM = QMarginsF(20, 12, 12, 12)
HEADER_MM = 7.0
FOOTER_MM = 9.0
BASE_POINT_SIZE = 10.0
PDF_DPI = 300

_fonts_loaded = False


def ensure_fonts() -> str:
    """Register the bundled Noto Sans faces (every weight used, so bold is not faked); returns the family."""
    global _fonts_loaded
    if not _fonts_loaded:
        for name in FONT_FILES:  # the faces ui.fonts registers at start-up; again here for CLI and tests
            path = resource("fonts", name)
            if QFontDatabase.addApplicationFont(str(path)) < 0:
                logger.warning("font not loaded: %s", path)
        _fonts_loaded = True
    return FONT_FAMILY


def configure_device(device: QPagedPaintDevice, doc: ListDocument) -> None:
    """A4 in the list's orientation, with the print margins."""
    orientation = QPageLayout.Landscape if doc.orientation == "landscape" else QPageLayout.Portrait
    device.setPageLayout(
        QPageLayout(QPageSize(QPageSize.A4), orientation, MARGINS_MM, QPageLayout.Millimeter)
    )


def _mm(device: QPagedPaintDevice, mm: float) -> float:
    return mm / 25.4 * device.logicalDpiY()


def _tables(frame: QTextFrame) -> list[QTextTable]:
    """Every table of the document, in document order (nested ones after their parent)."""
    out: list[QTextTable] = []
    for child in frame.childFrames():
        if isinstance(child, QTextTable):
            out.append(child)
        out.extend(_tables(child))
    return out


class PagedList:
    """One list laid out for one paint device: the text document, page size and page subtotals."""

    def __init__(self, doc: ListDocument, device: QPagedPaintDevice) -> None:
        ensure_fonts()
        self.doc = doc
        self.device = device
        rect = device.pageLayout().paintRectPixels(device.logicalDpiY())
        self.width = float(rect.width())
        self.header_h = _mm(device, HEADER_MM)
        self.footer_h = _mm(device, FOOTER_MM)
        self.body_h = float(rect.height()) - self.header_h - self.footer_h
        self.text = QTextDocument()
        self.text.documentLayout().setPaintDevice(device)
        font = QFont(FONT_FAMILY)
        font.setPointSizeF(BASE_POINT_SIZE if doc.orientation == "portrait" else BASE_POINT_SIZE - 0.5)
        self.font = font
        self.text.setDefaultFont(font)
        self.text.setDocumentMargin(0)
        # Image sizes in HTML are in 96-dpi pixels, scaled by Qt to the device; render at device resolution.
        chart_w, chart_h = int(self.width * 0.92), int(self.width * 0.92 * 0.4)
        scale = 96.0 / device.logicalDpiY()
        for i, chart in enumerate(doc.charts):
            image = render_svg(bar_chart_svg(chart), chart_w, chart_h)
            self.text.addResource(QTextDocument.ImageResource, QUrl(chart_url(i)), image)
        html_size = (int(chart_w * scale), int(chart_h * scale))
        self.text.setHtml(document_html(doc, chart_size=html_size))
        self.text.setPageSize(QSizeF(self.width, self.body_h))
        self.pages = self.text.pageCount()
        self.page_totals = self._page_totals()

    def _page_totals(self) -> dict[int, int]:
        """{page index: sum of the page-total column over the data rows that start on that page}."""
        totals: dict[int, int] = defaultdict(int)
        qt_tables = _tables(self.text.rootFrame())
        layout = self.text.documentLayout()
        for table in self.doc.tables:
            plan = row_plan(table)
            if not plan:
                continue
            match = next(
                (t for t in qt_tables if t.rows() == len(plan) and t.columns() == len(table.columns)
                 and t.format().headerRowCount() == header_row_count(table)),
                None,
            )  # fmt: skip
            if match is None:
                logger.warning("page totals: table not found in the laid-out document")
                continue
            qt_tables.remove(match)
            for r, value in enumerate(plan):
                if value is None:
                    continue
                block = match.cellAt(r, 0).firstCursorPosition().block()
                top = layout.blockBoundingRect(block).top()
                totals[int(top // self.body_h)] += value
        return dict(totals)

    def paint(
        self,
        painter: QPainter,
        new_page: Callable[[], bool],
        progress: Callable[[int, int], None] | None = None,
    ) -> None:
        small = QFont(self.font)
        small.setPointSizeF(self.font.pointSizeF() - 1.5)
        for page in range(self.pages):
            if page and not new_page():
                raise KnownError("Máy in không nhận thêm trang.", "The printer refused a new page.")
            painter.save()
            painter.translate(0, self.header_h - page * self.body_h)
            self.text.drawContents(painter, QRectF(0, page * self.body_h, self.width, self.body_h))
            painter.restore()
            painter.setFont(small)
            if page:
                painter.drawText(QRectF(0, 0, self.width, self.header_h * 0.8),
                                 Qt.AlignLeft | Qt.AlignBottom, running_header(self.doc))  # fmt: skip
            footer = QRectF(0, self.header_h + self.body_h, self.width, self.footer_h)
            painter.drawText(footer, Qt.AlignRight | Qt.AlignVCenter, page_footer(page + 1, self.pages))
            if page in self.page_totals:
                bold = QFont(small)
                bold.setBold(True)
                painter.setFont(bold)
                painter.drawText(
                    footer, Qt.AlignLeft | Qt.AlignVCenter, page_total_text(self.page_totals[page])
                )
            if progress is not None:
                progress(page + 1, self.pages)


def render_svg(svg: str, width: int, height: int) -> QImage:
    image = QImage(max(width, 1), max(height, 1), QImage.Format_ARGB32)
    image.fill(Qt.white)
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    return image


def paint_on(doc: ListDocument, device: QPagedPaintDevice) -> int:
    """Lay out and paint *doc* on a configured device (a QPrinter from the preview, a QPdfWriter). Returns pages."""
    paged = PagedList(doc, device)
    painter = QPainter()
    if not painter.begin(device):
        raise KnownError(
            "Không mở được máy in hoặc tệp PDF để ghi.", "Could not open the printer or PDF file."
        )
    try:
        paged.paint(painter, device.newPage)
    finally:
        painter.end()
    return paged.pages


def write_pdf(doc: ListDocument, path: Path | str, progress: Callable[[int, int], None] | None = None) -> int:
    """Save *doc* as an A4 PDF with embedded fonts; returns the number of pages."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    writer = QPdfWriter(str(tmp))
    writer.setResolution(PDF_DPI)
    writer.setCreator("xaapp")
    writer.setTitle(doc.title)
    configure_device(writer, doc)
    paged = PagedList(doc, writer)
    painter = QPainter()
    if not painter.begin(writer):
        raise KnownError(f"Không ghi được tệp {path}.", f"Cannot write {path}.")
    try:
        paged.paint(painter, writer.newPage, progress)
    except BaseException:
        painter.end()
        del painter, writer
        tmp.unlink(missing_ok=True)
        raise
    painter.end()
    del painter, writer
    try:
        tmp.replace(path)
    except PermissionError as exc:
        raise KnownError(
            f"Không ghi được tệp {path}: tệp đang mở ở chương trình khác.",
            f"Cannot write {path}: the file is open in another program.",
        ) from exc
    return paged.pages


def preview_dialog(doc: ListDocument, parent: QWidget | None = None) -> QPrintPreviewDialog:
    """Qt's print preview of *doc* (zoom, page setup, print); call from the UI thread."""
    printer = QPrinter(QPrinter.HighResolution)
    printer.setDocName(doc.title)
    configure_device(printer, doc)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.xaapp_printer = printer  # type: ignore[attr-defined]  # the dialog does not own it: keep it alive
    dialog.setWindowTitle(f"Xem trước khi in / Print preview – {doc.title}")
    dialog.paintRequested.connect(lambda p: paint_on(doc, p))
    return dialog
