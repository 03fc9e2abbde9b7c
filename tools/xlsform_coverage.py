"""The XLSForm coverage table of docs/forms.md: for every workbook in tests/data/xlsform, whether pyxform
(the reference converter) converts it and whether xaapp loads it.

``python tools/xlsform_coverage.py`` prints the table; ``--write`` puts it into docs/forms.md between
the markers; ``--check`` exits 1 when the table there is not what the workbooks give now (the test
``tests/unit/forms_engine/test_forms_coverage.py`` runs the same comparison, so it cannot go stale).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import re
import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "data" / "xlsform"
DOC = ROOT / "docs" / "forms.md"
BEGIN = "<!-- xlsform-coverage:begin (tools/xlsform_coverage.py --write) -->"
END = "<!-- xlsform-coverage:end -->"
#: Types and features worth naming in the table (canonical names of xaapp's type parser).
NOTABLE = (
    "time", "datetime", "geopoint", "geotrace", "geoshape", "barcode", "image", "audio", "video", "file",
    "osm", "metadata",
)  # fmt: skip


#: Type spellings of old XLSForm tools that pyxform still reads.
OLD_SPELLINGS = (
    "phone number", "percentage", "number of days", "add ", "q ", "get ", "select one from",
    "select all that apply", "select one ", "location", "imei", "begin loop",
)  # fmt: skip


def pyxform_result(path: Path) -> str:
    """ "yes", or "no: <pyxform's message>"."""
    from pyxform.xls2xform import convert

    try:
        with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
            warnings.simplefilter("ignore")
            convert(xlsform=str(path))
    except Exception as exc:  # noqa: BLE001 - any refusal of pyxform's is the answer here
        return "no: " + " ".join(str(exc).split())[:80]
    return "yes"


def xaapp_result(path: Path) -> str:
    """ "yes", or "no: <code> at <cell>, …" (the first three errors)."""
    from xaapp.forms_engine import ERROR, check_form

    errors = [p for p in check_form(path) if p.severity == ERROR]
    if not errors:
        return "yes"
    shown = ", ".join(f"{p.code} at {p.where}" for p in errors[:3])
    return f"no: {shown}" + (f" (+{len(errors) - 3})" if len(errors) > 3 else "")


def features(path: Path) -> str:
    """What the form uses beyond text, numbers, dates and selects (read with xaapp's own parser)."""
    from xaapp.forms_engine.loader import read_workbook
    from xaapp.forms_engine.types import parse_type

    sheets = read_workbook(path)
    found: list[str] = []

    def add(name: str) -> None:
        if name not in found:
            found.append(name)

    for row in sheets["survey"].rows if "survey" in sheets else ():
        if not row.get("type"):
            continue
        info = parse_type(row.get("type"))
        if " ".join(row.get("type").split()).lower().startswith(OLD_SPELLINGS):
            add("old spellings")
        if info.base in NOTABLE:
            add(info.base)
        if info.base == "loop":
            add("loop")
        if info.or_other:
            add("or_other")
        if info.external:
            add("select_one_external")
        if info.from_file:
            add("select_from_file")
        if info.problem == "unsupported_type":
            add(f"{info.base} (unsupported)")
        text = " ".join(row.values.values())
        for function in ("pulldata", "jr:choice-name", "indexed-repeat", "once"):
            if f"{function}(" in text:
                add(f"{function}()")
    for sheet in ("external_choices", "entities", "osm"):
        if sheet in sheets and sheets[sheet].rows:
            add(f"{sheet} sheet")
    return ", ".join(found)


def _source(name: str) -> str:
    sources = (FIXTURES / "SOURCES.md").read_text(encoding="utf-8")
    match = re.search(rf"^\| {re.escape(name)} \| ([^|]+) \|", sources, re.M)
    return match[1].strip() if match else "?"


def table() -> str:
    lines = [
        "| workbook | from | pyxform converts | xaapp loads | uses |",
        "|---|---|---|---|---|",
    ]
    for path in sorted(FIXTURES.glob("*.xlsx")):
        lines.append(
            f"| `{path.name}` | {_source(path.name)} | {pyxform_result(path)} | {xaapp_result(path)} "
            f"| {features(path)} |"
        )
    return "\n".join(lines)


def documented() -> str:
    text = DOC.read_text(encoding="utf-8")
    if BEGIN not in text or END not in text:
        return ""
    return text.split(BEGIN, 1)[1].split(END, 1)[0].strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write", action="store_true", help="update docs/forms.md")
    parser.add_argument("--check", action="store_true", help="exit 1 if docs/forms.md is out of date")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "src"))
    now = table()
    if args.write:
        text = DOC.read_text(encoding="utf-8")
        before, _, rest = text.partition(BEGIN)
        _, _, after = rest.partition(END)
        DOC.write_text(f"{before}{BEGIN}\n{now}\n{END}{after}", encoding="utf-8")
    elif args.check:
        if documented() != now:
            print("docs/forms.md: the XLSForm table is out of date; run tools/xlsform_coverage.py --write")
            return 1
    else:
        print(now)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
