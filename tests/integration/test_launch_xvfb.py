"""The README's launch command opens a real window (xcb platform) under Xvfb: first-run setup, then login."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="needs xvfb-run"),
]


def _launch_and_wait(data_dir: Path, needle: str, timeout: float = 60) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    xaapp = Path(sys.executable).with_name("xaapp")
    proc = subprocess.Popen(
        ["xvfb-run", "-a", str(xaapp), "--data-dir", str(data_dir)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # xvfb-run, Xvfb and the app share one process group, stopped together
    )
    log = data_dir / "logs" / "xaapp.log"
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            if log.exists() and needle in log.read_text(encoding="utf-8"):
                assert proc.poll() is None, "the app exited instead of waiting for the user"
                return log.read_text(encoding="utf-8")
            if proc.poll() is not None:
                break
            time.sleep(0.2)
        stderr = proc.stderr.read() if proc.poll() is not None and proc.stderr else ""
        pytest.fail(f"no '{needle}' in the log; exit={proc.poll()} stderr={stderr[-2000:]}")
    finally:
        _stop_group(proc)
    return ""


def _group_members(pgid: int) -> list[int]:
    members = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            fields = stat.rsplit(")", 1)[1].split()
            if int(fields[2]) == pgid and fields[0] != "Z":
                members.append(int(entry.name))
    return members


def _stop_group(proc: subprocess.Popen[str]) -> None:
    """Stop xvfb-run with the Xvfb server and the app it started, and check that none is left."""
    pgid = proc.pid
    for sig, wait in ((signal.SIGTERM, 10.0), (signal.SIGKILL, 10.0)):
        try:
            os.killpg(pgid, sig)
        except ProcessLookupError:
            break
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            proc.poll()
            if not _group_members(pgid):
                break
            time.sleep(0.1)
        else:
            continue
        break
    proc.wait(timeout=10)
    if proc.stderr:
        proc.stderr.close()
    assert not _group_members(pgid), "the launch left processes running"


def test_first_run_setup_appears_in_a_real_window(tmp_path: Path) -> None:
    log = _launch_and_wait(tmp_path, "first-run setup shown")
    assert "first-run setup shown (xcb)" in log


def test_after_setup_the_login_appears(tmp_path: Path) -> None:
    from xaapp.services.accounts import complete_setup
    from xaapp.storage.db import open_database

    db = open_database(tmp_path)
    complete_setup(db, "14923", "admin", "Hà Văn Tuấn", "mat-khau-dai")
    db.close()
    log = _launch_and_wait(tmp_path, "login shown")
    assert "login shown (xcb)" in log
