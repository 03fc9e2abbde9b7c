"""The main window's keys and size: a screen per Ctrl+digit, Ctrl+F to the screen's search box, and a
window that fits a 1366×768 laptop and comes back at the size the officer left it.

Keys: Ctrl+1 … Ctrl+9 show the n-th screen of the navigation (in its order) and put the cursor in
it (its search box when it has one); Ctrl+F goes to the search box of the screen shown (a screen
offers one as ``focus_search()`` or a ``search`` line edit). The "Màn hình" menu lists them, so
they can be discovered without a manual.

Size: the first start opens at 1280×720 or the screen's free area, whichever is smaller (a 768-pixel
laptop screen less the task bar); the window can be resized freely down to its layouts' minimum,
and its size, place and maximized state are saved in the settings file on close and restored,
within the screen it opens on (a size left on a large monitor shrinks to fit the laptop).

Thread contract: UI thread only.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QPoint, QSettings, QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QLineEdit,
    QListWidget,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

DEFAULT_SIZE = QSize(1280, 720)
#: Room kept for the title bar and the window frame below a screen's free area.
_FRAME_ROOM = QSize(16, 40)
#: Settings group of the main window's size, place and maximized state.
WINDOW_KEY = "main/window"


def first_focusable(page: QWidget) -> QWidget | None:
    """The first widget of *page* that Tab would reach (visible, enabled, takes focus by Tab)."""
    widget = page.nextInFocusChain()
    while widget is not None and widget is not page:
        if (
            page.isAncestorOf(widget)
            and widget.isVisible()
            and widget.isEnabled()
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        ):
            return widget
        widget = widget.nextInFocusChain()
    return None


def focus_search(page: QWidget | None) -> bool:
    """Put the cursor in *page*'s search box (all of its text selected); False when it has none."""
    if page is None:
        return False
    own: Callable[[], bool] | None = getattr(page, "focus_search", None)
    if own is not None:
        return bool(own())
    search = getattr(page, "search", None)
    if isinstance(search, QLineEdit) and search.isVisible():
        search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        search.selectAll()
        return True
    return False


def install_screen_keys(window: QMainWindow, nav: QListWidget, stack: QStackedWidget) -> list[QAction]:
    """Add the "Màn hình" menu: Ctrl+1… for each screen of *nav*, Ctrl+F for the shown screen's search."""
    menu = window.menuBar().addMenu(QCoreApplication.translate("ScreenKeys", "&Màn hình"))
    actions: list[QAction] = []

    def go(row: int) -> None:
        nav.setCurrentRow(row)
        page = stack.currentWidget()
        if page is not None and not focus_search(page):
            target = first_focusable(page)
            (target or nav).setFocus(Qt.FocusReason.ShortcutFocusReason)

    for row in range(min(nav.count(), 9)):
        item = nav.item(row)
        keys = QKeySequence(f"Ctrl+{row + 1}")
        action = QAction(item.text(), window)
        action.setShortcut(keys)
        action.triggered.connect(lambda _checked=False, row=row: go(row))
        item.setToolTip(keys.toString(QKeySequence.SequenceFormat.NativeText))
        menu.addAction(action)
        actions.append(action)
    menu.addSeparator()
    find = QAction(QCoreApplication.translate("ScreenKeys", "Tìm trong danh sách"), window)
    find.setShortcut(QKeySequence("Ctrl+F"))

    def find_here() -> None:
        if not focus_search(stack.currentWidget()):
            window.statusBar().showMessage(
                QCoreApplication.translate("ScreenKeys", "Màn hình này không có ô tìm kiếm."), 4000
            )

    find.triggered.connect(lambda _checked=False: find_here())
    menu.addAction(find)
    actions.append(find)
    return actions


def fit_window(window: QWidget, settings: QSettings, key: str = WINDOW_KEY) -> None:
    """Give *window* the size and place it was left at (saved under *key*), else the default size,
    always within the free area of its screen."""
    screen = window.screen()
    free = screen.availableGeometry() if screen is not None else None
    room = free.size() - _FRAME_ROOM if free is not None else DEFAULT_SIZE
    saved = settings.value(f"{key}/size")
    size = saved if isinstance(saved, QSize) and saved.isValid() else DEFAULT_SIZE
    window.resize(size.boundedTo(room))
    place = settings.value(f"{key}/pos")
    if isinstance(place, QPoint) and free is not None and free.contains(place):
        window.move(place)
    if str(settings.value(f"{key}/maximized", "false")).lower() == "true":
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)


def save_window(window: QWidget, settings: QSettings, key: str = WINDOW_KEY) -> None:
    """Remember *window*'s size and place (its size before it was maximized, and that it was)."""
    maximized = window.isMaximized()
    geometry = (
        window.normalGeometry() if maximized and window.normalGeometry().isValid() else window.geometry()
    )
    settings.setValue(f"{key}/size", geometry.size())
    settings.setValue(f"{key}/pos", window.pos())
    settings.setValue(f"{key}/maximized", maximized)


def fit_to_screen(window: QWidget) -> None:
    """Shrink a window opened at a fixed size (a form window) to the free area of its screen."""
    screen = window.screen()
    if screen is None:
        return
    room = screen.availableGeometry().size() - _FRAME_ROOM
    if window.width() > room.width() or window.height() > room.height():
        window.resize(window.size().boundedTo(room))
