"""`xaapp server run|enroll|revoke|stats|import`: the reference central endpoint and its administration.

``--db`` takes an SQLAlchemy URL (``postgresql://user@host/db``) or a file path; the default is
``xaapp-server.db`` (SQLite) in the current folder. Tokens and codes are shown only where they are
issued, never logged.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from xaapp.errors import KnownError


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = subparsers.add_parser(
        "server", parents=[common], help="máy chủ đồng bộ của tỉnh / the province sync server"
    )
    sub = p.add_subparsers(dest="server_command", metavar="LỆNH/COMMAND", required=True)

    def db_arg(q: argparse.ArgumentParser) -> None:
        q.add_argument(
            "--db",
            metavar="URL",
            default=None,
            help="cơ sở dữ liệu (URL hoặc tệp) / database URL or file (default: xaapp-server.db)",
        )

    run = sub.add_parser("run", parents=[common], help="chạy máy chủ / run the server")
    db_arg(run)
    run.add_argument("--host", default="127.0.0.1")
    run.add_argument("--port", type=int, default=8750)
    run.add_argument("--workers", type=int, default=1, help="tiến trình / worker processes")
    run.set_defaults(func=cmd_run)

    enroll = sub.add_parser(
        "enroll",
        parents=[common],
        help="cấp mã đăng ký một lần cho một xã / issue a one-time code for a commune",
    )
    db_arg(enroll)
    enroll.add_argument("--commune", required=True, metavar="CODE", help="mã xã / commune code, e.g. 14923")
    enroll.set_defaults(func=cmd_enroll)

    revoke = sub.add_parser("revoke", parents=[common], help="thu hồi quyền một thiết bị / revoke a device")
    db_arg(revoke)
    revoke.add_argument("--device", required=True, metavar="ID")
    revoke.set_defaults(func=cmd_revoke)

    stats = sub.add_parser(
        "stats", parents=[common], help="số bản ghi theo loại và xã, xung đột / records per type and commune"
    )
    db_arg(stats)
    stats.add_argument("--json", action="store_true")
    stats.set_defaults(func=cmd_stats)

    imp = sub.add_parser(
        "import", parents=[common], help="nhập tệp đồng bộ từ xã / import a commune's sync file"
    )
    db_arg(imp)
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--json", action="store_true")
    imp.add_argument(
        "--receipt",
        metavar="FILE",
        help="nơi ghi biên nhận cho máy xã (mặc định: FILE.receipt) / where to write the receipt for the "
        "commune's computer (default: FILE.receipt)",
    )
    imp.set_defaults(func=cmd_import)


def _require_server_extra() -> None:
    """The desktop install (and its frozen build) leaves the server's packages out: say so plainly."""
    import importlib.util

    missing = [m for m in ("fastapi", "uvicorn") if importlib.util.find_spec(m) is None]
    if missing:
        raise KnownError(
            f"Máy chủ đồng bộ cần các gói {', '.join(missing)}: cài bằng  pip install 'xaapp[server]'  "
            "(bản cài cho máy xã không có máy chủ).",
            f"The sync server needs {', '.join(missing)}: install with  pip install 'xaapp[server]'  "
            "(the commune desktop build leaves the server out).",
        )


def cmd_run(args: argparse.Namespace) -> int:
    import os

    _require_server_extra()
    import uvicorn

    from xaapp.server import logs
    from xaapp.server.app import ServerSettings, create_app
    from xaapp.server.database import normalise_url

    logs.configure()
    url = normalise_url(args.db)
    if args.workers > 1:
        os.environ["XAAPP_SERVER_DB"] = url
        uvicorn.run(
            "xaapp.server.app:app_from_env",
            factory=True,
            host=args.host,
            port=args.port,
            workers=args.workers,
            log_config=None,
            access_log=False,
        )
    else:
        uvicorn.run(
            create_app(ServerSettings(db_url=url)),
            host=args.host,
            port=args.port,
            log_config=None,
            access_log=False,
        )
    return 0


def cmd_enroll(args: argparse.Namespace) -> int:
    from xaapp.server import admin

    code = admin.issue_code(admin.open_engine(args.db), args.commune)
    print(
        f"Mã đăng ký một lần cho xã {args.commune} (hết hạn sau 72 giờ) / one-time code for commune "
        f"{args.commune} (expires in 72 h):"
    )
    print(code)
    return 0


def cmd_revoke(args: argparse.Namespace) -> int:
    from xaapp.server import admin

    admin.revoke(admin.open_engine(args.db), args.device)
    print(f"Đã thu hồi thiết bị {args.device}. / Device {args.device} revoked.")
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    from xaapp.server import admin

    data = admin.stats(admin.open_engine(args.db))
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    print("xã/commune  loại/entity         bản ghi/records  đã xóa/deleted")
    for code, c in data["communes"].items():
        for entity in sorted(set(c["records"]) | set(c["deleted"])):
            print(
                f"{code:<11} {entity:<19} {c['records'].get(entity, 0):>15} {c['deleted'].get(entity, 0):>15}"
            )
        print(
            f"{code:<11} xung đột/conflicts: {c['conflicts']}, từ chối/rejections: {c['rejections']}, "
            f"thiết bị/devices: {c['devices']} (+{c['revoked_devices']} thu hồi/revoked)"
        )
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from xaapp.server import admin
    from xaapp.sync.errors import SyncFileError

    path = Path(args.file)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise KnownError(f"Không đọc được tệp {path}.", f"Cannot read {path}: {exc.strerror}.") from exc
    try:
        report = admin.import_file(admin.open_engine(args.db), raw)
    except SyncFileError as exc:
        raise KnownError(exc.message_vi, exc.message_en) from exc
    receipt = Path(args.receipt) if args.receipt else path.with_name(path.name + ".receipt")
    from xaapp.sync.file_transport import write_sync_file

    write_sync_file(receipt, report.receipt_file)
    if args.json:
        print(json.dumps({**report.to_json(), "receipt": str(receipt)}, ensure_ascii=False))
    else:
        o = report.outcomes
        print(
            f"Đã nhập tệp số {report.file_seq} của thiết bị {report.device_id} (xã {report.commune_code}): "
            f"{report.records} bản ghi. / Imported file {report.file_seq} of device {report.device_id}."
        )
        print(
            f"  mới/accepted {o.get('accepted', 0)}, trùng/duplicate {o.get('duplicate', 0)}, "
            f"xung đột/conflict {o.get('conflict', 0)}, từ chối/rejected {o.get('rejected', 0)}, "
            f"chờ bản ghi cha/waiting for parent {o.get('waiting', 0)}"
        )
        print(
            f"  Biên nhận cho máy xã: {receipt} (mang về, «xaapp sync --import-receipt»). / "
            f"Receipt for the commune's computer: {receipt} (take it back, «xaapp sync --import-receipt»)."
        )
    return 0
