"""The Admin page on the real core and database, both backends (issue #14, section 5).

Every form builds the command chat builds and runs it through the core's Router: a change
made on the web shows in chat at once, bad input gets chat's own message and changes
nothing. A member gets 403, another community's pages 404, a form without its CSRF token
403; hostile names and texts are escaped; CSV cells never become formulas; forgetting a
member shows what goes before anything is erased; settings changes, revocations and
erasures are in the audit log, from chat and from the web.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from aiohttp import ClientResponse
from aiohttp.test_utils import TestClient, TestServer
from aiohttp.web import Application, Request
from markupsafe import escape

from adapters.web import RateLimiter, create_app
from adapters.web.actions import CoreActions
from adapters.web.admin_actions import CoreAdmin
from adapters.web.data import StoreData
from bot.clock import ManualClock
from bot.config import Settings
from bot.storage.sql import SqlStore
from bot.types import Reply
from bot.wiring import Core, running_core
from tests.adapters.web.conftest import HOSTILE, database_url, hidden_fields, sign_in_by_link
from tests.fakes import COMMUNITY, START, context, member, say, thank
from tests.fakes import en as chat_en

ADMIN = f"/c/{COMMUNITY}/admin"
GENERAL = "C-general"


def shown(reply: Reply | list[Reply]) -> str:
    """A chat reply as the Admin page shows it (escaped)."""
    replies = reply if isinstance(reply, list) else [reply]
    return str(escape("\n".join(r.as_text() for r in replies)))


@dataclass
class Site:
    core: Core
    client: TestClient[Request, Application]
    clock: ManualClock

    async def sign_in(self, who: str = "root", *, admin: bool = True) -> None:
        await sign_in_by_link(self.core, self.client, who, admin=admin)

    async def html(self, path: str = ADMIN) -> str:
        resp = await self.client.get(path)
        assert resp.status == 200, (path, resp.status, await resp.text())
        return await resp.text()

    async def csrf(self) -> str:
        return hidden_fields(await self.html(f"/c/{COMMUNITY}/roots"))["csrf"]

    async def post(self, path: str, data: dict[str, str] | None = None) -> ClientResponse:
        """Send an Admin form; the answer is the redirect to the Admin page."""
        form = {"csrf": await self.csrf(), **(data or {})}
        resp = await self.client.post(ADMIN + path, data=form, allow_redirects=False)
        assert resp.status == 303, (path, resp.status, await resp.text())
        assert resp.headers["Location"] == f"{ADMIN}#notice"
        return resp

    async def notice(self, path: str, data: dict[str, str] | None = None) -> str:
        """Send a form, follow the redirect: the notice the Admin page shows."""
        await self.post(path, data)
        html = await self.html()
        found = re.search(r'<p class="said">(.*?)</p>', html, re.S)
        assert found is not None, html
        return found.group(1)


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
            admin=CoreAdmin(core),
        )
        client = TestClient(TestServer(app))
        await client.start_server()
        try:
            yield Site(core, client, clock)
        finally:
            await client.close()


async def chat(site: Site, name: str, *args: str) -> list[Reply]:
    """An admin's command in chat."""
    return await say(site.core, name, *args, actor="root", admin=True)


async def rows(site: Site, sql: str) -> list[tuple[object, ...]]:
    """What the database holds, on either backend."""
    store = site.core.store
    assert isinstance(store, SqlStore)  # both backends are
    found = await store.read(lambda tx: tx.rows(sql))
    return [tuple(r) for r in found]


async def settings_text(site: Site) -> str:
    return (await chat(site, "roots-config", "show"))[0].as_text()


# ---------------------------------------------------------------- who may

ROUTES_GET = ("", "/forget?member=bob", "/export.json", "/export.zip")
ROUTES_POST = (
    "/setting/budget",
    "/setting/season",
    "/schedule",
    "/schedule/prompt/off",
    "/prompt/1/approve",
    "/prompt",
    "/challenge",
    "/revoke",
    "/goal/remove",
    "/forget",
)


