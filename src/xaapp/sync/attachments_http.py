"""The attachment calls over HTTP, on the session, pin and token of an ``HttpTransport``.

``POST /v1/attachments/status`` (JSON), ``PUT /v1/attachments/{sha256}?size=&offset=`` (the chunk as
``application/octet-stream``), ``GET /v1/attachments/{sha256}?offset=&length=`` (``X-Item-Size``: the
whole size). An answer about one file (``no_attachment``, ``attachment_too_large``,
``attachment_offset``, ``attachment_damaged``) becomes ``AttachmentRefused``, which the exchange
settles per file; everything else maps as for the other calls (``HttpTransport``).
"""

from __future__ import annotations

import json
from typing import Any

import requests

from xaapp.sync.attachments import AttachmentRefused, RemoteState, StatusAnswer
from xaapp.sync.errors import CertificateError, OfflineError, ProtocolError
from xaapp.sync.transport_http import API, HttpTransport

PER_FILE_CODES = ("no_attachment", "attachment_too_large", "attachment_offset", "attachment_damaged")
UNSUPPORTED = (
    "Máy chủ tỉnh chưa nhận tệp đính kèm (phiên bản cũ); tệp vẫn giữ trên máy này và sẽ được gửi khi tỉnh "
    "cập nhật máy chủ.",
    "The province server does not take attached files yet (an older version); the file stays on this "
    "computer and goes once the province updates its server.",
)


class HttpAttachments:
    def __init__(self, transport: HttpTransport) -> None:
        self.t = transport

    def _call(
        self,
        method: str,
        path: str,
        *,
        params: dict[str, Any] | None = None,
        data: bytes | None = None,
        json_body: Any = None,
    ) -> tuple[bytes, Any]:
        t = self.t
        headers = {"Accept": "application/json, application/octet-stream"}
        if json_body is not None:
            data = json.dumps(json_body).encode("utf-8")
            headers["Content-Type"] = "application/json"
        elif data is not None:
            headers["Content-Type"] = "application/octet-stream"
        try:
            resp = t.session.request(
                method,
                t.base_url + API + path,
                data=data,
                params=params,
                headers=headers,
                timeout=t.timeout,
                verify=t.verify,
            )
            content = resp.content
        except requests.exceptions.SSLError as exc:
            text = str(exc)
            raise CertificateError(text[-300:], changed="Fingerprints did not match" in text) from exc
        except requests.RequestException as exc:  # refused, reset, cut, timeout, truncated body
            raise OfflineError(type(exc).__name__) from exc
        finally:
            t.stats.round_trips += 1
            t.stats.bytes_sent += len(data or b"") + 200
        t.stats.bytes_received += len(content) + 200
        if resp.status_code in (404, 409, 413, 422):
            try:
                detail = json.loads(content).get("detail", {})
            except (ValueError, AttributeError):
                detail = {}
            if resp.status_code == 404 and path == "/attachments/status":  # a server from before them
                raise AttachmentRefused("attachments_unsupported", *UNSUPPORTED)
            if isinstance(detail, dict) and detail.get("code") in PER_FILE_CODES:
                raise AttachmentRefused(
                    str(detail["code"]),
                    str(detail.get("message_vi", "")),
                    str(detail.get("message_en", "")),
                    str(detail.get("reason", "")),
                    int(detail.get("offset", -1)) if str(detail.get("offset", "")).isdigit() else -1,
                )
        HttpTransport._raise_for_status(resp, content)
        return content, resp.headers

    def _json(self, content: bytes, what: str) -> Any:
        try:
            return json.loads(content)
        except ValueError as exc:
            raise ProtocolError(f"answer to {what} is not JSON (captive portal?)") from exc

    def attachment_status(self, hashes: list[str]) -> StatusAnswer:
        content, _ = self._call("POST", "/attachments/status", json_body={"hashes": hashes})
        body = self._json(content, "attachments/status")
        try:
            states = {
                str(a["sha256"]): RemoteState(str(a["state"]), int(a.get("offset", 0)), int(a.get("size", 0)))
                for a in body["attachments"]
            }
            return StatusAnswer(int(body["max_bytes"]), states)
        except (KeyError, TypeError, ValueError) as exc:
            raise ProtocolError(f"attachments/status answer: {exc}") from exc

    def upload_attachment(self, sha256: str, size: int, offset: int, chunk: bytes) -> tuple[int, bool]:
        content, _ = self._call(
            "PUT", f"/attachments/{sha256}", params={"size": size, "offset": offset}, data=chunk
        )
        body = self._json(content, "attachments upload")
        try:
            return int(body["offset"]), bool(body["complete"])
        except (KeyError, TypeError, ValueError) as exc:
            raise ProtocolError(f"attachment upload answer: {exc}") from exc

    def fetch_attachment(self, sha256: str, offset: int, length: int) -> tuple[bytes, int]:
        content, headers = self._call(
            "GET", f"/attachments/{sha256}", params={"offset": offset, "length": length}
        )
        try:
            return content, int(headers["X-Item-Size"])
        except (KeyError, ValueError) as exc:
            raise ProtocolError("attachment answer without its size") from exc
