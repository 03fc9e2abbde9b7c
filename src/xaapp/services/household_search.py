"""Search as you type over the household list, through a word index instead of scanning every row.

A household's searchable text (``HouseholdRow.search_text``) is a few folded fields, each starting
with "|": its members' names, its village, its code, the members' personal IDs and phones. A search
matches a household when the folded search text occurs in one field at the start of a word:
"nguyen van an" finds "Nguyễn Văn An" and "Nguyễn Văn Anh", "ban don" the households of Bản Đôn,
"038190" every ID or phone that begins so. (Not "guyen": a search starts at a word.)

So every word of a search but the last is a whole word of the household, and the last begins one.
The index maps each word to the ascending positions of the households that have it; numbers (IDs,
phones, codes) are kept as sorted integers, so that a prefix is a range found by bisection, as the
database's own index on ``person.personal_id`` finds a CCCD. A search takes the households that
have all its words (sets combined in C: a word held by many households is kept as a "byte map", an
int with one byte per household, 1 where it has the word, so that "and" and "or" are single
integer operations), and, when it has more than one word, checks the phrase in their text.
Typing narrows: a search that extends the previous one only checks what that one found, when few.

Pure Python, no Qt: built on a worker thread after the list has arrived, queried on the UI thread.
Until it is built, ``scan`` gives the same answers by reading every text.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from itertools import compress, repeat

from xaapp.domain.text import fold

_WORD = re.compile(r"\w+")

#: Numbers of up to this many digits go into the sorted number index (IDs have 12, phones 10 or 11).
_MAX_DIGITS = 12
#: A word (or number prefix) held by at least 1/_DENSE of the households is kept as a byte map.
_DENSE = 32
#: Number prefixes up to this long get their byte map made up front when dense ("0", "03", "038" …).
_DENSE_NUMBER_PREFIX = 3
#: Positions marked per C loop when making a byte map.
_SLICE = 20_000
#: Below this many candidates, checking their text beats asking the index.
_NARROW_LIMIT = 3000


def normalise(text: str) -> str:
    """The search as the index sees it: folded, "|" taken as a space, single spaces, no edge spaces."""
    return " ".join(fold(text).replace("|", " ").split())


def _is_number(word: str) -> bool:
    return word.isascii() and word.isdigit() and len(word) <= _MAX_DIGITS


def _phrase_test(needle: str) -> Callable[[str], bool]:
    at_field, at_word = "|" + needle, " " + needle
    return lambda text: at_field in text or at_word in text


def scan(texts: Sequence[str], text: str, within: Iterable[int] | None = None) -> list[int] | None:
    """What ``HouseholdSearch.matches`` answers, by reading every text (before the index is built)."""
    needle = normalise(text)
    if not needle:
        return None
    test = _phrase_test(needle)
    return [i for i in (range(len(texts)) if within is None else within) if test(texts[i])]


class HouseholdSearch:
    """Word index over a list of search texts (see the module docstring). Positions index that list."""

    def __init__(self, texts: Sequence[str], numbers: Iterable[tuple[str, int]] | None = None) -> None:
        """*numbers*: the words of the last two fields (code; IDs and phones) with their positions,
        sorted as text (as ``households.household_numbers`` reads them, sorted by SQLite: a sort in
        Python would hold the interpreter lock for long, freezing the UI thread). Without it they are
        taken from *texts* and sorted here.

        A number is kept as an int that sorts as its digits do as text ("038" < "0380" < "0381"):
        its digits padded to 12 with zeros, times 16, plus its length. The numbers that begin with a
        prefix are then one range of that sorted array."""
        self._texts = texts
        self._size = size = len(texts)
        postings: dict[str, array[int]] = {}
        tails: list[tuple[str, int]] = []
        for pos, text in enumerate(texts):
            words, code, numbers_text = text.rsplit("|", 2)
            spaced = words.replace("|", " ")
            # Words as written, and the pieces between punctuation: «Lò Văn "Páo"» is found by "pao" too.
            pieces = set(spaced.split())
            if not spaced.replace(" ", "").isalnum():
                pieces.update(_WORD.findall(spaced))
            for word in pieces:
                found = postings.get(word)
                if found is None:
                    postings[word] = array("i", (pos,))
                else:
                    found.append(pos)
            if numbers is None:
                tails.extend((word, pos) for word in f"{code} {numbers_text}".split())
        if numbers is None:
            numbers = sorted(tails)
        keys, places = array("q"), array("i")
        touched: set[str] = set()
        for word, pos in numbers:
            if word.isdigit() and len(word) <= _MAX_DIGITS and word.isascii():
                keys.append((int(word.ljust(_MAX_DIGITS, "0")) << 4) | len(word))
                places.append(pos)
                continue
            found = postings.get(word)
            if found is None:
                postings[word] = array("i", (pos,))
            else:
                found.append(pos)
            touched.add(word)
        for word in touched:  # these arrived in the numbers' order, not by position
            postings[word] = array("i", sorted(set(postings[word])))
        self._postings = postings
        self._words = sorted(postings)
        self._number_keys, self._number_pos = keys, places
        dense = max(size // _DENSE, 1)
        self._dense: dict[str, int] = {w: self._bytemap(p) for w, p in postings.items() if len(p) >= dense}
        self._dense_numbers: dict[str, int] = {}
        for prefix in self._number_prefixes(dense):
            self._dense_numbers[prefix] = self._bytemap(self._number_range(prefix, exact=False))

    def __len__(self) -> int:
        return self._size

    # -- queries ---------------------------------------------------------------------------------

    def matches(self, text: str, within: Sequence[int] | None = None) -> list[int] | None:
        """Ascending positions of the texts that *text* matches; None for an empty search (all match).

        *within*: the result of a search that *text* extends (same words, more letters), to narrow.
        """
        needle = normalise(text)
        if not needle:
            return None
        if within is not None and len(within) <= _NARROW_LIMIT:
            test = _phrase_test(needle)
            return [i for i in within if test(self._texts[i])]
        words = needle.split(" ")
        sets = [self._whole(w) for w in words[:-1]] + [self._begins(words[-1])]
        found = self._all_of(sets)
        if len(words) == 1:
            return found
        test = _phrase_test(needle)
        return [i for i in found if test(self._texts[i])]

    def _all_of(self, sets: list[int | list[int]]) -> list[int]:
        """Ascending positions in every one of *sets*."""
        sparse = [s for s in sets if isinstance(s, list)]
        maps = [s for s in sets if not isinstance(s, list)]
        if sparse:
            found = min(sparse, key=len)
            for other in sparse:
                if other is not found:
                    keep = set(other)
                    found = [i for i in found if i in keep]
            for bytemap in maps:
                data = bytemap.to_bytes(self._size, "little")
                found = [i for i in found if data[i]]
            return found
        combined = maps[0]
        for bytemap in maps[1:]:
            combined &= bytemap
        return list(compress(range(self._size), combined.to_bytes(self._size, "little")))

    def _whole(self, word: str) -> int | list[int]:
        """The households that have *word* as a whole word."""
        if word in self._dense:
            return self._dense[word]
        parts = [self._postings[word]] if word in self._postings else []
        numbers = [self._number_range(word, exact=True)] if _is_number(word) else []
        return self._union(parts, numbers, [])

    def _begins(self, prefix: str) -> int | list[int]:
        """The households that have a word beginning with *prefix*."""
        words = self._words
        lo, hi = bisect_left(words, prefix), bisect_left(words, prefix + "\U0010ffff")
        maps = [self._dense[w] for w in words[lo:hi] if w in self._dense]
        parts: list[Sequence[int]] = [self._postings[w] for w in words[lo:hi] if w not in self._dense]
        numbers: list[Sequence[int]] = []
        if _is_number(prefix):
            if prefix in self._dense_numbers:
                maps.append(self._dense_numbers[prefix])
            else:
                numbers.append(self._number_range(prefix, exact=False))
        return self._union(parts, numbers, maps)

    def _union(
        self, parts: Sequence[Sequence[int]], numbers: Sequence[Sequence[int]], maps: list[int]
    ) -> int | list[int]:
        """*parts*: ascending positions, once each; *numbers*: positions in any order, maybe repeated."""
        if not maps:
            if len(parts) == 1 and not numbers:
                return list(parts[0])
            if sum(map(len, parts)) + sum(map(len, numbers)) < self._size // _DENSE:
                return sorted(set().union(*parts, *numbers))
        combined = self._bytemap(*parts, *numbers) if parts or numbers else 0
        for bytemap in maps:
            combined |= bytemap
        return combined

    # -- building blocks -------------------------------------------------------------------------

    def _bytemap(self, *parts: Sequence[int]) -> int:
        """One byte per household, 1 for those in *parts*, as an int (so & and | run in C)."""
        marks = bytearray(self._size)
        mark = marks.__setitem__
        for part in parts:
            # In slices: one C loop over 500,000 positions would hold the interpreter lock for long.
            for start in range(0, len(part), _SLICE):
                deque(map(mark, part[start : start + _SLICE], repeat(1)), maxlen=0)
        return int.from_bytes(marks, "little")

    def _number_span(self, digits: str, exact: bool) -> tuple[int, int]:
        """Where the numbers that begin with *digits* (or equal them) lie in the sorted arrays."""
        padded = int(digits) * 10 ** (_MAX_DIGITS - len(digits))
        lo = (padded << 4) | len(digits)
        hi = lo + 1 if exact else (padded + 10 ** (_MAX_DIGITS - len(digits))) << 4
        keys = self._number_keys
        return bisect_left(keys, lo), bisect_left(keys, hi)

    def _number_range(self, digits: str, exact: bool) -> array[int]:
        """Positions of the numbers that begin with *digits* (or equal them), in no order, maybe repeated."""
        lo, hi = self._number_span(digits, exact)
        return self._number_pos[lo:hi]

    def _number_prefixes(self, dense: int) -> list[str]:
        """Number prefixes (up to _DENSE_NUMBER_PREFIX digits) that reach *dense* households or more."""
        out: list[str] = []
        level = [str(d) for d in range(10)]
        while level:
            keep = [p for p in level if self._number_count(p) >= dense]
            out.extend(keep)
            level = (
                [p + str(d) for p in keep for d in range(10)] if len(level[0]) < _DENSE_NUMBER_PREFIX else []
            )
        return out

    def _number_count(self, digits: str) -> int:
        lo, hi = self._number_span(digits, exact=False)
        return hi - lo
