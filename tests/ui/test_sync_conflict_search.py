"""The Sync screen's conflicts list has a search box like every list screen: accents and case ignored,
the details below following the filtered list, Ctrl+F reaching it, ↓ going into the list."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from xaapp.services.sync import ConflictView
from xaapp.ui.i18n import install_language
from xaapp.ui.shortcuts import focus_search
from xaapp.ui.sync.review import ConflictsBox

pytestmark = pytest.mark.gui


def _conflict(i: int, label: str, field: str, kind: str = "version") -> ConflictView:
    return ConflictView(i, "household", f"uuid-{i}", 2, False, False, [(field, "trên máy", "trên tỉnh")],
                        "2026-07-01T02:00:00+00:00", kind, label)  # fmt: skip


def test_the_conflicts_list_is_searched_without_accents_and_the_details_follow(qtbot) -> None:
    install_language("vi")
    chosen: list[tuple[int, str]] = []
    box = ConflictsBox(lambda cid, keep: chosen.append((cid, keep)))
    qtbot.addWidget(box)
    box.show()
    box.set_conflicts([
        _conflict(1, "Hà Văn Tuấn – Bản Đôn", "address"),
        _conflict(2, "Lò Thị Hoa – Bản Nủa", "phone"),
        _conflict(3, "Phạm Văn Đức – Bản Đôn", "address", kind="duplicate_code"),
    ])  # fmt: skip
    assert box.proxy.rowCount() == 3

    box.search.setText("lo thi hoa")  # no accents, lower case
    assert box.proxy.rowCount() == 1
    assert box.selected() is not None and box.selected().id == 2
    assert box.differences.rowCount() == 1 and box.keep_local.isEnabled()
    box.keep_server.click()
    assert chosen == [(2, "server")]  # the conflict shown, not row 0 of the whole list

    box.search.setText("ban don")
    assert [box.proxy.index(r, 1).data() for r in range(box.proxy.rowCount())] == [
        "Hộ gia đình: Hà Văn Tuấn – Bản Đôn",
        "Hộ gia đình: Phạm Văn Đức – Bản Đôn",
    ]
    box.search.setText("mã hộ trùng")  # the kind column is searched too
    assert box.proxy.rowCount() == 1 and box.selected().id == 3 and box.dismiss.isEnabled()

    box.search.setText("không có ai")
    assert box.proxy.rowCount() == 0 and box.selected() is None
    assert not box.keep_local.isEnabled() and not box.keep_server.isEnabled()
    box.search.clear()
    assert box.proxy.rowCount() == 3


def test_ctrl_f_reaches_the_sync_screens_search_and_down_goes_into_the_list(qtbot, tmp_path) -> None:
    from xaapp.storage.db import open_database
    from xaapp.ui.sync.panel import SyncPanel
    from xaapp.ui.tasks import InlineTaskRunner

    install_language("vi")
    db = open_database(tmp_path)
    panel = SyncPanel(db, InlineTaskRunner(), actor="thu")
    qtbot.addWidget(panel)
    panel.show()
    panel.activateWindow()
    qtbot.waitUntil(panel.isActiveWindow)
    panel.review.set_conflicts([_conflict(1, "Hà Văn Tuấn", "address"), _conflict(2, "Lò Thị Hoa", "phone")])
    assert focus_search(panel) and panel.search.hasFocus()
    qtbot.keyClicks(panel.search, "hoa")
    qtbot.keyClick(panel.search, Qt.Key.Key_Down)
    assert panel.conflict_view.hasFocus()
    assert panel.review.selected().id == 2
    db.close()
