"""The main window: navigation on the left, one screen per area, status bar with user and commune.

Each screen is built (and its module imported) the first time it is shown: start-up pays only for
the first screen, not for the review form's engine, Excel, printing or sync.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from xaapp import __version__
from xaapp.ui.i18n import LANGUAGES
from xaapp.ui.labels import role_label

if TYPE_CHECKING:
    from xaapp.services.accounts import UserRow
    from xaapp.storage.db import Database

#: (key, module, class) of each screen, in the order of the navigation list.
SCREENS: tuple[tuple[str, str, str], ...] = (
    ("households", "xaapp.ui.households.page", "HouseholdsPage"),
    ("beneficiaries", "xaapp.ui.beneficiaries.page", "BeneficiariesPage"),
    ("reviews", "xaapp.ui.reviews.page", "ReviewsPage"),
    ("lists", "xaapp.ui.lists.panel", "ListsPanel"),
    ("sync", "xaapp.ui.sync.panel", "SyncPanel"),
)


class MainWindow(QMainWindow):
    sig_language_requested = Signal(str)
    """The user picked another interface language; the app rebuilds the window in it."""

    def __init__(
        self,
        db: Database,
        runner: object,
        user: UserRow,
        commune_name: str,
        demo: bool,
        settings_path: Path,
        language: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db, self._runner, self.user = db, runner, user
        self._settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
        self.commune_label = QLabel()
        self.set_commune(commune_name, demo)

        self.nav = QListWidget()
        self.nav.setFixedWidth(190)
        self.stack = QStackedWidget()
        labels = {
            "households": self.tr("Thôn và hộ gia đình"),
            "beneficiaries": self.tr("Đối tượng bảo trợ xã hội"),
            "reviews": self.tr("Rà soát hộ nghèo"),
            "lists": self.tr("Danh sách và báo cáo"),
            "sync": self.tr("Đồng bộ"),
        }
        # Screens built by other parts of the app are listed when present in this build.
        self._screens = [s for s in SCREENS if importlib.util.find_spec(s[1]) is not None]
        self._built: dict[str, QWidget] = {}
        for key, _module, _cls in self._screens:
            self.nav.addItem(labels[key])
            self.stack.addWidget(QWidget())  # stands in until the screen is first shown
        central = QWidget()
        row = QHBoxLayout(central)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.nav.currentRowChanged.connect(self._show_page)

        self._build_menus(language)
        status = self.statusBar()
        status.addWidget(
            QLabel(self.tr("Người dùng: {0} ({1})").format(user.full_name, role_label(user.role)))
        )
        status.addPermanentWidget(self.commune_label)

        self.resize(1280, 720)
        geometry = self._settings.value("main/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        self.nav.setCurrentRow(int(self._settings.value("main/page", 0)))

    def set_commune(self, commune_name: str, demo: bool) -> None:
        """Title and status bar (the app may learn the commune after the window is shown)."""
        title = self.tr("xaapp – {0}").format(commune_name)
        if demo:
            title += self.tr(" – DỮ LIỆU MẪU")
        self.setWindowTitle(title)
        self.commune_label.setText(commune_name)

    def screen(self, key: str) -> QWidget:
        """The screen *key* of SCREENS, built on first use."""
        page = self._built.get(key)
        if page is None:
            index = next(i for i, (k, _m, _c) in enumerate(self._screens) if k == key)
            _key, module, cls = self._screens[index]
            factory = getattr(importlib.import_module(module), cls)
            if key == "sync":
                page = factory(self._db, self._runner, actor=self.user.username)
            else:
                page = factory(self._db, self._runner)
                if hasattr(page, "actor"):
                    page.actor = self.user.username
            self._built[key] = page
            current = self.stack.currentIndex()
            stand_in = self.stack.widget(index)
            self.stack.insertWidget(index, page)
            self.stack.removeWidget(stand_in)
            stand_in.deleteLater()
            self.stack.setCurrentIndex(current)
        return page

    @property
    def households(self) -> Any:
        return self.screen("households")

    @property
    def beneficiaries(self) -> Any:
        return self.screen("beneficiaries")

    @property
    def reviews(self) -> Any:
        return self.screen("reviews")

    @property
    def sync(self) -> Any:
        return self.screen("sync")

    def _build_menus(self, language: str) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&Tệp"))
        self._action(file_menu, self.tr("Làm mới"), self.reload_all, QKeySequence.StandardKey.Refresh)
        self._action(
            file_menu,
            self.tr("Mở thư mục dữ liệu"),
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._db.path.parent))),
        )
        file_menu.addSeparator()
        self._action(file_menu, self.tr("Thoát"), self.close, QKeySequence.StandardKey.Quit)
        lang_menu = self.menuBar().addMenu(self.tr("&Ngôn ngữ / Language"))
        group = QActionGroup(self)
        for code, name in LANGUAGES.items():
            act = QAction(name, self, checkable=True)
            act.setChecked(code == language)
            act.triggered.connect(lambda _c=False, code=code: self.sig_language_requested.emit(code))
            group.addAction(act)
            lang_menu.addAction(act)
        help_menu = self.menuBar().addMenu(self.tr("Trợ &giúp"))
        self._action(help_menu, self.tr("Giới thiệu xaapp"), self._about)

    def _action(
        self,
        menu: object,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence.StandardKey | None = None,
    ) -> QAction:
        act = QAction(text, self)
        if shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
        act.triggered.connect(lambda _c=False: slot())
        menu.addAction(act)  # type: ignore[attr-defined]
        return act

    def _show_page(self, row: int) -> None:
        if row < 0 or row >= len(self._screens):
            return
        page = self.screen(self._screens[row][0])
        self.stack.setCurrentIndex(row)
        reload = getattr(page, "reload", None)
        if reload is not None:
            if getattr(self._db, "opening", False):  # the data file is still opening: load after it started
                QTimer.singleShot(0, reload)
            else:
                reload()

    def reload_all(self) -> None:
        self._show_page(self.nav.currentRow())

    def _about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("Giới thiệu xaapp"),
            self.tr(
                "<b>xaapp {0}</b><br>Rà soát hộ nghèo, cận nghèo và quản lý đối tượng bảo trợ xã hội cấp xã, "
                "làm việc không cần mạng.<br>Tệp dữ liệu: {1}"
            ).format(__version__, self._db.path),
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        self._settings.setValue("main/geometry", self.saveGeometry())
        self._settings.setValue("main/page", self.nav.currentRow())
        self._settings.sync()
        super().closeEvent(event)
