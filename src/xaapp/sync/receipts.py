"""Receipts: what the province did with each record of an imported sync file.

A sync file is only a proposal: its records stay in the laptop's outbox until a receipt says the
server has them (``accepted``/``duplicate``), refused them (``rejected``, with field and reason),
holds them for a parent (``waiting``) or found a ``conflict``. A receipt reaches the laptop either
way round:

* online: the handshake names the files still awaiting a receipt, the answer carries the receipts
  the server kept when it imported them (``ServerInfo.file_receipts``);
* offline: ``xaapp server import --receipt R`` writes the receipt to a file signed with the device's
  file key (the server keeps it, the laptop derives it from its token), carried back on the USB
  stick and read with ``xaapp sync --import-receipt R`` or the Sync screen.

Until then, exporting again puts every record not yet acknowledged into the new file, so a lost,
damaged or refused file costs nothing but the walk.
"""

from __future__ import annotations

import gzip
import hashlib
import hmac
import json
import zlib
from dataclasses import dataclass
from typing import Any

from xaapp.sync.errors import SyncFileError
from xaapp.sync.protocol import RecordChange, RecordResult, canonical_json

RECEIPT_FORMAT = "xaapp-sync-receipt"
RECEIPT_VERSION = 1
_LABEL = b"receipt:"


@dataclass(frozen=True)
class FileReceipt:
    """The answers for one imported sync file, with the entity of each record."""

    device_id: str
    file_seq: int
    batch_id: str
    imported_at: str
    entries: list[tuple[str, RecordResult]]
    #: the commune's review state when the file was imported (``PullPage.review``), or None
    review: dict[str, Any] | None = None

    def to_json(self) -> dict[str, Any]:
        out = {
            "device_id": self.device_id,
            "file_seq": self.file_seq,
            "batch_id": self.batch_id,
            "imported_at": self.imported_at,
            "results": [
                {"e": entity, "u": r.uuid, "r": r.revision, "o": r.outcome, **r.detail_json()}
                for entity, r in self.entries
            ],
        }
        if self.review is not None:
            out["review"] = self.review
        return out

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> FileReceipt:
        entries = [
            (str(x["e"]), RecordResult.with_detail(str(x["u"]), int(x["r"]), str(x["o"]), x))
            for x in d["results"]
        ]
        review = d["review"] if isinstance(d.get("review"), dict) else None
        return cls(
            str(d["device_id"]),
            int(d["file_seq"]),
            str(d["batch_id"]),
            str(d["imported_at"]),
            entries,
            review,
        )

    @classmethod
    def make(
        cls,
        device_id: str,
        file_seq: int,
        batch_id: str,
        imported_at: str,
        changes: list[RecordChange],
        results: list[RecordResult],
        review: dict[str, Any] | None = None,
    ) -> FileReceipt:
        return cls(
            device_id,
            file_seq,
            batch_id,
            imported_at,
            [(c.entity, r) for c, r in zip(changes, results, strict=True)],
            review,
        )

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for _e, r in self.entries:
            out[r.outcome] = out.get(r.outcome, 0) + 1
        return out


def _checksum(body: dict[str, Any]) -> str:
    return hashlib.sha256(canonical_json(body)).hexdigest()


def _sign(key: bytes, checksum: str) -> str:
    return hmac.new(key, _LABEL + checksum.encode("ascii"), hashlib.sha256).hexdigest()


def build_receipt_file(receipt: FileReceipt, key: bytes) -> bytes:
    body = receipt.to_json()
    checksum = _checksum(body)
    doc = {
        "format": RECEIPT_FORMAT,
        "version": RECEIPT_VERSION,
        "receipt": body,
        "checksum": checksum,
        "signature": _sign(key, checksum),
    }
    return gzip.compress(json.dumps(doc, ensure_ascii=False).encode("utf-8"), compresslevel=9)


def _bad(code: str, vi: str, en: str, detail: str = "") -> SyncFileError:
    return SyncFileError(code, vi, en, detail)


def read_receipt_file(raw: bytes, key: bytes, device_id: str) -> FileReceipt:
    """Parse a receipt file and check it was made by the province for this device."""
    try:
        doc = json.loads(gzip.decompress(raw))
        if not isinstance(doc, dict) or doc.get("format") != RECEIPT_FORMAT:
            raise ValueError("format")
    except (OSError, EOFError, zlib.error, ValueError) as exc:
        raise _bad(
            "receipt_unreadable",
            "Không đọc được tệp biên nhận (không phải biên nhận của xaapp hoặc bị hỏng khi chép).",
            "The receipt file cannot be read (not an xaapp receipt, or damaged while copying).",
            type(exc).__name__,
        ) from exc
    try:
        body = doc["receipt"]
        if _checksum(body) != doc["checksum"]:
            raise ValueError("checksum")
        if not hmac.compare_digest(_sign(key, doc["checksum"]), str(doc["signature"])):
            raise PermissionError("signature")
        receipt = FileReceipt.from_json(body)
    except PermissionError as exc:
        raise _bad(
            "receipt_signature",
            "Chữ ký của tệp biên nhận không đúng với máy này. Không dùng biên nhận này.",
            "The receipt's signature does not match this computer. It was not used.",
        ) from exc
    except (KeyError, TypeError, ValueError) as exc:
        raise _bad(
            "receipt_tampered",
            "Tệp biên nhận đã bị sửa hoặc hỏng. Không dùng biên nhận này; hãy xin tỉnh bản khác.",
            "The receipt file was changed or damaged. It was not used; ask the province for another copy.",
            type(exc).__name__,
        ) from exc
    if receipt.device_id != device_id:
        raise _bad(
            "receipt_device",
            f"Biên nhận này là của máy {receipt.device_id}, không phải máy này ({device_id}).",
            f"This receipt is for device {receipt.device_id}, not this computer ({device_id}).",
        )
    return receipt
