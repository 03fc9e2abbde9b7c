"""Every list has its own builder: a list key added to ``LISTS`` without one is refused with a message,
never built as some other list."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "reports"))

from listdata import make_db  # noqa: E402

from xaapp.errors import KnownError  # noqa: E402
from xaapp.services import list_documents  # noqa: E402
from xaapp.services.list_documents import LISTS, ListSpec, build_document  # noqa: E402

TODAY = dt.date(2026, 11, 28)


def test_each_list_builds_its_own_document(tmp_path: Path) -> None:
    db, _ids = make_db(tmp_path)
    titles = set()
    for spec in LISTS.values():
        when = {"year": 2026} if spec.needs == "year" else {"month": "2026-03"}
        doc = build_document(db, spec.key, today=TODAY, **when)
        titles.add(doc.title)
    assert len(titles) == len(LISTS)  # no two keys give the same list


def test_a_list_key_without_a_builder_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db, _ids = make_db(tmp_path)
    spec = ListSpec("elderly", "Danh sách người cao tuổi", "Elderly people", "year", ("cao-tuoi",))
    monkeypatch.setitem(LISTS, spec.key, spec)
    with pytest.raises(KnownError) as caught:
        build_document(db, "cao-tuoi", year=2026, today=TODAY)
    assert "«elderly» chưa có cách lập" in caught.value.message_vi
    assert "“elderly” has no builder" in caught.value.message_en
    assert set(list_documents._BUILDERS) == {k for k in LISTS if k != "elderly"}
