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
from xaapp.services.review_check import (
    CheckReport,
    check_reviews,
    remember_rules,
    rules_changed,
    rules_fingerprint,
)
from xaapp.storage.db import Database
from xaapp.ui.beneficiaries.page import BeneficiariesPage
from xaapp.ui.households.page import HouseholdsPage
from xaapp.ui.i18n import LANGUAGES
from xaapp.ui.labels import class_label, role_label
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

    def check_rule_changes(self) -> bool:
        """When the rule data changed since the last check (an update, a province correction), re-derive
        the class of every final review in the background and show those whose stored class differs.
        Returns whether a check was started."""
        if not rules_changed(self._db):
            return False
        db, actor, fingerprint = self._db, self.user.username, rules_fingerprint()

        def done(report: CheckReport) -> None:
            self.rule_check_report = report
            if not report.complete:
                return  # cancelled (the window closed): checked again at the next start
            self._runner.submit(lambda _p: remember_rules(db, fingerprint, actor=actor))  # type: ignore[attr-defined]
            if report.mismatches:
                self._show_rule_check(report)

        self.rule_check_progress = self._runner.submit(  # type: ignore[attr-defined]
            lambda p: check_reviews(db, progress=p), on_done=done, uses_db=False
        )
        return True

    def _show_rule_check(self, report: CheckReport) -> None:
        lines = [
            self.tr("Hộ {0} ({1}, {2}), năm {3}: đã lưu «{4}», tính lại «{5}»").format(
                m.household_code, m.head_name, m.village, m.year, class_label(m.stored_class),
                class_label(m.derived_class) if m.derived_class else self.tr("chưa đủ thông tin") + f" – {m.missing}",
            )
            for m in report.mismatches
        ]  # fmt: skip
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Dữ liệu quy tắc đã thay đổi"))
        box.setText(
            self.tr(
                "Dữ liệu quy tắc (chuẩn nghèo, chỉ số thiếu hụt) đã thay đổi. Tính lại theo quy tắc mới, {0} phiếu "
                "đã hoàn tất có phân loại khác với phân loại đã lưu. Hãy mở từng phiếu để xem lại."
            ).format(len(report.mismatches))
        )
        box.setDetailedText("\n".join(lines))
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        self.rule_check_box = box
        box.open()

    def closeEvent(self, event: QCloseEvent) -> None:
        progress = getattr(self, "rule_check_progress", None)
        if progress is not None:
            progress.cancel()  # a long check must not hold the window open
        save_window(self, self._settings)
        self._settings.setValue("main/page", self.nav.currentRow())
        self._settings.sync()
        super().closeEvent(event)
