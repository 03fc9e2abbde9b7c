"""Composition root of the desktop app: config → logging → Qt → fonts/language → database → setup/login → window.

The only module that knows every concrete class. Nothing here is worth unit-testing on its own;
``tests/ui/test_app_start.py`` runs it end to end offscreen.
"""

from __future__ import annotations

import logging
import sys
import time

from xaapp.config import AppConfig, setup_logging
from xaapp.errors import KnownError

logger = logging.getLogger(__name__)


class DesktopApp:
    """Holds the long-lived objects of one GUI run (no global state elsewhere)."""

    def __init__(self, config: AppConfig, language: str | None = None) -> None:
        from PySide6.QtGui import QIcon
        from PySide6.QtWidgets import QApplication

        from xaapp.paths import resource
        from xaapp.ui.crash import install_excepthook
        from xaapp.ui.fonts import load_fonts
        from xaapp.ui.tasks import TaskRunner

        self.started = time.perf_counter()
        self.config = config
        self.log_path = setup_logging(config)
        self.qt = QApplication.instance() or QApplication(sys.argv[:1])
        self.qt.setApplicationName("xaapp")
        self.qt.setOrganizationName("xaapp")
        self.qt.setWindowIcon(QIcon(str(resource("icons", "xaapp.svg"))))  # every window; the menu entry's icon
        install_excepthook(str(self.log_path))
        load_fonts(self.qt)  # type: ignore[arg-type]
        self.runner = TaskRunner()
        self.qt.aboutToQuit.connect(self.runner.shutdown)
        self.requested_language = language
        self.db = None
        self.window = None
        self.user = None

    def open(self) -> bool:
        """Open the database, run first-run setup or login; False when the user cancelled or it failed."""
        from xaapp.services import settings
        from xaapp.services.accounts import needs_setup
        from xaapp.services.reference import ensure_units
        from xaapp.storage.backup import daily_backup
        from xaapp.storage.db import open_database
        from xaapp.ui.accounts.login_dialog import LoginDialog
        from xaapp.ui.accounts.setup_dialog import SetupDialog
        from xaapp.ui.crash import show_known_error
        from xaapp.ui.i18n import install_language

        try:
            self.db = open_database(self.config.data_dir)
            self.qt.setProperty("xaapp_data_dir", str(self.config.data_dir))  # where answers' files go
            ensure_units(self.db)
            daily_backup(self.db.path, self.config.data_dir / "backups")
        except KnownError as exc:
            show_known_error(exc)
            return False
        self.language = install_language(
            self.requested_language or settings.get_setting(self.db, settings.LANGUAGE) or "vi"
        )
        if needs_setup(self.db):
            dialog = SetupDialog(self.db)
            dialog.shown.connect(lambda: logger.info("first-run setup shown (%s)", self.qt.platformName()))
            if dialog.exec() != SetupDialog.DialogCode.Accepted:
                return False
            self.user = dialog.user
            if dialog.load_demo:
                self.load_demo()
        else:
            login = LoginDialog(self.db, self.commune_name())
            login.shown.connect(lambda: logger.info("login shown (%s)", self.qt.platformName()))
            if login.exec() != LoginDialog.DialogCode.Accepted:
                return False
            self.user = login.user
        self.show_main_window()
        self.window.check_rule_changes()  # after a change of the rule data: which stored classes differ
        return True

    def commune_name(self) -> str:
        from xaapp.services import settings
        from xaapp.services.reference import unit_by_code

        code = settings.get_setting(self.db, settings.COMMUNE_CODE) or ""
        unit = unit_by_code(self.db, code)
        return unit.name if unit else code

    DEMO_HOUSEHOLDS = 2000

    def load_demo(self) -> None:
        """Build the demo commune in the background; the progress dialog keeps the window alive."""
        from PySide6.QtCore import QEventLoop, Qt
        from PySide6.QtWidgets import QProgressDialog

        from xaapp.services.demo import generate_demo

        dialog = QProgressDialog(
            "Đang tạo dữ liệu xã mẫu… / Building the demo commune…", "", 0, self.DEMO_HOUSEHOLDS
        )
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.setCancelButton(None)
        dialog.setMinimumDuration(0)
        dialog.show()
        loop = QEventLoop()
        failures: list[BaseException] = []

        def failed(exc: BaseException) -> None:
            failures.append(exc)
            loop.quit()

        def progressed(_text: str, done: int, total: int) -> None:
            dialog.setMaximum(max(total, 1))
            dialog.setValue(done)

        db, households = self.db, self.DEMO_HOUSEHOLDS
        self.runner.submit(
            lambda p: generate_demo(db, households=households, seed=1, progress=p),
            on_done=lambda _r: loop.quit(),
            on_error=failed,
            on_progress=progressed,
        )
        loop.exec()  # the result arrives as a queued signal, so it cannot slip past before exec()
        dialog.close()
        if failures:
            raise failures[0]

    def show_main_window(self) -> None:
        from xaapp.services import settings
        from xaapp.ui.main_window import MainWindow

        assert self.db is not None and self.user is not None
        old = self.window
        self.window = MainWindow(
            self.db,
            self.runner,
            self.user,
            self.commune_name(),
            settings.get_setting(self.db, settings.DEMO) == "1",
            self.config.data_dir / "ui.ini",
            self.language,
        )
        self.window.sig_language_requested.connect(self.switch_language)
        self.window.show()
        if old is not None:
            old.close()
            old.deleteLater()
        logger.info("main window shown %.2f s after start", time.perf_counter() - self.started)

    def switch_language(self, language: str) -> None:
        from xaapp.services import settings
        from xaapp.ui.i18n import install_language

        self.language = install_language(language)
        settings.set_setting(self.db, settings.LANGUAGE, self.language, actor=self.user.username)
        self.show_main_window()  # rebuilt so that every label is in the new language

    def run(self) -> int:
        if not self.open():
            return 1
        return int(self.qt.exec())


def run_gui(config: AppConfig, language: str | None = None) -> int:
    return DesktopApp(config, language).run()
