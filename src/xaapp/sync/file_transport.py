"""Sync files for communes with no connection: the pending batch written to one file (USB stick).

Layout: gzip-compressed JSON ``{"format", "version", "header", "records", "checksum", "signature"}``.
``checksum`` is the SHA-256 of the canonical JSON of header + records (detects damage and
editing); ``signature`` is an HMAC-SHA256 of the checksum with the device's file-signing key,
derived from its token at enrollment (the server keeps the key, never the token), so only the
enrolled device can produce a file the server accepts. The header names the device, its commune
and a per-device file number: the server refuses a number it has already imported (a replay).
The records inside are ordinary ``RecordChange``s, so importing is exactly as idempotent as a push.
Exporting does not mark anything as sent: the records stay in the outbox until the import's receipt
says what the server did with them (``receipts``), and every export carries all of them again.
"""

from __future__ import annotations

import gzip
import hashlib
import hmac
import io
import json
import os
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

from xaapp.sync.errors import SyncFileError
from xaapp.sync.protocol import PROTOCOL_VERSION, RecordChange, canonical_json

FILE_FORMAT = "xaapp-sync-file"
FILE_VERSION = 1
SUFFIX = ".xasync"
T = TypeVar("T")


def signing_key(token: str) -> bytes:
    """The device's file-signing key, derived from its token (both ends compute it at enrollment)."""
    return hmac.new(token.encode("utf-8"), b"xaapp-sync-file-v1", hashlib.sha256).digest()


@dataclass(frozen=True)
class SyncFileHeader:
    device_id: str
    commune_code: str
    file_seq: int
    batch_id: str
    created_at: str
    protocol: int = PROTOCOL_VERSION
    #: yearly reports marked as sent, not yet acknowledged (``Handshake.yearly_reports``); optional
    yearly_reports: tuple[dict[str, Any], ...] = ()

    def to_json(self) -> dict[str, Any]:
        d = dict(self.__dict__)
        if self.yearly_reports:
            d["yearly_reports"] = list(self.yearly_reports)
        else:
            del d["yearly_reports"]
        return d


@dataclass(frozen=True)
class SyncFile:
    header: SyncFileHeader
    records: list[RecordChange]
    checksum: str
    signature: str


def _checksum(header: dict[str, Any], records: list[dict[str, Any]]) -> str:
    return hashlib.sha256(canonical_json({"header": header, "records": records})).hexdigest()


def write_sync_stream(
    out: BinaryIO, header: SyncFileHeader, chunks: Iterable[list[RecordChange]], key: bytes
) -> int:
    """Write a sync file to *out* (gzip, level 9) record by record; returns the number of records.

    Memory is bounded by one chunk: each record's canonical JSON is written into the file and into the
    checksum as it comes (canonical JSON of ``{"header", "records"}`` is exactly those pieces joined),
    and the checksum and signature follow the records."""
    head = header.to_json()
    digest = hashlib.sha256(b'{"header":' + canonical_json(head) + b',"records":[')
    count = 0
    with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=9, mtime=0) as gz:
        gz.write(f'{{"format":"{FILE_FORMAT}","version":{FILE_VERSION},"header":'.encode())
        gz.write(canonical_json(head) + b',"records":[')
        for chunk in chunks:
            parts = [canonical_json(r.to_json()) for r in chunk]
            if not parts:
                continue
            piece = b",".join(parts)
            if count:
                piece = b"," + piece
            digest.update(piece)
            gz.write(piece)
            count += len(parts)
        digest.update(b"]}")
        checksum = digest.hexdigest()
        signature = hmac.new(key, checksum.encode("ascii"), hashlib.sha256).hexdigest()
        gz.write(f'],"checksum":"{checksum}","signature":"{signature}"}}'.encode())
    return count


def build_sync_file(header: SyncFileHeader, records: list[RecordChange], key: bytes) -> bytes:
    out = io.BytesIO()
    write_sync_stream(out, header, [records], key)
    return out.getvalue()


