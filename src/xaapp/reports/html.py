"""A ``ListDocument`` as HTML for Qt's rich-text engine (``QTextDocument``), to preview, print and save as PDF.

The HTML keeps to what ``QTextDocument`` understands: tables with ``border``/``cellpadding``,
``<thead>`` (Qt repeats those rows at the top of every page), widths in percent, ``<img>`` for
charts (the printing code registers the image under ``chart_url(i)``). Page numbers, the running
header of continuation pages and page subtotals are drawn per page by ``ui.printing``; the texts
come from ``running_header``, ``page_footer`` and ``page_total_text`` here.
"""

from __future__ import annotations

from html import escape
from typing import Any

from xaapp.domain.text import format_money
from xaapp.reports.document import (
    NATIONAL_HEADING,
    NATIONAL_MOTTO,
    Column,
    ListDocument,
    Table,
    format_cell,
    plain,
)

_RIGHT = {"int", "money", "decimal", "percent"}
_CENTER = {"date", "year"}


def chart_url(index: int) -> str:
    return f"xaapp-chart-{index}.png"


def _align(column: Column, index: int) -> str:
    if index == 0 or column.kind in _CENTER:
        return "center"
    return "right" if column.kind in _RIGHT else "left"


def _cells(table: Table, values: tuple[Any, ...], bold: bool = False) -> str:
    out = []
    for i, (column, value) in enumerate(zip(table.columns, values, strict=True)):
        text = escape(format_cell(value, column.kind)) or "&nbsp;"
        if bold:
            text = f"<b>{text}</b>"
        out.append(f'<td align="{_align(column, i)}">{text}</td>')
    return "<tr>" + "".join(out) + "</tr>"


def _label_row(table: Table, label: str, values: tuple[Any, ...]) -> str:
    """A subtotal/total row: the label spans the leading empty columns, sums in their columns."""
    lead = 0
    for value in values:
        if value is not None:
            break
        lead += 1
    lead = max(1, min(lead, len(table.columns)))
    cells = [f'<td colspan="{lead}" align="center"><b>{escape(label)}</b></td>']
    for i in range(lead, len(table.columns)):
        column = table.columns[i]
        text = escape(format_cell(values[i], column.kind)) or "&nbsp;"
        cells.append(f'<td align="{_align(column, i)}"><b>{text}</b></td>')
    return "<tr>" + "".join(cells) + "</tr>"


def header_row_count(table: Table) -> int:
    return 2 if table.bands else 1


def table_open(table: Table) -> str:
    """The ``<table …>`` tag and header rows (``<thead>``) of *table*: what each printed page repeats."""
    total_width = sum(c.width for c in table.columns) or 1
    head = []
    if table.bands:
        cells = "".join(
            f'<th colspan="{b.span}" align="center">{escape(b.title) or "&nbsp;"}</th>' for b in table.bands
        )
        head.append(f"<tr>{cells}</tr>")
    head.append(
        "<tr>"
        + "".join(
            f'<th width="{c.width / total_width * 100:.1f}%" align="center">{escape(c.title)}</th>'
            for c in table.columns
        )
        + "</tr>"
    )
    padding = 6 if any(c.kind == "signature" for c in table.columns) else 3
    return (
        f'<table border="1" cellspacing="0" cellpadding="{padding}" width="100%" '
        f'style="border-collapse: collapse; border-color: #000000;">'
        f"<thead>{''.join(head)}</thead>"
    )


TABLE_CLOSE = "</table>"


def table_rows(table: Table) -> list[str]:
    """The body rows of *table*, one ``<tr>`` each: group headings, data rows, subtotals, the total."""
    body: list[str] = []
    for group in table.groups:
        if group.title:
            body.append(f'<tr><td colspan="{len(table.columns)}"><b>{escape(group.title)}</b></td></tr>')
        body.extend(_cells(table, row) for row in group.rows)
        if group.subtotal:
            body.append(_label_row(table, "Cộng", table.sums(group.rows)))
    total = table.grand_total_row()
    if total is not None:
        body.append(_label_row(table, "Tổng cộng" + table.total_mark, total))
    if not any(group.rows for group in table.groups):
        body.append(
            f'<tr><td colspan="{len(table.columns)}" align="center"><i>Không có hộ, người nào.</i></td></tr>'
        )
    return body


def table_html(table: Table) -> str:
    return f"{table_open(table)}<tbody>{''.join(table_rows(table))}</tbody>{TABLE_CLOSE}"


