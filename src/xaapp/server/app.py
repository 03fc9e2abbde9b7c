"""The central endpoint (FastAPI): enroll, handshake, push, pull, summary, token rotation; OpenAPI at
/openapi.json.

Stateless: everything lives in the database, so any number of instances can serve one PostgreSQL.
Nothing a client sends costs the server anything before it is authenticated: authenticated routes
check the bearer token from the headers first (401 before any body is read); ``/v1/enroll``, open
by nature, is rate-limited per client address and takes only a few KB. Bodies may be gzip
(``Content-Encoding: gzip``); wire size, inflated size, value count, nesting depth and upload time
are bounded (413/400/408), and inflating and parsing run in worker threads (``wire``, ``bodies``).
Every field is checked for type and range before it reaches the database, against the wire
format's one definition — the dataclasses of ``sync.protocol`` and ``sync.messages``, through
pydantic (``wire_schema``) — which ``/openapi.json`` publishes; then for the entities' own field
rules (``validation``). A device reads and writes only its own commune (the token says which). Writes
past ``max_concurrent_writes`` per instance get 429 with ``Retry-After``, which clients retry.
"""

from __future__ import annotations

import gc
import logging
import os
import threading
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from fastapi import FastAPI, Query, Request
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse, Response
from sqlalchemy import Connection, text
from starlette.concurrency import run_in_threadpool
from starlette.middleware.gzip import GZipMiddleware

from xaapp import __version__
from xaapp.server import devices, intake, keys, queries, reference, schema, yearly_report
from xaapp.server.bodies import BodyLimits, bad_text
from xaapp.server.database import make_engine, normalise_url, redact
from xaapp.server.ratelimit import RateLimiter
from xaapp.server.validation import is_cursor
from xaapp.server.wire import MAX_TOKEN_CHARS, bearer, content_length, fail, read_json, read_json_checked
from xaapp.server.wire_schema import Invalid, check, request_body
from xaapp.sync.messages import (
    Enrollment,
    EnrollRequest,
    ErrorAnswer,
    Handshake,
    HandshakeAnswer,
    Info,
    Summary,
    TokenAnswer,
)
from xaapp.sync.protocol import PROTOCOL_VERSION, PullPage, PushAnswer, PushRequest, PushResponse

logger = logging.getLogger("xaapp.server")


@dataclass
class ServerSettings:
    db_url: str | None = None
    key_file: str | None = None  # the server key (keys.py); None: XAAPP_SERVER_KEY or the default file
    max_request_bytes: int = 4 * 1024 * 1024  # on the wire (compressed)
    max_inflated_bytes: int = 32 * 1024 * 1024  # after gunzip
    max_json_items: int = 500_000  # values in one body (commas + objects + lists)
    max_json_depth: int = 32
    body_timeout_s: float = 300.0  # to receive a body (4 MB at about 128 kbit/s)
    max_batch_records: int = 1000
    max_pull_limit: int = 2000
    max_concurrent_writes: int = 8
    token_days: int = devices.TOKEN_DAYS
    # /v1/enroll is open to anyone: tiny bodies, and a few tries per minute per client address.
    enroll_max_bytes: int = 4096
    enroll_max_inflated: int = 8192
    enroll_timeout_s: float = 20.0
    enroll_per_minute: float = 10.0
    max_attachment_bytes: int = 25 * 1000 * 1000  # per attached file (server/attachments.py)

    def body_limits(self) -> BodyLimits:
        return BodyLimits(
            self.max_request_bytes,
            self.max_inflated_bytes,
            self.max_json_depth,
            self.max_json_items,
            self.body_timeout_s,
        )

    def enroll_limits(self) -> BodyLimits:
        return BodyLimits(self.enroll_max_bytes, self.enroll_max_inflated, 4, 100, self.enroll_timeout_s)


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _iso(dt: datetime | None) -> str | None:
    return dt.replace(microsecond=0).isoformat() + "Z" if dt is not None else None


_AUTH: dict[int | str, dict[str, Any]] = {401: {"model": ErrorAnswer}}
_SECURED: dict[str, Any] = {"security": [{"bearer": []}]}


def _enroll_fields(body: Any) -> tuple[str, str, str | None]:  # noqa: ANN401 - decoded JSON
    """(code, label, request_id) of an enrolment body; 400 naming the field otherwise."""
    try:
        asked: EnrollRequest = check(EnrollRequest, body)
    except Invalid as exc:
        raise fail("bad_request", field=exc.field, reason=exc.reason) from exc
    where = bad_text(body)
    if where is not None:
        raise fail("bad_request", field=where.split(".", 1)[0], reason=intake.TEXT_REASON)
    return asked.code, asked.label or "", asked.request_id


