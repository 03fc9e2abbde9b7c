"""What the ``xaapp server`` commands do on the central database: migrate, enroll, revoke, stats, import.

Importing a sync file goes through the same checks and ``ingest`` as a push (so it is exactly as
idempotent and as strict), after checking that the file inflates within bounds (size, ratio, one
gzip member: a zip bomb is refused before it is unpacked), its checksum, the device's signature
(with the device's file-signing keys, unsealed with the server key, see ``keys``), that the device is
enrolled and not revoked, that the file is for the device's commune, and that this file number was
never imported (a replay). File and records are stored in one transaction: a failure imports nothing.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import Engine, select, update
from sqlalchemy.exc import IntegrityError

from xaapp.errors import KnownError
from xaapp.server import devices, intake, keys, queries, reference, schema, yearly_report
from xaapp.server.bodies import BodyError, BodyLimits, clean_text, inflate, parse
from xaapp.server.database import make_engine
from xaapp.server.schema import sync_file
from xaapp.sync.errors import SyncFileError
from xaapp.sync.file_transport import SyncFile, read_sync_file, replayed_error, verify_signature
from xaapp.sync.protocol import RecordChange
from xaapp.sync.receipts import FileReceipt, build_receipt_file
from xaapp.sync.wire_types import MAX_REVISION

#: A commune's whole backlog fits easily (about 1 KB per record, compressed tenfold); a zip bomb
#: (a thousandfold) does not.
FILE_LIMITS = BodyLimits(
    max_bytes=64 * 1024 * 1024,
    max_inflated=256 * 1024 * 1024,
    max_depth=32,
    max_items=10_000_000,
    max_members=1,
    max_ratio=100,
)


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _iso(dt: datetime) -> str:
    return dt.replace(microsecond=0).isoformat() + "Z"


def open_engine(db_url: str | None) -> Engine:
    """An engine on a migrated database with current reference data."""
    engine = make_engine(db_url)
    with engine.begin() as conn:
        schema.migrate(conn)
        reference.seed(conn)
    return engine


def issue_code(engine: Engine, commune_code: str) -> str:
    with engine.begin() as conn:
        if not devices.commune_known(conn, commune_code):
            raise KnownError(
                f"Không có xã/phường mã {commune_code} trong danh mục đơn vị hành chính của tỉnh.",
                f"There is no commune with code {commune_code} in the province's unit list.",
            )
        return devices.issue_code(conn, commune_code, _now())


def revoke(engine: Engine, device_id: str) -> None:
    with engine.begin() as conn:
        if not devices.revoke(conn, device_id, _now()):
            found = devices.get_device(conn, device_id)
            if found is None:
                raise KnownError(f"Không có thiết bị {device_id}.", f"There is no device {device_id}.")
            raise KnownError(
                f"Thiết bị {device_id} đã bị thu hồi trước đó.", f"Device {device_id} was already revoked."
            )


def stats(engine: Engine) -> dict[str, Any]:
    with engine.begin() as conn:
        out = queries.stats(conn)
        out["devices"] = [
            {
                "id": d.id,
                "commune_code": d.commune_code,
                "label": d.label,
                "enrolled_at": d.enrolled_at.isoformat(),
                "revoked_at": d.revoked_at.isoformat() if d.revoked_at else None,
                "last_seen_at": d.last_seen_at.isoformat() if d.last_seen_at else None,
            }
            for d in devices.list_devices(conn)
        ]
        return out


@dataclass
class ImportReport:
    device_id: str
    commune_code: str
    file_seq: int
    records: int
    outcomes: dict[str, int] = field(default_factory=dict)
    rejected: list[dict[str, Any]] = field(default_factory=list)
    receipt_file: bytes = b""  # the signed receipt for the laptop (sync.receipts), to carry back

    def to_json(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k != "receipt_file"}


def _unpack(raw: bytes, limits: BodyLimits) -> dict[str, Any]:
    """The file's JSON, inflated and parsed within *limits*; ``SyncFileError`` saying why not."""
    mb = limits.max_inflated // (1024 * 1024)
    if len(raw) > limits.max_bytes:
        raise SyncFileError(
            "file_too_large",
            f"Tệp đồng bộ quá lớn ({len(raw) // (1024 * 1024)} MB, tối đa {limits.max_bytes // (1024 * 1024)} MB). "
            "Không nhập.",
            f"The sync file is too large ({len(raw) // (1024 * 1024)} MB, at most "
            f"{limits.max_bytes // (1024 * 1024)} MB). Not imported.",
        )
    try:
        body = parse(inflate(raw, limits), limits)
    except BodyError as exc:
        if exc.code == "too_large":
            raise SyncFileError(
                "file_bomb",
                f"Tệp đồng bộ giải nén ra quá lớn (hơn {mb} MB hoặc nén hơn {limits.max_ratio} lần: có thể là "
                "bom nén). Không nhập.",
                f"The sync file inflates too far (over {mb} MB, or more than {limits.max_ratio} times: a zip "
                "bomb?). Not imported.",
                exc.detail,
            ) from exc
        raise SyncFileError(
            "file_unreadable",
            "Không đọc được tệp đồng bộ (không phải tệp của xaapp hoặc bị hỏng khi chép).",
            "The sync file cannot be read (not an xaapp file, or damaged while copying).",
            exc.detail,
        ) from exc
    if not isinstance(body, dict):
        raise SyncFileError(
            "file_unreadable",
            "Không đọc được tệp đồng bộ (không phải tệp của xaapp).",
            "The sync file cannot be read (not an xaapp file).",
            "not an object",
        )
    return body


