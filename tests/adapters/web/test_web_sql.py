"""The dashboard on the real core and database, both backends (issue #14): every page and
form through aiohttp's test client, signed in by links /roots web minted.

No session -> the sign-in page; used, expired and forged links; member vs admin (403, and
the admin re-check after 10 minutes); community A vs B (404); CSRF; hostile names and
reasons escaped; the forms go through the core's services (the same rules and messages
as chat, visible in chat at once).
"""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer
from aiohttp.web import Application, Request
from markupsafe import escape

from adapters.web import RateLimiter, create_app
from adapters.web.actions import CoreActions
from adapters.web.data import StoreData, since_recent
from bot import demo
from bot.charts import last_weeks
from bot.clock import ManualClock
from bot.config import Settings
from bot.demo import Place, seed_demo
from bot.messages import text
from bot.periods import local_date
from bot.services.member_summary import tally
from bot.storage.records import Tally
from bot.types import Member, plain_text
from bot.wiring import Core, running_core
from tests.adapters.web.conftest import (
    HOSTILE,
    database_url,
    hidden_fields,
    login_path,
    sign_in_by_link,
)
from tests.fakes import COMMUNITY, START, ask, configure, member, say, thank
from tests.fakes import en as chat_en

OTHER = "T-other"
PLACE = Place("console", "console", "general")


def en(key: str, **values: object) -> str:
    """The catalog's English as an HTML page shows it (escaped)."""
    return str(escape(chat_en(key, **values)))


@dataclass
class Site:
    core: Core
    client: TestClient[Request, Application]
    clock: ManualClock

    async def link(
        self, who: str = "alice", *, admin: bool = False, community: str = COMMUNITY
    ) -> str:
        return await login_path(self.core, who, admin=admin, community=community)

    async def sign_in(
        self, who: str = "alice", *, admin: bool = False, community: str = COMMUNITY
    ) -> None:
        await sign_in_by_link(self.core, self.client, who, admin=admin, community=community)

    async def html(self, path: str) -> str:
        resp = await self.client.get(path)
        assert resp.status == 200, (path, resp.status)
        return await resp.text()

    async def csrf(self) -> str:
        return hidden_fields(await self.html(f"/c/{COMMUNITY}/roots"))["csrf"]


@pytest.fixture(params=["sqlite", "postgres"])
async def site(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Site]:
    url = database_url(request, tmp_path)
    clock = ManualClock(START)
    async with running_core(Settings(database_url=url), clock=clock) as core:
        assert core.web is not None
        app = create_app(
            login=core.web,
            data=StoreData(core.store),
            clock=clock,
            limiter=RateLimiter(clock, limit=1000),
            actions=CoreActions(core),
        )
        client = TestClient(TestServer(app))
        await client.start_server()
        try:
            yield Site(core, client, clock)
        finally:
            await client.close()


PAGES = ("roots", "community", "leaderboards", "admin", "me.json", "thank/U-bob")


# ---------------------------------------------------------------- signing in


async def test_without_a_session_every_page_leads_to_the_sign_in_page(site: Site) -> None:
    for name in PAGES:
        resp = await site.client.get(f"/c/{COMMUNITY}/{name}", allow_redirects=False)
        assert (resp.status, resp.headers["Location"]) == (303, "/"), name
    assert "Sign in to Roots" in await site.html("/")


async def test_used_expired_and_forged_links_get_the_clear_page(site: Site) -> None:
    used = await site.link()
    resp = await site.client.get(used)
    await site.client.post("/login", data=hidden_fields(await resp.text()))
    late = await site.link("bob")
    site.clock.advance(timedelta(minutes=10))
    for path in (used, late, "/login/" + "A" * 43):
        resp = await site.client.get(path)
        assert resp.status == 410, path
        assert "type /roots web in your community&#39;s chat" in await resp.text()


