"""A dialog base that announces when it is actually on screen (for the start-up log and launch tests)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog


class AnnouncingDialog(QDialog):
    shown = Signal()
    """Emitted each time the dialog becomes visible."""

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.shown.emit()
