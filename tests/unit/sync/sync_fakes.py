"""In-process fakes for sync tests: the server's own logic without HTTP, and a transport that fails on cue.

``LocalServer`` (Anki's ``LocalServer`` idea) answers the ``Transport`` calls with the real server
code (``ingest``, ``queries``) over an SQLite file, so idempotency is tested for real, quickly.
``Flaky`` wraps any transport and follows a script: ``drop_request`` (the request never arrives),
``drop_response`` (the server stored it, the answer was lost), ``500``, ``429``, ``401``, ``413``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from xaapp.server import admin, devices, queries
from xaapp.server.ingest import ingest
from xaapp.storage.db import Database
from xaapp.storage.orm import Household, Person, Village
from xaapp.sync.errors import AuthError, OfflineError, RateLimited, RequestTooLarge, ServerError
from xaapp.sync.ports import TransportStats
from xaapp.sync.protocol import (
    PROTOCOL_VERSION,
    Enrollment,
    Handshake,
    PullPage,
    PushRequest,
    PushResponse,
    ReferenceItem,
    ServerInfo,
    ServerRecord,
    canonical_json,
)

COMMUNE = "14923"


def add_commune(db: Database, households: int = 6, commune: str = COMMUNE) -> None:
    """Villages, households and people through the tracked ORM path (each with its outbox row)."""
    from xaapp.services.reference import ensure_units

    ensure_units(db)
    with db.session(actor="test") as s:
        villages = [Village(commune_code=commune, name=f"Thôn {i}") for i in range(2)]
        s.add_all(villages)
        for i in range(households):
            hh = Household(village=villages[i % 2], code=f"{i:05d}", address=f"Thôn {i % 2}")
            s.add(hh)
            s.add(
                Person(
                    household=hh,
                    position=0,
                    full_name=f"Nguyễn Văn {chr(65 + i % 26)}",
                    sex="male",
                    dob=dt.date(1980, 1, 2),
                    birth_year=1980,
                    personal_id="038080001234",
                    relationship_to_head="head",
                )
            )


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class LocalServer:
    """One enrolled device's view of a real server database, without HTTP."""

    def __init__(self, engine: Engine, enrollment: Enrollment, max_batch_records: int = 1000) -> None:
        self.engine, self.enrollment = engine, enrollment
        self.max_batch_records = max_batch_records
        self.stats = TransportStats()
        self.pushed_sizes: list[int] = []
        self.extra_info: dict[str, Any] = {}  # more handshake fields (e.g. token_expires_at)
        self.rotations: list[str] = []

    @classmethod
    def create(cls, path: Path, commune: str = "14923") -> LocalServer:
        engine = admin.open_engine(f"sqlite:///{path}")
        code = admin.issue_code(engine, commune)
        with engine.begin() as conn:
            enrollment = devices.enroll(conn, code, "test", _now())
        return cls(engine, enrollment)

    def another_device(self, commune: str | None = None) -> LocalServer:
        code = admin.issue_code(self.engine, commune or self.enrollment.commune_code)
        with self.engine.begin() as conn:
            enrollment = devices.enroll(conn, code, "test", _now())
        return LocalServer(self.engine, enrollment)

    def _device(self, conn: Any) -> devices.DeviceRow:
        try:
            return devices.authenticate(conn, self.enrollment.token)
        except devices.Unauthorised as exc:
            raise AuthError(exc.code) from exc

    def _count(self, body: Any) -> None:
        self.stats.round_trips += 1
        self.stats.bytes_sent += len(canonical_json(body))

    def handshake(self, request: Handshake) -> ServerInfo:
        self._count(request.to_json())
        with self.engine.begin() as conn:
            dev = self._device(conn)
            state = queries.device_state(conn, dev.id, request.awaiting_files)
        return ServerInfo(
            PROTOCOL_VERSION,
            _now().isoformat() + "Z",
            dev.id,
            dev.commune_code,
            4_000_000,
            self.max_batch_records,
            {**state, **self.extra_info},
        )

    def push(self, request: PushRequest) -> PushResponse:
        self._count(request.to_json())
        self.pushed_sizes.append(len(request.records))
        with self.engine.begin() as conn:
            dev = self._device(conn)
            results = ingest(conn, dev.writer, request.batch_id, request.records, _now())
        return PushResponse(request.batch_id, results)

    def pull(self, cursor: str, limit: int, own: bool = False, max_bytes: int | None = None) -> PullPage:
        self._count({"cursor": cursor})
        with self.engine.begin() as conn:
            dev = self._device(conn)
            return queries.pull(
                conn, dev.commune_code, dev.id, cursor, limit, own, max_bytes or queries.MAX_PAGE_BYTES
            )

    def fetch_item(self, stub: ServerRecord | ReferenceItem, offset: int, length: int) -> tuple[bytes, int]:
        self._count({"offset": offset})
        with self.engine.begin() as conn:
            dev = self._device(conn)
            if isinstance(stub, ServerRecord):
                content = queries.item_content(conn, dev.commune_code, uuid=stub.uuid, revision=stub.revision)
            else:
                content = queries.item_content(
                    conn, dev.commune_code, kind=stub.kind, key=stub.key, hash=stub.hash
                )
        assert content is not None
        return content[offset : offset + length], len(content)

    def rotate_token(self) -> tuple[str, str]:
        """The contract of ``POST /v1/token/rotate``, done on the device table directly."""
        import hashlib
        import secrets

        from sqlalchemy import update

        from xaapp.server.schema import device
        from xaapp.sync.file_transport import signing_key

        token = "xa1_" + secrets.token_urlsafe(32)
        with self.engine.begin() as conn:
            dev = self._device(conn)
            conn.execute(
                update(device)
                .where(device.c.id == dev.id)
                .values(
                    token_hash=hashlib.sha256(token.encode()).hexdigest(),
                    signing_key=signing_key(token).hex(),
                )
            )
        self.rotations.append(token)
        return token, "2030-01-01T00:00:00Z"

    def set_token(self, token: str) -> None:
        self.enrollment = Enrollment(self.enrollment.device_id, token, self.enrollment.commune_code)

    def summary(self) -> dict[str, int]:
        self._count({})
        with self.engine.begin() as conn:
            dev = self._device(conn)
            return queries.summary(conn, dev.commune_code)


