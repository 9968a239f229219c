"""The web dashboard (issue #14): an aiohttp app, Jinja2 pages, sign-in by a link from chat.

Pages here: the sign-in flow, My roots (the roots picture), Community (the 26-week
charts, also as PNG), Leaderboards, Admin; the Prompts page and the wallboard are in
modules of their own (prompts_page.py, wallboard_page.py), registered by create_app.
Every page under ``/c/<community>/`` checks the id against the session: another
community's pages answer 404. Security headers, CSRF and the sign-in
rate limit are in :mod:`adapters.web.security`.
"""

from __future__ import annotations

import asyncio
import functools
import json
import logging
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
from aiohttp import web
from babel.dates import format_date
from markupsafe import Markup

from adapters.web.actions import WEB_CHANNEL, DashboardActions
from adapters.web.admin_actions import AdminActions
from adapters.web.data import (
    WINDOWS,
    CommunityView,
    DashboardData,
    WallboardLookup,
    since_recent,
)
from adapters.web.pictures import add_pictures
from adapters.web.prompts_data import PromptsPort
from adapters.web.security import HEADERS, PRIVATE, RateLimiter, TrustedProxies, same_secret
from bot.charts import (
    MEASURES,
    Chart,
    Helper,
    community_charts,
    last_weeks,
    roots_chart,
    to_png,
)
from bot.clock import Clock
from bot.messages import DEFAULT_LOCALE, base_locale, normalize_locale
from bot.messages import text as msg
from bot.periods import local_date
from bot.pictures import PictureLinks, PictureService
from bot.services.community import member_locale
from bot.timezones import load_zone
from bot.types import Context, Member
from bot.weblogin import SESSION_TTL, WebLogin, WebSession, new_secret

log = logging.getLogger("roots.web")

HERE = Path(__file__).parent
LOGIN_COOKIE_TTL = 15 * 60

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

MAX_PAGE = 10_000
MAX_ID = 200  # longest member id a URL may carry

LOGIN = web.AppKey("login", WebLogin)
ACTIONS = web.AppKey("actions", DashboardActions)
DATA = web.AppKey("data", DashboardData)
CLOCK = web.AppKey("clock", Clock)
LIMITER = web.AppKey("limiter", RateLimiter)
PAGES = web.AppKey("pages", jinja2.Environment)
SECURE = web.AppKey("secure", bool)
DEFAULT = web.AppKey("default_locale", str)
PROMPTS = web.AppKey("prompts", PromptsPort)  # the Prompts page (prompts_page.py)
WALLBOARDS = web.AppKey("wallboards", WallboardLookup)  # the wallboard (wallboard_page.py)
PROXIES = web.AppKey("proxies", TrustedProxies)
SESSION = web.RequestKey[WebSession | None]("session")  # a union is no class: typed so


def cookie_names(secure: bool) -> tuple[str, str]:
    """(session cookie, sign-in cookie). Over https, the ``__Host-`` prefix: the browser
    keeps such a cookie only when it is Secure, for the whole site, with no Domain."""
    prefix = "__Host-" if secure else ""
    return f"{prefix}roots_session", f"{prefix}roots_login"


def templates() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,  # every value is escaped unless it is Markup
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["path"] = lambda value: quote(str(value), safe="")
    return env


# ---------------------------------------------------------------- rendering


def page(
    request: web.Request,
    template: str,
    *,
    locale: str,
    status: int = 200,
    headers: dict[str, str] | None = None,
    **values: Any,
) -> web.Response:
    env = request.app[PAGES]

    def say(key: str, **fields: object) -> str:
        return msg(locale, key, **fields)

    session: WebSession | None = request.get(SESSION)
    values.setdefault("active", "")
    values.setdefault("member_name", "")
    values.setdefault("has_prompts", PROMPTS in request.app)
    html = env.get_template(template).render(
        locale=base_locale(locale),  # <html lang>: the language, never "de@formal"
        _=say,
        session=session,
        csrf=session.csrf if session else "",
        **values,
    )
    return web.Response(
        text=html, status=status, content_type="text/html", charset="utf-8", headers=headers
    )


