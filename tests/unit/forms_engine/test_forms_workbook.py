"""Reading workbooks as people save them: stray formatting, gaps, odd writers (forms_engine.workbook_cells)."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import pytest
from forms_helpers import write_form
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Border, PatternFill, Side

from xaapp.forms_engine import ERROR, build_form, check_form, load_form
from xaapp.forms_engine.loader import read_workbook
from xaapp.forms_engine.workbook_cells import EMPTY_ROWS_END
from xaapp.paths import forms_dir

FIXTURES = Path(__file__).resolve().parents[2] / "data" / "xlsform"
SHIPPED = sorted(forms_dir().glob("*.xlsx"))
FILL = PatternFill("solid", fgColor="FFF2CC")
THIN = Side(style="thin")


def _rows(path: Path) -> dict[str, list[tuple[int, dict[str, str], dict[str, str]]]]:
    return {
        key: [(r.number, r.values, r.cells) for r in sheet.rows] for key, sheet in read_workbook(path).items()
    }


def _formatted_copy(source: Path, target: Path, columns: int = 40, empty_rows: int = 120) -> None:
    """*source* with a fill and borders on every cell of a block far bigger than the data (what
    Excel writes when a block is formatted): styled empty cells beside and below every sheet's data."""
    workbook = load_workbook(source)
    for sheet in workbook.worksheets:
        last = sheet.max_row
        for row in sheet.iter_rows(min_row=1, max_row=last + empty_rows, max_col=columns):
            for cell in row:
                cell.fill = FILL
                cell.border = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
    workbook.save(target)


@pytest.mark.parametrize("source", SHIPPED, ids=lambda p: p.name)
def test_formatted_cells_change_nothing_of_what_a_form_says(source: Path, tmp_path: Path) -> None:
    target = tmp_path / source.name
    _formatted_copy(source, target)
    assert load_workbook(target, read_only=True)["survey"].max_column == 40  # the formatting is there
    assert _rows(target) == _rows(source)
    assert [p.text() for p in check_form(target)] == [p.text() for p in check_form(source)]


def test_a_problem_in_a_formatted_workbook_names_its_cell(tmp_path: Path) -> None:
    source = write_form(
        """
        | type    | name | label | constraint |
        | integer | age  | Age   | . > 0      |
        | text    | note | Note  | ${agee} != '' |
        """
    )
    target = tmp_path / "formatted.xlsx"
    _formatted_copy(source, target, columns=100, empty_rows=200)
    errors = [p for p in check_form(target) if p.severity == ERROR]
    assert [(p.code, p.where) for p in errors] == [("undefined_reference", "survey!D3")]


def test_values_keep_their_types(tmp_path: Path) -> None:
    workbook = Workbook()
    survey = workbook.active
    survey.title = "survey"
    survey.append(["type", "name", "label", "default"])
    survey.append(["date", "visit", "Visit", dt.date(2026, 3, 15)])
    survey.append(["integer", "people", 2024, 5.0])
    survey.append(["decimal", "area", "Area", 12.5])
    survey.append(["text", "ok", True, "=1+1"])  # a formula without a cached value is empty
    workbook.create_sheet("settings").append(["form_id"])
    path = tmp_path / "types.xlsx"
    workbook.save(path)
    rows = {r.values["name"]: r.values for r in read_workbook(path)["survey"].rows}
    assert rows["visit"]["default"] == "2026-03-15"
    assert rows["people"] == {"type": "integer", "name": "people", "label": "2024", "default": "5"}
    assert rows["area"]["default"] == "12.5"
    assert rows["ok"] == {"type": "text", "name": "ok", "label": "true"}


def test_a_run_of_empty_rows_ends_a_sheet_as_in_pyxform(tmp_path: Path) -> None:
    def form_with_gap(gap: int) -> Path:
        workbook = Workbook()
        survey = workbook.active
        survey.title = "survey"
        survey.append(["type", "name", "label"])
        survey.append(["text", "first", "First"])
        for _ in range(gap):
            survey.append([None, None, None])
        survey.append(["text", "second", "Second"])
        path = tmp_path / f"gap_{gap}.xlsx"
        workbook.save(path)
        return path

    near = load_form(form_with_gap(EMPTY_ROWS_END - 1))
    assert list(near.items) == ["first", "second"]
    assert near.items["second"].where == f"survey!A{EMPTY_ROWS_END + 2}"
    far = load_form(form_with_gap(EMPTY_ROWS_END))
    assert list(far.items) == ["first"]


