"""`xaapp server` on the command line: https with a certificate, sync-file import within limits, and
``--json`` answering every error with a JSON object."""

from __future__ import annotations

import gzip
import json
import socket
import ssl
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from support.server_process import server_process
from support.tls import make_certificate
from xaapp.cli import main
from xaapp.sync.protocol import Handshake
from xaapp.sync.transport_http import HttpTransport

pytestmark = pytest.mark.integration


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and its key (``support.tls``)."""
    return make_certificate(folder)


def test_server_runs_over_tls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # requests lets these variables override a session's own ``verify``: trust only our certificate.
    for name in ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"):
        monkeypatch.delenv(name, raising=False)
    cert, key = self_signed(tmp_path)
    db = tmp_path / "central.db"
    with server_process(db, "--tls-cert", str(cert), "--tls-key", str(key)) as server:
        assert server.url.startswith("https://")
        # Connection: close — an idle TLS connection left open holds the server's stop (up to its
        # graceful-shutdown timeout) while it waits for the client's close_notify.
        close = {"Connection": "close"}
        info = requests.get(f"{server.url}/v1/info", verify=str(cert), timeout=10, headers=close)
        assert info.status_code == 200 and info.json()["protocol"] == 1
        port = int(server.url.rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port), timeout=10) as raw:
            with pytest.raises(ssl.SSLCertVerificationError):  # not a certificate the system trusts
                ssl.create_default_context().wrap_socket(raw, server_hostname="127.0.0.1")
        code = subprocess.run(
            [sys.executable, "-m", "xaapp", "server", "enroll", "--db", str(db), "--commune", "14923"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()[-1]
        enrolled = HttpTransport(server.url, ca_file=str(cert)).enroll(code, "laptop")
        client = HttpTransport(server.url, enrolled.token, ca_file=str(cert))
        assert client.handshake(Handshake(1, "t", "2026-01-01T00:00:00Z")).device_id == enrolled.device_id
        assert client.pull("", 50).reference  # reference data comes down over https
        client.close()


def test_tls_options_are_checked_before_starting(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cert, key = self_signed(tmp_path)
    db = str(tmp_path / "c.db")
    assert main(["server", "run", "--db", db, "--tls-cert", str(cert)]) == 2
    assert "--tls-key" in capsys.readouterr().err
    assert main(["server", "run", "--db", db, "--tls-cert", str(key), "--tls-key", str(cert)]) == 2
    assert "TLS" in capsys.readouterr().err


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict]:
    status = main(list(argv))
    out = capsys.readouterr().out
    return status, json.loads(out)


def test_import_refuses_bombs_and_json_reports_every_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "central.db")
    bomb = tmp_path / "bomb.xasync"
    bomb.write_bytes(gzip.compress(b" " * (200 * 1024 * 1024), 9))  # 200 KB inflating to 200 MB
    assert bomb.stat().st_size < 1024 * 1024
    status, out = run_json(capsys, "server", "import", "--db", db, str(bomb), "--json")
    assert status == 2 and out["ok"] is False and out["error"]["code"] == "file_bomb"
    assert "bom nén" in out["error"]["vi"] and "zip bomb" in out["error"]["en"]
    # The same without --json: the message on stderr, no traceback.
    assert main(["server", "import", "--db", db, str(bomb)]) == 2
    assert "bom nén" in capsys.readouterr().err

    members = tmp_path / "two.xasync"
    members.write_bytes(gzip.compress(b"{}") + gzip.compress(b"{}"))
    deep = tmp_path / "deep.xasync"
    deep.write_bytes(gzip.compress(b"[" * 50_000 + b"]" * 50_000))
    for path in (members, deep, tmp_path / "not-there.xasync"):
        status, out = run_json(capsys, "server", "import", "--db", db, str(path), "--json")
        assert status == 2 and out["ok"] is False and out["error"]["vi"] and out["error"]["en"], path

    unreachable = "postgresql://app@127.0.0.1:9/none"
    for argv in (["server", "stats"], ["server", "import", str(members)]):
        status, out = run_json(capsys, *argv, "--db", unreachable, "--json")
        assert status == 1 and out["error"]["code"] == "database" and out["error"]["vi"], argv
    status, out = run_json(capsys, "server", "stats", "--db", db, "--json")
    assert status == 0 and out["ok"] is True and out["communes"] == {}