def redirect(location: str) -> web.Response:
    return web.Response(status=303, headers={"Location": location})


def private_cookie(
    request: web.Request,
    response: web.StreamResponse,
    name: str,
    value: str,
    max_age: int,
    samesite: str = "Strict",
) -> None:
    """Set one of the dashboard's cookies, all alike: the whole site, never readable by
    script, Secure when ROOTS_WEB_URL is https."""
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        path="/",
        httponly=True,
        samesite=samesite,
        secure=request.app[SECURE],
    )


def browser_locale(request: web.Request) -> str | None:
    """The first language of the browser's Accept-Language that Roots speaks, if any."""
    for part in request.headers.get("Accept-Language", "").split(","):
        tag = part.split(";")[0].strip()
        if tag and tag != "*" and (found := normalize_locale(tag)):
            return found
    return None


def visitor_locale(request: web.Request) -> str:
    """The browser's language (:func:`browser_locale`), else the default."""
    return browser_locale(request) or request.app[DEFAULT]


def chart_view(chart: Chart) -> dict[str, Any]:
    """A chart for the templates: its SVG, drawn and escaped by bot.charts, as Markup."""
    return {
        "id": chart.id,
        "title": chart.title,
        "svg": Markup(chart.svg),  # trusted: built from escaped parts by bot.charts.svg
        "columns": chart.columns,
        "rows": chart.rows,
    }


# ---------------------------------------------------------------- middlewares


