"""Copies a workbook adding the stray formatting real workbooks carry (used by bench_forms.py).

What Excel writes for formatted columns and formatted empty rows: the columns get a style (``<cols>``);
each formatted row below the data is a ``<row s=… customFormat="1">`` holding a styled empty cell at
every formatted column (where a formatted row crosses a formatted column Excel writes the cell); the
sheet's ``<dimension>`` grows to the last of them. 1,024 columns by 10,000 rows is ten million cells,
which is what makes openpyxl's read-only mode take minutes. With ``block=True`` the rows holding data
are formatted too, out to the last formatted column (a fill given to a block such as A1:AMJ10095 by
selecting it with Ctrl+Shift+End). Nothing is added to what the cells say, so a reader must give exactly
the same rows.

The XML is written directly and streamed into the zip (openpyxl would need a Python object per cell).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

_ROW_RE = re.compile(r"<row\b[^>]*?(/>|>.*?</row>)", re.S)
_ROW_NUMBER_RE = re.compile(r'\br="(\d+)"')
_CELL_REF_RE = re.compile(r'<c\b[^>]*\br="([A-Z]+)\d+"')
_STYLED_FILL = (
    '<fill><patternFill patternType="solid"><fgColor rgb="FFFFF2CC"/><bgColor indexed="64"/>'
    "</patternFill></fill>"
)


def _sheet_paths(archive: zipfile.ZipFile, title: str) -> str:
    """The part name of the sheet called *title* (case-insensitive)."""
    workbook = archive.read("xl/workbook.xml").decode("utf-8")
    rels = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8")
    for name, rid in re.findall(r'<sheet\b[^>]*name="([^"]+)"[^>]*r:id="([^"]+)"', workbook):
        if name.lower() == title.lower():
            target = re.search(rf'<Relationship\b[^>]*Id="{rid}"[^>]*Target="([^"]+)"', rels)
            if target is None:
                target = re.search(rf'<Relationship\b[^>]*Target="([^"]+)"[^>]*Id="{rid}"', rels)
            assert target is not None, rid
            path = target[1].lstrip("/")
            return path if path.startswith("xl/") else f"xl/{path}"
    raise KeyError(title)


def _add_style(styles: str) -> tuple[str, int]:
    """Add a fill and a cell format using it; return the new styles part and the format's index."""
    fills = re.search(r'<fills count="(\d+)">', styles)
    assert fills is not None
    fill_id = int(fills[1])
    styles = styles.replace(fills[0], f'<fills count="{fill_id + 1}">', 1)
    styles = styles.replace("</fills>", _STYLED_FILL + "</fills>", 1)
    xfs = re.search(r'<cellXfs count="(\d+)">', styles)
    assert xfs is not None
    xf_id = int(xfs[1])
    styles = styles.replace(xfs[0], f'<cellXfs count="{xf_id + 1}">', 1)
    xf = f'<xf numFmtId="0" fontId="0" fillId="{fill_id}" borderId="0" xfId="0" applyFill="1"/>'
    styles = styles.replace("</cellXfs>", xf + "</cellXfs>", 1)
    return styles, xf_id


def _column_number(letters: str) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + ord(ch) - 64
    return number


def _formatted_sheet(xml: str, style: int, columns: int, empty_rows: int, block: bool) -> Iterator[str]:
    """The sheet's XML in pieces, with the formatting added."""
    last_letter = get_column_letter(columns)
    letters = [get_column_letter(c) for c in range(1, columns + 1)]
    rows = list(_ROW_RE.finditer(xml))
    if not rows:
        raise AssertionError("a sheet without rows")
    last_row = max(int(_ROW_NUMBER_RE.search(m[0])[1]) for m in rows)  # type: ignore[index]
    head = xml[: rows[0].start()]
    head = re.sub(
        r'<dimension ref="[^"]*"\s*/>', f'<dimension ref="A1:{last_letter}{last_row + empty_rows}"/>', head
    )
    cols = f'<cols><col min="1" max="{columns}" width="12" style="{style}" customWidth="1"/></cols>'
    if "<cols>" in head:
        head = re.sub(r"<cols>.*?</cols>", cols, head, flags=re.S)
    else:
        head = head.replace("<sheetData>", cols + "<sheetData>", 1)
    yield head
    for match in rows:
        row = match[0]
        number = int(_ROW_NUMBER_RE.search(row)[1])  # type: ignore[index]
        used = [_column_number(c) for c in _CELL_REF_RE.findall(row)]
        start = max(used, default=0) if block else columns
        pad = "".join(f'<c r="{letter}{number}" s="{style}"/>' for letter in letters[start:])
        row = (
            row[:-2] + ">" + pad + "</row>" if row.endswith("/>") else row[: -len("</row>")] + pad + "</row>"
        )
        yield row
    template = "".join(f'<c r="{letter}#" s="{style}"/>' for letter in letters) + "</row>"
    for number in range(last_row + 1, last_row + empty_rows + 1):
        yield f'<row r="{number}" s="{style}" customFormat="1">' + template.replace("#", str(number))
    yield xml[rows[-1].end() :]


def add_stray_formatting(
    source: Path,
    target: Path,
    sheet: str = "survey",
    columns: int = 1024,
    empty_rows: int = 10_000,
    block: bool = False,
) -> int:
    """Write *target*: *source* with *columns* formatted columns and *empty_rows* formatted empty rows
    below the data on *sheet* (and the data rows formatted too if *block*). Returns the number of
    styled empty cells added."""
    with zipfile.ZipFile(source) as archive:
        part = _sheet_paths(archive, sheet)
        styles, style = _add_style(archive.read("xl/styles.xml").decode("utf-8"))
        added = 0
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
            for info in archive.infolist():
                if info.filename == part:
                    xml = archive.read(info).decode("utf-8")
                    with out.open(info.filename, "w", force_zip64=True) as stream:
                        for piece in _formatted_sheet(xml, style, columns, empty_rows, block):
                            added += piece.count(f's="{style}"/>')
                            stream.write(piece.encode("utf-8"))
                elif info.filename == "xl/styles.xml":
                    out.writestr(info, styles.encode("utf-8"))
                else:
                    out.writestr(info, archive.read(info))
        return added
