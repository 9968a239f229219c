"""The Admin page (issue #14, section 5): settings, schedules, the suggestion queue,
custom prompts, the challenge, revoking a kudos, forgetting a member (with a
confirmation step), the audit log and the community's export.

Every form builds the command call a chat adapter builds for the same command
(``/roots-config``, ``/prompt``, ``/challenge start``, ``/kudos revoke``,
``/roots-admin forget``) and runs it through the core's Router
(:class:`adapters.web.admin_actions.AdminActions`): the validation and the messages are
chat's by construction. The reply is kept for the next page (a signed, short-lived
cookie) and the form answers with a redirect to the Admin page (POST-redirect-GET),
which shows it.

Every route: the session's community (404 for another's), the admin check (403 for a
member, rights asked again for a session older than 10 minutes), and for a POST the
CSRF token (the middleware).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import datetime
from urllib.parse import quote

from aiohttp import web

from adapters.web.admin_actions import AdminActions, AdminView
from adapters.web.app import (
    SECURE,
    AdminOnly,
    admin_only,
    admin_page,
    header_values,
    page,
    private_cookie,
    redirect,
    web_context,
)
from adapters.web.data import CommunityView
from bot.commands.registry import WEEKDAY_CHOICES
from bot.messages import text
from bot.services.schedules import describe_days
from bot.timezones import load_zone
from bot.types import WEB_SOURCE, CommandCall, Context, Member, Reply, Value
from bot.weblogin import WebSession

ADMIN = web.AppKey("admin", AdminActions)
NOTICE_MAX = 600  # characters of a reply kept for the next page (a cookie holds 4 kB)
NOTICE_TTL = 120  # seconds

# The settings the page edits, one small form each: the form's name -> (the
# /roots-config sub-command, its option), as Discord's typed options carry them.
SETTINGS: dict[str, tuple[str, str]] = {
    "timezone": ("timezone", "zone"),
    "locale": ("locale", "language"),
    "budget": ("budget", "recipients"),
    "cooldown": ("cooldown", "seconds"),
    "emoji": ("emoji", "emoji"),
    "reason": ("reason", "required"),
    "leaderboard": ("leaderboard", "shown"),
    "detect": ("detect", "enabled"),
    "catchup": ("catchup", "minutes"),
}
KINDS = {"prompt": "prompts", "digest": "digest"}  # a schedule's kind -> its sub-command
DAYS = tuple(value for _, value in WEEKDAY_CHOICES)  # mon … sun, as /roots-config reads them
ANNOUNCE_MODES = ("here", "thread", "channel", "private")
MAX_FIELD = 2000
CHANNEL_TOKEN = re.compile(r"<#([^>|]+)(?:\|[^>]*)?>")  # a channel in an audit line's detail

Handler = Callable[[web.Request, WebSession, CommunityView], Awaitable[web.StreamResponse]]


def admin_route(handler: Handler) -> Callable[[web.Request], Awaitable[web.StreamResponse]]:
    """``handler`` behind the admin check: 403 page for a member."""

    async def guarded(request: web.Request) -> web.StreamResponse:
        try:
            session, community = await admin_page(request)
        except AdminOnly:
            return await admin_only(request)
        return await handler(request, session, community)

    return guarded


def admin_of(request: web.Request) -> AdminActions:
    return request.app[ADMIN]


def local_time(moment: datetime, timezone: str) -> str:
    """An audit line's time where the community lives: ``2026-03-25 11:00 Europe/Paris``."""
    return f"{moment.astimezone(load_zone(timezone)):%Y-%m-%d %H:%M} {timezone}"


def base_path(community: CommunityView) -> str:
    return f"/c/{quote(community.id, safe='')}/admin"


# ---------------------------------------------------------------- the notice cookie


def notice_cookie(request: web.Request) -> str:
    return ("__Host-" if request.app[SECURE] else "") + "roots_notice"


def _sign(session: WebSession, value: str) -> str:
    return hmac.new(session.csrf.encode(), value.encode(), hashlib.sha256).hexdigest()


