"""The main window: navigation on the left, one screen per area, status bar with user and commune."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QUrl, Signal
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
from xaapp.services.accounts import UserRow
from xaapp.storage.db import Database
from xaapp.ui.beneficiaries.page import BeneficiariesPage
from xaapp.ui.households.page import HouseholdsPage
from xaapp.ui.i18n import LANGUAGES
from xaapp.ui.labels import role_label
from xaapp.ui.look import install_focus_style
from xaapp.ui.reviews.page import ReviewsPage
from xaapp.ui.shortcuts import fit_window, install_screen_keys, save_window
from xaapp.ui.sync.panel import SyncPanel


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
        title = self.tr("xaapp – {0}").format(commune_name)
        if demo:
            title += self.tr(" – DỮ LIỆU MẪU")
        self.setWindowTitle(title)

        self.nav = QListWidget()
        self.stack = QStackedWidget()
        self.households = HouseholdsPage(db, runner)
        self.households.actor = user.username
        self.beneficiaries = BeneficiariesPage(db, runner)
        self.beneficiaries.actor = user.username
        self.reviews = ReviewsPage(db, runner)
        self.reviews.actor = user.username
        self.sync = SyncPanel(db, runner, actor=user.username)
        self.pages: list[tuple[str, QWidget]] = [
            (self.tr("Thôn và hộ gia đình"), self.households),
            (self.tr("Đối tượng bảo trợ xã hội"), self.beneficiaries),
            (self.tr("Rà soát hộ nghèo"), self.reviews),
        ]
        lists = self._optional_page("xaapp.ui.lists.panel", "ListsPanel")
        if lists is not None:
            self.pages.append((self.tr("Danh sách và báo cáo"), lists))
        self.pages.append((self.tr("Đồng bộ"), self.sync))
        for label, page in self.pages:
            self.nav.addItem(label)
            self.stack.addWidget(page)
        self.nav.setFixedWidth(self.nav.sizeHintForColumn(0) + 2 * self.nav.frameWidth() + 12)
        central = QWidget()
        row = QHBoxLayout(central)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.nav.currentRowChanged.connect(self._show_page)

        self._build_menus(language)
        install_screen_keys(self, self.nav, self.stack)  # Ctrl+1… per screen, Ctrl+F to its search box
        install_focus_style()
        status = self.statusBar()
        user_label = QLabel(self.tr("Người dùng: {0} ({1})").format(user.full_name, role_label(user.role)))
        user_label.setTextFormat(Qt.TextFormat.PlainText)  # the name as typed, never markup
        status.addWidget(user_label)
        status.addPermanentWidget(QLabel(commune_name))

        fit_window(self, self._settings)  # fits a 1366×768 laptop; comes back at the size it was left
        self.nav.setCurrentRow(int(self._settings.value("main/page", 0)))

    def _optional_page(self, module: str, cls: str) -> QWidget | None:
        """Screens built by other parts of the app are added when present in this build."""
        import importlib

        try:
            factory = getattr(importlib.import_module(module), cls)
        except ImportError:
            return None
        page: QWidget = factory(self._db, self._runner)
        return page

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
        if row < 0:
            return
        self.stack.setCurrentIndex(row)
        page = self.stack.currentWidget()
        reload = getattr(page, "reload", None)
        if reload is not None:
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
        save_window(self, self._settings)
        self._settings.setValue("main/page", self.nav.currentRow())
        self._settings.sync()
        super().closeEvent(event)
