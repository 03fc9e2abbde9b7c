"""Compile resources/i18n/*.ts into .qm files (pyside6-lrelease). Run by tools/dev.sh and the packaging spec."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def main() -> int:
    from xaapp.ui.i18n import compile_translation

    for ts in sorted((ROOT / "resources" / "i18n").glob("*_*.ts")):
        catalog, language = ts.stem.split("_", 1)
        qm = compile_translation(language, catalog)
        if qm is None:
            print(f"could not compile {ts}", file=sys.stderr)
            return 1
        print(qm)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
