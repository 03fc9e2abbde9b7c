"""``xaapp server run`` as a child process on 127.0.0.1 port 0, for tests that need a real process
(TLS, memory under load): started, its URL read from its log, and always stopped and waited for."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class ServerProcess:
    proc: subprocess.Popen[str]
    url: str
    log: list[str] = field(default_factory=list)

    def rss_kb(self) -> int:
        """Resident memory of the server process (Linux /proc)."""
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        raise RuntimeError("no VmRSS")


@contextmanager
def server_process(db: Path | str, *extra: str, env: dict[str, str] | None = None) -> Iterator[ServerProcess]:
    cmd = [
        sys.executable,
        "-m",
        "xaapp",
        "server",
        "run",
        "--db",
        str(db),
        "--host",
        "127.0.0.1",
        "--port",
        "0",
    ]
    proc = subprocess.Popen(
        [*cmd, *extra],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})},
    )
    log: list[str] = []
    reader: threading.Thread | None = None
    try:
        deadline = time.monotonic() + 30
        url = None
        while url is None and time.monotonic() < deadline:
            line = proc.stderr.readline()
            if not line and proc.poll() is not None:
                break
            log.append(line)
            found = re.search(r"running on (https?://127\.0\.0\.1:\d+)", line)
            url = found.group(1) if found else None
        if url is None:
            raise RuntimeError("server did not start:\n" + "".join(log))
        # Keep reading its log so a full pipe never blocks it.
        reader = threading.Thread(target=lambda: log.extend(proc.stderr), name="server-log", daemon=True)
        reader.start()
        yield ServerProcess(proc, url, log)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=15)
        if reader is not None:
            reader.join(15)