async def test_a_session_shows_the_members_roots_from_the_database(site: Site) -> None:
    await thank(site.core, "bob", "alice", reason="fixed the build")
    await thank(site.core, "carol", "alice", reason="great review")
    await thank(site.core, "alice", "carol", reason="coffee")
    await site.sign_in("alice")
    html = await site.html(f"/c/{COMMUNITY}/roots")
    assert "The roots of alice" in html
    assert "fixed the build" in html and "great review" in html and "coffee" in html
    assert 'href="/c/T-roots/thank/U-bob"' in html  # a thank-back button per person
    assert en("web.roots.not_yet") in html and en("web.roots.thanked_back") in html
    assert en("roots.streak_days", count=1) in html


async def test_my_roots_shows_the_minutes_given_to_others_goals(site: Site) -> None:
    await ask(site.core, "goal", "set", "ship the French docs", actor="bob")
    helped = await ask(
        site.core, "goal", "help", member("bob"), "30", "proofreading", actor="alice"
    )
    assert not helped.is_error, helped.as_text()
    await site.sign_in("alice")
    html = await site.html(f"/c/{COMMUNITY}/roots")
    assert en("roots.goal_time") in html
    assert en("roots.goal_minutes", week=30, total=30) in html


# ---------------------------------------------------------------- boundaries


async def test_another_communitys_pages_answer_404(site: Site) -> None:
    await ask(site.core, "roots", "web", actor="yan", community=OTHER)
    await site.sign_in("alice")
    for name in PAGES:
        resp = await site.client.get(f"/c/{OTHER}/{name}", allow_redirects=False)
        assert resp.status == 404, name
    csrf = await site.csrf()
    for path in (f"/c/{OTHER}/optout", f"/c/{OTHER}/thank/U-yan"):
        resp = await site.client.post(path, data={"csrf": csrf, "reason": "x"})
        assert resp.status == 404, path
    record = await site.core.store.get_member(OTHER, "U-alice")
    assert record is None  # nothing happened there


async def test_a_member_gets_403_on_admin_pages_and_an_admin_gets_them(site: Site) -> None:
    await site.sign_in("alice")
    resp = await site.client.get(f"/c/{COMMUNITY}/admin")
    assert resp.status == 403
    assert en("web.admin.only") in await resp.text()
    assert 'href="/c/T-roots/admin"' not in await site.html(f"/c/{COMMUNITY}/roots")

    site.client.session.cookie_jar.clear()
    await site.sign_in("root", admin=True)
    html = await site.html(f"/c/{COMMUNITY}/admin")
    assert 'href="/c/T-roots/admin" aria-current="page"' in html


async def test_admin_rights_are_asked_again_after_ten_minutes(site: Site) -> None:
    asked: list[tuple[str, str]] = []
    answer: list[bool | None] = [True]

    async def platform(community_id: str, member_id: str) -> bool | None:
        asked.append((community_id, member_id))
        return answer[0]

    await site.sign_in("root", admin=True)
    admin = f"/c/{COMMUNITY}/admin"
    site.clock.advance(timedelta(minutes=9))
    assert (await site.client.get(admin)).status == 200 and asked == []  # young: not asked

    site.clock.advance(timedelta(minutes=2))
    assert (await site.client.get(admin)).status == 403  # no way to ask: no
    assert site.core.web is not None
    site.core.web.admin_checks["test"] = platform
    assert (await site.client.get(admin)).status == 200
    assert asked == [(COMMUNITY, "U-root")]
    answer[0] = False  # demoted on the platform
    site.clock.advance(timedelta(minutes=2))
    assert (await site.client.get(admin)).status == 403
    answer[0] = None  # the platform can't say
    site.clock.advance(timedelta(minutes=2))
    assert (await site.client.get(admin)).status == 403
    assert (await site.client.get(f"/c/{COMMUNITY}/roots")).status == 200  # still a member


# ---------------------------------------------------------------- forms