async def test_a_member_gets_403_on_every_admin_route_and_changes_nothing(site: Site) -> None:
    await thank(site.core, "bob", "alice")
    before = await settings_text(site)
    await site.sign_in("alice", admin=False)
    for path in ROUTES_GET:
        resp = await site.client.get(ADMIN + path)
        assert resp.status == 403, path
        assert str(escape(chat_en("web.admin.only"))) in await resp.text()
    token = await site.csrf()
    for path in ROUTES_POST:
        data = {"csrf": token, "value": "7", "number": "1", "member": "U-bob", "text": "x"}
        resp = await site.client.post(ADMIN + path, data=data, allow_redirects=False)
        assert resp.status == 403, path
    assert await settings_text(site) == before
    assert (await rows(site, "SELECT count(*) FROM kudos WHERE revoked_at IS NULL"))[0][0] == 1
    assert (await rows(site, "SELECT count(*) FROM audit_log"))[0][0] == 0


async def test_another_communitys_admin_pages_are_not_found(site: Site) -> None:
    await site.sign_in()
    token = await site.csrf()
    for path in ROUTES_GET:
        assert (await site.client.get(f"/c/T-other/admin{path}")).status == 404, path
    for path in ROUTES_POST:
        resp = await site.client.post(
            f"/c/T-other/admin{path}", data={"csrf": token, "value": "7"}, allow_redirects=False
        )
        assert resp.status == 404, path


async def test_a_form_without_its_csrf_token_is_refused(site: Site) -> None:
    await site.sign_in()
    before = await settings_text(site)
    for data in ({"value": "9"}, {"value": "9", "csrf": "forged"}):
        resp = await site.client.post(ADMIN + "/setting/budget", data=data)
        assert resp.status == 403
    assert await settings_text(site) == before
    assert (await rows(site, "SELECT count(*) FROM audit_log"))[0][0] == 0


# ---------------------------------------------------------------- settings


async def test_a_setting_changed_on_the_web_shows_in_chat_with_chats_message(site: Site) -> None:
    await site.sign_in()
    said = await site.notice("/setting/budget", {"value": "7"})
    assert said == str(escape(chat_en("config.updated", setting="budget", value="7")))
    assert "7" in (await chat(site, "roots-config", "show"))[0].as_text()
    assert (await site.core.communities.settings(context("root"))).daily_budget == 7
    html = await site.html()
    assert 'id="set-budget" name="value" value="7"' in html
    # the notice is shown once
    assert '<p class="said">' not in await site.html()


async def test_bad_input_gets_chats_own_message_and_changes_nothing(site: Site) -> None:
    await site.sign_in()
    for name, value in (("budget", "lots"), ("budget", "0"), ("timezone", "Mars/Olympus")):
        before = await settings_text(site)
        said = await site.notice(f"/setting/{name}", {"value": value})
        in_chat = await chat(site, "roots-config", name, value)
        assert in_chat[0].is_error
        assert said == shown(in_chat), (name, value)
        assert await settings_text(site) == before
    assert (await rows(site, "SELECT count(*) FROM audit_log"))[0][0] == 0


async def test_settings_changes_from_chat_and_web_are_in_the_audit_log(site: Site) -> None:
    await chat(site, "roots-config", "timezone", "Europe/Paris")  # in chat
    await site.sign_in()
    await site.notice("/setting/leaderboard", {"value": "off"})  # on the web
    await site.notice("/setting/cooldown", {"value": "-5"})  # refused: not recorded
    found = await rows(site, "SELECT actor_id, action, detail FROM audit_log ORDER BY audit_id")
    assert found == [
        ("U-root", "config.timezone", "Europe/Paris"),
        ("U-root", "config.leaderboard", "off"),
    ]
    html = await site.html()
    audit = html[html.index('id="audit"') :]
    assert str(escape(chat_en("web.admin.audit.config", setting="leaderboard"))) in audit
    assert "Europe/Paris" in audit and "root" in audit


# ---------------------------------------------------------------- schedules


async def test_schedules_are_edited_paused_and_resumed_as_in_chat(site: Site) -> None:
    await chat(site, "roots-config", "prompts", f"<#{GENERAL}>", "09:00")
    await site.sign_in()
    html = await site.html()
    assert f"#{GENERAL}" in html and "09:00" in html
    said = await site.notice(
        "/schedule/prompt",
        {"channel": GENERAL, "time": "10:30", "zone": "Europe/Paris", "days": "mon"},
    )
    assert "10:30" in said
    overview = (await chat(site, "roots-config", "prompts"))[0].as_text()
    assert "10:30" in overview and "Europe/Paris" in overview
    said = await site.notice("/schedule/prompt/off", {"channel": GENERAL})
    assert said == str(escape(chat_en("schedule.switched_off", channel=f"#{GENERAL}")))
    overview = (await chat(site, "roots-config", "prompts"))[0].as_text()
    assert chat_en("schedule.state_off") in overview
    await site.notice("/schedule/prompt/on", {"channel": GENERAL})
    assert "10:30" in (await chat(site, "roots-config", "prompts"))[0].as_text()
    actions = [r[0] for r in await rows(site, "SELECT action FROM audit_log")]
    assert actions.count("config.prompts") == 4  # chat's, then three from the web


