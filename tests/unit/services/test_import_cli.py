"""`xaapp import FILE.xlsx [--dry-run]`: report, exit status, all or nothing."""

from __future__ import annotations

import sys
from pathlib import Path

from openpyxl import Workbook
from sqlalchemy import func, select

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "reports"))

from listdata import make_db  # noqa: E402

from xaapp.cli import main  # noqa: E402
from xaapp.storage.db import open_database  # noqa: E402
from xaapp.storage.orm import Person  # noqa: E402


def _file(path: Path, rows: list[list[object]]) -> Path:
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    wb.save(path)
    return path


def _people(data_dir: Path) -> int:
    db = open_database(data_dir)
    try:
        with db.read() as s:
            return s.scalar(select(func.count()).select_from(Person))
    finally:
        db.close()


def test_dry_run_then_import(tmp_path: Path, capsys) -> None:
    db, _ids = make_db(tmp_path)
    db.close()
    data = tmp_path / "data"
    before = _people(data)
    path = _file(tmp_path / "ds.xlsx", [["Thon", "Ho va ten", "Ngay sinh", "Quan he"],
                                        ["Bản Lũng", "Vi Văn Sơn", "12/04/1985", "Chủ hộ"],
                                        ["Bản Lũng", "Hà Văn An", "02/02/1962", "Chủ hộ"]])  # fmt: skip
    assert main(["import", "--data-dir", str(data), str(path), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Họ và tên / Full name: cột / column B (Ho va ten)" in out
    assert "Hà Văn An đã có / already registered" in out and "dry run" in out
    assert _people(data) == before
    assert main(["import", "--data-dir", str(data), str(path)]) == 0
    captured = capsys.readouterr()
    assert "1 hộ/households, 1 người/people" in captured.out
    assert "Đang ghi hộ, nhân khẩu" in captured.err and "Đang lưu vào tệp dữ liệu" in captured.err  # each phase named
    assert _people(data) == before + 1


def test_errors_exit_2_and_import_nothing(tmp_path: Path, capsys) -> None:
    db, _ids = make_db(tmp_path)
    db.close()
    data = tmp_path / "data"
    before = _people(data)
    path = _file(tmp_path / "bad.xlsx", [["Thôn", "Họ và tên", "Ngày sinh", "Số CCCD"],
                                         ["Bản Lũng", "Vi Văn Sơn", "12/04/1985", "038085001111"],
                                         ["Bản Lũng", "Vi Văn Hùng", "1985-13-01", "03808500111X"]])  # fmt: skip
    assert main(["import", "--data-dir", str(data), str(path)]) == 2
    captured = capsys.readouterr()
    assert "Lỗi – Dòng 3, cột C (Ngày sinh)" in captured.out
    assert "Lỗi – Dòng 3, cột D (Số CCCD)" in captured.out
    assert "chưa nhập dòng nào" in captured.err
    assert _people(data) == before
    not_xlsx = tmp_path / "ds.xlsx.txt"
    not_xlsx.write_text("hello")
    assert main(["import", "--data-dir", str(data), str(not_xlsx)]) == 2
    assert "không phải bảng tính" in capsys.readouterr().err


def test_unknown_headers_write_map_then_map_then_saved_for_the_template(tmp_path: Path, capsys) -> None:
    import json

    db, _ids = make_db(tmp_path)
    db.close()
    data = tmp_path / "data"
    before = _people(data)
    rows = [["A", "B", "C", "D"], ["Bản Lũng", "Lục Văn Đông", "04/03/1979", "Chủ hộ"],
            ["Bản Lũng", "Lục Thị Hoa", "05/06/1981", "Vợ"]]  # fmt: skip
    path = _file(tmp_path / "khong-tieu-de.xlsx", rows)
    guessed = tmp_path / "map.json"
    assert main(["import", "--data-dir", str(data), str(path), "--write-map", str(guessed)]) == 2
    out = capsys.readouterr().out
    assert "Không nhận ra dòng tiêu đề" in out and "B «B» [Lục Văn Đông, Lục Thị Hoa] → Họ và tên (full_name)" in out
    mapping = json.loads(guessed.read_text(encoding="utf-8"))
    assert mapping["sheets"]["Sheet"]["columns"] == {"A": "village", "B": "full_name", "C": "birth", "D": "relationship"}
    mapping["sheets"]["Sheet"]["columns"]["D"] = "Quan hệ với chủ hộ"  # a field by its Vietnamese label works too
    guessed.write_text(json.dumps(mapping, ensure_ascii=False), encoding="utf-8")
    assert main(["import", "--data-dir", str(data), str(path), "--map", str(guessed)]) == 0
    assert "mapping saved" in capsys.readouterr().out
    assert _people(data) == before + 2
    again = _file(tmp_path / "lan-sau.xlsx", [rows[0], ["Bản Lũng", "Lục Văn Nam", "01/01/2001", "Chủ hộ"]])
    assert main(["import", "--data-dir", str(data), str(again), "--dry-run"]) == 0  # the saved mapping is used
    assert "1 người mới / new people" in capsys.readouterr().out
    bad = tmp_path / "bad.json"
    bad.write_text('{"sheets": {"Sheet": {"columns": {"B": "ten_la"}}}}', encoding="utf-8")
    assert main(["import", "--data-dir", str(data), str(again), "--map", str(bad)]) == 2
    assert "không có trường «ten_la»" in capsys.readouterr().err


def test_dry_run_of_an_old_xls_reports_the_converted_cells_and_row_states(tmp_path: Path, capsys) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from sheetfiles import tcvn3, write_xls

    db, _ids = make_db(tmp_path)
    db.close()
    data = tmp_path / "data"
    rows = [["Thon", "Ho va ten", "Ngay sinh", "Quan he"],
            [tcvn3("Bản Lũng"), tcvn3("Vi Văn Sơn"), "12/04/1985", tcvn3("Chủ hộ")],
            [tcvn3("Bản Lũng"), tcvn3("Hà Văn An"), "02/02/1962", tcvn3("Chủ hộ")]]  # fmt: skip
    path = write_xls(tmp_path / "cu.xls", {"DanhSach": rows})
    assert main(["import", "--data-dir", str(data), str(path), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Excel 97-2003" in out and "Đã chuyển sang Unicode 6 ô TCVN3 (ABC)" in out
    assert "1 dòng mới / new, 0 cập nhật / updated, 1 không đổi / unchanged, 0 bị từ chối / rejected" in out
