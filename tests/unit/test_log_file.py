"""The app's log file: it rotates by size and keeps a few older files, so it never fills the disk."""

from __future__ import annotations

import logging
from pathlib import Path

from xaapp.config import RotatingLogFile


def _logger(handler: logging.Handler) -> logging.Logger:
    log = logging.getLogger("test_log_file")
    log.propagate = False
    log.setLevel(logging.INFO)
    log.addHandler(handler)
    return log


def test_the_log_rotates_before_it_passes_its_size_and_keeps_three_older_files(tmp_path: Path) -> None:
    path = tmp_path / "xaapp.log"
    handler = RotatingLogFile(path, max_bytes=1000, backups=3)
    log = _logger(handler)
    try:
        for number in range(100):  # 100 lines of 100 bytes: ten files' worth
            log.info("dòng %02d %s", number, "x" * 89)
    finally:
        log.removeHandler(handler)
        handler.close()
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == ["xaapp.log", "xaapp.log.1", "xaapp.log.2", "xaapp.log.3"]  # the oldest dropped
    assert all(p.stat().st_size <= 1000 for p in tmp_path.iterdir())
    newest = path.read_text(encoding="utf-8").splitlines()
    assert newest[-1].startswith("dòng 99 ")  # written in UTF-8, the newest last
    previous = (tmp_path / "xaapp.log.1").read_text(encoding="utf-8").splitlines()
    assert int(previous[-1].split()[1]) + 1 == int(newest[0].split()[1])  # no line lost between the files


def test_a_log_under_its_size_is_appended_to_across_starts(tmp_path: Path) -> None:
    path = tmp_path / "xaapp.log"
    for start in range(2):
        handler = RotatingLogFile(path, max_bytes=10_000, backups=3)
        log = _logger(handler)
        log.info("lần chạy %d", start)
        log.removeHandler(handler)
        handler.close()
    assert path.read_text(encoding="utf-8").splitlines() == ["lần chạy 0", "lần chạy 1"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["xaapp.log"]
