"""The main window: navigation on the left, one screen per area, status bar with user and commune.

Each screen is built (and its module imported) the first time it is shown: start-up pays only for
the first screen, not for the review form's engine, Excel, printing or sync. While the data file is
still opening, the first screen's loading waits for the window's first paint (``after_first_paint``):
the database worker's imports would otherwise compete with drawing it.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from xaapp import __version__
from xaapp.ui.i18n import LANGUAGES
from xaapp.ui.labels import role_label
from xaapp.ui.look import install_focus_style
from xaapp.ui.shortcuts import fit_window, install_screen_keys, save_window
from xaapp.ui.tasks import Runner

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent, QPaintEvent

    from xaapp.services.accounts import UserRow
    from xaapp.services.review_check import CheckReport
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
    #: Work waiting for the first paint runs this long after the window was shown if no paint came
    #: (a window started minimised is not painted until it is restored).
    PAINT_WAIT_MS = 500

    def __init__(
        self,
        db: Database,
        runner: Runner,
        user: UserRow,
        commune_name: str,
        demo: bool,
        settings_path: Path,
        language: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db, self._runner, self.user = db, runner, user
        self._after_paint: list[Callable[[], object]] | None = []  # None once the window has been painted
        self._settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
        self.commune_label = QLabel()
        self.set_commune(commune_name, demo)

        self.nav = QListWidget()
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
        status.addPermanentWidget(self.commune_label)

        fit_window(self, self._settings)  # fits a 1366×768 laptop; comes back at the size it was left
        self.nav.setCurrentRow(int(str(self._settings.value("main/page", 0))))

    def after_first_paint(self, work: Callable[[], object], first: bool = False) -> None:
        """Run *work* on the event loop's turn after the window's first paint (or soon, if it was painted);
        *first*: before the work already waiting (opening the data file before the first screen loads)."""
        if self._after_paint is None:
            QTimer.singleShot(0, work)
            return
        if not self._after_paint:
            QTimer.singleShot(self.PAINT_WAIT_MS, self._painted)
        self._after_paint.insert(0 if first else len(self._after_paint), work)

    def _painted(self) -> None:
        waiting, self._after_paint = self._after_paint or [], None
        for work in waiting:
            QTimer.singleShot(0, work)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._after_paint is not None:
            self._painted()

    def set_commune(self, commune_name: str, demo: bool) -> None:
        """Title and status bar (the app may learn the commune after the window is shown)."""
        title = self.tr("xaapp – {0}").format(commune_name)
        if demo:
            title += self.tr(" – DỮ LIỆU MẪU")
        self.setWindowTitle(title)
        self.commune_label.setText(commune_name)

    def screen_page(self, key: str) -> QWidget:
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
            if stand_in is not None:
                self.stack.removeWidget(stand_in)
                stand_in.deleteLater()
            self.stack.setCurrentIndex(current)
        return page

    @property
    def households(self) -> Any:
        return self.screen_page("households")

    @property
    def beneficiaries(self) -> Any:
        return self.screen_page("beneficiaries")

    @property
    def reviews(self) -> Any:
        return self.screen_page("reviews")

    @property
    def sync(self) -> Any:
        return self.screen_page("sync")

    def _build_menus(self, language: str) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&Tệp"))
        self._action(file_menu, self.tr("Làm mới"), self.reload_all, QKeySequence.StandardKey.Refresh)
        self._action(
            file_menu,
            self.tr("Mở thư mục dữ liệu"),
            self._open_data_folder,
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

    def _open_data_folder(self) -> None:
        from PySide6.QtCore import QUrl  # what only an action uses is imported when it is taken
        from PySide6.QtGui import QDesktopServices

        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._db.path.parent)))

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
        page = self.screen_page(self._screens[row][0])
        self.stack.setCurrentIndex(row)
        reload = getattr(page, "reload", None)
        if reload is not None:
            if getattr(self._db, "opening", False):  # the data file is still opening: load once drawn
                self.after_first_paint(reload)
            else:
                reload()

    def reload_all(self) -> None:
        self._show_page(self.nav.currentRow())

    def _about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

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
        from xaapp.services.review_check import check_reviews
        from xaapp.services.rules_fingerprint import remember_rules, rules_changed, rules_fingerprint

        if not rules_changed(self._db):
            return False
        db, actor, fingerprint = self._db, self.user.username, rules_fingerprint()

        def done(report: CheckReport) -> None:
            self.rule_check_report = report
            if not report.complete:
                return  # cancelled (the window closed): checked again at the next start
            self._runner.submit(lambda _p: remember_rules(db, fingerprint, actor=actor))
            if report.mismatches:
                self._show_rule_check(report)

        self.rule_check_progress = self._runner.submit(
            lambda p: check_reviews(db, progress=p), on_done=done, uses_db=False
        )
        return True

    def _show_rule_check(self, report: CheckReport) -> None:
        from PySide6.QtWidgets import QMessageBox

        from xaapp.ui.labels import class_label

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
