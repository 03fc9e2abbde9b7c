"""Fixtures for sync unit tests: a small local commune, a server core in process, fast retries."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # sync_fakes.py (import-mode=importlib)

from sync_fakes import LocalServer  # noqa: E402

from xaapp.storage.db import Database, open_database  # noqa: E402
from xaapp.sync.engine import SyncOptions  # noqa: E402


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "device")
    yield database
    database.close()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[LocalServer]:
    srv = LocalServer.create(tmp_path / "server.db")
    yield srv
    srv.engine.dispose()


@pytest.fixture
def fast() -> SyncOptions:
    return SyncOptions(backoff_base=0.001, backoff_cap=0.005, seed=1)