async def test_thank_back_goes_through_the_kudos_rules_and_shows_in_chat(site: Site) -> None:
    await thank(site.core, "bob", "alice", reason="fixed the build")
    await site.sign_in("alice")
    form = await site.html(f"/c/{COMMUNITY}/thank/U-bob")
    assert en("web.thank.title", name="bob") in form
    fields = hidden_fields(form)

    resp = await site.client.post(f"/c/{COMMUNITY}/thank/U-bob", data={**fields, "reason": ""})
    assert resp.status == 422
    assert en("kudos.reason_required") in await resp.text()

    resp = await site.client.post(
        f"/c/{COMMUNITY}/thank/U-bob", data={**fields, "reason": "the build fix"}
    )
    assert resp.status == 200
    assert en("kudos.given", giver="@alice", receivers="@bob") in await resp.text()
    roots = await ask(site.core, "roots", actor="alice")  # seen in chat at once
    assert plain_text(tally("en", Tally(received=1, given=1))) in roots.as_text()
    board = await ask(site.core, "leaderboard", actor="bob")
    assert "alice" in board.as_text()

    again = await site.client.post(
        f"/c/{COMMUNITY}/thank/U-bob", data={**fields, "reason": "again"}
    )
    assert again.status == 422  # the cooldown, as /kudos says it
    assert en("kudos.cooldown", name="@bob", count=60) in await again.text()


async def test_thanking_oneself_or_a_stranger_is_refused_politely(site: Site) -> None:
    await site.sign_in("alice")
    assert (await site.client.get(f"/c/{COMMUNITY}/thank/U-alice")).status == 404
    assert (await site.client.get(f"/c/{COMMUNITY}/thank/U-nobody")).status == 404
    csrf = await site.csrf()
    resp = await site.client.post(
        f"/c/{COMMUNITY}/thank/U-nobody", data={"csrf": csrf, "reason": "hi"}
    )
    assert resp.status == 422 and en("web.thank.unknown") in await resp.text()
    resp = await site.client.post(
        f"/c/{COMMUNITY}/thank/U-alice", data={"csrf": csrf, "reason": "me"}
    )
    assert resp.status == 422 and en("kudos.self") in await resp.text()
    assert await site.core.store.count_active_kudos(COMMUNITY) == 0


async def test_forms_without_their_csrf_token_change_nothing(site: Site) -> None:
    await thank(site.core, "bob", "alice")
    await site.sign_in("alice")
    for path, data in (
        (f"/c/{COMMUNITY}/thank/U-bob", {"reason": "sneaky"}),
        (f"/c/{COMMUNITY}/optout", {}),
        (f"/c/{COMMUNITY}/optout", {"csrf": "forged"}),
    ):
        resp = await site.client.post(path, data=data)
        assert resp.status == 403, path
    assert await site.core.store.count_active_kudos(COMMUNITY) == 1
    record = await site.core.store.get_member(COMMUNITY, "U-alice")
    assert record is not None and not record.opted_out


async def test_opting_out_and_in_on_the_web_is_what_chat_sees(site: Site) -> None:
    await thank(site.core, "bob", "alice")
    await site.sign_in("alice")
    csrf = await site.csrf()
    resp = await site.client.post(f"/c/{COMMUNITY}/optout", data={"csrf": csrf})
    assert resp.status == 200 and en("roots.optout_done") in await resp.text()
    refused = await ask(site.core, "kudos", member("alice"), "thanks", actor="bob")
    assert refused.as_text() == chat_en("kudos.opted_out", name="@alice")
    html = await site.html(f"/c/{COMMUNITY}/roots")
    assert f'action="/c/{COMMUNITY}/optin"' in html

    await say(site.core, "roots", "optin", actor="alice")  # back in, from chat
    assert f'action="/c/{COMMUNITY}/optout"' in await site.html(f"/c/{COMMUNITY}/roots")


async def test_my_data_downloads_as_json_with_only_my_kudos(site: Site) -> None:
    await thank(site.core, "bob", "alice", reason="fixed the build")
    await thank(site.core, "alice", "carol", reason="coffee")
    await thank(site.core, "bob", "carol", reason="not alice's business")
    await site.sign_in("alice")
    resp = await site.client.get(f"/c/{COMMUNITY}/me.json")
    assert resp.status == 200 and resp.content_type == "application/json"
    assert resp.headers["Content-Disposition"] == 'attachment; filename="roots-U-alice.json"'
    assert resp.headers["Cache-Control"] == "no-store"
    found = json.loads(await resp.text())
    assert found["member"] == {
        "id": "U-alice",
        "name": "alice",
        "opted_out": False,
        "language": "auto",
    }
    assert found["totals"] == {"given": 1, "received": 1}
    assert [k["reason"] for k in found["received"]] == ["fixed the build"]
    assert [(k["to"], k["reason"]) for k in found["given"]] == [("U-carol", "coffee")]
    assert "not alice's business" not in await resp.text()


