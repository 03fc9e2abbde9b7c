"""HTTP transport: one ``requests.Session``, explicit timeouts, gzip bodies, bearer token.

Maps every failure to ``xaapp.sync.errors``: connection problems and timeouts → ``OfflineError``;
5xx → ``ServerError``; 429 → ``RateLimited`` (with ``Retry-After``); 401 → ``AuthError``
(``TokenExpired`` for ``token_expired``); 403 → ``ForbiddenError``; 413 → ``RequestTooLarge``; a
certificate that cannot be verified or differs from the pinned one → ``CertificateError``; other
answers, or a body that is not the expected JSON (a captive portal's login page), → ``ProtocolError``.
This layer does not retry, except enrollment (the engine decides for the rest: it knows which calls
are safe to repeat, and all of ours are).

Plain ``http://`` is refused for anything but this computer (127.0.0.0/8, ::1, localhost) unless
explicitly allowed (``InsecureServerError``): the token and household data must not cross a network
in clear. Over https the server certificate's SHA-256 can be *pinned* (recorded at enrollment): a
different certificate is refused even if some authority vouches for it, until the officer re-pins.
"""

from __future__ import annotations

import gzip
import hashlib
import ipaddress
import json
import time
import uuid as uuid_mod
from typing import Any
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter

from xaapp import __version__
from xaapp.sync.errors import (
    AuthError,
    CertificateError,
    EnrollmentError,
    ForbiddenError,
    InsecureServerError,
    OfflineError,
    ProtocolError,
    RateLimited,
    RequestTooLarge,
    ServerError,
    TokenExpired,
)
from xaapp.sync.ports import TransportStats
from xaapp.sync.protocol import (
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

USER_AGENT = f"xaapp/{__version__}"
API = "/v1"

#: gzip levels of request bodies. On a slow line every byte is time, so level 9 (a 500-record batch
#: costs a few ms more to pack); on a fast one the laptop's CPU is the cost: level 6 packs twice as
#: fast for about 5 % more bytes. A link counts as fast when the last push moved its compressed body
#: and came back at FAST_LINK_BYTES a second or more, not counting the time the server says it spent
#: (its ``Server-Timing`` header; without one, everything counts).
SLOW_LINK_LEVEL, FAST_LINK_LEVEL = 9, 6
FAST_LINK_BYTES = 512_000


def server_seconds(header: str | None) -> float:
    """The time a ``Server-Timing`` header says the server spent (its ``dur`` values, in ms), 0 if none."""
    total = 0.0
    for metric in (header or "").split(","):
        for param in metric.split(";")[1:]:
            name, _, value = param.strip().partition("=")
            if name == "dur":
                try:
                    total += max(0.0, float(value.strip('"'))) / 1000
                except ValueError:
                    pass
    return total


def _retry_after(value: str | None) -> float | None:
    try:
        return max(0.0, float(value)) if value else None
    except ValueError:
        return None


def is_loopback(host: str) -> bool:
    if host.lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_server_url(url: str, allow_insecure_http: bool = False) -> str:
    """The URL without a trailing slash; ``InsecureServerError`` for plain http to another machine."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ProtocolError(f"not a server address: {url!r}")
    if parts.scheme == "http" and not allow_insecure_http and not is_loopback(parts.hostname):
        raise InsecureServerError(url)
    return url.strip().rstrip("/")


class _PinnedAdapter(HTTPAdapter):
    """Connections whose server certificate must have this SHA-256 fingerprint (urllib3 checks it)."""

    def __init__(self, fingerprint: str) -> None:
        self.fingerprint = fingerprint
        super().__init__()

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        kwargs["assert_fingerprint"] = self.fingerprint
        super().init_poolmanager(*args, **kwargs)


class HttpTransport:
    """Talks to the central endpoint at *base_url* with a device *token* (None only for enrollment).

    *pin*: the SHA-256 (hex) the server certificate must have; *ca_file*: a certificate file to
    trust instead of the system's authorities (a province's own); *allow_insecure_http*: accept
    plain http to another machine."""

    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        *,
        connect_timeout: float = 10.0,
        read_timeout: float = 60.0,
        session: requests.Session | None = None,
        pin: str = "",
        ca_file: str = "",
        allow_insecure_http: bool = False,
    ) -> None:
        self.base_url = check_server_url(base_url, allow_insecure_http)
        self.timeout = (connect_timeout, read_timeout)
        self.session = session or requests.Session()
        self.session.headers["User-Agent"] = USER_AGENT
        self.session.headers["Accept-Encoding"] = "gzip"
        # Given per request: a session-wide setting would lose to REQUESTS_CA_BUNDLE from the environment.
        self.verify: str | bool = ca_file or True
        self.pin = pin.lower().replace(":", "")
        if self.pin:
            self.session.mount("https://", _PinnedAdapter(self.pin))
        if token:
            self.set_token(token)
        self.stats = TransportStats()
        self.level = SLOW_LINK_LEVEL  # gzip level of the next request body (``push`` adapts it)
        self.last_server_seconds = 0.0  # what the last answer's Server-Timing header said

    def set_token(self, token: str) -> None:
        self.session.headers["Authorization"] = f"Bearer {token}"

    def close(self) -> None:
        self.session.close()

    # --- plumbing -----------------------------------------------------------------------------

    def _request(
        self,
        method: str,
        path: str,
        body: Any = None,
        params: dict[str, Any] | None = None,
        raw: bool = False,
    ) -> Any:
        headers: dict[str, str] = {"Accept": "application/json"}
        data: bytes | None = None
        if body is not None:
            raw_body = body if isinstance(body, bytes) else canonical_json(body)  # bytes: already encoded
            data = gzip.compress(raw_body, compresslevel=self.level)
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
                verify=self.verify,
            )
            raw_len = int(resp.headers.get("Content-Length") or len(resp.content))
            content = resp.content
        except requests.exceptions.SSLError as exc:
            text = str(exc)
            raise CertificateError(text[-300:], changed="Fingerprints did not match" in text) from exc
        except (requests.ConnectionError, requests.Timeout) as exc:
            raise OfflineError(f"{type(exc).__name__}") from exc
        except requests.RequestException as exc:  # chunked-encoding errors, truncated bodies …
            raise OfflineError(f"{type(exc).__name__}") from exc
        finally:
            self.stats.round_trips += 1
            self.stats.bytes_sent += len(data or b"") + 200  # headers, roughly
        self.stats.bytes_received += raw_len + 200
        self.last_server_seconds = server_seconds(resp.headers.get("Server-Timing"))
        self._raise_for_status(resp, content)
        if raw:
            return content, resp.headers
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
            if code == "token_expired":
                raise TokenExpired(code)
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

    def server_fingerprint(self) -> str:
        """SHA-256 (hex) of the certificate the server shows now, verified as usual (https only)."""
        if not self.base_url.startswith("https://"):
            return ""
        try:
            resp = self.session.get(
                self.base_url + API + "/info", timeout=self.timeout, verify=self.verify, stream=True
            )
            try:
                connection: Any = resp.raw.connection  # urllib3's; over TLS its sock is an ssl.SSLSocket
                der = connection.sock.getpeercert(binary_form=True)
            finally:
                resp.close()
        except requests.exceptions.SSLError as exc:
            text = str(exc)
            raise CertificateError(text[-300:], changed="Fingerprints did not match" in text) from exc
        except (requests.RequestException, AttributeError, OSError) as exc:
            raise OfflineError(type(exc).__name__) from exc
        return hashlib.sha256(der).hexdigest()

    def enroll(self, code: str, label: str = "", attempts: int = 5, pause: float = 1.0) -> Enrollment:
        """Trade a one-time code for a token. A lost answer is retried with the same ``request_id``,
        so the server hands back the same enrollment instead of refusing the used code."""
        body = {"code": code, "label": label, "request_id": str(uuid_mod.uuid4())}
        for attempt in range(1, attempts + 1):
            try:
                return Enrollment.from_json(self._request("POST", "/enroll", body))
            except (OfflineError, ServerError):
                if attempt == attempts:
                    raise
                time.sleep(pause * attempt)
        raise AssertionError("unreachable")

    def rotate_token(self) -> tuple[str, str]:
        answer = self._request("POST", "/token/rotate", {})
        try:
            return str(answer["token"]), str(answer.get("expires_at") or "")
        except (KeyError, TypeError) as exc:
            raise ProtocolError(f"token rotation answer: {exc}") from exc

    def handshake(self, request: Handshake) -> ServerInfo:
        return ServerInfo.from_json(self._request("POST", "/handshake", request.to_json()))

    def push(self, request: PushRequest) -> PushResponse:
        sent, started = self.stats.bytes_sent, time.monotonic()
        body = self._request("POST", "/push", request.wire_json())
        on_line = time.monotonic() - started - self.last_server_seconds
        rate = (self.stats.bytes_sent - sent) / max(on_line, 1e-6)
        self.level = FAST_LINK_LEVEL if rate >= FAST_LINK_BYTES else SLOW_LINK_LEVEL
        try:
            return PushResponse.from_json(body, request)
        except (KeyError, TypeError, ValueError) as exc:
            raise ProtocolError(f"push answer: {exc}") from exc

    def pull(self, cursor: str, limit: int, own: bool = False, max_bytes: int | None = None) -> PullPage:
        params: dict[str, Any] = {"cursor": cursor, "limit": limit}
        if own:
            params["own"] = 1
        if max_bytes:
            params["max_bytes"] = max_bytes
        body = self._request("GET", "/pull", params=params)
        try:
            return PullPage.from_json(body)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ProtocolError(f"pull answer: {exc}") from exc

    def fetch_item(self, stub: ServerRecord | ReferenceItem, offset: int, length: int) -> tuple[bytes, int]:
        if isinstance(stub, ServerRecord):
            params: dict[str, Any] = {"uuid": stub.uuid, "revision": stub.revision}
        else:
            params = {"kind": stub.kind, "key": stub.key, "hash": stub.hash}
        params.update(offset=offset, length=length)
        content, headers = self._request("GET", "/item", params=params, raw=True)
        try:
            return content, int(headers["X-Item-Size"])
        except (KeyError, ValueError) as exc:
            raise ProtocolError("item answer without its size") from exc

    def summary(self) -> dict[str, int]:
        return {str(k): int(v) for k, v in self._request("GET", "/summary")["counts"].items()}
