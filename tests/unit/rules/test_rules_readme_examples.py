"""Runs the `xaapp classify` / `xaapp allowance` examples of README.md and checks the output shown there."""

from __future__ import annotations

import io
import re
import shlex
import sys
from pathlib import Path

import pytest

from xaapp import cli

README = Path(__file__).resolve().parents[3] / "README.md"
BLOCK = re.compile(r"```console\n(.*?)```", re.S)
EXIT = re.compile(r"^exit status (\d+)$")


def _examples() -> list[tuple[str, str, list[str], str, int]]:
    text = README.read_text(encoding="utf-8")
    section = text[text.index("<!-- rules-cli:start -->") : text.index("<!-- rules-cli:end -->")]
    examples = []
    for block in BLOCK.findall(section):
        command, _, shown = block.partition("\n")
        assert command.startswith("$ echo "), command
        words = shlex.split(command[2:])
        pipe = words.index("|")
        assert words[:1] == ["echo"] and words[pipe + 1] == "xaapp", command
        lines = shown.rstrip("\n").split("\n")
        status = 0
        if lines and EXIT.match(lines[-1]):
            status = int(EXIT.match(lines[-1]).group(1))  # type: ignore[union-attr]
            lines = lines[:-1]
        examples.append((command, words[1], words[pipe + 2 :], "\n".join(lines), status))
    return examples


EXAMPLES = _examples()


def test_readme_has_classify_and_allowance_examples() -> None:
    commands = {args[0] for _, _, args, _, _ in EXAMPLES}
    assert {"classify", "allowance"} <= commands
    assert any(status == 2 for *_, status in EXAMPLES)


@pytest.mark.parametrize(
    ("command", "stdin", "args", "expected", "status"), EXAMPLES, ids=[e[0][:60] for e in EXAMPLES]
)
def test_readme_example(
    command: str,
    stdin: str,
    args: list[str],
    expected: str,
    status: int,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Only this issue's commands: the other subcommands are other engineers' and not needed here.
    monkeypatch.setattr(cli, "COMMAND_MODULES", ("xaapp.cli.classify", "xaapp.cli.allowance"))
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    assert cli.main(args) == status
    captured = capsys.readouterr()
    assert (captured.err + captured.out).rstrip("\n") == expected
