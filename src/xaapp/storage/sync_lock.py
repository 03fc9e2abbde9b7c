"""One sync at a time per data folder: an OS file lock on ``<data dir>/sync.lock``.

Two ``xaapp sync`` runs (or the Sync screen and a command) working on one outbox would answer each
other's batches; the second one is refused at once with a message, never left to fail half-way.
The lock is the operating system's (``filelock``: ``fcntl.flock`` on Linux, ``msvcrt.locking`` on
Windows), so it is released when the process ends, however it ends (a SIGKILL included).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from xaapp.paths import make_private
from xaapp.sync.errors import SyncInProgress

LOCK_NAME = "sync.lock"


@contextmanager
def sync_lock(data_dir: Path) -> Iterator[None]:
    """Hold the data folder's sync lock for the ``with`` block; ``SyncInProgress`` if another holds it."""
    path = data_dir / LOCK_NAME
    lock = FileLock(path, timeout=0, thread_local=False)
    try:
        lock.acquire(timeout=0)
    except Timeout as exc:
        raise SyncInProgress(str(path)) from exc
    make_private(path)
    try:
        yield
    finally:
        lock.release()
