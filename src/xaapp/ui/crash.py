"""Unhandled errors: logged with the traceback, shown in a dialog whose details can be copied."""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

from xaapp import __version__
from xaapp.errors import KnownError

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

logger = logging.getLogger(__name__)


def install_excepthook(log_path: str) -> None:
    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if isinstance(exc, KnownError):  # an expected problem: say it plainly, no traceback
            logger.warning("%s", exc)
            show_known_error(exc)
            return
        details = "".join(traceback.format_exception(kind, exc, tb))
        logger.error("unhandled error\n%s", details)
        if QApplication.instance() is None:
            sys.__excepthook__(kind, exc, tb)
            return
        from PySide6.QtWidgets import QMessageBox  # when an error comes, not with the first window

        box = QMessageBox(
            QMessageBox.Icon.Critical,
            QApplication.translate("crash", "Lỗi không mong đợi"),
            QApplication.translate(
                "crash",
                "xaapp gặp lỗi không mong đợi. Dữ liệu đã lưu không bị mất.\n"
                "Chi tiết đã được ghi vào: {0}\nHãy bấm “Hiện chi tiết”, sao chép và gửi cho bộ phận hỗ trợ.",
            ).format(log_path),
        )
        box.setDetailedText(f"xaapp {__version__}\n{details}")
        box.exec()

    sys.excepthook = hook


def show_known_error(exc: KnownError, parent: QWidget | None = None) -> None:
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.warning(
        parent,
        QApplication.translate("crash", "Không thực hiện được"),
        exc.message_vi + ("\n\n" + exc.message_en if exc.message_en else ""),
    )
