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
from typing import Any

from xaapp.services.import_cells import text_of

#: Whitespace other than the plain space: every character ``str.split()`` splits on, but " " (a test checks).
ODD_SPACE = re.compile("[\t-\r\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")


def needs_cleaning(text: str) -> bool:
    """True unless *text* is as ``text_of`` gives it: not empty, no space at either end, single plain spaces."""
    return not text or text[0] == " " or text[-1] == " " or "  " in text or ODD_SPACE.search(text) is not None


def all_clean(texts: list[str]) -> bool:
    """``not needs_cleaning(t)`` for every text, told by a few searches over the texts joined (C speed, no
    Python step per text). A text holding a NUL may be taken for unclean: its column is read cell by cell."""
    if not texts:
        return True
    joined = "\x00".join(texts)  # NUL: an empty text shows as two together, an end space beside one
    return not (needs_cleaning(joined) or joined[0] == "\x00" or joined[-1] == "\x00" or "\x00\x00" in joined
                or " \x00" in joined or "\x00 " in joined)  # fmt: skip


#: A cell beyond the end of its row (a row stops at its last non-empty cell), told from an empty one.
ABSENT: Any = object()


class Columns:
    """The cells of some data rows (``values`` lists), a field at a time, each column worked out once."""

    def __init__(self, rows: Sequence[list[Any]], mapping: dict[str, int]) -> None:
        self.rows = rows
        self.mapping = mapping
        self._raw: dict[tuple[str, Any], list[Any]] = {}
        self._text: dict[str, list[str]] = {}

    def raw(self, name: str, absent: Any = None) -> list[Any]:
        """Every row's value of field *name* (*absent* for a row that stops before it, or a field with no column)."""
        key = (name, absent)
        found = self._raw.get(key)
        if found is None:
            col = self.mapping.get(name)
            if col is None:
                found = [absent] * len(self.rows)
            else:
                found = [v[col] if col < len(v) else absent for v in self.rows]
            self._raw[key] = found
        return found

    def text(self, name: str) -> list[str]:
        """``text_of`` of every row's value of field *name*."""
        found = self._text.get(name)
        if found is None:
            raw = self.raw(name)
            if all_clean([v for v in raw if v.__class__ is str]):
                found = [v if v.__class__ is str else ("" if v is None else text_of(v)) for v in raw]
            else:
                found = [text_of(v) for v in raw]
            self._text[name] = found
        return found
