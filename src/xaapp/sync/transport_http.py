"""HTTP transport: one ``requests.Session``, explicit timeouts, gzip bodies, bearer token.

Maps every failure to ``xaapp.sync.errors``: connection problems and timeouts → ``OfflineError``;
5xx → ``ServerError``; 429 → ``RateLimited`` (with ``Retry-After``); 401 → ``AuthError``;
403 → ``ForbiddenError``; 413 → ``RequestTooLarge``; other answers, or a body that is not the
expected JSON (a captive portal's login page), → ``ProtocolError``. This layer does not retry:
the engine decides (it knows which calls are safe to repeat, and all of ours are).
"""

from __future__ import annotations

import gzip
import json
from typing import Any

import requests

from xaapp import __version__
from xaapp.sync.errors import (
    AuthError,
    EnrollmentError,
    ForbiddenError,
    OfflineError,
    ProtocolError,
    RateLimited,
    RequestTooLarge,
    ServerError,
)
from xaapp.sync.ports import TransportStats
from xaapp.sync.protocol import (
    Enrollment,
    Handshake,
    PullPage,
    PushRequest,
    PushResponse,
    ServerInfo,
    canonical_json,
)

USER_AGENT = f"xaapp/{__version__}"
API = "/v1"


def _retry_after(value: str | None) -> float | None:
    try:
        return max(0.0, float(value)) if value else None
    except ValueError:
        return None


class HttpTransport:
    """Talks to the central endpoint at *base_url* with a device *token* (None only for enrollment)."""

    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        *,
        connect_timeout: float = 10.0,
        read_timeout: float = 60.0,
        session: requests.Session | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = (connect_timeout, read_timeout)
        self.session = session or requests.Session()
        self.session.headers["User-Agent"] = USER_AGENT
        self.session.headers["Accept-Encoding"] = "gzip"
        if token:
            self.session.headers["Authorization"] = f"Bearer {token}"
        self.stats = TransportStats()

    def close(self) -> None:
        self.session.close()

    # --- plumbing -----------------------------------------------------------------------------

    def _request(self, method: str, path: str, body: Any = None, params: dict[str, Any] | None = None) -> Any:
        headers: dict[str, str] = {"Accept": "application/json"}
        data: bytes | None = None
        if body is not None:
            data = gzip.compress(canonical_json(body), compresslevel=6)
            headers["Content-Type"] = "application/json"
            headers["Content-Encoding"] = "gzip"
        try:
            resp = self.session.request(
                method,
                self.base_url + API + path,
                data=data,
                params=params,
                headers=headers,
                timeout=self.timeout,
            )
            raw_len = int(resp.headers.get("Content-Length") or len(resp.content))
            content = resp.content
        except (requests.ConnectionError, requests.Timeout) as exc:
            raise OfflineError(f"{type(exc).__name__}") from exc
        except requests.RequestException as exc:  # chunked-encoding errors, truncated bodies …
            raise OfflineError(f"{type(exc).__name__}") from exc
        finally:
            self.stats.round_trips += 1
            self.stats.bytes_sent += len(data or b"") + 200  # headers, roughly
        self.stats.bytes_received += raw_len + 200
        self._raise_for_status(resp, content)
        try:
            return json.loads(content)
        except ValueError as exc:
            raise ProtocolError(f"answer to {path} is not JSON (captive portal?)") from exc

    @staticmethod
    def _raise_for_status(resp: requests.Response, content: bytes) -> None:
        status = resp.status_code
        if 200 <= status < 300:
            return
        code = ""
        try:
            code = str(json.loads(content).get("detail", {}).get("code", ""))
        except (ValueError, AttributeError):
            pass
        if status == 401:
            raise AuthError(code or "401")
        if status == 403:
            raise ForbiddenError(code or "403")
        if status == 413:
            raise RequestTooLarge(code or "413")
        if status == 429:
            raise RateLimited(_retry_after(resp.headers.get("Retry-After")), "429")
        if status >= 500:
            raise ServerError(status, code)
        if status in (400, 404, 409, 410) and code.startswith("enroll"):
            raise EnrollmentError(code)
        raise ProtocolError(f"HTTP {status} {code}".strip())

    # --- the protocol -------------------------------------------------------------------------

    def enroll(self, code: str, label: str = "") -> Enrollment:
        return Enrollment.from_json(self._request("POST", "/enroll", {"code": code, "label": label}))

    def handshake(self, request: Handshake) -> ServerInfo:
        return ServerInfo.from_json(self._request("POST", "/handshake", request.to_json()))

    def push(self, request: PushRequest) -> PushResponse:
        body = self._request("POST", "/push", request.to_json())
        try:
            return PushResponse.from_json(body, request)
        except (KeyError, TypeError, ValueError) as exc:
            raise ProtocolError(f"push answer: {exc}") from exc

    def pull(self, cursor: str, limit: int, own: bool = False) -> PullPage:
        params: dict[str, Any] = {"cursor": cursor, "limit": limit}
        if own:
            params["own"] = 1
        return PullPage.from_json(self._request("GET", "/pull", params=params))

    def summary(self) -> dict[str, int]:
        return {str(k): int(v) for k, v in self._request("GET", "/summary")["counts"].items()}
