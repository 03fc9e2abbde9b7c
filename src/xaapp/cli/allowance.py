"""`xaapp allowance FILE.json|-`: the monthly social allowance of one person for one month."""

from __future__ import annotations

import argparse

from xaapp.cli.classify import print_json, read_json_input


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    parser = subparsers.add_parser(
        "allowance",
        parents=[common],
        help="tính trợ cấp xã hội hằng tháng từ tệp JSON / monthly social allowance from JSON",
        description=(
            "Tính trợ cấp xã hội (Nghị định 20/2021/NĐ-CP) và trợ cấp hưu trí xã hội của một người trong một tháng\n"
            "(xem docs/rules.md). / The social allowance and social pension of one person for one month."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "file", metavar="FILE.json", help="tệp JSON, hoặc - để đọc từ stdin / JSON file, or - for stdin"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from xaapp.rules.allowance import monthly_allowance

    data = read_json_input(args.file)
    print_json(monthly_allowance(data).to_json())
    return 0