def import_file(
    engine: Engine, raw: bytes, key_file: str | None = None, limits: BodyLimits = FILE_LIMITS
) -> ImportReport:
    """Import one sync file; raises ``SyncFileError`` (too large, tampered, replayed, unknown device …)."""
    body = _unpack(raw, limits)
    parsed = read_sync_file(raw)  # format, version, checksum (now known to inflate within bounds)
    head = parsed.header
    if not (
        0 <= head.file_seq <= MAX_REVISION
        and 0 < len(head.device_id) <= 40
        and clean_text(head.device_id)
        and clean_text(head.commune_code)
    ):
        raise SyncFileError(
            "file_unreadable",
            "Phần đầu của tệp đồng bộ không hợp lệ (mã thiết bị hoặc số tệp). Không nhập.",
            "The sync file's header is not valid (device id or file number). Not imported.",
            "header",
        )
    records = body.get("records")
    screened = [intake.screen_record(r) for r in records] if isinstance(records, list) else []
    with engine.begin() as conn:
        dev = devices.get_device(conn, head.device_id)
        if dev is None:
            raise SyncFileError(
                "file_device",
                f"Tệp đồng bộ của thiết bị lạ ({head.device_id}). Không nhập.",
                f"The sync file comes from an unknown device ({head.device_id}). Not imported.",
            )
        server_key = keys.open_for(conn, engine.url.render_as_string(hide_password=False), key_file)
        _verify(parsed, devices.file_keys(conn, dev.id, server_key))
        if dev.revoked_at is not None:
            raise SyncFileError(
                "file_revoked",
                f"Thiết bị {dev.id} đã bị thu hồi quyền. Không nhập tệp này.",
                f"Device {dev.id} was revoked. The file was not imported.",
            )
        if head.commune_code != dev.commune_code:
            raise SyncFileError(
                "file_commune",
                "Tệp đồng bộ ghi sai xã của thiết bị. Không nhập.",
                "The sync file names another commune than its device's. Not imported.",
            )
        seen = conn.execute(
            select(sync_file.c.imported_at).where(
                sync_file.c.device_id == dev.id, sync_file.c.file_seq == head.file_seq
            )
        ).first()
        if seen is not None:
            raise replayed_error(dev.id, head.file_seq, seen.imported_at.isoformat(timespec="seconds"))
        now = _now()
        try:
            conn.execute(
                sync_file.insert().values(
                    device_id=dev.id,
                    file_seq=head.file_seq,
                    checksum=parsed.checksum,
                    records=len(screened),
                    imported_at=now,
                )
            )
        except IntegrityError as exc:  # imported by someone else a moment ago
            raise replayed_error(dev.id, head.file_seq, "now") from exc
        results = intake.ingest_screened(conn, dev.writer, f"file:{dev.id}:{head.file_seq}", screened, now)
        try:  # a yearly report marked as sent: frozen now that the file's records are stored
            yearly_report.note_marks(conn, dev.id, dev.commune_code, list(head.yearly_reports), now)
        except yearly_report.BadMarks as exc:
            raise SyncFileError(
                "file_unreadable",
                "Phần đầu của tệp đồng bộ ghi báo cáo năm không hợp lệ. Không nhập.",
                "The sync file's header names a yearly report that is not valid. Not imported.",
                "header",
            ) from exc
        # returns, approvals and the commune's yearly reports go back with the receipt
        review = yearly_report.review_state(conn, dev.commune_code, dev.id, server_key, now)
        # a Refused carries the uuid, entity and revision the receipt reads from a RecordChange
        receipt = FileReceipt.make(
            dev.id, head.file_seq, head.batch_id, _iso(now), cast("list[RecordChange]", screened), results, review
        )
        conn.execute(
            update(sync_file)
            .where(sync_file.c.device_id == dev.id, sync_file.c.file_seq == head.file_seq)
            .values(receipt=json.dumps(receipt.to_json(), ensure_ascii=False))
        )
        receipt_key = devices.file_keys(conn, dev.id, server_key)[0]
    return ImportReport(
        dev.id,
        dev.commune_code,
        head.file_seq,
        len(screened),
        dict(Counter(r.outcome for r in results)),
        [
            {"entity": s.entity, "uuid": r.uuid, "field": r.field, "reason": r.reason}
            for s, r in zip(screened, results, strict=True)
            if r.outcome == "rejected"
        ],
        build_receipt_file(receipt, receipt_key),
    )


def _verify(parsed: SyncFile, candidates: list[bytes]) -> None:
    """The file is signed with one of the device's keys (the current one, or the one a token
    rotation just replaced); else the signature error of the current key."""
    first: SyncFileError | None = None
    for key in candidates:
        try:
            verify_signature(parsed, key)
            return
        except SyncFileError as exc:
            first = first or exc
    if first is not None:
        raise first
    verify_signature(parsed, b"")  # no key at all: the ordinary signature error


def prepare(db_url: str | None, key_file: str | None = None) -> keys.ServerKey:
    """What ``xaapp server run`` does once before serving: migrate, seed, create or check the server
    key (and seal any clear file-signing key an older server left)."""
    engine = make_engine(db_url)
    try:
        with engine.begin() as conn:
            schema.migrate(conn)
            reference.seed(conn)
            return keys.open_for(conn, db_url, key_file)
    finally:
        engine.dispose()
