"""Console actions of the review loop: return a household's review to the commune with a comment,
approve a village's list (or every village of the commune) for a year.

Only admins and the supervisors assigned to the commune may act (``Account.may_review``); viewers
never. Every POST checks its CSRF token first; approving asks for a confirmation page before it
writes. Each action writes its audit row in the same transaction (``console_audit``); the decision
itself is kept in ``server.review_loop`` and reaches the commune's laptops on their next sync.
"""

from __future__ import annotations

from collections.abc import Callable

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy import Engine

from xaapp.errors import KnownError
from xaapp.server import review_loop
from xaapp.server.console import households, projection, queries
from xaapp.server.console.audit import record_action
from xaapp.server.console.session import Ctx, FormBody, NotFound, guarded, now, open_ctx, page, redirect


def _year(raw: str) -> int | None:
    return int(raw) if raw.isdigit() and 2000 <= int(raw) <= 2100 else None


def household_page(ctx: Ctx, code: str, uuid: str, status: int = 200, error: KnownError | None = None,
                   comment: str = "") -> Response:  # fmt: skip
    """A household's page with its returns and, for a reviewer, the form to return it."""
    assert ctx.account is not None
    with ctx.engine.begin() as conn:
        unit = queries.units(conn).get(code)
        found = households.household(conn, code, uuid)
        if unit is None or found is None:
            raise NotFound()
        if ctx.account.sees_full_ids:
            record_action(conn, ctx.actor, "household_viewed", now(), commune_code=code, target=uuid)
        returns = review_loop.returns_of_household(conn, uuid)
    return page(ctx, "household.html", status, unit=unit, hh=found, full_ids=ctx.account.sees_full_ids,
                returns=returns, may_review=ctx.account.may_review(code), error=error,
                comment=comment)  # fmt: skip


def review_routes(router: APIRouter, get_engine: Callable[[], Engine]) -> None:
    @router.post("/communes/{code}/households/{uuid}/return")
    @guarded
    def return_household(request: Request, code: str, uuid: str, form: FormBody) -> Response:
        ctx = open_ctx(request, get_engine())
        ctx.check_csrf(form)
        account = ctx.require_reviewer(code)
        projection.refresh(ctx.engine)
        comment = form.get("comment", "")
        try:
            with ctx.engine.begin() as conn:
                if households.household(conn, code, uuid) is None:
                    raise NotFound()
                when = now()
                returned, withdrew = review_loop.return_review(
                    conn,
                    code,
                    uuid,
                    form.get("review", ""),
                    comment,
                    account.username,
                    account.display_name,
                    when,
                )
                record_action(conn, ctx.actor, "review_returned", when, commune_code=code, target=uuid,
                              detail={"return_id": returned.id, "year": returned.review_year,
                                      "comment": returned.comment})  # fmt: skip
                if withdrew:
                    record_action(conn, ctx.actor, "approval_withdrawn", when, commune_code=code,
                                  target=returned.village_uuid, detail={"year": returned.review_year,
                                                                        "return_id": returned.id})  # fmt: skip
        except KnownError as exc:
            status = 409 if "đã được trả lại" in exc.message_vi else 400
            return household_page(ctx, code, uuid, status, exc, comment)
        return redirect(ctx, f"/console/communes/{code}/households/{uuid}")

    @router.post("/communes/{code}/approve")
    @guarded
    def approve(request: Request, code: str, form: FormBody) -> Response:
        ctx = open_ctx(request, get_engine())
        ctx.check_csrf(form)
        account = ctx.require_reviewer(code)
        projection.refresh(ctx.engine)
        year = _year(form.get("year", ""))
        if year is None:
            raise NotFound()
        village_uuid = form.get("village", "").strip() or None
        with ctx.engine.connect() as conn:
            unit = queries.units(conn).get(code)
            villages = queries.villages(conn, code, year)
        if unit is None:
            raise NotFound()
        chosen = [v for v in villages if village_uuid is None or v.uuid == village_uuid]
        if village_uuid is not None and not chosen:
            raise NotFound()
        back = f"/console/communes/{code}?year={year}"
        if form.get("confirm") != "1":
            return page(
                ctx, "approve.html", unit=unit, year=year, villages=chosen, village=village_uuid, back=back
            )
        try:
            with ctx.engine.begin() as conn:
                when = now()
                new = review_loop.approve(conn, code, year, [v.uuid for v in chosen],
                                          "village" if village_uuid else "commune",
                                          account.username, account.display_name, when)  # fmt: skip
                if new:
                    record_action(conn, ctx.actor, "list_approved", when, commune_code=code,
                                  target=village_uuid or code, detail={"year": year, "villages": len(new)})  # fmt: skip
        except KnownError as exc:
            return page(ctx, "approve.html", 409, unit=unit, year=year, villages=chosen, village=village_uuid,
                        back=back, error=exc)  # fmt: skip
        return redirect(ctx, back)
