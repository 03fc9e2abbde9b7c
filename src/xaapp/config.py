"""Where this installation keeps its data and logs; logging set-up. No Qt.

The data folder is the platform's user data folder (``%LOCALAPPDATA%\\xaapp`` on Windows,
``~/.local/share/xaapp`` on Linux) unless ``--data-dir DIR`` or ``XAAPP_DATA_DIR`` says otherwise.
Logs go to the platform's user log folder, or to ``<data dir>/logs`` when a data folder is given.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import NamedTuple

from xaapp.paths import private_dir

APP_NAME = "xaapp"


class AppConfig(NamedTuple):
    """(A named tuple, not a dataclass: every start of the app reads it, and the dataclasses module and its
    generated code cost a few milliseconds of that start.)"""

    data_dir: Path
    log_dir: Path


def resolve_config(data_dir: str | None = None) -> AppConfig:
    chosen = data_dir or os.environ.get("XAAPP_DATA_DIR")
    if chosen:
        root = Path(chosen).expanduser().resolve()
        return AppConfig(root, root / "logs")
    import platformdirs  # the platform's folders, only when no data folder is given

    return AppConfig(
        Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
    )


def setup_logging(config: AppConfig, level: int = logging.INFO) -> Path:
    """Log to a rotating file in the log folder (and warnings to stderr); returns the file's path."""
    if config.log_dir.parent == config.data_dir and not config.data_dir.exists():
        private_dir(config.data_dir)  # the data folder is made here first: private from the start
    config.log_dir.mkdir(parents=True, exist_ok=True)
    path = config.log_dir / "xaapp.log"
    root = logging.getLogger()
    if any(getattr(h, "_xaapp", False) for h in root.handlers):
        return path
    handler = RotatingLogFile(path, max_bytes=2_000_000, backups=3)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler._xaapp = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    return path


class RotatingLogFile(logging.FileHandler):
    """The log file, renamed to ``.1`` (``.1`` to ``.2`` and so on, the oldest dropped) before a record would take
    it past *max_bytes*: what ``logging.handlers.RotatingFileHandler`` does, without importing that module, whose
    imports (socket, pickle, queue) cost ~10 ms of every start of the app (bench/bench_startup.py)."""

    def __init__(self, path: Path, max_bytes: int, backups: int) -> None:
        super().__init__(path, encoding="utf-8")
        self.max_bytes, self.backups = max_bytes, backups

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self.stream is None:
                self.stream = self._open()
            position = self.stream.seek(0, os.SEEK_END)
            if position and position + len(self.format(record).encode("utf-8")) + 1 > self.max_bytes:
                self._rotate()
        except Exception:
            self.handleError(record)
            return
        super().emit(record)

    def _rotate(self) -> None:
        """Called with the handler's lock held (``Handler.handle``)."""
        if self.stream is not None:
            self.stream.close()
            self.stream = None
        base = self.baseFilename
        for number in range(self.backups - 1, 0, -1):
            if os.path.exists(f"{base}.{number}"):
                os.replace(f"{base}.{number}", f"{base}.{number + 1}")
        if self.backups > 0:
            os.replace(base, f"{base}.1")
        else:
            open(base, "w", encoding="utf-8").close()
        self.stream = self._open()
