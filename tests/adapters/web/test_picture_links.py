"""The dashboard's picture links for Slack (issue #14), on both backends: served without a
session to a URL this Roots signed, refused when forged (403) or expired (404), drawn
again from today's figures, with a key that every process on the database shares."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from aiohttp.test_utils import TestClient, TestServer
from aiohttp.web import Application, Request

from adapters.web import create_app
from adapters.web.data import StoreData
from bot.charts.png import PNG_SIGNATURE
from bot.clock import ManualClock
from bot.config import Settings
from bot.pictures import PictureLinks, Verdict
from bot.types import Picture
from bot.wiring import Core, running_core
from tests.adapters.web.conftest import HOSTILE, database_url
from tests.fakes import COMMUNITY, START, ask, member, thank

PUBLIC = "https://roots.example.org"


@dataclass
class Site:
    core: Core
    client: TestClient[Request, Application]
    clock: ManualClock
    url: str

    async def path(self, picture: Picture, ttl: timedelta = timedelta(hours=1)) -> str:
        assert self.core.picture_links is not None
        return urlsplit(await self.core.picture_links.url(COMMUNITY, picture, ttl)).path


@pytest.fixture(params=["sqlite", "postgres"])
async def site(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Site]:
    url = database_url(request, tmp_path)
    clock = ManualClock(START)
    async with running_core(Settings(database_url=url, web_url=PUBLIC), clock=clock) as core:
        assert core.web is not None and core.pictures and core.picture_links
        app = create_app(
            login=core.web,
            data=StoreData(core.store),
            clock=clock,
            pictures=(core.pictures, core.picture_links),
        )
        async with TestClient(TestServer(app)) as client:
            yield Site(core, client, clock, url)


async def roots_picture(core: Core, who: str = "alice") -> Picture:
    reply = await ask(core, "roots", actor=who)
    assert reply.picture is not None
    return reply.picture


async def test_a_signed_link_serves_the_png_without_a_session(site: Site) -> None:
    await thank(site.core, member(HOSTILE, id="U-hostile"), "alice", reason="the build")
    await thank(site.core, "bob", "alice")
    picture = await roots_picture(site.core)
    assert picture.kind == "roots" and picture.subject == "U-alice"
    assert "<script>" not in picture.svg  # the hostile name is escaped in the drawing
    resp = await site.client.get(await site.path(picture))
    assert resp.status == 200 and resp.content_type == "image/png"
    assert (await resp.read()).startswith(PNG_SIGNATURE)
    assert "Set-Cookie" not in resp.headers
    # the picture is drawn again from today's figures: carol's thanks shows up
    await thank(site.core, "carol", "alice")
    again = await roots_picture(site.core)
    assert again.subject == picture.subject and "carol" in again.svg


async def test_forged_and_expired_links_are_refused(site: Site) -> None:
    await thank(site.core, "bob", "alice")
    path = await site.path(await roots_picture(site.core))
    parts = path.split("/")  # '', pictures, community, kind, subject, expires, sig.png
    forged = {
        "another community": path.replace(f"/{COMMUNITY}/", "/T-other/"),
        "another member": path.replace("/U-alice/", "/U-bob/"),
        "another kind": path.replace("/roots/", "/leaderboard/"),
        "a longer life": "/".join([*parts[:5], str(int(parts[5]) + 3600), parts[6]]),
        "no signature": "/".join([*parts[:6], ".png"]),
        "a made-up one": "/".join([*parts[:6], "A" * 43 + ".png"]),
        "not a number": "/".join([*parts[:5], "soon", parts[6]]),
    }
    for why, bad in forged.items():
        resp = await site.client.get(bad)
        assert resp.status in (403, 404), why
        if resp.status == 404:  # the route did not even match: nothing was read
            assert why == "no signature", why
        assert "alice" not in (await resp.text()), why
    site.clock.advance(timedelta(hours=1))
    expired = await site.client.get(path)
    assert expired.status == 404
    assert "alice" not in await expired.text()


async def test_every_process_signs_with_the_same_key(site: Site) -> None:
    """A link signed by a bot process works on the dashboard of another (``roots web``):
    the key is made once and kept in the database."""
    await thank(site.core, "bob", "alice")
    picture = await roots_picture(site.core)
    other = PictureLinks(site.core.store, site.clock, PUBLIC)
    path = urlsplit(await other.url(COMMUNITY, picture, timedelta(hours=1))).path
    assert (await site.client.get(path)).status == 200
    _, _, _, kind, subject, expires, sig = path.split("/")
    assert await other.check(COMMUNITY, kind, subject, expires, sig[:-4]) is Verdict.GOOD


async def test_pictures_of_nothing_answer_404(site: Site) -> None:
    await thank(site.core, "bob", "alice")
    for kind, subject in (
        ("roots", "U-nobody"),
        ("weekly", "kudos.not-a-date"),
        ("weekly", "unknown.2026-03-23"),
        ("leaderboard", "week.nobody.s1:w2026-W13"),
        ("drawing", "anything"),
    ):
        path = await site.path(Picture(kind, subject, "", ""))
        assert (await site.client.get(path)).status == 404, (kind, subject)
