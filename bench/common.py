"""Shared shapes for benchmarks: a Result row, percentile helper and the table printer."""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass
class Result:
    benchmark: str  # e.g. "forms", "startup"
    metric: str  # e.g. "re-evaluate one answer p95"
    value: float
    unit: str  # "ms", "s", "rows/s", ...
    target: str = ""  # human text, e.g. "<= 2 ms"
    ok: bool | None = None  # None when there is no target
    note: str = ""


def percentile(samples: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100)."""
    if not samples:
        return float("nan")
    ordered = sorted(samples)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


def format_table(results: list[Result]) -> str:
    headers = ["benchmark", "metric", "value", "unit", "target", "met", "note"]
    rows = [
        [
            r.benchmark,
            r.metric,
            f"{r.value:,.3f}" if isinstance(r.value, float) and not math.isnan(r.value) else str(r.value),
            r.unit,
            r.target,
            {True: "yes", False: "NO", None: ""}[r.ok],
            r.note,
        ]
        for r in results
    ]
    widths = [max(len(h), *(len(row[i]) for row in rows)) if rows else len(h) for i, h in enumerate(headers)]
    line = "| " + " | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=False)) + " |"
    sep = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    body = ["| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=False)) + " |" for row in rows]
    return "\n".join([line, sep, *body])


# --- desktop benchmarks: cached demo communes, floors, memory ----------------------------------

import os  # noqa: E402
import shutil  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

#: Demo communes built once and kept between runs (a 100,000-household one takes minutes to build).
DEMO_CACHE = Path(os.environ.get("XAAPP_BENCH_CACHE", Path(tempfile.gettempdir()) / "xaapp-bench"))
BENCH_USER = ("bench", "Đo hiệu năng", "bench-password")


def demo_folder(households: int, seed: int = 1) -> Path:
    """A data folder holding the demo commune of *households* households and an officer account
    ``bench``; built on first use under DEMO_CACHE (keyed by size, seed and schema version).
    Callers that change data work on a copy (``demo_copy``)."""
    import hashlib

    import xaapp.services as services
    from xaapp.storage.migrations.runner import HEAD, STEPS

    # Keyed by the steps' code too: two branches each adding their own step N must not share a cache;
    # and by the demo's own code: a commune drawn differently (its UUIDs, say) is another commune.
    sources = [Path(m.__file__) for m in STEPS] + sorted(Path(services.__file__).parent.glob("demo*.py"))
    steps = hashlib.sha1(b"".join(p.read_bytes() for p in sources)).hexdigest()[:8]
    folder = DEMO_CACHE / f"demo-{households}-seed{seed}-schema{HEAD}-{steps}"
    if (folder / "ready").exists():
        return folder
    from xaapp.domain.roles import Role
    from xaapp.services.accounts import create_user
    from xaapp.services.demo import generate_demo
    from xaapp.storage.db import open_database

    shutil.rmtree(folder, ignore_errors=True)
    db = open_database(folder)
    started = time.perf_counter()
    generate_demo(db, households=households, seed=seed)
    create_user(db, *BENCH_USER[:3], Role.OFFICER)
    create_user(db, "bench-admin", "Quản trị đo", "bench-password", Role.ADMIN)
    db.close()
    (folder / "ready").write_text(f"built in {time.perf_counter() - started:.1f} s\n")
    return folder


def demo_copy(households: int, target: Path) -> Path:
    """A private copy of the cached demo commune (benchmarks that save or change the file)."""
    source = demo_folder(households)
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source / "xaapp.db", target / "xaapp.db")
    return target


def rss_mb(pid: int | str = "self") -> float:
    """Resident memory of a process in MB (Linux /proc; NaN elsewhere)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def ratio_result(
    benchmark: str, metric: str, ours: float, floor: float, limit: float, note: str = ""
) -> Result:
    """The ratio row of a figure measured against its floor in the same run."""
    value = ours / floor if floor else float("nan")
    return Result(benchmark, f"{metric} ÷ floor", value, "×", f"<= {limit:g}", value <= limit, note)


class StallWatcher:
    """The longest gap between ticks of a fast timer on the UI thread, minus the interval: how long
    the event loop could not answer (a click or a key would have waited that long)."""

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
