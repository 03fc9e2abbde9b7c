"""Property-based fuzzing of the server from its own OpenAPI document (schemathesis): bodies, query
strings and headers that fit the schema and ones that break it, for every route, against a live
server (in this process, on loopback), authenticated with a valid token. No answer may be a 5xx:
the laptop retries 5xx, so one crafted record would block it. Bounded: a fixed number of examples
per route and mode, derandomised so a failure reproduces."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

from support.sync_env import LiveServer

pytestmark = [pytest.mark.integration, pytest.mark.slow]
EXAMPLES = 40  # per route and mode: 7 routes x 2 modes x 40 ≈ 500 requests per database


@pytest.fixture(params=["sqlite", "postgresql"])
def fuzz_server(request: pytest.FixtureRequest, tmp_path: Path) -> Any:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'fuzz.db'}"
    else:
        url = request.getfixturevalue("pg_cluster").new_database()
    # Enrolment is rate-limited per address: raised here so the fuzzer reaches the body checks.
    server = LiveServer(url, enroll_per_minute=1_000_000).start()
    yield server
    server.stop()


def test_no_request_gets_a_server_error(fuzz_server: LiveServer) -> None:
    server = fuzz_server
    enrolled = requests.post(f"{server.url}/v1/enroll", json={"code": server.issue_code("14923")}, timeout=10)
    token = {"value": enrolled.json()["token"]}
    schema = schemathesis.openapi.from_dict(server.app.openapi())
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {op.path for op in operations} >= {"/v1/push", "/v1/pull", "/v1/enroll", "/v1/token/rotate"}
    failures: list[str] = []
    seen: dict[int, int] = {}

    with requests.Session() as session:

        def fuzz(operation: Any, mode: GenerationMode) -> None:
            @settings(
                max_examples=EXAMPLES,
                deadline=None,
                derandomize=True,
                database=None,
                suppress_health_check=list(HealthCheck),
            )
            @given(case=operation.as_strategy(generation_mode=mode))
            def call(case: Any) -> None:
                headers = {"Authorization": f"Bearer {token['value']}"}
                resp = case.call(base_url=server.url, session=session, headers=headers, timeout=30)
                seen[resp.status_code] = seen.get(resp.status_code, 0) + 1
                if resp.status_code >= 500:
                    failures.append(f"{case.method} {case.path} {mode}: {resp.status_code} {resp.text[:200]}")
                if case.path == "/v1/token/rotate" and resp.status_code == 200:
                    token["value"] = resp.json()["token"]  # the old one stopped working

            try:
                call()
            except Unsatisfiable:  # nothing to break in a route without parameters or body
                assert mode is GenerationMode.NEGATIVE and not operation.body and not operation.query

        for operation in operations:
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
                fuzz(operation, mode)
    assert not failures, "\n".join(failures[:20])
    assert seen.get(200, 0) > 50 and sum(n for s, n in seen.items() if 400 <= s < 500) > 100, seen
