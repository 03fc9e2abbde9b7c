"""`xaapp db status|backup|check [--deep]`: for a maintainer looking after a commune's data file.

``check`` runs SQLite's integrity check; ``check --deep`` also re-derives the class of every final
review from its stored answers with the rules of its year (``services.review_check``) and lists each
review whose stored class differs. Exit status 1 when either finds a problem. Reads only.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
from typing import TYPE_CHECKING

from xaapp.config import resolve_config

if TYPE_CHECKING:
    from xaapp.storage.db import Database


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
        if name == "check":
            sp.add_argument(
                "--deep",
                action="store_true",
                help="tính lại phân loại mọi phiếu đã hoàn tất từ câu trả lời đã lưu / re-derive the class "
                "of every final review from its stored answers",
            )


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
        raw = sqlite3.connect(db.path)
        result = raw.execute("PRAGMA integrity_check").fetchone()[0]
        raw.close()
        print(result)
        if result != "ok":
            return 1
        return _deep_check(db) if getattr(args, "deep", False) else 0
    with db.engine.connect() as conn:
        counts = {
            m.__tablename__: conn.exec_driver_sql(  # type: ignore[attr-defined]  # each a mapped table
                f"SELECT count(*) FROM {m.__tablename__} WHERE deleted_at IS NULL"  # type: ignore[attr-defined]  # idem
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


def _deep_check(db: Database) -> int:
    from xaapp.cli.progress import TerminalProgress
    from xaapp.rules.poverty import CLASS_VI
    from xaapp.services.review_check import check_reviews

    progress = TerminalProgress()
    report = check_reviews(db, progress=progress)
    progress.finish()

    def class_name(code: str | None) -> str:
        return CLASS_VI.get(code or "", code or "-")

    for m in report.mismatches:
        derived = class_name(m.derived_class) if m.derived_class else f"chưa đủ thông tin ({m.missing})"
        print(
            f"Hộ {m.household_code} ({m.head_name}, {m.village}), năm {m.year}: đã lưu «{class_name(m.stored_class)}»,"
            f" tính lại «{derived}» / household {m.household_code}, {m.year}: stored {m.stored_class or '-'},"
            f" derived {m.derived_class or 'not enough information'}"
        )
    summary = (
        f"{report.checked} phiếu đã hoàn tất được tính lại, {len(report.mismatches)} phiếu khác phân loại đã lưu"
        f" / {report.checked} final reviews re-derived, {len(report.mismatches)} differ from the stored class"
    )
    if report.imported:
        summary += (
            f"; {report.imported} phân loại nhập từ danh sách Excel (không có câu trả lời để tính lại)"
            f" / {report.imported} classes imported from Excel lists (no answers to re-derive)"
        )
    print(summary)
    return 0 if report.ok else 1
