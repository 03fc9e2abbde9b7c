"""Render a sample of each printed list from the demo commune to docs/lists/*.png (first PDF page, and the chart),
and a picture of the Lists screen (docs/lists/screen.png).

Usage: ``python tools/render_list_samples.py [--households N] [--out docs/lists]``. Needs ``pdftoppm``
(poppler-utils). Deterministic: demo seed 1, dated 28/11/2026, review year 2026, payment month 07/2026.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

SAMPLES = (  # (list key, parameters, pages to keep)
    ("posting", {"year": 2026}, (1,)),
    ("escaped", {"year": 2026}, (1,)),
    ("payment", {"month": "2026-07"}, (1,)),
    ("bank", {"month": "2026-07"}, (1,)),
    ("summary", {"year": 2026}, (1, -1)),
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--households", type=int, default=600)
    parser.add_argument("--out", default=str(ROOT / "docs" / "lists"))
    parser.add_argument("--dpi", type=int, default=70)
    args = parser.parse_args(argv)
    if shutil.which("pdftoppm") is None:
        print("pdftoppm (poppler-utils) is needed", file=sys.stderr)
        return 1

    from PySide6.QtWidgets import QApplication

    from xaapp.services.demo import generate_demo
    from xaapp.services.list_documents import build_document
    from xaapp.storage.db import open_database
    from xaapp.ui.fonts import load_fonts
    from xaapp.ui.lists.panel import ListsPanel
    from xaapp.ui.printing import write_pdf
    from xaapp.ui.tasks import InlineTaskRunner

    app = QApplication([])
    load_fonts(app)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(Path(tmp) / "data")
        generate_demo(db, households=args.households, seed=1)
        for key, params, pages in SAMPLES:
            doc = build_document(db, key, today=dt.date(2026, 11, 28), **params)
            pdf = Path(tmp) / f"{key}.pdf"
            count = write_pdf(doc, pdf)
            for page in pages:
                number = count if page == -1 else page
                name = key if page == 1 else f"{key}-page{number}"
                subprocess.run(["pdftoppm", "-r", str(args.dpi), "-png", "-singlefile", "-f", str(number), "-l",
                                str(number), str(pdf), str(out / name)], check=True)  # fmt: skip
                print(f"{out / name}.png ({doc.title}, page {number}/{count})")
        panel = ListsPanel(db, InlineTaskRunner())
        panel.select("payment", year=2026, month=7)
        panel.resize(1100, 700)
        panel.show_preview()
        panel.grab().save(str(out / "screen.png"))
        print(f"{out / 'screen.png'} (the Lists screen)")
        panel.deleteLater()
        db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
