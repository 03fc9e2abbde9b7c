"""`xaapp demo`: build the deterministic demo commune in a data folder."""

from __future__ import annotations

import argparse
import time

from xaapp.config import resolve_config, setup_logging


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = subparsers.add_parser(
        "demo",
        parents=[common],
        help="tạo xã mẫu (Xã Bá Thước) để làm quen, thử nghiệm / build the demo commune for training and tests",
    )
    p.add_argument(
        "--households", type=int, default=2000, metavar="N", help="số hộ / households (default 2000)"
    )
    p.add_argument(
        "--seed", type=int, default=1, metavar="S", help="hạt giống ngẫu nhiên / random seed (default 1)"
    )
    p.add_argument("--quiet", action="store_true", help="không hiện thanh tiến trình / no progress bar")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import secrets  # here, not at the top: every start of the app builds this parser (OpenSSL loads with it)

    from xaapp.cli.progress import TerminalProgress
    from xaapp.cli.unlock import unlock_key  # asks for the passphrase of an encrypted file
    from xaapp.domain.roles import Role
    from xaapp.services.accounts import create_user, list_users
    from xaapp.services.demo import generate_demo
    from xaapp.storage.db import open_database

    config = resolve_config(args.data_dir)
    setup_logging(config)
    db = open_database(config.data_dir, unlock_key(config.data_dir))
    progress = None if args.quiet else TerminalProgress()
    started = time.perf_counter()
    report = generate_demo(db, households=args.households, seed=args.seed, progress=progress)
    password = None
    if not list_users(db):
        if progress:
            progress.set_text("Đang tạo tài khoản quản trị / Creating the admin account")
            progress.set_range(0)
        password = secrets.token_urlsafe(9)
        create_user(db, "demo", "Cán bộ xã mẫu", password, Role.ADMIN, actor="demo")
    if progress:
        progress.finish()
    print(
        f"Xã mẫu / demo commune: {report.households} hộ/households, {report.people} người/people, "
        f"{report.reviews} phiếu rà soát/reviews, {report.beneficiaries} đối tượng BTXH/beneficiaries "
        f"in {time.perf_counter() - started:.1f} s → {db.path}"
    )
    if password is not None:
        print(f"Tài khoản / account: demo   mật khẩu / password: {password}")
    db.close()
    return 0
