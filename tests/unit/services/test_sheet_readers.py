"""Spreadsheet readers: every format communes send reads into the same grid, told by content not by
name; a damaged file gets a message saying what is wrong, never a traceback."""

from __future__ import annotations

import datetime as dt
import sys
import unicodedata
import zipfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sheetfiles import (  # noqa: E402
    tcvn3,
    write_biff5,
    write_html,
    write_ods,
    write_spreadsheetml,
    write_xls,
    write_xlsx,
)

from xaapp.errors import KnownError  # noqa: E402
from xaapp.services.sheet_readers import read_book  # noqa: E402

ROWS = [
    ["DANH SÁCH HỘ NGHÈO", None, None, None],
    ["Mã hộ", "Tên chủ hộ", "Ngày sinh", "Số CCCD"],
    ["H01", tcvn3("Nguyễn Văn An"), dt.date(1980, 5, 1), 38085001111],
    [None, "Lê Thị Bình", dt.date(1979, 12, 31), None],
]
MERGES = [(0, 0, 0, 3), (2, 0, 3, 0)]


def _trimmed(row: list) -> list:
    row = list(row)
    while row and row[-1] is None:
        row.pop()
    return row


def _plain(value):
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


@pytest.mark.parametrize(
    ("kind", "writer"),
    [("xlsx", write_xlsx), ("xls", write_xls), ("ods", write_ods), ("spreadsheetml", write_spreadsheetml)],
)
def test_each_format_reads_to_the_same_grid_whatever_the_file_is_called(tmp_path: Path, kind, writer) -> None:
    path = writer(tmp_path / "danh-sach.xls", {"HoDan": ROWS, "NhanKhau": [["Mã hộ", "Họ tên"], ["H01", "A"]]},
                  {"HoDan": MERGES})  # fmt: skip
    book = read_book(path)
    assert book.format == kind
    assert [s.name for s in book.sheets] == ["HoDan", "NhanKhau"]
    sheet = book.sheets[0]
    assert [[_plain(v) for v in row] for row in sheet.rows] == [_trimmed(row) for row in ROWS]
    assert sheet.rows[2][1] == "NguyÔn V¨n An"  # legacy text is left as it is for the importer to convert
    assert sorted(sheet.merged) == sorted(MERGES)


def test_excel_95_biff5_with_its_code_page(tmp_path: Path) -> None:
    rows = [["DANH SACH"], ["Ma ho", "Ten chu ho", "Nam sinh"], ["H01", tcvn3("Nguyễn Văn An"), 1980]]
    book = read_book(write_biff5(tmp_path / "cu.xls", {"HoDan": rows}))
    assert book.format == "xls" and book.sheets[0].name == "HoDan"
    assert [[_plain(v) for v in row] for row in book.sheets[0].rows] == rows


def test_html_table_saved_as_xls_with_title_spans_and_unclosed_cells(tmp_path: Path) -> None:
    rows = [["Mã hộ", "Tên chủ hộ", "Ngày sinh"], ["H01", "Nguyễn Văn An", dt.date(1980, 5, 1)],
            [None, "Lê Thị Bình", "038085001111"]]  # fmt: skip
    path = write_html(tmp_path / "cong-thong-tin.xls", rows, [(1, 0, 2, 0)], title="DANH SÁCH HỘ",
                      close_cells=False)  # fmt: skip
    book = read_book(path)
    assert book.format == "html" and book.sheets[0].name == "cong-thong-tin"
    grid = book.sheets[0].rows
    assert grid[0] == ["DANH SÁCH HỘ"]  # the title above the table, as Excel shows it
    assert grid[1] == ["Mã hộ", "Tên chủ hộ", "Ngày sinh"]
    assert grid[2] == ["H01", "Nguyễn Văn An", "01/05/1980"]
    assert grid[3] == [None, "Lê Thị Bình", "038085001111"]  # the leading zero of text is kept
    assert book.sheets[0].merged == ((2, 0, 3, 0),)