async def test_a_bad_time_gets_chats_message_and_an_unknown_channel_is_refused(
    site: Site,
) -> None:
    await chat(site, "roots-config", "prompts", f"<#{GENERAL}>", "09:00")
    await site.sign_in()
    said = await site.notice("/schedule/prompt", {"channel": GENERAL, "time": "25:99"})
    assert said == shown(await chat(site, "roots-config", "prompts", f"<#{GENERAL}>", "25:99"))
    said = await site.notice(
        "/schedule", {"kind": "digest", "other_channel": "C-elsewhere", "time": "17:00"}
    )
    assert said == str(escape(chat_en("web.admin.channel_unchecked")))
    kinds = await rows(site, "SELECT kind, at_time FROM schedules ORDER BY schedule_id")
    assert kinds == [("prompt", "09:00")]


# ---------------------------------------------------------------- prompts


async def test_a_suggestion_approved_on_the_web_is_in_prompt_list(site: Site) -> None:
    await say(site.core, "prompt", "suggest", "Thank", "someone", "who", "helped", actor="bob")
    await say(site.core, "prompt", "suggest", HOSTILE, actor="bob")
    await site.sign_in()
    html = await site.html()
    assert HOSTILE not in html and str(escape(HOSTILE)) in html
    said = await site.notice("/prompt/1/approve")
    assert said == str(escape(chat_en("prompt.approved", id=1)))
    listing = (await chat(site, "prompt", "list"))[0].as_text()
    assert "Thank someone who helped" in listing
    said = await site.notice("/prompt/2/reject")
    assert said == str(escape(chat_en("prompt.rejected", id=2)))
    assert chat_en("prompt.queue_empty") in (await chat(site, "prompt", "queue"))[0].as_text()
    # a number that is not waiting: chat's message
    said = await site.notice("/prompt/2/approve")
    assert said == shown(await chat(site, "prompt", "approve", "2"))


async def test_custom_prompts_are_added_and_removed_as_in_chat(site: Site) -> None:
    await site.sign_in()
    said = await site.notice("/prompt", {"text": "Say thanks to a reviewer"})
    assert said == str(escape(chat_en("prompt.added", id=1)))
    assert "Say thanks to a reviewer" in (await chat(site, "prompt", "list"))[0].as_text()
    said = await site.notice("/prompt", {"text": "   "})
    assert said == shown(await chat(site, "prompt", "add"))  # chat's "what prompt?"
    said = await site.notice("/prompt", {"text": "x" * 300})
    assert said == shown(await chat(site, "prompt", "add", "x" * 300))
    said = await site.notice("/prompt/1/remove")
    assert said == str(escape(chat_en("prompt.removed", id=1)))
    assert chat_en("prompt.list_empty") in (await chat(site, "prompt", "list"))[0].as_text()


# ---------------------------------------------------------------- challenge, revoke


async def test_a_challenge_started_on_the_web_is_running_in_chat(site: Site) -> None:
    await chat(site, "roots-config", "prompts", f"<#{GENERAL}>", "09:00")
    await site.sign_in()
    said = await site.notice("/challenge", {"channel": ""})  # no channel: refused
    assert said == str(escape(chat_en("web.admin.channel_unchecked")))
    said = await site.notice("/challenge", {"channel": GENERAL, "start": "someday"})
    assert said == shown(await chat(site, "challenge", "start", f"<#{GENERAL}>", "someday"))
    said = await site.notice("/challenge", {"channel": GENERAL})
    assert "#C-general" in said
    status = (await say(site.core, "challenge", "status", actor="bob"))[0].as_text()
    assert status != chat_en("challenge.none")
    assert (await rows(site, "SELECT count(*) FROM challenges"))[0][0] == 1


