"""Real sync end to end for tests and benchmarks: the server on 127.0.0.1 port 0, devices as data dirs.

``LiveServer`` runs the FastAPI app under uvicorn in a thread; ``Device`` is one computer's data
folder, enrolled with a one-time code. ``PgCluster`` starts a throwaway PostgreSQL cluster as the
``postgres`` user when the binaries exist.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import uvicorn
from sqlalchemy import Engine, create_engine, text

from xaapp.server import admin
from xaapp.server.app import ServerSettings, create_app
from xaapp.storage.db import Database, open_database
from xaapp.storage.sync_store import SqlSyncStore


class LiveServer:
    def __init__(self, db_url: str, *, tls: tuple[Path, Path] | None = None, **settings: int) -> None:
        """*tls*: (certificate, key) PEM files to serve https with."""
        self.db_url = db_url
        self.tls = tls
        self.app = create_app(ServerSettings(db_url=db_url, **settings))
        ssl = {"ssl_certfile": str(tls[0]), "ssl_keyfile": str(tls[1])} if tls else {}
        config = uvicorn.Config(
            self.app, host="127.0.0.1", port=0, log_level="warning", access_log=False, lifespan="on", **ssl
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, name="live-server", daemon=True)
        self.port = 0
        self._engine: Engine | None = None

    def start(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("server did not start")
            time.sleep(0.02)
        self.port = self.server.servers[0].sockets[0].getsockname()[1]
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(15)
        if self._engine is not None:
            self._engine.dispose()

    @property
    def url(self) -> str:
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.port}"

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = admin.open_engine(self.db_url)
        return self._engine

    def issue_code(self, commune: str) -> str:
        return admin.issue_code(self.engine, commune)

    def stats(self) -> dict:
        return admin.stats(self.engine)


@dataclass
class Device:
    data_dir: Path
    db: Database

    @property
    def store(self) -> SqlSyncStore:
        return SqlSyncStore(self.db)

    def close(self) -> None:
        self.db.close()


def new_device(data_dir: Path) -> Device:
    return Device(data_dir, open_database(data_dir))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pg_bin_dir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


class PgCluster:
    """A throwaway PostgreSQL cluster under *root* (owned by ``postgres``), on a free loopback port."""

    def __init__(self, root: Path, *, fsync: bool = False) -> None:
        bindir = pg_bin_dir()
        if bindir is None:
            raise RuntimeError("PostgreSQL is not installed")
        self.bindir, self.root = bindir, root
        self.port = free_port()
        self.data = root / "data"
        self._n = 0
        self.fsync = fsync  # off for tests; on where a benchmark measures durable writes

    def _as_postgres(self, *cmd: str) -> None:
        runner = ["su", "postgres", "-c", " ".join(cmd)] if os.geteuid() == 0 else list(cmd)
        done = subprocess.run(runner, capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            raise RuntimeError(f"{cmd[0]} failed: {done.stderr or done.stdout}")

    def start(self) -> PgCluster:
        self.root.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres")
            os.chmod(self.root, 0o755)
        self._as_postgres(
            f"{self.bindir}/initdb",
            "-D",
            str(self.data),
            "-U",
            "app",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )
        opts = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync={'on' if self.fsync else 'off'}"
            " -c max_connections=200"
        )
        self._as_postgres(
            f"{self.bindir}/pg_ctl",
            "-D",
            str(self.data),
            "-l",
            str(self.root / "pg.log"),
            "-w",
            "start",
            "-o",
            f"'{opts}'",
        )
        return self

    def stop(self) -> None:
        try:
            self._as_postgres(f"{self.bindir}/pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        except RuntimeError:
            pass

    def new_database(self) -> str:
        """A fresh empty database; returns its SQLAlchemy URL."""
        self._n += 1
        name = f"t{self._n}_{os.getpid()}"
        eng = create_engine(
            f"postgresql+psycopg://app@127.0.0.1:{self.port}/postgres", isolation_level="AUTOCOMMIT"
        )
        with eng.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        eng.dispose()
        return f"postgresql+psycopg://app@127.0.0.1:{self.port}/{name}"
