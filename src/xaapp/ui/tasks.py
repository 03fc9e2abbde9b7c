"""Background work for the UI: run a plain function off the UI thread, get its result on the UI thread.

``TaskRunner.submit(fn, on_done=..., on_error=..., uses_db=True)`` runs ``fn(progress)`` on a
one-worker executor when it touches the database (SQLite writes are serialised anyway; this keeps
them in order), or on a small pool for pure CPU/network work. ``uses_qt=True`` runs it instead on a
``QThread`` with its own event loop, for work that needs Qt objects off the UI thread (laying out
and painting PDF pages: Qt's text layout and PDF writer start timers, which plain Python threads
cannot serve); such a function creates its Qt objects itself and drops them before it returns.
``fn`` receives a ``Progress`` it may use to report and to check for cancellation. Callbacks run
on the UI thread, delivered through a queued signal. ``InlineTaskRunner`` runs everything
immediately, for tests.

Thread contract: create and call a runner from the UI thread only.
"""

from __future__ import annotations

import gc
import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor

logger = logging.getLogger(__name__)

Callback = Callable[[Any], object]  # what it returns is not used


_gc_pauses = 0
_gc_lock = threading.Lock()
_gc_thresholds = gc.get_threshold()


@contextmanager
def full_gc_paused() -> Iterator[None]:
    """No full garbage collection while a background job builds many objects (loading the list,
    writing a file). A full collection walks every object not frozen (``gc.freeze``) and holds the
    interpreter lock meanwhile: tens of milliseconds, again and again, each freezing the UI thread
    as long (bench/bench_desktop.py). The young generations are still collected (each such pass is
    short), and most objects are freed by reference counting anyway. Safe to nest, from any thread."""
    global _gc_pauses, _gc_thresholds
    with _gc_lock:
        _gc_pauses += 1
        if _gc_pauses == 1:
            _gc_thresholds = gc.get_threshold()
            gc.set_threshold(_gc_thresholds[0], _gc_thresholds[1], 1_000_000_000)
    try:
        yield
    finally:
        with _gc_lock:
            _gc_pauses -= 1
            if _gc_pauses == 0:
                gc.set_threshold(*_gc_thresholds)


class Cancelled(Exception):
    """Raised inside a task function when the user cancelled it."""


class Progress:
    """Handed to task functions: report progress, check cancellation. Safe from any thread."""

    def __init__(
        self, report: Callable[[str, int, int], None] | None = None, min_interval: float = 0.1
    ) -> None:
        self._report = report
        self._cancel = threading.Event()
        self._min_interval = min_interval
        self._last = 0.0
        self.text, self.done, self.total = "", 0, 0

    def set_text(self, text: str) -> None:
        self.text = text
        self._emit(force=True)

    def set_range(self, total: int) -> None:
        self.total, self.done = total, 0
        self._emit(force=True)

    def advance(self, n: int = 1) -> None:
        self.done += n
        self._emit()

    def cancel(self) -> None:
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        """Raise ``Cancelled`` if the user asked to stop."""
        if self._cancel.is_set():
            raise Cancelled()

    def _emit(self, force: bool = False) -> None:
        # Throttled: the UI needs a few updates a second, not one per row.
        now = time.monotonic()
        if self._report and (force or now - self._last >= self._min_interval or self.done >= self.total):
            self._last = now
            self._report(self.text, self.done, self.total)


class _QtWorker(QObject):
    """Lives in the Qt worker thread: runs each job handed to it, one at a time."""

    sig_run = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.sig_run.connect(self._run)

    @Slot(object)
    def _run(self, job: Callable[[], None]) -> None:
        job()