async def test_a_kudos_revoked_on_the_web_is_gone_in_chat_and_in_the_audit_log(
    site: Site,
) -> None:
    await thank(site.core, "bob", "alice", reason="fixed the build")
    kudos_id = (await rows(site, "SELECT kudos_id FROM kudos"))[0][0]
    await site.sign_in()
    said = await site.notice("/revoke", {"number": "#abc"})
    assert said == shown(await chat(site, "kudos", "revoke", "#abc"))
    said = await site.notice("/revoke", {"number": str(kudos_id)})
    assert said == str(escape(chat_en("kudos.revoked", id=kudos_id)))
    roots = (await say(site.core, "roots", actor="alice"))[0].as_text()
    assert "received 0" in roots
    said = await site.notice("/revoke", {"number": str(kudos_id)})  # again: chat's message
    assert said == shown(await chat(site, "kudos", "revoke", str(kudos_id)))
    html = await site.html()
    audit = html[html.index('id="audit"') :]
    assert str(escape(chat_en("web.admin.audit.revoke", id=kudos_id, name="alice"))) in audit


async def test_an_admin_takes_down_a_members_goal_as_chat_would(site: Site) -> None:
    """/goal remove on the Admin page: chat's refusals for a name nobody has or a member
    without a goal; then the goal is gone, its owner told, the audit log says so."""
    await say(site.core, "goal", "set", "learn", "<b>Rust</b>", actor="bob")
    await site.sign_in()
    said = await site.notice("/goal/remove", {"member": "nobody"})
    assert said == shown(await chat(site, "goal", "remove", "@nobody"))
    said = await site.notice("/goal/remove", {"member": "alice"})  # alice has no goal
    assert said == shown(await chat(site, "goal", "remove", "@alice"))
    listed = (await say(site.core, "goal", "list", actor="carol"))[0].as_text()
    assert "Rust" in listed

    said = await site.notice("/goal/remove", {"member": "@bob"})
    assert "bob" in said and said != shown(await chat(site, "goal", "remove", "@alice"))
    listed = (await say(site.core, "goal", "list", actor="carol"))[0].as_text()
    assert "Rust" not in listed
    assert await rows(site, "SELECT actor_id, action FROM audit_log") == [("U-root", "goal.remove")]
    html = await site.html()
    audit = html[html.index('id="audit"') :]
    assert str(escape(chat_en("web.admin.audit.goal", name="bob"))) in audit


# ---------------------------------------------------------------- forget


async def test_forgetting_a_member_shows_what_goes_then_erases_on_confirmation(
    site: Site,
) -> None:
    await thank(site.core, "bob", "alice", reason="fixed the build")
    evil = member(HOSTILE, id="U-evil")
    await thank(site.core, evil, "alice", reason="hello")
    await site.sign_in()
    resp = await site.client.get(ADMIN + "/forget", params={"member": HOSTILE})
    page = await resp.text()
    assert resp.status == 200
    assert HOSTILE not in page and str(escape(HOSTILE)) in page
    # chat's preview, but no command to type: the page has a button for that
    said = chat_en("forget.preview.web", name=HOSTILE, given=1, received=0)
    assert str(escape(said)) in page
    assert str(escape(chat_en("forget.preview_goals", count=0))) in page
    assert "/roots-admin forget" not in page
    preview = await chat(site, "roots-admin", "forget", f"@{HOSTILE}")
    assert "/roots-admin forget" in shown(preview)  # chat says how to go ahead
    assert await rows(site, "SELECT count(*) FROM members WHERE member_id = 'U-evil'") == [(1,)]
    fields = hidden_fields(page)
    assert fields["member"] == "U-evil"
    resp = await site.client.post(ADMIN + "/forget", data=fields, allow_redirects=False)
    assert resp.status == 303
    html = await site.html()
    assert await rows(site, "SELECT count(*) FROM members WHERE member_id = 'U-evil'") == [(0,)]
    assert await rows(site, "SELECT actor_id, action FROM audit_log") == [
        ("U-root", "member.forget")
    ]
    assert HOSTILE not in html  # the notice names them as chat does, escaped
    audit = html[html.index('id="audit"') :]
    assert str(escape(chat_en("web.admin.audit.forget"))) in audit
    assert str(escape(HOSTILE)) not in audit  # the log keeps who erased, never whom


async def test_forgetting_someone_unknown_gets_chats_message_and_no_button(site: Site) -> None:
    await site.sign_in()
    resp = await site.client.get(ADMIN + "/forget", params={"member": "nobody"})
    assert resp.status == 422
    page = await resp.text()
    assert shown(await chat(site, "roots-admin", "forget", "@nobody")) in page
    assert 'name="member"' not in page


# ---------------------------------------------------------------- export


