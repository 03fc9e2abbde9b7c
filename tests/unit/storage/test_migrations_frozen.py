"""Desktop migrations replay the same whatever today's code says: no step imports xaapp (but the
runner's own helper that runs a SQL script); the steps that fold names or seal the token carry their
own copy of the folding or the sealing."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from xaapp.domain.text import fold
from xaapp.storage import device_secret
from xaapp.storage.migrations.runner import STEPS
from xaapp.storage.migrations.steps import (
    m0002_folded_names,
    m0004_form_shaped_reviews,
    m0005_sealed_device_token,
)

FROZEN = [m0002_folded_names, m0004_form_shaped_reviews]
RUNNER = "xaapp.storage.migrations.runner"


@pytest.mark.parametrize("module", STEPS, ids=lambda m: m.__name__.rsplit(".", 1)[-1])
def test_the_step_imports_nothing_of_xaapp(module: object) -> None:
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))  # type: ignore[attr-defined]
    imported = [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    imported += [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    assert not [name for name in imported if name.split(".")[0] == "xaapp" and name != RUNNER]


def test_a_token_sealed_by_the_frozen_step_is_read_by_todays_code(tmp_path: Path) -> None:
    sealed = m0005_sealed_device_token.seal(tmp_path, "tok-123")
    assert device_secret.is_sealed(sealed) and "tok-123" not in sealed
    assert device_secret.unseal(tmp_path, sealed) == "tok-123"
    assert oct(device_secret.key_path(tmp_path).stat().st_mode & 0o777) == "0o600"


@pytest.mark.parametrize("module", FROZEN, ids=lambda m: m.__name__.rsplit(".", 1)[-1])
def test_the_frozen_folding_is_todays_on_vietnamese_names(module: object) -> None:
    # Not a requirement for ever (today's fold may change); while it is the same, the copy is right.
    for name in ("Đình Nguyễn", "  LÒ  Thị Ánh ", "Hà Văn Ân", "Thanh Hóa", "Bá Thước"):
        assert module.fold(name) == fold(name)  # type: ignore[attr-defined]
