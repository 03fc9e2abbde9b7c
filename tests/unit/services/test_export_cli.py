"""`xaapp export`: xlsx in-process, PDF in a child process (Qt offscreen, as on a server)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "reports"))

from listdata import MONTH, PAYMENT_TOTAL, PAYMENT_WORDS, make_db  # noqa: E402

from xaapp.cli import main  # noqa: E402


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    db, _ids = make_db(tmp_path)
    db.close()
    return tmp_path / "data"


def test_export_xlsx_for_one_village_by_name_without_accents(data_dir: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "niem-yet.xlsx"
    status = main(["export", "--data-dir", str(data_dir), "--list", "niem-yet", "--year", "2026",
                   "--village", "thon dong tam", "-o", str(out)])  # fmt: skip
    assert status == 0
    wb = load_workbook(out)
    names = [r[1] for ws in wb.worksheets for r in ws.iter_rows(values_only=True) if isinstance(r[0], int)]
    assert names == ["Lê Thị Bình", "Hoàng Văn Tú", "Nguyễn Văn Ân"]
    assert "Niêm yết công khai – Thôn Đồng Tâm" in [
        r[0] for r in wb.worksheets[0].iter_rows(values_only=True)
    ]
    assert "3 dòng/rows" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--list", "payment", "--format", "xlsx"], "cần tháng chi trả"),
        (["--list", "posting", "--format", "xlsx"], "cần năm rà soát"),
        (["--list", "nope", "--year", "2026", "--format", "xlsx"], "Không có danh sách"),
        (["--list", "payment", "--month", "2026-7", "--format", "xlsx"], "YYYY-MM"),
        (
            ["--list", "posting", "--year", "2026", "--village", "Không Có", "--format", "xlsx"],
            "Không tìm thấy thôn",
        ),
        (["--list", "posting", "--year", "2026", "--format", "doc"], "invalid choice"),
    ],
)
def test_export_refuses_bad_arguments_with_a_message(
    data_dir: Path, tmp_path: Path, capsys, args, message
) -> None:
    try:
        status = main(["export", "--data-dir", str(data_dir), *args, "-o", str(tmp_path / "x.out")])
    except SystemExit as exc:  # argparse
        status = exc.code
    assert status == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "x.out").exists()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_export_pdf_from_the_command_line_without_a_display(data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "chi-tra.pdf"
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run(
        [sys.executable, "-m", "xaapp", "export", "--data-dir", str(data_dir), "--list", "chi-tra",
         "--month", MONTH, "--format", "pdf", "-o", str(out)],
        capture_output=True, text=True, env=env, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "Hà Thị Mai" in text and "1.750.000 đ" in text and PAYMENT_WORDS in text
    assert f"{PAYMENT_TOTAL:,}".replace(",", ".") in text
