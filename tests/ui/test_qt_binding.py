"""The installed Qt binding keeps Python's reference counts: PySide6 6.12.0 on Python 3.11 dropped a
reference to None on every call of a void method (setText, beginResetModel …), and the app aborted
("deallocating None") after some 60,000 of them — a day of typing in the household search."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QSortFilterProxyModel, QStringListModel
from PySide6.QtWidgets import QLineEdit

pytestmark = pytest.mark.gui


def test_calling_qt_methods_that_return_nothing_keeps_the_reference_count_of_none(qtbot) -> None:
    edit = QLineEdit()
    qtbot.addWidget(edit)
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(QStringListModel(["Hà", "Hồ"]))
    before = sys.getrefcount(None)
    for _ in range(500):
        edit.setText("Hà Văn Thạch")
        proxy.setFilterFixedString("ha")
    after = sys.getrefcount(None)
    assert abs(after - before) < 100, f"None lost {before - after} references in 1,000 Qt calls"
