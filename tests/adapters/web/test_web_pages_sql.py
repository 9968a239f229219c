"""The dashboard's Prompts page and wallboard on the real core and database, both
backends (issue #14), through aiohttp's test client; and the community's name.

The Prompts page: each channel's next posts in the schedule's own zone, this week's
prompts and their check-ins, and a suggestion form that goes through the core exactly as
``/prompt suggest`` does (its refusals are chat's, word for word, and change nothing).
The wallboard: off by default, on at an unguessable URL minted by ``/roots-config
wallboard on`` (no session needed), never an opted-out member, 404 once revoked.
"""

from __future__ import annotations

import html
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass, replace
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from aiohttp.test_utils import TestClient, TestServer
from aiohttp.web import Application, Request
from markupsafe import escape

from adapters.web import RateLimiter, create_app
from adapters.web.actions import CoreActions
from adapters.web.data import StoreData
from adapters.web.prompts_data import CorePrompts
from bot.charts import last_weeks
from bot.clock import ManualClock
from bot.config import Settings
from bot.messages import text
from bot.periods import local_date
from bot.services.prompts import MAX_PROMPT
from bot.types import Member, Team, Tone, Visibility
from bot.weblogin import hash_secret
from bot.wiring import Core, running_core
from tests.adapters.web.conftest import HOSTILE, database_url, hidden_fields, sign_in_by_link
from tests.fakes import (
    COMMUNITY,
    START,
    RecordingDelivery,
    admin,
    ask,
    call,
    configure,
    field_map,
    member,
    say,
    thank,
    utc,
)
from tests.fakes import en as chat_en

OTHER = "T-other"
PROMPTS = f"/c/{COMMUNITY}/prompts"


def en(key: str, **values: object) -> str:
    """The catalog's English as an HTML page shows it (escaped)."""
    return str(escape(chat_en(key, **values)))


@dataclass
class Site:
    core: Core
    client: TestClient[Request, Application]
    clock: ManualClock

    async def sign_in(self, who: str = "alice", *, admin: bool = False) -> None:
        await sign_in_by_link(self.core, self.client, who, admin=admin)

    async def html(self, path: str) -> str:
        resp = await self.client.get(path)
        assert resp.status == 200, (path, resp.status)
        return await resp.text()

    async def suggest(self, words: str, *, csrf: bool = True) -> tuple[int, str]:
        data = {"text": words}
        if csrf:
            data["csrf"] = hidden_fields(await self.html(PROMPTS))["csrf"]
        resp = await self.client.post(PROMPTS, data=data)
        return resp.status, await resp.text()

    async def wallboard_url(self, switch: str = "on") -> str:
        reply = await admin(self.core, "roots-config", "wallboard", switch)
        assert reply.tone is Tone.SUCCESS and reply.visibility is Visibility.EPHEMERAL
        found = re.search(r"http://\S+/wall/\S+", reply.as_text())
        assert found is not None, reply.as_text()
        return urlsplit(found.group(0)).path


@pytest.fixture(params=["sqlite", "postgres"])
async def site(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Site]:
    url = database_url(request, tmp_path)
    clock = ManualClock(START)
    async with running_core(Settings(database_url=url), clock=clock) as core:
        assert core.web is not None and core.wallboards is not None
        core.attach_delivery(RecordingDelivery(clock))
        app = create_app(
            login=core.web,
            data=StoreData(core.store),
            clock=clock,
            limiter=RateLimiter(clock, limit=1000),
            actions=CoreActions(core),
            prompts=CorePrompts(core),
            wallboards=core.wallboards,
        )
        client = TestClient(TestServer(app))
        await client.start_server()
        try:
            yield Site(core, client, clock)
        finally:
            await client.close()


async def custom(core: Core) -> list[tuple[str, str, str]]:
    """Every custom prompt of the community, whatever its status, oldest first."""
    found = [
        p
        for status in ("pending", "active", "rejected", "removed")
        for p in await core.store.custom_prompts(COMMUNITY, status)
    ]
    return [(p.text, p.status, p.author_id) for p in sorted(found, key=lambda p: p.custom_id)]


# ---------------------------------------------------------------- the Prompts page


async def test_without_a_session_the_prompts_page_leads_to_sign_in(site: Site) -> None:
    resp = await site.client.get(PROMPTS, allow_redirects=False)
    assert (resp.status, resp.headers["Location"]) == (303, "/")
    resp = await site.client.post(PROMPTS, data={"text": "x"}, allow_redirects=False)
    assert resp.status in (303, 403)
    assert await custom(site.core) == []


async def test_another_communitys_prompts_page_answers_404(site: Site) -> None:
    await ask(site.core, "roots", "web", actor="yan", community=OTHER)
    await site.sign_in("alice")
    assert (await site.client.get(f"/c/{OTHER}/prompts")).status == 404
    csrf = hidden_fields(await site.html(PROMPTS))["csrf"]
    resp = await site.client.post(f"/c/{OTHER}/prompts", data={"csrf": csrf, "text": "Hello"})
    assert resp.status == 404
    assert await custom(site.core) == []


