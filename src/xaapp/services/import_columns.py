"""A table's cells one field at a time: every row's value of a column in one list, and its text.

A 20,000-row list is checked column by column rather than cell by cell: each column is taken out of the
rows once, and its cells' texts are found in one pass. Text a cell already holds as :func:`text_of` would
give it (no space at either end, single spaces, nothing else blank: what :mod:`import_read` leaves in a
grid) is taken as it is; one search over the whole column tells, and a column that fails it is read
cell by cell.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import zip_longest
from typing import Any

from xaapp.services.import_cells import text_of

#: Whitespace other than the plain space: every character ``str.split()`` splits on, but " " (a test checks).
ODD_SPACE = re.compile("[\t-\r\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")


def needs_cleaning(text: str) -> bool:
    """True unless *text* is as ``text_of`` gives it: not empty, no space at either end, single plain spaces."""
    return not text or text[0] == " " or text[-1] == " " or "  " in text or ODD_SPACE.search(text) is not None


def all_clean(texts: list[str]) -> bool:
    """``not needs_cleaning(t)`` for every text, told by three scans of the texts joined by spaces (C speed, no
    Python step per text): a space at either end of a text, or an empty text, makes two spaces in a row there.
    Every whitespace but the plain space is unprintable, so printable texts hold none; unprintable ones (a
    legacy font's soft hyphen, say) are searched for it. A text holding a NUL is taken for unclean: its column
    is then read cell by cell, as any other unclean column."""
    if not texts:
        return True
    joined = " ".join(texts)
    if not joined or joined[0] == " " or joined[-1] == " " or "  " in joined:
        return False
    return joined.isprintable() or (ODD_SPACE.search(joined) is None and "\x00" not in joined)


#: A cell beyond the end of its row (a row stops at its last non-empty cell), told from an empty one.
ABSENT: Any = object()


class Columns:
    """The cells of some data rows (``values`` lists), a field at a time, each column worked out once.

    The rows are turned into columns once, by one C-level transposition (a row that stops early reads
    ``ABSENT`` past its end); a field's column is then taken as it is."""

    def __init__(self, rows: Sequence[list[Any]], mapping: dict[str, int], texts_clean: bool = False) -> None:
        """*texts_clean*: every text among *rows* is as ``text_of`` gives it (a prepared book's rows:
        ``import_read.prepare_book`` cleans every text cell), so a column's texts need no check."""
        self.rows = rows
        self.mapping = mapping
        self.texts_clean = texts_clean
        self._raw: dict[tuple[str, Any], list[Any]] = {}
        self._text: dict[str, list[str]] = {}
        self._columns: list[tuple[Any, ...]] | None = None
        self._shortest = 0  # the length of the shortest row

    def raw(self, name: str, absent: Any = None) -> list[Any]:
        """Every row's value of field *name* (*absent* for a row that stops before it, or a field with no column)."""
        key = (name, absent)
        found = self._raw.get(key)
        if found is None:
            col = self.mapping.get(name)
            if self._columns is None:
                self._columns = list(zip_longest(*self.rows, fillvalue=ABSENT))
                self._shortest = min(map(len, self.rows), default=0)
            if col is None or col >= len(self._columns):
                found = [absent] * len(self.rows)
            else:
                column = self._columns[col]
                found = list(column if absent is ABSENT or col < self._shortest  # no row stops before it
                             else map({ABSENT: absent}.get, column, column))  # fmt: skip
            self._raw[key] = found
        return found

    def text(self, name: str) -> list[str]:
        """``text_of`` of every row's value of field *name*."""
        found = self._text.get(name)
        if found is None:
            raw = self.raw(name)
            kinds = set(map(type, raw))
            if kinds <= _TEXT_KINDS and (self.texts_clean or all_clean(list(filter(None, raw)))):  # and Nones
                found = list(map(_EMPTY.get, raw, raw)) if _NONE in kinds else list(raw)
            elif all_clean([v for v in raw if v.__class__ is str]):
                found = [v if v.__class__ is str else ("" if v is None else text_of(v)) for v in raw]
            else:
                found = [text_of(v) for v in raw]
            self._text[name] = found
        return found


_NONE = type(None)
_TEXT_KINDS = frozenset((str, _NONE))
_EMPTY: dict[Any, str] = {None: ""}  # ``.get(v, v)``: None as "", any other value as it is
