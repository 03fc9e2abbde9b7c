"""Desktop responsiveness on the demo commune (20,000 or 100,000 households, ``--scale``), offscreen.

Each figure is measured against a floor doing the same work with nothing around it, in the same run:

- load the household list: the screen's reload through the task runner until the rows are in the
  view, against one SELECT of the same columns (``services.households.LIST_SQL``) with the sqlite3
  module on a fresh connection; five of each, alternating; the search index that follows is timed too;
- search keystroke → view updated: typing "nguyen van an" and a village name one key at a time
  (each sample: from the text change to the end of the table's repaint that shows the result), against
  the same keys typed into a box that filters nothing above the same table, which is then repainted as
  well; a CCCD lookup through the index against
  SQLite's own index on ``person.personal_id``;
- open a household, save a review (the service, and the review window's autosave);
- the longest UI-thread stall (a 5 ms timer on the event loop; a stall is the longest gap between two
  ticks minus the interval) while loading, searching, saving, printing the month's payment list to a
  printer (a PDF-format QPrinter: the real print path after the print dialog), exporting it as PDF
  (painted in a child process, ``ui.pdf_process``) and the posting list as Excel through the Lists
  screen, and syncing from the Sync screen (the commune's first push to ``xaapp server run`` on
  127.0.0.1, then a second laptop's pull, each stopped after 20 s);
- beside each stall, the longest hold of the interpreter lock (``LockProbe``): the stall without the
  event loop's own work and with less of the machine's scheduling, and where it was.
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import NamedTuple

from common import BENCH_USER, Result, StallWatcher, demo_copy, percentile, ratio_result

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))  # support.server_process

NAME = "desktop"
YEAR = 2026


def _pump(app, until, timeout: float = 120.0) -> float:
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


class _Paints:
    """Counts the paint events a widget receives (an event filter: it sees each before it is handled)."""

    def __init__(self, widget) -> None:
        from PySide6.QtCore import QEvent, QObject

        class Filter(QObject):
            count = 0

            def eventFilter(self, _obj, event) -> bool:  # noqa: N802 (Qt's name)
                if event.type() == QEvent.Type.Paint:
                    self.count += 1
                return False

        self.filter = Filter()
        widget.installEventFilter(self.filter)

    @property
    def count(self) -> int:
        return self.filter.count


def _type(app, box, table, text: str, rounds: int, model=None) -> list[float]:
    """Milliseconds per keystroke, from the box's text growing by one character to the end of the
    table's repaint that shows the result. With *model* (the screen's), the view repaints when the
    model resets (a keystroke that changes nothing, a space, needs no repaint); without it (the
    floor, a box that filters nothing), each keystroke asks the table to repaint."""
    paints = _Paints(table.viewport())
    resets: list[int] = []
    if model is not None:
        model.modelReset.connect(lambda: resets.append(1))
    samples: list[float] = []
    for _round in range(rounds):
        box.clear()
        app.processEvents()
        typed = ""
        for ch in text:
            typed += ch
            before, resets[:] = paints.count, []
            started = time.perf_counter()
            box.setText(typed)  # what a keystroke does: textChanged → filter
            if model is None:
                table.viewport().update()
            app.processEvents()
            if model is None or resets:
                deadline = started + 5
                while paints.count == before and time.perf_counter() < deadline:
                    app.processEvents()
            samples.append((time.perf_counter() - started) * 1000)
    box.clear()
    app.processEvents()
    table.viewport().removeEventFilter(paints.filter)
    return samples


class LockProbe:
    """How long the interpreter lock was held without a break: a thread that sleeps 1 ms at a time and
    measures how late it wakes. A thread waiting for the lock asks its holder to let go after the
    switch interval (``sys.getswitchinterval()``, 5 ms, left as the app runs with); Python code lets go
    at its next instruction, a call into C (a sort, freeing a big structure, a C extension's loop, a
    Qt call) only when it returns or releases the lock. The lateness minus the switch interval is
    about the longest such call, on any thread (the UI thread's own included). On a shared machine
    the probe may also wake late for want of a core: the time it spent waiting for one (Linux
    ``/proc/thread-self/schedstat``) is taken off, and a hold counts only as long as one other thread
    ran (its CPU time, ``pthread_getcpuclockid``) meanwhile. The stack of that thread just after it
    says which call it was (it is just past it). The stall watcher's ticks see the same from the UI
    thread, with the event loop's own work and the scheduling of the shared cores on top."""

    def __init__(self, interval: float = 0.001, keep: int = 3) -> None:
        self.interval, self.keep = interval, keep
        self.gaps: list[tuple[float, str]] = []
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self.gaps = []
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="lock-probe", daemon=True)
        self._thread.start()

    def stop(self) -> tuple[float, str]:
        """The longest hold in ms, and where the threads were just after it."""
        self._stop.set()
        assert self._thread is not None
        self._thread.join()
        if not self.gaps:
            return 0.0, ""
        worst, where = max(self.gaps)
        return worst * 1000, where

    def _run(self) -> None:
        me, interval, keep, gaps = threading.get_ident(), self.interval, self.keep, self.gaps
        floor = 0.002  # shorter holds are not worth a look
        clocks: dict[int, int] = {}
        while not self._stop.is_set():
            cpu = _thread_cpu(clocks, me)
            queued = _queue_wait()
            before = time.perf_counter()
            time.sleep(interval)
            late = time.perf_counter() - before - interval - sys.getswitchinterval()
            late -= _queue_wait() - queued  # the time it waited for a core is not the lock's
            if late > floor:
                # One thread's CPU time over the wait: a call that kept the lock ran all along; a wait
                # for a core (the machine busy) or turns passed among several threads does not count.
                after = _thread_cpu(clocks, me)
                ident, ran = max(((i, t - cpu.get(i, t)) for i, t in after.items()), key=lambda x: x[1],
                                 default=(0, 0.0))  # fmt: skip
                held = min(late, ran)
                if held > floor:
                    gaps.append((held, _stacks(me, ident)))
                    gaps.sort(reverse=True)
                    del gaps[keep:]
                    if len(gaps) == keep:
                        floor = gaps[-1][0]