class Flaky:
    """Wraps a transport; each call takes the next step of the script ("ok" when it runs out)."""

    def __init__(
        self,
        inner: Any,
        script: list[str] | None = None,
        *,
        only: tuple[str, ...] = ("push", "pull", "handshake", "summary"),
    ) -> None:
        self.inner, self.script, self.only = inner, list(script or []), only
        self.calls: list[tuple[str, str]] = []
        self.before_call: Callable[[str], None] | None = None

    @property
    def stats(self) -> TransportStats:
        return self.inner.stats

    def _run(self, name: str, call: Callable[[], Any]) -> Any:
        if self.before_call:
            self.before_call(name)
        step = self.script.pop(0) if self.script and name in self.only else "ok"
        self.calls.append((name, step))
        if step == "drop_request":
            raise OfflineError("dropped request")
        if step == "500":
            raise ServerError(500)
        if step == "429":
            raise RateLimited(0.0)
        if step == "401":
            raise AuthError("401")
        if step == "413":
            raise RequestTooLarge("413")
        result = call()
        if step == "drop_response":
            raise OfflineError("lost response")
        return result

    def handshake(self, request: Handshake) -> ServerInfo:
        return self._run("handshake", lambda: self.inner.handshake(request))

    def push(self, request: PushRequest) -> PushResponse:
        return self._run("push", lambda: self.inner.push(request))

    def pull(self, cursor: str, limit: int, own: bool = False, max_bytes: int | None = None) -> PullPage:
        return self._run("pull", lambda: self.inner.pull(cursor, limit, own, max_bytes))

    def fetch_item(self, stub: Any, offset: int, length: int) -> tuple[bytes, int]:
        return self._run("fetch_item", lambda: self.inner.fetch_item(stub, offset, length))

    def rotate_token(self) -> tuple[str, str]:
        return self._run("rotate_token", self.inner.rotate_token)

    def set_token(self, token: str) -> None:
        self.inner.set_token(token)

    def summary(self) -> dict[str, int]:
        return self._run("summary", self.inner.summary)


def statements(db: Database, work: Any) -> list[tuple[str, Any, bool]]:  # noqa: ANN401
    """The SQL statements *work* runs on *db*: (statement, parameters, executemany) each."""
    from sqlalchemy import event

    seen: list[tuple[str, Any, bool]] = []

    def note(conn, cursor, statement, parameters, context, executemany) -> None:  # noqa: ANN001
        seen.append((statement, parameters, executemany))

    event.listen(db.engine, "before_cursor_execute", note)
    try:
        work()
    finally:
        event.remove(db.engine, "before_cursor_execute", note)
    return seen
