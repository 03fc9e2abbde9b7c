"""A terminal progress bar for long commands (stderr, redrawn at most ten times a second)."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class TerminalProgress:
    def __init__(self, stream: TextIO | None = None, width: int = 30) -> None:
        self.stream = stream or sys.stderr
        self.width = width
        self.text, self.total, self.done = "", 0, 0
        self._last = 0.0
        self._started = time.perf_counter()

    def set_text(self, text: str) -> None:
        self.text = text

    def set_range(self, total: int) -> None:
        self.total, self.done = total, 0
        self._started = time.perf_counter()
        self._draw(force=True)

    def advance(self, n: int = 1) -> None:
        self.done += n
        self._draw()

    def cancelled(self) -> bool:
        return False

    def finish(self) -> None:
        self._draw(force=True)
        self.stream.write("\n")
        self.stream.flush()

    def _draw(self, force: bool = False) -> None:
        now = time.perf_counter()
        if not force and now - self._last < 0.1 and self.done < self.total:
            return
        self._last = now
        frac = self.done / self.total if self.total else 0.0
        bar = "█" * int(frac * self.width) + "░" * (self.width - int(frac * self.width))
        self.stream.write(f"\r{self.text} {bar} {self.done}/{self.total} ({now - self._started:.1f} s)")
        self.stream.flush()