@web.middleware
async def security_headers(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        response = await handler(request)
    except web.HTTPException as exc:
        if exc.status in (404, 405):
            response = page(
                request,
                "message.html",
                locale=visitor_locale(request),
                status=exc.status,
                title_key="web.not_found",
                lines=[],
            )
        else:
            response = web.Response(status=exc.status, headers=exc.headers)
    response.headers.update(HEADERS)
    if not request.path.startswith("/static/"):
        response.headers["Cache-Control"] = PRIVATE
    return response


@web.middleware
async def sessions(request: web.Request, handler: Handler) -> web.StreamResponse:
    session_cookie, _ = cookie_names(request.app[SECURE])
    request[SESSION] = await request.app[LOGIN].session(request.cookies.get(session_cookie))
    return await handler(request)


@web.middleware
async def csrf(request: web.Request, handler: Handler) -> web.StreamResponse:
    if request.method not in ("GET", "HEAD", "OPTIONS"):
        form = await request.post()
        given = form.get("csrf")
        session = request[SESSION]
        expected: str | None
        if session is not None and request.path != "/login":
            expected = session.csrf
        else:
            expected = request.cookies.get(cookie_names(request.app[SECURE])[1])
        if not isinstance(given, str) or not same_secret(given, expected):
            return page(
                request,
                "message.html",
                locale=visitor_locale(request),
                status=403,
                title_key="web.forbidden",
                lines=[],
            )
    return await handler(request)


# ---------------------------------------------------------------- sign-in


def too_many(request: web.Request) -> web.Response | None:
    limiter = request.app[LIMITER]
    forwarded = request.headers.getall("X-Forwarded-For", [])
    address = request.app[PROXIES].client(request.remote, forwarded)
    if limiter.allow(address):
        return None
    return page(
        request,
        "message.html",
        locale=visitor_locale(request),
        status=429,
        headers={"Retry-After": str(limiter.retry_after(address))},
        title_key="web.login.too_many",
        lines=["web.login.ask_again"],
    )


def bad_link(request: web.Request, locale: str | None = None) -> web.Response:
    return page(
        request,
        "message.html",
        locale=locale or visitor_locale(request),
        status=410,
        title_key="web.login.bad_link",
        lines=["web.login.ask_again"],
    )


async def home(request: web.Request) -> web.StreamResponse:
    session: WebSession | None = request[SESSION]
    if session is not None:
        raise web.HTTPSeeOther(f"/c/{quote(session.community_id, safe='')}/roots")
    return page(request, "login.html", locale=visitor_locale(request))


async def login_link(request: web.Request) -> web.StreamResponse:
    """The link from chat: a page with a button. Only the button (a POST) uses the link,
    so a link preview that fetches the URL does not burn it."""
    if (refused := too_many(request)) is not None:
        return refused
    token = request.match_info["token"]
    found = await request.app[LOGIN].peek(token)
    if found is None:
        return bad_link(request)
    community = await request.app[DATA].community(found.community_id)
    name = await request.app[DATA].member_name(found.community_id, found.member_id)
    locale = community.locale if community else visitor_locale(request)
    if community is not None:  # the link is the member's: their language (issue 18)
        chosen = await request.app[DATA].member_language(found.community_id, found.member_id)
        locale = member_locale(chosen, locale)
    login_csrf = new_secret()
    named: dict[str, Any] = {"community": community} if community else {}  # in the header
    request[SESSION] = None  # the form is checked against the sign-in cookie below
    response = page(
        request,
        "confirm.html",
        locale=locale,
        token=token,
        login_csrf=login_csrf,
        name=name or found.member_id,
        **named,
    )
    _, login_cookie = cookie_names(request.app[SECURE])
    private_cookie(request, response, login_cookie, login_csrf, LOGIN_COOKIE_TTL)
    return response


async def sign_in(request: web.Request) -> web.StreamResponse:
    if (refused := too_many(request)) is not None:
        return refused
    form = await request.post()
    token = form.get("token")
    signed = await request.app[LOGIN].sign_in(token) if isinstance(token, str) else None
    if signed is None:
        return bad_link(request)
    session_id, session = signed
    old = request[SESSION]
    if old is not None:  # signing in again replaces the session this browser had
        await request.app[LOGIN].sign_out(old)
    session_cookie, _ = cookie_names(request.app[SECURE])
    response = redirect(f"/c/{quote(session.community_id, safe='')}/roots")
    # Lax: the session must come along when a link from chat opens the dashboard
    max_age = int(SESSION_TTL.total_seconds())
    private_cookie(request, response, session_cookie, session_id, max_age, samesite="Lax")
    # the sign-in cookie stays for its 15 minutes: a form sent again (Back, then the button)
    # gets the page that says the link was used, not a puzzling "form expired"
    return response


async def logout(request: web.Request) -> web.StreamResponse:
    session: WebSession | None = request[SESSION]
    if session is not None:
        await request.app[LOGIN].sign_out(session)
    response = redirect("/")
    response.del_cookie(cookie_names(request.app[SECURE])[0], path="/")
    return response


# ---------------------------------------------------------------- pages


async def member_page(request: web.Request) -> tuple[WebSession, CommunityView]:
    """The session and its community, for a page of ``/c/<community>/``: the sign-in page
    without a session, 404 for another community's pages."""
    session: WebSession | None = request[SESSION]
    if session is None:
        raise web.HTTPSeeOther("/")
    if request.match_info["community"] != session.community_id:
        raise web.HTTPNotFound()
    data = request.app[DATA]
    # Every page of the dashboard is the member's alone: in their language (issue 18);
    # on auto, the browser's when it names one Roots speaks (as a chat app's language
    # does in chat), else the community's.
    community, chosen = await asyncio.gather(
        data.community(session.community_id),
        data.member_language(session.community_id, session.member_id),
    )
    if community is None:
        raise web.HTTPNotFound()
    locale = member_locale(chosen or browser_locale(request), community.locale)
    return session, replace(community, locale=locale) if locale != community.locale else community


def this_week(request: web.Request, community: CommunityView) -> list[date]:
    return last_weeks(local_date(request.app[CLOCK].now(), community.timezone))


async def header_values(
    request: web.Request, session: WebSession, community: CommunityView, active: str
) -> dict[str, Any]:
    name = await request.app[DATA].member_name(community.id, session.member_id)
    return {
        "community": community,
        "member_name": name or session.member_id,
        "active": active,
    }


def page_number(request: web.Request, name: str) -> int:
    """``?name=N`` as a page number; anything else is the first page."""
    raw = request.query.get(name, "")
    return int(raw) if raw.isascii() and raw.isdigit() and int(raw) <= MAX_PAGE else 0


def local_day(moment: datetime, timezone: str, locale: str) -> str:
    """The day of ``moment`` in the community's zone, as the page's language writes a
    date ("25 mars 2026", "March 25, 2026")."""
    return long_day(moment.astimezone(load_zone(timezone)).date(), locale)


@functools.lru_cache(maxsize=4096)
def long_day(day: date, locale: str) -> str:
    """``day`` written out in ``locale``: each row of a page's tables has one, and Babel
    takes about 50 µs a date (it parses the locale every time), so each (day, language)
    is written once per process."""
    return format_date(day, "long", locale=locale if normalize_locale(locale) else DEFAULT_LOCALE)


async def my_roots(request: web.Request) -> web.StreamResponse:
    session, community = await member_page(request)
    data, me = request.app[DATA], session.member_id
    now = request.app[CLOCK].now()
    today = local_date(now, community.timezone)
    pages = {"received": page_number(request, "received"), "given": page_number(request, "given")}
    # The page's reads don't depend on each other: asked together, they take one
    # pooled connection each on PostgreSQL, and the page waits for the slowest of
    # them instead of their sum (SQLite's reading thread still takes them in turn).
    more = asyncio.gather(
        data.people(community.id, me, since_recent(now)),
        data.goal_minutes(community.id, me, today),
        data.opted_out(community.id, me),
    )
    values, all_time, received_page, given_page, streaks = await asyncio.gather(
        header_values(request, session, community, "roots"),
        # the picture's roots are the all-time list's people: one query for both
        data.people(community.id, me, None),
        data.thanks(community.id, me, True, pages["received"]),
        data.thanks(community.id, me, False, pages["given"]),
        data.streaks(community.id, me, today),
    )
    recent, (week_minutes, all_minutes), opted_out = await more
    (received, more_received), (given, more_given) = received_page, given_page
    giving, checkins = streaks
    helpers = [Helper(p.name, p.count, p.thanked_back) for p in all_time]
    chart = roots_chart(values["member_name"], helpers, community.locale)
    return page(
        request,
        "roots.html",
        locale=community.locale,
        chart=chart_view(chart),
        all_time=all_time,
        recent=recent,
        received=received,
        given=given,
        pages=pages,
        more={"received": more_received, "given": more_given},
        day=lambda moment: local_day(moment, community.timezone, community.locale),
        giving_streak=giving,
        checkin_streak=checkins,
        goal_minutes={"week": week_minutes, "total": all_minutes},
        opted_out=opted_out,
        can_act=ACTIONS in request.app,
        **values,
    )


def actions_of(request: web.Request) -> DashboardActions:
    if ACTIONS not in request.app:
        raise web.HTTPNotFound()
    return request.app[ACTIONS]


async def web_context(
    request: web.Request, session: WebSession, community: CommunityView
) -> Context:
    """The member acting on the web, as a chat adapter would build them."""
    name = await request.app[DATA].member_name(community.id, session.member_id)
    actor = Member(session.member_id, name or session.member_id)
    return Context(community.platform or "web", community.id, WEB_CHANNEL, actor, session.is_admin)


def notice(
    request: web.Request, community: CommunityView, values: dict[str, Any], ok: bool, said: str
) -> web.Response:
    return page(
        request,
        "notice.html",
        locale=community.locale,
        status=200 if ok else 422,
        ok=ok,
        said=said,
        **values,
    )


async def thank_form(request: web.Request) -> web.StreamResponse:
    session, community = await member_page(request)
    actions_of(request)
    values = await header_values(request, session, community, "roots")
    other = request.match_info["member"]
    name = (
        await request.app[DATA].member_name(community.id, other) if len(other) <= MAX_ID else None
    )
    if name is None or other == session.member_id:
        raise web.HTTPNotFound()
    return page(
        request, "thank.html", locale=community.locale, other=other, other_name=name, **values
    )


async def thank(request: web.Request) -> web.StreamResponse:
    session, community = await member_page(request)
    actions = actions_of(request)
    values = await header_values(request, session, community, "roots")
    form = await request.post()
    reason = form.get("reason")
    other = request.match_info["member"]
    if not isinstance(reason, str) or len(other) > MAX_ID:
        raise web.HTTPBadRequest()
    ctx = await web_context(request, session, community)
    outcome = await actions.thank(ctx, other, reason, community.locale)
    return notice(request, community, values, outcome.ok, outcome.text)


async def opt(request: web.Request) -> web.StreamResponse:
    session, community = await member_page(request)
    actions = actions_of(request)
    values = await header_values(request, session, community, "roots")
    ctx = await web_context(request, session, community)
    opted_out = request.match_info["choice"] == "optout"
    outcome = await actions.opt(ctx, opted_out, community.locale)
    return notice(request, community, values, outcome.ok, outcome.text)


async def my_data(request: web.Request) -> web.StreamResponse:
    session, community = await member_page(request)
    found = await actions_of(request).my_data(community.id, session.member_id)
    name = "".join(c if c.isalnum() or c in "-_" else "_" for c in session.member_id)[:60]
    return web.json_response(
        found,
        dumps=lambda value: json.dumps(value, ensure_ascii=False, indent=2),
        headers={"Content-Disposition": f'attachment; filename="roots-{name}.json"'},
    )


async def leaderboards(request: web.Request) -> web.StreamResponse:
    session, community = await member_page(request)
    if not community.leaderboards:
        raise web.HTTPNotFound()
    values = await header_values(request, session, community, "leaderboards")
    window = request.query.get("period", "week")
    window = window if window in WINDOWS else "week"
    today = local_date(request.app[CLOCK].now(), community.timezone)
    boards = await request.app[DATA].boards(community, session.member_id, window, today)
    return page(
        request,
        "leaderboards.html",
        locale=community.locale,
        boards=boards,
        window=window,
        windows=WINDOWS,
        **values,
    )


async def admin_page(request: web.Request) -> tuple[WebSession, CommunityView]:
    """An admin page: 403 for a member, and for an admin whose rights the platform no
    longer confirms (asked when the session is older than 10 minutes)."""
    session, community = await member_page(request)
    if not await request.app[LOGIN].still_admin(session, community.platform):
        raise AdminOnly()
    return session, community


class AdminOnly(Exception):
    """Raised by :func:`admin_page`; answered with the 403 page."""


async def admin_only(request: web.Request) -> web.Response:
    """The 403 page of an admin page, for a member (or an admin the platform no longer
    confirms), in the member's community's language."""
    return page(
        request,
        "message.html",
        locale=(await member_page(request))[1].locale,
        status=403,
        title_key="web.admin.only",
        lines=["web.admin.again"],
    )


async def admin_summary(request: web.Request) -> web.StreamResponse:
    try:
        session, community = await admin_page(request)
    except AdminOnly:
        return await admin_only(request)
    values = await header_values(request, session, community, "admin")
    return page(request, "admin.html", locale=community.locale, **values)


async def community_charts_of(request: web.Request, community: CommunityView) -> list[Chart]:
    weeks = this_week(request, community)
    figures = await request.app[DATA].weekly_figures(community.id, weeks)
    return community_charts(figures, weeks, community.locale)


async def community_page(request: web.Request) -> web.StreamResponse:
    session, community = await member_page(request)
    now = request.app[CLOCK].now()
    values, charts, health = await asyncio.gather(  # independent reads, asked together
        header_values(request, session, community, "community"),
        community_charts_of(request, community),
        request.app[DATA].health(community, now, local_date(now, community.timezone)),
    )
    figures = [
        ("givers", health.givers_share),
        ("reciprocity", health.reciprocity),
        ("concentration", health.concentration),
    ]
    return page(
        request,
        "community.html",
        locale=community.locale,
        charts=[chart_view(c) for c in charts],
        health=[(key, None if v is None else round(v * 100)) for key, v in figures],
        **values,
    )


async def chart_png(request: web.Request) -> web.StreamResponse:
    _, community = await member_page(request)
    measure = request.match_info["measure"]
    if measure not in MEASURES:
        raise web.HTTPNotFound()
    charts = await community_charts_of(request, community)
    chart = next(c for c in charts if c.id == f"chart-{measure}")
    body = await asyncio.to_thread(to_png, chart.svg)  # ~10 ms of CPU, off the event loop
    return web.Response(body=body, content_type="image/png")


# ---------------------------------------------------------------- the app


def create_app(
    *,
    login: WebLogin,
    data: DashboardData,
    clock: Clock,
    limiter: RateLimiter | None = None,
    default_locale: str = DEFAULT_LOCALE,
    actions: DashboardActions | None = None,
    pictures: tuple[PictureService, PictureLinks] | None = None,
    prompts: PromptsPort | None = None,
    wallboards: WallboardLookup | None = None,
    trusted_proxies: TrustedProxies | None = None,
    admin: AdminActions | None = None,
) -> web.Application:
    """The dashboard. ``login.base_url`` is ROOTS_WEB_URL: with https, cookies are Secure.
    ``trusted_proxies``: whose X-Forwarded-For the sign-in rate limit believes (nobody's
    by default)."""
    # The pages in modules of their own register their routes here (they import this one).
    from adapters.web import prompts_page, wallboard_page

    app = web.Application(middlewares=[security_headers, sessions, csrf])
    app[LOGIN] = login
    app[DATA] = data
    app[CLOCK] = clock
    app[LIMITER] = limiter or RateLimiter(clock)
    app[PAGES] = templates()
    app[SECURE] = login.base_url.startswith("https://")
    app[DEFAULT] = default_locale
    app[PROXIES] = trusted_proxies or TrustedProxies()
    if actions is not None:  # the forms: thank back, opt out/in, my data
        app[ACTIONS] = actions
    if prompts is not None:
        app[PROMPTS] = prompts
        prompts_page.add_routes(app)
    if wallboards is not None:
        app[WALLBOARDS] = wallboards
        wallboard_page.add_routes(app)
    app.router.add_get("/", home)
    app.router.add_get("/login/{token}", login_link)
    app.router.add_post("/login", sign_in)
    app.router.add_post("/logout", logout)
    app.router.add_get("/c/{community}/roots", my_roots)
    app.router.add_get("/c/{community}/community", community_page)
    app.router.add_get("/c/{community}/charts/{measure}.png", chart_png)
    app.router.add_get("/c/{community}/thank/{member}", thank_form)
    app.router.add_post("/c/{community}/thank/{member}", thank)
    app.router.add_post("/c/{community}/{choice:optout|optin}", opt)
    app.router.add_get("/c/{community}/me.json", my_data)
    app.router.add_get("/c/{community}/leaderboards", leaderboards)
    if admin is not None:  # the Admin page's forms, on the core (adapters/web/admin.py)
        from adapters.web.admin import add_admin_routes  # it builds on this module

        add_admin_routes(app, admin)
    else:  # a read-only summary
        app.router.add_get("/c/{community}/admin", admin_summary)
    if pictures is not None:  # the signed picture links Slack fetches (issue 14)
        add_pictures(app, *pictures)
    app.router.add_static("/static/", HERE / "static", append_version=False)
    return app


async def serve(app: web.Application, host: str, port: int) -> tuple[web.AppRunner, int]:
    """Listen on ``host:port`` (0: any free port). No access log: sign-in URLs carry
    tokens, and a log is no place for them."""
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    await site.start()
    bound: int = runner.addresses[0][1]  # the one site's socket: the bound port
    log.info("Web dashboard on %s:%s", host, bound)
    return runner, bound
