"""`xaapp enroll` and `xaapp sync`: enroll this computer with the province server, sync, export a sync
file and read back its receipt.

The work itself is in ``xaapp.services.sync`` (shared with the desktop sync panel). ``xaapp sync``
exits 0 only when the run finished and both sides hold the same records; 1 when the run failed or the
counts differ (what is missing is printed: records per type, and each record rejected with its field
and reason or waiting for a parent); 2 for something the officer must fix first (not enrolled, another
sync running, a certificate that changed …).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from xaapp.config import resolve_config, setup_logging

if TYPE_CHECKING:  # the command line is built on every start of the app: load these only when used
    from xaapp.sync.engine import SyncReport

_INSECURE_HELP = (
    "cho phép http:// không mã hóa tới máy khác (chỉ trong mạng nội bộ tin cậy) / allow unencrypted http:// "
    "to another machine (trusted internal network only)"
)


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = subparsers.add_parser(
        "enroll",
        parents=[common],
        help="đăng ký máy này với máy chủ tỉnh bằng mã một lần / enroll this computer with a one-time code",
    )
    p.add_argument(
        "--server", required=True, metavar="URL", help="địa chỉ máy chủ tỉnh / province server URL"
    )
    p.add_argument("--code", required=True, metavar="CODE", help="mã đăng ký do tỉnh cấp / enrollment code")
    p.add_argument("--label", default="", help="tên máy (tùy chọn) / a name for this computer (optional)")
    p.add_argument(
        "--ca-file",
        default="",
        metavar="PEM",
        help="tệp chứng chỉ của tỉnh để tin cậy máy chủ / the province's certificate file to trust the server by",
    )
    p.add_argument("--allow-insecure-http", action="store_true", help=_INSECURE_HELP)
    p.set_defaults(func=run_enroll)

    s = subparsers.add_parser(
        "sync",
        parents=[common],
        help="đồng bộ với máy chủ tỉnh, hoặc xuất tệp đồng bộ / sync with the province, or export a sync file",
    )
    s.add_argument("--json", action="store_true", help="in báo cáo dạng JSON / print the report as JSON")
    s.add_argument(
        "--export-file",
        metavar="FILE",
        help="không dùng mạng: ghi các thay đổi tỉnh chưa xác nhận vào tệp / no network: write every change "
        "the province has not acknowledged to FILE",
    )
    s.add_argument(
        "--import-receipt",
        metavar="FILE",
        help="đọc biên nhận tỉnh trả về sau khi nhập tệp đồng bộ / read the receipt the province gave back "
        "for an imported sync file",
    )
    s.add_argument(
        "--repin-certificate",
        action="store_true",
        help="nhận chứng chỉ mới của máy chủ (khi tỉnh báo đã thay) / accept the server's new certificate "
        "(when the province says it replaced it)",
    )
    s.add_argument("--allow-insecure-http", action="store_true", help=_INSECURE_HELP)
    s.set_defaults(func=run_sync_command)


def run_enroll(args: argparse.Namespace) -> int:
    from xaapp.cli.unlock import unlock_key  # asks for the passphrase of an encrypted file
    from xaapp.services.sync import enroll_database
    from xaapp.storage.db import open_database

    config = resolve_config(args.data_dir)
    setup_logging(config)
    db = open_database(config.data_dir, unlock_key(config.data_dir))
    try:
        device_id, commune = enroll_database(
            db,
            args.server,
            args.code,
            args.label,
            ca_file=args.ca_file,
            allow_insecure_http=args.allow_insecure_http,
        )
    finally:
        db.close()
    print(
        f"Đã đăng ký: thiết bị {device_id}, xã {commune}. / Enrolled: device {device_id}, commune {commune}."
    )
    return 0


def _print_report(report: SyncReport) -> None:
    pushed = report.pushed
    print(
        f"Gửi / sent: {pushed.get('accepted', 0)} mới/new, {pushed.get('duplicate', 0)} trùng/duplicate, "
        f"{pushed.get('conflict', 0)} xung đột/conflicts, {pushed.get('rejected', 0)} bị từ chối/rejected, "
        f"{pushed.get('waiting', 0)} chờ bản ghi cha/waiting for a parent"
    )
    print(
        f"Nhận / received: {report.pulled} bản ghi/records ({report.applied} cập nhật/applied), "
        f"{report.reference} danh mục/reference items"
    )
    if report.receipts:
        print(f"Biên nhận tệp đồng bộ / sync-file receipts: {report.receipts}")
    waiting = report.attachments_waiting
    if report.attachments_sent or report.attachments_received or waiting:
        print(
            f"Tệp đính kèm / attached files: gửi/sent {report.attachments_sent}, nhận/received "
            f"{report.attachments_received}, còn chờ/waiting {len(waiting)}"
        )
        for w in waiting[:50]:
            print(f"  «{w['name']}» ({w['entity']} {w['uuid']}, {w['question']}): {w['vi']} / {w['en']}")
        if len(waiting) > 50:
            print(f"  … +{len(waiting) - 50}")
    if report.restored:
        print(
            "Máy này được khôi phục từ bản sao lưu: đã nhận lại các bản ghi của chính máy này từ tỉnh. / "
            "This computer was restored from a backup: its own later records came back from the province."
        )
    print(
        f"Còn chờ gửi / still pending: {report.pending}; xung đột chưa xử lý / open conflicts: "
        f"{report.open_conflicts}; {report.bytes_sent + report.bytes_received:,} bytes, "
        f"{report.round_trips} lượt/round trips, {report.seconds:.1f} s"
    )
    for p in report.problems[:50]:
        what = "bị từ chối / rejected" if p["kind"] == "rejected" else "chờ bản ghi cha / waiting"
        print(f"  {what}: {p['entity']} {p['uuid']}: {p['field']}: {p['reason']}")
    if len(report.problems) > 50:
        print(f"  … +{len(report.problems) - 50}")
    if report.ok and report.counts_match is False:
        lines = ", ".join(
            f"{e}: máy này/here {c['here']}, máy chủ/server {c['server']}" for e, c in report.missing.items()
        )
        print(
            f"Số bản ghi hai bên chưa khớp / the two sides do not hold the same records: {lines}. "
            "Xem các bản ghi bị từ chối hoặc đang chờ ở trên; sửa rồi đồng bộ lại. / See the rejected or "
            "waiting records above; fix them and sync again.",
            file=sys.stderr,
        )
    if report.error:
        print(f"{report.error['vi']}\n{report.error['en']}", file=sys.stderr)


def run_sync_command(args: argparse.Namespace) -> int:
    from xaapp.cli.unlock import unlock_key  # asks for the passphrase of an encrypted file
    from xaapp.services.sync import import_receipt, repin_certificate, sync_database
    from xaapp.storage.db import open_database

    config = resolve_config(args.data_dir)
    setup_logging(config)
    db = open_database(config.data_dir, unlock_key(config.data_dir))
    try:
        if args.export_file:
            return _export(db, Path(args.export_file), args.json)
        if args.import_receipt:
            result = import_receipt(db, Path(args.import_receipt))
            if args.json:
                print(json.dumps(result, ensure_ascii=False))
            else:
                o = result["outcomes"]
                print(
                    f"Biên nhận tệp số {result['file_seq']}: {o.get('accepted', 0) + o.get('duplicate', 0)} tỉnh "
                    f"đã nhận, {o.get('rejected', 0)} bị từ chối, {o.get('conflict', 0)} xung đột, "
                    f"{o.get('waiting', 0)} chờ bản ghi cha; còn chờ gửi {result['pending']}. / Receipt of file "
                    f"{result['file_seq']}: {o.get('accepted', 0) + o.get('duplicate', 0)} stored, "
                    f"{o.get('rejected', 0)} rejected, {o.get('conflict', 0)} conflicts, {o.get('waiting', 0)} "
                    f"waiting; {result['pending']} still pending."
                )
            return 0
        if args.repin_certificate:
            pin = repin_certificate(db)
            print(f"Đã nhận chứng chỉ mới / new certificate accepted: SHA-256 {pin}")
        progress = None
        if not args.json:
            from xaapp.cli.progress import TerminalProgress

            progress = TerminalProgress()
        report = sync_database(db, progress, allow_insecure_http=args.allow_insecure_http)
        if progress is not None:
            progress.finish()
    finally:
        db.close()
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False))
        if report.error:
            print(f"{report.error['vi']}\n{report.error['en']}", file=sys.stderr)
    else:
        _print_report(report)
    return 0 if report.ok and report.counts_match else 1


def _export(db: object, path: Path, as_json: bool) -> int:
    from xaapp.services.sync import export_sync_file

    result = export_sync_file(db, path)  # type: ignore[arg-type]
    if as_json:
        print(json.dumps(result, ensure_ascii=False))
    elif result["file"] is None:
        print("Không có thay đổi nào chờ gửi. / Nothing is pending.")
    else:
        print(
            f"Đã ghi {result['records']} bản ghi tỉnh chưa xác nhận vào {result['file']} (tệp số "
            f"{result['file_seq']}). Sau khi tỉnh nhập tệp, đọc biên nhận bằng «xaapp sync --import-receipt». / "
            f"Wrote {result['records']} records the province has not acknowledged to {result['file']} (file "
            f"number {result['file_seq']}). Once the province has imported it, read its receipt with "
            "«xaapp sync --import-receipt»."
        )
    return 0
