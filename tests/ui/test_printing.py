"""PDF of the lists through Qt: text back with pdftotext, a page rendered with pdftoppm, page subtotals."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit" / "reports"))

from listdata import MONTH, PAYMENT_WORDS, YEAR, make_db  # noqa: E402

from xaapp.reports.document import Column, Group, ListDocument, Table  # noqa: E402
from xaapp.services.list_documents import SIGN_CHAIR, SIGN_MAKER, build_document  # noqa: E402

pytestmark = [
    pytest.mark.gui,
    pytest.mark.skipif(
        shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is not installed"
    ),
]
TODAY = dt.date(2026, 11, 28)


def pdf_text(path: Path, page: int | None = None) -> str:
    args = ["pdftotext", "-layout"]
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    return subprocess.run([*args, str(path), "-"], check=True, capture_output=True, text=True).stdout


@pytest.fixture
def commune(tmp_path: Path):
    return make_db(tmp_path)


def test_payment_pdf_has_heading_names_total_words_and_page_number(qapp, commune, tmp_path: Path) -> None:
    from xaapp.ui.printing import write_pdf

    db, _ids = commune
    pdf = tmp_path / "chi-tra.pdf"
    pages = write_pdf(build_document(db, "payment", month=MONTH, today=TODAY), pdf)
    text = pdf_text(pdf)
    assert pages == 1
    for expected in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "XÃ BÁ THƯỚC",
                     "DANH SÁCH CHI TRẢ TRỢ CẤP XÃ HỘI HÀNG THÁNG", "Tháng 07/2026", "Bá Thước, ngày 28 tháng 11 năm 2026",
                     "Hà Thị Mai", "Lê Thị Bình", "01/07/1958", "1.000.000 đ", "750.000 đ", "1.750.000 đ",
                     PAYMENT_WORDS, "NGƯỜI LẬP BIỂU", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Trang 1/1",
                     "Cộng trang: 1.750.000 đ"):  # fmt: skip
        assert expected in text, expected
    assert "Nguyễn Văn Ân" not in text  # stopped from 2026-06
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout.splitlines()[2:]
    assert {line.split()[0] for line in fonts} >= {"NotoSans-Regular", "NotoSans-Bold", "NotoSans-Italic"}
    assert all(line.split()[-5] == "yes" for line in fonts)  # every font embedded


def test_posting_pdf_masks_personal_ids(qapp, commune, tmp_path: Path) -> None:
    from xaapp.ui.printing import write_pdf

    db, _ids = commune
    pdf = tmp_path / "niem-yet.pdf"
    write_pdf(build_document(db, "posting", year=YEAR, today=TODAY), pdf)
    text = pdf_text(pdf)
    assert "DANH SÁCH HỘ NGHÈO, HỘ CẬN NGHÈO NĂM 2026" in text
    assert "Lò Thị Ánh" in text and "Hoàng Văn Tú" in text
    assert "038******321" in text and "038158004321" not in text
    assert "Phạm Văn Dũng" not in text and "Trịnh Văn Xoan" not in text


def _long_payment_list(n: int) -> ListDocument:
    columns = (
        Column("no", "STT", "int", 5),
        Column("name", "Họ và tên", "text", 30),
        Column("amount", "Số tiền (đồng)", "money", 14, summed=True),
        Column("sign", "Ký nhận", "signature", 16),
    )
    rows = tuple((i, f"Người Thứ {i:03d}", 500_000 + i * 1_000, None) for i in range(1, n + 1))
    table = Table(
        columns, (Group("Thôn Đồng Tâm", rows, subtotal=True),), grand_total=True, page_total_column="amount"
    )
    return ListDocument("payment", "DANH SÁCH CHI TRẢ", "Xã Bá Thước", TODAY, (table,),
                        signatures=(SIGN_MAKER, SIGN_CHAIR))  # fmt: skip


def test_long_list_repeats_the_header_and_page_subtotals_add_up(qapp, tmp_path: Path) -> None:
    from xaapp.ui.printing import write_pdf

    pdf = tmp_path / "long.pdf"
    pages = write_pdf(_long_payment_list(120), pdf)
    assert pages >= 3
    seen: list[int] = []
    page_sums = 0
    for page in range(1, pages + 1):
        text = pdf_text(pdf, page)
        assert f"Trang {page}/{pages}" in text
        numbers = [int(m) for m in re.findall(r"Người Thứ (\d{3})", text)]
        if numbers:
            assert "Họ và tên" in text  # the table header on every page with rows
            subtotal = re.search(r"Cộng trang: ([\d.]+) đ", text)
            assert subtotal, f"no page subtotal on page {page}"
            expected = sum(500_000 + i * 1_000 for i in numbers)
            assert int(subtotal.group(1).replace(".", "")) == expected
            page_sums += expected
        if page > 1:
            assert "ỦY BAN NHÂN DÂN XÃ BÁ THƯỚC – DANH SÁCH CHI TRẢ" in text  # running header
        seen += numbers
    assert seen == list(range(1, 121))
    assert page_sums == sum(500_000 + i * 1_000 for i in range(1, 121))


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm is not installed")
def test_rendered_summary_page_is_not_blank_and_has_the_chart(qapp, commune, tmp_path: Path) -> None:
    from PySide6.QtGui import QImage

    from xaapp.ui.printing import write_pdf

    db, _ids = commune
    pdf = tmp_path / "tong-hop.pdf"
    pages = write_pdf(build_document(db, "summary", year=YEAR, today=TODAY), pdf)
    text = pdf_text(pdf)
    assert (
        "Biểu 3. Diễn biến hộ nghèo năm 2025 – 2026" in text
        and "Biểu 4. Diễn biến hộ cận nghèo" in text
        and "Đầu kỳ" in text
    )
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(tmp_path / "page")], check=True)
    images = sorted(tmp_path.glob("page-*.png"))
    assert len(images) == pages

    def colour_and_ink(path: Path) -> tuple[int, int]:
        image = QImage(str(path))
        ink = colour = 0
        for y in range(0, image.height(), 2):
            for x in range(0, image.width(), 2):
                c = image.pixelColor(x, y)
                if c.lightness() < 200:
                    ink += 1
                if c.saturation() > 120 and c.value() > 80:
                    colour += 1
        return ink, colour

    first_ink, _ = colour_and_ink(images[0])
    assert first_ink > 500  # text and table lines, not a blank page
    assert max(colour_and_ink(p)[1] for p in images) > 200  # the coloured bars of the chart


def test_print_preview_paints_the_same_pages(qtbot, commune) -> None:
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewWidget

    from xaapp.ui.printing import preview_dialog

    db, _ids = commune
    doc = build_document(db, "summary", year=YEAR, today=TODAY)
    dialog = preview_dialog(doc)
    qtbot.addWidget(dialog)
    widget = dialog.findChild(QPrintPreviewWidget)
    widget.updatePreview()
    assert widget.pageCount() == 3
    printer = dialog.printer()
    assert printer.pageLayout().orientation().name == "Landscape"
    assert printer.outputFormat() in (QPrinter.OutputFormat.NativeFormat, QPrinter.OutputFormat.PdfFormat)
