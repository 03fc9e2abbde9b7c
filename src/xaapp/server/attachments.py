"""The attachment routes: which files the server lacks, resumable chunked upload, ranged download.

* ``POST /v1/attachments/status`` ``{"hashes": [...]}`` (at most 500): per hash ``have`` (with its
  size), ``partial`` (with the bytes held: resume from there), ``lacking``, or ``unknown`` — no record
  of the device's commune names it (another commune's file, one never named, or a record not pushed
  yet are all answered alike), and the per-file limit ``max_bytes``.
* ``PUT /v1/attachments/{sha256}?size=N&offset=K`` with the chunk as ``application/octet-stream``:
  ``{"offset": bytes held now, "complete": bool}``. ``offset`` must be what the server holds, else
  409 ``attachment_offset`` with that number (a lost answer: the client goes on from there). At the
  last byte the SHA-256 is checked; a mismatch discards the whole upload (422 ``attachment_damaged``).
  A file larger than ``max_attachment_bytes`` is refused before any byte is read (413
  ``attachment_too_large``, naming the record and question that attach it).
* ``GET /v1/attachments/{sha256}?offset=&length=``: a range of a complete file of the device's commune
  (``X-Item-Size``: the whole size).

As everywhere: the token is checked from the headers before any body is read, chunks are bounded by
``max_request_bytes`` and the body deadline, and a device only ever sees its own commune's files (a
hash of another commune's gets 404 ``no_attachment``, as one that does not exist).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any, Literal

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field
from sqlalchemy import Connection
from sqlalchemy.exc import IntegrityError
from starlette.concurrency import run_in_threadpool

from xaapp.server import attachment_store as store
from xaapp.server.bodies import BodyLimits
from xaapp.server.devices import DeviceRow
from xaapp.server.wire import fail, read_json, receive
from xaapp.sync.attachments import SHA256_RE, STATUS_BATCH, describe
from xaapp.sync.messages import ErrorAnswer

SHA256_PATTERN = r"^[0-9a-f]{64}$"

MESSAGES: dict[str, tuple[int, str, str]] = {
    "no_attachment": (
        404,
        "Máy chủ không nhận hoặc không có tệp này cho xã của thiết bị (chưa có bản ghi nào của xã đính "
        "kèm nó, hoặc tệp chưa được gửi đủ).",
        "The server does not take or hold this file for the device's commune (no record of the commune "
        "attaches it, or it has not been sent in full).",
    ),
    "attachment_offset": (
        409,
        "Máy chủ đang giữ một phần khác của tệp này; hãy gửi tiếp từ vị trí máy chủ báo.",
        "The server holds a different part of this file; go on from the offset it gives.",
    ),
    "attachment_damaged": (
        422,
        "Tệp gửi lên không khớp mã SHA-256 của nó nên đã bị bỏ; hãy gửi lại từ đầu.",
        "The uploaded file does not match its SHA-256 and was discarded; send it again from the start.",
    ),
}


class StatusIn(BaseModel):
    hashes: list[str] = Field(
        max_length=STATUS_BATCH,
        description="SHA-256 (64 lower-case hex digits) of files named by answers",
        json_schema_extra={"items": {"type": "string", "pattern": SHA256_PATTERN}},
    )


class AttachmentState(BaseModel):
    sha256: str
    state: Literal["have", "partial", "lacking", "unknown"]
    offset: int = Field(0, description="bytes the server holds (partial)")
    size: int = Field(0, description="the file's size (have, partial)")


class StatusOut(BaseModel):
    max_bytes: int = Field(description="the largest file the server takes")
    attachments: list[AttachmentState]


class UploadOut(BaseModel):
    offset: int
    complete: bool


def _fail(code: str, reason: str | None = None, **extra: Any) -> HTTPException:
    status, vi, en = MESSAGES[code]
    detail = {"code": code, "message_vi": vi, "message_en": en, **extra}
    if reason is not None:
        detail["reason"] = reason
    return HTTPException(status, detail)


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _mb(n: int) -> str:
    return f"{n / 1_000_000:.1f}"


def attachments_router(
    settings: Any,
    in_tx: Callable[[Callable[[Connection], Any]], Any],
    authorise: Callable[[Request], Awaitable[DeviceRow]],
    authed: Callable[[Request, Connection], DeviceRow],
) -> APIRouter:
    """The routes, sharing the app's transaction helper and token checks (``app.create_app``)."""
    router = APIRouter()
    limit = int(settings.max_attachment_bytes)
    error: dict[str, Any] = {"model": ErrorAnswer}
    auth_doc: dict[int | str, dict[str, Any]] = {401: error}
    secured: dict[str, Any] = {"security": [{"bearer": []}]}
    sha_path = Path(pattern=SHA256_PATTERN, min_length=64, max_length=64)

    @router.post(
        "/v1/attachments/status",
        response_model=StatusOut,
        responses={**auth_doc, 400: error},
        openapi_extra={
            **secured,
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": StatusIn.model_json_schema()}},
            },
        },
    )
    async def status(request: Request) -> dict[str, Any]:
        dev = await authorise(request)
        body = await read_json(request, settings.body_limits())
        hashes = body.get("hashes") if isinstance(body, dict) else None
        if (
            not isinstance(hashes, list)
            or len(hashes) > STATUS_BATCH
            or not all(isinstance(h, str) and SHA256_RE.match(h) for h in hashes)
        ):
            raise fail(
                "bad_request", field="hashes", reason=f"at most {STATUS_BATCH} SHA-256 in lower-case hex"
            )

        def work(conn: Connection) -> list[dict[str, Any]]:
            out = []
            for sha in dict.fromkeys(hashes):
                got = store.held(conn, dev.commune_code, sha)
                if got is not None and got.complete:
                    out.append({"sha256": sha, "state": "have", "size": got.size})
                elif not store.references(conn, dev.commune_code, sha, limit=1):
                    out.append({"sha256": sha, "state": "unknown"})
                elif got is not None and got.received:
                    out.append({"sha256": sha, "state": "partial", "offset": got.received, "size": got.size})
                else:
                    out.append({"sha256": sha, "state": "lacking"})
            return out

        return {"max_bytes": limit, "attachments": await run_in_threadpool(in_tx, work)}

    @router.put(
        "/v1/attachments/{sha256}",
        response_model=UploadOut,
        responses={**auth_doc, 404: error, 409: error, 413: error, 422: error},
        openapi_extra={
            **secured,
            "requestBody": {
                "required": True,
                "description": "the bytes of the file from `offset`",
                "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
            },
        },
    )
    async def upload(
        request: Request,
        sha256: str = sha_path,
        size: int = Query(ge=0, le=2**53 - 1, description="the whole file's size"),
        offset: int = Query(0, ge=0, le=2**53 - 1, description="where this chunk starts"),
    ) -> dict[str, Any]:
        dev = await authorise(request)  # before anything of the body is read
        if request.headers.get("content-encoding", "").strip().lower() not in ("", "identity"):
            raise fail("bad_encoding")
        commune = dev.commune_code

        def check(conn: Connection) -> int:
            got = store.held(conn, commune, sha256)
            if got is not None and got.complete:
                return -1
            refs = store.references(conn, commune, sha256, limit=1)
            if not refs:
                raise _fail("no_attachment")
            if size > limit:
                where_vi, where_en = describe(refs[0])
                raise HTTPException(
                    413,
                    {
                        "code": "attachment_too_large",
                        "message_vi": f"Máy chủ tỉnh không nhận {where_vi}: tệp {_mb(size)} MB, lớn hơn "
                        f"giới hạn {_mb(limit)} MB. Hãy quét lại với độ phân giải thấp hơn rồi đính kèm lại.",
                        "message_en": f"The province server does not take {where_en}: the file is "
                        f"{_mb(size)} MB, above the limit of {_mb(limit)} MB. Scan it again at a lower "
                        "resolution and attach it again.",
                        "field": refs[0].question,
                        "reason": f"{refs[0].entity} {refs[0].uuid}",
                    },
                )
            if got is None or got.size != size:
                try:
                    got = store.begin(conn, commune, sha256, size, dev.id, _now())
                except IntegrityError:  # another laptop began it at the same moment: go on from its part
                    raise _fail("attachment_offset", offset=0) from None
            if got.received != offset:
                raise _fail("attachment_offset", offset=got.received)
            return got.size - got.received

        left = await run_in_threadpool(in_tx, check)
        if left < 0:
            return {"offset": size, "complete": True}
        base = settings.body_limits()
        raw = await receive(
            request,
            BodyLimits(min(base.max_bytes, max(left, 1)), base.max_inflated, timeout_s=base.timeout_s),
        )
        if len(raw) > left:
            raise fail("too_large")

        def write(conn: Connection) -> dict[str, Any]:
            authed(request, conn)  # again, inside the write: a revocation bites at once
            try:
                done = store.append(conn, commune, sha256, offset, raw, _now())
            except ValueError:
                now = store.held(conn, commune, sha256)
                if now is not None and now.complete:
                    return {"offset": now.size, "complete": True}
                raise _fail("attachment_offset", offset=now.received if now else 0) from None
            if done is None:
                return {"damaged": True}
            return {"offset": done.received, "complete": done.complete}

        answer = await run_in_threadpool(in_tx, write)
        if answer.get("damaged"):
            raise _fail(
                "attachment_damaged", reason=f"the {size} bytes received do not have SHA-256 {sha256}"
            )
        return answer

    @router.get(
        "/v1/attachments/{sha256}",
        response_class=Response,
        responses={200: {"content": {"application/octet-stream": {}}}, 404: error, **auth_doc},
        openapi_extra=secured,
    )
    async def download(
        request: Request,
        sha256: str = sha_path,
        offset: int = Query(0, ge=0, le=2**53 - 1),
        length: int = Query(65_536, ge=1, le=4 * 1024 * 1024),
    ) -> Response:
        """``length`` bytes from ``offset`` of a complete file of the device's commune."""

        dev = await authorise(request)

        def work(conn: Connection) -> tuple[bytes, int] | None:
            got = store.held(conn, dev.commune_code, sha256)
            if got is None or not got.complete:
                return None
            return b"".join(store.chunks(conn, dev.commune_code, sha256, offset, offset + length)), got.size

        found = await run_in_threadpool(in_tx, work)
        if found is None:
            raise _fail("no_attachment")
        return Response(
            found[0], media_type="application/octet-stream", headers={"X-Item-Size": str(found[1])}
        )

    return router
