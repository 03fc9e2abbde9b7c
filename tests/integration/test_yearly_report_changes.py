"""Which cells of a commune's tables changed since its yearly report (``console.report_changes``):
matched by village and column, a village gone or added has every cell changed, equal rates are equal."""

from __future__ import annotations

import json
from dataclasses import asdict

from xaapp.server.console.report_changes import compare
from xaapp.server.console.tables import build


def _sent(units: list[tuple[str, str, dict[str, int]]]) -> dict:
    return json.loads(json.dumps(asdict(build(2026, "commune", units))))  # as stored: through JSON


def test_changed_cells_are_those_whose_value_moved() -> None:
    then = [("v1", "Thôn Đông", {"households": 10, "final": 10, "cls:poor": 2}),
            ("v2", "Thôn Tây", {"households": 5, "final": 5})]  # fmt: skip
    now = [("v1", "Thôn Đông", {"households": 11, "final": 10, "cls:poor": 2}),
           ("v3", "Thôn Mới", {"households": 1})]  # fmt: skip
    views, changed = compare(build(2026, "commune", now), _sent(then))
    b1 = views[0]
    assert [c.key for c in b1.columns][:3] == ["households", "final", "poor"]
    east = b1.rows[0]
    assert east.label == "Thôn Đông"
    assert [(c.now, c.then, c.changed) for c in east.cells[:3]] == [(11, 10, True), (10, 10, False), (2, 2, False)]
    assert east.cells[3].changed  # the poverty rate 2/11 against 2/10
    labels = {r.label: r for r in b1.rows}
    assert all(c.changed and c.then is None for c in labels["Thôn Mới"].cells)  # added since
    assert all(c.changed and c.now is None for c in labels["Thôn Tây"].cells)  # gone since
    assert changed > 0

    same, none = compare(build(2026, "commune", then), _sent(then))
    assert none == 0 and not any(c.changed for t in same for r in t.rows for c in r.cells)
    assert not any(c.changed for t in same for c in t.total)
