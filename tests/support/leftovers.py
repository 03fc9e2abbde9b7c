"""Processes a test run leaves behind.

Every process the suite starts inherits the run's environment, so a marker variable set at the start finds them
at the end, also those whose parent died (they are re-parented and no longer look like our children). Linux
only (it reads /proc); elsewhere it finds nothing.
"""

from __future__ import annotations

import os
from pathlib import Path

MARKER = "XAAPP_TEST_RUN"


def _state(pid: str) -> str:
    try:
        stat = Path("/proc", pid, "stat").read_text()
    except OSError:
        return "?"
    return stat.rsplit(")", 1)[1].split()[0]


def _command(pid: str) -> str:
    try:
        return (
            Path("/proc", pid, "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
        )
    except OSError:
        return "?"


def processes_with_marker(value: str) -> list[tuple[int, str]]:
    """Live processes (not zombies) other than this one whose environment carries ``MARKER=value``."""
    needle = f"{MARKER}={value}".encode()
    found = []
    proc = Path("/proc")
    if not proc.is_dir():
        return found
    for entry in proc.iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            environ = (entry / "environ").read_bytes()
        except OSError:
            continue
        if needle in environ.split(b"\0") and _state(entry.name) not in ("Z", "X", "?"):
            found.append((int(entry.name), _command(entry.name)))
    return sorted(found)
