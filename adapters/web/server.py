"""The organiser dashboard over HTTP (aiohttp): sign-in by one-time link, then read-only pages,
each also downloadable table by table as CSV. Pages are drawn on the server; no JavaScript."""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path
from urllib.parse import quote
from zoneinfo import ZoneInfo

import jinja2
from aiohttp import web

from adapters.web.charts import svg
from adapters.web.tables import as_csv
from bot.features.dashboard import texts
from bot.features.dashboard.access import SIGN_IN_PATH, Sessions
from bot.features.dashboard.model import Grant, LinkProblem
from bot.features.dashboard.pages import PAGES, build_page
from bot.runtime import Runtime

log = logging.getLogger(__name__)

HERE = Path(__file__).parent
COOKIE = "liftup_dashboard"
SECURITY_HEADERS = {
    # Nothing runs and nothing loads from elsewhere; forms post only back here.
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "Referrer-Policy": "no-referrer",  # a sign-in link in the address bar never leaks onward
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",  # figures are private; a shared machine keeps no copy
}
LINK_PROBLEMS = {
    LinkProblem.UNKNOWN: texts.LINK_UNKNOWN,
    LinkProblem.USED: texts.LINK_USED,
    LinkProblem.EXPIRED: texts.LINK_EXPIRED,
}

RUNTIME = web.AppKey("runtime", Runtime)
SESSIONS = web.AppKey("sessions", Sessions)
SECURE = web.AppKey("secure", bool)
TEMPLATES = web.AppKey("templates", jinja2.Environment)


def community_path(community_id: str) -> str:
    return f"/c/{quote(community_id, safe='')}"


def _now(request: web.Request) -> datetime:
    return request.app[RUNTIME].clock.now()


def _render(request: web.Request, name: str, status: int = 200, **values: object) -> web.Response:
    html = request.app[TEMPLATES].get_template(name).render(**values)
    return web.Response(text=html, content_type="text/html", status=status)


def _notice(
    request: web.Request, status: int, heading: str, *lines: str, token: str = ""
) -> web.Response:
    return _render(request, "notice.html", status, heading=heading, lines=lines, token=token)


async def _grant(request: web.Request) -> Grant | web.Response:
    """The signed-in session allowed to see this community's pages, or the refusal to send."""
    grant = await request.app[SESSIONS].grant(request.cookies.get(COOKIE), _now(request))
    if grant is None:
        return _notice(request, 401, "Sign in", texts.NO_SESSION)
    if grant.community_id != request.match_info["community"]:
        return _notice(request, 403, "Another community", texts.OTHER_COMMUNITY)
    return grant


async def home(request: web.Request) -> web.StreamResponse:
    grant = await request.app[SESSIONS].grant(request.cookies.get(COOKIE), _now(request))
    if grant is None:
        return _notice(request, 200, "liftup dashboard", texts.NO_SESSION)
    raise web.HTTPSeeOther(f"{community_path(grant.community_id)}/overview")


async def sign_in_page(request: web.Request) -> web.Response:
    # Opening the link only shows a button: link previews (chat apps fetch URLs to unfurl
    # them) must not spend it. The button's POST does.
    token = request.query.get("token", "")
    if not token:
        return _notice(request, 400, "Sign in", texts.LINK_UNKNOWN, texts.GET_A_LINK)
    return _notice(
        request, 200, "Sign in", "This link opens your community's dashboard once.", token=token
    )


async def sign_in(request: web.Request) -> web.StreamResponse:
    form = await request.post()
    token = str(form.get("token", ""))
    outcome, cookie = await request.app[SESSIONS].redeem(token, _now(request))
    if outcome.grant is None or cookie is None:
        problem = outcome.problem or LinkProblem.UNKNOWN
        status = 403 if problem is LinkProblem.UNKNOWN else 410
        return _notice(
            request, status, "This link can't be used", LINK_PROBLEMS[problem], texts.GET_A_LINK
        )
    log.info("dashboard: a session opened for %s", outcome.grant.community_id)
    response = web.HTTPSeeOther(f"{community_path(outcome.grant.community_id)}/overview")
    response.set_cookie(
        COOKIE,
        cookie,
        max_age=int((outcome.grant.expires_at - _now(request)).total_seconds()),
        httponly=True,
        samesite="Strict",
        secure=request.app[SECURE],
        path="/",
    )
    raise response


async def sign_out(request: web.Request) -> web.StreamResponse:
    await request.app[SESSIONS].end(request.cookies.get(COOKIE))
    response = _notice(request, 200, "Signed out", texts.SIGNED_OUT)
    response.del_cookie(COOKIE, path="/")
    return response


async def page(request: web.Request) -> web.Response:
    grant = await _grant(request)
    if isinstance(grant, web.Response):
        return grant
    runtime, now = request.app[RUNTIME], _now(request)
    built = await build_page(runtime, grant.community_id, request.match_info["page"], now)
    if built is None:
        return _notice(request, 404, "Not found", texts.NOT_FOUND)
    async with runtime.store.unit(read_only=True) as uow:
        member = await uow.members.get(grant.community_id, grant.member_id)
    zone_now = now.astimezone(ZoneInfo(built.zone))
    return _render(
        request,
        "page.html",
        page=built,
        pages=PAGES,
        base=community_path(grant.community_id),
        community=grant.community_id,
        who=member.display_name if member else "an organiser",
        as_of=f"{zone_now:%d %b %Y, %H:%M}",
        charts=[
            {"title": c.title, "svg": svg(c, f"chart-{i}")} for i, c in enumerate(built.charts)
        ],
    )


async def csv_table(request: web.Request) -> web.Response:
    grant = await _grant(request)
    if isinstance(grant, web.Response):
        return grant
    slug, name = request.match_info["page"], request.match_info["table"]
    built = await build_page(request.app[RUNTIME], grant.community_id, slug, _now(request))
    table = built.table(name) if built else None
    if table is None:
        return _notice(request, 404, "Not found", texts.NOT_FOUND)
    filename = f"liftup-{slug}-{name}-{_now(request):%Y-%m-%d}.csv"
    return web.Response(
        text=as_csv(table),
        content_type="text/csv",
        charset="utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@web.middleware
async def security_headers(request: web.Request, handler: web.Handler) -> web.StreamResponse:
    try:
        response = await handler(request)
    except web.HTTPException as redirect:
        redirect.headers.update(SECURITY_HEADERS)
        raise
    response.headers.update(SECURITY_HEADERS)
    return response


def dashboard_app(runtime: Runtime, secret: str, base_url: str) -> web.Application:
    app = web.Application(middlewares=[security_headers])
    app[RUNTIME] = runtime
    app[SESSIONS] = Sessions(runtime.store, secret)
    app[SECURE] = base_url.startswith("https://")
    app[TEMPLATES] = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,  # every member-written value (names, wins) is escaped
        trim_blocks=True,
        lstrip_blocks=True,
    )
    app.add_routes(
        [
            web.get("/", home),
            web.get(SIGN_IN_PATH, sign_in_page),
            web.post(SIGN_IN_PATH, sign_in),
            web.post("/sign-out", sign_out),
            web.get("/c/{community}/{page}", page),
            web.get("/c/{community}/{page}/{table}.csv", csv_table),
            web.static("/static", HERE / "static"),
        ]
    )
    return app
