"""The import wizard with files whose headers say nothing: the mapping step guesses from the values, the
officer's choice is saved for the template and offered next time; legacy-font cells are reported."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit" / "reports"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit" / "services"))

from listdata import make_db  # noqa: E402
from sheetfiles import tcvn3, write_xls, write_xlsx  # noqa: E402

from xaapp.storage.orm import Household, Person  # noqa: E402
from xaapp.ui.tasks import InlineTaskRunner  # noqa: E402

pytestmark = pytest.mark.gui

HEADERS = ["Cột 1", "Cột 2", "Cột 3", "Cột 4", "Cột 5"]


@pytest.fixture
def commune(tmp_path: Path):
    return make_db(tmp_path)


def _people(db) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(Person))


def test_unknown_headers_are_mapped_by_hand_saved_and_offered_next_time(qtbot, commune, tmp_path: Path) -> None:
    from xaapp.ui.lists.import_wizard import MAPPING_PAGE, PLAN_PAGE, ImportWizard

    db, _ids = commune
    before = _people(db)
    rows = [HEADERS,
            ["Bản Lũng", "Lục Văn Đông", dt.date(1979, 3, 4), "038079001234", "ghi chú"],
            ["Bản Lũng", "Lục Văn Tây", dt.date(1982, 5, 6), "038082004321", ""]]  # fmt: skip
    wizard = ImportWizard(db, InlineTaskRunner())
    qtbot.addWidget(wizard)
    wizard.path_edit.setText(str(write_xlsx(tmp_path / "a.xlsx", {"Sheet1": rows})))
    wizard.analyse()
    assert wizard.stack.currentIndex() == MAPPING_PAGE
    page = wizard.mapping_page
    assert "Không nhận ra dòng tiêu đề" in page.message.text()
    guesses = [page.combo(c).currentData() for c in range(5)]
    assert guesses == ["village", "full_name", "birth", "personal_id", None]  # from the values
    assert page.combo(0).toolTip() == "đoán theo giá trị"
    assert page.table.item(1, 1).text() == "Lục Văn Đông"
    page.combo(4).setCurrentIndex(page.combo(4).findData("ethnicity"))
    page.combo(4).setCurrentIndex(0)  # changed mind: bỏ qua
    page.apply_button.click()
    assert wizard.stack.currentIndex() == PLAN_PAGE, wizard.message.text()
    assert wizard.commit_button.isEnabled()
    wizard.commit()
    assert _people(db) == before + 2

    again = ImportWizard(db, InlineTaskRunner())
    qtbot.addWidget(again)
    rows2 = [HEADERS, ["Bản Lũng", "Lục Thị Nam", dt.date(1990, 1, 1), "038190001111", ""]]
    again.path_edit.setText(str(write_xlsx(tmp_path / "b.xlsx", {"Sheet1": rows2})))
    again.analyse()
    assert again.stack.currentIndex() == PLAN_PAGE  # the saved mapping of this header shape was used
    assert again.plan is not None and again.plan.rows[0].full_name == "Lục Thị Nam"
    again.choose_columns()
    assert again.stack.currentIndex() == MAPPING_PAGE
    assert again.mapping_page.combo(1).currentData() == "full_name"
    assert again.mapping_page.combo(1).toolTip() == "như lần trước"


def test_legacy_xls_shows_converted_cells_and_the_village_for_the_file(qtbot, commune, tmp_path: Path) -> None:
    from xaapp.ui.lists.import_wizard import DONE_PAGE, PLAN_PAGE, ImportWizard

    db, ids = commune
    rows = [["Ma ho", "Ten chu ho", "Dia chi"], ["T1", tcvn3("Trần Văn Lộc"), ""], ["T2", tcvn3("Đỗ Thị Huệ"), ""]]
    wizard = ImportWizard(db, InlineTaskRunner())
    qtbot.addWidget(wizard)
    wizard.path_edit.setText(str(write_xls(tmp_path / "cu.xls", {"HoDan": rows})))
    wizard.village_combo.setCurrentIndex(wizard.village_combo.findData("Thôn Đồng Tâm"))
    wizard.analyse()
    assert wizard.stack.currentIndex() == PLAN_PAGE, wizard.message.text()
    assert "2 ô TCVN3 (ABC)" in wizard.legacy_label.text() and "HoDan!B" in wizard.legacy_label.text()
    assert "Excel 97-2003" in wizard.mapping_label.text()
    names = [wizard.rows_model.index(r, 3).data() for r in range(wizard.rows_model.rowCount())]
    assert names == ["Trần Văn Lộc", "Đỗ Thị Huệ"]
    wizard.commit()
    assert wizard.stack.currentIndex() == DONE_PAGE
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Household).where(Household.village_id == ids["dong_tam"],
                                                                          Household.code.in_(("T1", "T2")))) == 2


def test_writing_the_file_shows_each_phase_while_it_runs(qtbot, commune, tmp_path: Path) -> None:
    from xaapp.services.importing import PHASE_HOUSEHOLDS, PHASE_REVIEWS, PHASE_SAVE
    from xaapp.ui.lists.import_wizard import DONE_PAGE, PLAN_PAGE, ImportWizard

    class WatchingRunner(InlineTaskRunner):
        """Notes what the wizard shows each time the running task reports progress."""

        def __init__(self) -> None:
            self.shown: list[str] = []
            self.wizard: ImportWizard | None = None

        def submit(self, fn, on_done=None, on_error=None, on_progress=None, **kwargs):  # type: ignore[no-untyped-def]
            def watch(text: str, done: int, total: int) -> None:
                assert on_progress is not None and self.wizard is not None
                on_progress(text, done, total)
                self.shown.append(self.wizard.message.text())

            return super().submit(fn, on_done, on_error, watch if on_progress else None, **kwargs)

    db, _ids = commune
    runner = WatchingRunner()
    wizard = runner.wizard = ImportWizard(db, runner)
    qtbot.addWidget(wizard)
    rows = [["Ma ho", "Ten chu ho", "Dia chi"], ["T1", "Trần Văn Lộc", ""], ["T2", "Đỗ Thị Huệ", ""]]
    wizard.path_edit.setText(str(write_xlsx(tmp_path / "moi.xlsx", {"HoDan": rows})))
    wizard.village_combo.setCurrentIndex(wizard.village_combo.findData("Thôn Đồng Tâm"))
    wizard.analyse()
    assert wizard.stack.currentIndex() == PLAN_PAGE, wizard.message.text()
    wizard.commit()
    assert wizard.stack.currentIndex() == DONE_PAGE
    assert list(dict.fromkeys(runner.shown)) == [PHASE_HOUSEHOLDS, PHASE_REVIEWS, PHASE_SAVE]
