"""PDF and printing off the UI thread: the Lists screen writes a PDF in a child process and prints on the
runner's Qt worker, reports progress page by page, can be stopped (leaving no file), prints to the printer chosen;
every page's rows fit its page (pages are cut by this app, not by Qt)."""

from __future__ import annotations

import datetime as dt
import logging
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit" / "reports"))

from listdata import YEAR, make_db  # noqa: E402

from xaapp.reports.document import Column, Group, ListDocument, Table  # noqa: E402
from xaapp.services.list_documents import SIGN_CHAIR, SIGN_MAKER, build_document  # noqa: E402

pytestmark = pytest.mark.gui
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")


def payment_list(rows: int, villages: int = 4) -> ListDocument:
    columns = (
        Column("no", "STT", "int", 5),
        Column("name", "Họ và tên", "text", 30),
        Column("amount", "Số tiền (đồng)", "money", 14, summed=True),
        Column("sign", "Ký nhận", "signature", 16),
    )
    per = rows // villages
    groups = tuple(
        Group(f"Thôn số {v + 1}", tuple((i, f"Người Thứ {i:04d}", 500_000 + i, None) for i in range(v * per + 1, (v + 1) * per + 1)),
              subtotal=True)
        for v in range(villages)
    )  # fmt: skip
    table = Table(columns, groups, title="Bảng chi trả", grand_total=True, page_total_column="amount")
    return ListDocument("payment", "DANH SÁCH CHI TRẢ", "Xã Bá Thước", dt.date(2026, 11, 28), (table,),
                        subtitle="Tháng 07/2026", amount_in_words="…", notes=("Ghi chú.",) * 6,
                        signatures=(SIGN_MAKER, SIGN_CHAIR))  # fmt: skip


@pytest.fixture
def panel(qtbot, tmp_path: Path):
    from xaapp.ui.lists.panel import ListsPanel
    from xaapp.ui.tasks import TaskRunner

    db, _ids = make_db(tmp_path)
    runner = TaskRunner()
    widget = ListsPanel(db, runner)
    qtbot.addWidget(widget)
    yield widget
    runner.shutdown()


def test_pdf_pages_are_painted_in_a_child_process_with_progress(
    qtbot, panel, tmp_path: Path, monkeypatch
) -> None:
    """Qt's layout and painting hold the interpreter lock for each call: on a thread of the app they would
    freeze the window as long, so the pages are painted by a child process, which reports page by page."""
    from xaapp.ui import pdf_process, printing

    in_this_process: list[str] = []
    paint = printing.PagedList.paint
    monkeypatch.setattr(printing.PagedList, "paint",
                        lambda self, *a, **k: in_this_process.append("painted") or paint(self, *a, **k))  # fmt: skip
    children: list[subprocess.Popen] = []
    real_popen = subprocess.Popen

    def recording_popen(*args, **kwargs):
        child = real_popen(*args, **kwargs)
        children.append(child)
        return child

    monkeypatch.setattr(pdf_process.subprocess, "Popen", recording_popen)
    seen: list[tuple[int, int]] = []
    panel.progress.valueChanged.connect(lambda v: seen.append((v, panel.progress.maximum())))
    panel.select("summary", year=YEAR)
    with qtbot.waitSignal(panel.sig_exported, timeout=60000):
        panel.export_to(tmp_path / "tong-hop.pdf", "pdf")
    assert in_this_process == [] and len(children) == 1
    assert children[0].returncode == 0  # finished and waited for
    assert (tmp_path / "tong-hop.pdf").read_bytes().startswith(b"%PDF")
    assert (3, 3) in seen  # the bar counted the pages up to the last
    assert "3 trang" in panel.status.text() and panel.pdf_button.isEnabled() and panel.stop_button.isHidden()


def test_a_failing_pdf_child_is_an_error_message_not_a_hang(qtbot, panel, tmp_path: Path, monkeypatch) -> None:
    from xaapp.ui import pdf_process

    monkeypatch.setattr(pdf_process, "child_command", lambda: [sys.executable, "-c", "import sys; sys.exit(3)"])
    errors: list[BaseException] = []
    with pytest.raises(RuntimeError, match="exit status 3"):
        pdf_process.write_pdf_in_child(payment_list(8), tmp_path / "x.pdf")
    assert not list(tmp_path.glob("x.pdf*")) and not errors


def test_stopping_a_pdf_leaves_no_file(qtbot, panel, tmp_path: Path, monkeypatch) -> None:
    from xaapp.ui.lists import panel as panel_module

    target = tmp_path / "dai.pdf"
    reached, resume = threading.Event(), threading.Event()
    real = panel_module._page_progress

    def held_after_the_first_page(progress, text):
        pages = real(progress, text)

        def report(done: int, total: int) -> None:
            if done == 1:  # the worker waits here until the officer has pressed "Dừng"
                reached.set()
                assert resume.wait(30)
            pages(done, total)

        return report

    monkeypatch.setattr(panel_module, "_page_progress", held_after_the_first_page)
    monkeypatch.setattr(panel_module, "_document_task", lambda *_a: lambda _p: payment_list(600))
    panel.export_to(target, "pdf")
    try:
        qtbot.waitUntil(reached.is_set, timeout=30000)
        assert not panel.stop_button.isHidden() and not panel.pdf_button.isEnabled()
        panel.stop()
    finally:
        resume.set()
    qtbot.waitUntil(panel.pdf_button.isEnabled, timeout=30000)
    assert "Đã dừng" in panel.status.text() and panel.stop_button.isHidden()
    assert not target.exists() and not list(tmp_path.glob("dai.pdf*"))


@needs_poppler
def test_printing_goes_to_the_chosen_printer_in_the_background(qtbot, panel, tmp_path: Path) -> None:
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(
        QPrinter.PrinterMode.HighResolution
    )  # what the print dialog hands back, here to a file
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    doc = build_document(panel._db, "summary", year=YEAR)
    with qtbot.waitSignal(panel.sig_printed, timeout=30000) as printed:
        panel.print_to(doc, printer)
    assert printed.args == [3]
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "printed.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip
    assert "Biểu 4. Diễn biến hộ cận nghèo" in text and "Trang 3/3" in text


@needs_poppler
def test_every_page_fits_and_headings_never_end_a_page(qapp, tmp_path: Path, caplog) -> None:
    from xaapp.ui.printing import write_pdf

    caplog.set_level(logging.WARNING, logger="xaapp.ui.printing")
    for rows in (30, 97, 260):  # the table ends at different heights: the notes and signatures move
        pdf = tmp_path / f"list-{rows}.pdf"
        pages = write_pdf(payment_list(rows), pdf)
        assert not [r for r in caplog.records if "drawn smaller" in r.message]  # nothing overflowed a page
        texts = [
            subprocess.run(
                ["pdftotext", "-layout", "-f", str(p), "-l", str(p), str(pdf), "-"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout.rstrip()  # fmt: skip
            for p in range(1, pages + 1)
        ]
        numbers = [int(n) for t in texts for n in __import__("re").findall(r"Người Thứ (\d{4})", t)]
        assert numbers == sorted(set(numbers)) and len(numbers) == rows // 4 * 4  # every row once, in order
        for page, text in enumerate(texts, 1):
            body = [line for line in text.splitlines() if line.strip() and "Trang " not in line]
            assert not body[-1].strip().startswith(("Thôn số", "Bảng chi trả")), (
                rows,
                page,
            )  # no heading alone
        assert "NGƯỜI LẬP BIỂU" in texts[-1] and "Tổng cộng" in "".join(texts)
