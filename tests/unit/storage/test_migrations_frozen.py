"""Desktop migrations replay the same whatever today's code says: the steps that fold names carry
their own copy of the folding and import nothing of xaapp."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from xaapp.domain.text import fold
from xaapp.storage.migrations.steps import m0002_folded_names, m0004_form_shaped_reviews

FROZEN = [m0002_folded_names, m0004_form_shaped_reviews]


@pytest.mark.parametrize("module", FROZEN, ids=lambda m: m.__name__.rsplit(".", 1)[-1])
def test_the_step_imports_nothing_of_xaapp(module: object) -> None:
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))  # type: ignore[attr-defined]
    imported = [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    imported += [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    assert not [name for name in imported if name.split(".")[0] == "xaapp"]


@pytest.mark.parametrize("module", FROZEN, ids=lambda m: m.__name__.rsplit(".", 1)[-1])
def test_the_frozen_folding_is_todays_on_vietnamese_names(module: object) -> None:
    # Not a requirement for ever (today's fold may change); while it is the same, the copy is right.
    for name in ("Đình Nguyễn", "  LÒ  Thị Ánh ", "Hà Văn Ân", "Thanh Hóa", "Bá Thước"):
        assert module.fold(name) == fold(name)  # type: ignore[attr-defined]