async def test_the_dashboard_speaks_the_language_the_member_chose(site: Site) -> None:
    """Issue 18: the dashboard is the member's alone: in the language they chose with
    /roots language (the community's on auto); their export says the choice."""
    await thank(site.core, "bob", "alice", reason="fixed the build")
    await ask(site.core, "roots", "language", "de", actor="alice")
    await site.sign_in("alice")
    for name in ("roots", "community", "leaderboards"):
        assert '<html lang="de">' in await site.html(f"/c/{COMMUNITY}/{name}"), name
    found = json.loads(await site.html(f"/c/{COMMUNITY}/me.json"))
    assert found["member"]["language"] == "de"

    await site.sign_in("bob")  # bob chose nothing: the community's English
    assert '<html lang="en">' in await site.html(f"/c/{COMMUNITY}/roots")


async def test_on_auto_the_dashboard_follows_the_browsers_language(site: Site) -> None:
    """A member on /roots language auto reads their pages in their browser's language
    when Roots speaks it (as chat follows their app's), else the community's; a language
    they chose wins over the browser's."""
    await thank(site.core, "bob", "alice", reason="fixed the build")
    page = f"/c/{COMMUNITY}/roots"

    async def lang(accept: str) -> str:
        html = await (await site.client.get(page, headers={"Accept-Language": accept})).text()
        found = re.search(r'<html lang="([^"]+)"', html)
        assert found is not None
        return found[1]

    await site.sign_in("bob")
    assert await lang("es-MX,es;q=0.9,en;q=0.5") == "es"
    assert await lang("ja,pt-BR;q=0.8") == "en"  # none Roots speaks: the community's
    await ask(site.core, "roots", "language", "de", actor="bob")
    assert await lang("es-MX,es;q=0.9") == "de"


# ---------------------------------------------------------------- leaderboards, community


async def test_leaderboards_show_the_viewers_rank_and_hide_when_off(site: Site) -> None:
    for giver in ("bob", "carol", "dan"):
        await thank(site.core, giver, "erin")
    await thank(site.core, "bob", "alice")
    await site.sign_in("alice")
    html = await site.html(f"/c/{COMMUNITY}/leaderboards?period=all")
    assert '<th scope="row">erin</th><td>3</td>' in html
    assert f'<th scope="row">alice ({en("web.boards.you")})</th>' in html
    assert 'aria-current="page">' + en("web.boards.all") in html
    assert (await site.client.get(f"/c/{COMMUNITY}/leaderboards?period=%3Cx%3E")).status == 200

    await configure(site.core, "leaderboard", "off")
    resp = await site.client.get(f"/c/{COMMUNITY}/leaderboards")
    assert resp.status == 404
    assert "/leaderboards" not in await site.html(f"/c/{COMMUNITY}/roots")


async def test_the_community_page_shows_charts_and_health_from_the_database(site: Site) -> None:
    await thank(site.core, "bob", "alice")
    await thank(site.core, "alice", "bob")
    await site.sign_in("alice")
    html = await site.html(f"/c/{COMMUNITY}/community")
    assert en("web.health.title") in html
    assert en("web.percent", value=100) in html  # both active members gave this month
    assert en("web.health.unknown") in html  # nothing 30 to 120 days old yet
    assert '<th scope="row">03/23/2026</th><td>2</td>' in html  # kudos this week


# ---------------------------------------------------------------- escaping