def row_plan(table: Table) -> list[int | None]:
    """For each row of ``table_html(table)`` (header rows included), the value to add to the page
    subtotal: the ``page_total_column`` value of data rows, None for headings and totals."""
    if table.page_total_column is None:
        return []
    index = table.index(table.page_total_column)
    plan: list[int | None] = [None] * header_row_count(table)
    for group in table.groups:
        if group.title:
            plan.append(None)
        plan.extend(int(plain(row[index]) or 0) for row in group.rows)
        if group.subtotal:
            plan.append(None)
    if table.grand_total:
        plan.append(None)
    if not any(group.rows for group in table.groups):
        plan.append(None)
    return plan


def heading_html(doc: ListDocument) -> str:
    commune = escape(doc.commune_name.upper())
    return (
        '<table width="100%" border="0" cellspacing="0" cellpadding="0"><tr>'
        f'<td width="40%" align="center"><b>ỦY BAN NHÂN DÂN<br/>{commune}</b><br/>———</td>'
        f'<td width="60%" align="center"><b>{NATIONAL_HEADING}</b><br/><b>{NATIONAL_MOTTO}</b><br/>———————</td>'
        "</tr><tr><td>&nbsp;</td>"
        f'<td align="center"><i>{escape(doc.dateline)}</i></td></tr></table>'
    )


def signatures_html(doc: ListDocument) -> str:
    if not doc.signatures:
        return ""
    width = 100 / len(doc.signatures)
    cells = []
    for sig in doc.signatures:
        lines = [f"<b>{escape(sig.role)}</b>"]
        if sig.title:
            lines.append(f"<b>{escape(sig.title)}</b>")
        lines.append(f"<i>{escape(sig.hint)}</i>")
        lines.extend(["&nbsp;"] * 4)
        lines.append(f"<b>{escape(sig.name)}</b>" if sig.name else "&nbsp;")
        cells.append(f'<td width="{width:.1f}%" align="center">{"<br/>".join(lines)}</td>')
    return f'<table width="100%" border="0" cellspacing="0" cellpadding="4"><tr>{"".join(cells)}</tr></table>'


def document_parts(doc: ListDocument, chart_size: tuple[int, int] = (900, 360)) -> list[str | Table]:
    """The list in reading order: HTML pieces, and the tables (which the printing code cuts into pages).

    A piece that introduces what follows (the heading block, a table's title, a chart's title) is kept
    on the same page as the start of the next part by the printing code (``KEEP_WITH_NEXT`` marks)."""
    parts: list[str | Table] = [
        KEEP_WITH_NEXT + heading_html(doc),
        KEEP_WITH_NEXT + f'<p align="center" style="font-size: 13pt;"><b>{escape(doc.title)}</b></p>',
    ]
    if doc.subtitle:
        parts.append(KEEP_WITH_NEXT + f'<p align="center"><i>{escape(doc.subtitle)}</i></p>')
    for table in doc.tables:
        if table.title:
            parts.append(KEEP_WITH_NEXT + f"<p><b>{escape(table.title)}</b></p>")
        parts.append(table)
    for i, chart in enumerate(doc.charts):
        parts.append(KEEP_WITH_NEXT + f'<p align="center"><b>{escape(chart.title)}</b></p>')
        parts.append(
            f'<p align="center"><img src="{chart_url(i)}" width="{chart_size[0]}" height="{chart_size[1]}"/></p>'
        )
    if doc.amount_in_words:
        parts.append(f"<p>Số tiền bằng chữ: <i>{escape(doc.amount_in_words)}.</i></p>")
    parts.extend(f"<p>{escape(note)}</p>" for note in doc.notes)
    parts.extend(f"<p><i>{escape(note)}</i></p>" for note in doc.footnotes)
    if doc.signatures:
        parts.append(signatures_html(doc))
    return parts


#: Starts a piece of ``document_parts`` that must share its page with the start of the next part.
KEEP_WITH_NEXT = "<!--keep-with-next-->"


def document_html(doc: ListDocument, chart_size: tuple[int, int] = (900, 360)) -> str:
    """The whole list as one HTML page: heading, title, tables, charts, amount in words, signatures."""
    body = "".join(
        part if isinstance(part, str) else table_html(part) for part in document_parts(doc, chart_size)
    )
    return f'<html><head><meta charset="utf-8"/></head><body>{body}</body></html>'


def running_header(doc: ListDocument) -> str:
    """Printed at the top of every page after the first."""
    return f"{doc.authority} – {doc.title}" + (f" – {doc.subtitle}" if doc.subtitle else "")


def page_footer(page: int, pages: int) -> str:
    return f"Trang {page}/{pages}"


def page_total_text(amount: int) -> str:
    return f"Cộng trang: {format_money(amount)}"
