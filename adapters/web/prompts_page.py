"""The dashboard's Prompts page (issue #14): each channel's next posts in the schedule's
own time zone, this week's prompts with their check-ins, and a form to suggest a prompt,
which goes through the core as ``/prompt suggest`` does (same checks, same messages, the
same queue of suggestions)."""

from __future__ import annotations

from datetime import timedelta

from aiohttp import web

from adapters.web.app import CLOCK, PROMPTS, header_values, member_page, page, web_context
from adapters.web.data import CommunityView
from adapters.web.prompts_data import PromptsPort
from adapters.web.when import local_moment
from bot.periods import local_date
from bot.services.schedules import describe_days
from bot.weblogin import WebSession


def prompts_of(request: web.Request) -> PromptsPort:
    if PROMPTS not in request.app:
        raise web.HTTPNotFound()
    return request.app[PROMPTS]


async def render(
    request: web.Request,
    session: WebSession,
    community: CommunityView,
    *,
    said: str = "",
    ok: bool = True,
    draft: str = "",
) -> web.Response:
    port = prompts_of(request)
    values = await header_values(request, session, community, "prompts")
    locale = community.locale
    today = local_date(request.app[CLOCK].now(), community.timezone)
    monday = today - timedelta(days=today.weekday())
    return page(
        request,
        "prompts.html",
        locale=locale,
        status=200 if ok else 422,
        plans=await port.plans(community.id, locale),
        week=await port.posted_since(community.id, monday, locale),
        when=lambda moment, zone: local_moment(moment, zone, locale),
        days=lambda days: describe_days(days, locale),
        said=said,
        ok=ok,
        draft=draft,
        **values,
    )


async def prompts_page(request: web.Request) -> web.StreamResponse:
    session, community = await member_page(request)
    return await render(request, session, community)


async def suggest(request: web.Request) -> web.StreamResponse:
    session, community = await member_page(request)
    port = prompts_of(request)
    form = await request.post()
    raw = form.get("text")
    if not isinstance(raw, str):
        raise web.HTTPBadRequest()
    ctx = await web_context(request, session, community)
    outcome = await port.suggest(ctx, raw, community.locale)
    # refused: the text stays in the form, to shorten or reword it
    return await render(
        request,
        session,
        community,
        said=outcome.text,
        ok=outcome.ok,
        draft="" if outcome.ok else raw,
    )


def add_routes(app: web.Application) -> None:
    app.router.add_get("/c/{community}/prompts", prompts_page)
    app.router.add_post("/c/{community}/prompts", suggest)
