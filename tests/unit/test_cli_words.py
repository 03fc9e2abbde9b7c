"""The words argparse adds itself (usage, options, errors) come in Vietnamese first, then English."""

from __future__ import annotations

import argparse

import pytest

from xaapp.cli import build_parser, main
from xaapp.cli.parsing import vietnamese_error

ENGLISH_ONLY = ("\nusage:", "\noptions:", "positional arguments:", "show this help message and exit")


def _walk(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    found = [parser]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                found.extend(_walk(sub))
    return found


def test_every_help_page_is_vietnamese_first_with_no_english_only_heading() -> None:
    for parser in _walk(build_parser()):
        text = "\n" + parser.format_help()
        assert text.startswith("\nCách dùng / usage: "), parser.prog
        assert "tùy chọn / options:" in text, parser.prog
        assert text.count("tùy chọn / options:") == 1, (
            parser.prog
        )  # the shared --data-dir sits in the same group
        for english in ENGLISH_ONLY:
            assert english not in text, (parser.prog, english)


def test_a_missing_argument_is_named_in_vietnamese_then_english(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["classify"])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "xaapp classify: lỗi: thiếu đối số bắt buộc: FILE.json" in err
    assert "error: the following arguments are required: FILE.json" in err
    assert err.index("lỗi:") < err.index("error:")


def test_a_wrong_choice_is_explained_in_vietnamese(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["db", "repair"])
    err = capsys.readouterr().err
    assert "không có lựa chọn 'repair'" in err and "invalid choice" in err


@pytest.mark.parametrize(
    ("english", "vietnamese"),
    [
        ("unrecognized arguments: --x", "không hiểu các đối số: --x"),
        (
            "argument --year: invalid int value: 'abc'",
            "đối số --year: giá trị 'abc' không hợp lệ (cần kiểu int)",
        ),
        ("argument -o/--output: expected one argument", "đối số -o/--output: cần một giá trị"),
        ("something argparse never said", "something argparse never said"),
    ],
)
def test_argparse_sentences(english: str, vietnamese: str) -> None:
    assert vietnamese_error(english) == vietnamese
