"""`xaapp server run|enroll|revoke|stats|import|user`: the reference central endpoint and its administration.

``--db`` takes an SQLAlchemy URL (``postgresql://user@host/db``) or a file path; the default is
``xaapp-server.db`` (SQLite) in the current folder. ``--key-file`` names the server key that seals
the devices' file-signing keys (see ``xaapp.server.keys``; default beside an SQLite database, else
``server.key`` in the user's configuration folder; or ``XAAPP_SERVER_KEY``). Tokens and codes are shown only where they are
issued, never logged. With ``--json`` every outcome is one JSON object on stdout, errors included
(``{"ok": false, "error": {"code", "vi", "en", "detail"}}``, exit status 2 for a problem the user
can fix, 1 when the database cannot be reached).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

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

    def key_arg(q: argparse.ArgumentParser) -> None:
        q.add_argument(
            "--key-file",
            metavar="FILE",
            default=None,
            help="khóa máy chủ (tạo mới, quyền 0600, nếu chưa có) / the server key file (created 0600 if "
            "missing; default: beside an SQLite database, else server.key in the user's config folder; "
            "or XAAPP_SERVER_KEY)",
        )

    run = sub.add_parser("run", parents=[common], help="chạy máy chủ / run the server")
    db_arg(run)
    key_arg(run)
    run.add_argument("--host", default="127.0.0.1")
    run.add_argument("--port", type=int, default=8750)
    run.add_argument("--workers", type=int, default=1, help="tiến trình / worker processes")
    run.add_argument(
        "--tls-cert", metavar="FILE", help="chứng chỉ TLS (PEM) để phục vụ https / TLS certificate (PEM)"
    )
    run.add_argument("--tls-key", metavar="FILE", help="khóa riêng TLS (PEM) / TLS private key (PEM)")
    run.add_argument(
        "--token-days",
        type=int,
        default=365,
        metavar="N",
        help="mã truy cập hết hạn sau N ngày / device tokens expire after N days (default 365)",
    )
    run.add_argument(
        "--enroll-per-minute",
        type=float,
        default=10.0,
        metavar="N",
        help="số lần đăng ký mỗi phút từ một địa chỉ / enrollments per minute per client address (default 10)",
    )
    run.add_argument(
        "--max-attachment-mb",
        type=float,
        default=25.0,
        metavar="MB",
        help="tệp đính kèm lớn nhất máy chủ nhận / largest attached file the server takes (default 25 MB)",
    )
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
    key_arg(imp)
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--json", action="store_true")
    imp.add_argument(
        "--receipt",
        metavar="FILE",
        help="nơi ghi biên nhận cho máy xã (mặc định: FILE.receipt) / where to write the receipt for the "
        "commune's computer (default: FILE.receipt)",
    )
    imp.set_defaults(func=cmd_import)

    _register_user(sub, common, db_arg)


def _require_server_extra() -> None:
    """The desktop install (and its frozen build) leaves the server's packages out: say so plainly."""
    import importlib.util

    missing = [
        m for m in ("xaapp.server", "fastapi", "uvicorn", "jinja2") if importlib.util.find_spec(m) is None
    ]
    if missing:
        raise KnownError(
            f"Máy chủ đồng bộ cần các gói {', '.join(missing)}: cài bằng  pip install 'xaapp[server]'  "
            "(bản cài cho máy xã không có máy chủ).",
            f"The sync server needs {', '.join(missing)}: install with  pip install 'xaapp[server]'  "
            "(the commune desktop build leaves the server out).",
        )


def _tls(args: argparse.Namespace) -> dict[str, str]:
    """uvicorn's TLS options, after checking the pair loads (a clear message instead of a traceback)."""
    if not args.tls_cert and not args.tls_key:
        return {}
    if not (args.tls_cert and args.tls_key):
        raise KnownError(
            "Cần cả --tls-cert và --tls-key để chạy https.",
            "Both --tls-cert and --tls-key are needed for https.",
        )
    import ssl

    try:
        ssl.create_default_context(ssl.Purpose.CLIENT_AUTH).load_cert_chain(args.tls_cert, args.tls_key)
    except (OSError, ssl.SSLError) as exc:
        raise KnownError(
            f"Không dùng được chứng chỉ TLS {args.tls_cert} với khóa {args.tls_key}.",
            f"Cannot use the TLS certificate {args.tls_cert} with the key {args.tls_key}: {exc}.",
        ) from exc
    return {"ssl_certfile": args.tls_cert, "ssl_keyfile": args.tls_key}


