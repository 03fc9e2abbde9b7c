"""Writers of every spreadsheet format communes send, for the import tests (imported by adding this folder
to ``sys.path``). Each takes sheets as ``{name: rows}`` and merged ranges as ``{name: [(r1, c1, r2, c2)]}``
(0-based, inclusive), and writes the real format: xlsx with openpyxl, BIFF8 .xls with xlwt, BIFF5 (Excel
5/95) records by hand inside xlwt's compound-document writer, SpreadsheetML and HTML as text, .ods as a
hand-built zip.
"""

from __future__ import annotations

import datetime as dt
import html
import struct
import zipfile
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from xaapp.domain.vntext_legacy import TCVN3_TO_UNICODE, VNI_TO_UNICODE

Sheets = dict[str, list[list[Any]]]
Merges = dict[str, list[tuple[int, int, int, int]]]


def tcvn3(text: str) -> str:
    """Unicode → the characters a TCVN3 (ABC, .VnTime) cell reads as once the font is gone."""
    back = {u: t for t, u in TCVN3_TO_UNICODE.items()}
    out = []
    for ch in text:
        if ch in back:
            out.append(back[ch])
        elif ch.lower() in back and not ch.islower():  # upper-case toned letters: the "H" font's lower codes
            out.append(back[ch.lower()])
        else:
            out.append(ch)
    return "".join(out)


def vni(text: str) -> str:
    """Unicode → VNI-Windows characters ("Nguyễn" → "Nguyeãn")."""
    back = {u: v for v, u in sorted(VNI_TO_UNICODE.items(), key=lambda kv: len(kv[0]))}
    return "".join(back.get(ch, ch) for ch in text)


def write_xlsx(path: Path, sheets: Sheets, merges: Merges | None = None) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
        for r1, c1, r2, c2 in (merges or {}).get(name, []):
            ws.merge_cells(start_row=r1 + 1, start_column=c1 + 1, end_row=r2 + 1, end_column=c2 + 1)
    wb.save(path)
    return path


def write_xls(path: Path, sheets: Sheets, merges: Merges | None = None) -> Path:
    """BIFF8 (Excel 97-2003) through xlwt; dates with a dd/mm/yyyy format."""
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    date_style = xlwt.easyxf(num_format_str="dd/mm/yyyy")
    for name, rows in sheets.items():
        ws = wb.add_sheet(name)
        spans = {(r1, c1): (r2, c2) for r1, c1, r2, c2 in (merges or {}).get(name, [])}
        covered = {(r, c) for (r1, c1), (r2, c2) in spans.items() for r in range(r1, r2 + 1)
                   for c in range(c1, c2 + 1) if (r, c) != (r1, c1)}  # fmt: skip
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is None or (r, c) in covered:
                    continue
                style = date_style if isinstance(value, dt.date) else xlwt.Style.default_style
                if (r, c) in spans:
                    r2, c2 = spans[(r, c)]
                    ws.write_merge(r, r2, c, c2, value, style)
                else:
                    ws.write(r, c, value, style)
    wb.save(str(path))
    return path


def _record(kind: int, data: bytes) -> bytes:
    return struct.pack("<HH", kind, len(data)) + data


def write_biff5(path: Path, sheets: Sheets, codepage: int = 1252) -> Path:
    """An Excel 5.0/95 workbook (BIFF5: 8-bit text in the file's code page, no shared strings, no merges)."""
    from xlwt.CompoundDoc import XlsDoc

    encoding = f"cp{codepage}"
    globals_head = _record(0x0809, struct.pack("<HHHH", 0x0500, 0x0005, 0x0DBB, 0x07CC))
    globals_head += _record(0x0042, struct.pack("<H", codepage))
    bodies = []
    for rows in sheets.values():
        body = _record(0x0809, struct.pack("<HHHH", 0x0500, 0x0010, 0x0DBB, 0x07CC))
        width = max((len(r) for r in rows), default=0)
        body += _record(0x0200, struct.pack("<HHHHH", 0, len(rows), 0, width, 0))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, str):
                    raw = value.encode(encoding)
                    body += _record(0x0204, struct.pack("<HHHH", r, c, 0, len(raw)) + raw)
                else:
                    body += _record(0x0203, struct.pack("<HHHd", r, c, 0, float(value)))
        bodies.append(body + _record(0x000A, b""))
    names = [n.encode(encoding) for n in sheets]
    offset = len(globals_head) + sum(4 + 7 + len(n) for n in names) + 4
    bound = b""
    for name, body in zip(names, bodies, strict=True):
        bound += _record(0x0085, struct.pack("<IBBB", offset, 0, 0, len(name)) + name)
        offset += len(body)
    XlsDoc().save(str(path), globals_head + bound + _record(0x000A, b"") + b"".join(bodies))
    return path


def _ss_cell(value: Any, extra: str = "") -> str:
    if value is None:
        return f"<Cell{extra}/>"
    if isinstance(value, bool):
        kind, text = "Boolean", "1" if value else "0"
    elif isinstance(value, int | float):
        kind, text = "Number", repr(value)
    elif isinstance(value, dt.datetime):
        kind, text = "DateTime", value.strftime("%Y-%m-%dT%H:%M:%S.000")
    elif isinstance(value, dt.date):
        kind, text = "DateTime", value.strftime("%Y-%m-%dT00:00:00.000")
    else:
        kind, text = "String", escape(str(value))
    return f'<Cell{extra}><Data ss:Type="{kind}">{text}</Data></Cell>'


