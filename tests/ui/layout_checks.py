"""What a screen looks like clipped: header texts wider than their section (elided), labels, buttons,
group and tab titles shown narrower than their text, and horizontal scroll bars on lists.

Used by tests/ui/test_laptop_layout.py at 1280×680 (and handy from a script while laying a screen out).
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QCheckBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QStyle,
    QStyleOptionHeader,
    QTabBar,
    QTableView,
    QWidget,
)

from xaapp.ui.table_fit import header_metrics


def _where(widget: QWidget) -> str:
    names = []
    while widget is not None:
        names.append(widget.objectName() or type(widget).__name__)
        widget = widget.parentWidget()
    return "/".join(reversed(names[:4]))


def elided_headers(root: QWidget) -> list[str]:
    """Horizontal header sections of *root*'s tables whose text is wider than the section shows."""
    found = []
    for header in root.findChildren(QHeaderView):
        if header.orientation() != Qt.Orientation.Horizontal or not header.isVisible():
            continue
        model = header.model()
        if model is None:
            continue
        metrics = header_metrics(header)  # bold when a selected row highlights the sections
        style = header.style()
        margin = 2 * style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
        for section in range(header.count()):
            if header.isSectionHidden(section):
                continue
            text = str(model.headerData(section, Qt.Orientation.Horizontal) or "")
            option = QStyleOptionHeader()
            option.initFrom(header)
            arrow = 0
            if header.isSortIndicatorShown() and header.sortIndicatorSection() == section:
                arrow = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, option, header) + margin
            needed = max(metrics.horizontalAdvance(line) for line in text.split("\n")) + margin + arrow
            if needed > header.sectionSize(section):
                found.append(f"{_where(header)} «{text}» {header.sectionSize(section)} < {needed}")
    return found


def clipped_cells(root: QWidget, rows: int = 40) -> list[str]:
    """Cells among the first *rows* rows of *root*'s tables whose one-line text is wider than its column."""
    found = []
    for view in root.findChildren(QTableView):
        model = view.model()
        if (
            not view.isVisible()
            or model is None
            or view.wordWrap()
            and view.verticalHeader().sectionResizeMode(0) == QHeaderView.ResizeMode.ResizeToContents
        ):
            continue
        metrics = view.fontMetrics()
        margin = 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1)
        for column in range(model.columnCount()):
            if view.isColumnHidden(column):
                continue
            width = view.columnWidth(column)
            for row in range(min(rows, model.rowCount())):
                text = str(model.index(row, column).data() or "")
                needed = metrics.horizontalAdvance(text) + margin
                if text and needed > width:
                    found.append(f"{_where(view)} cell «{text}» {width} < {needed}")
                    break
    return found


def horizontal_scroll_bars(root: QWidget) -> list[str]:
    """Lists and tables of *root* that need a horizontal scroll bar to show their columns."""
    return [
        f"{_where(area)} scrolls {area.horizontalScrollBar().maximum()} px"
        for area in root.findChildren(QAbstractScrollArea)
        if area.isVisible() and area.horizontalScrollBar().isVisible()
    ]


def clipped_texts(root: QWidget) -> list[str]:
    """Labels (not wrapped), buttons, tick boxes, group and tab titles narrower than their text."""
    found = []
    for label in root.findChildren(QLabel):
        if (
            label.isVisible()
            and label.text()
            and not label.wordWrap()
            and label.textFormat() != Qt.TextFormat.RichText
            and not label.pixmap()
            and label.minimumSizeHint().width() > label.width()
        ):
            found.append(
                f"{_where(label)} «{label.text()}» {label.width()} < {label.minimumSizeHint().width()}"
            )
    for button in root.findChildren(QAbstractButton):
        if button.isVisible() and button.text() and button.sizeHint().width() > button.width() + 1:
            if isinstance(button, QCheckBox) and button.width() >= button.minimumSizeHint().width():
                continue
            found.append(f"{_where(button)} «{button.text()}» {button.width()} < {button.sizeHint().width()}")
    for box in root.findChildren(QGroupBox):
        needed = box.fontMetrics().horizontalAdvance(box.title()) + 16
        if box.isVisible() and box.title() and needed > box.width():
            found.append(f"{_where(box)} «{box.title()}» {box.width()} < {needed}")
    for bar in root.findChildren(QTabBar):
        if not bar.isVisible():
            continue
        for i in range(bar.count()):
            hint: QSize = bar.tabSizeHint(i)
            if bar.tabRect(i).width() < hint.width() and bar.elideMode() != Qt.TextElideMode.ElideNone:
                found.append(
                    f"{_where(bar)} tab «{bar.tabText(i)}» {bar.tabRect(i).width()} < {hint.width()}"
                )
    return found


def layout_problems(root: QWidget) -> list[str]:
    QApplication.processEvents()
    return elided_headers(root) + clipped_cells(root) + horizontal_scroll_bars(root) + clipped_texts(root)
