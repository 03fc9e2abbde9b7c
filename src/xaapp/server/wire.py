"""What the HTTP layer says and reads: error answers, the bearer token, bounded request bodies.

Every error answer is ``{"detail": {"code", "message_vi", "message_en"[, "field", "reason"]}}``
with a stable code the client maps (``sync.transport_http``). Bodies are received with a size cap
and a deadline on the event loop, then inflated and parsed within bounds in a worker thread
(``bodies``): the event loop never does the CPU work a crafted body asks for.
"""

from __future__ import annotations

from typing import Any

import anyio
from fastapi import HTTPException, Request
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect

from xaapp.server.bodies import BodyError, BodyLimits, decode, decode_checked

MAX_TOKEN_CHARS = 200

MESSAGES: dict[str, tuple[int, str, str]] = {
    "no_token": (401, "Thiếu mã truy cập của thiết bị.", "The device token is missing."),
    "bad_token": (401, "Mã truy cập của thiết bị không đúng.", "The device token is not valid."),
    "revoked": (401, "Thiết bị này đã bị thu hồi quyền.", "This device's access was revoked."),
    "token_expired": (
        401,
        "Mã truy cập của thiết bị đã hết hạn: hãy đăng ký lại máy với mã mới của tỉnh.",
        "The device token has expired: enroll this computer again with a new code from the province.",
    ),
    "enroll_refused": (
        400,
        "Mã đăng ký không đúng, đã dùng hoặc đã hết hạn.",
        "The enrollment code is wrong, used or expired.",
    ),
    "too_large": (413, "Gói dữ liệu quá lớn.", "The request is too large."),
    "too_many_records": (413, "Quá nhiều bản ghi trong một lần gửi.", "Too many records in one request."),
    "too_deep": (400, "Dữ liệu lồng nhau quá sâu.", "The request is nested too deeply."),
    "too_slow": (408, "Gửi dữ liệu quá chậm, hãy thử lại.", "The request body came too slowly; try again."),
    "bad_request": (400, "Yêu cầu không đúng định dạng.", "The request is malformed."),
    "bad_encoding": (
        415,
        "Kiểu nén dữ liệu không được hỗ trợ (chỉ gzip).",
        "Unsupported content encoding (gzip only).",
    ),
    "bad_cursor": (400, "Con trỏ đồng bộ không hợp lệ.", "The sync cursor is not valid."),
    "protocol": (400, "Phiên bản giao thức không khớp.", "The protocol version does not match."),
    "busy": (429, "Máy chủ đang bận, hãy thử lại.", "The server is busy; try again."),
    "no_item": (404, "Không có mục dữ liệu này (có thể đã thay đổi).", "No such item (it may have changed)."),
    "rate_limited": (
        429,
        "Quá nhiều yêu cầu đăng ký từ máy này, hãy đợi rồi thử lại.",
        "Too many enrollment requests from this address; wait and try again.",
    ),
}


def fail(
    code: str, headers: dict[str, str] | None = None, field: str | None = None, reason: str | None = None
) -> HTTPException:
    status, vi, en = MESSAGES[code]
    detail: dict[str, Any] = {"code": code, "message_vi": vi, "message_en": en}
    if field is not None:
        detail["field"] = field
    if reason is not None:
        detail["reason"] = reason
    return HTTPException(status, detail, headers=headers)


def bearer(request: Request) -> str | None:
    value = request.headers.get("authorization", "")
    token = value[7:].strip() if value[:7].lower() == "bearer " else ""
    return token or None


def content_length(request: Request) -> int:
    declared = request.headers.get("content-length", "")
    return int(declared) if declared.isdigit() and len(declared) < 19 else 0


async def receive(request: Request, limits: BodyLimits) -> bytes:
    """The raw body, refused (413) past ``max_bytes`` and (408) past ``timeout_s``."""
    if content_length(request) > limits.max_bytes:
        raise fail("too_large")
    body = bytearray()
    try:
        with anyio.fail_after(limits.timeout_s):
            async for chunk in request.stream():
                body += chunk
                if len(body) > limits.max_bytes:
                    raise fail("too_large")
    except TimeoutError as exc:
        raise fail("too_slow") from exc
    except ClientDisconnect as exc:  # the link dropped mid-upload: nothing was stored, the client retries
        raise fail("bad_request") from exc
    return bytes(body)


async def read_json(request: Request, limits: BodyLimits) -> Any:
    """The body as JSON, gunzipped if so sent, within *limits* (parsed in a worker thread)."""
    encoding = request.headers.get("content-encoding", "").strip().lower()
    if encoding not in ("", "identity", "gzip"):
        raise fail("bad_encoding")
    raw = await receive(request, limits)
    try:
        return await run_in_threadpool(decode, raw, encoding == "gzip", limits)
    except BodyError as exc:
        raise fail(exc.code, reason=exc.detail) from exc


async def read_json_checked(request: Request, limits: BodyLimits) -> tuple[Any, bool]:
    """``read_json``, and whether the body's text is known clean (``bodies.decode_checked``)."""
    encoding = request.headers.get("content-encoding", "").strip().lower()
    if encoding not in ("", "identity", "gzip"):
        raise fail("bad_encoding")
    raw = await receive(request, limits)
    try:
        return await run_in_threadpool(decode_checked, raw, encoding == "gzip", limits)
    except BodyError as exc:
        raise fail(exc.code, reason=exc.detail) from exc
