"""The `xaapp` command: the desktop app by default, subcommands for everything scriptable.

Each subcommand lives in its own module under ``xaapp.cli`` and exposes
``register(subparsers, common)``: it adds its parser (with ``parents=[common]`` so that
``--data-dir`` works on every command) and sets ``func`` to a callable taking the parsed
arguments and returning an exit status. Modules are listed in ``COMMAND_MODULES``.

Exit status: 0 ok, 1 failure, 2 bad input / usage (with a message naming what is wrong).
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence

from xaapp import __version__
from xaapp.cli.parsing import VERSION, BilingualParser
from xaapp.errors import KnownError

logger = logging.getLogger(__name__)

#: Subcommand modules, in the order they appear in --help.
COMMAND_MODULES: tuple[str, ...] = (
    "xaapp.cli.gui",
    "xaapp.cli.demo",
    "xaapp.cli.db",
    "xaapp.cli.forms",
    "xaapp.cli.classify",
    "xaapp.cli.allowance",
    "xaapp.cli.export",
    "xaapp.cli.import_xlsx",
    "xaapp.cli.sync",
    "xaapp.cli.report",
    "xaapp.cli.server",
)

DESCRIPTION = (
    "xaapp – rà soát hộ nghèo, cận nghèo và bảo trợ xã hội cho cán bộ xã (Thanh Hóa).\n"
    "xaapp – poverty reviews and social assistance for commune officers (Thanh Hóa).\n\n"
    "Không có lệnh con: mở ứng dụng. / No subcommand: opens the desktop app."
)


class _Formatter(argparse.RawDescriptionHelpFormatter):
    pass


def common_parser() -> argparse.ArgumentParser:
    """Options every command accepts."""
    common = BilingualParser(add_help=False)
    common.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,  # so a subcommand's copy of the option does not reset the root's value
        help="thư mục dữ liệu (mặc định: thư mục dữ liệu người dùng) / data folder (default: the user data folder)",
    )
    return common


def build_parser() -> argparse.ArgumentParser:
    common = common_parser()
    parser = BilingualParser(prog="xaapp", description=DESCRIPTION, formatter_class=_Formatter, parents=[common])
    parser.add_argument("--version", action="version", version=f"xaapp {__version__}", help=VERSION)
    subparsers = parser.add_subparsers(dest="command", metavar="LỆNH/COMMAND", title="lệnh / commands")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the process exit status."""
    _utf8_stdio()
    parser = build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "data_dir"):
        args.data_dir = None
    if args.command is None:
        from xaapp.cli import gui

        args.func = gui.run
        args.language = None
    try:
        return int(args.func(args) or 0)
    except KnownError as exc:
        print(f"xaapp: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("xaapp: đã dừng / interrupted", file=sys.stderr)
        return 130


def _utf8_stdio() -> None:
    """Vietnamese output must survive a Windows console or a pipe with a legacy code page."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(encoding="utf-8")
            except (ValueError, OSError):  # pragma: no cover - detached or exotic streams
                pass
