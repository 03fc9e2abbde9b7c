"""The household list screen: search by village name, personal ID and phone; the list arrives sorted,
then its search index; a search typed before the index is there finds the same households."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from xaapp.domain.text import name_sort_key
from xaapp.storage.db import Database
from xaapp.storage.orm import Household, Person, Village
from xaapp.ui.households.page import HouseholdsPage
from xaapp.ui.models.household_table import Column
from xaapp.ui.tasks import InlineTaskRunner, TaskRunner

pytestmark = pytest.mark.gui


def shown(page: HouseholdsPage) -> list[int]:
    return [page.model.row_at(r).id for r in range(page.model.rowCount())]


def test_village_names_ids_and_phones_find_their_households(qtbot, demo_db: Database) -> None:
    page = HouseholdsPage(demo_db, InlineTaskRunner())
    qtbot.addWidget(page)
    page.reload()
    assert page.model.has_search_index()
    with demo_db.read() as s:
        village_id, village = s.execute(select(Village.id, Village.name).order_by(Village.id)).first()
        in_village = set(s.scalars(select(Household.id).where(Household.village_id == village_id)))
        pid, person_hh = s.execute(
            select(Person.personal_id, Person.household_id).where(Person.personal_id.is_not(None))
        ).first()
        phone, phone_hh = s.execute(
            select(Household.phone, Household.id).where(Household.phone.is_not(None))
        ).first()

    page.search.setText(village.lower())  # e.g. "bản đôn": the village's households, in name order
    heads = [page.model.row_at(r).head_name for r in range(page.model.rowCount())]
    assert set(shown(page)) >= in_village and heads == sorted(heads, key=name_sort_key)
    page.search.setText(pid)
    assert shown(page) == [person_hh]
    page.search.setText(pid[:-3])  # typing it: the household stays among the matches
    assert person_hh in shown(page)
    page.search.setText(phone)
    assert phone_hh in shown(page)
    assert f"{page.model.rowCount()} / 300 hộ" == page.count_label.text()

    page.search.clear()
    page.village_box.setCurrentIndex(page.village_box.findData(village_id))
    assert set(shown(page)) == in_village
    page.table.sortByColumn(Column.MEMBERS, Qt.SortOrder.DescendingOrder)  # another order, same filter
    sizes = [page.model.row_at(r).members for r in range(page.model.rowCount())]
    assert set(shown(page)) == in_village and sizes == sorted(sizes, reverse=True)
    page.search.setText("thi")
    assert all("thi" in page.model.row_at(r).search_text for r in range(page.model.rowCount()))
    assert set(shown(page)) <= in_village


def test_a_search_before_the_index_arrives_finds_the_same_households(qtbot, demo_db: Database) -> None:
    runner = TaskRunner()
    try:
        page = HouseholdsPage(demo_db, runner)
        qtbot.addWidget(page)
        page.search.setText("nguyen van")
        with qtbot.waitSignal(page.sig_loaded, timeout=20000):
            page.reload()
        before = shown(page)  # searched by reading every row
        assert before
        qtbot.waitUntil(page.model.has_search_index, timeout=20000)
        page.search.setText("nguyen va")
        page.search.setText("nguyen van")
        assert shown(page) == before  # through the index: the same households in the same order
    finally:
        runner.shutdown()
