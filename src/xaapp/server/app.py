"""The central endpoint (FastAPI): enroll, handshake, push, pull, summary; OpenAPI at /openapi.json.

Stateless: everything lives in the database, so any number of instances can serve one PostgreSQL.
Request bodies may be gzip (``Content-Encoding: gzip``); both the wire size and the inflated size
are limited (413). A device reads and writes only its own commune (the token says which). Writes
past ``max_concurrent_writes`` per instance get 429 with ``Retry-After``, which clients retry.
"""

from __future__ import annotations

import json
import logging
import threading
import time
import zlib
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import JSONResponse
from sqlalchemy import Connection, Engine, text
from starlette.concurrency import run_in_threadpool
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import ClientDisconnect

from xaapp import __version__
from xaapp.server import api_models as m
from xaapp.server import devices, queries, reference, schema
from xaapp.server.database import make_engine, normalise_url, redact
from xaapp.server.ingest import ingest
from xaapp.sync.protocol import PROTOCOL_VERSION, PushRequest, PushResponse

logger = logging.getLogger("xaapp.server")


@dataclass
class ServerSettings:
    db_url: str | None = None
    max_request_bytes: int = 4 * 1024 * 1024  # on the wire (compressed)
    max_inflated_bytes: int = 32 * 1024 * 1024  # after gunzip
    max_batch_records: int = 1000
    max_pull_limit: int = 2000
    max_concurrent_writes: int = 8


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _iso(dt: datetime) -> str:
    return dt.replace(microsecond=0).isoformat() + "Z"


_MESSAGES: dict[str, tuple[int, str, str]] = {
    "no_token": (401, "Thiếu mã truy cập của thiết bị.", "The device token is missing."),
    "bad_token": (401, "Mã truy cập của thiết bị không đúng.", "The device token is not valid."),
    "revoked": (401, "Thiết bị này đã bị thu hồi quyền.", "This device's access was revoked."),
    "enroll_refused": (
        400,
        "Mã đăng ký không đúng, đã dùng hoặc đã hết hạn.",
        "The enrollment code is wrong, used or expired.",
    ),
    "too_large": (413, "Gói dữ liệu quá lớn.", "The request is too large."),
    "too_many_records": (413, "Quá nhiều bản ghi trong một lần gửi.", "Too many records in one request."),
    "bad_request": (400, "Yêu cầu không đúng định dạng.", "The request is malformed."),
    "bad_cursor": (400, "Con trỏ đồng bộ không hợp lệ.", "The sync cursor is not valid."),
    "protocol": (400, "Phiên bản giao thức không khớp.", "The protocol version does not match."),
    "busy": (429, "Máy chủ đang bận, hãy thử lại.", "The server is busy; try again."),
}


def fail(code: str, headers: dict[str, str] | None = None) -> HTTPException:
    status, vi, en = _MESSAGES[code]
    return HTTPException(status, {"code": code, "message_vi": vi, "message_en": en}, headers=headers)


def _bearer(request: Request) -> str | None:
    value = request.headers.get("authorization", "")
    return value[7:].strip() if value.lower().startswith("bearer ") else None


