"""Per-request plumbing of the console: language, session cookie, CSRF, form bodies, responses.

A page handler opens a ``Ctx`` (``open_ctx``), which finds the signed-in account or redirects to the
login page, and answers with ``page``. ``Denied`` turns into a 403 page, ``NotFound`` into a 404 page,
a ``KnownError`` into the page again with its message. Responses carry no-store caching and headers
that forbid framing and outside scripts; the console has no JavaScript at all.
"""

from __future__ import annotations

import functools
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated, Any
from urllib.parse import parse_qsl, quote

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import Engine

from xaapp.server.console import auth
from xaapp.server.console.accounts import Account
from xaapp.server.console.audit import Actor
from xaapp.server.console.web import LANGS, render

SESSION_COOKIE = "xaapp_console"
LOGIN_CSRF_COOKIE = "xaapp_login_csrf"
LANG_COOKIE = "xaapp_lang"
MAX_FORM_BYTES = 64 * 1024
SECURITY_HEADERS = {
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'",
}


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Denied(Exception):
    """403: signed in, but this account may not do that (or a form came without its CSRF token)."""

    def __init__(
        self, vi: str = "Tài khoản này không được làm việc này.", en: str = "This account may not do that."
    ) -> None:
        super().__init__(en)
        self.vi, self.en = vi, en


class NotFound(Exception):
    pass


class SignIn(Exception):
    """No live session: go to the login page."""


def lang_of(request: Request) -> tuple[str, bool]:
    """(language, whether to remember it): ``?lang=`` wins and is remembered, else the cookie, else vi."""
    asked = request.query_params.get("lang")
    if asked in LANGS:
        return asked, True
    kept = request.cookies.get(LANG_COOKIE)
    return (kept if kept in LANGS else "vi"), False


def address(request: Request) -> str:
    return request.client.host if request.client else ""


def is_tls(request: Request) -> bool:
    return request.url.scheme == "https"


@dataclass
class Ctx:
    request: Request
    engine: Engine
    lang: str
    remember_lang: bool
    account: Account | None = None
    secret: str | None = None

    @property
    def csrf(self) -> str:
        return auth.csrf_for(self.secret) if self.secret else ""

    @property
    def actor(self) -> Actor:
        assert self.account is not None
        return Actor(self.account.id, self.account.username, address(self.request))

    def t(self, vi: str, en: str) -> str:
        return en if self.lang == "en" else vi

    def require_admin(self) -> Account:
        assert self.account is not None
        if not self.account.is_admin:
            raise Denied("Chỉ quản trị tỉnh được làm việc này.", "Only a province admin may do this.")
        return self.account

    def require_commune(self, code: str) -> Account:
        assert self.account is not None
        if not self.account.may_see(code):
            raise Denied(
                f"Tài khoản này không được giao xã/phường mã {code}.",
                f"This account is not assigned commune {code}.",
            )
        return self.account

    def require_reviewer(self, code: str) -> Account:
        account = self.require_commune(code)
        if not account.may_review(code):
            raise Denied(
                "Chỉ giám sát được giao xã này hoặc quản trị tỉnh được trả lại hộ hoặc duyệt danh sách.",
                "Only this commune's supervisor or a province admin may return households or approve lists.",
            )
        return account

    def check_csrf(self, form: dict[str, str]) -> None:
        if not auth.same(form.get("csrf"), self.csrf):
            raise Denied(
                "Biểu mẫu đã cũ hoặc không phải từ trang này: hãy mở lại trang rồi làm lại.",
                "The form is stale or did not come from this site: reload the page and try again.",
            )


def open_ctx(request: Request, engine: Engine, signed_in: bool = True) -> Ctx:
    lang, remember = lang_of(request)
    ctx = Ctx(request, engine, lang, remember)
    if not signed_in:
        return ctx
    secret = request.cookies.get(SESSION_COOKIE)
    with engine.begin() as conn:
        account = auth.session_account(conn, secret, now())
    if account is None:
        raise SignIn()
    ctx.account, ctx.secret = account, secret
    return ctx


def finish(ctx: Ctx, response: Response) -> Response:
    for k, v in SECURITY_HEADERS.items():
        response.headers.setdefault(k, v)
    if ctx.remember_lang:
        response.set_cookie(
            LANG_COOKIE, ctx.lang, max_age=365 * 86400, samesite="lax", secure=is_tls(ctx.request)
        )
    return response


def page(ctx: Ctx, template: str, status: int = 200, **context: Any) -> Response:
    html = render(
        template,
        ctx.lang,
        account=ctx.account,
        csrf=ctx.csrf,
        path=ctx.request.url.path,
        query=dict(ctx.request.query_params),
        **context,
    )
    return finish(ctx, HTMLResponse(html, status_code=status))


def redirect(ctx: Ctx, to: str) -> Response:
    return finish(ctx, RedirectResponse(to, status_code=303))


async def read_form(request: Request) -> dict[str, str]:
    """An ``application/x-www-form-urlencoded`` body (the only kind the console's forms send)."""
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_FORM_BYTES:
            return {}
    pairs = parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True)
    out: dict[str, str] = {}
    for k, v in pairs:
        out[k] = f"{out[k]}\n{v}" if k in out else v  # repeated fields (checkboxes) joined by newlines
    return out


async def form_body(request: Request) -> dict[str, str]:
    return await read_form(request)


#: A POST handler's parsed form: ``form: FormBody``.
FormBody = Annotated[dict[str, str], Depends(form_body)]


def new_login_csrf() -> str:
    return secrets.token_urlsafe(24)


def guarded(handler: Callable[..., Response]) -> Callable[..., Response]:
    """Turn the console's exceptions into pages (login redirect, 403, 404) for a sync handler."""

    @functools.wraps(handler)
    def wrapper(*args: Any, **kwargs: Any) -> Response:
        request: Request = kwargs["request"]
        try:
            return handler(*args, **kwargs)
        except SignIn:
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            return RedirectResponse(f"/console/login?next={quote(target)}", status_code=303)
        except Denied as exc:
            lang, _ = lang_of(request)
            html = render("error.html", lang, account=None, csrf="", path=request.url.path, query={},
                          status=403, message_vi=exc.vi, message_en=exc.en)  # fmt: skip
            return HTMLResponse(html, status_code=403, headers=SECURITY_HEADERS)
        except NotFound:
            lang, _ = lang_of(request)
            html = render("error.html", lang, account=None, csrf="", path=request.url.path, query={},
                          status=404, message_vi="Không có trang này.", message_en="There is no such page.")  # fmt: skip
            return HTMLResponse(html, status_code=404, headers=SECURITY_HEADERS)

    return wrapper
