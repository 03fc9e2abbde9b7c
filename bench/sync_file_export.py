"""The USB sync file of the demo commune: time, size and the export process's peak memory.

The export runs in a child process (``python bench/sync_file_export.py FOLDER FILE``) on a copy of the
cached demo commune, enrolled by hand (the export needs an identity, not a server), so its peak RSS is
its own. Target (issue 16): under 300 MB at 100,000 households, the file written streaming.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import Result, demo_copy

HERE = Path(__file__).resolve().parent


def _child(folder: Path, out: Path) -> None:
    sys.path.insert(0, str(HERE.parent / "src"))
    from xaapp.services.sync import export_sync_file
    from xaapp.storage.db import open_database
    from xaapp.storage.sync_store import SqlSyncStore

    db = open_database(folder)
    SqlSyncStore(db).save_identity("bench-device", "bench-token", "https://127.0.0.1:1", "14923")
    started = time.perf_counter()
    done = export_sync_file(db, out)
    seconds = time.perf_counter() - started
    db.close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "records": done["records"], "peak_mb": peak_mb}))


def run(households: int) -> list[Result]:
    with tempfile.TemporaryDirectory(prefix="xaapp-bench-export-") as tmp:
        folder = demo_copy(households, Path(tmp) / "laptop")
        out = Path(tmp) / "commune.xasync"
        done = subprocess.run(
            [sys.executable, __file__, str(folder), str(out)], capture_output=True, text=True, timeout=3600
        )
        if done.returncode != 0:
            raise RuntimeError(done.stderr[-2000:])
        m = json.loads(done.stdout.strip().splitlines()[-1])
        size = out.stat().st_size
    name = f"sync file export, {households:,} hh ({m['records']:,} records)"
    return [
        Result(
            "sync",
            f"{name}: peak memory (RSS) of the export process",
            m["peak_mb"],
            "MB",
            "< 300 MB",
            m["peak_mb"] < 300,
            f"{m['seconds']:.1f} s, file {size / 1e6:.1f} MB (gzip -9); written streaming",
        )
    ]


if __name__ == "__main__":
    _child(Path(sys.argv[1]), Path(sys.argv[2]))
