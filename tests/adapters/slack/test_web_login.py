"""`/roots web` on Slack (issue #14): a private link, the admin right of the moment, and
the dashboard's admin re-check through users.info, against the loopback fake Slack."""

from __future__ import annotations

import re
from datetime import timedelta

from aiohttp.test_utils import TestClient, TestServer

from adapters.web import create_app
from adapters.web.actions import CoreActions
from adapters.web.data import StoreData
from bot.clock import ManualClock
from tests.adapters.slack.conftest import ADMIN, ALICE, Roots
from tests.adapters.slack.fake_slack import TEAM
from tests.adapters.web.conftest import hidden_fields

LINK = re.compile(r"http://127\.0\.0\.1:8080(/login/[A-Za-z0-9_-]{43})")


async def link_of(roots: Roots, user: str) -> str:
    status, body = await roots.slack.command("/roots", "web", user=user)
    assert status == 200
    shown = str(body) if body else str(await roots.fake.wait_responses(1))
    assert "ephemeral" in shown  # only the member sees it
    found = LINK.search(shown)
    assert found is not None, shown
    return found.group(1)


async def test_roots_web_answers_privately_and_admin_pages_ask_slack_again(roots: Roots) -> None:
    core = roots.core
    assert core.web is not None and "slack" in core.web.admin_checks
    check = core.web.admin_checks["slack"]
    assert await check(TEAM, ADMIN) is True
    assert await check(TEAM, ALICE) is False
    assert await check(TEAM, "U0NOBODY") is False

    asked: list[bool | None] = []

    async def counted(community_id: str, member_id: str) -> bool | None:
        asked.append(await check(community_id, member_id))
        return asked[-1]

    core.web.admin_checks["slack"] = counted
    path = await link_of(roots, ADMIN)
    app = create_app(
        login=core.web, data=StoreData(core.store), clock=core.clock, actions=CoreActions(core)
    )
    async with TestClient(TestServer(app)) as browser:
        resp = await browser.get(path)
        await browser.post("/login", data=hidden_fields(await resp.text()))
        assert (await browser.get(f"/c/{TEAM}/admin")).status == 200
        assert asked == []  # a young session keeps the right of the link
        assert isinstance(core.clock, ManualClock)
        core.clock.advance(timedelta(minutes=11))
        assert (await browser.get(f"/c/{TEAM}/admin")).status == 200
        assert asked == [True]  # Slack (users.info, through the directory) said yes


async def test_a_members_link_opens_no_admin_page(roots: Roots) -> None:
    core = roots.core
    assert core.web is not None
    path = await link_of(roots, ALICE)
    app = create_app(login=core.web, data=StoreData(core.store), clock=core.clock)
    async with TestClient(TestServer(app)) as browser:
        resp = await browser.get(path)
        await browser.post("/login", data=hidden_fields(await resp.text()))
        assert (await browser.get(f"/c/{TEAM}/roots")).status == 200
        assert (await browser.get(f"/c/{TEAM}/admin")).status == 403


async def test_the_dashboard_names_the_workspace_as_slack_does(roots: Roots) -> None:
    """auth.test gives the workspace's name at start: the pages show it, not the id."""
    found = await roots.core.store.find_community(TEAM)
    assert found is not None and found.display_name == "Roots"  # the fake's "team"
    view = await StoreData(roots.core.store).community(TEAM)
    assert view is not None and view.name == "Roots"
