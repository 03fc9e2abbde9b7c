"""Sync use cases: enroll this computer, sync with the province server, export a sync file and read
its receipt, and the sync panel's status, problems and conflicts (compare field by field, keep this
computer's or the server's).

Called from the command line and, on a worker thread with its own progress and cancel objects,
from the desktop sync panel. Whatever touches the outbox holds the data folder's sync lock
(``storage.sync_lock``): a second sync on the same folder is refused at once with a message.
"""

from __future__ import annotations

import json
import platform
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from xaapp.domain.clock import utcnow
from xaapp.errors import KnownError
from xaapp.services.sync_review import (  # noqa: F401 - the sync panel's views, re-exported
    ConflictView,
    ProblemView,
    list_conflicts,
    list_problems,
    resolve_conflict,
)
from xaapp.storage.attachment_refs import SqlAttachmentSource
from xaapp.storage.db import Database
from xaapp.storage.sync_lock import sync_lock
from xaapp.storage.sync_store import SqlSyncStore
from xaapp.sync.attachments import AttachmentExchange
from xaapp.sync.attachments_http import HttpAttachments
from xaapp.sync.engine import SyncOptions, SyncReport, run_sync
from xaapp.sync.errors import NotEnrolledError, TokenUnreadable
from xaapp.sync.file_transport import SyncFileHeader, signing_key, write_sync_file_with, write_sync_stream
from xaapp.sync.ports import CancelToken, DeviceIdentity, Progress
from xaapp.sync.protocol import RecordChange
from xaapp.sync.receipts import read_receipt_file
from xaapp.sync.transport_http import HttpTransport, check_server_url


def _transport(ident: DeviceIdentity, allow_insecure_http: bool = False) -> HttpTransport:
    return HttpTransport(
        ident.server_url,
        ident.token,
        pin=ident.tls_pin,
        ca_file=ident.ca_file,
        allow_insecure_http=ident.allow_insecure_http or allow_insecure_http,
    )


def sync_database(
    db: Database,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
    options: SyncOptions | None = None,
    *,
    allow_insecure_http: bool = False,
) -> SyncReport:
    """One sync of *db* with the server it is enrolled with. Never raises for network trouble;
    ``SyncInProgress`` when another sync holds this data folder."""
    store = SqlSyncStore(db)
    ident = store.identity()
    if ident is None:
        raise NotEnrolledError()
    options = options or SyncOptions()
    options.expected_commune = ident.commune_code
    with sync_lock(store.data_dir):
        transport = _transport(ident, allow_insecure_http)
        try:
            attachments = attachment_exchange(db, ident, transport)
            return run_sync(store, transport, progress, cancel, options, attachments)
        finally:
            transport.close()


def attachment_exchange(db: Database, ident: DeviceIdentity, transport: HttpTransport) -> AttachmentExchange:
    """The attachment step of a sync: files this laptop's answers name, to and from the province."""
    source = SqlAttachmentSource(db, f"{ident.server_url} {ident.device_id}")
    return AttachmentExchange(source, HttpAttachments(transport))


def enroll_database(
    db: Database,
    server_url: str,
    code: str,
    label: str = "",
    *,
    ca_file: str = "",
    allow_insecure_http: bool = False,
) -> tuple[str, str]:
    """Trade a one-time code for a device token; returns (device id, commune code).

    Over https the server certificate's SHA-256 is recorded (pinned): later syncs refuse another
    certificate until the officer re-pins (``repin_certificate``). *ca_file*: trust this certificate
    file (a province's own authority or a self-signed server) instead of the system's authorities."""
    url = check_server_url(server_url, allow_insecure_http)
    if ca_file and not Path(ca_file).is_file():
        raise KnownError(f"Không có tệp chứng chỉ {ca_file}.", f"There is no certificate file {ca_file}.")
    ca = str(Path(ca_file).resolve()) if ca_file else ""
    probe = HttpTransport(url, ca_file=ca, allow_insecure_http=allow_insecure_http)
    try:
        pin = probe.server_fingerprint()
    finally:
        probe.close()
    transport = HttpTransport(url, pin=pin, ca_file=ca, allow_insecure_http=allow_insecure_http)
    try:
        enrollment = transport.enroll(code.strip(), label or platform.node())
    finally:
        transport.close()
    with sync_lock(db.path.parent):
        SqlSyncStore(db).save_identity(
            enrollment.device_id,
            enrollment.token,
            url,
            enrollment.commune_code,
            tls_pin=pin,
            ca_file=ca,
            allow_insecure_http=allow_insecure_http,
        )
    return enrollment.device_id, enrollment.commune_code


