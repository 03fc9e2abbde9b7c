"""Composition root of the desktop app: config → logging → Qt → fonts/language → setup/login → window.

The only module that knows every concrete class. Nothing here is worth unit-testing on its own;
``tests/ui/test_app_start.py`` runs it end to end offscreen.

Start-up is ordered so that the first window appears about as fast as Qt alone can show one
(bench/bench_startup.py):

1. Qt, the bundled fonts, and the interface language and commune name remembered from the last
   start (``ui.ini`` in the data folder): no database code is imported on the way;
2. the login window (first-run set-up instead when there is no data file yet); for an encrypted data file
   it also asks for the data passphrase, and the file opens once that unlocks it;
3. meanwhile the data file opens on the task runner's database worker (SQLAlchemy loads there, the
   schema is checked or upgraded, reference data made sure of); the login's OK waits for it, and
   the daily backup copy is taken on another worker;
4. after login, the main window with its first screen only; the household list fills in the
   background, the other screens are built when first shown. When the data file is not open yet
   (nothing waited for it), it starts opening once the window is drawn.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from xaapp.config import AppConfig, setup_logging
from xaapp.errors import KnownError

if TYPE_CHECKING:
    from xaapp.services.accounts import UserRow
    from xaapp.storage.db import Database

logger = logging.getLogger(__name__)

#: The data file in the data folder (``storage.db.DB_FILENAME``, named here so as not to load the database layer).
DATA_FILE = "xaapp.db"
#: Keys of ``ui.ini`` that let the first window show before the data file is open.
REMEMBERED_LANGUAGE = "app/language"
REMEMBERED_COMMUNE = "app/commune_name"
REMEMBERED_DEMO = "app/demo"


class OpenedData(NamedTuple):
    """What start-up reads from the data file once it is open (on the database worker). (A named tuple, not
    a dataclass: the dataclasses module costs the start a few milliseconds.)"""

    db: Database
    commune_name: str
    demo: bool
    language: str | None
    needs_setup: bool


def file_encrypted(path: Path) -> bool:
    """``storage.cipher.is_encrypted``, without loading the database layer before the first window."""
    try:
        with open(path, "rb") as f:
            head = f.read(16)
    except FileNotFoundError:
        return False
    return len(head) == 16 and head != b"SQLite format 3\x00"


def open_data(data_dir: Path, key: bytes | None = None) -> OpenedData:
    """Open (creating or upgrading) the data file and read what the first windows show."""
    from xaapp.services import settings
    from xaapp.services.accounts import needs_setup
    from xaapp.services.reference import ensure_units, unit_by_code
    from xaapp.storage.db import open_database

    db = open_database(data_dir, key)
    ensure_units(db)
    code = settings.get_setting(db, settings.COMMUNE_CODE) or ""
    unit = unit_by_code(db, code)
    return OpenedData(
        db,
        unit.name if unit else code,
        settings.get_setting(db, settings.DEMO) == "1",
        settings.get_setting(db, settings.LANGUAGE),
        needs_setup(db),
    )


class OpeningDatabase:
    """Stands for the ``Database`` while it opens, so that the window can be built first.

    The opening runs on the runner's database worker (``DesktopApp.start_database``); whatever reaches
    through the stand-in waits for it, or, if nothing has started it yet, opens the file itself on its
    own thread (so no order of tasks can deadlock the worker). Screens use it only in tasks.
    """

    opening = True  # the main window defers its first screen's loading to after the opening started

    def __init__(self, path: Path, open_data: Callable[[], OpenedData]) -> None:
        self.path = path
        self._open_data = open_data
        self._lock = threading.Lock()
        self._opened: OpenedData | None = None
        self._error: BaseException | None = None

    def opened(self) -> OpenedData:
        with self._lock:
            if self._opened is None and self._error is None:
                try:
                    self._opened = self._open_data()
                except BaseException as exc:
                    self._error = exc
            if self._error is not None:
                raise self._error
            assert self._opened is not None
            return self._opened

    def __getattr__(self, name: str) -> Any:
        return getattr(self.opened().db, name)


class DesktopApp:
    """Holds the long-lived objects of one GUI run (no global state elsewhere)."""

    def __init__(self, config: AppConfig, language: str | None = None) -> None:
        from PySide6.QtCore import QSettings
        from PySide6.QtGui import QIcon
        from PySide6.QtWidgets import QApplication

        from xaapp.paths import resource
        from xaapp.ui.crash import install_excepthook
        from xaapp.ui.fonts import load_fonts
        from xaapp.ui.i18n import install_language
        from xaapp.ui.tasks import TaskRunner

        self.started = time.perf_counter()
        self.config = config
        self.log_path = setup_logging(config)
        self.qt = cast(QApplication, QApplication.instance() or QApplication(sys.argv[:1]))
        self.qt.setApplicationName("xaapp")
        self.qt.setOrganizationName("xaapp")
        self.qt.setWindowIcon(
            QIcon(str(resource("icons", "xaapp.svg")))
        )  # every window; the menu entry's icon
        install_excepthook(str(self.log_path))
        load_fonts(self.qt)
        self.runner = TaskRunner()
        self.qt.aboutToQuit.connect(self.runner.shutdown)
        self.remembered = QSettings(str(config.data_dir / "ui.ini"), QSettings.Format.IniFormat)
        self.requested_language = language
        self.language = install_language(language or str(self.remembered.value(REMEMBERED_LANGUAGE, "vi")))
        self.db: Database | None = None  # once open
        self.key: bytes | None = None  # the data file's key, once the passphrase unlocked it (if encrypted)
        self.opening: OpeningDatabase | None = None
        self._open_started = False
        self.opened: OpenedData | None = None
        self._waiting: list[tuple[Callable[[OpenedData], None], Callable[[BaseException], None]]] = []
        self._failure: BaseException | None = None
        self.window: Any = None
        self.user: UserRow | None = None

    # -- the data file ---------------------------------------------------------------------------

    def start_database(self) -> OpeningDatabase:
        """Open the data file on the runner's database worker (see ``OpeningDatabase``)."""
        opening = self.stand_in()
        if not self._open_started:
            self._open_started = True
            self.runner.submit(lambda _p: opening.opened(), on_done=self._database_opened,
                               on_error=self._database_failed)  # fmt: skip
        return opening

    def stand_in(self) -> OpeningDatabase:
        if self.opening is None:
            data_dir = self.config.data_dir
            self.opening = OpeningDatabase(data_dir / DATA_FILE, lambda: open_data(data_dir, self.key))
        return self.opening

    def _database_opened(self, opened: OpenedData) -> None:
        from xaapp.storage.backup import daily_backup

        logger.info("data file open %.2f s after start", time.perf_counter() - self.started)
        self.opened, self.db = opened, opened.db
        self.qt.setProperty("xaapp_data_dir", str(self.config.data_dir))  # where answers' files go
        self.remember(opened.commune_name, opened.demo, opened.language)
        path, backups, key = opened.db.path, self.config.data_dir / "backups", opened.db.key
        self.runner.submit(  # a consistent copy (SQLite's backup API; encrypted like the file) while the app goes on
            lambda _p: daily_backup(path, backups, key=key), on_error=lambda exc: logger.error("daily backup failed: %s", exc),
            uses_db=False,
        )  # fmt: skip
        if self.window is not None:
            self.window.set_commune(opened.commune_name, opened.demo)
        waiting, self._waiting = self._waiting, []
        for ready, _failed in waiting:
            ready(opened)

    def _database_failed(self, exc: BaseException) -> None:
        self._failure = exc
        waiting, self._waiting = self._waiting, []
        for _ready, failed in waiting:
            failed(exc)
        if not waiting:
            raise exc  # to the crash dialog (a KnownError is shown plainly)

    def when_open(self, ready: Callable[[OpenedData], None], failed: Callable[[BaseException], None]) -> None:
        """Call *ready* once the data file is open (now, if it is), or *failed* if it could not be."""
        if self.opened is not None:
            ready(self.opened)
        elif self._failure is not None:
            failed(self._failure)
        else:
            self._waiting.append((ready, failed))

    def remember(self, commune_name: str, demo: bool, language: str | None) -> None:
        self.remembered.setValue(REMEMBERED_COMMUNE, commune_name)
        self.remembered.setValue(REMEMBERED_DEMO, int(demo))
        if language:
            self.remembered.setValue(REMEMBERED_LANGUAGE, language)
        self.remembered.sync()

    def commune_name(self) -> str:
        if self.opened is not None:
            return self.opened.commune_name
        return str(self.remembered.value(REMEMBERED_COMMUNE, ""))

    # -- start-up ----------------------------------------------------------------------------------

    def open(self) -> bool:
        """First-run setup or login; False when the user cancelled or the data file could not be opened."""
        if not (self.config.data_dir / DATA_FILE).exists():
            return self._first_run()
        while True:
            outcome = self._login()
            if outcome == "setup":
                return self._first_run()
            if outcome != "language":
                break
        if outcome != "accepted":
            return False
        self.show_main_window()
        self.check_rules_soon()  # after a change of the rule data: which stored classes differ
        return True

    def _login(self) -> str:
        """Show the login until accepted; "setup" when the file has no admin yet, "language" to show it again
        in the language the data file asks for, "failed" or "cancelled" otherwise."""
        from PySide6.QtCore import QTimer

        from xaapp.ui.accounts.login_dialog import LoginDialog
        from xaapp.ui.crash import show_known_error
        from xaapp.ui.i18n import install_language

        locked = self.opened is None and self.key is None and file_encrypted(self.config.data_dir / DATA_FILE)
        login = LoginDialog(None, self.commune_name(), locked=locked)
        login.shown.connect(lambda: logger.info("login shown (%s)", self.qt.platformName()))
        if locked:  # opened once the passphrase unlocks it
            login.sig_unlock.connect(lambda secret: self._unlock(secret, login))
        else:  # opened once the window is up: the worker's imports would otherwise compete with drawing it
            login.shown.connect(lambda: QTimer.singleShot(0, self.start_database))
        outcome = ["cancelled"]

        def ready(opened: OpenedData) -> None:
            wanted = self.requested_language or opened.language or self.language
            if opened.needs_setup:
                outcome[0] = "setup"
                login.reject()
            elif wanted != self.language:
                self.language = install_language(wanted)
                outcome[0] = "language"
                login.reject()
            else:
                login.set_database(opened.db, opened.commune_name)

        def failed(exc: BaseException) -> None:
            outcome[0] = "failed"
            login.reject()
            if isinstance(exc, KnownError):
                show_known_error(exc)
            else:
                raise exc

        self.when_open(ready, failed)
        if outcome[0] != "cancelled":  # decided already: the file was open before the dialog
            return outcome[0]
        if login.exec() == LoginDialog.DialogCode.Accepted:
            self.user = login.user
            return "accepted"
        self._waiting = [w for w in self._waiting if w[0] is not ready]
        return outcome[0]

    def _unlock(self, secret: str, login: Any) -> None:
        """Derive the data file's key from what was typed (on a worker: scrypt takes a moment), then open it."""
        from xaapp.ui.i18n import localized

        data_dir = self.config.data_dir

        def work(_p: object) -> bytes:
            from xaapp.storage.data_key import unlock

            return unlock(data_dir, data_dir / DATA_FILE, secret)

        def unlocked(key: bytes) -> None:
            self.key = key
            self.start_database()

        def refused(exc: BaseException) -> None:
            if not isinstance(exc, KnownError):
                raise exc
            login.unlock_failed(localized(exc))

        self.runner.submit(work, on_done=unlocked, on_error=refused, uses_db=False)

    def _encrypt_new_file(self, passphrase: str) -> str | None:
        """Encrypt the data file just set up; its recovery code, or None if that failed (the file stays plain)."""
        from xaapp.storage.encryption import encrypt_data
        from xaapp.ui.crash import show_known_error

        assert self.db is not None
        self.db.close()  # every connection closed: the file is rewritten and swapped
        try:
            new = encrypt_data(self.config.data_dir, passphrase)
        except KnownError as exc:
            show_known_error(exc)
            return None
        self.key = new.key
        return new.recovery_code

    def _first_run(self) -> bool:
        from xaapp.ui.accounts.setup_dialog import SetupDialog
        from xaapp.ui.crash import show_known_error
        from xaapp.ui.i18n import install_language

        if self.opened is None:
            try:
                self.opened = open_data(self.config.data_dir)
            except KnownError as exc:
                show_known_error(exc)
                return False
        self.db = self.opened.db
        self.qt.setProperty("xaapp_data_dir", str(self.config.data_dir))  # where answers' files go
        language = self.requested_language or self.opened.language or self.language
        if language != self.language:
            self.language = install_language(language)
        dialog = SetupDialog(self.db, can_encrypt=self.key is None)
        dialog.shown.connect(lambda: logger.info("first-run setup shown (%s)", self.qt.platformName()))
        if dialog.exec() != SetupDialog.DialogCode.Accepted:
            return False
        self.user = dialog.user
        if dialog.load_demo:
            self.load_demo()
        code = self._encrypt_new_file(dialog.encrypt_passphrase) if dialog.encrypt_passphrase else None
        self.opened = open_data(self.config.data_dir, self.key)  # the commune chosen, maybe the demo loaded
        self.db = self.opened.db
        if code is not None:
            from xaapp.ui.accounts.recovery_dialog import RecoveryCodeDialog

            RecoveryCodeDialog(code, self.opened.commune_name).exec()
        self.remember(self.opened.commune_name, self.opened.demo, self.language)
        self.show_main_window()
        self.check_rules_soon()  # after a change of the rule data: which stored classes differ
        return True

    def check_rules_soon(self) -> None:
        """The main window's check after a change of the rule data, once its module (the forms engine and
        the rules behind it) has been imported on the worker: the first screen comes up without them."""
        import importlib

        window, started = self.window, cast("list[bool]", [])

        def start(_households: int = 0) -> None:  # once the first screen's list is in
            if started or window is not self.window:
                return
            started.append(True)

            def needed(_p: object) -> bool:  # on the worker: the forms engine loads only when a check is due
                from xaapp.services.rules_fingerprint import rules_changed

                if not rules_changed(self.opened.db if self.opened else window._db):
                    return False
                importlib.import_module("xaapp.services.review_check")
                return True

            self.runner.submit(
                needed,
                on_done=lambda due: window.check_rule_changes() if due else None,
                on_error=lambda exc: logger.error("rule-change check not started: %s", exc),
            )

        window.households.sig_loaded.connect(start)

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

        def progressed(text: str, done: int, total: int) -> None:
            if text:
                dialog.setLabelText(text)  # each phase by name, until the data is saved
            dialog.setMaximum(total)  # 0: a phase whose length is not known (saving): a busy bar
            dialog.setValue(done)

        db, households = self.db, self.DEMO_HOUSEHOLDS
        assert db is not None  # the demo is made in a data file just opened
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
        """The main window for ``self.user``; the data file may still be opening (see ``OpeningDatabase``)."""
        from xaapp.ui.main_window import MainWindow

        db: Any = self.db  # a Database, or the OpeningDatabase that stands in for it
        opening = db is None
        if opening:  # opened once the window is drawn (its first screen's loading follows, see OpeningDatabase)
            db = self.stand_in()
        assert self.user is not None
        old = self.window
        demo = self.opened.demo if self.opened else bool(int(str(self.remembered.value(REMEMBERED_DEMO, 0))))
        self.window = MainWindow(
            db,
            self.runner,
            self.user,
            self.commune_name(),
            demo,
            self.config.data_dir / "ui.ini",
            self.language,
        )
        self.window.sig_language_requested.connect(self.switch_language)
        if opening:
            self.window.after_first_paint(self.start_database, first=True)
        self.window.show()
        if self.opened is not None:
            self.window.set_commune(self.opened.commune_name, self.opened.demo)
        if old is not None:
            old.close()
            old.deleteLater()
        logger.info("main window shown %.2f s after start", time.perf_counter() - self.started)

    def switch_language(self, language: str) -> None:
        from xaapp.services import settings
        from xaapp.ui.i18n import install_language

        self.language = install_language(language)
        assert self.db is not None and self.user is not None  # the main window is up
        settings.set_setting(self.db, settings.LANGUAGE, self.language, actor=self.user.username)
        self.remembered.setValue(REMEMBERED_LANGUAGE, self.language)
        self.show_main_window()  # rebuilt so that every label is in the new language

    def run(self) -> int:
        if not self.open():
            return 1
        return int(self.qt.exec())


def run_gui(config: AppConfig, language: str | None = None) -> int:
    return DesktopApp(config, language).run()
