"""A sheet's text made ready for an import (step 1 and 2 of :mod:`import_read`): every text cell cleaned (NFC,
single spaces, an empty text as None), TCVN3 (ABC, .VnTime) and VNI text detected per column and per cell
and converted to Unicode, merged ranges filled.

A column at a time, with C-level passes over the column's texts (``map`` of ``str`` methods and compiled
searches, one conversion over the joined texts); only a column that needs it is cleaned cell by cell.
Every text cell of the rows it returns is as ``import_cells.text_of`` gives it (``import_columns.Columns``
relies on it; a test checks).
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Sequence
from itertools import compress, repeat, zip_longest
from operator import is_, ne, not_
from typing import Any

from openpyxl.utils import get_column_letter

from xaapp.domain.text import detect_legacy_encoding
from xaapp.domain.vntext_legacy import TCVN3_TO_UNICODE, Encoding, convert_legacy
from xaapp.services.import_columns import all_clean, needs_cleaning
from xaapp.services.sheet_readers import Sheet

LEGACY_NAMES = {"tcvn3": "TCVN3 (ABC)", "vni": "VNI"}
#: TCVN3's letter codes below 0xC0 (µ ¸ ¹ ® ­ ¬ « ª © …): Unicode and VNI text never uses them.
_TCVN3_MARKER = re.compile("[" + re.escape("".join(sorted(ch for ch in TCVN3_TO_UNICODE if ord(ch) < 0xC0))) + "]")
_STR_NONE = frozenset((str, type(None)))
_SEP = "\x00"  # joins a column's texts for one pass of a conversion
#: A character beyond Latin-1 (ă đ ơ ư ạ …): ``vntext_legacy.surely_unicode`` as one search a cell, mapped over a column.
_BEYOND_LATIN1 = re.compile("[^\x00-\xff]")


def _clean_text(value: str) -> str:
    if not unicodedata.is_normalized("NFC", value):
        value = unicodedata.normalize("NFC", value)
    return " ".join(value.split()) if needs_cleaning(value) else value


def _clean_ascii(value: str) -> str | None:
    return (" ".join(value.split()) or None) if needs_cleaning(value) else value


def convert_sheet(sheet: Sheet, counts: dict[str, int], columns: list[str]) -> list[list[Any]]:
    """The sheet's rows with text cleaned (NFC, single spaces, an empty text as None) and legacy text converted.

    A column at a time: a column whose texts are all ASCII, or Unicode already clean, is passed by one
    search over the whole column; only a column that fails it is cleaned cell by cell. Cells whose letters
    are all Latin-1 (TCVN3, VNI, or Unicode such as "Lò Thị Hà" typed in them) are decided one by one."""
    rows = list(sheet.rows)  # the lists are the book's, read for this preparation alone: changed in place
    found: list[tuple[int, int, dict[str, int]]] = []  # (first row, column, converted cells per encoding)
    for c, column in enumerate(zip_longest(*rows) if sheet.columns is None else sheet.columns):
        kinds = set(map(type, column))
        if str not in kinds:
            continue
        if kinds == {str}:
            where: Sequence[int] = range(len(column))
            texts: list[str] = list(column)
        elif kinds == _STR_NONE and "" not in column:  # texts and empty cells: the texts are the true values
            where, texts = list(compress(range(len(column)), column)), list(filter(None, column))
        else:
            is_text = list(map(is_, map(type, column), repeat(str)))
            where, texts = list(compress(range(len(column)), is_text)), list(compress(column, is_text))
        distinct = set(texts)  # a column of few values (villages, classes) is checked once per value
        sample = list(distinct) if len(distinct) * 4 <= len(texts) else texts
        clean = all_clean(sample)
        ascii_ = list(map(str.isascii, sample))
        if all(ascii_):
            if not clean:
                for r, value in zip(where, texts, strict=True):
                    rows[r][c] = _clean_ascii(value)
            continue
        # Cells that may be TCVN3/VNI: not ASCII, and every letter Latin-1 (C-level passes over the column).
        not_ascii = list(map(not_, ascii_))
        sample_na = list(compress(sample, not_ascii))
        latin = list(map(not_, map(_BEYOND_LATIN1.search, sample_na)))
        unicode_cells = not all(latin)  # a character beyond Latin-1: a Unicode cell
        if sample is texts:
            candidates = list(zip(compress(compress(where, not_ascii), latin), compress(sample_na, latin), strict=True))
        else:
            legacy = set(compress(sample_na, latin))
            candidates = [(r, t) for r, t in zip(where, texts, strict=True) if t in legacy] if legacy else []
        if not clean or not unicodedata.is_normalized("NFC", "".join(sample)):
            for r, value in zip(where, texts, strict=True):
                rows[r][c] = _clean_ascii(value) if value.isascii() else _clean_text(value)
        if candidates:
            found.append((candidates[0][0], c, _convert_column(rows, c, candidates, unicode_cells)))
    for _first, c, converted in sorted(found):
        for encoding, n in converted.items():
            counts[encoding] = counts.get(encoding, 0) + n
            columns.append(f"{sheet.name}!{get_column_letter(c + 1)} ({LEGACY_NAMES[encoding]})")
    return rows


def _convert_column(rows: list[list[Any]], c: int, cells: list[tuple[int, str]], unicode_cells: bool) -> dict[str, int]:
    """Convert column *c*'s legacy *cells* in place; the number converted from each encoding."""
    # A column with Unicode cells too was partly retyped: only a cell's own evidence converts it there
    # ("Lê Minh Tú" is Unicode in Latin-1 letters, and would read "Lờ Minh Tỳ" as TCVN3).
    column_encoding: Encoding = "unicode" if unicode_cells else detect_legacy_encoding(" ".join(v for _r, v in cells))
    values = [v for _r, v in cells]
    # A cell with a TCVN3 code below 0xC0 is TCVN3 (``detect_legacy_encoding``'s rule for text without
    # letters beyond Latin-1, as these cells are): one search each; the others are detected in full.
    marked = list(map(_TCVN3_MARKER.search, values))
    encodings: list[Encoding] = ["tcvn3" if m else _cell_encoding(v, column_encoding) for v, m in zip(values, marked, strict=True)]
    news = list(values)
    firsts: list[tuple[int, str, int]] = []  # (first cell changed, encoding, cells changed)
    for encoding in ("tcvn3", "vni"):
        picked = [i for i, e in enumerate(encodings) if e == encoding]
        if not picked:
            continue
        olds = [values[i] for i in picked]
        joined = _SEP.join(olds)  # converted in one pass: no legacy sequence spans the separator
        if joined.count(_SEP) != len(olds) - 1:
            out = [convert_legacy(v, encoding) for v in olds]
        elif encoding == "tcvn3":
            out = tcvn3_latin1(joined).split(_SEP)
        else:
            out = convert_legacy(joined, encoding).split(_SEP)
        changed = list(map(ne, out, olds))
        if any(changed):
            firsts.append((picked[changed.index(True)], encoding, sum(changed)))
        for i, new in zip(picked, out, strict=True):
            news[i] = new
    if not (all_clean(news) and unicodedata.is_normalized("NFC", "".join(news))):
        news = [_clean_text(v) for v in news]
    for (r, _v), value in zip(cells, news, strict=True):
        rows[r][c] = value
    return {encoding: n for _first, encoding, n in sorted(firsts)}  # in the order a cell of each was met


