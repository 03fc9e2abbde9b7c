"""`xaapp gui` (also the default with no subcommand): the desktop app."""

from __future__ import annotations

import argparse
import os
import sys

from xaapp.errors import KnownError


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = subparsers.add_parser(
        "gui", parents=[common], help="mở ứng dụng (mặc định) / open the desktop app (default)"
    )
    p.add_argument("--language", choices=("vi", "en"), help="ngôn ngữ giao diện / interface language")
    p.set_defaults(func=run)


def check_display() -> None:
    """Say plainly that there is no screen, instead of letting Qt abort with a core dump."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        raise KnownError(
            "Không tìm thấy màn hình để mở cửa sổ. Hãy chạy trong phiên làm việc có giao diện, hoặc dùng "
            "màn hình ảo: xvfb-run -a xaapp",
            "No display to open a window on. Run it in a desktop session, or on a virtual screen: xvfb-run -a xaapp",
        )


def run(args: argparse.Namespace) -> int:
    from xaapp.app import run_gui
    from xaapp.config import resolve_config

    check_display()
    return run_gui(resolve_config(args.data_dir), getattr(args, "language", None))