def cmd_run(args: argparse.Namespace) -> int:
    import os

    _require_server_extra()
    import uvicorn

    from xaapp.server import admin, keys, logs
    from xaapp.server.app import ServerSettings, create_app
    from xaapp.server.database import normalise_url

    if args.token_days < 1:
        raise KnownError("--token-days phải ≥ 1.", "--token-days must be at least 1.")
    tls = _tls(args)
    logs.configure()
    url = normalise_url(args.db)
    # Before any worker starts: migrate, and create or check the server key once (clear errors here).
    key = admin.prepare(url, args.key_file)
    key_file = None if key.source == keys.ENV_KEY else key.source
    common = {
        "host": args.host,
        "port": args.port,
        "log_config": None,
        "access_log": False,
        "timeout_graceful_shutdown": 10,  # a stuck client must not hold a stop or restart for long
        **tls,
    }
    if args.workers > 1:
        os.environ["XAAPP_SERVER_DB"] = url
        if key_file:
            os.environ[keys.ENV_KEY_FILE] = key_file
        os.environ["XAAPP_SERVER_TOKEN_DAYS"] = str(args.token_days)
        os.environ["XAAPP_SERVER_ENROLL_PER_MINUTE"] = str(args.enroll_per_minute)
        os.environ["XAAPP_SERVER_MAX_ATTACHMENT_MB"] = str(args.max_attachment_mb)
        uvicorn.run("xaapp.server.app:app_from_env", factory=True, workers=args.workers, **common)
    else:
        settings = ServerSettings(
            db_url=url,
            key_file=key_file,
            token_days=args.token_days,
            enroll_per_minute=args.enroll_per_minute,
            max_attachment_bytes=round(args.max_attachment_mb * 1_000_000),
        )
        uvicorn.run(create_app(settings), **common)
    return 0


def cmd_enroll(args: argparse.Namespace) -> int:
    _require_server_extra()  # every server command, not only run: the desktop build leaves the server out
    from xaapp.server import admin

    code = admin.issue_code(admin.open_engine(args.db), args.commune)
    print(
        f"Mã đăng ký một lần cho xã {args.commune} (hết hạn sau 72 giờ) / one-time code for commune "
        f"{args.commune} (expires in 72 h):"
    )
    print(code)
    return 0


def cmd_revoke(args: argparse.Namespace) -> int:
    _require_server_extra()  # every server command, not only run: the desktop build leaves the server out
    from xaapp.server import admin

    admin.revoke(admin.open_engine(args.db), args.device)
    print(f"Đã thu hồi thiết bị {args.device}. / Device {args.device} revoked.")
    return 0


def _json_errors(args: argparse.Namespace, work: Callable[[], int]) -> int:
    """Run *work*; with ``--json``, any error becomes one JSON object on stdout (and a non-zero exit)."""
    from sqlalchemy.exc import SQLAlchemyError

    from xaapp.sync.errors import SyncFileError

    def report(code: str, vi: str, en: str, detail: str = "") -> dict[str, Any]:
        return {"ok": False, "error": {"code": code, "vi": vi, "en": en, "detail": detail}}

    try:
        return work()
    except SyncFileError as exc:
        if not args.json:
            raise KnownError(exc.message_vi, exc.message_en) from exc
        out, status = report(exc.code, exc.message_vi, exc.message_en, exc.detail), 2
    except KnownError as exc:
        if not args.json:
            raise
        out, status = report("error", exc.message_vi, exc.message_en), 2
    except SQLAlchemyError as exc:
        vi = "Không kết nối hoặc không đọc được cơ sở dữ liệu máy chủ."
        en = "Cannot connect to or read the server database."
        detail = type(exc).__name__
        if not args.json:
            print(f"xaapp: {vi}\n{en} ({detail})", file=sys.stderr)
            return 1
        out, status = report("database", vi, en, detail), 1
    print(json.dumps(out, ensure_ascii=False))
    return status


def cmd_stats(args: argparse.Namespace) -> int:
    return _json_errors(args, lambda: _stats(args))


def _stats(args: argparse.Namespace) -> int:
    _require_server_extra()  # every server command, not only run: the desktop build leaves the server out
    from xaapp.server import admin

    data = admin.stats(admin.open_engine(args.db))
    if args.json:
        print(json.dumps({"ok": True, **data}, ensure_ascii=False, indent=2))
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
    return _json_errors(args, lambda: _import(args))


def _import(args: argparse.Namespace) -> int:
    _require_server_extra()  # every server command, not only run: the desktop build leaves the server out
    from xaapp.server import admin

    path = Path(args.file)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise KnownError(f"Không đọc được tệp {path}.", f"Cannot read {path}: {exc.strerror}.") from exc
    report = admin.import_file(admin.open_engine(args.db), raw, key_file=args.key_file)
    receipt = Path(args.receipt) if args.receipt else path.with_name(path.name + ".receipt")
    from xaapp.sync.file_transport import write_sync_file

    write_sync_file(receipt, report.receipt_file)
    if args.json:
        print(json.dumps({"ok": True, **report.to_json(), "receipt": str(receipt)}, ensure_ascii=False))
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


# --- `xaapp server user add|passwd|disable|enable|list`: console accounts (server/console) -------------