def _queue_wait() -> float:
    """Seconds this thread has spent runnable but waiting for a core (Linux schedstat; 0 elsewhere)."""
    try:
        with open("/proc/thread-self/schedstat") as f:
            return int(f.read().split()[1]) / 1e9
    except (OSError, IndexError, ValueError):
        return 0.0


def _thread_cpu(clocks: dict[int, int], me: int) -> dict[int, float]:
    """The CPU time of each thread of the process that runs Python, but *me* (Linux, macOS)."""
    out = {}
    for ident in sys._current_frames():
        if ident == me:
            continue
        clock = clocks.get(ident)
        try:
            if clock is None:
                clock = clocks[ident] = time.pthread_getcpuclockid(ident)
            out[ident] = time.clock_gettime(clock)
        except OSError:  # the thread ended meanwhile
            clocks.pop(ident, None)
    return out


class Watch:
    """The stall watcher on the UI thread and the lock probe, over the same stretch of work."""

    def __init__(self) -> None:
        self.ui, self.probe = StallWatcher(), LockProbe()

    def start(self) -> None:
        self.ui.start()
        self.probe.start()

    def stop(self) -> Stall:
        held, where = self.probe.stop()
        return Stall(self.ui.stop(), held, where)


class Stall(NamedTuple):  # (not a dataclass: run.py loads this file without registering it as a module)
    ui: float  # ms: the longest gap between the UI thread's timer ticks, minus the interval
    held: float  # ms: the longest hold of the interpreter lock (LockProbe)
    where: str = ""  # the thread that held it, just past the call

    def __or__(self, other: Stall) -> Stall:
        """The worse of each figure."""
        held = self if self.held >= other.held else other
        return Stall(max(self.ui, other.ui), held.held, held.where)


