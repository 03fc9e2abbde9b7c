"""A table row never splits across PDF pages: a row whose reason wraps over several lines and falls at a
page's foot moves whole to the next page, so no page starts with reason lines that have no STT or name.
Read back page by page with pdftotext."""

from __future__ import annotations

import datetime as dt
import logging
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from xaapp.reports.document import Column, Group, ListDocument, Table

pytestmark = [
    pytest.mark.gui,
    pytest.mark.skipif(
        shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is not installed"
    ),
]
FACTS = ("thiếu bảo hiểm y tế", "nhà ở tạm bợ", "không có nước sạch", "trẻ em bỏ học", "không có nhà tiêu",
         "thu nhập dưới chuẩn", "không có thiết bị thông tin")  # fmt: skip


def _reason(n: int, lines: int) -> str:
    """Several facts, each tagged with the row's number (r0042a, r0042b, …), long enough to wrap."""
    return "; ".join(f"r{n:04d}{chr(97 + k)} {FACTS[(n + k) % len(FACTS)]}" for k in range(lines))


def posting_list(rows: int, tall_every: int) -> ListDocument:
    columns = (
        Column("no", "STT", "int", 5),
        Column("name", "Họ và tên chủ hộ", "text", 22),
        Column("village", "Thôn", "text", 12),
        Column("reason", "Lý do (chỉ số thiếu hụt)", "text", 40),
    )
    body = tuple(
        (n, f"Người Thứ {n:04d}", "Bản Đôn", _reason(n, 9 if n % tall_every == 0 else 2))
        for n in range(1, rows + 1)
    )
    table = Table(columns, (Group("", body),), title="Danh sách hộ nghèo")
    return ListDocument("posting", "DANH SÁCH HỘ NGHÈO", "Xã Bá Thước", dt.date(2026, 11, 28), (table,),
                        subtitle="Năm 2026")  # fmt: skip


def page_texts(pdf: Path, pages: int) -> list[str]:
    return [
        subprocess.run(
            ["pdftotext", "-layout", "-f", str(p), "-l", str(p), str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout  # fmt: skip
        for p in range(1, pages + 1)
    ]


def test_a_tall_row_at_a_page_foot_moves_whole_to_the_next_page(qapp, tmp_path: Path, caplog) -> None:
    from xaapp.ui.printing import write_pdf

    caplog.set_level(logging.WARNING, logger="xaapp.ui.printing")
    boundaries = 0
    for rows, tall_every in ((70, 3), (83, 4), (95, 5)):  # tall rows land at different places on the pages
        pdf = tmp_path / f"ds-{rows}.pdf"
        pages = write_pdf(posting_list(rows, tall_every), pdf)
        assert pages >= 3
        assert not [r for r in caplog.records if "drawn smaller" in r.message]
        texts = page_texts(pdf, pages)
        seen: list[int] = []
        for page, text in enumerate(texts, 1):
            names = {int(n) for n in re.findall(r"Người Thứ (\d{4})", text)}
            reasons = {int(n) for n in re.findall(r"r(\d{4})[a-i]", text)}
            # every reason line on this page belongs to a row whose STT and name are on this page too
            assert reasons <= names, (rows, page, sorted(reasons - names))
            lines = text.splitlines()
            header = next(i for i, line in enumerate(lines) if "STT" in line and "Họ và tên" in line)
            first = next(line for line in lines[header + 1 :] if line.strip())
            assert re.match(r"\s*\d+\s+Người Thứ \d{4}", first), (
                rows,
                page,
                first,
            )  # starts with a whole row
            first_no = int(re.match(r"\s*(\d+)", first).group(1))
            if page > 1 and first_no - 1 in seen and (first_no - 1) % tall_every == 0:
                boundaries += 1  # a tall row ended the page before
            seen.extend(sorted(names))
        assert seen == list(range(1, rows + 1))  # every row once, in order, none cut in two
        # each tall row's nine facts are all on the page of its name
        for n in range(tall_every, rows + 1, tall_every):
            page_of = next(t for t in texts if f"Người Thứ {n:04d}" in t)
            assert all(f"r{n:04d}{chr(97 + k)}" in page_of for k in range(9)), n
    assert boundaries >= 1  # the check met a tall row at a page's foot at least once
