"""Lists benchmarks: xlsx export of 20,000 rows against a bare openpyxl write-only loop, PDF of a 2,000-row list,
and the posting-list rows of a demo commune.

The bare loop writes the same cells (values only: no styles, formats, titles or totals), so the ratio is
what our formatting costs on top of openpyxl itself. The PDF runs in a fresh offscreen Qt process.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import Result

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


def _xlsx(rows: int, folder: Path) -> list[Result]:
    from openpyxl import Workbook

    from xaapp.services.exports import write_xlsx

    doc = payment_document(rows)
    started = time.perf_counter()
    write_xlsx(doc, folder / "ours.xlsx")
    ours = time.perf_counter() - started

    started = time.perf_counter()
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("bare")
    ws.append([c.title for c in doc.tables[0].columns])
    for row in doc.tables[0].rows():
        ws.append(list(row))
    wb.save(folder / "bare.xlsx")
    bare = time.perf_counter() - started
    return [
        Result("lists", f"xlsx export, {rows:,} rows", ours, "s", "<= 3 s", ours <= 3.0),
        Result("lists", f"bare openpyxl write-only, {rows:,} rows", bare, "s"),
        Result("lists", "xlsx export / bare openpyxl", ours / bare, "x", "<= 3", ours / bare <= 3.0,
               "styles, formats, titles, subtotals on top of the same cells"),
    ]  # fmt: skip


CHILD = """
import json, os, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, sys.argv[3])
from PySide6.QtGui import QGuiApplication
app = QGuiApplication([])
from bench_lists import payment_document
from xaapp.ui.printing import write_pdf
doc = payment_document(int(sys.argv[1]))
started = time.perf_counter()
pages = write_pdf(doc, sys.argv[2])
print(json.dumps({"seconds": time.perf_counter() - started, "pages": pages}))
"""


def _pdf(rows: int, folder: Path) -> list[Result]:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    done = subprocess.run([sys.executable, "-c", CHILD, str(rows), str(folder / "list.pdf"), str(ROOT / "bench")],
                          capture_output=True, text=True, env=env, timeout=600, check=True)  # fmt: skip
    out = json.loads(done.stdout.strip().splitlines()[-1])
    return [Result("lists", f"PDF of a {rows:,}-row payment list", out["seconds"], "s", "<= 10 s",
                   out["seconds"] <= 10.0, f"{out['pages']} pages, fonts embedded")]  # fmt: skip


def _rows_from_demo(households: int, folder: Path) -> list[Result]:
    from xaapp.services.demo import generate_demo
    from xaapp.services.list_documents import build_document
    from xaapp.storage.db import open_database

    db = open_database(folder / "demo")
    generate_demo(db, households=households, seed=1)
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
        results = _xlsx(2_000 if quick else 20_000, folder)
        results += _pdf(200 if quick else 2_000, folder)
        results += _rows_from_demo(1_000 if quick else 20_000, folder)
    return results
