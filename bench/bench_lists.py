"""Lists benchmarks, each against a floor measured in the same run:

- xlsx export of 20,000 rows against a bare openpyxl write-only loop writing the same cells (values
  only: no styles, formats, titles or totals): the ratio is what our formatting costs on top of openpyxl;
- PDF of a 2,000-row payment list (93 pages) against the same pages drawn with nothing around them: one
  plain ``QTextDocument`` per page holding that page's HTML (as ``ui.printing`` cuts them), laid out and
  drawn on the same PDF writer; no measuring, no page headers, footers or subtotals;
- time per page as the list grows to about 444 pages: flat means at most 1.2 × the 93-page time per page;
- the posting-list rows and summary tables of the 20,000-household demo commune.

The PDFs are made in a fresh offscreen Qt process (``write_pdf`` as the CLI and the Lists screen use it).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import Result, demo_folder, ratio_result

ROOT = Path(__file__).resolve().parents[1]
VILLAGES = ("Bản Đôn", "Bản Kho Mường", "Bản Son", "Thôn Đồng Tâm", "Thôn Lũng Cao", "Bản Hang", "Thôn Điền Lư",
            "Bản Sại", "Thôn Ấm Hiêu", "Bản Lặn")  # fmt: skip
FAMILY = ("Nguyễn", "Lê", "Hà", "Lò", "Phạm", "Trương", "Bùi", "Đinh", "Quách", "Lục")
GIVEN = ("An", "Bình", "Cường", "Dũng", "Hường", "Lộc", "Mai", "Nga", "Ánh", "Tú", "Xoan", "Yến")


def payment_document(rows: int):
    """A payment list of *rows* people in ten villages (same shape as the real one)."""
    from xaapp.reports.document import Column, Group, ListDocument, Table

    columns = (
        Column("no", "STT", "int", 5),
        Column("name", "Họ và tên", "text", 24),
        Column("birth", "Ngày sinh", "date", 13),
        Column("clause", "Diện hưởng", "text", 11),
        Column("coefficient", "Hệ số", "decimal", 7),
        Column("amount", "Số tiền (đồng)", "money", 14, summed=True),
        Column("sign", "Ký nhận", "signature", 16),
    )
    per = max(rows // len(VILLAGES), 1)
    groups, n = [], 0
    for v, village in enumerate(VILLAGES):
        body = []
        for _ in range(per if v < len(VILLAGES) - 1 else rows - per * (len(VILLAGES) - 1)):
            n += 1
            name = f"{FAMILY[n % 10]} Văn {GIVEN[n % 12]} {n}"
            body.append(
                (n, name, dt.date(1940 + n % 60, 1 + n % 12, 1 + n % 28), "K5.5a", 1.5, 750_000, None)
            )
        groups.append(Group(f"{village} ({len(body)} người)", tuple(body), subtotal=True))
    table = Table(columns, tuple(groups), grand_total=True, page_total_column="amount")
    return ListDocument("payment", "DANH SÁCH CHI TRẢ TRỢ CẤP XÃ HỘI HÀNG THÁNG", "Xã Bá Thước",
                        dt.date(2026, 11, 28), (table,), subtitle="Tháng 07/2026", amount_in_words="…")  # fmt: skip


def _xlsx(rows: int, folder: Path, attempts: int = 3) -> list[Result]:
    from openpyxl import Workbook

    from xaapp.services.exports import write_xlsx

    doc = payment_document(rows)
    ours_runs, bare_runs = [], []
    for _ in range(attempts):  # alternating, the medians compared
        started = time.perf_counter()
        write_xlsx(doc, folder / "ours.xlsx")
        ours_runs.append(time.perf_counter() - started)

        started = time.perf_counter()
        wb = Workbook(write_only=True)
        ws = wb.create_sheet("bare")
        ws.append([c.title for c in doc.tables[0].columns])
        for row in doc.tables[0].rows():
            ws.append(list(row))
        wb.save(folder / "bare.xlsx")
        bare_runs.append(time.perf_counter() - started)
    ours, bare = statistics.median(ours_runs), statistics.median(bare_runs)
    return [
        Result("lists", f"xlsx export, {rows:,} rows", ours, "s"),
        Result("lists", f"floor: bare openpyxl write-only, {rows:,} rows", bare, "s", note="the same cells, values only"),
        ratio_result("lists", f"xlsx {rows:,} rows", ours, bare, 1.5,
                     "styles, formats, titles, subtotals on top of the same cells"),
    ]  # fmt: skip


CHILD = """
import json, os, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, sys.argv[3])
from PySide6.QtCore import QRectF
from PySide6.QtGui import QGuiApplication, QPainter, QPdfWriter, QTextDocument
app = QGuiApplication([])
from bench_lists import payment_document
from xaapp.ui.printing import PDF_DPI, PagedList, configure_device, ensure_fonts, write_pdf
ensure_fonts()
doc = payment_document(int(sys.argv[1]))
out = {}
for attempt in range(int(sys.argv[4])):
    started = time.perf_counter()
    pages = write_pdf(doc, sys.argv[2])
    ours = time.perf_counter() - started
    # The floor: the same pages, each a plain QTextDocument laid out and drawn, nothing else.
    writer = QPdfWriter(sys.argv[2] + ".floor.pdf")
    writer.setResolution(PDF_DPI)
    configure_device(writer, doc)
    paged = PagedList(doc, writer)
    htmls = [paged.page_html(n) for n in range(paged.pages)]
    started = time.perf_counter()
    painter = QPainter(writer)
    for n, html in enumerate(htmls):
        if n:
            writer.newPage()
        text = QTextDocument()
        text.documentLayout().setPaintDevice(writer)
        text.setDefaultFont(paged.font)
        text.setDocumentMargin(0)
        text.setTextWidth(paged.width)
        text.setHtml(html)
        text.drawContents(painter, QRectF(0, 0, paged.width, paged.body_h))
        del text
    painter.end()
    floor = time.perf_counter() - started
    del painter, writer, paged
    out = min(out, {"seconds": ours, "floor": floor, "pages": pages}, key=lambda o: o.get("seconds", 1e9))
