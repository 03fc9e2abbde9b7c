"""`xaapp db status|backup|check`: for a maintainer looking after a commune's data file."""

from __future__ import annotations

import argparse
import json
import sqlite3

from xaapp.config import resolve_config


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = subparsers.add_parser(
        "db", parents=[common], help="tệp dữ liệu: trạng thái, sao lưu, kiểm tra / data file"
    )
    sub = p.add_subparsers(dest="db_command", required=True, metavar="status|backup|check")
    for name, help_text in (
        ("status", "phiên bản lược đồ và số bản ghi / schema version and record counts"),
        ("backup", "tạo bản sao lưu ngay / make a backup copy now"),
        ("check", "kiểm tra toàn vẹn (PRAGMA integrity_check) / integrity check"),
    ):
        sp = sub.add_parser(name, parents=[common], help=help_text)
        sp.set_defaults(func=run, db_command=name)


def run(args: argparse.Namespace) -> int:
    from xaapp.storage.backup import backup_file
    from xaapp.storage.db import open_database
    from xaapp.storage.orm import SYNCABLE_MODELS

    config = resolve_config(args.data_dir)
    db = open_database(config.data_dir)
    if args.db_command == "backup":
        print(backup_file(db.path, config.data_dir / "backups", "manual"))
        return 0
    if args.db_command == "check":
        conn = sqlite3.connect(db.path)
        result = conn.execute("PRAGMA integrity_check").fetchone()[0]
        conn.close()
        print(result)
        return 0 if result == "ok" else 1
    with db.engine.connect() as conn:
        counts = {
            m.__tablename__: conn.exec_driver_sql(  # type: ignore[attr-defined]
                f"SELECT count(*) FROM {m.__tablename__} WHERE deleted_at IS NULL"
            ).scalar()
            for m in SYNCABLE_MODELS
        }
        version = conn.exec_driver_sql("PRAGMA user_version").scalar()
    print(
        json.dumps(
            {"path": str(db.path), "schema_version": version, "records": counts}, ensure_ascii=False, indent=2
        )
    )
    return 0
