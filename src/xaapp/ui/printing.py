"""Printing lists: ``ListDocument`` → HTML pieces (``reports.html``) → pages on a printer or PDF.

The pages are cut here, not by Qt: one ``QTextDocument`` holding a whole 400-page list makes Qt's
drawing of each page walk the whole document (time per page grew with the page count: 54 s for 444
pages). Instead the list is measured once in chunks of rows, cut into pages from those heights
(each table's header rows repeated on every page it spans; a heading or title never left alone at a
page's foot), and each page is laid out and drawn as its own page-sized document: time per page is
flat. On each page this module also draws the running header of continuation pages (commune and
title), "Trang x/y" at the bottom, and for payment lists the subtotal of the amounts of the rows on
that page ("Cộng trang"). Fonts: Noto Sans from resources/fonts, registered once, so Vietnamese
prints (and is embedded in the PDF) with no system fonts.

Thread contract: use from a thread that runs a Qt event loop: the UI thread, the CLI's main thread, or
the task runner's Qt worker (``TaskRunner.submit(..., uses_qt=True)``), creating the documents and the
PDF writer in that thread. Qt's text layout and PDF writer start timers, which plain Python threads
cannot serve ("QBasicTimer::start: current thread's event dispatcher has already been destroyed").
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QMarginsF, QRectF, Qt, QUrl
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
    QTextTable,
)
from PySide6.QtSvg import QSvgRenderer

if TYPE_CHECKING:  # not imported at run time: the PDF writer and the print thread need no widgets
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
    from PySide6.QtWidgets import QWidget

from xaapp.errors import KnownError
from xaapp.paths import resource
from xaapp.reports.chart import bar_chart_svg
from xaapp.reports.document import ListDocument, Table
from xaapp.reports.html import (
    KEEP_WITH_NEXT,
    TABLE_CLOSE,
    chart_url,
    document_parts,
    header_row_count,
    page_footer,
    page_total_text,
    row_plan,
    running_header,
    table_open,
    table_rows,
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
#: Rows laid out at a time to measure their heights.
MEASURE_CHUNK = 25
#: Kept free at each page's foot (device pixels): borders round differently once the rows are apart.
SAFETY_PX = 4.0

#: Told after each page (done, total); may raise (e.g. ``tasks.Cancelled``) to stop.
PageProgress = Callable[[int, int], None]

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
    orientation = (
        QPageLayout.Orientation.Landscape
        if doc.orientation == "landscape"
        else QPageLayout.Orientation.Portrait
    )
    device.setPageLayout(
        QPageLayout(QPageSize(QPageSize.PageSizeId.A4), orientation, MARGINS_MM, QPageLayout.Unit.Millimeter)
    )


def _mm(device: QPagedPaintDevice, mm: float) -> float:
    return mm / 25.4 * device.logicalDpiY()


def _let_others_run() -> None:
    """Off the UI thread, give the UI thread a turn between two long Qt calls. Qt's HTML parsing,
    layout and painting keep the interpreter lock for their whole length (10–30 ms a page), and a
    thread that merely releases the lock often takes it straight back: a millisecond's sleep lets a
    waiting UI thread in (bench/bench_desktop.py measures the longest stall while printing)."""
    if threading.current_thread() is not threading.main_thread():
        time.sleep(0.001)


def render_svg(svg: str, width: int, height: int) -> QImage:
    image = QImage(max(width, 1), max(height, 1), QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white)
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    return image


@dataclass
class _Block:
    """A piece of the list that stays whole: a heading, a paragraph, a chart, the signatures."""

    html: str
    height: float
    keep_with_next: bool


@dataclass
class _Rows:
    """A table, cut by rows: each page it spans repeats its header rows."""

    table: Table
    opening: str  # "<table …><thead>…</thead>"
    rows: list[str]
    pitch: list[float]  # height of each row
    head: float  # from the table's top to its first body row (header rows, border)
    foot: float  # after the last row: the bottom border
    totals: list[int | None]  # each row's amount for the page subtotal (None: not added)
    gap: float = 0.0  # space above the table when something precedes it on the page
    headings: set[int] = field(default_factory=set)  # rows that head a group: never a page's last row


@dataclass
class _Page:
    """What one page shows: pieces of HTML and the table rows (part index → row range)."""

    parts: list[tuple[int, int, int]] = field(
        default_factory=list
    )  # (part, first row, end row); blocks: (i, 0, 0)
    used: float = 0.0
    total: int | None = None


class PagedList:
    """One list cut into pages for one paint device; ``paint`` draws them."""

    def __init__(self, doc: ListDocument, device: QPagedPaintDevice) -> None:
        ensure_fonts()
        self.doc = doc
        self.device = device
        rect = device.pageLayout().paintRectPixels(device.logicalDpiY())
        self.width = float(rect.width())
        self.header_h = _mm(device, HEADER_MM)
        self.footer_h = _mm(device, FOOTER_MM)
        self.body_h = float(rect.height()) - self.header_h - self.footer_h
        font = QFont(FONT_FAMILY)
        font.setPointSizeF(BASE_POINT_SIZE if doc.orientation == "portrait" else BASE_POINT_SIZE - 0.5)
        self.font = font
        # Image sizes in HTML are in 96-dpi pixels, scaled by Qt to the device; render at device resolution.
        chart_w, chart_h = int(self.width * 0.92), int(self.width * 0.92 * 0.4)
        self._charts = [render_svg(bar_chart_svg(chart), chart_w, chart_h) for chart in doc.charts]
        scale = 96.0 / device.logicalDpiY()
        html_size = (int(chart_w * scale), int(chart_h * scale))
        self._parts: list[_Block | _Rows] = [
            _Block(part, 0.0, part.startswith(KEEP_WITH_NEXT)) if isinstance(part, str) else self._rows(part)
            for part in document_parts(doc, chart_size=html_size)
        ]
        self._measure_in_sequence()
        self._pages = self._cut()
        self.pages = len(self._pages)
        self.page_totals = {i: p.total for i, p in enumerate(self._pages) if p.total is not None}

    # -- measuring -------------------------------------------------------------------------------

    def _text(self, body: str) -> QTextDocument:
        text = QTextDocument()
        text.documentLayout().setPaintDevice(self.device)
        text.setDefaultFont(self.font)
        text.setDocumentMargin(0)
        text.setTextWidth(self.width)
        for i, image in enumerate(self._charts):
            if chart_url(i) in body:
                text.addResource(QTextDocument.ResourceType.ImageResource, QUrl(chart_url(i)), image)
        text.setHtml(f'<html><head><meta charset="utf-8"/></head><body>{body}</body></html>')
        return text

    def _measure_in_sequence(self) -> None:
        """Heights of the pieces as they stand in the list: the space between two pieces depends on
        both (paragraph margins), so each piece's height is measured as what it adds to the pieces
        before it, with every table shortened to its header and first row. A piece's height then
        includes the space above it, which a page starting with it does not need: pages may end a
        little early, never overflow."""
        skeleton: list[str] = []
        before = 0.0
        for part in self._parts:
            _let_others_run()
            if isinstance(part, _Block):
                skeleton.append(part.html)
            else:
                skeleton.append(f"{part.opening}<tbody>{''.join(part.rows[:1])}</tbody>{TABLE_CLOSE}")
            height = self._text("".join(skeleton)).size().height()
            added, before = height - before, height
            if isinstance(part, _Block):
                part.height = added
            else:
                part.gap = max(added - (part.head + sum(part.pitch[:1]) + part.foot), 0.0)

    def _rows(self, table: Table) -> _Rows:
        opening, rows = table_open(table), table_rows(table)
        plan: list[int | None] = (
            row_plan(table)[header_row_count(table) :] if table.page_total_column else [None] * len(rows)
        )
        pitch: list[float] = []
        head = foot = 0.0
        header = header_row_count(table)
        for start in range(0, len(rows), MEASURE_CHUNK):
            chunk = rows[start : start + MEASURE_CHUNK + 1]  # one more: its top ends the chunk's last row
            last = start + MEASURE_CHUNK >= len(rows)
            if last:
                chunk = [*chunk, chunk[-1]]  # a copy of the last row measures the last row
            _let_others_run()
            text = self._text(f"{opening}<tbody>{''.join(chunk)}</tbody>{TABLE_CLOSE}")
            frame = next(f for f in text.rootFrame().childFrames() if isinstance(f, QTextTable))
            layout = text.documentLayout()
            tops = [
                layout.blockBoundingRect(frame.cellAt(header + r, 0).firstCursorPosition().block()).top()
                for r in range(len(chunk))
            ]
            pitch.extend(b - a for a, b in zip(tops, tops[1:], strict=False))
            if start == 0:
                head = tops[0] - layout.frameBoundingRect(frame).top()
            if last:
                foot = layout.frameBoundingRect(frame).bottom() - tops[-1] - pitch[-1]
        headings, at = set(), 0
        for group in table.groups:
            if group.title:
                headings.add(at)
                at += 1
            at += len(group.rows) + (1 if group.subtotal else 0)
        return _Rows(table, opening, rows, pitch[: len(rows)], head, max(foot, 0.0), plan, headings=headings)

    # -- cutting into pages ---------------------------------------------------------------------

    def _cut(self) -> list[_Page]:
        room = self.body_h - SAFETY_PX
        pages = [_Page()]

        def page() -> _Page:
            return pages[-1]

        def new_page() -> None:
            if page().parts:
                pages.append(_Page())

        def first_row_need(index: int) -> float:
            """Room the part at *index* needs at least (a table: its header and first row)."""
            if index >= len(self._parts):
                return 0.0
            part = self._parts[index]
            if isinstance(part, _Block):
                return part.height + (first_row_need(index + 1) if part.keep_with_next else 0.0)
            return part.gap + part.head + (part.pitch[0] if part.pitch else 0.0) + part.foot

        for index, part in enumerate(self._parts):
            if isinstance(part, _Block):
                need = part.height + (first_row_need(index + 1) if part.keep_with_next else 0.0)
                if page().used + need > room:
                    new_page()
                page().parts.append((index, 0, 0))
                page().used += part.height
                continue
            row = 0
            while row < len(part.rows):
                gap = part.gap if page().parts else 0.0
                if page().used + gap + part.head + part.pitch[row] + part.foot > room:
                    new_page()
                    gap = 0.0
                first, used = row, page().used + gap + part.head + part.foot
                while row < len(part.rows) and (row == first or used + part.pitch[row] <= room):
                    used += part.pitch[row]
                    row += 1
                if row < len(part.rows) and row - 1 in part.headings and row - 1 > first:
                    row -= 1  # a village's heading goes over with its first row
                    used -= part.pitch[row]
                page().parts.append((index, first, row))
                page().used = used
                values = [v for v in part.totals[first:row] if v is not None]
                if values:
                    page().total = (page().total or 0) + sum(values)
                if row < len(part.rows):
                    new_page()
        return pages

    def page_html(self, number: int) -> str:
        pieces = []
        for index, first, end in self._pages[number].parts:
            part = self._parts[index]
            if isinstance(part, _Block):
                pieces.append(part.html)
            else:
                pieces.append(f"{part.opening}<tbody>{''.join(part.rows[first:end])}</tbody>{TABLE_CLOSE}")
        return "".join(pieces)

    # -- painting -------------------------------------------------------------------------------

    def paint(
        self, painter: QPainter, new_page: Callable[[], bool], progress: PageProgress | None = None
    ) -> None:
        small = QFont(self.font)
        small.setPointSizeF(self.font.pointSizeF() - 1.5)
        bold = QFont(small)
        bold.setBold(True)
        for number in range(self.pages):
            if number and not new_page():
                raise KnownError("Máy in không nhận thêm trang.", "The printer refused a new page.")
            _let_others_run()
            text = self._text(self.page_html(number))
            height = text.size().height()
            _let_others_run()
            painter.save()
            painter.translate(0, self.header_h)
            if (
                height > self.body_h + 0.5
            ):  # measured heights were short: shrink rather than overlap the footer
                logger.warning(
                    "page %d: %.0f px of body in %.0f px, drawn smaller", number + 1, height, self.body_h
                )
                painter.scale(self.body_h / height, self.body_h / height)
            text.drawContents(painter, QRectF(0, 0, self.width, max(height, self.body_h)))
            painter.restore()
            del text
            painter.setFont(small)
            if number:
                painter.drawText(QRectF(0, 0, self.width, self.header_h * 0.8),
                                 Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, running_header(self.doc))  # fmt: skip
            footer = QRectF(0, self.header_h + self.body_h, self.width, self.footer_h)
            painter.drawText(
                footer,
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                page_footer(number + 1, self.pages),
            )
            if number in self.page_totals:
                painter.setFont(bold)
                painter.drawText(
                    footer,
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    page_total_text(self.page_totals[number]),
                )
            if progress is not None:
                progress(number + 1, self.pages)


def paint_on(doc: ListDocument, device: QPagedPaintDevice, progress: PageProgress | None = None) -> int:
    """Lay out and paint *doc* on a configured device (a QPrinter, a QPdfWriter). Returns pages."""
    paged = PagedList(doc, device)
    painter = QPainter()
    if not painter.begin(device):
        raise KnownError(
            "Không mở được máy in hoặc tệp PDF để ghi.", "Could not open the printer or PDF file."
        )
    try:
        paged.paint(painter, device.newPage, progress)
    finally:
        painter.end()
    return paged.pages


def write_pdf(doc: ListDocument, path: Path | str, progress: PageProgress | None = None) -> int:
    """Save *doc* as an A4 PDF with embedded fonts; returns the number of pages. If *progress* raises
    (the user cancelled), nothing is left at *path*."""
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


def print_document(doc: ListDocument, printer: QPrinter, progress: PageProgress | None = None) -> int:
    """Send *doc* to *printer* (a ``QPrinter`` the print dialog set up); returns the pages printed."""
    configure_device(printer, doc)
    return paint_on(doc, printer, progress)


def preview_dialog(doc: ListDocument, parent: QWidget | None = None) -> QPrintPreviewDialog:
    """Qt's print preview of *doc* (zoom, page setup, print): it paints every page on the UI thread,
    so it is for short lists; the Lists screen prints through ``print_document`` in the background."""
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(doc.title)
    configure_device(printer, doc)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.xaapp_printer = printer  # type: ignore[attr-defined]  # the dialog does not own it: keep it alive
    dialog.setWindowTitle(f"Xem trước khi in / Print preview – {doc.title}")
    dialog.paintRequested.connect(lambda p: paint_on(doc, p))
    return dialog