print(json.dumps(out), flush=True)
os._exit(0)
"""


def _pdf_child(rows: int, folder: Path, attempts: int) -> dict:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    done = subprocess.run([sys.executable, "-c", CHILD, str(rows), str(folder / f"list-{rows}.pdf"), str(ROOT / "bench"),
                           str(attempts)], capture_output=True, text=True, env=env, timeout=1800, check=True)  # fmt: skip
    return json.loads(done.stdout.strip().splitlines()[-1])


#: Rows of the long list: about 444 pages (names grow longer as the numbers grow, so not 2,000 × 444 / 93).
LONG_ROWS = 8_300


def _pdf(quick: bool, folder: Path) -> list[Result]:
    rows = 200 if quick else 2_000
    short = _pdf_child(rows, folder, 1 if quick else 3)
    results = [
        Result("lists", f"PDF of a {rows:,}-row payment list", short["seconds"], "s",
               note=f"{short['pages']} pages, fonts embedded; best of {1 if quick else 3}"),
        Result("lists", "floor: the same pages, one plain QTextDocument each", short["floor"], "s"),
        ratio_result("lists", f"PDF {rows:,} rows", short["seconds"], short["floor"], 2,
                     "measuring rows, cutting pages, headers, footers and page subtotals on top"),
    ]  # fmt: skip
    long_rows = 800 if quick else LONG_ROWS
    long = _pdf_child(long_rows, folder, 1)
    per_short = short["seconds"] / short["pages"]
    per_long = long["seconds"] / long["pages"]
    results += [
        Result("lists", f"PDF of a {long_rows:,}-row payment list", long["seconds"], "s",
               note=f"{long['pages']} pages; floor {long['floor']:.2f} s"),
        Result("lists", f"time per page, {long['pages']} pages ÷ {short['pages']} pages", per_long / per_short, "×",
               "<= 1.2", per_long / per_short <= 1.2,
               f"{per_long * 1000:.1f} ms vs {per_short * 1000:.1f} ms a page: flat in the page count"),
    ]  # fmt: skip
    return results


def _rows_from_demo(households: int, folder: Path) -> list[Result]:
    from xaapp.services.list_documents import build_document
    from xaapp.storage.db import open_database

    db = open_database(demo_folder(households))
    started = time.perf_counter()
    doc = build_document(db, "posting", year=2026)
    posting = time.perf_counter() - started
    started = time.perf_counter()
    build_document(db, "summary", year=2026)
    summary = time.perf_counter() - started
    db.close()
    return [
        Result("lists", f"posting list rows, {households:,} households", posting, "s", "<= 1 s", posting <= 1.0,
               f"{doc.row_count():,} rows"),
        Result("lists", f"summary tables, {households:,} households", summary, "s", "<= 2 s", summary <= 2.0),
    ]  # fmt: skip


def run(quick: bool) -> list[Result]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        results = _xlsx(2_000 if quick else 20_000, folder, 1 if quick else 3)
        results += _pdf(quick, folder)
        results += _rows_from_demo(2_000 if quick else 20_000, folder)
    return results
