"""Request bodies and sync files within bounds: size on the wire, inflated size, JSON shape and text.

Nothing here trusts the sender: gzip is inflated in pieces with a cap (never ``gzip.decompress`` of
the whole thing, which a 31 KB bomb turns into gigabytes), the JSON is refused before parsing when
it holds more values than ``max_items`` (counted on the bytes, at C speed), non-finite numbers are
refused, and after parsing the nesting depth is checked. These functions are CPU work: the server
runs them off the event loop (``run_in_threadpool``), and only after the bearer token was checked.
"""

from __future__ import annotations

import json
import math
import re
import zlib
from dataclasses import dataclass
from typing import Any

_PIECE = 64 * 1024


@dataclass(frozen=True)
class BodyLimits:
    max_bytes: int  # on the wire (compressed)
    max_inflated: int  # after gunzip
    max_depth: int = 32  # nesting of objects and lists
    max_items: int = 500_000  # upper bound of values: commas + objects + lists
    timeout_s: float = 300.0  # to receive the body
    max_members: int = 1  # gzip members (a sync file or a request body is one)
    max_ratio: int = 0  # inflated/compressed above 1 MB; 0 = not checked


class BodyError(Exception):
    """A body outside the bounds. ``code``: too_large | bad_request | too_deep."""

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail


def inflate(raw: bytes, limits: BodyLimits) -> bytes:
    """Gunzip *raw* piece by piece; ``BodyError`` past ``max_inflated``, ``max_members`` or ``max_ratio``."""
    out = bytearray()
    rest = raw
    members = 0
    while rest:
        members += 1
        if members > limits.max_members:
            raise BodyError("bad_request", f"more than {limits.max_members} gzip member(s)")
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        pending = rest
        try:
            while True:
                piece = inflater.decompress(pending, _PIECE)
                out += piece
                if len(out) > limits.max_inflated:
                    raise BodyError("too_large", f"more than {limits.max_inflated} bytes once inflated")
                if limits.max_ratio and len(out) > 1_000_000 and len(out) > limits.max_ratio * len(raw):
                    raise BodyError("too_large", f"inflates more than {limits.max_ratio} times (a zip bomb?)")
                pending = inflater.unconsumed_tail
                if inflater.eof or (not pending and not piece):
                    break
        except zlib.error as exc:
            raise BodyError("bad_request", f"not valid gzip ({exc})") from exc
        if not inflater.eof:
            raise BodyError("bad_request", "the gzip data is cut short")
        rest = inflater.unused_data
    return bytes(out)


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"number out of range: {text[:20]}")
    return value


def _no_constant(text: str) -> Any:
    raise ValueError(f"{text} is not JSON")


def depth_of(value: Any) -> int:
    """Nesting depth of the objects and lists of decoded JSON (a scalar is 0), without recursion: one
    level at a time, keeping only the containers of each."""
    depth = 0
    level = [value] if isinstance(value, dict | list) else []
    while level:
        depth += 1
        level = [
            child
            for item in level
            for child in (item.values() if item.__class__ is dict else item)
            if child.__class__ is dict or child.__class__ is list  # what json.loads makes
        ]
    return depth


#: Where a string of parsed JSON can get a NUL or an unpaired surrogate from: the escapes \u0000 and
#: \ud800–\udfff (UTF-8 text cannot hold a surrogate, and JSON strings cannot hold a raw NUL).
_BAD_ESCAPE = re.compile(rb"\\u(?:0000|[dD][89a-fA-F])")


def parse(raw: bytes, limits: BodyLimits) -> Any:
    """UTF-8 JSON within ``max_items`` and ``max_depth``, finite numbers only; ``BodyError`` otherwise."""
    items = raw.count(b",") + raw.count(b"{") + raw.count(b"[")
    if items > limits.max_items:
        raise BodyError("too_large", f"more than {limits.max_items} values")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BodyError("bad_request", f"not UTF-8 text (byte {exc.start})") from exc
    try:
        value = json.loads(text, parse_float=_finite, parse_constant=_no_constant)
    except RecursionError as exc:
        raise BodyError("too_deep", f"nested deeper than {limits.max_depth}") from exc
    except ValueError as exc:
        raise BodyError("bad_request", f"not valid JSON ({str(exc)[:100]})") from exc
    if depth_of(value) > limits.max_depth:
        raise BodyError("too_deep", f"nested deeper than {limits.max_depth}")
    return value


def decode(raw: bytes, gzipped: bool, limits: BodyLimits) -> Any:
    """The JSON value of a received body (gunzipped first if so sent)."""
    return decode_checked(raw, gzipped, limits)[0]


def decode_checked(raw: bytes, gzipped: bool, limits: BodyLimits) -> tuple[Any, bool]:
    """``decode``, and whether its text is known clean: True when the body holds none of the escapes a
    NUL or an unpaired surrogate can come from, so ``bad_text`` of any part of it is None (False:
    not known, ask ``bad_text``)."""
    if gzipped:
        raw = inflate(raw, limits)
    elif len(raw) > limits.max_inflated:
        raise BodyError("too_large", f"more than {limits.max_inflated} bytes")
    return parse(raw, limits), _BAD_ESCAPE.search(raw) is None


def bad_text(value: Any) -> str | None:
    """The path of the first string (or key) in *value* that is not clean text — it holds NUL or an
    unpaired surrogate, which is not valid UTF-8 and which PostgreSQL cannot store — else None."""
    try:  # the common case at C speed: JSON writes NUL as \u0000; UTF-8 cannot encode a lone surrogate
        text = json.dumps(value, ensure_ascii=False)
        text.encode("utf-8")
        if "\\u0000" not in text:
            return None
    except UnicodeEncodeError:
        pass  # the walk below says where
    stack: list[tuple[Any, str]] = [(value, "")]
    while stack:
        item, path = stack.pop()
        if isinstance(item, str):
            if not clean_text(item):
                return path
        elif isinstance(item, dict):
            for key, child in item.items():
                if not clean_text(key):
                    return f"{path}.<key>" if path else "<key>"
                stack.append((child, f"{path}.{key}" if path else key))
        elif isinstance(item, list):
            stack.extend((child, f"{path}[{i}]") for i, child in enumerate(item))
    return None


def clean_text(text: str) -> bool:
    if "\x00" in text:
        return False
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
