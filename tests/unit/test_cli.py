"""The `xaapp` command: version, bilingual help, --data-dir everywhere, clean errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from xaapp import __version__
from xaapp.cli import build_parser, main


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.strip() == f"xaapp {__version__}"


def test_help_is_in_vietnamese_and_english(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "rà soát hộ nghèo" in out and "poverty reviews" in out
    assert "demo" in out and "--data-dir" in out


def test_every_subcommand_accepts_data_dir() -> None:
    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    for name, sub in subparsers.choices.items():
        options = {o for a in sub._actions for o in a.option_strings}
        nested = [a for a in sub._actions if a.__class__.__name__ == "_SubParsersAction"]
        if nested:
            for nested_sub in nested[0].choices.values():
                assert "--data-dir" in {o for a in nested_sub._actions for o in a.option_strings}, name
        else:
            assert "--data-dir" in options, name


def test_demo_then_db_status_and_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--data-dir", str(tmp_path), "--households", "30", "--seed", "3", "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "30 hộ/households" in out and "mật khẩu / password:" in out
    assert main(["db", "status", "--data-dir", str(tmp_path)]) == 0
    status = json.loads(capsys.readouterr().out)
    assert status["records"]["household"] == 30 and status["schema_version"] >= 2
    assert main(["db", "check", "--data-dir", str(tmp_path)]) == 0
    assert capsys.readouterr().out.strip() == "ok"


def test_a_user_error_exits_2_with_a_message_and_no_traceback(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}
    run = [sys.executable, "-m", "xaapp", "demo", "--data-dir", str(tmp_path), "--households", "0"]
    result = subprocess.run(run, capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 2
    assert "Số hộ phải lớn hơn 0" in result.stderr and "Traceback" not in result.stderr


def test_data_dir_before_or_after_the_subcommand(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(tmp_path / "a"), "demo", "--households", "5", "--quiet"]) == 0
    assert main(["db", "status", "--data-dir", str(tmp_path / "a")]) == 0
    assert '"household": 5' in capsys.readouterr().out
    assert main(["--data-dir", str(tmp_path / "a"), "db", "status"]) == 0
    assert '"household": 5' in capsys.readouterr().out


def test_no_display_gets_a_clear_message_not_a_crash(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[2] / "src")
    result = subprocess.run(
        [sys.executable, "-m", "xaapp", "--data-dir", str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 2
    assert "xvfb-run -a xaapp" in result.stderr and "Traceback" not in result.stderr


def test_server_run_without_the_server_extra_says_what_to_install(monkeypatch, capsys) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "uvicorn" else real(name, *a)
    )
    assert main(["server", "run", "--db", "sqlite:///:memory:", "--port", "0"]) == 2
    err = capsys.readouterr().err
    assert "pip install 'xaapp[server]'" in err and "uvicorn" in err


@pytest.mark.parametrize(
    "argv",
    [
        ["server", "enroll", "--db", "sqlite:///:memory:", "--commune", "14923"],
        ["server", "revoke", "--db", "sqlite:///:memory:", "--device", "dev-x"],
        ["server", "stats", "--db", "sqlite:///:memory:"],
        ["server", "import", "--db", "sqlite:///:memory:", "nothing.xaz"],
        ["server", "user", "list", "--db", "sqlite:///:memory:"],
    ],
)
def test_every_server_command_in_a_desktop_build_says_what_to_install(monkeypatch, capsys, argv) -> None:
    # The desktop bundle leaves xaapp.server and its packages out: no command may end in a traceback.
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "xaapp.server" else real(name, *a)
    )
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "pip install 'xaapp[server]'" in err and "xaapp.server" in err and "Traceback" not in err
