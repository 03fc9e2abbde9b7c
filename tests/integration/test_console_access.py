"""Who may do what in the console: every route × every role, on SQLite and PostgreSQL.

Roles: anonymous, a viewer of every commune, a viewer of commune A, the supervisor of commune A, the
supervisor of B, the province admin. A supervisor typing another commune's URL gets 403; a household named under the
wrong commune is 404 (nothing about it is shown). Every POST without its CSRF token is 403.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlalchemy import select

from support.console_env import A, B, Browser, CommuneB, add_accounts, fill_commune_b
from support.sync_env import LiveServer
from xaapp.services.demo import generate_demo
from xaapp.services.sync import enroll_database, sync_database
from xaapp.storage.orm import Household, Person, PovertyReview, Village
from xaapp.sync.transport_http import HttpTransport

pytestmark = pytest.mark.integration
ROLES = ("anonymous", "viewer", "viewer_a", "sup_a", "sup_b", "admin")


@dataclass
class World:
    server: LiveServer
    village_a: str
    household_a: str
    head_id_a: str
    b: CommuneB
    device_b: str
    final_a: tuple[str, str]  # a household of A with a final review: (household, review)


@pytest.fixture
def world(live_server: LiveServer, make_device) -> World:
    dev = make_device("a")
    generate_demo(dev.db, households=12, seed=5)
    enroll_database(dev.db, live_server.url, live_server.issue_code(A), "laptop A")
    assert sync_database(dev.db).ok
    with dev.db.read() as s:
        hh_uuid, v_uuid, pid = s.execute(
            select(Household.uuid, Village.uuid, Person.personal_id)
            .join(Village, Village.id == Household.village_id)
            .join(Person, Person.household_id == Household.id)
            .where(Person.relationship_to_head == "head", Person.personal_id.is_not(None))
            .limit(1)
        ).one()
        final_a = s.execute(
            select(Household.uuid, PovertyReview.uuid)
            .join(PovertyReview, PovertyReview.household_id == Household.id)
            .where(PovertyReview.status == "final")
            .limit(1)
        ).one()
    enrolled = HttpTransport(live_server.url).enroll(live_server.issue_code(B), "laptop B")
    b = fill_commune_b(live_server.url, enrolled.token)
    add_accounts(live_server.engine)
    return World(live_server, v_uuid, hh_uuid, pid, b, enrolled.device_id, tuple(final_a))


def browser_as(world: World, role: str) -> Browser:
    browser = Browser.at(world.server.url)
    if role != "anonymous":
        assert browser.login(role).status_code == 303
    return browser


def pages(w: World) -> dict[str, dict[str, int]]:
    """GET path → {role: status}; 303 for anonymous means "sent to the login page"."""
    everyone = {"viewer": 200, "viewer_a": 200, "sup_a": 200, "sup_b": 200, "admin": 200}
    only_a = {"viewer": 200, "viewer_a": 200, "sup_a": 200, "sup_b": 403, "admin": 200}
    only_b = {"viewer": 200, "viewer_a": 403, "sup_a": 403, "sup_b": 200, "admin": 200}
    admin = {"viewer": 403, "viewer_a": 403, "sup_a": 403, "sup_b": 403, "admin": 200}
    return {
        "/console/communes": everyone,
        "/console/account": everyone,
        "/console/tables": everyone,
        "/console/tables.xlsx": everyone,
        f"/console/communes/{A}": only_a,
        f"/console/communes/{A}/villages/{w.village_a}": only_a,
        f"/console/communes/{A}/households/{w.household_a}": only_a,
        f"/console/tables?commune={A}": only_a,
        f"/console/tables.xlsx?commune={A}&year=2026": only_a,
        f"/console/communes/{B}": only_b,
        f"/console/communes/{B}/villages/{w.b.village}": only_b,
        f"/console/communes/{B}/households/{w.b.household}": only_b,
        f"/console/tables?commune={B}": only_b,
        # B's household asked for under A: A's supervisor gets no further than "no such page".
        f"/console/communes/{A}/households/{w.b.household}": {
            "viewer": 404,
            "viewer_a": 404,
            "sup_a": 404,
            "sup_b": 403,
            "admin": 404,
        },
        "/console/devices": admin,
        "/console/users": admin,
        "/console/audit": admin,
    }


def forms(w: World) -> dict[str, tuple[dict[str, str], dict[str, int]]]:
    """POST path → (form fields, {role: status}) with a valid CSRF token."""
    admin_only = {"viewer": 403, "viewer_a": 403, "sup_a": 403, "sup_b": 403}
    return {
        "/console/devices/codes": ({"commune": A}, {**admin_only, "admin": 200}),
        "/console/users": (
            {"username": "new_{role}", "password": "một mật khẩu mới", "role": "viewer", "communes": A},
            {**admin_only, "admin": 200},
        ),
        "/console/users/viewer": (
            {"role": "viewer", "communes": "", "all_communes": "1"},
            {**admin_only, "admin": 200},
        ),
        "/console/users/sup_b/password": ({"password": "mật khẩu khác 1"}, {**admin_only, "admin": 200}),
        "/console/users/sup_b/disable": ({}, {**admin_only, "admin": 200}),
        "/console/users/sup_b/enable": ({}, {**admin_only, "admin": 200}),
        # everyone may change their own password; a wrong current password is refused with a message
        "/console/account/password": (
            {"current": "không đúng", "password": "mật khẩu mới 9", "again": "mật khẩu mới 9"},
            {"viewer": 400, "viewer_a": 400, "sup_a": 400, "sup_b": 400, "admin": 400},
        ),
        f"/console/devices/{w.device_b}/revoke": ({}, {**admin_only, "admin": 303}),
        # the review loop: the commune's supervisor and the admin only, never a viewer. A second return
        # of a review not fixed yet is refused (409); approving first shows a confirmation page (200).
        f"/console/communes/{A}/households/{w.final_a[0]}/return": (
            {"review": w.final_a[1], "comment": "Kiểm tra lại thu nhập của hộ."},
            {"viewer": 403, "viewer_a": 403, "sup_a": 303, "sup_b": 403, "admin": 409},
        ),
        f"/console/communes/{B}/households/{w.b.household}/return": (
            {"review": w.b.review, "comment": "Thiếu ngày niêm yết."},
            {"viewer": 403, "viewer_a": 403, "sup_a": 403, "sup_b": 303, "admin": 409},
        ),
        f"/console/communes/{A}/approve": (
            {"year": "2026"},
            {"viewer": 403, "viewer_a": 403, "sup_a": 200, "sup_b": 403, "admin": 200},
        ),
        f"/console/communes/{B}/approve": (
            {"year": "2026"},
            {"viewer": 403, "viewer_a": 403, "sup_a": 403, "sup_b": 200, "admin": 200},
        ),
    }


def test_every_route_for_every_role(world: World) -> None:
    table = pages(world)
    seen: dict[tuple[str, str], int] = {}
    for role in ROLES:
        browser = browser_as(world, role)
        try:
            for path in table:
                response = browser.get(path)
                seen[(path, role)] = response.status_code
                if role == "anonymous":
                    assert response.headers["location"].startswith("/console/login?next="), path
                if response.status_code == 200 and path.startswith("/console/tables.xlsx"):
                    assert response.content[:2] == b"PK"  # an xlsx (zip) file
            if role in ("sup_a", "viewer_a"):  # the communes page lists A only
                listing = browser.get("/console/communes").text
                assert f">{A}<" in listing and f">{B}<" not in listing
        finally:
            browser.close()
    expected = {
        (path, role): (303 if role == "anonymous" else allowed[role])
        for path, allowed in table.items()
        for role in ROLES
    }
    assert seen == expected


def test_every_form_for_every_role_and_never_without_csrf(world: World) -> None:
    for role in ROLES[1:]:
        browser = browser_as(world, role)
        try:
            for path, (fields, allowed) in forms(world).items():
                data = {k: v.format(role=role) for k, v in fields.items()}
                refused = browser.post(path, data, csrf=False)
                assert refused.status_code == 403, (path, role)
                wrong = browser.client.post(path, data={**data, "csrf": "0" * 64})
                assert wrong.status_code == 403, (path, role)
                assert browser.post(path, data).status_code == allowed[role], (path, role)
            assert browser.post("/console/logout", csrf=False).status_code == 403
            out = browser.post("/console/logout")
            assert out.status_code == 303 and out.headers["location"] == "/console/login"
            assert browser.get("/console/communes").status_code == 303  # the session is gone
        finally:
            browser.close()
    anonymous = Browser.at(world.server.url)
    try:
        for path, (fields, _allowed) in forms(world).items():
            response = anonymous.client.post(path, data={**fields, "csrf": "x"})
            assert response.status_code == 303 and response.headers["location"].startswith("/console/login")
    finally:
        anonymous.close()


#: Every console route (method, path template) and where the tests above cover it.
COVERED = {
    ("GET", "/console"): "test_the_root_and_the_style_sheet",
    ("GET", "/console/static/{name}"): "test_the_root_and_the_style_sheet",
    ("GET", "/console/login"): "Browser.login",
    ("POST", "/console/login"): "Browser.login",
    ("POST", "/console/logout"): "forms",
    ("GET", "/console/communes"): "pages",
    ("GET", "/console/communes/{code}"): "pages",
    ("GET", "/console/communes/{code}/villages/{village_uuid}"): "pages",
    ("GET", "/console/communes/{code}/households/{uuid}"): "pages",
    ("GET", "/console/tables"): "pages",
    ("GET", "/console/tables.xlsx"): "pages",
    ("GET", "/console/devices"): "pages",
    ("POST", "/console/devices/codes"): "forms",
    ("POST", "/console/devices/{device_id}/revoke"): "forms",
    ("GET", "/console/users"): "pages",
    ("POST", "/console/users"): "forms",
    ("POST", "/console/users/{username}"): "forms",
    ("POST", "/console/users/{username}/password"): "forms",
    ("POST", "/console/users/{username}/disable"): "forms",
    ("POST", "/console/users/{username}/enable"): "forms",
    ("GET", "/console/audit"): "pages",
    ("GET", "/console/account"): "pages",
    ("POST", "/console/account/password"): "forms",
    ("POST", "/console/communes/{code}/households/{uuid}/return"): "forms",
    ("POST", "/console/communes/{code}/approve"): "forms",
}


def test_the_matrix_covers_every_console_route(live_server: LiveServer) -> None:
    def flat(routes: list) -> list:  # an included router may be kept as one entry holding its routes
        out = []
        for route in routes:
            inner = getattr(getattr(route, "original_router", None), "routes", None)
            out.extend(flat(inner) if inner is not None else [route])
        return out

    routes = {
        (method, route.path)
        for route in flat(live_server.app.routes)
        if getattr(route, "path", "").startswith("/console")
        for method in getattr(route, "methods", ())
        if method != "HEAD"
    }
    assert routes == set(COVERED)


def test_the_root_and_the_style_sheet(live_server: LiveServer) -> None:
    browser = Browser.at(live_server.url)
    try:
        assert browser.get("/console").headers["location"] == "/console/communes"
        css = browser.get("/console/static/console.css")
        assert css.status_code == 200 and "@media print" in css.text
        assert browser.get("/console/static/..%2F..%2Fschema.py").status_code == 404
    finally:
        browser.close()