def after(
    request: web.Request, session: WebSession, community: CommunityView, ok: bool, said: str
) -> web.Response:
    """Back to the Admin page (POST-redirect-GET), which will show ``said``."""
    kept = said if len(said) <= NOTICE_MAX else said[: NOTICE_MAX - 1] + "…"
    document = json.dumps([ok, kept], ensure_ascii=False)
    value = base64.urlsafe_b64encode(document.encode()).decode()
    response = redirect(base_path(community) + "#notice")
    signed = f"{value}.{_sign(session, value)}"
    private_cookie(request, response, notice_cookie(request), signed, NOTICE_TTL)
    return response


def take_notice(request: web.Request, session: WebSession) -> tuple[bool, str] | None:
    """The reply a form left for this page, when it is this session's."""
    raw = request.cookies.get(notice_cookie(request), "")
    value, _, signature = raw.partition(".")
    if not value or not hmac.compare_digest(signature, _sign(session, value)):
        return None
    try:
        ok, said = json.loads(base64.urlsafe_b64decode(value.encode()))
    except ValueError:
        return None
    return (ok, said) if isinstance(ok, bool) and isinstance(said, str) else None


async def run(
    request: web.Request, session: WebSession, community: CommunityView, call: CommandCall
) -> web.Response:
    """Run ``call`` as chat would, then back to the page with the core's reply."""
    replies = await admin_of(request).run(call)
    return after(request, session, community, *said(replies))


def said(replies: list[Reply]) -> tuple[bool, str]:
    ok = bool(replies) and not replies[0].is_error
    return ok, "\n".join(r.as_text() for r in replies)


async def form_text(request: web.Request, name: str) -> str:
    value = (await request.post()).get(name, "")
    if not isinstance(value, str):
        raise web.HTTPBadRequest()
    return value.strip()[:MAX_FIELD]


def refuse(
    request: web.Request, session: WebSession, community: CommunityView, key: str
) -> web.Response:
    return after(request, session, community, False, text(community.locale, key))


async def context(request: web.Request, session: WebSession, community: CommunityView) -> Context:
    return await web_context(request, session, community)


async def run_on_channel(
    request: web.Request,
    session: WebSession,
    community: CommunityView,
    call: CommandCall,
    channel: str,
) -> web.Response:
    """Run ``call`` naming ``channel``, vouched for only when it is the community's (one
    its schedules use, or one the platform says is its own); refused politely when not."""
    if not channel or not await admin_of(request).channel_is_theirs(call.ctx, channel):
        return refuse(request, session, community, "web.admin.channel_unchecked")
    named = replace(call, values={**call.values, "channel": channel}, channels=(channel,))
    return await run(request, session, community, named)


async def chosen_channel(request: web.Request) -> str:
    """The channel of a form: the one picked in the list, else the one typed."""
    picked = await form_text(request, "channel")
    return picked or (await form_text(request, "other_channel")).lstrip("#")


# ---------------------------------------------------------------- the page


@admin_route
async def admin_home(
    request: web.Request, session: WebSession, community: CommunityView
) -> web.StreamResponse:
    ctx = await context(request, session, community)
    view: AdminView = await admin_of(request).view(ctx)
    values = await header_values(request, session, community, "admin")
    notice = take_notice(request, session)
    response = page(
        request,
        "admin_forms.html",
        locale=community.locale,
        view=view,
        notice=notice,
        base=base_path(community),
        days=DAYS,
        day_names=lambda days: describe_days(days, community.locale),
        day_of=lambda day: describe_days(frozenset({DAYS.index(day)}), community.locale),
        modes=ANNOUNCE_MODES,
        when=lambda moment: local_time(moment, community.timezone),
        channels=lambda detail: CHANNEL_TOKEN.sub(r"#\1", detail),
        **values,
    )
    if notice is not None or notice_cookie(request) in request.cookies:
        response.del_cookie(notice_cookie(request), path="/")
    return response


# ---------------------------------------------------------------- the forms


