"""One sync run: handshake → push batches → pull pages → apply → finalize, returning a ``SyncReport``.

* Push: pending changes are frozen into a batch (parents first) and sent in chunks whose size
  adapts to the link: it doubles after a quick answer and halves after a slow one, a cut
  connection or a 413. Each chunk's answer is written down while the next request is in flight
  (and when the run ends, however it ends), so an interruption (cut, cancel) resumes with the
  records still unacknowledged, unchanged; after a crash or SIGKILL, at most the last answer is
  lost, and its records go out again (the server answers "duplicate").
* Only transient failures (network, 5xx, 429) are retried, with exponential backoff and jitter
  (``Retry-After`` honoured); anything else stops the run. A rejected record is acknowledged with
  its reason and not sent again until it is edited.
* Pull: pages from the stored cursor; each page is applied and its cursor saved in one local
  transaction, so an interrupted pull resumes from the last applied page. Pages shrink after a cut
  (items and bytes, down to one item); an item larger than the page's byte budget comes as a stub and
  is fetched in ranges that shrink too (``fetch``), so a link that cuts every long answer still ends.
* Handshake first settles the sync files the province has imported since (their receipts), renews a
  token about to expire, and notices a laptop restored from a backup (the server names a batch of
  ours this database never made): then it pulls from the start with its own records before pushing.
* Conflicts are data: stored by the store, counted in the report, resolved later by the officer.
* Finalize compares the records per type on both sides; ``counts_match`` false says what is missing
  (``missing``, and ``problems``: records rejected with field and reason, or waiting for a parent).

``run_sync`` never asks the user anything and never raises a ``SyncError``: failures are in the
report (``report.error``). Bugs (anything else) propagate.
"""

from __future__ import annotations

import logging
import random
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeVar

from xaapp import __version__
from xaapp.sync.attachments import AttachmentExchange
from xaapp.sync.errors import (
    AuthError,
    Cancelled,
    ForbiddenError,
    OfflineError,
    ProtocolError,
    RequestTooLarge,
    SyncError,
    TransientError,
)
from xaapp.sync.fetch import PartSize, fill_stubs
from xaapp.sync.ports import Batch, Cancel, CancelToken, NullProgress, OutboxStore, Progress, Transport
from xaapp.sync.protocol import (
    INITIAL_CURSOR,
    PROTOCOL_VERSION,
    Handshake,
    PullPage,
    PushRequest,
    RecordChange,
    RecordResult,
    ServerInfo,
)
from xaapp.sync.receipts import FileReceipt

logger = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass
class SyncOptions:
    freeze_records: int = 500  # records frozen per batch
    initial_chunk: int = 50  # records per request at the start
    min_chunk: int = 1
    max_chunk: int = 500
    fast_seconds: float = 5.0  # an answer quicker than this doubles the chunk
    slow_seconds: float = 20.0  # an answer slower than this halves it
    max_attempts: int = 8  # transient failures in a row before giving up
    backoff_base: float = 0.5
    backoff_cap: float = 60.0
    pull_limit: int = 500  # items per pull page at the start (halved after a cut, down to 1)
    pull_max_bytes: int = 512_000  # bytes per page at the start (halved after a cut)
    min_pull_bytes: int = 256
    min_part: int = 128  # smallest range of a large item
    renew_token_days: float = 7.0  # rotate the token when it expires sooner than this
    seed: int | None = None
    expected_commune: str | None = None
    clock: Callable[[], float] = time.monotonic


@dataclass
class SyncReport:
    ok: bool = False
    error: dict[str, str] | None = None
    cancelled: bool = False
    pushed: dict[str, int] = field(default_factory=dict)  # outcome -> records
    rejected: list[dict[str, Any]] = field(default_factory=list)
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    pulled: int = 0
    applied: int = 0
    reference: int = 0
    pending: int = 0
    open_conflicts: int = 0
    requests: int = 0
    retries: int = 0
    bytes_sent: int = 0
    bytes_received: int = 0
    round_trips: int = 0
    started_at: str = ""
    finished_at: str = ""
    seconds: float = 0.0
    clock_skew_seconds: float | None = None
    counts_match: bool | None = None
    server_counts: dict[str, int] = field(default_factory=dict)
    local_counts: dict[str, int] = field(default_factory=dict)
    missing: dict[str, dict[str, int]] = field(default_factory=dict)  # entity -> {"here", "server"}
    waiting: list[dict[str, Any]] = field(default_factory=list)  # answered "waiting for parent" now
    problems: list[dict[str, Any]] = field(default_factory=list)  # rejected or waiting, not yet sent
    receipts: int = 0  # sync-file receipts settled at the handshake
    restored: bool = False  # this database was older than the server's view of it: pulled own records
    token_rotated: bool = False
    attachments_sent: int = 0  # attached files uploaded whole in this run
    attachments_received: int = 0  # attached files fetched and stored in this run
    attachments_waiting: list[dict[str, Any]] = field(default_factory=list)  # files that could not move, why

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def _now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def backoff_delay(attempt: int, base: float, cap: float, rng: random.Random) -> float:
    """Exponential backoff with "equal jitter": half the window fixed, half random (attempt ≥ 1)."""
    window = min(cap, base * (2.0 ** (attempt - 1)))
    return window / 2 + rng.uniform(0, window / 2)


