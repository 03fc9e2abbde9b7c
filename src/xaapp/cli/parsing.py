"""argparse in Vietnamese first: the words argparse adds itself ("usage", "options", "error: the following
arguments are required …") are English, so the parser here says them in Vietnamese with the English after.

Every sub-parser is made by ``add_subparsers``/``add_parser``, which reuse the class of the root parser, so
installing ``BilingualParser`` at the root is enough.
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import Any, NoReturn

USAGE = "Cách dùng / usage: "
HELP = "hiện trợ giúp này rồi thoát / show this help and exit"
VERSION = "hiện số phiên bản rồi thoát / show the version and exit"

#: argparse's own error sentences → Vietnamese (the English is printed after, as argparse wrote it).
_MESSAGES: tuple[tuple[str, str], ...] = (
    (r"the following arguments are required: (.+)", "thiếu đối số bắt buộc: {0}"),
    (r"unrecognized arguments: (.+)", "không hiểu các đối số: {0}"),
    (
        r"argument (.+?): invalid choice: (.+) \(choose from (.+)\)",
        "đối số {0}: không có lựa chọn {1} (chọn một trong {2})",
    ),
    (r"argument (.+?): expected one argument", "đối số {0}: cần một giá trị"),
    (r"argument (.+?): expected at least one argument", "đối số {0}: cần ít nhất một giá trị"),
    (r"argument (.+?): expected at most one argument", "đối số {0}: chỉ được một giá trị"),
    (r"argument (.+?): expected (\d+) arguments?", "đối số {0}: cần {1} giá trị"),
    (r"argument (.+?): invalid (\w+) value: (.+)", "đối số {0}: giá trị {2} không hợp lệ (cần kiểu {1})"),
    (r"argument (.+?): not allowed with argument (.+)", "đối số {0}: không dùng cùng với {1}"),
    (r"argument (.+?): ignored explicit argument (.+)", "đối số {0}: không nhận giá trị {1}"),
    (r"one of the arguments (.+) is required", "cần một trong các đối số {0}"),
    (r"ambiguous option: (.+?) could match (.+)", "tùy chọn {0} không rõ: có thể là {1}"),
    (r"argument (.+?): (.+)", "đối số {0}: {1}"),
)


def vietnamese_error(message: str) -> str:
    """argparse's English error sentence in Vietnamese (the message itself when no pattern fits)."""
    for pattern, template in _MESSAGES:
        match = re.fullmatch(pattern, message, flags=re.DOTALL)
        if match:
            return template.format(*match.groups())
    return message


class BilingualParser(argparse.ArgumentParser):
    """An ArgumentParser whose headings, help option and errors are Vietnamese first, English second."""

    def __init__(self, *args: Any, add_help: bool = True, parents: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, add_help=False, **kwargs)  # type: ignore[misc]  # add_help is a keyword here
        # Titles first, then the parents' options, so theirs land in these groups and not in an English twin.
        self._positionals.title = "đối số / arguments"
        self._optionals.title = "tùy chọn / options"
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help=HELP)
        for parent in parents:
            self._add_container_actions(parent)
            self._defaults.update(parent._defaults)

    def _get_formatter(self) -> argparse.HelpFormatter:
        formatter = super()._get_formatter()
        add_usage = formatter.add_usage

        def bilingual_usage(usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
            add_usage(usage, actions, groups, USAGE if prefix is None else prefix)

        formatter.add_usage = bilingual_usage  # type: ignore[method-assign]
        return formatter

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        vi = vietnamese_error(message)
        self.exit(2, f"{self.prog}: lỗi: {vi}\n{self.prog}: error: {message}\n")
