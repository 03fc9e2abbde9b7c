"""Desktop responsiveness at 20,000 households / ~80,000 people (the demo commune), offscreen.

- search keystroke → view updated: typing "nguyen van an" one key at a time into the household
  search box; each sample is the key's handling plus the event processing that repaints the view;
- open a household: Enter on a row → its view shown (detail loaded through the real task runner);
- save a review: ``services.reviews.save_review`` of a 5-member household draft (register + review,
  one transaction), and the same save through the review window's autosave;
- the longest UI-thread stall while doing the above and a background task (reloading the household
  list through the task runner): a 5 ms QTimer watches the event loop; a stall is the longest gap
  between two ticks minus the interval.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

from common import Result, percentile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

NAME = "desktop"


class StallWatcher:
    """Measures the longest gap between ticks of a fast timer on the UI thread."""

    def __init__(self, interval_ms: int = 5) -> None:
        from PySide6.QtCore import QTimer

        self.interval = interval_ms / 1000
        self.timer = QTimer()
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._tick)
        self.worst = 0.0
        self._last = 0.0

    def _tick(self) -> None:
        now = time.perf_counter()
        if self._last:
            self.worst = max(self.worst, now - self._last - self.interval)
        self._last = now

    def start(self) -> None:
        self.worst, self._last = 0.0, 0.0
        self.timer.start()

    def stop(self) -> float:
        self.timer.stop()
        return self.worst * 1000


def _pump(app, until, timeout: float = 30.0) -> float:
    """Run the event loop until *until()* is true; returns the seconds it took."""
    started = time.perf_counter()
    while not until():
        app.processEvents()
        if time.perf_counter() - started > timeout:
            raise TimeoutError("benchmark step did not finish")
        time.sleep(0.0005)
    return time.perf_counter() - started


def _spin(app, seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.001)


def run(quick: bool = False) -> list[Result]:
    from PySide6.QtWidgets import QApplication

    from xaapp.services import reviews
    from xaapp.services.demo import generate_demo
    from xaapp.storage.db import open_database
    from xaapp.ui.households.page import HouseholdsPage
    from xaapp.ui.i18n import install_language
    from xaapp.ui.tasks import TaskRunner

    households = 2_000 if quick else 20_000
    app = QApplication.instance() or QApplication([])
    install_language("vi")
    results: list[Result] = []
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(Path(tmp))
        report = generate_demo(db, households=households, seed=1)
        note = f"{report.households:,} households, {report.people:,} people"
        runner = TaskRunner()
        page = HouseholdsPage(db, runner)
        page.resize(1366, 700)
        page.show()
        loaded: list[int] = []
        page.sig_loaded.connect(loaded.append)
        watcher = StallWatcher()

        # Background task: reload the list through the runner (the model reset lands on the UI thread).
        watcher.start()
        page.reload()
        load_s = _pump(app, lambda: bool(loaded), timeout=120)
        _spin(app, 0.05)
        stall_load = watcher.stop()
        results.append(
            Result(NAME, "load household list (background) wall", load_s * 1000, "ms", "", None, note)
        )

        # Search as you type.
        samples: list[float] = []
        watcher.start()
        for _round in range(3 if quick else 5):
            page.search.clear()
            app.processEvents()
            typed = ""
            for ch in "nguyen van an":
                typed += ch
                started = time.perf_counter()
                page.search.setText(typed)  # what a keystroke does: textChanged → filter
                page.table.viewport().repaint()
                app.processEvents()
                samples.append((time.perf_counter() - started) * 1000)
        stall_search = watcher.stop()
        shown = page.proxy.rowCount()
        results.append(
            Result(
                NAME,
                "search keystroke → view updated p95",
                percentile(samples, 95),
                "ms",
                "<= 30 ms",
                percentile(samples, 95) <= 30,
                f"{len(samples)} keys; max {max(samples):.1f} ms; {shown} shown",
            )  # fmt: skip
        )

        # Open a household: Enter on a row → the household view is shown.
        opens: list[float] = []
        page.search.clear()
        app.processEvents()
        for row in range(0, 10 if quick else 20):
            page.table.setCurrentIndex(page.proxy.index(row * 37 % page.proxy.rowCount(), 0))
            page.detail_dialog = None  # type: ignore[assignment]
            started = time.perf_counter()
            page.open_selected()
            _pump(
                app,
                lambda: getattr(page, "detail_dialog", None) is not None and page.detail_dialog.isVisible(),
            )
            opens.append((time.perf_counter() - started) * 1000)
            page.detail_dialog.close()
        results.append(
            Result(
                NAME,
                "open a household p95",
                percentile(opens, 95),
                "ms",
                "<= 150 ms",
                percentile(opens, 95) <= 150,
                f"median {statistics.median(opens):.1f} ms",
            )  # fmt: skip
        )

        # Save a review: the service call (register + review in one transaction).
        record = reviews.open_review(db, page.model.row_at(0).id, 2026, actor="bench")
        for row in range(1, 400):  # a draft (final ones need a full form) of a household of 4 or more
            if record.status == "draft" and len(record.person_uuids) >= 4:
                break
            record = reviews.open_review(db, page.model.row_at(row).id, 2026, actor="bench")
        instance = dict(record.answers)
        saves: list[float] = []
        for i in range(10 if quick else 30):
            general = dict(instance.get("general") or {})
            general["address"] = f"Số {i}"
            instance["general"] = general
            started = time.perf_counter()
            saved = reviews.save_review(
                db, record, instance, cursor="general/address", person_uuids=record.person_uuids, actor="bench",
                reason="Đo hiệu năng" if record.status == "final" else None,
            )  # fmt: skip
            saves.append((time.perf_counter() - started) * 1000)
            record = reviews.open_review(db, saved.household_id, 2026) if i == 0 else record
        results.append(
            Result(
                NAME,
                "save a review (service) p95",
                percentile(saves, 95),
                "ms",
                "<= 50 ms",
                percentile(saves, 95) <= 50,
                f"{len(record.person_uuids)} members; median {statistics.median(saves):.1f} ms",
            )  # fmt: skip
        )

        # The same save through the review window (autosave on the runner), watching the UI thread.
        from xaapp.ui.interview.review_dialog import ReviewDialog

        dialog = ReviewDialog(db, runner, record, "bench")
        dialog.show()
        if record.status == "final":
            dialog.start_edit("Đo hiệu năng")
        app.processEvents()
        done: list[object] = []
        dialog.sig_saved.connect(done.append)
        window_saves: list[float] = []
        watcher.start()
        for i in range(5 if quick else 15):
            dialog.view.go_to_path("general/address")
            dialog.view._answered("general/address", f"Xóm {i}")
            before = len(done)
            started = time.perf_counter()
            dialog.save_now()
            _pump(app, lambda before=before: len(done) > before)
            window_saves.append((time.perf_counter() - started) * 1000)
        stall_save = watcher.stop()
        dialog.close()
        _pump(app, lambda: not runner.busy())
        results.append(
            Result(
                NAME,
                "save a review (window, runner) p95",
                percentile(window_saves, 95),
                "ms",
                "<= 50 ms",
                percentile(window_saves, 95) <= 50,
                "answer → saved signal on the UI thread",
            )  # fmt: skip
        )
        worst = max(stall_search, stall_save, stall_load)
        results.append(
            Result(
                NAME,
                "longest UI-thread stall",
                worst,
                "ms",
                "<= 50 ms",
                worst <= 50,
                f"search {stall_search:.1f}, save {stall_save:.1f}, background reload {stall_load:.1f} ms",
            )  # fmt: skip
        )
        runner.shutdown()
        db.close()
    return results


if __name__ == "__main__":
    import argparse

    from common import format_table

    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    print(format_table(run(parser.parse_args().quick)))
