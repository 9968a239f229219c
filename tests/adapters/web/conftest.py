"""A dashboard on aiohttp's test server, with in-memory ports and two communities."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest
from aiohttp import ClientResponse
from aiohttp.test_utils import TestClient, TestServer
from aiohttp.web import Application, Request

from adapters.web import CommunityView, RateLimiter, create_app
from bot.charts import Helper, last_weeks
from bot.clock import ManualClock
from bot.weblogin import WebLogin
from bot.wiring import Core
from tests.adapters.web.memory import MemoryCommunity, MemoryDashboardData, MemorySessionStore
from tests.fakes import COMMUNITY, ask

if TYPE_CHECKING:
    from playwright.async_api import Page, Playwright

NOW = datetime(2026, 12, 3, 10, 0, tzinfo=UTC)
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def acme() -> MemoryCommunity:
    weeks = last_weeks(NOW.date())
    return MemoryCommunity(
        CommunityView("T1", "Acme", "en", "Europe/Paris"),
        names={"U1": "Maya", "U2": "Bob", "U3": "Claire"},
        figures={
            "kudos": [(w, 3 + i % 5) for i, w in enumerate(weeks)],
            "givers": [(w, 2 + i % 3) for i, w in enumerate(weeks)],
            "connections": [(weeks[-2], 2)],
            "checkins": [(w, i % 4) for i, w in enumerate(weeks)],
        },
        helpers={"U1": [Helper("Bob", 5, True), Helper("Claire", 2, False)]},
    )


def beta() -> MemoryCommunity:
    return MemoryCommunity(CommunityView("T2", "Beta", "fr", "UTC"), names={"U9": "Zoé"})


@dataclass
class Web:
    client: TestClient[Request, Application]
    login: WebLogin
    store: MemorySessionStore
    data: MemoryDashboardData
    clock: ManualClock

    async def link(self, community: str = "T1", member: str = "U1", admin: bool = False) -> str:
        """The path of a fresh sign-in link (what /roots web will send)."""
        return urlsplit(await self.login.mint_link(community, member, is_admin=admin)).path

    async def open_link(self, path: str) -> tuple[ClientResponse, dict[str, str]]:
        resp = await self.client.get(path)
        return resp, hidden_fields(await resp.text())

    async def sign_in(self, community: str = "T1", member: str = "U1") -> ClientResponse:
        resp, fields = await self.open_link(await self.link(community, member))
        assert resp.status == 200, await resp.text()
        return await self.client.post("/login", data=fields, allow_redirects=False)

    def session_cookie(self) -> str | None:
        for cookie in self.client.session.cookie_jar:
            if cookie.key.endswith("roots_session"):
                return cookie.value
        return None


def hidden_fields(html: str) -> dict[str, str]:
    return dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', html))


def console_link(printed: str) -> str:
    """The sign-in link ``/roots web`` printed on the console (the last one)."""
    found = re.findall(r"http://127\.0\.0\.1:\d+/login/\S+", printed)
    assert found, printed
    return str(found[-1])


def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The database of a fixture parametrized by backend ("sqlite" or "postgres")."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/roots.db"
    return str(request.getfixturevalue("postgres_url"))


async def login_path(
    core: Core, who: str, *, admin: bool = False, community: str = COMMUNITY
) -> str:
    """The path of the sign-in link ``/roots web`` gives ``who`` in chat."""
    reply = await ask(core, "roots", "web", actor=who, admin=admin, community=community)
    found = re.search(r"http://\S+/login/\S+", reply.as_text())
    assert found is not None, reply.as_text()
    return urlsplit(found.group(0)).path


async def sign_in_by_link(
    core: Core,
    client: TestClient[Request, Application],
    who: str,
    *,
    admin: bool = False,
    community: str = COMMUNITY,
) -> None:
    """Open ``who``'s link from ``/roots web`` and press its button, as a member does."""
    resp = await client.get(await login_path(core, who, admin=admin, community=community))
    assert resp.status == 200, await resp.text()
    form = hidden_fields(await resp.text())
    signed = await client.post("/login", data=form, allow_redirects=False)
    assert signed.status == 303


async def make_web(base_url: str = "http://127.0.0.1", limit: int = 100) -> Web:
    clock = ManualClock(NOW)
    store = MemorySessionStore()
    login = WebLogin(store, clock, base_url)
    data = MemoryDashboardData(acme(), beta())
    app = create_app(login=login, data=data, clock=clock, limiter=RateLimiter(clock, limit=limit))
    client = TestClient(TestServer(app))
    await client.start_server()
    return Web(client, login, store, data, clock)


@pytest.fixture
async def web() -> AsyncIterator[Web]:
    w = await make_web()
    try:
        yield w
    finally:
        await w.client.close()


# ---------------------------------------------------------------- a real browser

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def browser_required() -> bool:
    return os.environ.get("ROOTS_REQUIRE_BROWSER", "") == "1"


@pytest.fixture(scope="session")
def chromium() -> str:
    """Debian's Chromium (packages chromium and chromium-driver), driven by Playwright.

    Skipped with a one-line reason when either is missing; with ROOTS_REQUIRE_BROWSER=1
    (set by .ci/run, which installs Chromium) a missing one fails instead. Playwright's
    own browser download is never used.
    """
    path = os.environ.get("ROOTS_CHROMIUM") or shutil.which("chromium") or ""
    problem = None
    if not path or not os.access(path, os.X_OK):
        problem = "Chromium not found (apt-get install chromium chromium-driver)"
    elif importlib.util.find_spec("playwright") is None:
        problem = "Playwright not installed (pip install -e '.[dev]')"
    if problem is not None:
        if browser_required():
            pytest.fail(f"ROOTS_REQUIRE_BROWSER=1 but {problem}", pytrace=False)
        pytest.skip(problem)
    return path


@asynccontextmanager
async def signed_in(
    chromium: str, profile: Path, link: str, problems: list[str]
) -> AsyncIterator[tuple[Playwright, Page]]:
    """Headless Chromium (a fresh profile) signed in through ``link``, a link as
    `/roots web` mints it, on the My roots page; the page's console messages and script
    errors go to ``problems``. Yields Playwright too, for a second browser."""
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        context = await pw.chromium.launch_persistent_context(
            str(profile),  # a fresh --user-data-dir
            executable_path=chromium,
            headless=True,
            args=CHROMIUM_FLAGS,
            viewport={"width": 1000, "height": 900},
        )
        try:
            page = context.pages[0] if context.pages else await context.new_page()
            page.on("console", lambda m: problems.append(f"{m.type}: {m.text}"))
            page.on("pageerror", lambda e: problems.append(f"pageerror: {e}"))
            await page.goto(link)
            await page.get_by_role("button", name="Sign in").click()
            await page.wait_for_url("**/roots")
            yield pw, page
        finally:
            await context.close()
