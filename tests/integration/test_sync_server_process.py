"""`xaapp server run` as a process: port 0, JSON logs without secrets, OpenAPI, request size limits."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from support.server_process import server_process

pytestmark = pytest.mark.integration


def test_server_process_limits_logs_and_openapi(tmp_path: Path) -> None:
    db = tmp_path / "central.db"
    with server_process(db) as server:
        url = server.url

        info = requests.get(f"{url}/v1/info", timeout=10).json()
        assert info["protocol"] == 1
        paths = requests.get(f"{url}/openapi.json", timeout=10).json()["paths"]
        assert {"/v1/push", "/v1/pull", "/v1/enroll", "/v1/handshake", "/v1/summary"} <= set(paths)
        assert "requestBody" in paths["/v1/push"]["post"]

        code = subprocess.run(
            [sys.executable, "-m", "xaapp", "server", "enroll", "--db", str(db), "--commune", "14923"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()[-1]
        token = requests.post(f"{url}/v1/enroll", json={"code": code}, timeout=10).json()["token"]
        auth = {"Authorization": f"Bearer {token}"}

        big = requests.post(f"{url}/v1/push", data=b"x" * (5 * 1024 * 1024), headers=auth, timeout=30)
        assert big.status_code == 413 and big.json()["detail"]["code"] == "too_large"
        bomb = gzip.compress(b"[" + b"0," * (20 * 1024 * 1024) + b"0]")
        inflated = requests.post(
            f"{url}/v1/push",
            data=bomb,
            timeout=30,
            headers={**auth, "Content-Encoding": "gzip", "Content-Type": "application/json"},
        )
        assert inflated.status_code == 413
        nobody = requests.get(f"{url}/v1/pull", timeout=10)
        assert nobody.status_code == 401 and nobody.json()["detail"]["message_vi"]
        bad_cursor = requests.get(f"{url}/v1/pull", params={"cursor": "oops"}, headers=auth, timeout=10)
        assert bad_cursor.status_code == 400
    log = "".join(server.log)
    records = [json.loads(line) for line in log.splitlines() if line.startswith("{")]
    requests_logged = [r for r in records if r.get("msg") == "request"]
    assert {r["status"] for r in requests_logged} >= {200, 401, 413}
    assert token not in log and code not in log
