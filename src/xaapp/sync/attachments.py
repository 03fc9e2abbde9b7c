"""Attached files to and from the province: uploaded in resumable chunks, fetched in resumable ranges.

An answer names its file by content (``<sha256>/<file name>``, :mod:`xaapp.forms_engine.attachments`)
and the file sits in ``<data dir>/attachments/<sha256>``. After the push and the pull of a sync run:

1. the laptop lists the files its records' answers name (``AttachmentSource.attachment_refs``) and asks
   the server, in one request per 500, which of them it has (``have``), has in part (``partial`` with
   the bytes it holds), lacks (``lacking``) or will not take (``unknown``: no record of this commune
   names it on the server — the record is not pushed yet, or the hash is another commune's; the answer
   is the same either way);
2. every file the server lacks is uploaded from the server's offset, ``part`` bytes at a time; the part
   halves after a cut and doubles after a good answer (``fetch.PartSize``), and a lost answer is
   recovered from the server's offset (``attachment_offset``), so a cut or a killed laptop resumes where
   the server stopped. The server checks the SHA-256 when the last byte arrives and discards a file that
   does not match (``attachment_damaged``; sent once more from the start, then left waiting);
3. every file a record names that this laptop lacks and the server has is fetched in ranges into
   ``attachments/.partial-<sha256>`` (kept between runs, so a fetch resumes), checked against its
   hash and only then renamed into place: a stored file is never half-written.

Whatever cannot move now (too large for the server, not on the server yet, damaged) is listed in the
report's ``attachments_waiting`` with why, in Vietnamese and English; it never stops the records. The
hashes the server confirmed are remembered in ``attachments/.on-server`` (per server and device), so a
later sync asks only about new files.
"""

from __future__ import annotations

import json
import logging
import os
import re
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Protocol, TypeVar

from xaapp.forms_engine.attachments import FOLDER, file_sha256, parse_answer
from xaapp.sync.entities import ENTITY_FIELDS
from xaapp.sync.errors import ProtocolError, SyncError, TransientError
from xaapp.sync.fetch import PartSize
from xaapp.sync.ports import Progress

logger = logging.getLogger(__name__)
T = TypeVar("T")
Retrying = Callable[[str, Callable[[], T], Callable[[TransientError], None]], T]

SHA256_RE = re.compile(r"^[0-9a-f]{64}$")
STATUS_BATCH = 500  # hashes per status request (the server takes at most this many)
PART_START = 256 * 1024
PART_MIN = 4 * 1024
PART_MAX = 1024 * 1024  # the server takes at most its max_request_bytes (4 MB) per chunk
FAST_S, SLOW_S = 5.0, 20.0  # a chunk answered quicker doubles the part; slower halves it
ON_SERVER = ".on-server"
PARTIAL = ".partial-"
#: The entities whose records carry form answers (the only places a file can be named).
ANSWER_ENTITIES = tuple(e for e, fields in ENTITY_FIELDS.items() if any(f.name == "answers" for f in fields))


@dataclass(frozen=True)
class AttachmentRef:
    """A record's answer naming a file: which file, and where (record and question)."""

    sha256: str
    name: str
    entity: str
    uuid: str
    question: str


