"""`xaapp db encrypt|decrypt`: the passphrase asked for (never an argument), the recovery code printed once,
every command that reads the file asking for the passphrase, a wrong one refused without a traceback."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from xaapp.cli import main
from xaapp.storage.cipher import is_encrypted

PASS = "mật khẩu của xã"


def _answers(monkeypatch: pytest.MonkeyPatch, *typed: str) -> list[str]:
    """Feed *typed* to the passphrase prompts; returns the prompts shown."""
    queue: Iterator[str] = iter(typed)
    prompts: list[str] = []

    def fake_getpass(prompt: str = "") -> str:
        prompts.append(prompt)
        return next(queue)

    monkeypatch.setattr("getpass.getpass", fake_getpass)
    return prompts


def test_encrypt_status_check_export_and_decrypt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    d = str(tmp_path)
    assert main(["demo", "--data-dir", d, "--households", "12", "--seed", "2", "--quiet"]) == 0
    capsys.readouterr()
    assert not is_encrypted(tmp_path / "xaapp.db")  # the demo stays unencrypted unless asked

    prompts = _answers(monkeypatch, PASS, PASS)
    assert main(["db", "encrypt", "--data-dir", d]) == 0
    out = capsys.readouterr().out
    code = re.search(r"MÃ KHÔI PHỤC / RECOVERY CODE:\s+(\S+)", out)
    assert code and "chỉ hiện một lần" in out
    assert prompts == ["Mật khẩu dữ liệu mới / new data passphrase: ", "Nhập lại / again: "]
    assert is_encrypted(tmp_path / "xaapp.db")
    assert all(is_encrypted(p) for p in (tmp_path / "backups").glob("*.db"))

    _answers(monkeypatch, PASS)
    assert main(["db", "status", "--data-dir", d]) == 0
    status = json.loads(capsys.readouterr().out)
    assert status["encrypted"] is True and status["records"]["household"] == 12
    _answers(monkeypatch, code.group(1))
    assert main(["db", "check", "--data-dir", d]) == 0
    assert capsys.readouterr().out.strip() == "ok"
    _answers(monkeypatch, PASS)
    pdf = tmp_path / "list.xlsx"
    assert (
        main(
            [
                "export",
                "--data-dir",
                d,
                "--list",
                "posting",
                "--year",
                "2025",
                "--format",
                "xlsx",
                "-o",
                str(pdf),
            ]
        )
        == 0
    )
    assert pdf.stat().st_size > 0

    _answers(monkeypatch, "sai mật khẩu")
    assert main(["db", "status", "--data-dir", d]) == 2
    assert "Mật khẩu dữ liệu hoặc mã khôi phục không đúng" in capsys.readouterr().err

    _answers(monkeypatch, PASS)
    assert main(["db", "decrypt", "--data-dir", d]) == 0
    assert "không còn mã hóa" in capsys.readouterr().out
    assert not is_encrypted(tmp_path / "xaapp.db")
    assert main(["db", "status", "--data-dir", d]) == 0  # no question now
    assert json.loads(capsys.readouterr().out)["encrypted"] is False


def test_encrypt_refuses_a_short_or_mistyped_passphrase_and_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    d = str(tmp_path)
    assert main(["demo", "--data-dir", d, "--households", "3", "--quiet"]) == 0
    _answers(monkeypatch, "ngắn", "ngắn")
    assert main(["db", "encrypt", "--data-dir", d]) == 2
    _answers(monkeypatch, PASS, PASS + "!")
    assert main(["db", "encrypt", "--data-dir", d]) == 2
    err = capsys.readouterr().err
    assert "ít nhất 8 ký tự" in err and "không khớp" in err
    assert not is_encrypted(tmp_path / "xaapp.db")


def test_a_wrong_passphrase_from_a_terminal_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    assert main(["demo", "--data-dir", str(tmp_path), "--households", "2", "--quiet"]) == 0
    from xaapp.storage.encryption import encrypt_data

    encrypt_data(tmp_path, PASS)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}
    run = [sys.executable, "-m", "xaapp", "db", "status", "--data-dir", str(tmp_path)]
    result = subprocess.run(run, input="không phải\n", capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 2
    assert "không đúng" in result.stderr and "Traceback" not in result.stderr
    assert "hmac" not in result.stderr.lower()  # SQLCipher's own log stays quiet