#: TCVN3 as a code page: each of the 256 Latin-1 codes as the letter it draws (itself when it is no TCVN3 code).
_TCVN3_PAGE = "".join(TCVN3_TO_UNICODE.get(chr(code), chr(code)) for code in range(256))


def tcvn3_latin1(text: str) -> str:
    """``convert_legacy(text, "tcvn3")`` of a text whose characters are all Latin-1 (as legacy cells' are),
    decoded through the code page in one C-level pass instead of a dictionary look-up per character."""
    return unicodedata.normalize("NFC", codecs.charmap_decode(text.encode("latin-1"), "strict", _TCVN3_PAGE)[0])


def _cell_encoding(value: str, column_encoding: Encoding) -> Encoding:
    """The encoding a legacy candidate cell is converted from: its own evidence, else its column's."""
    encoding: Encoding = detect_legacy_encoding(value)
    return encoding if encoding in ("tcvn3", "vni") else column_encoding


def fill_merged(rows: list[list[Any]], merged: tuple[tuple[int, int, int, int], ...]) -> None:
    for r1, c1, r2, c2 in merged:
        if r1 >= len(rows) or c1 >= len(rows[r1]):
            continue
        value = rows[r1][c1]
        if value is None:
            continue
        for r in range(r1, min(r2, len(rows) - 1) + 1):
            row = rows[r]
            if len(row) <= c2:
                row.extend([None] * (c2 + 1 - len(row)))
            for c in range(c1, c2 + 1):
                row[c] = value
