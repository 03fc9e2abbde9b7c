"""The console's safety: masked personal IDs, separate credentials for the console and the sync API,
cookie flags, the login backoff, the audit log, sessions ended by a new password or a disabled
account. On SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select, update

from support.console_env import PASSWORD, A, B, Browser, add_accounts, csrf_in, fill_commune_b
from support.sync_env import LiveServer
from xaapp.server.app import ServerSettings, create_app
from xaapp.server.console.schema import console_audit, console_login_failure, console_session
from xaapp.sync.transport_http import HttpTransport

pytestmark = pytest.mark.integration
MASKED = "038•••••1234"


@pytest.fixture
def server_b(live_server: LiveServer):  # noqa: ANN201
    enrolled = HttpTransport(live_server.url).enroll(live_server.issue_code(B), "laptop B")
    filled = fill_commune_b(live_server.url, enrolled.token)
    add_accounts(live_server.engine)
    return live_server, enrolled, filled


def test_personal_ids_are_masked_except_on_the_households_own_page(server_b) -> None:
    server, _enrolled, b = server_b
    pages = [
        "/console/communes",
        f"/console/communes/{B}",
        f"/console/communes/{B}/villages/{b.village}",
        f"/console/tables?commune={B}",
        "/console/tables",
    ]
    household = f"/console/communes/{B}/households/{b.household}"
    for role, sees_full in (("viewer", False), ("sup_b", True), ("admin", True)):
        browser = Browser.at(server.url)
        try:
            browser.login(role)
            for path in pages:
                text = browser.get(path).text
                assert b.personal_id not in text, (role, path)
            village = browser.get(pages[2]).text
            assert MASKED in village and "Lê Thị Hoa" in village
            own = browser.get(household).text
            assert (b.personal_id in own) is sees_full, role
            assert (MASKED in own) is not sees_full, role
            assert "Thu nhập thấp" in own and "Hộ nghèo" in own  # class and reason
            assert (
                "Lịch sử các lần đồng bộ" in own
                and "họ tên: Lê Thị Hoa" in own
                and "quan hệ với chủ hộ: Chủ hộ" in own
            )
        finally:
            browser.close()
    with server.engine.connect() as conn:  # full IDs shown are in the audit, masked views are not
        viewed = conn.execute(
            select(console_audit.c.username).where(console_audit.c.action == "household_viewed")
        ).all()
    assert sorted(u for (u,) in viewed) == ["admin", "sup_b"]


def test_device_tokens_and_console_cookies_do_not_cross(server_b) -> None:
    server, enrolled, _b = server_b
    browser = Browser.at(server.url)
    try:
        response = browser.client.get(
            "/console/communes", headers={"Authorization": f"Bearer {enrolled.token}"}
        )
        assert response.status_code == 303 and response.headers["location"].startswith("/console/login")
        browser.client.cookies.set("xaapp_console", enrolled.token)
        response = browser.client.get("/console/communes")
        assert response.status_code == 303 and response.headers["location"].startswith("/console/login")
        browser.client.cookies.clear()
        browser.login("admin")
        session = browser.client.cookies["xaapp_console"]
        for path in ("/v1/summary", "/v1/pull"):
            assert browser.client.get(path).status_code == 401
            assert browser.client.get(path, headers={"Authorization": f"Bearer {session}"}).status_code == 401
        # and the device still works with its own token
        assert HttpTransport(server.url, enrolled.token).summary()["household"] == 1
    finally:
        browser.close()


def test_cookie_flags_secure_over_tls(server_db_url: str) -> None:
    app = create_app(ServerSettings(db_url=server_db_url))
    for base, secure in (("http://testserver", False), ("https://testserver", True)):
        with TestClient(app, base_url=base, follow_redirects=False) as client:
            from xaapp.server import admin

            engine = admin.open_engine(server_db_url)
            if base.startswith("http:"):
                add_accounts(engine)
            engine.dispose()
            page = client.get("/console/login")
            assert "HttpOnly" in page.headers["set-cookie"]
            response = client.post(
                "/console/login",
                data={"csrf": csrf_in(page.text), "username": "viewer", "password": PASSWORD},
            )
            assert response.status_code == 303
            cookie = next(
                c for c in response.headers.get_list("set-cookie") if c.startswith("xaapp_console=")
            )
            assert "HttpOnly" in cookie and "SameSite=strict" in cookie
            assert ("Secure" in cookie) is secure
            english = client.get("/console/communes?lang=en")
            assert "Communes" in english.text and "xaapp_lang=en" in english.headers["set-cookie"]
            assert "Communes" in client.get("/console/communes").text  # remembered
            assert "frame-ancestors 'none'" in english.headers["content-security-policy"]
            assert "<script" not in english.text


def test_login_backoff_per_username_and_per_address(server_b) -> None:
    server = server_b[0]
    browser = Browser.at(server.url)
    try:
        for _ in range(5):
            assert browser.login("sup_a", "sai mật khẩu").status_code == 401
        refused = browser.login("sup_a")  # the right password, but too soon
        assert refused.status_code == 429 and "hãy đợi" in refused.text
        assert browser.login("sup_b").status_code == 303  # another username is not held back
        with server.engine.begin() as conn:  # time passes
            conn.execute(update(console_login_failure).values(last_failure_at=dt.datetime(2020, 1, 1)))
            conn.execute(update(console_session).values(expires_at=dt.datetime(2020, 1, 1)))
        assert browser.get("/console/communes").status_code == 303  # sup_b's session has expired
        assert browser.login("sup_a").status_code == 303
        with server.engine.connect() as conn:  # and old failures and sessions were cleared away
            assert conn.scalar(select(func.count()).select_from(console_login_failure)) == 0
            assert conn.scalar(select(func.count()).select_from(console_session)) == 1
        # One address trying many usernames is held back too (20 failures), also for a real account.
        for n in range(20):
            assert browser.login(f"nobody{n}", "x" * 10).status_code == 401
        assert browser.login("viewer").status_code == 429
    finally:
        browser.close()
    with server.engine.connect() as conn:
        actions = [a for (a,) in conn.execute(select(console_audit.c.action).order_by(console_audit.c.id))]
    assert actions.count("login_failed") == 25 and actions.count("login_refused") == 2


def test_every_console_action_is_audited_and_sessions_end(server_b) -> None:
    server, enrolled, _b = server_b
    admin = Browser.at(server.url)
    viewer = Browser.at(server.url)
    try:
        admin.login("admin")
        viewer.login("viewer")
        assert viewer.get("/console/communes").status_code == 200
        admin.login("admin", "sai mật khẩu")
        code_page = admin.post("/console/devices/codes", {"commune": A})
        code = re.search(r'class="code">([A-Z0-9-]+)<', code_page.text).group(1)
        assert (
            HttpTransport(server.url).enroll(code, "new laptop").commune_code == A
        )  # the printed code works
        assert admin.post(f"/console/devices/{enrolled.device_id}/revoke").status_code == 303
        assert admin.post("/console/users/viewer/password", {"password": "mật khẩu mới 1"}).status_code == 200
        assert viewer.get("/console/communes").status_code == 303  # the viewer's session ended
        assert admin.post("/console/users/sup_a/disable").status_code == 200
        assert Browser.at(server.url).login("sup_a").status_code == 401
        assert admin.get("/console/tables.xlsx").status_code == 200
        admin.post("/console/logout")
        with server.engine.connect() as conn:
            rows = conn.execute(select(console_audit).order_by(console_audit.c.id)).all()
    finally:
        admin.close()
        viewer.close()
    got = {(r.username, r.action, r.target) for r in rows}
    for expected in (
        ("admin", "login", ""),
        ("viewer", "login", ""),
        ("admin", "login_failed", ""),
        ("admin", "code_created", A),
        ("admin", "device_revoked", enrolled.device_id),
        ("admin", "user_password", "viewer"),
        ("admin", "user_disabled", "sup_a"),
        ("admin", "export", "tables 2026"),
        ("admin", "logout", ""),
        ("cli", "user_added", "sup_b"),
    ):
        assert expected in got, expected
    assert all(r.at is not None and r.address is not None for r in rows)
    assert code not in " ".join(f"{r.target} {r.detail}" for r in rows)  # the code itself is never kept