def answer_refs(entity: str, uuid: str, data: dict[str, Any] | None) -> list[AttachmentRef]:
    """The files the answers of one record name (``data["answers"]``, groups and repeats included);
    the question is its path in the answers, e.g. ``ho_so/giay_xac_nhan`` or ``con[2]/anh``."""
    answers = (data or {}).get("answers")
    found: list[AttachmentRef] = []
    stack: list[tuple[Any, str]] = [(answers, "")]
    while stack:
        value, path = stack.pop()
        if isinstance(value, dict):
            stack.extend((v, f"{path}/{k}" if path else str(k)) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((v, f"{path}[{i + 1}]") for i, v in enumerate(value))
        elif isinstance(value, str) and len(value) > 65 and value[64] == "/":
            att = parse_answer(value)
            if att is not None:
                found.append(AttachmentRef(att.sha256, att.name, entity, uuid, path))
    return sorted(found, key=lambda r: (r.question, r.sha256))


def describe(ref: AttachmentRef) -> tuple[str, str]:
    """Where a file is named, for messages: (Vietnamese, English)."""
    return (
        f"tệp «{ref.name}» của câu hỏi «{ref.question}» trong bản ghi {ref.entity} {ref.uuid}",
        f"file «{ref.name}» of question «{ref.question}» in record {ref.entity} {ref.uuid}",
    )


class AttachmentRefused(SyncError):
    """The server will not take or give this one file (the others and the records go on)."""

    def __init__(self, code: str, message_vi: str, message_en: str, detail: str = "", offset: int = -1):
        super().__init__(message_vi, message_en, detail)
        self.code = code
        self.offset = offset  # attachment_offset: the bytes the server holds


@dataclass(frozen=True)
class RemoteState:
    state: str  # have | partial | lacking | unknown
    offset: int = 0  # bytes the server holds (partial)
    size: int = 0  # the whole size (have)


@dataclass(frozen=True)
class StatusAnswer:
    max_bytes: int
    states: dict[str, RemoteState]


class AttachmentTransport(Protocol):
    def attachment_status(self, hashes: list[str]) -> StatusAnswer: ...

    def upload_attachment(self, sha256: str, size: int, offset: int, chunk: bytes) -> tuple[int, bool]:
        """Send *chunk* at *offset* of a *size*-byte file: (bytes the server now holds, complete)."""

    def fetch_attachment(self, sha256: str, offset: int, length: int) -> tuple[bytes, int]:
        """*length* bytes from *offset*, and the file's whole size."""


class AttachmentSource(Protocol):
    """What the exchange needs from the laptop: its data folder and the files its records name."""

    data_dir: Path
    server_key: str  # which server and device the ``.on-server`` list belongs to

    def attachment_refs(self) -> list[AttachmentRef]: ...


class Tallies(Protocol):
    """The report's attachment counts (``engine.SyncReport`` has them)."""

    attachments_sent: int
    attachments_received: int
    attachments_waiting: list[dict[str, Any]]


# --- the laptop's folder ------------------------------------------------------------------------


def _private_write(path: Path, data: bytes) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".incoming-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


class OnServer:
    """The hashes this server confirmed it holds (a cache: lost or stale, the server is asked again)."""

    def __init__(self, folder: Path, key: str) -> None:
        self.path, self.key = folder / ON_SERVER, key
        self.hashes: set[str] = set()
        try:
            saved = json.loads(self.path.read_text(encoding="utf-8"))
            if saved.get("server") == key:
                self.hashes = {
                    h for h in saved.get("hashes", []) if isinstance(h, str) and SHA256_RE.match(h)
                }
        except (OSError, ValueError, AttributeError):
            pass

    def save(self) -> None:
        body = {"server": self.key, "hashes": sorted(self.hashes)}
        _private_write(self.path, json.dumps(body).encode("utf-8"))


# --- the exchange -------------------------------------------------------------------------------


@dataclass
class AttachmentExchange:
    """The attachment step of a sync run (``engine.run_sync(..., attachments=…)``)."""

    source: AttachmentSource
    transport: AttachmentTransport
    min_part: int = PART_MIN
    max_part: int = PART_MAX
    start_part: int = PART_START
    clock: Callable[[], float] = time.monotonic
    part: PartSize = field(init=False)

    def __post_init__(self) -> None:
        self.part = PartSize(self.start_part, self.min_part, self.max_part)

    def _paced(self, started: float) -> None:
        """After a good answer: a larger part if it came quickly, a smaller one if it was slow (a slow
        link must not run into the server's body deadline)."""
        elapsed = self.clock() - started
        if elapsed < FAST_S:
            self.part.grow()
        elif elapsed > SLOW_S:
            self.part.value = max(self.part.smallest, self.part.value // 2)

    def run(self, retrying: Retrying[Any], report: Tallies, progress: Progress) -> None:
        refs = self.source.attachment_refs()
        if not refs:
            return
        folder = self.source.data_dir / FOLDER
        folder.mkdir(parents=True, exist_ok=True)
        by_hash: dict[str, AttachmentRef] = {}
        for ref in refs:
            by_hash.setdefault(ref.sha256, ref)
        here = {h for h in by_hash if (folder / h).is_file()}
        known = OnServer(folder, self.source.server_key)
        ask = sorted(h for h in by_hash if h not in here or h not in known.hashes)
        if not ask:
            return
        progress.set_text("Đang đồng bộ tệp đính kèm… / Syncing attached files…")
        progress.set_range(len(ask))
        states: dict[str, RemoteState] = {}
        max_bytes = 0
        try:
            for group in _groups(ask, STATUS_BATCH):
                answer = retrying(
                    "attachments", partial(self.transport.attachment_status, group), _nothing
                )
                states.update(answer.states)
                max_bytes = answer.max_bytes
        except AttachmentRefused as exc:  # a province server older than attached files
            for sha in ask:
                _wait(
                    report,
                    by_hash[sha],
                    "up" if sha in here else "down",
                    exc.code,
                    exc.message_vi,
                    exc.message_en,
                )
            return
        try:
            for sha in ask:
                ref, state = by_hash[sha], states.get(sha, RemoteState("unknown"))
                if sha in here:
                    if state.state == "have" or self._upload(
                        folder / sha, ref, state, max_bytes, retrying, report
                    ):
                        known.hashes.add(sha)
                elif state.state == "have":
                    self._download(folder, ref, state.size, retrying, report)
                else:
                    _wait(report, ref, "down", "attachment_not_on_server", *_NOT_ON_SERVER)
                progress.advance(1)
        finally:
            known.save()

    # --- up ---------------------------------------------------------------------------------

    def _upload(
        self,
        path: Path,
        ref: AttachmentRef,
        state: RemoteState,
        max_bytes: int,
        retrying: Retrying[Any],
        report: Tallies,
    ) -> bool:
        if state.state == "unknown":
            _wait(report, ref, "up", "attachment_record_not_on_server", *_RECORD_NOT_ON_SERVER)
            return False
        size = path.stat().st_size
        if max_bytes and size > max_bytes:
            where_vi, where_en = describe(ref)
            _wait(
                report,
                ref,
                "up",
                "attachment_too_large",
                f"Không gửi được {where_vi}: tệp {_mb(size)} MB, lớn hơn giới hạn {_mb(max_bytes)} MB của máy "
                "chủ tỉnh. Hãy quét lại với độ phân giải thấp hơn rồi đính kèm lại.",
                f"Cannot send {where_en}: the file is {_mb(size)} MB, above the province server's limit of "
                f"{_mb(max_bytes)} MB. Scan it again at a lower resolution and attach it again.",
            )
            return False
        if file_sha256(path) != ref.sha256:
            where_vi, where_en = describe(ref)
            _wait(
                report,
                ref,
                "up",
                "attachment_damaged_here",
                f"{where_vi[0].upper()}{where_vi[1:]} trên máy này đã bị hỏng (nội dung không còn khớp). Hãy "
                "đính kèm lại tệp gốc.",
                f"The {where_en} on this computer is damaged (its content no longer matches). Attach the "
                "original again.",
            )
            return False
        offset = state.offset if state.state == "partial" else 0
        restarted = False
        with path.open("rb") as fh:
            while True:
                fh.seek(offset)
                chunk = fh.read(self.part.value)
                started = self.clock()
                try:
                    offset, complete = retrying(
                        "attachment",
                        partial(self.transport.upload_attachment, ref.sha256, size, offset, chunk),
                        self.part.shrink,
                    )
                except AttachmentRefused as exc:
                    if exc.code == "attachment_offset" and 0 <= exc.offset <= size:
                        offset = exc.offset  # an answer was lost: go on from what the server holds
                        continue
                    if exc.code == "attachment_damaged" and not restarted:
                        restarted, offset = True, 0  # spoilt on the way: once more from the start
                        continue
                    _wait(report, ref, "up", exc.code, exc.message_vi, exc.message_en)
                    return False
                self._paced(started)
                if complete:
                    report.attachments_sent += 1
                    return True
                if offset > size:
                    raise ProtocolError(f"attachment {ref.sha256}: server holds more than the file")

    # --- down -------------------------------------------------------------------------------

    def _download(
        self, folder: Path, ref: AttachmentRef, size: int, retrying: Retrying[Any], report: Tallies
    ) -> None:
        partial = folder / f"{PARTIAL}{ref.sha256}"
        got = partial.stat().st_size if partial.is_file() else 0
        if got > size:
            partial.unlink()
            got = 0
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(fd, "ab") as out:
            while got < size:
                started = self.clock()

                def fetch_part(at: int = got) -> tuple[bytes, int]:  # the part size as it is at each try
                    return self.transport.fetch_attachment(ref.sha256, at, self.part.value)

                try:
                    chunk, total = retrying(
                        "attachment",
                        fetch_part,
                        self.part.shrink,
                    )
                except AttachmentRefused:
                    _wait(report, ref, "down", "attachment_not_on_server", *_NOT_ON_SERVER)
                    return
                if total != size or not chunk or got + len(chunk) > size:
                    raise ProtocolError(f"attachment {ref.sha256} changed size")
                out.write(chunk)
                out.flush()
                got += len(chunk)
                self._paced(started)
            os.fsync(out.fileno())
        if file_sha256(partial) != ref.sha256:
            partial.unlink(missing_ok=True)
            where_vi, where_en = describe(ref)
            _wait(
                report,
                ref,
                "down",
                "attachment_damaged",
                f"Nhận {where_vi} bị hỏng trên đường truyền; đã bỏ, lần đồng bộ sau sẽ nhận lại.",
                f"The {where_en} arrived damaged; it was discarded and the next sync fetches it again.",
            )
            return
        os.replace(partial, folder / ref.sha256)
        report.attachments_received += 1


_NOT_ON_SERVER = (
    "Máy chủ tỉnh chưa có tệp này (máy đã đính kèm nó chưa gửi lên); lần đồng bộ sau sẽ thử lại.",
    "The province server does not have this file yet (the computer that attached it has not sent it); "
    "the next sync tries again.",
)
_RECORD_NOT_ON_SERVER = (
    "Bản ghi đính kèm tệp này chưa được máy chủ tỉnh nhận (đang chờ gửi, chờ bản ghi cha hoặc bị từ "
    "chối); tệp sẽ được gửi sau bản ghi.",
    "The record this file is attached to is not on the province server yet (pending, waiting for its "
    "parent or rejected); the file goes after the record.",
)


def _nothing(exc: TransientError) -> None:
    return None


def _groups(items: list[str], size: int) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _mb(n: int) -> str:
    return f"{n / 1_000_000:.1f}".rstrip("0").rstrip(".") if n >= 100_000 else f"{n / 1_000_000:.3f}"


def _wait(report: Tallies, ref: AttachmentRef, direction: str, code: str, vi: str, en: str) -> None:
    logger.info("attachment %s waits (%s, %s)", ref.sha256[:12], direction, code)
    report.attachments_waiting.append(
        {
            "sha256": ref.sha256,
            "name": ref.name,
            "entity": ref.entity,
            "uuid": ref.uuid,
            "question": ref.question,
            "direction": direction,
            "code": code,
            "vi": vi,
            "en": en,
        }
    )