def _rewrite_sheets(source: Path, target: Path, change: object) -> None:
    with zipfile.ZipFile(source) as archive, zipfile.ZipFile(target, "w") as out:
        for info in archive.infolist():
            data = archive.read(info)
            if info.filename.startswith("xl/worksheets/"):
                data = change(data.decode("utf-8")).encode("utf-8")  # type: ignore[operator]
            out.writestr(info, data)


def test_rows_and_cells_without_positions_are_read_in_order(tmp_path: Path) -> None:
    """Some writers leave out ``r`` (positions follow from the order): the sheet is read whole."""
    source = forms_dir() / "household_review.xlsx"
    target = tmp_path / "no_positions.xlsx"
    _rewrite_sheets(source, target, lambda xml: re.sub(r' r="[A-Z]*\d+"', "", xml))
    assert _rows(target) == _rows(source)


def test_prefixed_xml_is_read(tmp_path: Path) -> None:
    """Spreadsheet XML written with a namespace prefix (``<x:row>``), as some .NET libraries do."""
    source = forms_dir() / "child_register.xlsx"
    target = tmp_path / "prefixed.xlsx"

    def prefix(xml: str) -> str:
        xml = re.sub(r"<(/?)(?!\?)([A-Za-z]+)([ >/])", r"<\1x:\2\3", xml)
        return xml.replace(
            'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"',
            'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"',
        )

    _rewrite_sheets(source, target, prefix)
    assert _rows(target) == _rows(source)


def test_sheets_a_form_does_not_use_are_not_read(tmp_path: Path) -> None:
    source = FIXTURES / "pyxform_spec_test.xlsx"
    assert "columns" in load_workbook(source, read_only=True).sheetnames
    assert set(read_workbook(source)) == {"survey", "choices", "settings"}


def test_a_file_that_is_not_a_workbook_is_refused_with_its_name(tmp_path: Path) -> None:
    for name, data in (("text.xlsx", b"type,name\ntext,a\n"), ("broken.xlsx", b"PK\x03\x04broken")):
        path = tmp_path / name
        path.write_bytes(data)
        form, problems = build_form(path)
        assert form is None and [(p.code, p.where) for p in problems] == [("file_unreadable", name)]


def test_an_excel_97_2003_form_is_read_with_its_cells_named(tmp_path: Path) -> None:
    xlwt = pytest.importorskip("xlwt")
    workbook = xlwt.Workbook()
    survey = workbook.add_sheet("survey")
    for r, row in enumerate([["type", "name", "label"], ["text", "ten", "Họ tên"], ["txet", "tuoi", "Tuổi"]]):
        for c, value in enumerate(row):
            survey.write(r, c, value)
    settings = workbook.add_sheet("settings")
    for c, value in enumerate(["form_id", "version"]):
        settings.write(0, c, value)
        settings.write(1, c, ["xls_form", "1"][c])
    path = tmp_path / "old.xls"
    workbook.save(str(path))
    assert [(p.code, p.where) for p in check_form(path)] == [("unknown_type", "survey!A3")]
    assert read_workbook(path)["survey"].rows[0].values == {"type": "text", "name": "ten", "label": "Họ tên"}


def _openpyxl_rows(path: Path) -> dict[str, list[tuple[int, dict[str, str]]]]:
    """The rows as openpyxl reads them (the reader the loader had before): the reference."""
    import warnings

    from xaapp.forms_engine.loader import cell_text, normalise_column
    from xaapp.forms_engine.workbook_cells import USED_SHEETS

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        workbook = load_workbook(path, read_only=True, data_only=True)
    out: dict[str, list[tuple[int, dict[str, str]]]] = {}
    for sheet in workbook.worksheets:
        key = sheet.title.strip().lower()
        if key not in USED_SHEETS or key in out:
            continue
        rows = [
            (n, [cell_text(v) for v in values])
            for n, values in enumerate(sheet.iter_rows(values_only=True), 1)
        ]
        rows = [(n, values) for n, values in rows if any(values)]
        if not rows:
            out[key] = []
            continue
        columns = [normalise_column(v) if v else "" for v in rows[0][1]]
        found = []
        for number, values in rows[1:]:
            row: dict[str, str] = {}
            for column, text in zip(columns, values, strict=False):
                if column and text and column not in row:
                    row[column] = text
            if row:
                found.append((number, row))
        out[key] = found
    workbook.close()
    return out


@pytest.mark.parametrize("path", [*sorted(FIXTURES.glob("*.xlsx")), *SHIPPED], ids=lambda p: p.name)
def test_every_cell_reads_as_openpyxl_reads_it(path: Path) -> None:
    ours = {key: [(r.number, r.values) for r in sheet.rows] for key, sheet in read_workbook(path).items()}
    assert ours == _openpyxl_rows(path)