def _cp1258(text: str) -> bytes:
    """Windows-1258 has the letters ă â ê ô ơ ư đ but writes tones as combining marks after them."""
    out = b""
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            marks = unicodedata.normalize("NFD", ch)
            tones = "".join(m for m in marks[1:] if m in "\u0300\u0301\u0303\u0309\u0323")
            letter = unicodedata.normalize("NFC", "".join(m for m in marks if m not in tones))
            out += letter.encode("cp1258") + tones.encode("cp1258")
    return out


def test_html_in_windows_1258_and_a_table_nested_in_a_cell(tmp_path: Path) -> None:
    page = ('<html><head><meta charset="windows-1258"></head><body><table>'
            "<tr><th>Thôn</th><th>Họ và tên</th></tr>"
            "<tr><td>Bản Lũng</td><td><table><tr><td>Vi Văn</td><td>Sơn</td></tr></table></td></tr>"
            "</table></body></html>")  # fmt: skip
    path = tmp_path / "a.xls"
    path.write_bytes(_cp1258(page))
    grid = [[unicodedata.normalize("NFC", v) for v in row] for row in read_book(path).sheets[0].rows]
    assert grid[0] == ["Thôn", "Họ và tên"]
    assert grid[1][0] == "Bản Lũng" and " ".join(grid[1][1].split()) == "Vi Văn Sơn"


def test_hidden_sheets_are_left_out(tmp_path: Path) -> None:
    path = write_spreadsheetml(tmp_path / "a.xml", {"DanhMuc": [["x"]], "HoDan": [["Mã hộ"], ["H01"]]},
                               hidden=("DanhMuc",))  # fmt: skip
    assert [s.name for s in read_book(path).sheets] == ["HoDan"]


def _message(path: Path) -> str:
    with pytest.raises(KnownError) as info:
        read_book(path)
    return str(info.value)


def test_damaged_and_wrong_files_get_a_message_saying_what_is_wrong(tmp_path: Path) -> None:
    good_xlsx = write_xlsx(tmp_path / "good.xlsx", {"A": ROWS})
    good_xls = write_xls(tmp_path / "good.xls", {"A": ROWS})

    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(good_xlsx.read_bytes()[:900])
    assert "bị hỏng" in _message(cut)

    cut_xls = tmp_path / "cut.xls"
    cut_xls.write_bytes(good_xls.read_bytes()[:2000])
    message = _message(cut_xls)
    assert "Excel 97-2003" in message and "bị hỏng" in message

    broken_xml = tmp_path / "broken.xls"
    broken_xml.write_text('<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">'
                          '<Worksheet><Table><Row><Cell></Row></Workbook>', encoding="utf-8")  # fmt: skip
    assert "XML của Excel bị hỏng ở dòng 1" in _message(broken_xml)

    docx = tmp_path / "don.xls"
    with zipfile.ZipFile(docx, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    assert "văn bản Word" in _message(docx)

    csv = tmp_path / "ds.xls"
    csv.write_text("Họ và tên;Ngày sinh\nA;01/01/1990\n", encoding="utf-8")
    assert "CSV" in _message(csv)

    empty = tmp_path / "empty.xls"
    empty.write_bytes(b"")
    assert "rỗng" in _message(empty)
    assert "Không có tệp" in _message(tmp_path / "missing.xlsx")

    page = tmp_path / "page.xls"
    page.write_text("<html><body><p>Không có dữ liệu</p></body></html>", encoding="utf-8")
    assert "không có bảng" in _message(page)

    noise = tmp_path / "noise.xls"
    noise.write_bytes(bytes(range(256)) * 8)
    assert "không phải bảng tính" in _message(noise)

    ole_noise = tmp_path / "ole.xls"
    ole_noise.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    assert "bị hỏng" in _message(ole_noise)


def test_blank_workbook_is_refused(tmp_path: Path) -> None:
    from openpyxl import Workbook

    path = tmp_path / "blank.xlsx"
    Workbook().save(path)
    assert "trống" in _message(path)
