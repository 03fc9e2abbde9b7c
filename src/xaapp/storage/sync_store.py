"""The local side of sync: ``SqlSyncStore`` satisfies ``xaapp.sync.ports.OutboxStore`` over the database.

Every method is one local transaction. Bookkeeping lives in ``sync_state`` (key/value): identity
(device id, token — sealed, see ``device_secret`` —, server URL, commune, TLS pin, CA file),
``pull_cursor``, ``push_batch`` (the frozen batch still waiting for answers, as JSON),
``pull_deferred`` (pulled records whose parent comes on a later page), ``file_seq`` (last exported
sync-file number), ``files_out`` (exported files awaiting their receipt), ``sent_batches`` (recent
batch ids, to notice a restored copy), ``held`` (records the server answered "waiting" in this run),
``last_success`` and ``last_report``. The outbox itself: ``sync_outbox``; applying pulls: ``sync_apply``.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from itertools import chain
from typing import Any

from sqlalchemy import delete, func, select

from xaapp.domain.clock import utcnow
from xaapp.errors import KnownError
from xaapp.storage import yearly_report
from xaapp.storage.backup import backup_file
from xaapp.storage.db import Database
from xaapp.storage.device_secret import seal, unseal
from xaapp.storage.driver_sql import run_in
from xaapp.storage.orm import ENTITY_MODELS, OutboxEntry, Setting, SyncConflict, SyncState
from xaapp.storage.records import RefResolver, load_by_uuid
from xaapp.storage.review_state import apply_review_state
from xaapp.storage.sync_apply import apply_page
from xaapp.storage.sync_conflicts import clear_settled_duplicates
from xaapp.storage.sync_freeze import Gathered, commit, freeze, gather, stream_pending
from xaapp.storage.sync_outbox import (
    WAITING,
    batch_from_state,
    batch_to_state,
    get_json,
    get_state,
    remember_batch,
    set_json,
    set_state,
    settle,
)
from xaapp.sync.ports import Batch, DeviceIdentity
from xaapp.sync.protocol import INITIAL_CURSOR, PullPage, RecordChange, RecordResult
from xaapp.sync.receipts import FileReceipt

COMMUNE_SETTING = "commune_code"  # the key services.settings uses for the installation's commune
BACKUPS_KEPT = 5
_KEEP = object()


class SqlSyncStore:
    """``OutboxStore`` over one local database (see the module docstring)."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.data_dir = db.path.parent
        #: the frozen batch as this store last wrote or read it (answers settle against it without
        #: reading 500 records' text back); ``_frozen_read``: it is what the data file holds — false
        #: until read, and while a transaction that changes it has not committed
        self._frozen: tuple[Batch, dict[str, list[int]]] | None = None
        self._frozen_read = False
        self._last_frozen: str | None = None  # the batch this store froze last (gathered batches follow it)
        #: batches answered in full whose last answers are not written down yet (``freeze_batch``'s
        #: *answered*): the engine writes them while the next batch is in flight
        self._answered: dict[str, tuple[Batch, dict[str, list[int]]]] = {}
        self._answered_lock = threading.Lock()

    def _frozen_batch(self, s: Any) -> tuple[Batch, dict[str, list[int]]] | None:  # noqa: ANN401
        if not self._frozen_read:
            self._frozen = batch_from_state(get_state(s, "push_batch"))
            self._frozen_read = True
        if self._frozen is None:
            return None
        batch, seqs = self._frozen
        return Batch(batch.batch_id, list(batch.records)), dict(seqs)

    def _session(self) -> Any:
        return self.db.session(actor="sync", remote=True)

    # --- identity -----------------------------------------------------------------------------

    def identity(self) -> DeviceIdentity | None:
        keys = (
            "device_id",
            "token",
            "server_url",
            "commune_code",
            "tls_pin",
            "ca_file",
            "allow_insecure_http",
        )
        with self.db.read() as s:
            values = {k: get_state(s, k) for k in keys}
        if not all(values[k] for k in keys[:4]):
            return None
        return DeviceIdentity(
            values["device_id"] or "",
            unseal(self.data_dir, values["token"] or ""),
            values["server_url"] or "",
            values["commune_code"] or "",
            tls_pin=values["tls_pin"] or "",
            ca_file=values["ca_file"] or "",
            allow_insecure_http=values["allow_insecure_http"] == "1",
        )

    def save_identity(
        self,
        device_id: str,
        token: str,
        server_url: str,
        commune_code: str,
        *,
        tls_pin: Any = _KEEP,
        ca_file: Any = _KEEP,
        allow_insecure_http: Any = _KEEP,
    ) -> None:
        """Remember the enrollment; the installation's commune is set (or must already match).

        The token is stored sealed. TLS settings not given are kept as they were."""
        with self._session() as s:
            setting = s.get(Setting, COMMUNE_SETTING)
            if setting is not None and setting.value and setting.value != commune_code:
                raise KnownError(
                    f"Mã đăng ký là của xã {commune_code}, nhưng dữ liệu trên máy này là của xã {setting.value}.",
                    f"The enrollment code is for commune {commune_code}, but this computer's data is "
                    f"commune {setting.value}.",
                )
            if setting is None:
                s.add(Setting(key=COMMUNE_SETTING, value=commune_code))
            if get_state(s, "device_id") not in (None, device_id):  # a new enrollment, maybe another server:
                for key in ("pull_cursor", "pull_deferred", "files_out", "restoring", "held"):
                    set_state(s, key, None)  # pull from the start (records already here are skipped)
            for key, value in (
                ("device_id", device_id),
                ("token", seal(self.data_dir, token)),
                ("server_url", server_url),
                ("commune_code", commune_code),
            ):
                set_state(s, key, value)
            for key, value in (("tls_pin", tls_pin), ("ca_file", ca_file)):
                if value is not _KEEP:
                    set_state(s, key, str(value) if value else None)
            if allow_insecure_http is not _KEEP:
                set_state(s, "allow_insecure_http", "1" if allow_insecure_http else None)

    def save_token(self, token: str) -> None:
        """A rotated token replaces the old one (sealed)."""
        with self._session() as s:
            set_state(s, "token", seal(self.data_dir, token))

    def save_pin(self, fingerprint: str) -> None:
        with self._session() as s:
            set_state(s, "tls_pin", fingerprint or None)

    def state(self, key: str) -> str | None:
        with self.db.read() as s:
            return get_state(s, key)

    # --- push ---------------------------------------------------------------------------------

    def current_batch(self) -> Batch | None:
        """The frozen batch as the data file holds it (read afresh: each push starts here). Answers an
        earlier run could not write down are forgotten: their records are pending, and go out again."""
        self._frozen_read = False
        with self._answered_lock:
            self._answered.clear()
        with self.db.read() as s:
            found = self._frozen_batch(s)
        if found:
            self._last_frozen = found[0].batch_id
        return found[0] if found else None

    def release_waiting(self) -> None:
        """A new run: records the server answered "waiting" last time may be tried once again."""
        with self._session() as s:
            set_state(s, "held", None)

    def _unsettled(self) -> list[Batch]:
        with self._answered_lock:  # each entry is replaced, never changed in place
            return [batch for batch, _seqs in self._answered.values()]

    def gather_batch(self, max_records: int, in_flight: Batch) -> Gathered:
        """The batch after *in_flight*, read (not written) while that one is being sent; any thread.
        It also leaves out the records of batches answered but not yet written down."""
        answered = self._unsettled()
        with self.db.read() as s:
            return gather(s, max_records, in_flight, answered)

    def freeze_batch(self, max_records: int, gathered: object = None, answered: bool = False) -> Batch | None:
        """*gathered*: what ``gather_batch`` read behind the batch just answered, written down as is
        (it left that batch's records out). Otherwise, and when it found nothing, the next batch is
        read now: the last word is always a fresh read, so a record of that batch edited while it was
        in flight is not left behind (the engine asks again once every answer is written down).

        *answered*: every record of the frozen batch has its answer, which the engine writes down
        (``record_results``) while the next batch is in flight. The frozen batch steps aside for the
        next; if the run stops before those answers are written, their records are still pending and
        go out again (the server answers "duplicate")."""
        with self._session() as s:
            found = self._frozen_batch(s)
            if found and not answered:
                return found[0]
            self._frozen_read = False  # until this transaction commits
            if found:
                with self._answered_lock:
                    self._answered[found[0].batch_id] = found
            unsettled = self._unsettled()
            if isinstance(gathered, Gathered) and gathered.records and gathered.behind == self._last_frozen:
                frozen = commit(s, gathered)
            else:
                frozen = freeze(s, max_records, unsettled)
            if frozen is None:
                set_state(s, "push_batch", None)
                self._frozen = None
            else:
                batch, seqs, _state = frozen
                self._frozen = (Batch(batch.batch_id, list(batch.records)), dict(seqs))
                self._last_frozen = batch.batch_id
        self._frozen_read = True
        return batch if frozen is not None else None

    def refreeze(self, batch_id: str) -> None:
        """*batch_id*, set aside while its last request was in flight, becomes the frozen batch again
        (its unanswered records, resent unchanged next time); the batch frozen after it is dropped —
        its records are pending and go out after it."""
        with self._answered_lock:
            aside = self._answered.pop(batch_id, None)
        if aside is None:
            return
        self._frozen_read = False
        with self._session() as s:
            set_state(s, "push_batch", batch_to_state(*aside) if aside[0].records else None)
        self._frozen = aside if aside[0].records else None
        self._frozen_read = True
        self._last_frozen = batch_id

    def record_results(self, batch_id: str, results: list[RecordResult]) -> None:
        """Write down answers for the frozen batch, or for a batch ``freeze_batch`` set aside answered."""
        with self._answered_lock:
            aside = self._answered.get(batch_id)
        with self._session() as s:
            found = aside or self._frozen_batch(s)
            if found is None or found[0].batch_id != batch_id:
                raise RuntimeError(f"answers for batch {batch_id}, which is not the frozen batch")
            batch, seqs = found
            sent = {r.uuid: r for r in batch.records}
            answers = [(sent[res.uuid].entity, res) for res in results]
            settle(s, answers, RefResolver(s), utcnow(), seqs={r.uuid: seqs.get(r.uuid, []) for r in results})
            done = {r.uuid for r in results}
            left = Batch(batch_id, [r for r in batch.records if r.uuid not in done])
            left_seqs = {u: q for u, q in seqs.items() if u not in done}
            if aside is None:
                self._frozen_read = False  # until this transaction commits
                set_state(s, "push_batch", batch_to_state(left, left_seqs) if left.records else None)
                self._frozen = (left, left_seqs) if left.records else None
        if aside is None:
            self._frozen_read = True
        else:  # written (committed): gathering need no longer leave these records out
            with self._answered_lock:
                if left.records:
                    self._answered[batch_id] = (left, left_seqs)
                else:
                    self._answered.pop(batch_id, None)

    def note_failure(self, batch_id: str, error: str) -> None:
        """Count a failed attempt on the unanswered outbox rows of *batch_id* (the frozen batch, or
        one set aside while its last request is in flight)."""
        with self._answered_lock:
            aside = self._answered.get(batch_id)
        with self._session() as s:
            found = aside or self._frozen_batch(s)
            if not found or found[0].batch_id != batch_id:
                return
            all_seqs = [q for qs in found[1].values() for q in qs]
            run_in(s, "UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE seq IN {in}", all_seqs, error)

    # --- sync files and their receipts ----------------------------------------------------------

    def export_stream(
        self,
        device_id: str,
        write: Callable[[str, int, Iterator[list[RecordChange]]], int],
        allow_empty: bool = False,
    ) -> tuple[int, int] | None:
        """Everything not yet acknowledged, for a sync file: ``write(batch_id, file_seq, chunks)`` writes
        the chunks (parents first) as they are read and returns how many records it wrote. Returns
        (file number, records), or None when nothing is pending. The file number is taken only when
        *write* succeeds (one transaction); nothing leaves the outbox. *allow_empty*: a file even without
        records (it carries a yearly report's mark)."""
        with self._session() as s:
            chunks = stream_pending(s)
            first = next(chunks, None)
            if first is None and not allow_empty:
                return None
            seq = max(int(get_state(s, "file_seq") or 0), int(get_state(s, "server_file_seq") or 0)) + 1
            count = write(f"file:{device_id}:{seq}", seq, chain([first], chunks) if first is not None else chunks)
            set_state(s, "file_seq", str(seq))
            files = [f for f in get_json(s, "files_out", []) if int(f["file_seq"]) != seq]
            files.append({"file_seq": seq, "records": count, "created_at": utcnow().isoformat() + "Z"})
            set_json(s, "files_out", files)
            return seq, count

    def pending_changes(self) -> list[RecordChange]:
        """Every pending change as it would be sent (parents first); for tools and benchmarks."""
        with self._session() as s:
            return [r for chunk in stream_pending(s) for r in chunk]

    def yearly_reports_to_send(self) -> list[dict[str, Any]]:
        with self.db.read() as s:
            return yearly_report.to_send(s)

    def awaiting_files(self) -> list[int]:
        with self.db.read() as s:
            return [int(f["file_seq"]) for f in get_json(s, "files_out", [])]

    def files_out(self) -> list[dict[str, Any]]:
        with self.db.read() as s:
            return list(get_json(s, "files_out", []))

    def apply_receipt(self, receipt: FileReceipt) -> dict[str, int]:
        """The province's answers for one imported sync file (idempotent: a second copy changes nothing)."""
        with self._session() as s:
            answers = [(entity, res) for entity, res in receipt.entries if entity in ENTITY_MODELS]
            refs, now = RefResolver(s), utcnow()
            for i in range(0, len(answers), 2000):
                settle(s, answers[i : i + 2000], refs, now, online=False)
            # An earlier file holds nothing this one did not carry again (or that was not settled before):
            # its receipt can no longer tell anything new.
            files = [f for f in get_json(s, "files_out", []) if int(f["file_seq"]) > receipt.file_seq]
            set_json(s, "files_out", files)
            if receipt.review is not None:  # the province's returns and approvals (review loop)
                apply_review_state(s, receipt.review)
        return receipt.counts()

    def note_server_file_seq(self, file_seq: int) -> None:
        """The server has imported files up to *file_seq*: never number a new file below it."""
        with self._session() as s:
            if file_seq > int(get_state(s, "server_file_seq") or 0):
                set_state(s, "server_file_seq", str(file_seq))

    # --- a laptop restored from a backup --------------------------------------------------------

    def knows_batch(self, batch_id: str) -> bool:
        """Whether this database made the batch *batch_id* (a copy restored from before it did not)."""
        with self.db.read() as s:
            if batch_id.startswith("file:"):
                _, device, seq = batch_id.rsplit(":", 2) if batch_id.count(":") >= 2 else ("", "", "0")
                return device == get_state(s, "device_id") and int(seq) <= int(get_state(s, "file_seq") or 0)
            return batch_id in get_json(s, "sent_batches", [])

    def begin_restore(self, batch_id: str) -> None:
        """Pull again from the start, own records included (an interrupted restore continues)."""
        with self._session() as s:
            if get_state(s, "restoring") != batch_id:
                set_state(s, "restoring", batch_id)
                set_state(s, "pull_cursor", None)
                set_state(s, "pull_deferred", None)

    def restoring(self) -> bool:
        return self.state("restoring") is not None

    def end_restore(self) -> None:
        with self._session() as s:
            batch_id = get_state(s, "restoring")
            if batch_id:
                if batch_id.startswith("file:"):
                    seq = int(batch_id.rsplit(":", 1)[1])
                    if seq > int(get_state(s, "file_seq") or 0):
                        set_state(s, "file_seq", str(seq))
                else:
                    remember_batch(s, batch_id)
            set_state(s, "restoring", None)

    # --- pull ---------------------------------------------------------------------------------

    def pull_cursor(self) -> str:
        with self.db.read() as s:
            return get_state(s, "pull_cursor") or INITIAL_CURSOR

    def prepare_apply(self) -> None:
        backups = self.data_dir / "backups"
        backup_file(self.db.path, backups, "before-sync", self.db.key)
        for old in sorted(backups.glob(f"{self.db.path.stem}-before-sync-*.db"))[:-BACKUPS_KEPT]:
            old.unlink(missing_ok=True)

    def apply_pull(self, page: PullPage) -> int:
        with self._session() as s:
            changed, written = apply_page(s, self.data_dir, page)
            if page.review is not None:  # the province's returns and approvals (review loop)
                apply_review_state(s, page.review)
        for tmp, final in written:
            tmp.replace(final)
        return changed

    # --- counts and bookkeeping ---------------------------------------------------------------

    def pending_count(self) -> int:
        with self.db.read() as s:
            return int(
                s.scalar(
                    select(func.count(func.distinct(OutboxEntry.entity_uuid))).where(
                        OutboxEntry.acked_at.is_(None)
                    )
                )
                or 0
            )

    def open_conflicts(self) -> int:
        with self.db.read() as s:
            return int(
                s.scalar(
                    select(func.count()).select_from(SyncConflict).where(SyncConflict.resolved_at.is_(None))
                )
                or 0
            )

    def problems(self) -> list[dict[str, Any]]:
        """Records the server does not have and why: rejected (field, reason; fixed by an edit) or
        waiting for a parent record; one line each, newest answer first."""
        with self._session() as s:
            clear_settled_duplicates(s, RefResolver(s))
            rows = s.execute(
                select(
                    OutboxEntry.entity,
                    OutboxEntry.entity_uuid,
                    OutboxEntry.outcome,
                    OutboxEntry.last_error,
                    OutboxEntry.revision,
                    OutboxEntry.acked_at,
                )
                .where(OutboxEntry.outcome.in_(["rejected", WAITING]))
                .order_by(OutboxEntry.seq.desc())
            ).all()
            pending = set(s.scalars(select(OutboxEntry.entity_uuid).where(OutboxEntry.acked_at.is_(None))))
            out: list[dict[str, Any]] = []
            seen: set[str] = set()
            for entity, uuid, outcome, error, revision, acked_at in rows:
                if uuid in seen:
                    continue
                seen.add(uuid)
                if outcome == WAITING and acked_at is not None:
                    continue
                if outcome == "rejected" and uuid in pending:
                    continue  # edited since: it goes out again
                obj = load_by_uuid(s, entity, [uuid]).get(uuid) if entity in ENTITY_MODELS else None
                if outcome == "rejected" and obj is not None and obj.synced_revision >= revision:
                    continue
                field, _, reason = (error or "").partition(": ")
                out.append(
                    {"kind": outcome, "entity": entity, "uuid": uuid, "field": field, "reason": reason}
                )
            return out

    def local_counts(self) -> dict[str, int]:
        with self.db.read() as s:
            counts = {
                name: int(s.scalar(select(func.count()).select_from(model)) or 0)
                for name, model in ENTITY_MODELS.items()
            }
        return {k: v for k, v in counts.items() if v}

    def finish(self, succeeded_at: str, report: dict[str, object]) -> None:
        with self._session() as s:
            if succeeded_at:
                set_state(s, "last_success", succeeded_at)
            set_state(s, "last_report", json.dumps(report, ensure_ascii=False, default=str))

    def forget_sync_history(self) -> None:
        """Used after restoring onto a new enrollment: pull again from the start."""
        with self._session() as s:
            s.execute(delete(SyncState).where(SyncState.key.in_(["pull_cursor", "pull_deferred"])))