def create_app(settings: ServerSettings | None = None) -> FastAPI:
    settings = settings or ServerSettings()
    state: dict[str, Any] = {}
    writes = threading.BoundedSemaphore(settings.max_concurrent_writes)
    enroll_limiter = RateLimiter(settings.enroll_per_minute)
    body_limits, enroll_limits = settings.body_limits(), settings.enroll_limits()
    defs: dict[str, Any] = {}

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        engine = make_engine(settings.db_url)
        with engine.begin() as conn:
            before, after = schema.migrate(conn)
            changed = reference.seed(conn)
            key = keys.open_for(conn, settings.db_url, settings.key_file)
        logger.info(
            "server ready",
            extra={
                "db": redact(normalise_url(settings.db_url)),
                "schema_from": before,
                "schema_to": after,
                "reference_changed": changed,
                "server_key": key.source,
            },
        )
        state["engine"], state["key"] = engine, key
        # What is loaded by now (modules, the app, schemas) lives as long as the server: kept out of the
        # garbage collector's full passes, which otherwise walk it all again and again while a push's
        # records are parsed (about a tenth of the server's CPU per pushed record). Undone at shutdown.
        gc.freeze()
        try:
            yield
        finally:
            gc.unfreeze()
            engine.dispose()

    app = FastAPI(
        title="xaapp central sync endpoint",
        version=__version__,
        lifespan=lifespan,
        description=f"Sync protocol v{PROTOCOL_VERSION}. See docs/sync-protocol.md.",
    )
    app.add_middleware(GZipMiddleware, minimum_size=1000)

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            doc = get_openapi(
                title=app.title, version=app.version, description=app.description, routes=app.routes
            )
            components = doc.setdefault("components", {})
            for name, body in defs.items():
                components.setdefault("schemas", {}).setdefault(name, body)
            components["securitySchemes"] = {"bearer": {"type": "http", "scheme": "bearer"}}
            app.openapi_schema = doc
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]

    @app.middleware("http")
    async def log_requests(request: Request, call_next: Callable[..., Any]) -> Any:
        started = time.perf_counter()
        status = 500
        try:
            response = await call_next(request)
            status = response.status_code
            return response
        finally:
            logger.info(
                "request",
                extra={
                    "method": request.method,
                    "path": request.url.path,
                    "status": status,
                    "ms": round((time.perf_counter() - started) * 1000, 1),
                    "device": getattr(request.state, "device_id", None),
                    "bytes_in": content_length(request),
                    "records": getattr(request.state, "records", None),
                },
            )

    def in_tx(fn: Callable[[Connection], Any]) -> Any:
        with state["engine"].begin() as conn:
            return fn(conn)

    def token_of(request: Request) -> str:
        """The bearer token, refused without touching the database when absent or absurd."""
        token = bearer(request)
        if token is None:
            raise fail("no_token", {"WWW-Authenticate": "Bearer"})
        if len(token) > MAX_TOKEN_CHARS or not token.isascii():
            raise fail("bad_token", {"WWW-Authenticate": "Bearer"})
        return token

    def authed(request: Request, conn: Connection) -> devices.DeviceRow:
        try:
            dev = devices.authenticate(conn, token_of(request), _now())
        except devices.Unauthorised as exc:
            raise fail(exc.code, {"WWW-Authenticate": "Bearer"}) from exc
        request.state.device_id = dev.id
        devices.touch(conn, dev.id, _now())
        return dev

    async def authorise(request: Request) -> devices.DeviceRow:
        """Check the token before anything of the body is read."""
        token_of(request)
        return await run_in_threadpool(in_tx, lambda conn: authed(request, conn))

    def info_body() -> dict[str, Any]:
        return {
            "protocol": PROTOCOL_VERSION,
            "server_time": _iso(_now()),
            "max_request_bytes": settings.max_request_bytes,
            "max_batch_records": settings.max_batch_records,
        }

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> dict[str, str]:
        in_tx(lambda conn: conn.execute(text("SELECT 1")))
        return {"status": "ok"}

    @app.get("/v1/info", response_model=Info)
    def info() -> dict[str, Any]:
        return info_body()

    @app.post(
        "/v1/enroll",
        response_model=Enrollment,
        openapi_extra=request_body(EnrollRequest, defs, secured=False),
        responses={400: {"model": ErrorAnswer}, 413: {"model": ErrorAnswer}, 429: {"model": ErrorAnswer}},
    )
    async def enroll(request: Request) -> dict[str, Any]:
        wait = enroll_limiter.check(request.client.host if request.client else "?")
        if wait is not None:
            raise fail("rate_limited", {"Retry-After": str(max(1, round(wait)))})
        code, label, request_id = _enroll_fields(await read_json(request, enroll_limits))

        def work(conn: Connection) -> devices.DeviceGrant:
            try:
                return devices.enroll(
                    conn,
                    code,
                    label,
                    _now(),
                    request_id=request_id,
                    key=state["key"],
                    token_days=settings.token_days,
                )
            except devices.EnrollRefused as exc:
                raise fail("enroll_refused") from exc

        result = await run_in_threadpool(in_tx, work)
        request.state.device_id = result.device_id
        logger.info("device enrolled", extra={"device": result.device_id, "commune": result.commune_code})
        return {
            "device_id": result.device_id,
            "token": result.token,
            "commune_code": result.commune_code,
            "token_expires_at": _iso(result.expires_at),
        }

    @app.post("/v1/token/rotate", response_model=TokenAnswer, responses=_AUTH, openapi_extra=_SECURED)
    async def rotate_token(request: Request) -> dict[str, Any]:
        token = token_of(request)

        def work(conn: Connection) -> devices.DeviceGrant:
            try:
                return devices.rotate(conn, token, _now(), key=state["key"], token_days=settings.token_days)
            except devices.Unauthorised as exc:
                raise fail(exc.code, {"WWW-Authenticate": "Bearer"}) from exc

        grant = await run_in_threadpool(in_tx, work)
        request.state.device_id = grant.device_id
        logger.info("token rotated", extra={"device": grant.device_id})
        return {"token": grant.token, "expires_at": _iso(grant.expires_at)}

    @app.post(
        "/v1/handshake",
        response_model=HandshakeAnswer,
        openapi_extra=request_body(Handshake, defs),
        responses=_AUTH,
    )
    async def handshake(request: Request) -> dict[str, Any]:
        dev = await authorise(request)
        body = await read_json(request, body_limits)
        protocol = body.get("protocol") if isinstance(body, dict) else None
        if not isinstance(protocol, int) or isinstance(protocol, bool) or protocol != PROTOCOL_VERSION:
            raise fail("protocol", field="protocol", reason=f"this server speaks protocol {PROTOCOL_VERSION}")
        try:
            asked: Handshake = await run_in_threadpool(check, Handshake, body)
        except Invalid as exc:
            raise fail("bad_request", field=exc.field, reason=exc.reason) from exc
        awaiting = asked.awaiting_files

        def work(conn: Connection) -> Any:
            try:  # a yearly report marked as sent: frozen at the end of this sync's pull
                yearly_report.note_marks(conn, dev.id, dev.commune_code, body.get("yearly_reports"), _now())
            except yearly_report.BadMarks as exc:
                raise fail("bad_request", field="yearly_reports", reason=str(exc)) from exc
            return queries.device_state(conn, dev.id, awaiting)

        state = await run_in_threadpool(in_tx, work)
        return {
            **info_body(),
            "device_id": dev.id,
            "commune_code": dev.commune_code,
            "token_expires_at": _iso(dev.token_expires_at),
            **state,
        }

    @app.post(
        "/v1/push",
        response_model=PushAnswer,
        openapi_extra=request_body(PushRequest, defs),
        responses={**_AUTH, 413: {"model": ErrorAnswer}, 429: {"model": ErrorAnswer}},
    )
    async def push(request: Request) -> JSONResponse:
        await authorise(request)
        body, text_clean = await read_json_checked(request, body_limits)
        started = time.perf_counter()  # the body has arrived: from here on the time is the server's own
        try:
            batch_id, screened = await run_in_threadpool(
                intake.screen_push, body, settings.max_batch_records, text_clean
            )
        except intake.BadEnvelope as exc:
            raise fail(exc.code, field=exc.field, reason=exc.reason) from exc
        request.state.records = len(screened)
        if not writes.acquire(blocking=False):
            raise fail("busy", {"Retry-After": "2"})
        try:

            def work(conn: Connection) -> PushResponse:
                dev = authed(request, conn)  # again, inside the write: a revocation bites at once
                return PushResponse(
                    batch_id, intake.ingest_screened(conn, dev.writer, batch_id, screened, _now())
                )

            response = await run_in_threadpool(in_tx, work)
        finally:
            writes.release()
        # How long storing took, so a laptop can tell its line's speed from the server's (it packs
        # bodies tighter on a slow line: sync/transport_http.py).
        spent = f"store;dur={(time.perf_counter() - started) * 1000:.1f}"
        return JSONResponse(response.to_json(), headers={"Server-Timing": spent})

    @app.get("/v1/pull", response_model=PullPage, responses=_AUTH, openapi_extra=_SECURED)
    async def pull(
        request: Request,
        cursor: str = Query(
            "",
            description="opaque; '' for the start, else the cursor of the previous page",
            json_schema_extra={"pattern": r"^(\d{1,18}\.\d{1,18}(\.o)?)?$"},
        ),
        limit: int = Query(500, ge=1),
        own: int = Query(0, ge=0, le=1),
        max_bytes: int = Query(queries.MAX_PAGE_BYTES, ge=1),
    ) -> JSONResponse:
        token_of(request)

        def work(conn: Connection) -> Any:
            dev = authed(request, conn)
            if not is_cursor(cursor):
                raise fail("bad_cursor", field="cursor", reason="not a cursor this server gave")
            try:
                page = queries.pull(
                    conn,
                    dev.commune_code,
                    dev.id,
                    cursor,
                    min(limit, settings.max_pull_limit),
                    bool(own),
                    max_bytes,
                )
            except queries.BadCursor as exc:
                raise fail("bad_cursor") from exc
            # the review loop: the last page carries the commune's returns, approvals and yearly reports
            # (a report marked at this sync's handshake is frozen now, after its push)
            if page.more:
                return page
            review = yearly_report.review_state(conn, dev.commune_code, dev.id, state["key"], _now())
            return replace(page, review=review)

        page = await run_in_threadpool(in_tx, work)
        request.state.records = len(page.records)
        return JSONResponse(page.to_json())

    @app.get(
        "/v1/item",
        response_class=Response,
        responses={200: {"content": {"application/octet-stream": {}}}, 404: {"model": ErrorAnswer}, **_AUTH},
        openapi_extra=_SECURED,
    )
    async def item(
        request: Request,
        uuid: str = Query("", max_length=36),
        revision: int = Query(0, ge=0, le=2**31 - 1),
        kind: str = Query("", max_length=40),
        key: str = Query("", max_length=200),
        hash: str = Query("", max_length=80),
        offset: int = Query(0, ge=0, le=2**31 - 1),
        length: int = Query(65_536, ge=1, le=4 * 1024 * 1024),
    ) -> Response:
        """Part of an item a pull page sent as a stub: ``offset``/``length`` bytes of a record version's
        data (``uuid``, ``revision``) or of a reference item's content (``kind``, ``key``, ``hash``), so a
        link that cuts long answers still gets a large item in pieces. ``X-Item-Size``: the whole size."""

        token_of(request)

        def work(conn: Connection) -> bytes | None:
            dev = authed(request, conn)
            return queries.item_content(
                conn, dev.commune_code, uuid=uuid, revision=revision, kind=kind, key=key, hash=hash
            )

        content = await run_in_threadpool(in_tx, work)
        if content is None:
            raise fail("no_item")
        return Response(
            content[offset : offset + length],
            media_type="application/octet-stream",
            headers={"X-Item-Size": str(len(content))},
        )

    @app.get("/v1/summary", response_model=Summary, responses=_AUTH, openapi_extra=_SECURED)
    async def summary(request: Request) -> dict[str, Any]:
        token_of(request)

        def work(conn: Connection) -> Any:
            dev = authed(request, conn)
            return {"commune_code": dev.commune_code, "counts": queries.summary(conn, dev.commune_code)}

        return await run_in_threadpool(in_tx, work)

    # The supervisor console (server/console): web pages at /console with their own accounts and
    # session cookies; a device token never opens it and its cookie never authorises /v1/*.
    from xaapp.server.console.routes import console_router

    app.include_router(console_router(lambda: state["engine"], lambda: state["key"]))

    from xaapp.server.attachments import attachments_router

    app.include_router(attachments_router(settings, in_tx, authorise, authed))

    return app


def app_from_env() -> FastAPI:
    """For ``uvicorn --factory`` with several worker processes: settings from the environment
    (``xaapp server run --workers N`` sets them)."""
    env = os.environ
    return create_app(
        ServerSettings(
            db_url=env.get("XAAPP_SERVER_DB"),
            key_file=env.get(keys.ENV_KEY_FILE) or None,
            token_days=int(env.get("XAAPP_SERVER_TOKEN_DAYS") or devices.TOKEN_DAYS),
            enroll_per_minute=float(env.get("XAAPP_SERVER_ENROLL_PER_MINUTE") or 10.0),
            max_attachment_bytes=round(float(env.get("XAAPP_SERVER_MAX_ATTACHMENT_MB") or 25.0) * 1_000_000),
        )
    )