def write_sync_file(path: Path, data: bytes) -> None:
    """Write atomically (a half-written file on a pulled USB stick must not look complete), readable by
    its owner only: it holds personal records."""
    write_sync_file_with(path, lambda fh: fh.write(data))


def write_sync_file_with(path: Path, write: Callable[[BinaryIO], T]) -> T:
    """Let *write* fill the file, atomically and owner-only as ``write_sync_file``: it goes to a
    ``.part`` file first, which only replaces *path* once written and flushed to disk."""
    tmp = path.with_name(path.name + ".part")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            result = write(fh)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    tmp.replace(path)
    return result


def _unreadable(detail: str) -> SyncFileError:
    return SyncFileError(
        "file_unreadable",
        "Không đọc được tệp đồng bộ (không phải tệp của xaapp hoặc bị hỏng khi chép).",
        "The sync file cannot be read (not an xaapp file, or damaged while copying).",
        detail,
    )


def _tampered(detail: str) -> SyncFileError:
    return SyncFileError(
        "file_tampered",
        "Tệp đồng bộ đã bị sửa hoặc hỏng (mã kiểm tra không khớp). Không nhập tệp này; hãy xuất lại từ máy của xã.",
        "The sync file was changed or damaged (checksum mismatch). It was not imported; export it again "
        "from the commune's computer.",
        detail,
    )


def read_sync_file(raw: bytes) -> SyncFile:
    """Parse and check a sync file's integrity (not yet its signature: that needs the device's key)."""
    try:
        body = json.loads(gzip.decompress(raw))
    except (OSError, EOFError, zlib.error, ValueError) as exc:
        raise _unreadable(type(exc).__name__) from exc
    if not isinstance(body, dict) or body.get("format") != FILE_FORMAT:
        raise _unreadable("format")
    if body.get("version") != FILE_VERSION:
        raise SyncFileError(
            "file_version",
            "Tệp đồng bộ được tạo bởi phiên bản xaapp khác. Hãy cập nhật máy chủ hoặc ứng dụng.",
            "The sync file was made by another version of xaapp. Update the server or the app.",
            str(body.get("version")),
        )
    try:
        header_d, records_d = body["header"], body["records"]
        if _checksum(header_d, records_d) != body["checksum"]:
            raise _tampered("checksum")
        header = SyncFileHeader(
            str(header_d["device_id"]),
            str(header_d["commune_code"]),
            int(header_d["file_seq"]),
            str(header_d["batch_id"]),
            str(header_d["created_at"]),
            int(header_d.get("protocol", PROTOCOL_VERSION)),
            tuple(x for x in header_d.get("yearly_reports") or () if isinstance(x, dict)),
        )
        records = [RecordChange.from_json(r) for r in records_d]
        return SyncFile(header, records, str(body["checksum"]), str(body["signature"]))
    except (KeyError, TypeError, ValueError) as exc:
        raise _tampered(type(exc).__name__) from exc


def verify_signature(sync_file: SyncFile, key: bytes) -> None:
    expected = hmac.new(key, sync_file.checksum.encode("ascii"), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, sync_file.signature):
        raise SyncFileError(
            "file_signature",
            "Chữ ký của tệp đồng bộ không đúng với máy đã đăng ký. Không nhập tệp này.",
            "The sync file's signature does not match the enrolled device. It was not imported.",
            sync_file.header.device_id,
        )


def replayed_error(device_id: str, file_seq: int, imported_at: str) -> SyncFileError:
    return SyncFileError(
        "file_replayed",
        f"Tệp đồng bộ số {file_seq} của máy {device_id} đã được nhập lúc {imported_at}. Không nhập lại.",
        f"Sync file number {file_seq} of device {device_id} was already imported at {imported_at}. "
        "It was not imported again.",
        f"{device_id}#{file_seq}",
    )
