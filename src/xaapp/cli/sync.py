"""`xaapp enroll` and `xaapp sync`: enroll this computer with the province server, sync, export a sync file.

The work itself is in ``xaapp.services.sync`` (shared with the desktop sync panel).
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
        help="không dùng mạng: ghi các thay đổi chờ gửi vào tệp / no network: write pending changes to FILE",
    )
    s.set_defaults(func=run_sync_command)


def run_enroll(args: argparse.Namespace) -> int:
    from xaapp.services.sync import enroll_database
    from xaapp.storage.db import open_database

    config = resolve_config(args.data_dir)
    setup_logging(config)
    db = open_database(config.data_dir)
    try:
        device_id, commune = enroll_database(db, args.server, args.code, args.label)
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
        f"{pushed.get('conflict', 0)} xung đột/conflicts, {pushed.get('rejected', 0)} bị từ chối/rejected"
    )
    print(
        f"Nhận / received: {report.pulled} bản ghi/records ({report.applied} cập nhật/applied), "
        f"{report.reference} danh mục/reference items"
    )
    print(
        f"Còn chờ gửi / still pending: {report.pending}; xung đột chưa xử lý / open conflicts: "
        f"{report.open_conflicts}; {report.bytes_sent + report.bytes_received:,} bytes, "
        f"{report.round_trips} lượt/round trips, {report.seconds:.1f} s"
    )
    for r in report.rejected[:20]:
        print(f"  từ chối / rejected: {r['entity']} {r['uuid']}: {r['field']}: {r['reason']}")
    if report.error:
        print(f"{report.error['vi']}\n{report.error['en']}", file=sys.stderr)


def run_sync_command(args: argparse.Namespace) -> int:
    from xaapp.services.sync import export_sync_file, sync_database
    from xaapp.storage.db import open_database

    config = resolve_config(args.data_dir)
    setup_logging(config)
    db = open_database(config.data_dir)
    try:
        if args.export_file:
            result = export_sync_file(db, Path(args.export_file))
            if args.json:
                print(json.dumps(result, ensure_ascii=False))
            elif result["file"] is None:
                print("Không có thay đổi nào chờ gửi. / Nothing is pending.")
            else:
                print(
                    f"Đã ghi {result['records']} bản ghi vào {result['file']} (tệp số {result['file_seq']}). / "
                    f"Wrote {result['records']} records to {result['file']} (file number {result['file_seq']})."
                )
            return 0
        progress = None
        if not args.json:
            from xaapp.cli.progress import TerminalProgress

            progress = TerminalProgress()
        report = sync_database(db, progress)
        if progress is not None:
            progress.finish()
    finally:
        db.close()
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False))
    else:
        _print_report(report)
    return 0 if report.ok else 1
