"""Pictures in chat on Slack (issue #14): with ROOTS_WEB_URL public https, /roots and
/leaderboard carry an image block whose URL is the dashboard's signed, expiring picture
link, which Slack's servers fetch without cookies; otherwise they stay text. The digest
does the same through the Delivery port. Against the loopback fake Slack Web API and
the real dashboard (aiohttp's test client)."""

from __future__ import annotations

import contextlib
import json
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import pytest
from aiohttp.test_utils import TestClient, TestServer

from adapters.slack.delivery import SlackDelivery
from adapters.web import create_app
from adapters.web.data import StoreData
from bot.charts.png import PNG_SIGNATURE
from bot.clock import ManualClock
from bot.config import Settings
from bot.pictures import is_public_https
from bot.storage.records import PostRecord, PostStatus
from bot.wiring import Core, running_core
from tests.adapters.slack.conftest import ALICE, BOB, CAROL, Roots, serving
from tests.adapters.slack.fake_slack import TEAM, FakeSlack
from tests.fakes import START

PUBLIC = "https://roots.example.org"


@contextlib.asynccontextmanager
async def roots_at(tmp_path: Path, fake: FakeSlack, web_url: str) -> AsyncIterator[Roots]:
    settings = Settings(database_url=f"sqlite:///{tmp_path}/roots.db", web_url=web_url)
    async with running_core(settings, clock=ManualClock(START)) as core:
        async with serving(core, fake) as running:
            yield running


@contextlib.asynccontextmanager
async def dashboard(core: Core) -> AsyncIterator[TestClient[Any, Any]]:
    assert core.web is not None and core.pictures is not None and core.picture_links
    app = create_app(
        login=core.web,
        data=StoreData(core.store),
        clock=core.clock,
        pictures=(core.pictures, core.picture_links),
    )
    async with TestClient(TestServer(app)) as client:
        yield client


async def thanks(roots: Roots) -> None:
    for giver, receiver in ((ALICE, BOB), (CAROL, BOB), (BOB, ALICE)):
        status, _ = await roots.slack.command("/kudos", f"<@{receiver}> for the help", user=giver)
        assert status == 200


def image_blocks(body: dict[str, Any]) -> list[dict[str, Any]]:
    return [b for b in body.get("blocks", []) if b["type"] == "image"]


async def test_roots_shows_its_picture_from_a_signed_link(tmp_path: Path, fake: FakeSlack) -> None:
    async with roots_at(tmp_path, fake, PUBLIC) as roots:
        await thanks(roots)
        _, body = await roots.slack.command("/roots", "", user=BOB)
        assert body["response_type"] == "ephemeral"
        (image,) = image_blocks(body)
        url = image["image_url"]
        assert url.startswith(f"{PUBLIC}/pictures/{TEAM}/roots/{BOB}/") and url.endswith(".png")
        assert image["alt_text"].startswith("The roots of Bob.")
        assert "Alice: 1 thanks, thanked back" in image["alt_text"]
        assert any(b["type"] == "section" for b in body["blocks"])  # the text is still there
        path = urlsplit(url).path

        async with dashboard(roots.core) as web:
            fetched = await web.get(path)  # as Slack's servers do: no cookie, no session
            assert fetched.status == 200
            assert fetched.content_type == "image/png"
            assert (await fetched.read()).startswith(PNG_SIGNATURE)
            assert "no-store" in fetched.headers["Cache-Control"]

            # forged: another member's roots under this signature, or a signature changed
            head, _, tail = path.rpartition("/")
            other = path.replace(f"/roots/{BOB}/", f"/roots/{ALICE}/")
            assert (await web.get(other)).status == 403
            assert (await web.get(f"{head}/{'A' + tail[1:]}")).status == 403
            assert (await web.get(f"{head}/nonsense.png")).status == 403
            later = path.replace(path.split("/")[5], str(int(path.split("/")[5]) + 60))
            assert (await web.get(later)).status == 403  # a longer life is a forgery too

            # expired: a day later the link is refused, and says nothing more
            assert isinstance(roots.core.clock, ManualClock)
            roots.core.clock.advance(timedelta(days=1, seconds=1))
            gone = await web.get(path)
            assert gone.status == 404
            assert "Bob" not in await gone.text()