async def test_the_page_shows_each_channels_next_posts_in_its_own_zone(site: Site) -> None:
    await admin(site.core, "roots-config", "prompts", "#C-general", "09:00", "Europe/Paris")
    await admin(site.core, "roots-config", "prompts", "#C-night", "22:30", "America/New_York")
    await admin(site.core, "roots-config", "prompts", "#C-night", "off")
    await site.sign_in("alice")
    page = await site.html(PROMPTS)
    assert f'href="{PROMPTS}" aria-current="page"' in page  # linked in the nav
    # Paris moves to summer time on Sunday 29 March: still 09:00 there
    for day in ("Thursday, March 26", "Friday, March 27", "Saturday, March 28"):
        assert en("web.when", day=day, time="9:00\u202fAM", zone="Europe/Paris") in page
    assert en("web.prompts.channel", channel="C-night") in page
    assert en("web.prompts.off") in page
    preview = await ask(site.core, "prompt", "next", "#C-general", actor="alice")
    assert str(escape(preview.as_text().splitlines()[1])) in page  # the next prompt

    await configure(site.core, "locale", "fr")
    page = await site.html(PROMPTS)
    assert "dimanche 29 mars à 09:00 (Europe/Paris)" not in page  # only three, from Thursday
    assert "jeudi 26 mars à 09:00 (Europe/Paris)" in page
    assert text("fr", "web.nav.prompts") in html.unescape(page)


async def test_this_weeks_prompts_show_with_their_check_ins(site: Site) -> None:
    await admin(site.core, "roots-config", "prompts", "#C-general", "09:00", "UTC")
    await site.core.scheduler.advance_to(utc(2026, 3, 26, 10))
    delivery = site.core.scheduler.delivery
    assert isinstance(delivery, RecordingDelivery)
    (post,) = delivery.sent
    done = await say(site.core, "done", actor="bob")
    assert done and done[0].tone is not Tone.ERROR, done
    await site.sign_in("alice")
    page = await site.html(PROMPTS)
    assert '<th scope="row">2026-03-26</th>' in page
    assert en("web.prompts.checkins", count=1) in page
    assert str(escape(post.reply.as_text().splitlines()[1])) in page  # the prompt's text


async def test_a_suggestion_from_the_web_joins_the_queue_chat_decides_from(site: Site) -> None:
    await site.sign_in("bob")
    status, page = await site.suggest("  Thank a   maintainer ")
    assert status == 200
    assert en("prompt.suggested", id=1) in page
    assert await custom(site.core) == [("Thank a maintainer", "pending", "U-bob")]
    queue = await admin(site.core, "prompt", "queue")
    assert chat_en("prompt.list_line", id=1, text="Thank a maintainer", author="@bob") in (
        queue.as_text()
    )


@pytest.mark.parametrize(
    "words",
    [
        "   ",  # nothing
        "x" * (MAX_PROMPT + 1),  # too long
        "Thank a maintainer",  # already suggested
        HOSTILE * 10,  # too long, and hostile
    ],
)
async def test_refused_suggestions_say_what_chat_says_and_change_nothing(
    site: Site, words: str
) -> None:
    await ask(site.core, "prompt", "suggest", "Thank", "a", "maintainer", actor="carol")
    before = await custom(site.core)
    chat = await ask(site.core, "prompt", "suggest", *words.split(), actor="bob")
    assert chat.tone is Tone.ERROR
    await site.sign_in("bob")
    status, page = await site.suggest(words)
    assert status == 422
    assert str(escape(chat.as_text())) in page  # word for word
    assert await custom(site.core) == before
    assert "<script>" not in page and "&lt;script&gt;" in page if "<" in words else True


async def test_the_pending_limit_is_chats(site: Site) -> None:
    await site.sign_in("bob")
    for n in range(3):
        status, _ = await site.suggest(f"Idea number {n}")
        assert status == 200
    status, page = await site.suggest("One more idea")
    chat = await ask(site.core, "prompt", "suggest", "Another", "idea", actor="bob")
    assert status == 422 and str(escape(chat.as_text())) in page
    assert len(await custom(site.core)) == 3


async def test_a_suggestion_without_its_csrf_token_changes_nothing(site: Site) -> None:
    await site.sign_in("bob")
    status, _ = await site.suggest("Thank a maintainer", csrf=False)
    assert status == 403
    assert await custom(site.core) == []


# ---------------------------------------------------------------- the wallboard


async def test_the_wallboard_is_off_by_default_and_for_admins_only(site: Site) -> None:
    refused = await ask(site.core, "roots-config", "wallboard", "on", actor="alice")
    assert refused.tone is Tone.ERROR and refused.as_text() == chat_en("error.admin_only")
    off = await admin(site.core, "roots-config", "wallboard", "off")
    assert off.as_text() == chat_en("wallboard.was_off")
    usage = await admin(site.core, "roots-config", "wallboard", "maybe")
    assert usage.as_text() == chat_en("wallboard.usage")
    shown = field_map(await admin(site.core, "roots-config", "show"))
    assert shown[chat_en("config.name.wallboard")] == chat_en("off")
    await site.wallboard_url()
    shown = field_map(await admin(site.core, "roots-config", "show"))
    assert shown[chat_en("config.name.wallboard")] == chat_en("on")