def _register_user(sub: argparse._SubParsersAction, common: argparse.ArgumentParser, db_arg: Any) -> None:
    user = sub.add_parser(
        "user", parents=[common], help="tài khoản bảng điều hành /console / console accounts"
    )
    users = user.add_subparsers(dest="user_command", metavar="LỆNH/COMMAND", required=True)

    def password_args(q: argparse.ArgumentParser) -> None:
        q.add_argument(
            "--password-stdin",
            action="store_true",
            help="đọc mật khẩu từ dòng đầu của stdin / read the password from stdin's first line",
        )

    add = users.add_parser("add", parents=[common], help="thêm tài khoản / add an account")
    db_arg(add)
    add.add_argument("username", metavar="TÊN/NAME")
    add.add_argument("--role", required=True, choices=("admin", "supervisor", "viewer"))
    add.add_argument(
        "--commune", action="append", default=[], metavar="CODE", help="xã được giao / assigned commune"
    )
    add.add_argument("--all-communes", action="store_true", help="mọi xã (chỉ xem) / every commune (viewer)")
    add.add_argument("--name", default="", help="họ tên / display name")
    password_args(add)
    add.set_defaults(func=cmd_user_add)

    passwd = users.add_parser("passwd", parents=[common], help="đặt mật khẩu mới / set a new password")
    db_arg(passwd)
    passwd.add_argument("username", metavar="TÊN/NAME")
    password_args(passwd)
    passwd.set_defaults(func=cmd_user_passwd)

    for name, disabled, words in (
        ("disable", True, "khóa tài khoản / disable an account"),
        ("enable", False, "mở khóa tài khoản / enable an account"),
    ):
        q = users.add_parser(name, parents=[common], help=words)
        db_arg(q)
        q.add_argument("username", metavar="TÊN/NAME")
        q.set_defaults(func=cmd_user_disable, disabled=disabled)

    lst = users.add_parser("list", parents=[common], help="liệt kê tài khoản / list accounts")
    db_arg(lst)
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(func=cmd_user_list)


def _read_password(args: argparse.Namespace) -> str:
    import getpass
    import sys

    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Mật khẩu / password: ")
    if getpass.getpass("Nhập lại / again: ") != first:
        raise KnownError("Hai lần nhập mật khẩu không khớp.", "The two passwords differ.")
    return first


def _user_engine(args: argparse.Namespace) -> Any:
    _require_server_extra()
    from xaapp.server import admin

    return admin.open_engine(args.db)


def cmd_user_add(args: argparse.Namespace) -> int:
    from xaapp.server.console import accounts
    from xaapp.server.console.audit import CLI
    from xaapp.server.console.session import now

    engine = _user_engine(args)
    password = _read_password(args)
    with engine.begin() as conn:
        account = accounts.add(conn, CLI, args.username, password, args.role, now(), communes=args.commune,
                               all_communes=args.all_communes, display_name=args.name)  # fmt: skip
    print(f"Đã thêm tài khoản {account.username}. / Account {account.username} added.")
    return 0


def cmd_user_passwd(args: argparse.Namespace) -> int:
    from xaapp.server.console import accounts
    from xaapp.server.console.audit import CLI
    from xaapp.server.console.session import now

    engine = _user_engine(args)
    password = _read_password(args)
    with engine.begin() as conn:
        accounts.set_password(conn, CLI, args.username, password, now())
    print(f"Đã đặt mật khẩu mới cho {args.username}. / New password set for {args.username}.")
    return 0


def cmd_user_disable(args: argparse.Namespace) -> int:
    from xaapp.server.console import accounts
    from xaapp.server.console.audit import CLI
    from xaapp.server.console.session import now

    with _user_engine(args).begin() as conn:
        accounts.set_disabled(conn, CLI, args.username, args.disabled, now())
    if args.disabled:
        print(f"Đã khóa tài khoản {args.username}. / Account {args.username} disabled.")
    else:
        print(f"Đã mở khóa tài khoản {args.username}. / Account {args.username} enabled.")
    return 0


def cmd_user_list(args: argparse.Namespace) -> int:
    from xaapp.server.console import accounts

    with _user_engine(args).begin() as conn:
        rows = accounts.list_accounts(conn)
    out = [
        {
            "username": a.username,
            "display_name": a.display_name,
            "role": a.role,
            "all_communes": a.all_communes,
            "communes": list(a.communes),
            "disabled": a.disabled_at is not None,
        }
        for a in rows
    ]
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    print("tên/username        vai trò/role  xã/communes              trạng thái/state")
    for a in out:
        scope = "*" if a["all_communes"] else " ".join(str(c) for c in a["communes"])  # type: ignore[attr-defined]  # a list of codes
        state = "khóa/disabled" if a["disabled"] else "dùng/active"
        print(f"{a['username']:<19} {a['role']:<13} {scope:<24} {state}")
    return 0