async def test_leaderboard_and_an_opted_out_member(tmp_path: Path, fake: FakeSlack) -> None:
    async with roots_at(tmp_path, fake, PUBLIC) as roots:
        await thanks(roots)
        _, body = await roots.slack.command("/leaderboard", "", user=ALICE)
        (image,) = image_blocks(body)
        assert "/leaderboard/week.both." in image["image_url"]
        assert "Receivers, most kudos first: 1. Bob: 2; 2. Alice: 1." in image["alt_text"]
        _, mine = await roots.slack.command("/roots", "", user=BOB)
        roots_path = urlsplit(image_blocks(mine)[0]["image_url"]).path
        async with dashboard(roots.core) as web:
            board = await web.get(urlsplit(image["image_url"]).path)
            assert board.status == 200 and board.content_type == "image/png"
            # a member who opts out: their picture is no longer served, even signed
            await roots.slack.command("/roots", "optout", user=BOB)
            assert (await web.get(roots_path)).status == 404
            # leaderboards turned off: the board's picture neither
            await roots.slack.command("/roots-config", "leaderboard off", user="U0ADMIN")
            assert (await web.get(urlsplit(image["image_url"]).path)).status == 404


@pytest.mark.parametrize(
    "web_url", ["http://127.0.0.1:8080", "https://localhost:8443", "https://10.0.0.5"]
)
async def test_without_a_public_https_dashboard_replies_stay_text(
    tmp_path: Path, fake: FakeSlack, web_url: str
) -> None:
    assert not is_public_https(web_url)
    async with roots_at(tmp_path, fake, web_url) as roots:
        await thanks(roots)
        _, body = await roots.slack.command("/roots", "", user=BOB)
        assert image_blocks(body) == []
        assert "Alice" in str(body["blocks"])


async def test_the_digest_shows_the_kudos_chart(tmp_path: Path, fake: FakeSlack) -> None:
    async with roots_at(tmp_path, fake, PUBLIC) as roots:
        await thanks(roots)
        post = PostRecord(
            1, None, TEAM, "C0GENERAL", "digest", 0, START.date(), None,
            START + timedelta(days=5), PostStatus.CLAIMED, 0, False, START, None, None, None,
        )  # fmt: skip
        reply = await roots.core.digest.render(post)
        await SlackDelivery(roots.runtime.adapter.client, roots.core.picture_links).send(
            TEAM, "C0GENERAL", reply
        )
        (posted,) = fake.of("chat.postMessage")
        blocks = posted["blocks"]
        blocks = blocks if isinstance(blocks, list) else json.loads(blocks)
        (image,) = [b for b in blocks if b["type"] == "image"]
        assert (
            f"/pictures/{TEAM}/weekly/{quote('kudos.2026-03-23', safe='')}/" in (image["image_url"])
        )
        assert image["alt_text"].startswith("Kudos per week.")
        # a channel post is read for weeks: its link lives 30 days
        async with dashboard(roots.core) as web:
            assert isinstance(roots.core.clock, ManualClock)
            roots.core.clock.advance(timedelta(days=29))
            assert (await web.get(urlsplit(image["image_url"]).path)).status == 200
            roots.core.clock.advance(timedelta(days=2))
            assert (await web.get(urlsplit(image["image_url"]).path)).status == 404


@pytest.mark.parametrize(
    ("url", "public"),
    [
        ("https://roots.example.org", True),
        ("https://roots.example.org/sub", True),
        ("http://roots.example.org", False),
        ("https://127.0.0.1", False),
        ("https://[::1]:8443", False),
        ("https://192.168.1.10", False),
        ("https://roots.local", False),
        ("https://intranet", False),
        ("https://93.184.215.14", True),
    ],
)
def test_which_dashboards_slack_can_fetch_from(url: str, public: bool) -> None:
    assert is_public_https(url) is public