class TaskRunner(QObject):
    sig_finished = Signal(object, object, object)
    """(callback, result or exception, is_error) — delivered on the UI thread."""
    sig_progress = Signal(object, str, int, int)
    """(progress callback, text, done, total) — delivered on the UI thread."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # Made on first use: the window is on screen before any thread (or concurrent.futures) is needed.
        self._db_executor: ThreadPoolExecutor | None = None
        self._pool: ThreadPoolExecutor | None = None
        self._running: set[Future[Any]] = set()
        self._qt_thread: QThread | None = None  # started on first use
        self._qt_worker: _QtWorker | None = None
        self._qt_jobs: set[Progress] = set()
        # Always queued, also when a task ends before ``submit`` has returned (its done-callback then runs
        # on the calling thread): callbacks never run inside ``submit``.
        queued = Qt.ConnectionType.QueuedConnection
        self.sig_finished.connect(self._deliver, queued)
        self.sig_progress.connect(lambda cb, text, done, total: cb(text, done, total), queued)

    def submit(
        self,
        fn: Callable[[Progress], Any],
        on_done: Callback | None = None,
        on_error: Callback | None = None,
        on_progress: Callable[[str, int, int], None] | None = None,
        uses_db: bool = True,
        uses_qt: bool = False,
    ) -> Progress:
        progress = Progress(
            (lambda t, d, n: self.sig_progress.emit(on_progress, t, d, n)) if on_progress else None
        )
        if uses_qt:
            self._submit_qt(fn, progress, on_done, on_error)
            return progress
        if self._db_executor is None or self._pool is None:
            from concurrent.futures import ThreadPoolExecutor

            self._db_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="xaapp-db")
            self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="xaapp-work")
        executor = self._db_executor if uses_db else self._pool
        future = executor.submit(fn, progress)
        self._running.add(future)

        def finished(f: Future[Any]) -> None:
            self._running.discard(f)
            exc = f.exception()
            if exc is not None:
                self.sig_finished.emit(on_error or _log_error, exc, True)
            else:
                self.sig_finished.emit(on_done, f.result(), False)

        future.add_done_callback(finished)
        return progress

    def _submit_qt(
        self,
        fn: Callable[[Progress], Any],
        progress: Progress,
        on_done: Callback | None,
        on_error: Callback | None,
    ) -> None:
        if self._qt_thread is None:
            self._qt_thread = QThread()
            self._qt_thread.setObjectName("xaapp-qt")
            self._qt_worker = _QtWorker()
            self._qt_worker.moveToThread(self._qt_thread)
            self._qt_thread.start()
        self._qt_jobs.add(progress)

        def job() -> None:
            try:
                result = fn(progress)
            except BaseException as exc:  # delivered to the UI thread like the executors' errors
                self._qt_jobs.discard(progress)
                self.sig_finished.emit(on_error or _log_error, exc, True)
            else:
                self._qt_jobs.discard(progress)
                self.sig_finished.emit(on_done, result, False)

        assert self._qt_worker is not None
        self._qt_worker.sig_run.emit(job)  # queued: runs in the worker's thread

    def _deliver(self, callback: Callback | None, value: Any, is_error: bool) -> None:
        if callback is not None:
            callback(value)

    def busy(self) -> bool:
        return bool(self._running or self._qt_jobs)

    def shutdown(self) -> None:
        """Wait for running work (on window close): the database must not be left mid-write. Qt-thread
        work (printing, PDF) is asked to stop at its next page."""
        for progress in list(self._qt_jobs):
            progress.cancel()
        if self._qt_thread is not None:
            self._qt_thread.quit()
            self._qt_thread.wait()
            self._qt_thread = None
        if self._db_executor is not None and self._pool is not None:
            self._db_executor.shutdown(wait=True)
            self._pool.shutdown(wait=True, cancel_futures=True)


class Runner(Protocol):
    """What the screens need of a task runner: ``TaskRunner``, or ``InlineTaskRunner`` in tests."""

    def submit(
        self,
        fn: Callable[[Progress], Any],
        on_done: Callback | None = None,
        on_error: Callback | None = None,
        on_progress: Callable[[str, int, int], None] | None = None,
        uses_db: bool = True,
        uses_qt: bool = False,
    ) -> Progress: ...

    def busy(self) -> bool: ...

    def shutdown(self) -> None: ...


class InlineTaskRunner:
    """Runs tasks immediately on the calling thread (tests; see Picard's FakeThreadPool)."""

    def submit(
        self,
        fn: Callable[[Progress], Any],
        on_done: Callback | None = None,
        on_error: Callback | None = None,
        on_progress: Callable[[str, int, int], None] | None = None,
        uses_db: bool = True,
        uses_qt: bool = False,
    ) -> Progress:
        progress = Progress(on_progress)
        try:
            result = fn(progress)
        except Exception as exc:  # delivered like the real runner does
            (on_error or _log_error)(exc)
        else:
            if on_done is not None:
                on_done(result)
        return progress

    def busy(self) -> bool:
        return False

    def shutdown(self) -> None:
        pass


def _log_error(exc: BaseException) -> None:
    logger.error("background task failed", exc_info=exc)
    raise exc
