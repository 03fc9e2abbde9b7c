"""Refresh resources/i18n/xaapp_en.ts from the UI sources (pyside6-lupdate), keeping existing translations.

Vietnamese is the source language of the interface; English is the translation. After running this,
translate new entries in Qt Linguist (``pyside6-linguist resources/i18n/xaapp_en.ts``).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    sources = sorted(str(p) for p in (ROOT / "src" / "xaapp" / "ui").rglob("*.py")) + [
        str(ROOT / "src/xaapp/app.py")
    ]
    tool = Path(sys.executable).with_name("pyside6-lupdate")
    ts = ROOT / "resources" / "i18n" / "xaapp_en.ts"
    return subprocess.call(
        [
            str(tool),
            *sources,
            "-source-language",
            "vi_VN",
            "-target-language",
            "en_GB",
            "-no-obsolete",
            "-ts",
            str(ts),
        ]
    )


if __name__ == "__main__":
    raise SystemExit(main())
