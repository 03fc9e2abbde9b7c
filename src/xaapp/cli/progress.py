"""A terminal progress bar for long commands (stderr, redrawn at most ten times a second).

Each phase (``set_text``) keeps its own line: when the next phase starts, the last one stays on screen with
its count and time, so a long command shows everything it did. A phase with no count (``set_range(0)``,
e.g. saving to disk) shows its name and the seconds it has taken.
"""

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
        self._drawn = False  # something of the current phase is on the line

    def set_text(self, text: str) -> None:
        if text != self.text and self._drawn:
            self._draw(force=True)  # the phase ends with its final count and time
            self.stream.write("\n")
            self._drawn = False
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
        if not self.text:  # no phase was ever named: nothing to close
            return
        self._draw(force=True)
        self.stream.write("\n")
        self.stream.flush()
        self._drawn = False

    def _draw(self, force: bool = False) -> None:
        now = time.perf_counter()
        if not force and now - self._last < 0.1 and self.done < self.total:
            return
        self._last = now
        elapsed = f"({now - self._started:.1f} s)"
        if self.total:
            frac = min(1.0, self.done / self.total)
            bar = "█" * int(frac * self.width) + "░" * (self.width - int(frac * self.width))
            line = f"{self.text} {bar} {self.done}/{self.total} {elapsed}"
        else:
            line = f"{self.text} {elapsed}"
        self.stream.write(f"\r{line}")
        self.stream.flush()
        self._drawn = True
