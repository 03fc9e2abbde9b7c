"""`xaapp db status|backup|check [--deep]|encrypt|decrypt`: for a maintainer looking after a commune's data file.

``check`` runs SQLite's integrity check; ``check --deep`` also re-derives the class of every final
review from its stored answers with the rules of its year (``services.review_check``) and lists each
review whose stored class differs. Exit status 1 when either finds a problem. Reads only.

``encrypt`` asks for a new data passphrase (twice) and stores the file with SQLCipher, printing the
recovery code once; ``decrypt`` asks for the passphrase (or the recovery code) and stores it plain again.
Both take a backup copy first and swap in a checked copy only (``storage.encryption``). The commands
that read an encrypted file ask for its passphrase first.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from xaapp.config import resolve_config

if TYPE_CHECKING:
    from xaapp.storage.db import Database


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = subparsers.add_parser(
        "db", parents=[common], help="tệp dữ liệu: trạng thái, sao lưu, kiểm tra / data file"
    )
    sub = p.add_subparsers(dest="db_command", required=True, metavar="status|backup|check|encrypt|decrypt")
    for name, help_text in (
        ("status", "phiên bản lược đồ và số bản ghi / schema version and record counts"),
        ("backup", "tạo bản sao lưu ngay / make a backup copy now"),
        ("check", "kiểm tra toàn vẹn (PRAGMA integrity_check) / integrity check"),
        ("encrypt", "mã hóa tệp dữ liệu bằng mật khẩu (SQLCipher) / encrypt the data file with a passphrase"),
        ("decrypt", "bỏ mã hóa tệp dữ liệu / store the data file unencrypted again"),
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
    from xaapp.cli.unlock import open_unlocked
    from xaapp.storage.backup import backup_file
    from xaapp.storage.orm import SYNCABLE_MODELS

    config = resolve_config(args.data_dir)
    if args.db_command in ("encrypt", "decrypt"):
        return _encrypt(config.data_dir) if args.db_command == "encrypt" else _decrypt(config.data_dir)
    db = open_unlocked(config.data_dir)
    if args.db_command == "backup":
        print(backup_file(db.path, config.data_dir / "backups", "manual", db.key))
        return 0
    if args.db_command == "check":
        conn = db.connect_raw()
        result = conn.execute("PRAGMA integrity_check").fetchone()[0]
        conn.close()
        print(result)
        if result != "ok":
            return 1
        return _deep_check(db) if getattr(args, "deep", False) else 0
    with db.engine.connect() as engine_conn:
        counts = {
            m.__tablename__: engine_conn.exec_driver_sql(  # type: ignore[attr-defined]  # each a mapped table
                f"SELECT count(*) FROM {m.__tablename__} WHERE deleted_at IS NULL"  # type: ignore[attr-defined]  # idem
            ).scalar()
            for m in SYNCABLE_MODELS
        }
        version = engine_conn.exec_driver_sql("PRAGMA user_version").scalar()
    print(
        json.dumps(
            {"path": str(db.path), "schema_version": version, "encrypted": db.encrypted, "records": counts},
            ensure_ascii=False,
            indent=2,
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


def _encrypt(data_dir: Path) -> int:
    from xaapp.cli.unlock import ask_secret
    from xaapp.storage.data_key import check_passphrase
    from xaapp.storage.db import open_database
    from xaapp.storage.encryption import encrypt_data

    open_database(data_dir).close()  # the schema brought up to date (and any upgrade's copy taken) first
    passphrase = ask_secret("Mật khẩu dữ liệu mới / new data passphrase: ")
    check_passphrase(passphrase, ask_secret("Nhập lại / again: "))
    new = encrypt_data(data_dir, passphrase)
    print(
        "Tệp dữ liệu đã được mã hóa; các bản sao lưu cũng vậy. / The data file is encrypted, and so are its backups.\n\n"
        f"    MÃ KHÔI PHỤC / RECOVERY CODE:  {new.recovery_code}\n\n"
        "Chép hoặc in mã này và cất vào tủ hồ sơ của xã: chỉ hiện một lần. Mã mở được tệp dữ liệu và mọi bản sao lưu\n"
        "khi quên mật khẩu hoặc trên máy khác. / Copy or print this code and keep it in the commune's safe: it is shown\n"
        "only once. It opens the data file and every backup when the passphrase is forgotten or on another computer."
    )
    return 0


def _decrypt(data_dir: Path) -> int:
    from xaapp.cli.unlock import ask_secret
    from xaapp.storage.encryption import decrypt_data

    copy = decrypt_data(data_dir, ask_secret())
    print(
        f"Tệp dữ liệu không còn mã hóa. Bản sao lưu (vẫn mã hóa) / The data file is no longer encrypted. "
        f"Backup (still encrypted): {copy}"
    )
    return 0
