"""Reading a list a column at a time gives the texts and rows the cell-by-cell reading gives."""

from __future__ import annotations

import dataclasses
import sys

import pytest

from xaapp.services.frozen_init import direct_init
from xaapp.services.import_cells import text_of
from xaapp.services.import_columns import ODD_SPACE, Columns, all_clean, needs_cleaning
from xaapp.services.import_plan import HouseholdRow, ImportRow


def test_odd_space_is_every_whitespace_split_splits_on_but_the_plain_space() -> None:
    spaces = {chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()}
    assert {ch for ch in spaces if ODD_SPACE.match(ch)} == spaces - {" "}
    assert not ODD_SPACE.search("Nguyễn Văn An, thôn Đông\x00\xad¸")


TEXTS = ["Nguyễn Văn An", "Lò Thị Hà", "", " ", "An ", " An", "An  Bình", "An\tBình", "An\xa0Bình", "An\u2003B",
         "x", "NguyÔn V¨n An", "a\rb", "\x00", "a\x00 b", "Thôn\nĐông", "1.500.000"]  # fmt: skip


@pytest.mark.parametrize("text", TEXTS)
def test_needs_cleaning_unless_text_of_gives_the_text_back(text: str) -> None:
    assert needs_cleaning(text) == (text_of(text) != text or not text)


def test_a_column_is_clean_when_every_text_in_it_is() -> None:
    clean = [t for t in TEXTS if not needs_cleaning(t) and "\x00" not in t]
    assert all_clean(clean) and all_clean([])
    assert not all_clean([*clean, "a\x00 b"])  # NUL joins the texts: such a column is read cell by cell
    for dirty in (t for t in TEXTS if needs_cleaning(t)):
        for at in (0, 1, len(clean)):
            assert not all_clean([*clean[:at], dirty, *clean[at:]]), (dirty, at)


def test_columns_give_each_rows_text_as_text_of_does() -> None:
    rows = [["HG1", "Lò  Thị Hà", 912000000.0], ["HG2", None], ["HG3", "An", " 0912 "], []]
    cols = Columns(rows, {"household": 0, "full_name": 1, "phone": 2})
    for name, col in (("household", 0), ("full_name", 1), ("phone", 2)):
        assert cols.text(name) == [text_of(r[col] if col < len(r) else None) for r in rows]
    assert cols.text("village") == ["", "", "", ""]
    assert cols.raw("phone", absent="-") == [912000000.0, "-", " 0912 ", "-"]


def test_direct_init_builds_the_same_frozen_rows() -> None:
    fast = HouseholdRow("k", 1, "Thôn Đông", "HG1", "An", None, None, "poor", "new", row=5)
    assert fast == HouseholdRow.__mro__[0](**dataclasses.asdict(fast))
    assert fast.listed is False and fast.changes == () and fast.sheet == ""
    with pytest.raises(dataclasses.FrozenInstanceError):
        fast.status = "error"  # type: ignore[misc]
    row = ImportRow(1, None, "", "k", "An", None, None, None, None, None, "head", None, None, None, "new")
    assert dataclasses.replace(row, status="error").status == "error" and row.status == "new"
    with pytest.raises(TypeError):
        ImportRow(1, None)  # type: ignore[call-arg]

    @dataclasses.dataclass(frozen=True)
    class WithFactory:
        items: list[int] = dataclasses.field(default_factory=list)

    with pytest.raises(TypeError):
        direct_init(WithFactory)
