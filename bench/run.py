"""Run every benchmark in bench/ and print one table.

Usage: ``python bench/run.py [--quick] [--only NAME] [--scale 20000,100000]``

Each ``bench/bench_*.py`` module defines ``run(quick: bool) -> list[Result]`` (see ``bench/common.py``);
the desktop ones (start-up, household list, lists) take ``scale`` too, the number of households of
the demo commune they run on (cached between runs under ``$XAAPP_BENCH_CACHE`` or the temp folder),
and measure each figure against its floor in the same run. A benchmark measures; it never fails the
test suite. The table says whether each target is met.
"""

from __future__ import annotations

import argparse
import importlib.util
import inspect
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

from common import Result, format_table  # noqa: E402


def _load(path: Path):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smaller sizes, for a smoke run")
    parser.add_argument("--only", help="run only bench_<ONLY>.py")
    parser.add_argument("--skip", default="", help="comma-separated benchmarks not to run (e.g. sync)")
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    parser.add_argument(
        "--scale",
        default=None,
        help="households of the demo commune for the desktop benchmarks, comma-separated "
        "(default 20000,100000; --quick: 2000)",
    )
    args = parser.parse_args(argv)
    scales = [int(s) for s in (args.scale or ("2000" if args.quick else "20000,100000")).split(",")]
    results: list[Result] = []
    for path in sorted(HERE.glob("bench_*.py")):
        if args.only and path.stem != f"bench_{args.only}":
            continue
        if path.stem.removeprefix("bench_") in args.skip.split(","):
            continue
        started = time.perf_counter()
        module = _load(path)
        scaled = "scale" in inspect.signature(module.run).parameters
        for scale in scales if scaled else [None]:
            try:
                if scaled:
                    results.extend(module.run(quick=args.quick, scale=scale))
                else:
                    results.extend(module.run(quick=args.quick))
            except Exception as exc:  # a broken benchmark is reported in the table, not hidden
                note = f"{type(exc).__name__}: {exc}"
                results.append(
                    Result(
                        path.stem, f"error{f' at {scale:,}' if scale else ''}", float("nan"), "", note=note
                    )
                )
        print(f"  {path.stem}: {time.perf_counter() - started:.1f} s", file=sys.stderr)
    print(format_table(results))
    if args.json:
        Path(args.json).write_text(json.dumps([r.__dict__ for r in results], indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
