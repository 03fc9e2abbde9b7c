"""`xaapp import FILE.xlsx [--dry-run]`: people and households from a commune's Excel list, all or nothing.

Prints what was understood (header row, column mapping, legacy font converted), the people matched
with the register, and every problem by row and column. With any error nothing is imported and
the exit status is 2; ``--dry-run`` checks and prints without importing.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from xaapp.errors import KnownError

#: Matched people listed one by one (every error is always listed).
SHOWN_MATCHES = 20


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = subparsers.add_parser(
        "import", parents=[common],
        help="nhập hộ, nhân khẩu từ tệp Excel (tất cả hoặc không) / import households and people from Excel",
    )  # fmt: skip
    p.add_argument("file", metavar="FILE.xlsx", help="tệp Excel / the Excel file")
    p.add_argument(
        "--dry-run", action="store_true", help="chỉ kiểm tra, không nhập / check only, import nothing"
    )
    p.add_argument(
        "--year",
        type=int,
        metavar="Y",
        help="năm rà soát của cột phân loại / review year of the class column",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from xaapp.config import resolve_config
    from xaapp.services.import_read import FIELDS
    from xaapp.services.importing import commit_import, plan_import
    from xaapp.storage.db import open_database

    config = resolve_config(args.data_dir)
    db = open_database(config.data_dir)
    try:
        plan = plan_import(db, Path(args.file), year=args.year)
        print(f"{plan.path.name} – trang tính / sheet «{plan.sheet}»")
        for name, where in plan.mapping.items():
            print(f"  {FIELDS[name][0]} / {FIELDS[name][1]}: cột / column {where}")
        if plan.unmapped:
            print("  Bỏ qua các cột / columns ignored: " + ", ".join(plan.unmapped))
        for row in plan.rows:
            if row.status == "matched":
                print(
                    f"  Dòng / row {row.row}: {row.full_name} đã có / already registered ({row.match_reason})"
                )
        for issue in plan.issues:
            print("  " + issue.text())
        print(plan.summary())
        if not plan.ok:
            raise KnownError(
                f"Có {len(plan.errors)} lỗi: chưa nhập dòng nào. Sửa tệp rồi nhập lại.",
                f"{len(plan.errors)} errors: nothing was imported. Fix the file and import it again.",
            )
        if args.dry_run:
            print("Chạy thử: chưa nhập gì / dry run: nothing imported")
            return 0
        result = commit_import(db, plan, actor="import")
        print(f"Đã nhập / imported: {result.households} hộ/households, {result.people} người/people, "
              f"{result.updated} thông tin bổ sung/fields filled, {result.reviews} kết quả phân loại/classes")  # fmt: skip
        return 0
    finally:
        db.close()
