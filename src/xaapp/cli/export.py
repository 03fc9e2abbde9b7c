"""`xaapp export`: a printed list as PDF or xlsx, the same lists as the app's Lists screen.

PDF goes through Qt's text engine, which needs a QGuiApplication: without a display (a server, a
scheduled task) the offscreen platform is chosen before Qt loads.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from xaapp.errors import KnownError

LIST_HELP = (
    "posting (niem-yet): hộ nghèo, cận nghèo để niêm yết / poor and near-poor for posting; "
    "escaped (thoat-ngheo): hộ thoát nghèo / escaped poverty; payment (chi-tra): chi trả hàng tháng / monthly payment; "
    "bank (ngan-hang): tệp chuyển khoản / bank transfer file; summary (tong-hop): tổng hợp / summary tables"
)


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = subparsers.add_parser(
        "export", parents=[common],
        help="xuất danh sách, báo cáo ra PDF hoặc Excel / export a list or report to PDF or Excel",
        description=LIST_HELP,
    )  # fmt: skip
    p.add_argument("--list", required=True, metavar="NAME", dest="list_name", help=LIST_HELP)
    p.add_argument("--year", type=int, metavar="Y", help="năm rà soát / review year")
    p.add_argument(
        "--village", metavar="V", help="tên thôn (không dấu cũng được) hoặc mã / village name or id"
    )
    p.add_argument("--month", metavar="YYYY-MM", help="tháng chi trả / payment month")
    p.add_argument(
        "--format", choices=("pdf", "xlsx"), help="mặc định theo đuôi tệp / default: from the file name"
    )
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="tệp kết quả / output file")
    p.set_defaults(func=run)


def ensure_qt_app() -> object:
    """A QGuiApplication for painting; offscreen when there is no display."""
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance()
    return app if app is not None else QGuiApplication(["xaapp"])


def run(args: argparse.Namespace) -> int:
    from xaapp.cli.unlock import unlock_key  # asks for the passphrase of an encrypted file
    from xaapp.config import resolve_config
    from xaapp.services.exports import write_xlsx
    from xaapp.services.list_documents import build_document
    from xaapp.services.listing import find_village
    from xaapp.storage.db import DB_FILENAME, open_database

    output = Path(args.output)
    fmt = args.format or output.suffix.lower().lstrip(".")
    if fmt not in ("pdf", "xlsx"):
        raise KnownError("Chọn --format pdf hoặc xlsx (hoặc đặt tên tệp đuôi .pdf/.xlsx).",
                         "Choose --format pdf or xlsx (or name the file .pdf/.xlsx).")  # fmt: skip
    config = resolve_config(args.data_dir)
    if not (config.data_dir / DB_FILENAME).exists():
        raise KnownError(f"Không có dữ liệu trong {config.data_dir}.", f"No data in {config.data_dir}.")
    db = open_database(config.data_dir, unlock_key(config.data_dir))
    try:
        village_id = None
        if args.village:
            village = find_village(db, args.village)
            if village is None:
                raise KnownError(f"Không tìm thấy thôn «{args.village}».", f"No village “{args.village}”.")
            village_id = village.id
        doc = build_document(db, args.list_name, year=args.year, month=args.month, village_id=village_id)
    finally:
        db.close()
    if fmt == "xlsx":
        write_xlsx(doc, output)
        print(f"{doc.title}: {doc.row_count()} dòng/rows → {output}")
    else:
        ensure_qt_app()
        from xaapp.ui.printing import write_pdf

        pages = write_pdf(doc, output)
        print(f"{doc.title}: {doc.row_count()} dòng/rows, {pages} trang/pages → {output}")
    for note in doc.footnotes:  # values resting on rule figures not verified are marked in the file
        print(note)
    return 0
