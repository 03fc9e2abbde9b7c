"""Tables that fit a laptop screen: columns as wide as their header and their texts, one column taking
what is left, and Tab that leaves the table instead of walking its cells.

``fit_columns`` measures the header and the display text of up to ``SAMPLE`` rows per column (fast
enough on the few thousand rows of a review year or a beneficiary list; the 20,000-row household
list keeps its fixed widths) and sets each column to that width, within a cap so that one long
text cannot push the others off screen; the *stretch* column takes the rest of the width and
elides what does not fit.

Thread contract: UI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QTableView

SAMPLE = 2000
MAX_WIDTH = 260


def keyboard_table(view: QAbstractItemView) -> None:
    """Tab and Shift+Tab move the cursor on to the next widget (arrows move within the table)."""
    view.setTabKeyNavigation(False)


def header_metrics(header: QHeaderView) -> QFontMetrics:
    """The metrics of *header*'s text as drawn: bold when a selected row highlights the sections."""
    font = QFont(header.font())
    if header.highlightSections():
        font.setBold(True)
    return QFontMetrics(font)


def column_width(view: QTableView, column: int, sample: int = SAMPLE, cap: int = MAX_WIDTH) -> int:
    """The width that shows *column*'s header and its texts (of the first *sample* rows) unclipped."""
    model = view.model()
    header = view.horizontalHeader()
    style = view.style()
    margin = 2 * style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    arrow = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, header) + margin
    title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
    widest = header_metrics(header).horizontalAdvance(title) + margin
    if view.isSortingEnabled() and header.sortIndicatorSection() == column:
        widest += arrow  # the sort arrow of the sorted column (the columns are fitted again on a new sort)
    metrics = view.fontMetrics()
    cell_margin = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1) + 2
    seen: set[str] = set()
    for row in range(min(sample, model.rowCount())):
        text = model.index(row, column).data()
        if text is None or text in seen:
            continue
        seen.add(text)
        widest = max(widest, min(cap, metrics.horizontalAdvance(str(text)) + cell_margin))
    return widest


def fit_columns(view: QTableView, stretch: int | None = None, cap: int = MAX_WIDTH) -> None:
    """Size every column of *view* to its header and texts; *stretch* takes the width that is left."""
    model = view.model()
    if model is None:
        return
    header = view.horizontalHeader()
    header.setStretchLastSection(False)
    if not header.property("xaapp_fitted"):
        header.setProperty("xaapp_fitted", True)
        header.sortIndicatorChanged.connect(lambda _c, _o: fit_columns(view, stretch, cap))
    for column in range(model.columnCount()):
        if column == stretch:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
            header.setMinimumSectionSize(min(header.minimumSectionSize(), 60))
            continue
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(column, column_width(view, column, cap=cap))
