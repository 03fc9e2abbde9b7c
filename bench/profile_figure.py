"""Profile one benchmark figure with cProfile and write the report beside the benchmarks table.

Usage: ``python bench/profile_figure.py FIGURE [--scale N] [-o docs/profiles/FIGURE.txt]``

Figures: ``list-load`` (the household list's rows and its search index, on the demo commune of N
households), ``pdf`` (``write_pdf`` of the 2,000-row payment list), ``xlsx`` (``write_xlsx`` of 20,000 rows),
``posting-export`` (the Lists screen's Excel export of the posting list: rows gathered, file written),
``sync-push`` (``xaapp sync`` of the demo commune to a server on loopback: the laptop's share),
``sync-pull`` (an empty laptop pulling the demo commune from an SQLite server on loopback: the laptop's share),
``demo-generate`` (the demo's records for N households generated, as its generating process does, pickled as
it hands them over), ``demo-write`` (those records written by ``generate_demo``, handed over in memory),
``import-check`` (``plan_import`` of the 20,000-row village-software list, the import bench's dry run).
The report lists the functions by their own time, then by cumulative time (30 each).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _list_load(scale: int):
    from common import demo_folder

    from xaapp.services.households import household_rows, household_search
    from xaapp.storage.db import open_database

    db = open_database(demo_folder(scale))
    household_rows(db, 2026)  # warm the file cache, as a second start would find it

    def work() -> None:
        rows = household_rows(db, 2026)
        household_search(db, rows)

    return work, f"household list rows and search index, {scale:,} households"


def _pdf(_scale: int):
    from bench_lists import payment_document
    from PySide6.QtGui import QGuiApplication

    from xaapp.ui.printing import ensure_fonts, write_pdf

    app = QGuiApplication.instance() or QGuiApplication([])
    ensure_fonts()
    doc = payment_document(2_000)
    folder = Path(tempfile.mkdtemp())

    def work() -> None:
        write_pdf(doc, folder / "list.pdf")
        app.processEvents()

    return work, "write_pdf of the 2,000-row payment list"


def _xlsx(_scale: int):
    from bench_lists import payment_document

    from xaapp.services.exports import write_xlsx

    doc = payment_document(20_000)
    folder = Path(tempfile.mkdtemp())
    return (lambda: write_xlsx(doc, folder / "list.xlsx")), "write_xlsx of 20,000 rows"


def _posting_export(scale: int):
    from common import demo_folder

    from xaapp.storage.db import open_database
    from xaapp.ui.lists.panel import export_task
    from xaapp.ui.tasks import Progress

    db = open_database(demo_folder(scale))
    task = export_task(db, "posting", 2026, "2026-07", None, Path(tempfile.mkdtemp()) / "posting.xlsx")
    task(Progress())  # warm the file cache
    return (
        lambda: task(Progress())
    ), f"the Lists screen's Excel export of the posting list, {scale:,} households"


#: Profiles taken on other threads during a figure (the push's gathering thread), reported on their own.
THREAD_PROFILES: list[cProfile.Profile] = []


def _sync_push(scale: int):
    """The laptop's share of a push, against ``xaapp server run`` in its own process (PostgreSQL with
    fsync on when installed, else SQLite): the main thread (settling answers, gzip, HTTP; time waiting
    in ``recv_into`` is the server's) and, on their own, the calls that gather the next batch on the
    second thread while one is in flight."""
    import atexit
    import contextlib
    import shutil

    sys.path.insert(0, str(HERE.parent / "tests"))
    from common import demo_copy

    from support.server_process import server_process
    from support.sync_env import PgCluster, pg_bin_dir
    from xaapp.server import admin
    from xaapp.services.sync import enroll_database, sync_database
    from xaapp.storage.db import open_database
    from xaapp.storage.sync_store import SqlSyncStore

    root = Path(tempfile.mkdtemp(prefix="xaapp-profile-sync-"))
    db = open_database(demo_copy(scale, root / "laptop"))
    stack = contextlib.ExitStack()
    atexit.register(stack.close)
    stack.callback(shutil.rmtree, root, ignore_errors=True)
    if pg_bin_dir() is not None:
        pg_root = Path(tempfile.mkdtemp(prefix="xaapp-profile-pg-"))
        cluster = PgCluster(pg_root, fsync=True).start()
        stack.callback(shutil.rmtree, pg_root, ignore_errors=True)
        stack.callback(cluster.stop)
        url, kind = cluster.new_database(), "PostgreSQL, fsync on"
    else:
        url, kind = f"sqlite:///{root / 'server.db'}", "SQLite"
    server = stack.enter_context(server_process(url))
    engine = admin.open_engine(url)
    code = admin.issue_code(engine, "14923")
    engine.dispose()
    enroll_database(db, server.url, code, "profile", allow_insecure_http=True)
    gather = SqlSyncStore.gather_batch

    def profiled_gather(self, max_records, in_flight):  # noqa: ANN001, ANN202
        profile = cProfile.Profile()
        THREAD_PROFILES.append(profile)
        return profile.runcall(gather, self, max_records, in_flight)

    SqlSyncStore.gather_batch = profiled_gather  # type: ignore[method-assign]

    def work() -> None:
        report = sync_database(db, allow_insecure_http=True)
        assert report.ok, report.error

    return work, f"xaapp sync (push and pull) of {scale:,} households over loopback to {kind}; laptop's share"


def _demo_slices(scale: int) -> list[bytes]:
    import pickle

    from xaapp.services import demo_records  # what the generating process imports (no SQLAlchemy, no storage)

    tables = ("village", "household", "person", "poverty_review", "beneficiary", "allowance_period")
    return [pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL)
            for item in demo_records.generate_records(1, scale, dict.fromkeys(tables, 1), None, None)]  # fmt: skip


def _demo_generate(scale: int):
    return (lambda: _demo_slices(scale)), f"the demo's records generated and pickled, {scale:,} households"


def _demo_write(scale: int):
    import pickle

    from xaapp.services import demo
    from xaapp.storage.db import open_database

    slices = _demo_slices(scale)
    db = open_database(Path(tempfile.mkdtemp()))

    def handed_over(*_args):
        for data in slices:
            yield pickle.loads(data)

    def work() -> None:
        demo.items_from_process = handed_over  # this process writes what the generating one would send
        demo.generate_demo(db, scale, parallel=True)

    return work, f"the demo's records unpickled and written, {scale:,} households"


def _import_check(_scale: int):
    import datetime as dt

    import bench_import

    from xaapp.services.import_mapping import ImportMapping
    from xaapp.services.importing import plan_import

    folder = Path(tempfile.mkdtemp())
    path = bench_import.write_list(folder / "hodan.xlsx", 20_000)
    db = bench_import._commune(folder / "data")
    codes = ImportMapping(area_codes={f"T{i:02d}": v for i, v in enumerate(bench_import.VILLAGES)})
    plan_import(db, path, year=2025, mapping=codes, today=dt.date(2026, 11, 28))  # warm the file cache

    def work() -> None:
        plan_import(db, path, year=2025, mapping=codes, today=dt.date(2026, 11, 28))

    return work, "plan_import (the dry run) of the 20,000-row village-software list"


def _sync_pull(scale: int):
    """The laptop's share of a pull to an empty laptop: the demo commune is stored on an SQLite server
    first (``server.ingest`` in process, batches of 500, as another laptop's push leaves it), then a new
    laptop enrolled on the commune pulls it all over loopback; the server runs in a thread cProfile does
    not see (its time shows as ``recv_into``)."""
    import atexit
    import shutil
    from datetime import UTC, datetime

    sys.path.insert(0, str(HERE.parent / "tests"))
    from common import demo_folder

    from support.sync_env import LiveServer
    from xaapp.server import admin
    from xaapp.server.ingest import Writer, ingest
    from xaapp.services.sync import enroll_database, sync_database
    from xaapp.storage.db import open_database
    from xaapp.storage.sync_store import SqlSyncStore

    root = Path(tempfile.mkdtemp(prefix="xaapp-profile-pull-"))
    source = open_database(demo_folder(scale))
    records = SqlSyncStore(source).pending_changes()
    source.close()
    url = f"sqlite:///{root / 'server.db'}"
    engine = admin.open_engine(url)
    writer, now = Writer("another-laptop", "14923"), datetime.now(UTC).replace(tzinfo=None)
    for i in range(0, len(records), 500):
        with engine.begin() as conn:
            ingest(conn, writer, f"b{i}", records[i : i + 500], now)
    engine.dispose()
    server = LiveServer(url).start()
    db = open_database(root / "laptop")
    atexit.register(lambda: (db.close(), server.stop(), shutil.rmtree(root, ignore_errors=True)))
    enroll_database(db, server.url, server.issue_code("14923"), "profile", allow_insecure_http=True)

    def work() -> None:
        report = sync_database(db, allow_insecure_http=True)
        assert report.ok and report.counts_match and report.pulled == len(records), report.error

    return work, f"xaapp sync of an empty laptop pulling {scale:,} households ({len(records):,} records) over " \
        "loopback from SQLite; laptop's share"


FIGURES = {
    "list-load": _list_load,
    "pdf": _pdf,
    "xlsx": _xlsx,
    "posting-export": _posting_export,
    "sync-push": _sync_push,
    "sync-pull": _sync_pull,
    "demo-generate": _demo_generate,
    "demo-write": _demo_write,
    "import-check": _import_check,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("figure", choices=sorted(FIGURES))
    parser.add_argument("--scale", type=int, default=100_000)
    parser.add_argument("-o", "--output", type=Path)
    args = parser.parse_args()
    work, title = FIGURES[args.figure](args.scale)
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.runcall(work)
    elapsed = time.perf_counter() - started
    out = io.StringIO()
    scaled = args.figure in ("list-load", "posting-export", "sync-push", "sync-pull", "demo-generate", "demo-write")
    out.write(f"Profile: {title}\n{elapsed:.2f} s under cProfile (python bench/profile_figure.py {args.figure}"
              f"{f' --scale {args.scale}' if scaled else ''})\n\n")  # fmt: skip
    stats = pstats.Stats(profiler, stream=out)
    stats.strip_dirs().sort_stats("tottime").print_stats(30)
    stats.sort_stats("cumulative").print_stats(30)
    if THREAD_PROFILES:
        out.write(f"On the gathering thread ({len(THREAD_PROFILES)} batches gathered while one was in flight):\n")
        extra = pstats.Stats(THREAD_PROFILES[0], stream=out)
        for profile in THREAD_PROFILES[1:]:
            extra.add(profile)
        extra.strip_dirs().sort_stats("tottime").print_stats(20)
    text = out.getvalue()
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text)
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
