"""`xaapp import FILE [--dry-run]`: a commune's list (households and people, or social-assistance
beneficiaries) from any spreadsheet file, all or nothing.

Prints what was understood (format, sheets, header rows, column of each field, legacy-font cells
converted), every row that is already registered or will be updated, and every problem by sheet!cell
with what to do; then the counts of new / updated / unchanged / rejected rows. With any error nothing is
imported and the exit status is 2; ``--dry-run`` checks and prints without importing.

When the headers are not understood the command prints each sheet's first rows with a guess per column
and exits 2; ``--write-map FILE.json`` writes those guesses as a mapping to correct and pass back with
``--map FILE.json``. A mapping used for an import is saved by the sheets' header shapes and used again
for the next file of the same template.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from xaapp.errors import KnownError

#: Matched people listed one by one (every error is always listed).
SHOWN_MATCHES = 20


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = subparsers.add_parser(
        "import", parents=[common],
        help="nhập hộ, nhân khẩu hoặc đối tượng trợ cấp từ tệp Excel (tất cả hoặc không) / import households, "
             "people or beneficiaries from a spreadsheet",
    )  # fmt: skip
    p.add_argument("file", metavar="FILE", help="tệp .xlsx, .xls, .ods, XML hay HTML của Excel / the spreadsheet")
    p.add_argument(
        "--dry-run", action="store_true", help="chỉ kiểm tra, không nhập / check only, import nothing"
    )
    p.add_argument("--year", type=int, metavar="Y", help="năm rà soát của cột phân loại / review year of the class column")
    p.add_argument("--village", metavar="THON",
                   help="thôn của các dòng không ghi thôn / village of rows that name none")  # fmt: skip
    p.add_argument("--map", metavar="FILE.json", help="cột nào là trường nào / which column is which field")
    p.add_argument("--write-map", metavar="FILE.json",
                   help="ghi cách ghép cột đoán được ra tệp để sửa / write the guessed mapping to correct")  # fmt: skip
    p.add_argument("--month", metavar="YYYY-MM",
                   help="tháng tính mức trợ cấp (danh sách đối tượng) / month of the allowance check")  # fmt: skip
    p.set_defaults(func=run)


def _print_previews(previews, write_map: str | None) -> None:
    from openpyxl.utils import get_column_letter

    from xaapp.services.import_fields import FIELDS

    guesses: dict[str, dict] = {}
    for preview in previews:
        print(f"Trang / sheet «{preview.sheet}», tiêu đề ở dòng / header on row {preview.header_row}:")
        for col, header in enumerate(preview.headers):
            guess = preview.guesses[col] if col < len(preview.guesses) else None
            sample = ", ".join(row[col] for row in preview.sample[:3] if col < len(row) and row[col])
            what = f"{FIELDS[guess][0]} ({guess})" if guess else "bỏ qua / skipped"
            source = {"header": "theo tiêu đề", "values": "theo giá trị", "saved": "đã lưu"}.get(
                preview.sources[col] if col < len(preview.sources) else "", "")
            print(f"  {get_column_letter(col + 1)} «{header}» [{sample}] → {what}" + (f" – {source}" if source else ""))
        guesses[preview.sheet] = {"header_row": preview.header_row,
                                  "columns": {get_column_letter(c + 1): g for c, g in enumerate(preview.guesses)}}  # fmt: skip
    if write_map:
        Path(write_map).write_text(json.dumps({"sheets": guesses}, ensure_ascii=False, indent=2), encoding="utf-8")
        print(f"Đã ghi cách ghép cột đoán được vào / guessed mapping written to {write_map}: sửa rồi dùng --map.")
    else:
        print("Dùng --write-map FILE.json để ghi cách ghép cột này ra tệp, sửa, rồi nhập lại với --map FILE.json.")
        print("Use --write-map FILE.json to write this mapping, correct it, then import with --map FILE.json.")


def _print_plan(plan) -> None:
    from xaapp.services.import_fields import FIELDS

    print(f"{plan.path.name} – {plan.format_label}; trang tính / sheets: " + ", ".join(f"«{s}»" for s in plan.sheets))
    for sheet, mapping in plan.mappings.items():
        print(f"  [{sheet}]")
        for name, where in mapping.items():
            print(f"    {FIELDS[name][0]} / {FIELDS[name][1]}: cột / column {where}")
    if plan.unmapped:
        print("  Bỏ qua các cột / columns ignored: " + ", ".join(plan.unmapped))
    if plan.ignored_sheets:
        print("  Bỏ qua các trang / sheets ignored: " + ", ".join(plan.ignored_sheets))
    if plan.legacy.converted:
        print("  " + plan.legacy.text())
    shown = 0
    for row in plan.rows:
        if row.matched and shown < SHOWN_MATCHES:
            shown += 1
            if row.status == "unchanged":
                print(f"  Dòng / row {row.row}: {row.full_name} đã có / already registered ({row.match_reason})")
            else:
                print(f"  Dòng / row {row.row}: {row.full_name} đã có, cập nhật / updated: {', '.join(row.changes)}")
    for b in plan.beneficiaries:
        if b.status in ("unchanged", "updated") and shown < SHOWN_MATCHES:
            shown += 1
            print(f"  Dòng / row {b.row}: {b.full_name} đã là đối tượng / already a beneficiary"
                  + (f", cập nhật / updated: {', '.join(b.changes)}" if b.changes else ""))
    for issue in plan.issues:
        print("  " + issue.text())
    print(plan.summary())


def run(args: argparse.Namespace) -> int:
    from xaapp.cli.unlock import unlock_key  # asks for the passphrase of an encrypted file
    from xaapp.config import resolve_config
    from xaapp.services.import_mapping import load_mapping_file, save_mapping
    from xaapp.services.import_read import MappingNeeded, prepare_book
    from xaapp.services.importing import commit_import, plan_import
    from xaapp.storage.db import open_database

    config = resolve_config(args.data_dir)
    db = open_database(config.data_dir, unlock_key(config.data_dir))
    try:
        prepared = prepare_book(Path(args.file))
        mapping = load_mapping_file(args.map, prepared) if args.map else None
        try:
            plan = plan_import(db, prepared.path, year=args.year, village=args.village, mapping=mapping,
                               month=args.month, prepared=prepared)  # fmt: skip
        except MappingNeeded as exc:
            print(str(exc))
            _print_previews(exc.previews, args.write_map)
            raise KnownError("Chưa nhập gì: cần chọn cột. / Nothing imported: the columns must be chosen.",
                             "Nothing imported: the columns must be chosen.") from None  # fmt: skip
        _print_plan(plan)
        if not plan.ok:
            raise KnownError(
                f"Có {len(plan.errors)} lỗi: chưa nhập dòng nào. Sửa tệp rồi nhập lại.",
                f"{len(plan.errors)} errors: nothing was imported. Fix the file and import it again.",
            )
        if args.dry_run:
            print("Chạy thử: chưa nhập gì / dry run: nothing imported")
            return 0
        from xaapp.cli.progress import TerminalProgress

        progress = TerminalProgress()
        result = commit_import(db, plan, actor="import", progress=progress)
        progress.finish()
        if mapping is not None and mapping.sheets:
            save_mapping(db, prepared, mapping.sheets, actor="import")
            print("Đã lưu cách ghép cột cho lần sau / mapping saved for next time")
        if plan.kind == "beneficiaries":
            print(f"Đã nhập / imported: {result.beneficiaries} đối tượng/beneficiaries, {result.people} người mới/new "
                  f"people, {result.updated} thông tin cập nhật/fields updated")  # fmt: skip
        else:
            print(f"Đã nhập / imported: {result.households} hộ/households, {result.people} người/people, "
                  f"{result.updated} thông tin cập nhật/fields updated, {result.reviews} kết quả phân loại/classes")  # fmt: skip
        return 0
    finally:
        db.close()
