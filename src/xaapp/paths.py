"""Where bundled files live: resources/ and forms/ in a checkout, an install or a PyInstaller bundle.

This is the only module that knows those locations (STYLE §4.10).
"""

from __future__ import annotations

import sys
from pathlib import Path


def _root() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:  # PyInstaller one-folder build: datas are copied next to the executable's internals
        return Path(bundle)
    # Checkout or editable install: src/xaapp/paths.py -> project root
    return Path(__file__).resolve().parents[2]


def resources_dir() -> Path:
    """The folder holding fonts, reference data, rule data and translations."""
    return _root() / "resources"


def forms_dir() -> Path:
    """The folder holding the shipped XLSForm questionnaires."""
    return _root() / "forms"


def resource(*parts: str) -> Path:
    """Path of one bundled resource, e.g. ``resource("data", "thanh_hoa_communes_2025.csv")``."""
    return resources_dir().joinpath(*parts)
