"""The Lists screen and the import wizard, offscreen with the inline task runner."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit" / "reports"))

from listdata import PAYMENT_WORDS, make_db  # noqa: E402

from xaapp.storage.orm import Person  # noqa: E402
from xaapp.ui.tasks import InlineTaskRunner  # noqa: E402

pytestmark = pytest.mark.gui


@pytest.fixture
def commune(tmp_path: Path):
    return make_db(tmp_path)


def test_panel_previews_and_exports_payment_list(qtbot, commune, tmp_path: Path) -> None:
    from xaapp.ui.lists.panel import ListsPanel

    db, ids = commune
    panel = ListsPanel(db, InlineTaskRunner())
    qtbot.addWidget(panel)
    assert [panel.village_combo.itemText(i) for i in range(panel.village_combo.count())] == [
        "Tất cả các thôn", "Bản Lũng", "Thôn Đồng Tâm"]  # fmt: skip
    panel.select("payment", year=2026, month=7)
    assert not panel.month_spin.isHidden()
    panel.show_preview()
    text = panel.browser.toPlainText()
    assert "Hà Thị Mai" in text and "1.750.000 đ" in text and PAYMENT_WORDS in text
    assert "2 dòng" in panel.status.text()

    with qtbot.waitSignal(panel.sig_exported, timeout=5000):
        panel.export_to(tmp_path / "chi-tra.xlsx", "xlsx")
    ws = load_workbook(tmp_path / "chi-tra.xlsx").worksheets[0]
    assert [r[1] for r in ws.iter_rows(values_only=True) if isinstance(r[0], int)] == [
        "Hà Thị Mai",
        "Lê Thị Bình",
    ]
    panel.export_to(tmp_path / "chi-tra.pdf", "pdf")
    assert (tmp_path / "chi-tra.pdf").read_bytes().startswith(b"%PDF")
    assert "1 trang" in panel.status.text()
    assert panel.preview_button.isEnabled() and panel.progress.isHidden()

    panel.select("posting", year=2026, village_id=ids["ban_lung"])
    assert panel.month_spin.isHidden()
    panel.show_preview()
    assert "Lò Thị Ánh" in panel.browser.toPlainText() and "Lê Thị Bình" not in panel.browser.toPlainText()


def test_panel_shows_errors_instead_of_crashing(qtbot, commune, tmp_path: Path) -> None:
    from xaapp.ui.lists.panel import ListsPanel

    db, _ids = commune
    panel = ListsPanel(db, InlineTaskRunner())
    qtbot.addWidget(panel)
    panel.select("summary", year=2026)
    folder = tmp_path / "a-folder.xlsx"
    folder.mkdir()
    panel.export_to(folder, "xlsx")  # a folder cannot be written as a file
    assert panel.last_error and panel.preview_button.isEnabled()
    panel.show_preview()
    assert "Biểu 4. Diễn biến hộ cận nghèo" in panel.browser.toPlainText()
    assert panel.browser.document().resource(2, "xaapp-chart-0.png") is not None  # the chart image


def _xlsx(path: Path, rows: list[list[object]]) -> Path:
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    wb.save(path)
    return path


def _people(db) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(Person))


def test_import_wizard_shows_errors_and_refuses_then_imports_a_good_file(
    qtbot, commune, tmp_path: Path
) -> None:
    from xaapp.ui.lists.import_wizard import ImportWizard

    db, _ids = commune
    before = _people(db)
    wizard = ImportWizard(db, InlineTaskRunner())
    qtbot.addWidget(wizard)
    bad = _xlsx(
        tmp_path / "bad.xlsx", [["Thôn", "Họ và tên", "Ngày sinh"], ["Bản Lũng", "Vi Văn Sơn", "31/02/1985"]]
    )
    wizard.path_edit.setText(str(bad))
    wizard.analyse()
    assert wizard.stack.currentIndex() == 1
    assert not wizard.commit_button.isEnabled()
    assert wizard.issues_model.rowCount() == 1
    assert wizard.issues_model.index(0, 1).data() == "C" and wizard.issues_model.index(0, 0).data() == 2
    assert wizard.tabs.tabText(1) == "Lỗi (1)"
    wizard.commit()
    assert _people(db) == before

    wizard.path_edit.setText(str(tmp_path / "missing.xlsx"))
    wizard.stack.setCurrentIndex(0)
    wizard.analyse()
    assert "Không có tệp" in wizard.message.text() and wizard.stack.currentIndex() == 0

    good = _xlsx(tmp_path / "good.xlsx", [["Thôn", "Họ và tên", "Ngày sinh", "Quan hệ"],
                                          ["Bản Lũng", "Vi Văn Sơn", "12/04/1985", "Chủ hộ"],
                                          ["Bản Lũng", "Hà Văn An", "02/02/1962", "Chủ hộ"]])  # fmt: skip
    wizard.path_edit.setText(str(good))
    wizard.analyse()
    statuses = [wizard.rows_model.index(r, 1).data() for r in range(wizard.rows_model.rowCount())]
    assert statuses == ["Mới", "Đã có"]
    assert wizard.commit_button.isEnabled()
    wizard.commit()
    assert wizard.stack.currentIndex() == 2 and "Đã nhập 1 hộ, 1 người" in wizard.done_label.text()
    assert _people(db) == before + 1


def test_pdf_export_runs_on_the_real_background_runner(qtbot, commune, tmp_path: Path) -> None:
    from xaapp.ui.lists.panel import ListsPanel
    from xaapp.ui.tasks import TaskRunner

    db, _ids = commune
    runner = TaskRunner()
    panel = ListsPanel(db, runner)
    qtbot.addWidget(panel)
    panel.select("summary", year=2026)
    with qtbot.waitSignal(panel.sig_exported, timeout=20000):
        panel.export_to(tmp_path / "tong-hop.pdf", "pdf")
    runner.shutdown()
    assert (tmp_path / "tong-hop.pdf").read_bytes().startswith(b"%PDF")
    assert "3 trang" in panel.status.text() and panel.pdf_button.isEnabled()