async def test_the_export_downloads_as_json_and_as_formula_safe_csv(site: Site) -> None:
    await thank(site.core, "bob", "alice", reason='=HYPERLINK("http://x","y")')
    await site.sign_in()
    resp = await site.client.get(ADMIN + "/export.json")
    assert resp.status == 200
    assert "attachment" in resp.headers["Content-Disposition"]
    document = json.loads(await resp.text())
    assert document["community_id"] == COMMUNITY
    reasons = [k["reason"] for k in document["tables"]["kudos"]]
    assert reasons == ['=HYPERLINK("http://x","y")']  # JSON keeps the exact text
    resp = await site.client.get(ADMIN + "/export.zip")
    assert resp.status == 200 and resp.headers["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(await resp.read()))
    assert "kudos.csv" in archive.namelist() and "audit_log.csv" in archive.namelist()
    rows = list(csv.DictReader(io.StringIO(archive.read("kudos.csv").decode())))
    assert [r["reason"] for r in rows] == ['\'=HYPERLINK("http://x","y")']
    for name in archive.namelist():
        for row in csv.reader(io.StringIO(archive.read(name).decode())):
            assert not any(cell.startswith(("=", "+", "@")) for cell in row), (name, row)


async def test_hostile_text_given_in_a_form_is_escaped_everywhere_it_shows(site: Site) -> None:
    await thank(site.core, "bob", member(HOSTILE, id="U-evil"), reason=HOSTILE)
    kudos_id = (await rows(site, "SELECT kudos_id FROM kudos"))[0][0]
    await site.sign_in()
    said = await site.notice("/setting/emoji", {"value": HOSTILE})
    assert said == shown(await chat(site, "roots-config", "emoji", HOSTILE))
    await site.notice("/revoke", {"number": str(kudos_id)})
    html = await site.html()
    assert HOSTILE not in html and "<script>" not in html
    audit = html[html.index('id="audit"') :]
    assert str(escape(HOSTILE)) in audit  # the receiver's name, escaped


async def test_forms_are_refused_once_the_platform_no_longer_confirms_the_admin(
    site: Site,
) -> None:
    await site.sign_in()
    token = await site.csrf()
    site.clock.advance(timedelta(minutes=11))  # the platform is asked again: it can't say
    resp = await site.client.post(
        ADMIN + "/setting/budget", data={"csrf": token, "value": "9"}, allow_redirects=False
    )
    assert resp.status == 403
    assert (await site.core.communities.settings(context("root"))).daily_budget == 5


async def test_the_admin_page_speaks_the_communitys_language(site: Site) -> None:
    await site.sign_in()
    for locale, heading, button in (
        ("fr", "Réglages", "Enregistrer"),
        ("es", "Ajustes", "Guardar"),
        ("de", "Einstellungen", "Speichern"),
    ):
        await chat(site, "roots-config", "locale", locale)
        html = await site.html()
        assert f'<html lang="{locale}">' in html
        assert f'<h2 id="settings">{heading}</h2>' in html and button in html
        said = await site.notice("/setting/budget", {"value": "beaucoup"})
        assert said == shown(await chat(site, "roots-config", "budget", "beaucoup"))


async def test_themes_and_posting_a_prompt_now_are_chats_commands(site: Site) -> None:
    await chat(site, "roots-config", "prompts", f"<#{GENERAL}>", "09:00")
    await site.sign_in()
    theme = "pay-forward"
    said = await site.notice(f"/theme/{theme}/exclude")
    assert said == str(escape(chat_en("prompt.theme_excluded", theme=theme)))
    themes = (await chat(site, "roots-config", "themes"))[0].as_text()
    assert chat_en("prompt.theme_line", theme=theme, state=chat_en("off")) in themes
    said = await site.notice("/theme/nonsense/include")
    assert said == shown(await chat(site, "roots-config", "themes", "include", "nonsense"))
    await site.notice(f"/theme/{theme}/include")
    themes = (await chat(site, "roots-config", "themes"))[0].as_text()
    assert chat_en("prompt.theme_line", theme=theme, state=chat_en("on")) in themes
    said = await site.notice("/prompt/now", {"channel": GENERAL})
    assert "#C-general" in said
    posts = await rows(site, "SELECT channel_id FROM posts WHERE kind = 'prompt'")
    assert (GENERAL,) in posts
    said = await site.notice("/prompt/now", {"channel": "C-elsewhere"})
    assert said == str(escape(chat_en("web.admin.channel_unchecked")))