async def test_the_wallboard_shows_the_week_without_a_session_and_no_opted_out(
    site: Site,
) -> None:
    await thank(site.core, "bob", "erin", reason="fixed the build")
    await thank(site.core, "carol", "erin")
    await thank(site.core, "dan", "quinn")
    await say(site.core, "roots", "optout", actor="quinn")
    await thank(site.core, "quinn", "bob")  # quinn still gives: never shown as a giver
    path = await site.wallboard_url()
    token = path.rsplit("/", 1)[1]
    assert len(token) >= 22  # at least 128 random bits, URL-safe
    store = site.core.store  # only its hash is kept
    assert await store.wallboard_community(hash_secret(token)) == COMMUNITY
    assert await store.wallboard_community(token) is None

    resp = await site.client.get(path)  # no cookie at all
    assert resp.status == 200
    page = await resp.text()
    assert '<th scope="row">erin</th><td>2</td>' in page
    assert "quinn" not in page
    assert '<meta http-equiv="refresh"' in page and "<script" not in page
    assert "chart-kudos" in page
    assert resp.headers["Content-Security-Policy"].startswith("default-src 'none'")
    assert resp.headers["X-Frame-Options"] == "DENY"
    assert resp.headers["Cache-Control"] == "no-store"

    await configure(site.core, "leaderboard", "off")  # no rankings: the chart only
    page = await site.html(path)
    assert "erin" not in page and "chart-kudos" in page


async def test_a_new_wallboard_link_kills_the_old_and_off_kills_it(site: Site) -> None:
    first = await site.wallboard_url()
    second = await site.wallboard_url()
    assert first != second
    gone = await site.client.get(first)
    assert gone.status == 404 and en("web.not_found") in await gone.text()
    assert (await site.client.get(second)).status == 200
    off = await admin(site.core, "roots-config", "wallboard", "off")
    assert off.as_text() == chat_en("wallboard.off")
    assert (await site.client.get(second)).status == 404
    assert (await site.client.get("/wall/" + "A" * 43)).status == 404
    assert (await site.client.get("/wall/" + "A" * 500)).status == 404


async def test_hostile_names_on_the_wallboard_are_escaped(site: Site) -> None:
    await thank(site.core, "bob", "alice")
    await site.core.store.upsert_members(COMMUNITY, [Member("U-alice", HOSTILE)])
    await site.core.store.name_community(COMMUNITY, HOSTILE)
    page = await site.html(await site.wallboard_url())
    assert "<script>" not in page and "<img src=x" not in page
    assert "&lt;script&gt;" in page


# ---------------------------------------------------------------- the community's name


async def test_the_header_names_the_community_once_its_name_is_known(site: Site) -> None:
    await site.sign_in("alice")
    assert f"Roots · {COMMUNITY}" in await site.html(f"/c/{COMMUNITY}/roots")
    await site.core.communities.name_community("test", COMMUNITY, "  Acme   Makers ")
    assert "Roots · Acme Makers" in await site.html(f"/c/{COMMUNITY}/roots")
    reply = await ask(site.core, "roots", "web", actor="bob")  # the sign-in page too
    found = re.search(r"http://\S+(/login/\S+)", reply.as_text())
    assert found is not None
    assert "Roots · Acme Makers" in await site.html(found.group(1))
    await site.core.communities.name_community("test", COMMUNITY, HOSTILE)
    page = await site.html(f"/c/{COMMUNITY}/community")
    assert "<script>" not in page and "&lt;script&gt;alert" in page
    # a server Roots just joined: its name is kept from the start
    await site.core.communities.name_community("test", "T-new", "New place")
    named = await site.core.store.find_community("T-new")
    assert named is not None and named.display_name == "New place"


# ---------------------------------------------------------------- the weekly charts


async def test_the_weekly_charts_count_team_kudos(site: Site) -> None:
    await thank(site.core, "bob", "alice")
    team = Team("S-design", "@design", (member("carol"), member("dan")))
    given = await site.core.router.command(
        replace(call("kudos", "great", "launch", actor="alice"), team=team)
    )
    assert given and given[0].tone is not Tone.ERROR, given
    data = StoreData(site.core.store)
    weeks = last_weeks(local_date(site.clock.now(), "UTC"))
    figures = await data.weekly_figures(COMMUNITY, weeks)
    assert dict(figures["kudos"])[weeks[-1]] == 3  # bob's, and one per member of @design
    assert dict(figures["givers"])[weeks[-1]] == 2
    site.clock.advance(timedelta(days=7))  # a finished week: counted once, kept
    later = last_weeks(local_date(site.clock.now(), "UTC"))
    for _ in range(2):
        kept = await data.weekly_figures(COMMUNITY, later)
        assert dict(kept["kudos"])[weeks[-1]] == 3