def _stacks(me: int, holder: int) -> str:
    """Where *holder* is (just past the call that kept the lock): its innermost frames, shortly."""
    frame = sys._current_frames().get(holder)
    names = {t.ident: t.name for t in threading.enumerate()}
    calls = []
    while frame is not None and len(calls) < 3:
        name = frame.f_code.co_filename
        if "threading.py" in name or "bench_desktop" in name:
            break  # a worker's loop, or the UI thread pumping events
        calls.append(f"{Path(name).stem}:{frame.f_lineno} {frame.f_code.co_name}")
        frame = frame.f_back
    return f"{names.get(holder, 'thread')}: " + " < ".join(calls) if calls else ""


def _floor_load(path: Path) -> float:
    from xaapp.services.households import LIST_SQL

    started = time.perf_counter()
    conn = sqlite3.connect(path)
    rows = conn.execute(LIST_SQL, (YEAR,)).fetchall()
    conn.close()
    assert rows
    return time.perf_counter() - started


def run(quick: bool = False, scale: int = 20_000) -> list[Result]:
    from PySide6.QtWidgets import QApplication, QLineEdit, QTableView

    from xaapp.storage.db import open_database
    from xaapp.ui.households.page import HouseholdsPage
    from xaapp.ui.i18n import install_language
    from xaapp.ui.tasks import TaskRunner

    app = QApplication.instance() or QApplication([])
    install_language("vi")
    at = f"{scale:,} households"
    results: list[Result] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = demo_copy(scale, Path(tmp) / "data")
        db = open_database(folder)
        runner = TaskRunner()
        page = HouseholdsPage(db, runner)
        page.resize(1366, 700)
        page.show()
        loaded: list[int] = []
        page.sig_loaded.connect(loaded.append)
        watch = Watch()

        # -- load the list (first load not counted: caches warm, as on a second start) -------------
        page.reload()
        _pump(app, lambda: bool(loaded) and page.model.has_search_index())
        loads, floors, indexes, stall_load = [], [], [], Stall(0.0, 0.0)
        for _ in range(2 if quick else 5):
            floors.append(_floor_load(db.path))
            loaded.clear()
            watch.start()
            started = time.perf_counter()
            page.reload()
            loads.append(_pump(app, lambda: bool(loaded)))
            indexes.append(_pump(app, page.model.has_search_index) + loads[-1])
            _spin(app, 0.05)
            stall_load = stall_load | watch.stop()
        load, floor = statistics.median(loads), statistics.median(floors)
        count = page.model.total()
        results += [
            Result(NAME, f"load the household list ({at})", load * 1000, "ms", note=f"{count:,} rows, median of {len(loads)}"),
            Result(NAME, f"floor: one SELECT of the same columns ({at})", floor * 1000, "ms", note="sqlite3, fetchall"),
            ratio_result(NAME, f"household list load ({at})", load, floor, 2),
            Result(NAME, f"list load → search index ready ({at})", statistics.median(indexes) * 1000, "ms",
                   note="built on a worker after the rows are shown; searching reads every row until then"),
        ]  # fmt: skip

        # -- search as you type ----------------------------------------------------------------
        rounds = 2 if quick else 5
        watch.start()
        names = _type(app, page.search, page.table, "nguyen van an", rounds, page.model)
        village = page._villages[len(page._villages) // 2].name if page._villages else "thon"
        villages = _type(app, page.search, page.table, village.lower(), max(rounds // 2, 1), page.model)
        stall_search = watch.stop()
        samples = names + villages
        # Floor: the same keys in a box that filters nothing, above the same (unfiltered) table.
        bare_box, bare_table = QLineEdit(), QTableView()
        bare_table.setModel(page.model)
        bare_table.resize(1366, 640)
        bare_box.show()
        bare_table.show()
        app.processEvents()
        bare = _type(app, bare_box, bare_table, "nguyen van an", rounds)
        bare += _type(app, bare_box, bare_table, village.lower(), max(rounds // 2, 1))
        bare_table.hide()
        bare_table.setModel(None)
        bare_table.deleteLater()
        bare_box.deleteLater()
        p95, floor95 = percentile(samples, 95), percentile(bare, 95)
        results += [
            Result(NAME, f"search keystroke → view updated p95 ({at})", p95, "ms", "<= 30 ms", p95 <= 30,
                   f"{len(samples)} keys (names, and «{village}»); max {max(samples):.1f} ms"),
            Result(NAME, f"floor: keystroke into a box that filters nothing, view repainted p95 ({at})", floor95, "ms"),
            Result(NAME, f"search keystroke ÷ floor ({at})", p95 / floor95, "×", note="no target: the target is 30 ms"),
        ]  # fmt: skip
        with db.read() as s:
            from sqlalchemy import select

            from xaapp.storage.orm import Person

            ids = [
                i
                for (i,) in s.execute(
                    select(Person.personal_id).where(Person.personal_id.is_not(None)).limit(500)
                )
            ]
        ids = ids[:: max(len(ids) // 50, 1)]
        index = page.model._search
        started = time.perf_counter()
        for pid in ids:
            assert index is not None and index.matches(pid)
        ours = (time.perf_counter() - started) / len(ids) * 1000
        conn = sqlite3.connect(db.path)
        started = time.perf_counter()
        for pid in ids:
            assert conn.execute("SELECT household_id FROM person WHERE personal_id = ?", (pid,)).fetchall()
        sql = (time.perf_counter() - started) / len(ids) * 1000
        conn.close()
        results += [
            Result(NAME, f"CCCD lookup through the search index ({at})", ours, "ms", note=f"mean of {len(ids)} IDs"),
            Result(NAME, f"floor: SQLite's index on person.personal_id ({at})", sql, "ms"),
            ratio_result(NAME, f"CCCD lookup ({at})", ours, sql, 2, "an index, not a scan of every row"),
        ]  # fmt: skip

        # -- open a household ------------------------------------------------------------------
        opens: list[float] = []
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
        results.append(Result(NAME, f"open a household p95 ({at})", percentile(opens, 95), "ms", "<= 150 ms",
                              percentile(opens, 95) <= 150, f"median {statistics.median(opens):.1f} ms"))  # fmt: skip

        # -- save a review ---------------------------------------------------------------------
        stall_save = _saves(app, db, runner, page, quick, at, results)

        # -- print and export through the Lists screen -----------------------------------------
        stall_print, stall_pdf, stall_xlsx = _print_and_export(app, db, runner, Path(tmp), at, results, watch)

        # -- sync from the Sync screen -----------------------------------------------------------
        stall_push, stall_pull = _sync(app, db, runner, Path(tmp), quick, at, results, watch)

        phases = {"load": stall_load, "search": stall_search, "save": stall_save, "print": stall_print,
                  "PDF export": stall_pdf, "Excel export": stall_xlsx, "sync (push)": stall_push,
                  "sync (pull)": stall_pull}  # fmt: skip
        worst = max(p.ui for p in phases.values())
        held = max(phases.values(), key=lambda p: p.held)
        results += [
            Result(NAME, f"longest UI-thread stall ({at})", worst, "ms", "<= 50 ms", worst <= 50,
                   ", ".join(f"{name} {p.ui:.0f}" for name, p in phases.items()) + " ms"),
            Result(NAME, f"longest hold of the interpreter lock ({at})", held.held, "ms", note=", ".join(
                f"{name} {p.held:.0f}" for name, p in phases.items()) + f" ms; the longest: {held.where or '?'}"),
        ]  # fmt: skip
        runner.shutdown()
        page.close()
        page.deleteLater()
        from PySide6.QtCore import QCoreApplication, QEvent

        QCoreApplication.sendPostedEvents(
            None, QEvent.Type.DeferredDelete
        )  # widgets gone before the next scale
        db.close()
    return results


def _saves(app, db, runner, page, quick: bool, at: str, results: list[Result]) -> Stall:
    from xaapp.services import reviews
    from xaapp.ui.interview.review_dialog import ReviewDialog

    record = reviews.open_review(db, page.model.row_at(0).id, YEAR, actor=BENCH_USER[0])
    for row in range(1, 400):  # a draft (final ones need a full form) of a household of 4 or more
        if record.status == "draft" and len(record.person_uuids) >= 4:
            break
        record = reviews.open_review(db, page.model.row_at(row).id, YEAR, actor=BENCH_USER[0])
    instance = dict(record.answers)
    saves: list[float] = []
    for i in range(10 if quick else 30):
        general = dict(instance.get("general") or {})
        general["address"] = f"Số {i}"
        instance["general"] = general
        started = time.perf_counter()
        saved = reviews.save_review(
            db, record, instance, cursor="general/address", person_uuids=record.person_uuids, actor=BENCH_USER[0],
            reason="Đo hiệu năng" if record.status == "final" else None,
        )  # fmt: skip
        saves.append((time.perf_counter() - started) * 1000)
        record = reviews.open_review(db, saved.household_id, YEAR) if i == 0 else record
    results.append(Result(NAME, f"save a review (service) p95 ({at})", percentile(saves, 95), "ms", "<= 50 ms",
                          percentile(saves, 95) <= 50, f"{len(record.person_uuids)} members"))  # fmt: skip
    dialog = ReviewDialog(db, runner, record, BENCH_USER[0])
    dialog.show()
    if record.status == "final":
        dialog.start_edit("Đo hiệu năng")
    app.processEvents()
    done: list[object] = []
    dialog.sig_saved.connect(done.append)
    window_saves: list[float] = []
    watch = Watch()
    watch.start()
    for i in range(5 if quick else 15):
        dialog.view.go_to_path("general/address")
        dialog.view._answered("general/address", f"Xóm {i}")
        before = len(done)
        started = time.perf_counter()
        dialog.save_now()
        _pump(app, lambda before=before: len(done) > before)
        window_saves.append((time.perf_counter() - started) * 1000)
    stall = watch.stop()
    dialog.close()
    dialog.deleteLater()
    _pump(app, lambda: not runner.busy())
    results.append(Result(NAME, f"save a review (window, runner) p95 ({at})", percentile(window_saves, 95), "ms",
                          "<= 50 ms", percentile(window_saves, 95) <= 50, "answer → saved signal on the UI thread"))  # fmt: skip
    return stall


def _print_and_export(
    app, db, runner, folder: Path, at: str, results: list[Result], watch: Watch
) -> tuple[Stall, Stall, Stall]:
    from PySide6.QtPrintSupport import QPrinter

    from xaapp.services.list_documents import build_document
    from xaapp.ui.lists.panel import ListsPanel

    panel = ListsPanel(db, runner)
    panel.resize(1200, 700)
    panel.show()
    app.processEvents()
    panel.select("payment", year=YEAR, month=7)
    doc = build_document(db, "payment", month=f"{YEAR}-07")
    rows = doc.row_count()

    printed: list[int] = []
    panel.sig_printed.connect(printed.append)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)  # as the print dialog hands it back
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(folder / "printed.pdf"))
    watch.start()
    started = time.perf_counter()
    panel.print_to(doc, printer)
    _pump(app, lambda: bool(printed), timeout=900)
    print_s = time.perf_counter() - started
    stall_print = watch.stop()

    exported: list[str] = []
    panel.sig_exported.connect(exported.append)
    watch.start()
    started = time.perf_counter()
    panel.export_to(folder / "payment.pdf", "pdf")
    _pump(app, lambda: bool(exported), timeout=900)
    pdf_s = time.perf_counter() - started
    stall_pdf = watch.stop()

    panel.select("posting", year=YEAR)
    exported.clear()
    watch.start()
    started = time.perf_counter()
    panel.export_to(folder / "posting.xlsx", "xlsx")
    _pump(app, lambda: bool(exported), timeout=900)
    xlsx_s = time.perf_counter() - started
    stall_xlsx = watch.stop()
    panel.close()
    panel.deleteLater()
    results += [
        Result(NAME, f"print the month's payment list ({at})", print_s, "s",
               note=f"{rows:,} rows, {printed[0]} pages, on the runner's Qt worker; stall {stall_print.ui:.0f} ms"),
        Result(NAME, f"export it as PDF from the Lists screen ({at})", pdf_s, "s",
               note=f"rows gathered on a worker, pages painted in a child process; stall {stall_pdf.ui:.0f} ms"),
        Result(NAME, f"export the posting list as Excel from the Lists screen ({at})", xlsx_s, "s",
               note=f"stall {stall_xlsx.ui:.0f} ms"),
    ]  # fmt: skip
    return stall_print, stall_pdf, stall_xlsx


def _sync(
    app, db, runner, folder: Path, quick: bool, at: str, results: list[Result], watch: Watch
) -> tuple[Stall, Stall]:
    """The Sync screen's "Đồng bộ ngay" against ``xaapp server run`` in its own process on 127.0.0.1
    (port 0; a server in this process would share its interpreter lock): the commune's first sync,
    a push of every record, stopped with "Dừng" after *seconds*; then a second, empty laptop of the
    same commune pulls what was sent (stopped likewise). The server is stopped and waited for."""
    import subprocess

    from support.server_process import server_process
    from xaapp.services.sync import enroll_database
    from xaapp.storage.db import open_database
    from xaapp.ui.sync.panel import SyncPanel

    seconds = 5.0 if quick else 20.0
    stalls: list[Stall] = []
    notes: list[str] = []
    with server_process(folder / "central.db") as server:

        def code() -> str:
            out = subprocess.run(
                [sys.executable, "-m", "xaapp", "server", "enroll", "--db", str(folder / "central.db"),
                 "--commune", "14923"], capture_output=True, text=True, check=True,
            )  # fmt: skip
            return out.stdout.split()[-1]

        other = open_database(folder / "second-laptop")
        try:
            for laptop, label in ((db, "push"), (other, "pull")):
                enroll_database(laptop, server.url, code(), f"bench {label}", allow_insecure_http=True)
                panel = SyncPanel(laptop, runner)
                panel.resize(1000, 700)
                panel.show()
                panel.reload()
                _pump(app, lambda p=panel: p.sync_button.isEnabled())
                watch.start()
                started = time.perf_counter()
                panel.start_sync()
                _pump(app, lambda p=panel, t=started: p.last_report is not None or time.perf_counter() - t > seconds,
                      timeout=900)  # fmt: skip
                if panel.last_report is None:
                    panel.cancel_sync()
                    _pump(app, lambda p=panel: p.last_report is not None, timeout=900)
                took = time.perf_counter() - started
                stalls.append(watch.stop())
                report = panel.last_report
                assert report is not None
                stopped = report.cancelled or (report.error or {}).get("code") == "cancelled"
                assert stopped or not report.error, report.error
                moved = sum(report.pushed.values()) if label == "push" else report.applied
                notes.append(f"{label}: {moved:,} records in {took:.1f} s{' (stopped)' if stopped else ''}")
                _pump(app, lambda: not runner.busy())
                _spin(app, 0.2)  # the status it reloads after a sync is shown before the screen goes
                panel.close()
                panel.deleteLater()
        finally:
            other.close()
    push, pull = stalls
    results.append(Result(NAME, f"sync from the Sync screen, loopback server process ({at})", push.ui, "ms",
                          note=f"UI-thread stall during the push; pull {pull.ui:.0f} ms; " + "; ".join(notes)))  # fmt: skip
    return push, pull


if __name__ == "__main__":
    import argparse

    from common import format_table

    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--scale", type=int, default=20_000)
    args = parser.parse_args()
    print(format_table(run(args.quick, args.scale)))
