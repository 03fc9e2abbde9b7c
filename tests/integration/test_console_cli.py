"""`xaapp server user add|passwd|disable|enable|list`: accounts made on the command line log in to the
console (or no longer do), and each change is in the console's audit log.
"""

from __future__ import annotations

import io
import json

import pytest
from sqlalchemy import select

from support.console_env import Browser
from support.sync_env import LiveServer
from xaapp.cli import main
from xaapp.server.console.schema import console_audit

pytestmark = pytest.mark.integration


def run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], stdin: str, *args: str
) -> tuple[int, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(["server", "user", *args])
    out = capsys.readouterr()
    return code, out.out + out.err


def test_user_commands_make_accounts_that_log_in(
    live_server: LiveServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ["--db", live_server.db_url]
    code, out = run(monkeypatch, capsys, "mật khẩu tỉnh 1\n", "add", "Hoa.Le", "--role", "supervisor",
                    "--commune", "14923", "--name", "Lê Thị Hoa", "--password-stdin", *db)  # fmt: skip
    assert code == 0 and "hoa.le" in out
    code, out = run(
        monkeypatch,
        capsys,
        "ngắn\n",
        "add",
        "minh",
        "--role",
        "viewer",
        "--all-communes",
        "--password-stdin",
        *db,
    )
    assert code == 2 and "ít nhất 8 ký tự" in out and "at least 8" in out
    code, out = run(monkeypatch, capsys, "mật khẩu đủ dài\n", "add", "minh", "--role", "supervisor", "--commune", "99999",
                    "--password-stdin", *db)  # fmt: skip
    assert code == 2 and "99999" in out
    code, out = run(monkeypatch, capsys, "", "list", "--json", *db)
    assert code == 0
    (listed,) = json.loads(out)
    assert listed == {"username": "hoa.le", "display_name": "Lê Thị Hoa", "role": "supervisor", "all_communes": False,
                      "communes": ["14923"], "disabled": False}  # fmt: skip

    browser = Browser.at(live_server.url)
    try:
        assert browser.login("hoa.le", "mật khẩu tỉnh 1").status_code == 303
        assert (
            run(monkeypatch, capsys, "mật khẩu mới 22\n", "passwd", "hoa.le", "--password-stdin", *db)[0] == 0
        )
        assert browser.get("/console/communes").status_code == 303  # the old session ended
        assert browser.login("hoa.le", "mật khẩu tỉnh 1").status_code == 401
        assert browser.login("hoa.le", "mật khẩu mới 22").status_code == 303
        assert run(monkeypatch, capsys, "", "disable", "hoa.le", *db)[0] == 0
        assert browser.get("/console/communes").status_code == 303
        assert browser.login("hoa.le", "mật khẩu mới 22").status_code == 401
        assert run(monkeypatch, capsys, "", "enable", "hoa.le", *db)[0] == 0
        assert browser.login("hoa.le", "mật khẩu mới 22").status_code == 303
    finally:
        browser.close()
    code, out = run(monkeypatch, capsys, "", "disable", "nobody", *db)
    assert code == 2 and "nobody" in out
    with live_server.engine.connect() as conn:
        actions = [(u, a) for u, a in conn.execute(select(console_audit.c.username, console_audit.c.action))]
    for action in ("user_added", "user_password", "user_disabled", "user_enabled"):
        assert ("cli", action) in actions