async def read_json(request: Request, settings: ServerSettings) -> Any:
    """The body as JSON, gunzipped if so sent, within the size limits (413 otherwise)."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > settings.max_request_bytes:
        raise fail("too_large")
    body = bytearray()
    try:
        async for chunk in request.stream():
            body += chunk
            if len(body) > settings.max_request_bytes:
                raise fail("too_large")
    except ClientDisconnect as exc:  # the link dropped mid-upload: nothing was stored, the client retries
        raise fail("bad_request") from exc
    raw = bytes(body)
    if request.headers.get("content-encoding", "").lower() == "gzip":
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            raw = inflater.decompress(raw, settings.max_inflated_bytes + 1)
        except zlib.error as exc:
            raise fail("bad_request") from exc
        if len(raw) > settings.max_inflated_bytes or inflater.unconsumed_tail:
            raise fail("too_large")
    try:
        return json.loads(raw)
    except ValueError as exc:
        raise fail("bad_request") from exc


def _doc(model: type) -> dict[str, Any]:
    """OpenAPI for a body we parse ourselves (it may arrive gzip-compressed)."""
    return {
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": model.model_json_schema(ref_template="#/components/schemas/{model}")
                }
            },
        }
    }


def create_app(settings: ServerSettings | None = None) -> FastAPI:
    settings = settings or ServerSettings()
    state: dict[str, Engine] = {}
    writes = threading.BoundedSemaphore(settings.max_concurrent_writes)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        engine = make_engine(settings.db_url)
        with engine.begin() as conn:
            before, after = schema.migrate(conn)
            changed = reference.seed(conn)
        logger.info(
            "server ready",
            extra={
                "db": redact(normalise_url(settings.db_url)),
                "schema_from": before,
                "schema_to": after,
                "reference_changed": changed,
            },
        )
        state["engine"] = engine
        yield
        engine.dispose()

    app = FastAPI(
        title="xaapp central sync endpoint",
        version=__version__,
        lifespan=lifespan,
        description=f"Sync protocol v{PROTOCOL_VERSION}. See docs/sync-protocol.md.",
    )
    app.add_middleware(GZipMiddleware, minimum_size=1000)

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
                    "bytes_in": int(request.headers.get("content-length") or 0),
                    "records": getattr(request.state, "records", None),
                },
            )

    def in_tx(fn: Callable[[Connection], Any]) -> Any:
        with state["engine"].begin() as conn:
            return fn(conn)

    def authed(request: Request, conn: Connection) -> devices.DeviceRow:
        try:
            dev = devices.authenticate(conn, _bearer(request))
        except devices.Unauthorised as exc:
            raise fail(exc.code, {"WWW-Authenticate": "Bearer"}) from exc
        request.state.device_id = dev.id
        devices.touch(conn, dev.id, _now())
        return dev

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

    @app.get("/v1/info", response_model=m.InfoOut)
    def info() -> dict[str, Any]:
        return info_body()

    @app.post(
        "/v1/enroll",
        response_model=m.EnrollOut,
        openapi_extra=_doc(m.EnrollIn),
        responses={400: {"model": m.ErrorBody}},
    )
    async def enroll(request: Request) -> dict[str, Any]:
        body = await read_json(request, settings)
        if not isinstance(body, dict) or not isinstance(body.get("code"), str):
            raise fail("bad_request")

        def work(conn: Connection) -> Any:
            try:
                return devices.enroll(conn, body["code"], str(body.get("label", "")), _now())
            except devices.EnrollRefused as exc:
                raise fail("enroll_refused") from exc

        result = await run_in_threadpool(in_tx, work)
        request.state.device_id = result.device_id
        logger.info("device enrolled", extra={"device": result.device_id, "commune": result.commune_code})
        return {"device_id": result.device_id, "token": result.token, "commune_code": result.commune_code}

    @app.post(
        "/v1/handshake",
        response_model=m.HandshakeOut,
        openapi_extra=_doc(m.HandshakeIn),
        responses={401: {"model": m.ErrorBody}},
    )
    async def handshake(request: Request) -> dict[str, Any]:
        body = await read_json(request, settings)
        dev = await run_in_threadpool(in_tx, lambda conn: authed(request, conn))
        if not isinstance(body, dict) or body.get("protocol") != PROTOCOL_VERSION:
            raise fail("protocol")
        return {**info_body(), "device_id": dev.id, "commune_code": dev.commune_code}

    @app.post(
        "/v1/push",
        response_model=m.PushOut,
        openapi_extra=_doc(m.PushIn),
        responses={401: {"model": m.ErrorBody}, 413: {"model": m.ErrorBody}, 429: {"model": m.ErrorBody}},
    )
    async def push(request: Request) -> JSONResponse:
        body = await read_json(request, settings)
        if not isinstance(body, dict) or body.get("protocol") != PROTOCOL_VERSION:
            raise fail("protocol")
        try:
            req = PushRequest.from_json(body)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise fail("bad_request") from exc
        if len(req.records) > settings.max_batch_records:
            raise fail("too_many_records")
        request.state.records = len(req.records)
        if not writes.acquire(blocking=False):
            raise fail("busy", {"Retry-After": "2"})
        try:

            def work(conn: Connection) -> PushResponse:
                dev = authed(request, conn)
                return PushResponse(req.batch_id, ingest(conn, dev.writer, req.batch_id, req.records, _now()))

            response = await run_in_threadpool(in_tx, work)
        finally:
            writes.release()
        return JSONResponse(response.to_json())

    @app.get("/v1/pull", response_model=m.PullOut, responses={401: {"model": m.ErrorBody}})
    async def pull(
        request: Request, cursor: str = "", limit: int = Query(500, ge=1), own: int = Query(0, ge=0, le=1)
    ) -> JSONResponse:
        def work(conn: Connection) -> Any:
            dev = authed(request, conn)
            try:
                return queries.pull(
                    conn, dev.commune_code, dev.id, cursor, min(limit, settings.max_pull_limit), bool(own)
                )
            except queries.BadCursor as exc:
                raise fail("bad_cursor") from exc

        page = await run_in_threadpool(in_tx, work)
        request.state.records = len(page.records)
        return JSONResponse(page.to_json())

    @app.get("/v1/summary", response_model=m.SummaryOut, responses={401: {"model": m.ErrorBody}})
    async def summary(request: Request) -> dict[str, Any]:
        def work(conn: Connection) -> Any:
            dev = authed(request, conn)
            return {"commune_code": dev.commune_code, "counts": queries.summary(conn, dev.commune_code)}

        return await run_in_threadpool(in_tx, work)

    # The supervisor console (server/console): web pages at /console with their own accounts and
    # session cookies; a device token never opens it and its cookie never authorises /v1/*.
    from xaapp.server.console.routes import console_router

    app.include_router(console_router(lambda: state["engine"]))

    return app


def app_from_env() -> FastAPI:
    """For ``uvicorn --factory`` with several worker processes: settings from the environment."""
    import os

    return create_app(ServerSettings(db_url=os.environ.get("XAAPP_SERVER_DB")))
