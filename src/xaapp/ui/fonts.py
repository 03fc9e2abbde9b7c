"""Register the bundled Noto Sans so Vietnamese renders with no system fonts (screen and PDF)."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from xaapp.paths import resource

logger = logging.getLogger(__name__)
FAMILY = "Noto Sans"
FILES = ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSans-Italic.ttf", "NotoSans-BoldItalic.ttf")


def load_fonts(app: QApplication, point_size: int = 10) -> str:
    """Register every bundled weight (or bold is faked) and make Noto Sans the application font."""
    for name in FILES:
        if QFontDatabase.addApplicationFont(str(resource("fonts", name))) < 0:
            logger.warning("could not load font %s", name)
    font = QFont(FAMILY, point_size)
    app.setFont(font)
    return font.family()
