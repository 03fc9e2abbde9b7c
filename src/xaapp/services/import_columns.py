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

#: In texts joined by NUL: an empty text, a space at either end of one, two spaces together, or any
#: whitespace that is not a plain space (tab, new line, no-break space …).
_NOT_CLEAN = re.compile(r"(?:^|\x00)(?:\s|\x00|$)|\s(?:\x00|$)|\s\s|[^\S ]")


def all_clean(texts: list[str]) -> bool:
    """True when every text is already as ``text_of`` gives it (``" ".join(t.split()) == t``, not empty)."""
    return not texts or _NOT_CLEAN.search("\x00".join(texts)) is None


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
