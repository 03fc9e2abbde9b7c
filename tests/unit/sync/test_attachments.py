"""The attachment step's pure parts: which answers name a file, and the fetch that never leaves a
half-written or wrong file in the attachments folder."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from xaapp.sync.attachments import (
    AttachmentExchange,
    AttachmentRef,
    OnServer,
    RemoteState,
    StatusAnswer,
    answer_refs,
)
from xaapp.sync.engine import SyncReport
from xaapp.sync.errors import OfflineError
from xaapp.sync.ports import NullProgress

SHA = hashlib.sha256(b"scan").hexdigest()


def test_answers_naming_files_are_found_in_groups_and_repeats_with_their_question() -> None:
    data = {
        "answers": {
            "ho_so": {"giay_xac_nhan": f"{SHA}/giấy xác nhận.jpg", "ghi_chu": "xem ảnh"},
            "con": [{"anh": f"{SHA}/con 1.png"}, {"anh": ""}],
            "ngay": "28/11/2026",
            "not_a_file": f"{SHA}/a/b.jpg",
        },
        "note": f"{SHA}/outside the answers.jpg",
    }
    refs = answer_refs("beneficiary", "u-1", data)
    assert [(r.question, r.name) for r in refs] == [
        ("con[1]/anh", "con 1.png"),
        ("ho_so/giay_xac_nhan", "giấy xác nhận.jpg"),
    ]
    assert answer_refs("household", "u-2", {"answers": None}) == []


def test_the_list_of_files_on_the_server_belongs_to_one_server(tmp_path: Path) -> None:
    known = OnServer(tmp_path, "https://a dev-1")
    known.hashes.add(SHA)
    known.save()
    assert OnServer(tmp_path, "https://a dev-1").hashes == {SHA}
    assert OnServer(tmp_path, "https://b dev-9").hashes == set()  # enrolled elsewhere: ask again
    (tmp_path / ".on-server").write_text("{not json")
    assert OnServer(tmp_path, "https://a dev-1").hashes == set()


class _Source:
    def __init__(self, data_dir: Path, refs: list[AttachmentRef]) -> None:
        self.data_dir, self.server_key, self.refs = data_dir, "k", refs

    def attachment_refs(self) -> list[AttachmentRef]:
        return self.refs


class _Server:
    """Serves *content* in ranges; the first *cuts* calls fail as a dropped link would."""

    def __init__(self, content: bytes, cuts: int = 0) -> None:
        self.content, self.cuts, self.lengths = content, cuts, []

    def attachment_status(self, hashes: list[str]) -> StatusAnswer:
        return StatusAnswer(10**6, {h: RemoteState("have", size=len(self.content)) for h in hashes})

    def upload_attachment(self, sha256: str, size: int, offset: int, chunk: bytes) -> tuple[int, bool]:
        raise AssertionError("nothing to upload")

    def fetch_attachment(self, sha256: str, offset: int, length: int) -> tuple[bytes, int]:
        self.lengths.append(length)
        if self.cuts:
            self.cuts -= 1
            raise OfflineError("cut")
        return self.content[offset : offset + length], len(self.content)


def _retrying(what: str, call: Any, on_fail: Any) -> Any:
    while True:
        try:
            return call()
        except OfflineError as exc:
            on_fail(exc)


def test_a_fetch_shrinks_after_cuts_and_stores_only_a_whole_matching_file(tmp_path: Path) -> None:
    content = b"scan" * 10_000
    sha = hashlib.sha256(content).hexdigest()
    ref = AttachmentRef(sha, "scan.jpg", "beneficiary", "u-1", "ho_so/giay")
    server = _Server(content, cuts=3)
    report = SyncReport()
    AttachmentExchange(_Source(tmp_path, [ref]), server, start_part=16_384).run(
        _retrying, report, NullProgress()
    )
    assert server.lengths[:4] == [16_384, 8_192, 4_096, 4_096]  # halved after each cut, down to the floor
    assert (tmp_path / "attachments" / sha).read_bytes() == content
    assert report.attachments_received == 1 and report.attachments_waiting == []

    wrong = AttachmentRef(hashlib.sha256(b"other").hexdigest(), "x.jpg", "beneficiary", "u-2", "anh")
    report = SyncReport()
    AttachmentExchange(_Source(tmp_path, [wrong]), _Server(content)).run(_retrying, report, NullProgress())
    assert [w["code"] for w in report.attachments_waiting] == ["attachment_damaged"]
    assert sorted(p.name for p in (tmp_path / "attachments").iterdir()) == [".on-server", sha]


def test_a_server_from_before_attached_files_leaves_them_waiting_and_the_sync_goes_on(tmp_path: Path) -> None:
    from xaapp.sync.attachments import AttachmentRefused
    from xaapp.sync.attachments_http import UNSUPPORTED

    class OldServer(_Server):
        def attachment_status(self, hashes: list[str]) -> StatusAnswer:
            raise AttachmentRefused("attachments_unsupported", *UNSUPPORTED)

    ref = AttachmentRef(SHA, "scan.jpg", "beneficiary", "u-1", "ho_so/giay")
    report = SyncReport()
    AttachmentExchange(_Source(tmp_path, [ref]), OldServer(b"")).run(_retrying, report, NullProgress())
    assert [(w["code"], w["uuid"], w["direction"]) for w in report.attachments_waiting] == [
        ("attachments_unsupported", "u-1", "down")
    ]
    assert report.attachments_waiting[0]["vi"].startswith("Máy chủ tỉnh chưa nhận tệp đính kèm")


def test_a_slow_answer_halves_the_part_so_a_chunk_stays_within_the_servers_deadline(tmp_path: Path) -> None:
    content = bytes(range(256)) * 400
    sha = hashlib.sha256(content).hexdigest()
    ref = AttachmentRef(sha, "scan.jpg", "beneficiary", "u-1", "ho_so/giay")
    ticks = iter(float(t) for t in range(0, 10_000, 30))  # every answer takes 30 s
    server = _Server(content)
    exchange = AttachmentExchange(
        _Source(tmp_path, [ref]), server, start_part=32_768, clock=lambda: next(ticks)
    )
    exchange.run(_retrying, SyncReport(), NullProgress())
    assert server.lengths[:4] == [32_768, 16_384, 8_192, 4_096]
