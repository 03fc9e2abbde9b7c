"""Console pages for the province admin: devices (enrolment codes, revocation), accounts, the audit
log; and every account's own password page.

Each POST checks the form's CSRF token (403 without it) and writes its audit row in the same
transaction as the change. A new enrolment code is shown once, on a printable page; only its digest
is kept.
"""

from __future__ import annotations

from collections.abc import Callable

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy import Connection, Engine

from xaapp.domain.passwords import verify_password
from xaapp.errors import KnownError
from xaapp.server import devices
from xaapp.server.console import accounts, audit, queries
from xaapp.server.console.audit import Actor, record_action
from xaapp.server.console.session import Ctx, FormBody, NotFound, guarded, now, open_ctx, page, redirect


def _lines(value: str) -> list[str]:
    return [p for p in value.replace(",", "\n").replace(" ", "\n").split("\n") if p.strip()]


def admin_routes(router: APIRouter, get_engine: Callable[[], Engine]) -> None:
    # --- devices ----------------------------------------------------------------------------------

    def devices_page(ctx: Ctx, status: int = 200, error: KnownError | None = None) -> Response:
        with ctx.engine.connect() as conn:
            units = queries.units(conn)
            rows = queries.devices(conn, None)
        return page(ctx, "devices.html", status, rows=rows, units=units, error=error)

    @router.get("/devices")
    @guarded
    def device_list(request: Request) -> Response:
        ctx = open_ctx(request, get_engine())
        ctx.require_admin()
        return devices_page(ctx)

    @router.post("/devices/codes")
    @guarded
    def new_code(request: Request, form: FormBody) -> Response:
        ctx = open_ctx(request, get_engine())
        ctx.check_csrf(form)
        ctx.require_admin()
        code = form.get("commune", "").strip()
        with ctx.engine.begin() as conn:
            unit = queries.units(conn).get(code)
            if unit is None:
                error = KnownError(
                    f"Không có xã/phường mã «{code}» trong danh mục của tỉnh.",
                    f"No commune with code “{code}” in the province's unit list.",
                )
                return devices_page(ctx, 400, error)
            issued = now()
            secret = devices.issue_code(conn, code, issued)
            record_action(conn, ctx.actor, "code_created", issued, commune_code=code, target=code)
        expires = issued + devices.CODE_TTL
        return page(ctx, "code.html", unit=unit, code=secret, issued=issued, expires=expires)

    @router.post("/devices/{device_id}/revoke")
    @guarded
    def revoke(request: Request, device_id: str, form: FormBody) -> Response:
        ctx = open_ctx(request, get_engine())
        ctx.check_csrf(form)
        ctx.require_admin()
        with ctx.engine.begin() as conn:
            found = devices.get_device(conn, device_id)
            if found is None:
                raise NotFound()
            when = now()
            if devices.revoke(conn, device_id, when):
                record_action(conn, ctx.actor, "device_revoked", when, commune_code=found.commune_code,
                              target=device_id)  # fmt: skip
        return redirect(ctx, "/console/devices")

    # --- accounts ---------------------------------------------------------------------------------

    def users_page(ctx: Ctx, status: int = 200, error: KnownError | None = None, done: str = "") -> Response:
        with ctx.engine.connect() as conn:
            rows = accounts.list_accounts(conn)
            units = queries.units(conn)
        return page(
            ctx, "users.html", status, rows=rows, units=units, roles=accounts.ROLES, error=error, done=done
        )

    @router.get("/users")
    @guarded
    def user_list(request: Request) -> Response:
        ctx = open_ctx(request, get_engine())
        ctx.require_admin()
        return users_page(ctx)

    def user_action(
        request: Request, form: dict[str, str], act: Callable[[Connection, Actor], object], done: str
    ) -> Response:
        ctx = open_ctx(request, get_engine())
        ctx.check_csrf(form)
        ctx.require_admin()
        try:
            with ctx.engine.begin() as conn:
                act(conn, ctx.actor)
        except KnownError as exc:
            return users_page(ctx, 400, exc)
        return users_page(ctx, done=done)

    @router.post("/users")
    @guarded
    def user_add(request: Request, form: FormBody) -> Response:
        def act(conn: Connection, actor: Actor) -> object:
            return accounts.add(
                conn, actor, form.get("username", ""), form.get("password", ""), form.get("role", ""),
                now(), communes=_lines(form.get("communes", "")), all_communes=form.get("all_communes") == "1",
                display_name=form.get("display_name", ""),
            )  # fmt: skip

        return user_action(request, form, act, form.get("username", ""))

    @router.post("/users/{username}")
    @guarded
    def user_change(request: Request, username: str, form: FormBody) -> Response:
        def act(conn: Connection, actor: Actor) -> object:
            return accounts.change(
                conn, actor, username, now(), role=form.get("role", ""),
                communes=_lines(form.get("communes", "")), all_communes=form.get("all_communes") == "1",
                display_name=form.get("display_name"),
            )  # fmt: skip

        return user_action(request, form, act, username)

    @router.post("/users/{username}/password")
    @guarded
    def user_password(request: Request, username: str, form: FormBody) -> Response:
        def act(conn: Connection, actor: Actor) -> object:
            return accounts.set_password(conn, actor, username, form.get("password", ""), now())

        return user_action(request, form, act, username)

    @router.post("/users/{username}/disable")
    @guarded
    def user_disable(request: Request, username: str, form: FormBody) -> Response:
        def act(conn: Connection, actor: Actor) -> object:
            return accounts.set_disabled(conn, actor, username, True, now())

        return user_action(request, form, act, username)

    @router.post("/users/{username}/enable")
    @guarded
    def user_enable(request: Request, username: str, form: FormBody) -> Response:
        def act(conn: Connection, actor: Actor) -> object:
            return accounts.set_disabled(conn, actor, username, False, now())

        return user_action(request, form, act, username)

    # --- audit ------------------------------------------------------------------------------------

    @router.get("/audit")
    @guarded
    def audit_log(request: Request) -> Response:
        ctx = open_ctx(request, get_engine())
        ctx.require_admin()
        raw = request.query_params.get("page", "1")
        number = int(raw) if raw.isdigit() and int(raw) > 0 else 1
        action = request.query_params.get("action") or None
        with ctx.engine.connect() as conn:
            rows, total = audit.recent(
                conn, 200, (number - 1) * 200, action if action in audit.ACTIONS else None
            )
        return page(
            ctx, "audit.html", rows=rows, total=total, number=number, actions=audit.ACTIONS, action=action
        )

    # --- one's own account ------------------------------------------------------------------------

    @router.get("/account")
    @guarded
    def own_account(request: Request) -> Response:
        ctx = open_ctx(request, get_engine())
        return page(ctx, "account.html", error=None, done=False)

    @router.post("/account/password")
    @guarded
    def own_password(request: Request, form: FormBody) -> Response:
        ctx = open_ctx(request, get_engine())
        ctx.check_csrf(form)
        assert ctx.account is not None
        try:
            with ctx.engine.begin() as conn:
                found = accounts.find(conn, ctx.account.username)
                if found is None or not verify_password(form.get("current", ""), found[1]):
                    raise KnownError("Mật khẩu hiện tại không đúng.", "The current password is wrong.")
                if form.get("password", "") != form.get("again", ""):
                    raise KnownError("Hai lần nhập mật khẩu mới không khớp.", "The two new passwords differ.")
                accounts.set_password(conn, ctx.actor, ctx.account.username, form.get("password", ""), now())
        except KnownError as exc:
            return page(ctx, "account.html", 400, error=exc, done=False)
        response = page(ctx, "account.html", error=None, done=True)
        return response
