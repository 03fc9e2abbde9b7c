"""The interfaces the sync engine needs, defined here and implemented elsewhere (openSM2sync style).

``OutboxStore`` is satisfied by ``xaapp.storage.sync_store.SqlSyncStore`` (and by in-memory fakes in
tests); ``Transport`` by ``transport_http.HttpTransport`` (and by ``FakeServer`` in tests). The
engine only sees these shapes, so it never imports storage, SQL or Qt.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any, Protocol

from xaapp.sync.protocol import (
    Handshake,
    PullPage,
    PushRequest,
    PushResponse,
    RecordChange,
    RecordResult,
    ReferenceItem,
    ServerInfo,
    ServerRecord,
)
from xaapp.sync.receipts import FileReceipt


@dataclass
class Batch:
    """A frozen set of changes: its id and the records still waiting for the server's answer.

    Frozen means the payloads were read once and are resent unchanged after an interruption, so a
    resend is recognised by the server as a duplicate even if the record was edited meanwhile.
    """

    batch_id: str
    records: list[RecordChange]


@dataclass(frozen=True)
class DeviceIdentity:
    device_id: str
    token: str = field(repr=False)
    server_url: str
    commune_code: str
    tls_pin: str = ""  # SHA-256 of the server certificate seen at enrollment (https only)
    ca_file: str = ""  # a certificate file to trust for the server (a province's own CA)
    allow_insecure_http: bool = False


class OutboxStore(Protocol):
    """The local side of sync (one method = one local transaction)."""

    def identity(self) -> DeviceIdentity | None: ...

    def current_batch(self) -> Batch | None:
        """The frozen batch left by an interrupted sync, if any."""

    def gather_batch(self, max_records: int, in_flight: Batch) -> object:
        """Read (write nothing) the batch that follows *in_flight*, while that one is being sent; called
        on another thread. Handed back to ``freeze_batch`` once *in_flight* is answered."""

    def freeze_batch(self, max_records: int, gathered: object = None, answered: bool = False) -> Batch | None:
        """Freeze the next pending changes (parents first) into a batch; None when nothing is pending.
        *gathered*: ``gather_batch``'s result behind the batch just answered, frozen as read.
        *answered*: the frozen batch is answered in full (its last answers not yet written down with
        ``record_results``): freeze the next one, leaving its records out; otherwise a frozen batch
        still waiting for answers is returned as it is."""

    def refreeze(self, batch_id: str) -> None:
        """Make *batch_id*, set aside by ``freeze_batch(answered=True)`` before its last answer came,
        the frozen batch again (with what is still unanswered): the run stops there."""

    def record_results(self, batch_id: str, results: list[RecordResult]) -> None:
        """Store the server's answers (for the frozen batch, or one set aside answered); acknowledged
        records leave the batch (and the outbox)."""

    def release_waiting(self) -> None:
        """Start of a push: records answered "waiting" in an earlier run may be tried again."""

    def awaiting_files(self) -> list[int]:
        """Numbers of exported sync files with no receipt yet."""

    def yearly_reports_to_send(self) -> list[dict[str, Any]]:
        """Yearly reports the officer marked as sent that the province has not acknowledged yet."""

    def apply_receipt(self, receipt: FileReceipt) -> dict[str, int]:
        """Settle the records of one imported sync file as its receipt says."""

    def note_server_file_seq(self, file_seq: int) -> None: ...

    def knows_batch(self, batch_id: str) -> bool:
        """Whether this database made *batch_id* (False: it is a copy restored from before that)."""

    def begin_restore(self, batch_id: str) -> None: ...

    def restoring(self) -> bool: ...

    def end_restore(self) -> None: ...

    def save_token(self, token: str) -> None: ...

    def problems(self) -> list[dict[str, object]]:
        """Records the server does not have, and why (rejected with field and reason, or waiting)."""

    def note_failure(self, batch_id: str, error: str) -> None:
        """Count a failed attempt on the batch's outbox rows."""

    def pull_cursor(self) -> str: ...

    def apply_pull(self, page: PullPage) -> int:
        """Apply one page and save its cursor in one transaction; returns records changed locally."""

    def prepare_apply(self) -> None:
        """Called once before the first pulled page that changes anything (backup point)."""

    def pending_count(self) -> int: ...

    def open_conflicts(self) -> int: ...

    def local_counts(self) -> dict[str, int]: ...

    def finish(self, succeeded_at: str, report: dict[str, object]) -> None:
        """Record the end of a run (last success time, last report)."""


@dataclass
class TransportStats:
    bytes_sent: int = 0
    bytes_received: int = 0
    round_trips: int = 0


class Transport(Protocol):
    stats: TransportStats

    def handshake(self, request: Handshake) -> ServerInfo: ...

    def push(self, request: PushRequest) -> PushResponse: ...

    def pull(self, cursor: str, limit: int, own: bool = False, max_bytes: int | None = None) -> PullPage:
        """Changes since *cursor*; *own* also returns this device's own changes (restore). At most
        *limit* items and about *max_bytes*; larger items come as stubs (``fetch_item``)."""

    def fetch_item(self, stub: ServerRecord | ReferenceItem, offset: int, length: int) -> tuple[bytes, int]:
        """*length* bytes from *offset* of a stub's content, and the content's whole size."""

    def rotate_token(self) -> tuple[str, str]:
        """A new token for this device (the old one stops working): (token, expires_at ISO)."""

    def set_token(self, token: str) -> None:
        """Use *token* from now on."""

    def summary(self) -> dict[str, int]:
        """Records per entity the server holds for this device's commune (tombstones included)."""


class Progress(Protocol):
    """What the UI (or CLI) shows; calls come from the sync thread, the adapter throttles."""

    def set_text(self, text: str) -> None: ...

    def set_range(self, total: int) -> None: ...

    def advance(self, n: int = 1) -> None: ...


class CancelToken(Protocol):
    def cancelled(self) -> bool: ...

    def wait(self, seconds: float) -> bool:
        """Sleep up to *seconds*; return True at once if cancelled meanwhile."""


class NullProgress:
    def set_text(self, text: str) -> None:
        pass

    def set_range(self, total: int) -> None:
        pass

    def advance(self, n: int = 1) -> None:
        pass


@dataclass
class Cancel:
    """A thread-safe cancel flag: the UI calls ``cancel()``, the sync thread checks it."""

    _event: threading.Event = field(default_factory=threading.Event)

    def cancel(self) -> None:
        self._event.set()

    def cancelled(self) -> bool:
        return self._event.is_set()

    def wait(self, seconds: float) -> bool:
        return self._event.wait(max(0.0, seconds))
