"""The console for tests: accounts of every role, a browser-like client that logs in and submits
forms with their CSRF token, and a second commune filled over the real sync API.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid as uuid_mod
from dataclasses import dataclass

import httpx
from sqlalchemy import Engine

from xaapp.server.console import accounts
from xaapp.server.console.audit import CLI
from xaapp.sync.protocol import PushRequest, RecordChange
from xaapp.sync.transport_http import HttpTransport

A, B = "14923", "16522"
PASSWORD = "mật khẩu dài 2026"
#: username → (role, communes, all communes)
ROLES: dict[str, tuple[str, list[str], bool]] = {
    "admin": ("admin", [], True),
    "viewer": ("viewer", [], True),
    "viewer_a": ("viewer", [A], False),
    "sup_a": ("supervisor", [A], False),
    "sup_b": ("supervisor", [B], False),
}
_CSRF = re.compile(r'name="csrf" value="([^"]*)"')


def add_accounts(engine: Engine) -> None:
    with engine.begin() as conn:
        for name, (role, communes, everywhere) in ROLES.items():
            accounts.add(
                conn, CLI, name, PASSWORD, role, dt.datetime.now(), communes=communes, all_communes=everywhere
            )


def csrf_in(html: str) -> str:
    found = _CSRF.search(html)
    assert found, "no CSRF field on the page"
    return found.group(1)


@dataclass
class Browser:
    """An httpx client keeping cookies, as a browser would; never follows redirects by itself."""

    client: httpx.Client

    @classmethod
    def at(cls, base_url: str) -> Browser:
        return cls(httpx.Client(base_url=base_url, follow_redirects=False, timeout=60))

    def close(self) -> None:
        self.client.close()

    def login(self, username: str, password: str = PASSWORD) -> httpx.Response:
        page = self.client.get("/console/login")
        return self.client.post(
            "/console/login",
            data={
                "csrf": csrf_in(page.text),
                "username": username,
                "password": password,
                "next": "/console/communes",
            },
        )

    def get(self, path: str) -> httpx.Response:
        return self.client.get(path)

    def csrf(self) -> str:
        return csrf_in(self.client.get("/console/account").text)

    def post(self, path: str, data: dict[str, str] | None = None, csrf: bool = True) -> httpx.Response:
        body = dict(data or {})
        if csrf:
            body["csrf"] = self.csrf()
        return self.client.post(path, data=body)


def stamp() -> dict[str, str | None]:
    now = dt.datetime(2026, 1, 1).isoformat()
    return {"created_at": now, "updated_at": now, "deleted_at": None}


@dataclass(frozen=True)
class CommuneB:
    village: str
    household: str
    person: str
    personal_id: str
    review: str  # the household's final review of 2026


def fill_commune_b(server_url: str, token: str) -> CommuneB:
    """One village, one household of one person with a final 2026 review, pushed as a laptop would."""
    v, h, p, r = (str(uuid_mod.uuid4()) for _ in range(4))
    pid = "038190001234"
    records = [
        RecordChange.make("village", v, 1, 0, "upsert", {"commune_code": B, "name": "Tổ dân phố 1", "area_type": "urban", **stamp()}),
        RecordChange.make("household", h, 1, 0, "upsert", {"village_uuid": v, "code": "00001", "address": "Phố Quảng Phú", **stamp()}),
        RecordChange.make("person", p, 1, 0, "upsert", {"household_uuid": h, "position": 1, "full_name": "Lê Thị Hoa", "sex": "female",
                                                         "dob": "1990-03-04", "personal_id": pid, "relationship_to_head": "head", **stamp()}),
        RecordChange.make("poverty_review", r, 1, 0, "upsert", {
            "household_uuid": h, "review_year": 2026, "kind": "periodic", "status": "final", "result_class": "poor",
            "result": {"reason": {"vi": "Thu nhập thấp", "en": "Low income"}, "deprivations": ["health_insurance"]},
            "posted_on": "2026-10-25", **stamp()}),
    ]  # fmt: skip
    t = HttpTransport(server_url, token)
    response = t.push(PushRequest("b-batch-1", records))
    assert [x.outcome for x in response.results] == ["accepted"] * 4, response
    return CommuneB(v, h, p, pid, r)