class _Run:
    def __init__(
        self,
        store: OutboxStore,
        transport: Transport,
        progress: Progress,
        cancel: CancelToken,
        options: SyncOptions,
        report: SyncReport,
    ) -> None:
        self.store, self.transport, self.progress, self.cancel = store, transport, progress, cancel
        self.opt, self.report = options, report
        self.rng = random.Random(options.seed)
        self.chunk = max(options.min_chunk, min(options.initial_chunk, options.max_chunk))
        self.outcomes: Counter[str] = Counter()
        #: the last push answer, not yet written down: (batch id, records sent, their results)
        self._answer: tuple[str, list[RecordChange], list[RecordResult]] | None = None

    # --- retries ------------------------------------------------------------------------------

    def _check_cancel(self) -> None:
        if self.cancel.cancelled():
            raise Cancelled()

    def _pause(self, what: str, exc: TransientError, attempt: int) -> None:
        """After the *attempt*-th transient failure in a row: give up (re-raise) or wait and return."""
        self.report.retries += 1
        if attempt >= self.opt.max_attempts:
            raise exc
        delay = exc.retry_after
        if delay is None:
            delay = backoff_delay(attempt, self.opt.backoff_base, self.opt.backoff_cap, self.rng)
        logger.info("sync %s failed (%s: %s); retry %d in %.1f s", what, exc.code, exc.detail, attempt, delay)
        self.progress.set_text(f"Mạng chập chờn, thử lại lần {attempt} / retrying ({attempt})")
        if self.cancel.wait(delay):
            raise Cancelled() from exc

    def _retrying(self, what: str, call: Callable[[], T], on_fail: Callable[[TransientError], None]) -> T:
        attempt = 0
        while True:
            self._check_cancel()
            try:
                self.report.requests += 1
                return call()
            except TransientError as exc:
                attempt += 1
                on_fail(exc)
                self._pause(what, exc, attempt)

    # --- steps --------------------------------------------------------------------------------

    def handshake(self) -> ServerInfo:
        self.progress.set_text("Kết nối máy chủ… / Connecting…")
        awaiting = self.store.awaiting_files()
        reports = self.store.yearly_reports_to_send()  # the province freezes them after this sync's push
        info = self._retrying(
            "handshake",
            lambda: self.transport.handshake(
                Handshake(PROTOCOL_VERSION, __version__, _now_iso(), awaiting, reports)
            ),
            lambda exc: None,
        )
        if info.protocol != PROTOCOL_VERSION:
            raise ProtocolError(f"server speaks protocol {info.protocol}, client {PROTOCOL_VERSION}")
        if self.opt.expected_commune and info.commune_code != self.opt.expected_commune:
            raise ForbiddenError(
                f"server says commune {info.commune_code}, device {self.opt.expected_commune}"
            )
        try:
            server = datetime.fromisoformat(info.server_time.replace("Z", "+00:00"))
            self.report.clock_skew_seconds = round((server - datetime.now(UTC)).total_seconds(), 1)
        except ValueError:
            pass
        self.opt.max_chunk = max(1, min(self.opt.max_chunk, info.max_batch_records))
        self.chunk = min(self.chunk, self.opt.max_chunk)
        for body in info.file_receipts:
            try:
                receipt = FileReceipt.from_json(body)
            except (KeyError, TypeError, ValueError) as exc:
                raise ProtocolError(f"file receipt: {exc}") from exc
            self.store.apply_receipt(receipt)
            self.report.receipts += 1
        if info.extra.get("last_file_seq"):
            self.store.note_server_file_seq(int(info.extra["last_file_seq"]))
        self._renew_token(info)
        return info

    def _renew_token(self, info: ServerInfo) -> None:
        """Rotate a token that expires within ``renew_token_days`` (a failed rotation is retried next time)."""
        if not info.token_expires_at:
            return
        try:
            expires = datetime.fromisoformat(info.token_expires_at.replace("Z", "+00:00"))
            if expires.tzinfo is None:
                expires = expires.replace(tzinfo=UTC)
        except ValueError:
            return
        if (expires - datetime.now(UTC)).total_seconds() > self.opt.renew_token_days * 86400:
            return
        try:
            token, _expires_at = self._retrying("token", self.transport.rotate_token, lambda exc: None)
        except AuthError:
            raise
        except SyncError as exc:
            logger.warning("token rotation failed (%s: %s); the old token is used", exc.code, exc.detail)
            return
        self.store.save_token(token)
        self.transport.set_token(token)
        self.report.token_rotated = True

    def restore_if_needed(self, info: ServerInfo) -> None:
        """A database older than what the server holds from this device (restored from a backup): pull
        everything, own records included, before pushing anything made on top of the old copy."""
        last = info.last_batch_id
        if not last or self.store.knows_batch(last):
            return
        logger.warning("this database does not know batch %s the server holds: restoring own records", last)
        self.report.restored = True
        self.store.begin_restore(last)
        self.pull(own=True)
        self.store.end_restore()

    def push(self) -> None:
        pending = self.store.pending_count()
        self.progress.set_text(f"Đang gửi {pending} thay đổi… / Sending {pending} changes…")
        self.progress.set_range(pending)
        self.store.release_waiting()
        batch = self.store.current_batch() or self.store.freeze_batch(self.opt.freeze_records)
        # Three things overlap: the server storing one request, the laptop writing down the answer
        # before it (``_settle``), and a second thread reading the next batch (written down only once
        # this one is answered; if the run stops first, what was read is simply dropped).
        with (
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-gather") as ahead,
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-send") as wire,
        ):
            try:
                while batch is not None:
                    upcoming = ahead.submit(self.store.gather_batch, self.opt.freeze_records, batch)
                    batch = self._push_batch(batch, wire, upcoming)
                    if batch is None:
                        self._settle()  # then the last word is a fresh read: an edit made meanwhile goes too
                        batch = self.store.freeze_batch(self.opt.freeze_records)
            finally:
                self._settle()  # an answer received is written down however the run ends

    def _push_batch(self, batch: Batch, wire: ThreadPoolExecutor, upcoming: Future[object]) -> Batch | None:
        """Send *batch* in chunks; return the next batch, frozen from *upcoming* (what was gathered
        behind it) while the last request was in flight, or None when nothing was gathered.

        Each chunk's answer is written down while the next request is in flight (``_answer``, then
        ``_settle``), and the next batch is frozen while the last one is: the server never waits for
        the laptop's bookkeeping. If the run stops before that last request is answered, the batch is
        made the frozen one again (``refreeze``), as if the next had not been frozen."""
        records = list(batch.records)
        following: Batch | None = None
        froze = False

        def failed(exc: TransientError) -> None:
            self.store.note_failure(batch.batch_id, f"{exc.code}: {exc.detail}"[:500])
            if isinstance(exc, OfflineError):  # a cut or timeout: send less at a time
                self.chunk = max(self.opt.min_chunk, self.chunk // 2)

        attempt = 0
        try:
            while records:
                self._check_cancel()
                part = records[: self.chunk]
                started = self.opt.clock()
                self.report.requests += 1
                sending = wire.submit(self.transport.push, PushRequest(batch.batch_id, part))
                self._settle()
                if not froze and len(part) == len(records):  # the batch's last request is in flight
                    following = self.store.freeze_batch(self.opt.freeze_records, upcoming.result(), answered=True)
                    froze = True
                try:
                    response = sending.result()
                except TransientError as exc:  # retried with what is left, maybe in a smaller chunk
                    attempt += 1
                    failed(exc)
                    self._pause("push", exc, attempt)
                    continue
                except RequestTooLarge:
                    if self.chunk <= 1:
                        raise
                    self.chunk = max(1, min(self.chunk, len(part)) // 2)
                    continue
                attempt = 0
                elapsed = self.opt.clock() - started
                by_uuid = {(r.uuid, r.revision): r for r in response.results}
                missing = [c.uuid for c in part if (c.uuid, c.revision) not in by_uuid]
                if missing:
                    raise ProtocolError(f"push answer lacks {len(missing)} records, e.g. {missing[0]}")
                self._answer = (batch.batch_id, part, [by_uuid[(c.uuid, c.revision)] for c in part])
                records = records[len(part) :]
                if elapsed < self.opt.fast_seconds and len(part) == self.chunk:
                    self.chunk = min(self.opt.max_chunk, self.chunk * 2)
                elif elapsed > self.opt.slow_seconds:
                    self.chunk = max(self.opt.min_chunk, self.chunk // 2)
        except BaseException:
            if froze and records:  # stopped before the last request was answered: frozen again
                self.store.refreeze(batch.batch_id)
            raise
        return following

    def _settle(self) -> None:
        """Write down the answer received last (if not yet) and count its outcomes."""
        if self._answer is None:
            return
        batch_id, part, results = self._answer
        self._answer = None
        self.store.record_results(batch_id, results)
        entity_of = {c.uuid: c.entity for c in part}
        for r in results:
            self.outcomes[r.outcome] += 1
            if r.outcome in ("rejected", "waiting"):
                (self.report.rejected if r.outcome == "rejected" else self.report.waiting).append(
                    {"entity": entity_of[r.uuid], "uuid": r.uuid, "field": r.field, "reason": r.reason}
                )
            elif r.outcome == "conflict":
                self.report.conflicts.append(
                    {
                        "entity": entity_of[r.uuid],
                        "uuid": r.uuid,
                        "server_revision": r.server.revision if r.server else None,
                    }
                )
        self.progress.advance(len(part))

    def pull(self, own: bool = False) -> None:
        self.progress.set_text("Đang nhận dữ liệu từ tỉnh… / Receiving from the province…")
        self.progress.set_range(0)  # the number of pages is not known in advance
        cursor = self.store.pull_cursor()
        # An empty database pulling from the start is a restore: ask for our own records too.
        own = own or (cursor == INITIAL_CURSOR and not self.store.local_counts())
        opt = self.opt
        size = {"limit": max(1, opt.pull_limit), "bytes": max(opt.min_pull_bytes, opt.pull_max_bytes)}
        part = PartSize(size["bytes"], opt.min_part, opt.pull_max_bytes)
        prepared = False

        def failed(exc: TransientError) -> None:
            if isinstance(exc, OfflineError):  # a cut: ask for less at a time, down to one item
                size["limit"] = max(1, size["limit"] // 2)
                size["bytes"] = max(opt.min_pull_bytes, size["bytes"] // 2)
                part.shrink(exc)

        while True:

            def pull(cursor: str = cursor) -> PullPage:  # the size as it is at each try: a failure shrinks it
                return self.transport.pull(cursor, size["limit"], own, size["bytes"])

            page = self._retrying("pull", pull, failed)
            page = fill_stubs(page, self.transport, part, self._retrying)
            size["limit"] = min(max(1, opt.pull_limit), size["limit"] * 2)
            size["bytes"] = min(opt.pull_max_bytes, size["bytes"] * 2)
            if (page.records or page.reference) and not prepared:
                self.store.prepare_apply()
                prepared = True
            self.report.applied += self.store.apply_pull(page)
            self.report.pulled += len(page.records)
            self.report.reference += len(page.reference)
            self.progress.advance(len(page.records))
            if page.cursor == cursor and page.more:
                raise ProtocolError("pull cursor did not move")
            cursor = page.cursor
            if not page.more:
                return

    def finalize(self) -> None:
        self.report.problems = self.store.problems()  # (also closes duplicate-code questions since settled)
        self.report.pending = self.store.pending_count()
        self.report.open_conflicts = self.store.open_conflicts()
        self.report.local_counts = self.store.local_counts()
        self.report.server_counts = self._retrying("summary", self.transport.summary, lambda exc: None)
        here, there = self.report.local_counts, self.report.server_counts
        self.report.missing = {
            e: {"here": here.get(e, 0), "server": there.get(e, 0)}
            for e in sorted(set(here) | set(there))
            if here.get(e, 0) != there.get(e, 0)
        }
        self.report.counts_match = not self.report.missing


def run_sync(
    store: OutboxStore,
    transport: Transport,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
    options: SyncOptions | None = None,
    attachments: AttachmentExchange | None = None,  # also send and fetch attached files (sync.attachments)
) -> SyncReport:
    """Run one sync; see the module docstring. Safe to call again at any time ("always safe to press")."""
    report = SyncReport(started_at=_now_iso())
    opt = options or SyncOptions()
    run = _Run(store, transport, progress or NullProgress(), cancel or Cancel(), opt, report)
    t0 = time.monotonic()
    try:
        info = run.handshake()
        run.restore_if_needed(info)
        run.push()
        run.pull()
        if attachments is not None:
            attachments.run(run._retrying, report, run.progress)
        run.finalize()
        report.ok = True
    except Cancelled as exc:
        report.cancelled = True
        report.error = exc.to_json()
    except SyncError as exc:
        logger.warning("sync stopped: %s (%s)", exc.code, exc.detail)
        report.error = exc.to_json()
    finally:
        report.pushed = dict(run.outcomes)
        report.seconds = round(time.monotonic() - t0, 3)
        report.finished_at = _now_iso()
        stats = transport.stats
        report.bytes_sent, report.bytes_received = stats.bytes_sent, stats.bytes_received
        report.round_trips = stats.round_trips
        if not report.ok:
            try:
                report.pending = store.pending_count()
                report.open_conflicts = store.open_conflicts()
            except Exception:  # noqa: BLE001 - the report must come back even if the store is broken
                logger.exception("could not count pending changes after a failed sync")
    store.finish(report.finished_at if report.ok else "", report.to_json())
    return report
