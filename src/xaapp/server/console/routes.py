"""The console's pages at ``/console``: login, communes, a commune, a village, a household, the
yearly tables and their Excel export. Account, device and audit pages are in ``routes_admin``.

Who may see what: every signed-in account sees the communes in its scope (``Account.may_see``);
a commune's pages outside it answer 403, also when the URL is typed by hand. Personal IDs are
masked everywhere except on a household's own page for admins and supervisors.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, RedirectResponse, Response
from sqlalchemy import Engine

from xaapp.server import review_loop, yearly_report
from xaapp.server.console import auth, households, projection, queries, report_changes, tables
from xaapp.server.console.audit import record_action
from xaapp.server.console.routes_admin import admin_routes
from xaapp.server.console.routes_review import household_page, review_routes
from xaapp.server.console.session import (
    LOGIN_CSRF_COOKIE,
    SESSION_COOKIE,
    Ctx,
    FormBody,
    NotFound,
    finish,
    guarded,
    is_tls,
    new_login_csrf,
    now,
    open_ctx,
    page,
    redirect,
)
from xaapp.server.console.web import HERE
from xaapp.server.keys import ServerKey

STATIC = HERE / "static"


def _year(ctx: Ctx, conn_years: list[int]) -> int:
    raw = ctx.request.query_params.get("year", "")
    if raw.isdigit() and 2000 <= int(raw) <= 2100:
        return int(raw)
    return conn_years[0] if conn_years else date.today().year


def report_view(
    year: int, villages: list[queries.VillageRow], sent: list[yearly_report.Snapshot]
) -> tuple[tuple[report_changes.TableView, ...], int] | None:
    """The latest report's tables next to today's (None: never sent, or its snapshot unreadable)."""
    latest = sent[0] if sent else None
    if latest is None or not isinstance(latest.body, dict) or not isinstance(latest.body.get("tables"), dict):
        return None
    today = tables.build(year, "commune", [(v.uuid, v.name, v.counts) for v in villages])
    return report_changes.compare(today, latest.body["tables"])


def _safe_next(target: str | None) -> str:
    """Only a console path may follow a login (no open redirect)."""
    if target and target.startswith("/console/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/console/communes"


def console_router(
    get_engine: Callable[[], Engine], get_key: Callable[[], ServerKey | None] = lambda: None
) -> APIRouter:
    """*get_key*: the server key, to check the yearly reports' signatures (None: shown as not verified)."""
    router = APIRouter(prefix="/console", include_in_schema=False)

    def fresh(ctx: Ctx) -> None:
        """Catch the read model up with whatever was synced since the last page."""
        projection.refresh(ctx.engine)

    @router.get("")
    def root() -> Response:
        return RedirectResponse("/console/communes", status_code=303)

    @router.get("/static/{name}")
    def static(name: str) -> Response:
        path = STATIC / Path(name).name
        if not path.is_file():
            return Response(status_code=404)
        return FileResponse(path, headers={"Cache-Control": "max-age=3600"})

    # --- login ------------------------------------------------------------------------------------

    def login_page(
        ctx: Ctx, status: int = 200, error: tuple[str, str] | None = None, username: str = ""
    ) -> Response:
        token = new_login_csrf()
        response = page(ctx, "login.html", status, login_csrf=token, error=error, username=username,
                         next=_safe_next(ctx.request.query_params.get("next")))  # fmt: skip
        response.set_cookie(LOGIN_CSRF_COOKIE, token, httponly=True, samesite="strict", secure=is_tls(ctx.request),
                            path="/console/login")  # fmt: skip
        return response

    @router.get("/login")
    def login_form(request: Request) -> Response:
        return login_page(open_ctx(request, get_engine(), signed_in=False))

    @router.post("/login")
    def login(request: Request, form: FormBody) -> Response:
        ctx = open_ctx(request, get_engine(), signed_in=False)
        if not auth.same(form.get("csrf"), request.cookies.get(LOGIN_CSRF_COOKIE)):
            return login_page(
                ctx,
                403,
                ("Trang đăng nhập đã cũ: hãy đăng nhập lại.", "The login page was stale: try again."),
            )
        username = form.get("username", "")
        with ctx.engine.begin() as conn:
            result = auth.login(
                conn,
                username,
                form.get("password", ""),
                ctx.request.client.host if ctx.request.client else "",
                now(),
            )
        if result.wait:
            return login_page(ctx, 429, (
                f"Đăng nhập sai nhiều lần: hãy đợi {result.wait} giây rồi thử lại.",
                f"Too many failed logins: wait {result.wait} seconds and try again.",
            ), username)  # fmt: skip
        if result.secret is None:
            return login_page(
                ctx, 401, ("Sai tên đăng nhập hoặc mật khẩu.", "Wrong username or password."), username
            )
        response = redirect(ctx, _safe_next(form.get("next")))
        response.set_cookie(SESSION_COOKIE, result.secret, httponly=True, samesite="strict", secure=is_tls(request),
                            path="/console")  # fmt: skip
        response.delete_cookie(LOGIN_CSRF_COOKIE, path="/console/login")
        return response

    @router.post("/logout")
    @guarded
    def logout(request: Request, form: FormBody) -> Response:
        ctx = open_ctx(request, get_engine())
        ctx.check_csrf(form)
        with ctx.engine.begin() as conn:
            auth.logout(conn, ctx.secret or "", ctx.actor, now())
        response = redirect(ctx, "/console/login")
        response.delete_cookie(SESSION_COOKIE, path="/console")
        return response

    # --- communes ---------------------------------------------------------------------------------

    def scope(ctx: Ctx) -> list[str] | None:
        assert ctx.account is not None
        return None if ctx.account.sees_all else list(ctx.account.communes)

    @router.get("/communes")
    @guarded
    def communes(request: Request) -> Response:
        ctx = open_ctx(request, get_engine())
        fresh(ctx)
        with ctx.engine.connect() as conn:
            years = queries.years(conn)
            year = _year(ctx, years)
            rows = queries.communes(conn, year, scope(ctx))
            sent = yearly_report.sent_at_by_commune(conn, year)
        return page(ctx, "communes.html", year=year, years=years, rows=rows, sent=sent)

    @router.get("/communes/{code}")
    @guarded
    def commune(request: Request, code: str) -> Response:
        ctx = open_ctx(request, get_engine())
        ctx.require_commune(code)
        fresh(ctx)
        with ctx.engine.connect() as conn:
            unit = queries.units(conn).get(code)
            if unit is None:
                raise NotFound()
            years = queries.years(conn)
            year = _year(ctx, years)
            villages = queries.villages(conn, code, year)
            row = next(iter(queries.communes(conn, year, [code])), None)
            rejected = queries.open_rejections(conn, code)
            devices = queries.devices(conn, [code])
            approved = review_loop.active_approvals(conn, code, year)
            returns = [r for r in review_loop.returns_of_commune(conn, code) if r.review_year == year]
            sent = yearly_report.snapshots(conn, code, year, get_key())
        report = report_view(year, villages, sent)
        assert ctx.account is not None
        return page(ctx, "commune.html", year=year, years=years, unit=unit, villages=villages, row=row,
                    rejected=rejected, devices=devices, approved=approved, returns=returns,
                    may_review=ctx.account.may_review(code), sent=sent, report=report)  # fmt: skip

    @router.get("/communes/{code}/villages/{village_uuid}")
    @guarded
    def village(request: Request, code: str, village_uuid: str) -> Response:
        ctx = open_ctx(request, get_engine())
        ctx.require_commune(code)
        fresh(ctx)
        with ctx.engine.connect() as conn:
            unit = queries.units(conn).get(code)
            found = queries.village(conn, code, village_uuid)
            if unit is None or found is None:
                raise NotFound()
            years = queries.years(conn)
            year = _year(ctx, years)
            rows = households.households(conn, village_uuid, year)
        return page(ctx, "village.html", year=year, years=years, unit=unit, village=found, rows=rows)

    @router.get("/communes/{code}/households/{uuid}")
    @guarded
    def household(request: Request, code: str, uuid: str) -> Response:
        ctx = open_ctx(request, get_engine())
        ctx.require_commune(code)
        fresh(ctx)
        return household_page(ctx, code, uuid)

    # --- the yearly tables ------------------------------------------------------------------------

    def report(ctx: Ctx) -> tuple[tables.Report, int, list[int], queries.Unit | None]:
        commune_code = ctx.request.query_params.get("commune") or None
        if commune_code:
            ctx.require_commune(commune_code)
        fresh(ctx)
        with ctx.engine.connect() as conn:
            years = queries.years(conn)
            year = _year(ctx, years)
            if commune_code is None:
                rows = queries.communes(conn, year, scope(ctx))
                units = [(r.unit.code, r.unit.name, r.counts) for r in rows]
                return tables.build(year, "province", units), year, years, None
            unit = queries.units(conn).get(commune_code)
            if unit is None:
                raise NotFound()
            villages = queries.villages(conn, commune_code, year)
            units = [(v.uuid, v.name, v.counts) for v in villages]
            return tables.build(year, "commune", units), year, years, unit

    @router.get("/tables")
    @guarded
    def yearly_tables(request: Request) -> Response:
        ctx = open_ctx(request, get_engine())
        built, year, years, unit = report(ctx)
        return page(ctx, "tables.html", report=built, year=year, years=years, unit=unit)

    @router.get("/tables.xlsx")
    @guarded
    def yearly_tables_xlsx(request: Request) -> Response:
        ctx = open_ctx(request, get_engine())
        built, year, _years, unit = report(ctx)
        heading = f"{unit.name} – năm {year}" if unit else f"Tỉnh Thanh Hóa – năm {year}"
        data = tables.workbook(built, heading)
        with ctx.engine.begin() as conn:
            record_action(conn, ctx.actor, "export", now(), commune_code=unit.code if unit else None,
                          target=f"tables {year}", detail={"level": built.level})  # fmt: skip
        name = f"bieu-ra-soat-{year}{'-' + unit.code if unit else ''}.xlsx"
        response = Response(
            data,
            media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            headers={
                "Content-Disposition": f"attachment; filename=\"{name}\"; filename*=UTF-8''{quote(name)}"
            },
        )
        return finish(ctx, response)

    admin_routes(router, get_engine)
    review_routes(router, get_engine)
    return router
