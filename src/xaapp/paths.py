"""Where bundled files live: resources/ and forms/ in a checkout, an install or a PyInstaller bundle;
and how the data folder's own files are made private (0700 folders, 0600 files).

This is the only module that knows those locations (STYLE §4.10).
"""

from __future__ import annotations

import os
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


# --- the data folder: private to the user --------------------------------------------------------
#
# The data folder holds personal records and the device's sealed token: it is created 0700 and the
# files xaapp writes there 0600, so another account on a shared computer cannot read them. (On
# Windows the per-user %LOCALAPPDATA% already is private; chmod there only sets read-only bits.)

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


def _posix() -> bool:
    return os.name == "posix"


def private_dir(path: Path) -> Path:
    """Create *path* (and missing parents) as a folder only its owner can open; tighten it if it is ours."""
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR_MODE)
    if _posix():
        try:
            os.chmod(path, PRIVATE_DIR_MODE)
        except PermissionError:  # a folder of someone else's that we may still write into
            pass
    return path


def private_file(path: Path) -> Path:
    """Create *path* empty if missing, readable and writable by its owner only (before anything is written)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, PRIVATE_FILE_MODE)
    os.close(fd)
    make_private(path)
    return path


def make_private(path: Path) -> None:
    """Owner-only permissions on an existing file (no-op where the OS has no such bits)."""
    if _posix() and path.exists():
        try:
            os.chmod(path, PRIVATE_FILE_MODE)
        except PermissionError:
            pass


def inside(base: Path, candidate: Path) -> bool:
    """True when *candidate*, resolved, is *base* or lies under it (symlinks and ``..`` followed)."""
    try:
        candidate.resolve().relative_to(base.resolve())
    except ValueError:
        return False
    return True
