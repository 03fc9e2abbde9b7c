"""`xaapp classify FILE.json|-`: classify one household review (poverty standard by review year)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from xaapp.errors import KnownError


def read_json_input(source: str) -> Any:
    """The JSON object of FILE or of stdin ("-"); unreadable or malformed input is a KnownError (exit 2)."""
    try:
        text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise KnownError(
            f"Không đọc được tệp {source}: {exc.strerror}", f"Cannot read the file {source}: {exc.strerror}"
        ) from None
    except UnicodeDecodeError:
        raise KnownError(f"Tệp {source} không phải UTF-8.", f"The file {source} is not UTF-8.") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise KnownError(
            f"{source}: không đúng JSON ở dòng {exc.lineno}, cột {exc.colno}: {exc.msg}",
            f"{source}: invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}",
        ) from None
    if not isinstance(data, dict):
        raise KnownError(
            f"{source}: cần một đối tượng JSON {{…}}.", f"{source}: a JSON object {{…}} is needed."
        )
    return data


def print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    parser = subparsers.add_parser(
        "classify",
        parents=[common],
        help="phân loại hộ nghèo/cận nghèo từ tệp JSON / classify a household review from JSON",
        description=(
            "Phân loại một hộ theo chuẩn nghèo của năm rà soát (xem docs/rules.md).\n"
            "Classify one household under the poverty standard of the review year (see docs/rules.md)."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "file", metavar="FILE.json", help="tệp JSON, hoặc - để đọc từ stdin / JSON file, or - for stdin"
    )
    parser.add_argument(
        "--point-table",
        metavar="FILE",
        help="bảng điểm A của tỉnh (định dạng trong resources/rules/README.md) / province score A point table",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from xaapp.rules.point_table import load_point_table
    from xaapp.rules.poverty import classify

    data = read_json_input(args.file)
    table = load_point_table(args.point_table) if args.point_table else None
    print_json(classify(data, point_table=table).to_json())
    return 0
