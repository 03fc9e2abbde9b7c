"""`xaapp report send --year Y` and `xaapp report status --year Y`: mark the year's report to the
province as sent (it travels with the next sync, online or by file) and say where it stands.

The work is in ``xaapp.services.yearly_report`` (shared with the Lists screen)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from xaapp.config import resolve_config, setup_logging


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = subparsers.add_parser(
        "report",
        parents=[common],
        help="báo cáo năm gửi tỉnh: đánh dấu đã gửi, xem tình trạng / the yearly report to the province: "
        "mark as sent, see its state",
    )
    sub = p.add_subparsers(dest="report_command", metavar="LỆNH/COMMAND", required=True)
    for name, text in (
        ("send", "đánh dấu đã gửi báo cáo năm (gửi đi ở lần đồng bộ tới) / mark the year's report as sent "
                 "(it goes with the next sync)"),
        ("status", "tình trạng báo cáo năm / the state of the year's report"),
    ):  # fmt: skip
        s = sub.add_parser(name, parents=[common], help=text)
        s.add_argument(
            "--year", type=int, default=dt.date.today().year, help="năm báo cáo / the report's year"
        )
        s.add_argument(
            "--user", default="cli", help="người đánh dấu (ghi nhật ký) / who marks it (audit log)"
        )
        s.set_defaults(func=run_report)


def run_report(args: argparse.Namespace) -> int:
    from xaapp.services.yearly_report import mark_report_sent, report_status
    from xaapp.storage.db import open_database

    config = resolve_config(args.data_dir)
    setup_logging(config)
    db = open_database(config.data_dir)
    try:
        if args.report_command == "send":
            status = mark_report_sent(db, args.year, args.user)
        else:
            status = report_status(db, args.year)
    finally:
        db.close()
    vi, en = status.text()
    print(f"{status.commune_name or status.commune_code}: {vi}\n{en}", file=sys.stdout)
    return 0