@admin_route
async def setting(
    request: web.Request, session: WebSession, community: CommunityView
) -> web.StreamResponse:
    name = request.match_info["name"]
    ctx = await context(request, session, community)
    if name == "season":
        return await run(
            request, session, community, CommandCall(ctx, "roots-config", sub="season")
        )
    if name == "announce":
        where = await form_text(request, "where")
        call = CommandCall(ctx, "roots-config", sub="announce", values={"where": where})
        if where != "channel":
            return await run(request, session, community, call)
        return await run_on_channel(
            request, session, community, call, await chosen_channel(request)
        )
    if name not in SETTINGS:
        raise web.HTTPNotFound()
    sub, option = SETTINGS[name]
    value = await form_text(request, "value")
    call = CommandCall(ctx, "roots-config", sub=sub, values={option: value})
    return await run(request, session, community, call)


@admin_route
async def schedule(
    request: web.Request, session: WebSession, community: CommunityView
) -> web.StreamResponse:
    """Add a schedule, or change one's time, zone and days: ``/roots-config prompts
    #channel 09:00 Europe/Paris mon wed`` as chat reads it."""
    form = await request.post()
    kind = request.match_info.get("kind") or str(form.get("kind", ""))
    if kind not in KINDS:
        raise web.HTTPBadRequest()
    ctx = await context(request, session, community)
    days = [d for d in form.getall("days", []) if isinstance(d, str) and d in DAYS]
    words = [await form_text(request, "time"), await form_text(request, "zone"), *days]
    when = " ".join(w for w in words if w)
    call = CommandCall(ctx, "roots-config", sub=KINDS[kind], values={"when": when})
    return await run_on_channel(request, session, community, call, await chosen_channel(request))


@admin_route
async def switch(
    request: web.Request, session: WebSession, community: CommunityView
) -> web.StreamResponse:
    """Pause (``off``) or resume (``on``) a schedule."""
    kind, state = request.match_info["kind"], request.match_info["state"]
    ctx = await context(request, session, community)
    call = CommandCall(ctx, "roots-config", sub=KINDS[kind], values={"when": state})
    return await run_on_channel(
        request, session, community, call, await form_text(request, "channel")
    )


@admin_route
async def suggestion(
    request: web.Request, session: WebSession, community: CommunityView
) -> web.StreamResponse:
    """Approve or reject a suggested prompt, remove a custom one: ``/prompt <decision> N``."""
    ctx = await context(request, session, community)
    number = int(request.match_info["number"][:12])
    call = CommandCall(ctx, "prompt", sub=request.match_info["decision"], values={"number": number})
    return await run(request, session, community, call)


@admin_route
async def theme(
    request: web.Request, session: WebSession, community: CommunityView
) -> web.StreamResponse:
    """Leave a prompt theme out of the rotation, or take it back: ``/roots-config themes
    exclude|include <theme>``."""
    ctx = await context(request, session, community)
    values: dict[str, Value] = {
        "action": request.match_info["action"],
        "theme": request.match_info["theme"][:40],
    }
    return await run(
        request, session, community, CommandCall(ctx, "roots-config", sub="themes", values=values)
    )


@admin_route
async def post_now(
    request: web.Request, session: WebSession, community: CommunityView
) -> web.StreamResponse:
    """``/prompt now #channel``: post a prompt in the schedule's channel now."""
    ctx = await context(request, session, community)
    call = CommandCall(ctx, "prompt", sub="now")
    return await run_on_channel(
        request, session, community, call, await form_text(request, "channel")
    )


@admin_route
async def add_prompt(
    request: web.Request, session: WebSession, community: CommunityView
) -> web.StreamResponse:
    ctx = await context(request, session, community)
    call = CommandCall(ctx, "prompt", sub="add", values={"text": await form_text(request, "text")})
    return await run(request, session, community, call)


@admin_route
async def challenge(
    request: web.Request, session: WebSession, community: CommunityView
) -> web.StreamResponse:
    """``/challenge start #channel [date]``; on the web the channel is always named (chat
    would take the channel it was typed in)."""
    ctx = await context(request, session, community)
    start = await form_text(request, "start")
    values: dict[str, Value] = {"start": start} if start else {}
    call = CommandCall(ctx, "challenge", sub="start", values=values)
    return await run_on_channel(request, session, community, call, await chosen_channel(request))


