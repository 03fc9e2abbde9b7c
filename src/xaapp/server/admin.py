"""What the ``xaapp server`` commands do on the central database: migrate, enroll, revoke, stats, import.

Importing a sync file goes through the same ``ingest`` as a push (so it is exactly as idempotent),
after checking the file's checksum, the device's signature, that the device is enrolled and not
revoked, that the file is for the device's commune, and that this file number was never imported
(a replay). File and records are stored in one transaction: a failure imports nothing.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, select, update
from sqlalchemy.exc import IntegrityError

from xaapp.errors import KnownError
from xaapp.server import devices, queries, reference, schema
from xaapp.server.database import make_engine
from xaapp.server.ingest import ingest
from xaapp.server.schema import sync_file
from xaapp.sync.errors import SyncFileError
from xaapp.sync.file_transport import read_sync_file, replayed_error, verify_signature
from xaapp.sync.receipts import FileReceipt, build_receipt_file


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


def import_file(engine: Engine, raw: bytes) -> ImportReport:
    """Import one sync file; raises ``SyncFileError`` (tampered, replayed, unknown device …)."""
    parsed = read_sync_file(raw)
    head = parsed.header
    with engine.begin() as conn:
        found = devices.get_device(conn, head.device_id)
        if found is None:
            raise SyncFileError(
                "file_device",
                f"Tệp đồng bộ của thiết bị lạ ({head.device_id}). Không nhập.",
                f"The sync file comes from an unknown device ({head.device_id}). Not imported.",
            )
        dev, key = found
        verify_signature(parsed, key)
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
                    records=len(parsed.records),
                    imported_at=now,
                )
            )
        except IntegrityError as exc:  # imported by someone else a moment ago
            raise replayed_error(dev.id, head.file_seq, "now") from exc
        results = ingest(conn, dev.writer, f"file:{dev.id}:{head.file_seq}", parsed.records, now)
        receipt = FileReceipt.make(dev.id, head.file_seq, head.batch_id, _iso(now), parsed.records, results)
        conn.execute(
            update(sync_file)
            .where(sync_file.c.device_id == dev.id, sync_file.c.file_seq == head.file_seq)
            .values(receipt=json.dumps(receipt.to_json(), ensure_ascii=False))
        )
    entity_of = {r.uuid: r.entity for r in parsed.records}
    return ImportReport(
        dev.id,
        dev.commune_code,
        head.file_seq,
        len(parsed.records),
        dict(Counter(r.outcome for r in results)),
        [
            {"entity": entity_of.get(r.uuid), "uuid": r.uuid, "field": r.field, "reason": r.reason}
            for r in results
            if r.outcome == "rejected"
        ],
        build_receipt_file(receipt, key),
    )
