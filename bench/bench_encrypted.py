"""The cost of encryption: the same work on the demo commune stored plain and stored with SQLCipher.

Two copies of the demo commune (``--scale`` households) in one run: one as built, one encrypted with
``xaapp db encrypt``'s code (``storage.encryption``). On each, alternating (twice, so that the shared
machine's noise falls on both), with a fresh ``Database``:

- the Households screen's load, as ``bench_desktop`` times it (reload → rows in the view; the first load
  not counted), wall time and the process's CPU time;
- the services alone: the list's queries (``village_rows``, ``household_rows``), building the search
  index, opening a household (p95), saving a review (p95), CPU time of the calling thread.

Each encrypted figure is reported against the plain one measured beside it; the targets (≤ 1.3 ×)
are on what the officer waits for: the screen's list load, opening and saving. Search keystrokes work
on the in-memory index and never touch the file. SQLCipher decrypts and checks (HMAC) every page it
reads from disk, so what reads many pages (the list's queries) pays most.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

from common import BENCH_USER, Result, demo_copy, percentile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

NAME = "encrypted"
YEAR = 2026
PASSPHRASE = "mật khẩu đo hiệu năng"


def _timed(fn) -> float:
    started = time.thread_time()
    fn()
    return time.thread_time() - started


def _screen_loads(folder: Path, key: bytes | None, rounds: int) -> tuple[list[float], list[float]]:
    """Wall and CPU seconds of the Households screen's reload (rows in the view), as bench_desktop times it."""
    from bench_desktop import _pump
    from PySide6.QtWidgets import QApplication

    from xaapp.storage.db import open_database
    from xaapp.ui.households.page import HouseholdsPage
    from xaapp.ui.tasks import TaskRunner

    app = QApplication.instance() or QApplication([])
    db = open_database(folder, key)
    runner = TaskRunner()
    page = HouseholdsPage(db, runner)
    page.resize(1366, 700)
    page.show()
    loaded: list[int] = []
    page.sig_loaded.connect(loaded.append)
    page.reload()
    _pump(app, lambda: bool(loaded) and page.model.has_search_index())
    walls, cpus = [], []
    for _ in range(rounds):
        loaded.clear()
        wall, cpu = time.perf_counter(), time.process_time()
        page.reload()
        _pump(app, lambda: bool(loaded))
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
        _pump(app, page.model.has_search_index)
    runner.shutdown()
    page.close()
    page.deleteLater()
    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    db.close()
    return walls, cpus


def _measure(folder: Path, key: bytes | None, rounds: int) -> dict[str, list[float]]:
    from xaapp.services import reviews
    from xaapp.services.household_detail import household_detail
    from xaapp.services.households import household_rows, household_search, village_rows
    from xaapp.storage.db import open_database

    out: dict[str, list[float]] = {"queries": [], "index": [], "open": [], "save": []}
    out["screen"], out["screen cpu"] = _screen_loads(folder, key, rounds)
    db = open_database(folder, key)
    try:
        rows: list = []

        def load() -> None:
            village_rows(db)
            rows[:] = household_rows(db, YEAR)

        load()
        for _ in range(rounds):
            out["queries"].append(_timed(load))
            out["index"].append(_timed(lambda: household_search(db, rows)))
        for i in range(rounds * 4):
            row = rows[(i * 37) % len(rows)]
            out["open"].append(_timed(lambda row=row: household_detail(db, row.id)))
        record = None
        for row in rows[:400]:
            record = reviews.open_review(db, row.id, YEAR, actor=BENCH_USER[0])
            if record.status == "draft" and len(record.person_uuids) >= 4:
                break
        assert record is not None
        instance = dict(record.answers)
        for i in range(rounds * 4):
            general = dict(instance.get("general") or {})
            general["address"] = f"Số {i}"
            instance["general"] = general
            out["save"].append(
                _timed(
                    lambda record=record: reviews.save_review(
                        db, record, instance, cursor="general/address", person_uuids=record.person_uuids,
                        actor=BENCH_USER[0], reason="Đo hiệu năng" if record.status == "final" else None,
                    )  # fmt: skip
                )
            )
            if i == 0:
                record = reviews.open_review(db, record.household_id, YEAR)
    finally:
        db.close()
    return out


def run(quick: bool = False, scale: int = 20_000) -> list[Result]:
    from xaapp.storage import data_key
    from xaapp.storage.encryption import encrypt_data

    at = f"{scale:,} households"
    rounds = 2 if quick else 5
    with tempfile.TemporaryDirectory() as tmp:
        plain = demo_copy(scale, Path(tmp) / "plain")
        secret = demo_copy(scale, Path(tmp) / "encrypted")
        started = time.perf_counter()
        encrypt_data(secret, PASSPHRASE)
        encrypt_s = time.perf_counter() - started
        started = time.perf_counter()
        key = data_key.unlock(secret, secret / "xaapp.db", PASSPHRASE)
        unlock_s = time.perf_counter() - started
        runs: dict[str, dict[str, list[float]]] = {"plain": {}, "encrypted": {}}
        for _ in range(2):  # alternating, twice: the machine's noise falls on both
            for label, folder, k in (("plain", plain, None), ("encrypted", secret, key)):
                for name, values in _measure(folder, k, rounds).items():
                    runs[label].setdefault(name, []).extend(values)

    def figure(label: str, name: str) -> float:
        values = runs[label][name]
        return percentile(values, 95) if name in ("open", "save") else statistics.median(values)

    results = [
        Result(NAME, f"encrypt the data file ({at})", encrypt_s, "s", note="rewrite, check, swap; backups too"),
        Result(NAME, "unlock: passphrase → key", unlock_s * 1000, "ms", note="scrypt n=2^15, r=8, and a page read"),
    ]
    for name, what in (
        ("screen", "list load (Households screen, wall)"),
        ("screen cpu", "list load (Households screen, CPU of the process)"),
        ("queries", "list queries alone (services, CPU)"),
        ("index", "search index build (CPU)"),
        ("open", "open a household p95 (CPU)"),
        ("save", "save a review p95 (CPU)"),
    ):
        enc, base = figure("encrypted", name), figure("plain", name)
        ratio = enc / base if base else float("nan")
        target = name in ("screen", "screen cpu", "open", "save")
        results += [
            Result(NAME, f"{what}, encrypted ({at})", enc * 1000, "ms"),
            Result(NAME, f"{what}, unencrypted ({at})", base * 1000, "ms"),
            Result(NAME, f"{what} encrypted ÷ unencrypted ({at})", ratio, "×", "<= 1.3" if target else "",
                   ratio <= 1.3 if target else None, "" if target else "no target: part of the list load above"),
        ]  # fmt: skip
    return results


if __name__ == "__main__":
    import argparse

    from common import format_table

    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--scale", type=int, default=20_000)
    args = parser.parse_args()
    print(format_table(run(args.quick, args.scale)))