def repin_certificate(db: Database) -> str:
    """Accept the certificate the server shows now (after the province replaced it); returns its SHA-256.

    The certificate must still be trusted the usual way (system authorities or the enrollment's CA file)."""
    store = SqlSyncStore(db)
    ident = store.identity()
    if ident is None:
        raise NotEnrolledError()
    probe = HttpTransport(
        ident.server_url, ca_file=ident.ca_file, allow_insecure_http=ident.allow_insecure_http
    )
    try:
        pin = probe.server_fingerprint()
    finally:
        probe.close()
    store.save_pin(pin)
    return pin


def export_sync_file(db: Database, path: Path) -> dict[str, Any]:
    """Write every change not yet acknowledged by the server to one signed file; returns what was written.

    Nothing leaves the outbox here: the records stay pending until the receipt of an import says
    what the server did with them, so exporting again after a lost or refused file loses nothing."""
    store = SqlSyncStore(db)
    ident = store.identity()
    if ident is None:
        raise NotEnrolledError()
    key = signing_key(ident.token)

    def write(batch_id: str, seq: int, chunks: Iterator[list[RecordChange]]) -> int:
        header = SyncFileHeader(
            ident.device_id, ident.commune_code, seq, batch_id, utcnow().isoformat() + "Z",
            yearly_reports=tuple(reports),
        )  # fmt: skip
        return write_sync_file_with(path, lambda fh: write_sync_stream(fh, header, chunks, key))

    with sync_lock(store.data_dir):
        reports = store.yearly_reports_to_send()  # a yearly report's mark travels even with no record
        found = store.export_stream(ident.device_id, write, allow_empty=bool(reports))
    if found is None:
        return {"file": None, "records": 0}
    seq, count = found
    return {"file": str(path), "records": count, "file_seq": seq}


def import_receipt(db: Database, path: Path) -> dict[str, Any]:
    """Settle the records of an imported sync file as the province's receipt says."""
    store = SqlSyncStore(db)
    ident = store.identity()
    if ident is None:
        raise NotEnrolledError()
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise KnownError(f"Không đọc được tệp {path}.", f"Cannot read {path}: {exc.strerror}.") from exc
    receipt = read_receipt_file(raw, signing_key(ident.token), ident.device_id)
    with sync_lock(store.data_dir):
        counts = store.apply_receipt(receipt)
    return {"file_seq": receipt.file_seq, "outcomes": counts, "pending": store.pending_count()}


# --- for the sync panel: status and conflicts -------------------------------------------------


@dataclass(frozen=True)
class SyncStatus:
    enrolled: bool
    device_id: str | None
    server_url: str | None
    commune_code: str | None
    pending: int
    open_conflicts: int
    last_success: str | None
    last_report: dict[str, Any] | None
    files_awaiting_receipt: list[dict[str, Any]] = field(default_factory=list)
    tls_pin: str = ""


def sync_status(db: Database) -> SyncStatus:
    """What the Sync screen shows on top. A token this copy cannot open counts as not enrolled (the
    last report then says why), so the screen still opens and offers to enroll again."""
    store = SqlSyncStore(db)
    report: str | None
    try:
        ident = store.identity()
    except TokenUnreadable as exc:
        ident = None
        report = json.dumps({"error": exc.to_json()}, ensure_ascii=False)
    else:
        report = store.state("last_report")
    return SyncStatus(
        ident is not None,
        ident.device_id if ident else None,
        ident.server_url if ident else None,
        ident.commune_code if ident else None,
        store.pending_count(),
        store.open_conflicts(),
        store.state("last_success"),
        json.loads(report) if report else None,
        store.files_out() if ident else [],
        ident.tls_pin if ident else "",
    )
