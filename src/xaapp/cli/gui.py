"""`xaapp gui` (also the default with no subcommand): the desktop app."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = subparsers.add_parser(
        "gui", parents=[common], help="mở ứng dụng (mặc định) / open the desktop app (default)"
    )
    p.add_argument("--language", choices=("vi", "en"), help="ngôn ngữ giao diện / interface language")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from xaapp.app import run_gui
    from xaapp.config import resolve_config

    return run_gui(resolve_config(args.data_dir), getattr(args, "language", None))
