"""The wallboard (issue #14): a read-only page for a screen in the office, at
``/wall/<token>`` (``/roots-config wallboard on`` mints the token). No session: the
unguessable token is the key; an unknown or revoked one gets the 404 page. It shows this
week's leaderboards (when the community shows leaderboards) and the kudos chart, never an
opted-out member, in large type, and reloads itself every few minutes with a meta
refresh (the Content-Security-Policy allows no script)."""

from __future__ import annotations

from aiohttp import web

from adapters.web.app import (
    CLOCK,
    DATA,
    WALLBOARDS,
    chart_view,
    community_charts_of,
    page,
)
from adapters.web.when import local_moment
from bot.periods import local_date

REFRESH_SECONDS = 300
NOBODY = ""  # the viewer of the boards: no one (no "your rank")


async def wallboard(request: web.Request) -> web.StreamResponse:
    token = request.match_info["token"]
    community_id = await request.app[WALLBOARDS].community_of(token)
    community = await request.app[DATA].community(community_id) if community_id else None
    if community is None:
        raise web.HTTPNotFound()
    now = request.app[CLOCK].now()
    today = local_date(now, community.timezone)
    boards = (
        await request.app[DATA].boards(community, NOBODY, "week", today)
        if community.leaderboards
        else []
    )
    charts = await community_charts_of(request, community)
    kudos = next(c for c in charts if c.id == "chart-kudos")
    return page(
        request,
        "wall.html",
        locale=community.locale,
        community=community,
        boards=boards,
        chart=chart_view(kudos),
        refresh=REFRESH_SECONDS,
        updated=local_moment(now, community.timezone, community.locale),
    )


def add_routes(app: web.Application) -> None:
    app.router.add_get("/wall/{token}", wallboard)
