"""What the column-mapping step shows: each sheet's header, first rows and a guess of every column's field,
from its header, else its values, else the mapping saved for the same header shape."""

from __future__ import annotations

from typing import Any

from xaapp.services.import_cells import text_of
from xaapp.services.import_fields import guess_from_values, is_ignored_header
from xaapp.services.import_read import (
    HEADER_SCAN_ROWS,
    PREVIEW_ROWS,
    Grid,
    PreparedBook,
    SheetMapping,
    SheetPreview,
    _cell,
    find_header,
    header_shape,
)


def _preview(grid: Grid, villages: tuple[str, ...], saved: dict[str, SheetMapping]) -> SheetPreview:
    rows = grid.rows
    found = find_header(rows)
    if found is not None:
        index, height, mapping, headers = found
    else:
        index, height, mapping = _guess_header_row(rows), 1, {}
        headers = tuple(text_of(v) for v in rows[index]) if index < len(rows) else ()
    shape = header_shape(headers)
    width = max((len(r) for r in rows[index : index + 60]), default=0)
    headers = tuple(headers) + ("",) * (width - len(headers))
    body = [r for r in rows[index + height : index + height + 60] if any(v is not None for v in r)]
    guesses: list[str | None] = [None] * width
    sources = [""] * width
    stored = saved.get(shape)
    if stored is not None:
        for col, name in stored.columns.items():
            if col < width:
                guesses[col], sources[col] = name, "saved"
    else:
        for name, col in mapping.items():
            guesses[col], sources[col] = name, "header"
        for col in range(width):
            if guesses[col] is None and not is_ignored_header(headers[col]):
                guessed = guess_from_values([_cell(r, col) for r in body], villages)
                if guessed and guessed not in guesses:
                    guesses[col], sources[col] = guessed, "values"
    sample = tuple(tuple(text_of(_cell(r, c)) for c in range(width)) for r in body[:PREVIEW_ROWS])
    return SheetPreview(grid.name, index + 1, headers, sample, tuple(guesses), tuple(sources), shape)


def _guess_header_row(rows: list[list[Any]]) -> int:
    """Without known names: the first row all of whose many cells are text (titles are one cell)."""
    widths = [sum(1 for v in r if v is not None) for r in rows[:HEADER_SCAN_ROWS]]
    widest = max(widths, default=0)
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        cells = [v for v in row if v is not None]
        if len(cells) >= max(2, widest * 0.6) and all(isinstance(v, str) for v in cells) and len(set(cells)) > 1:
            return index
    return 0


def previews(prepared: PreparedBook, villages: tuple[str, ...] = (),
             saved: dict[str, SheetMapping] | None = None) -> tuple[SheetPreview, ...]:  # fmt: skip
    """For the column-mapping step: every sheet's header, first rows and a guess per column."""
    return tuple(_preview(g, villages, saved or {}) for g in prepared.grids)
