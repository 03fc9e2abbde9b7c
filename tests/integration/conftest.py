"""Integration fixtures: the real sync server on loopback, over SQLite and (when installed) PostgreSQL.

``server_db_url`` is parametrised: every test that uses it runs once per database. The PostgreSQL
variant starts one throwaway cluster for the session (as the ``postgres`` user, port picked free,
data under a temporary folder, stopped at the end) and gives each test its own database; it skips
with a reason when ``/usr/lib/postgresql/*/bin/initdb`` is missing.
"""

from __future__ import annotations

import base64
import os
import secrets
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

# tests/ on the path for tests/support (pytest runs with --import-mode=importlib).
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from support.sync_env import Device, LiveServer, PgCluster, new_device, pg_bin_dir  # noqa: E402

# The server key (server/keys.py) for every server these tests start, in process or as a child: a
# PostgreSQL database has no folder of its own to keep a key file beside, and tests write nothing
# into the working folder. Tests of the key file itself remove this variable.
os.environ.setdefault("XAAPP_SERVER_KEY", base64.b64encode(secrets.token_bytes(32)).decode("ascii"))


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    if pg_bin_dir() is None:
        pytest.skip("PostgreSQL is not installed (apt-get install postgresql): PostgreSQL variant skipped")
    # Not under pytest's tmp dir: that one is private to root and the cluster runs as ``postgres``.
    root = Path(tempfile.mkdtemp(prefix="xaapp-pg-"))
    cluster = PgCluster(root).start()
    yield cluster
    cluster.stop()
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def server_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'server.db'}"
    cluster: PgCluster = request.getfixturevalue("pg_cluster")
    return cluster.new_database()


@pytest.fixture
def live_server(server_db_url: str) -> Iterator[LiveServer]:
    server = LiveServer(server_db_url).start()
    yield server
    server.stop()


@pytest.fixture
def make_device(tmp_path: Path) -> Iterator[Callable[[str], Device]]:
    made: list[Device] = []

    def make(name: str) -> Device:
        dev = new_device(tmp_path / name)
        made.append(dev)
        return dev

    yield make
    for dev in made:
        dev.close()