def write_spreadsheetml(path: Path, sheets: Sheets, merges: Merges | None = None,
                        hidden: tuple[str, ...] = ()) -> Path:  # fmt: skip
    """Excel 2003 XML, cells positioned with ss:Index after gaps, merges as MergeAcross/MergeDown."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>', '<?mso-application progid="Excel.Sheet"?>',
           '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
           'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet" '
           'xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns:html="http://www.w3.org/TR/REC-html40">']  # fmt: skip
    for name, rows in sheets.items():
        spans = {(r1, c1): (r2, c2) for r1, c1, r2, c2 in (merges or {}).get(name, [])}
        covered = {(r, c) for (r1, c1), (r2, c2) in spans.items() for r in range(r1, r2 + 1)
                   for c in range(c1, c2 + 1) if (r, c) != (r1, c1)}  # fmt: skip
        out.append(f'<Worksheet ss:Name="{escape(name)}"><Table>')
        for r, row in enumerate(rows):
            cells, skipped = [], False
            for c, value in enumerate(row):
                if (r, c) in covered or value is None:
                    skipped = True
                    continue
                extra = f' ss:Index="{c + 1}"' if skipped else ""
                skipped = False
                if (r, c) in spans:
                    r2, c2 = spans[(r, c)]
                    extra += (f' ss:MergeAcross="{c2 - c}"' if c2 > c else "") + (f' ss:MergeDown="{r2 - r}"' if r2 > r else "")
                    skipped = c2 > c
                cells.append(_ss_cell(value, extra))
            out.append(f'<Row ss:Index="{r + 1}">' + "".join(cells) + "</Row>")
        out.append("</Table>")
        if name in hidden:
            out.append('<WorksheetOptions xmlns="urn:schemas-microsoft-com:office:excel"><Visible>SheetHidden</Visible></WorksheetOptions>')
        out.append("</Worksheet>")
    out.append("</Workbook>")
    path.write_text("\n".join(out), encoding="utf-8")
    return path


def write_html(path: Path, rows: list[list[Any]], merges: list[tuple[int, int, int, int]] | None = None,
               title: str = "", encoding: str = "utf-8", close_cells: bool = True) -> Path:  # fmt: skip
    """A portal export: a title outside the table, then one table with colspan/rowspan; saved as .xls."""
    spans = {(r1, c1): (r2, c2) for r1, c1, r2, c2 in merges or []}
    covered = {(r, c) for (r1, c1), (r2, c2) in spans.items() for r in range(r1, r2 + 1)
               for c in range(c1, c2 + 1) if (r, c) != (r1, c1)}  # fmt: skip
    out = [f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={encoding}">'
           "<style>td {mso-number-format:'\\@'}</style></head><body>"]  # fmt: skip
    if title:
        out.append(f"<h3>{html.escape(title)}</h3>")
    out.append("<table border=1>")
    for r, row in enumerate(rows):
        out.append("<tr>")
        for c, value in enumerate(row):
            if (r, c) in covered:
                continue
            attrs = ""
            if (r, c) in spans:
                r2, c2 = spans[(r, c)]
                attrs = (f' colspan="{c2 - c + 1}"' if c2 > c else "") + (f" rowspan={r2 - r + 1}" if r2 > r else "")
            text = "" if value is None else html.escape(value.strftime("%d/%m/%Y") if isinstance(value, dt.date) else str(value))
            out.append(f"<td{attrs}>{text}" + ("</td>" if close_cells else ""))
        out.append("</tr>" if close_cells else "")
    out.append("</table></body></html>")
    path.write_bytes("\n".join(out).encode(encoding))
    return path


def write_ods(path: Path, sheets: Sheets, merges: Merges | None = None) -> Path:
    """An OpenDocument spreadsheet built by hand: mimetype first and stored, content.xml, manifest."""
    body = []
    for name, rows in sheets.items():
        spans = {(r1, c1): (r2, c2) for r1, c1, r2, c2 in (merges or {}).get(name, [])}
        covered = {(r, c) for (r1, c1), (r2, c2) in spans.items() for r in range(r1, r2 + 1)
                   for c in range(c1, c2 + 1) if (r, c) != (r1, c1)}  # fmt: skip
        body.append(f'<table:table table:name="{escape(name)}">')
        width = max((len(r) for r in rows), default=0)
        for r, row in enumerate(rows):
            body.append("<table:table-row>")
            for c in range(width):
                value = row[c] if c < len(row) else None
                if (r, c) in covered:
                    body.append("<table:covered-table-cell/>")
                    continue
                attrs = ""
                if (r, c) in spans:
                    r2, c2 = spans[(r, c)]
                    attrs = f' table:number-columns-spanned="{c2 - c + 1}" table:number-rows-spanned="{r2 - r + 1}"'
                if value is None:
                    body.append(f"<table:table-cell{attrs}/>")
                elif isinstance(value, int | float) and not isinstance(value, bool):
                    body.append(f'<table:table-cell{attrs} office:value-type="float" office:value="{value}"><text:p>{value}</text:p></table:table-cell>')
                elif isinstance(value, dt.date):
                    body.append(f'<table:table-cell{attrs} office:value-type="date" office:date-value="{value.isoformat()}"><text:p>{value:%d/%m/%Y}</text:p></table:table-cell>')
                else:
                    body.append(f'<table:table-cell{attrs} office:value-type="string"><text:p>{escape(str(value))}</text:p></table:table-cell>')
            body.append("</table:table-row>")
        body.append("</table:table>")
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
               "<office:body><office:spreadsheet>" + "".join(body) + "</office:spreadsheet></office:body></office:document-content>")  # fmt: skip
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>')  # fmt: skip
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet",
                   compress_type=zipfile.ZIP_STORED)  # fmt: skip
        z.writestr("content.xml", content)
        z.writestr("META-INF/manifest.xml", manifest)
    return path


WRITERS = {"xlsx": write_xlsx, "xls": write_xls, "ods": write_ods, "spreadsheetml": write_spreadsheetml}
