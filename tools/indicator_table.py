"""Rewrite the deprivation-indicator table of docs/rules.md from the rule data (one definition of each
indicator: resources/rules/deprivation_indicators.json). tests/unit/services/test_indicator_catalogue.py
fails while the table and the data differ.

    .venv/bin/python tools/indicator_table.py
"""

from __future__ import annotations

from pathlib import Path

from xaapp.rules.deprivations import markdown_table

START = "<!-- indicator table: tools/indicator_table.py -->"
END = "<!-- end of indicator table -->"


def main() -> None:
    doc = Path(__file__).resolve().parents[1] / "docs" / "rules.md"
    text = doc.read_text(encoding="utf-8")
    head, rest = text.split(START, 1)
    _old, tail = rest.split(END, 1)
    doc.write_text(f"{head}{START}\n{markdown_table()}\n{END}{tail}", encoding="utf-8")


if __name__ == "__main__":
    main()
