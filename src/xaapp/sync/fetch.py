"""Filling a pull page's stubs: items too large for the link, fetched in ranges that adapt to it.

A record or reference item larger than the page's byte budget arrives as a stub (its size and hash);
its content is fetched ``part`` bytes at a time (``Transport.fetch_item``), the part halving after a
cut answer (down to ``min_part``) and doubling after a good one. Each good answer is kept, so a link
that cuts every answer longer than a few hundred bytes still brings a 30 KB form in the end. The
whole is checked against the item's hash before it is used.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
from collections.abc import Callable
from typing import Any, TypeVar

from xaapp.sync.errors import OfflineError, ProtocolError, TransientError
from xaapp.sync.ports import Transport
from xaapp.sync.protocol import PullPage, ReferenceItem, ServerRecord, content_hash

T = TypeVar("T")
Retrying = Callable[[str, Callable[[], T], Callable[[TransientError], None]], T]


class PartSize:
    """The range size in use: halves after a cut, doubles after a good answer, within bounds."""

    def __init__(self, start: int, smallest: int, largest: int) -> None:
        self.smallest, self.largest = smallest, largest
        self.value = max(smallest, min(start, largest))

    def shrink(self, exc: TransientError) -> None:
        if isinstance(exc, OfflineError):
            self.value = max(self.smallest, self.value // 2)

    def grow(self) -> None:
        self.value = min(self.largest, self.value * 2)


def _download(
    stub: ServerRecord | ReferenceItem,
    size: int,
    transport: Transport,
    part: PartSize,
    retrying: Retrying[tuple[bytes, int]],
) -> bytes:
    got = bytearray()
    while len(got) < size:
        offset, length = len(got), part.value
        chunk, total = retrying(
            "item",
            functools.partial(transport.fetch_item, stub, offset, length),
            part.shrink,
        )
        if total != size or not chunk:
            raise ProtocolError(f"item {getattr(stub, 'uuid', '') or getattr(stub, 'key', '')} changed size")
        got += chunk
        part.grow()
    return bytes(got)


def fill_stubs(page: PullPage, transport: Transport, part: PartSize, retrying: Retrying[Any]) -> PullPage:
    """The page with every stub replaced by its content (checked against its hash)."""
    if not any(r.is_stub for r in page.records) and not any(i.is_stub for i in page.reference):
        return page
    records = []
    for rec in page.records:
        if rec.is_stub:
            data: dict[str, Any] = json.loads(_download(rec, rec.size, transport, part, retrying))
            if content_hash(rec.entity, rec.op, data) != rec.hash:
                raise ProtocolError(f"{rec.entity} {rec.uuid} arrived damaged")
            rec = dataclasses.replace(rec, data=data, size=0)
        records.append(rec)
    reference = []
    for item in page.reference:
        if item.is_stub:
            raw = _download(item, item.size, transport, part, retrying)
            if hashlib.sha256(raw).hexdigest() != item.hash:
                raise ProtocolError(f"reference item {item.kind}/{item.key} arrived damaged")
            item = dataclasses.replace(item, content=json.loads(raw), size=0)
        reference.append(item)
    return dataclasses.replace(page, records=records, reference=reference)