@admin_route
async def revoke(
    request: web.Request, session: WebSession, community: CommunityView
) -> web.StreamResponse:
    """``/kudos revoke <number>``, the number as typed (checked as chat checks it)."""
    ctx = await context(request, session, community)
    number = await form_text(request, "number")
    call = CommandCall(ctx, "kudos", args=("revoke", number))
    return await run(request, session, community, call)


@admin_route
async def goal_remove(
    request: web.Request, session: WebSession, community: CommunityView
) -> web.StreamResponse:
    """``/goal remove @member``, the member by name (checked as chat checks it)."""
    ctx = await context(request, session, community)
    name = (await form_text(request, "member")).removeprefix("@")[:200]
    call = CommandCall(ctx, "goal", args=("remove", f"@{name}"))
    return await run(request, session, community, call)


@admin_route
async def forget_preview(
    request: web.Request, session: WebSession, community: CommunityView
) -> web.StreamResponse:
    """Step one: what ``/roots-admin forget @name`` (without confirm) says would be
    erased, and a button to go ahead."""
    name = request.query.get("member", "").strip().removeprefix("@")[:200]
    ctx = await context(request, session, community)
    replies = await admin_of(request).run(
        CommandCall(ctx, "roots-admin", args=("forget", f"@{name}"), source=WEB_SOURCE)
    )
    ok, shown = said(replies)
    member = await admin_of(request).member_named(community.id, name) if ok else None
    values = await header_values(request, session, community, "admin")
    return page(
        request,
        "admin_forget.html",
        locale=community.locale,
        status=200 if ok else 422,
        ok=ok,
        said=shown,
        member=member,
        base=base_path(community),
        **values,
    )


@admin_route
async def forget(
    request: web.Request, session: WebSession, community: CommunityView
) -> web.StreamResponse:
    """Step two: ``/roots-admin forget`` with confirm, for the member the preview named."""
    member_id = await form_text(request, "member")
    ctx = await context(request, session, community)
    name = await form_text(request, "name")
    call = CommandCall(
        ctx,
        "roots-admin",
        sub="forget",
        values={"member": Member(member_id, name or member_id), "confirm": True},
    )
    return await run(request, session, community, call)


@admin_route
async def export_json(
    request: web.Request, session: WebSession, community: CommunityView
) -> web.StreamResponse:
    document = await admin_of(request).export_json(community.id)
    return web.json_response(
        document,
        dumps=lambda value: json.dumps(value, ensure_ascii=False, indent=2),
        headers={"Content-Disposition": f'attachment; filename="{file_name(community)}.json"'},
    )


@admin_route
async def export_csv(
    request: web.Request, session: WebSession, community: CommunityView
) -> web.StreamResponse:
    body = await admin_of(request).export_csv(community.id)
    return web.Response(
        body=body,
        content_type="application/zip",
        headers={"Content-Disposition": f'attachment; filename="{file_name(community)}.zip"'},
    )


def file_name(community: CommunityView) -> str:
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in community.id)[:60]
    return f"roots-export-{safe}"


def add_admin_routes(app: web.Application, admin: AdminActions) -> None:
    """The Admin page and its forms, on the core (``create_app(admin=…)``)."""
    app[ADMIN] = admin
    base = "/c/{community}/admin"
    app.router.add_get(base, admin_home)
    app.router.add_post(base + "/setting/{name}", setting)
    app.router.add_post(base + "/schedule", schedule)
    app.router.add_post(base + "/schedule/{kind:prompt|digest}", schedule)
    app.router.add_post(base + "/schedule/{kind:prompt|digest}/{state:on|off}", switch)
    app.router.add_post(
        base + "/prompt/{number:[0-9]{1,12}}/{decision:approve|reject|remove}", suggestion
    )
    app.router.add_post(base + "/prompt", add_prompt)
    app.router.add_post(base + "/prompt/now", post_now)
    app.router.add_post(base + "/theme/{theme}/{action:exclude|include}", theme)
    app.router.add_post(base + "/challenge", challenge)
    app.router.add_post(base + "/revoke", revoke)
    app.router.add_post(base + "/goal/remove", goal_remove)
    app.router.add_get(base + "/forget", forget_preview)
    app.router.add_post(base + "/forget", forget)
    app.router.add_get(base + "/export.json", export_json)
    app.router.add_get(base + "/export.zip", export_csv)