async def test_hostile_names_and_reasons_are_escaped(site: Site) -> None:
    await thank(site.core, "villain", "alice", reason=HOSTILE)
    # the platform renamed them since: the name the pages read is the hostile one
    await site.core.store.upsert_members(COMMUNITY, [Member("U-villain", HOSTILE)])
    await site.sign_in("alice")
    for path in (f"/c/{COMMUNITY}/roots", f"/c/{COMMUNITY}/leaderboards?period=all"):
        html = await site.html(path)
        assert "<script>" not in html and "<img src=x" not in html, path
        assert "&lt;script&gt;" in html, path


# ---------------------------------------------------------------- the demo community


async def test_the_demo_community_as_the_dashboard_reads_it(site: Site) -> None:
    core = site.core
    summary = await seed_demo(core, PLACE)
    assert summary.problems == []
    data = StoreData(core.store)
    community = await data.community("console")
    assert community is not None and community.timezone == demo.TIMEZONE
    now = core.clock.now()
    today = local_date(now, community.timezone)

    # Community: eight weeks of kudos and givers, then nothing before them.
    weeks = last_weeks(today)
    figures = await data.weekly_figures("console", weeks)
    kudos = dict(figures["kudos"])
    assert sorted(kudos) == weeks[-demo.WEEKS :]
    assert all(n > 0 for n in kudos.values())
    assert sum(dict(figures["connections"]).values()) > 0
    assert sum(dict(figures["checkins"]).values()) > 0
    assert figures == await data.weekly_figures("console", weeks)  # kept, the same

    # My roots: the demo's friend helped maya and was not thanked back.
    people = await data.people("console", demo.VIEWER, None)
    friend = next(p for p in people if p.name == demo.FRIEND)
    assert not friend.thanked_back
    assert all(p.name != demo.OPTED_OUT for p in people)  # opted out: never listed
    recent = await data.people("console", demo.VIEWER, since_recent(now))
    assert {p.name for p in recent} <= {p.name for p in people}
    received, more = await data.thanks("console", demo.VIEWER, True, 0)
    assert received and all(k.reason for k in received)
    assert [k.at for k in received] == sorted((k.at for k in received), reverse=True)
    if more:  # the next page goes on where this one stopped
        older, _ = await data.thanks("console", demo.VIEWER, True, 1)
        assert older and older[0].at <= received[-1].at
        assert {k.kudos_id for k in older}.isdisjoint(k.kudos_id for k in received)
    health = await data.health(community, now, today)
    assert health.givers_share is not None and 0 < health.givers_share <= 1
    assert health.concentration is not None and 0 < health.concentration < 1

    # Leaderboards: the week's givers, with ranks from 1.
    boards = await data.boards(community, demo.VIEWER, "all", today)
    assert [b.role for b in boards] == ["givers", "receivers"]
    assert boards[0].top and boards[0].top[0].rank == 1
    assert all(s.name != demo.OPTED_OUT for b in boards for s in b.top)
    # A week later nothing new: the current week is empty, the kept weeks unchanged.
    assert isinstance(core.clock, ManualClock)
    core.clock.advance(timedelta(days=7))
    later = local_date(core.clock.now(), community.timezone)
    moved = dict((await data.weekly_figures("console", last_weeks(later)))["kudos"])
    assert {w: n for w, n in moved.items() if w in kudos} == kudos


# ---------------------------------------------------------------- tone (issue 18)


async def test_the_dashboard_speaks_in_the_community_s_tone(site: Site) -> None:
    """A German community that chose "Sie": the pages say Sie, the admin table shows the
    tone, and <html lang> stays the language ("de", never "de@formal")."""
    await configure(site.core, "locale", "de")
    await site.sign_in("root", admin=True)
    informal = await site.html(f"/c/{COMMUNITY}/roots")
    assert str(escape(text("de", "web.roots.none_given"))) in informal

    await configure(site.core, "formality", "formal")

    page = await site.html(f"/c/{COMMUNITY}/roots")
    assert str(escape(text("de@formal", "web.roots.none_given"))) in page
    assert "Sie haben sich noch bei niemandem bedankt" in page
    assert '<html lang="de">' in page
    admin = await site.html(f"/c/{COMMUNITY}/admin")
    assert str(escape(text("de", "formality.formal"))) in admin
    assert "<td>de</td>" in admin
