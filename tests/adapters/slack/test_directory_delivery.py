"""users.info cache, and the Delivery port (chat.postMessage, 429 retried, channels gone)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import aiohttp
import pytest
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack import SlackSettings, make_client
from adapters.slack.delivery import SlackDelivery
from adapters.slack.directory import Directory
from bot.delivery import ChannelUnavailable, DeliveryError
from bot.types import Plain, Reply, UserText, Visibility
from tests.adapters.slack.conftest import ADMIN, ALICE, BOTU, HELPER
from tests.adapters.slack.fake_slack import BOT_TOKEN, TEAM, FakeSlack


@pytest.fixture
async def client(fake: FakeSlack) -> AsyncIterator[AsyncWebClient]:
    async with aiohttp.ClientSession() as session:
        yield make_client(SlackSettings(bot_token=BOT_TOKEN, api_url=fake.api_url), session)


async def test_profiles_are_fetched_once_and_expire(client, fake: FakeSlack) -> None:
    now = [0.0]
    directory = Directory(client, admins={HELPER}, ttl=60, clock=lambda: now[0])
    found = await asyncio.gather(*(directory.profile(TEAM, ALICE) for _ in range(20)))
    assert {p.name for p in found} == {"Alice"}
    assert fake.count("users.info") == 1
    assert (await directory.profile(TEAM, ADMIN)).is_admin
    assert (await directory.profile(TEAM, HELPER)).is_admin  # ROOTS_SLACK_ADMINS
    assert (await directory.profile(TEAM, BOTU)).is_bot
    now[0] = 61
    await directory.profile(TEAM, ALICE)
    assert fake.count("users.info") == 5


async def test_unknown_user_falls_back_to_the_payload_name(client, fake: FakeSlack) -> None:
    directory = Directory(client)
    profile = await directory.profile(TEAM, "U0GHOST", "ghost")
    assert profile.name == "ghost" and not profile.is_admin


REPLY = Reply(
    body=(Plain("Today: "), UserText("<!channel> thank someone")), visibility=Visibility.PUBLIC
)


async def test_delivery_posts_and_returns_the_ts(client, fake: FakeSlack) -> None:
    ts = await SlackDelivery(client).send(TEAM, "C0GENERAL", REPLY)
    (posted,) = fake.of("chat.postMessage")
    assert posted["channel"] == "C0GENERAL" and ts
    assert "<!channel>" not in posted["text"]
    assert await SlackDelivery(client).edit(TEAM, "C0GENERAL", ts, REPLY)
    assert fake.of("chat.update")[0]["ts"] == ts


async def test_rate_limited_post_is_retried_after_retry_after(client, fake: FakeSlack) -> None:
    fake.scripted["chat.postMessage"] = [
        (429, {"Retry-After": "0"}, {"ok": False, "error": "ratelimited"})
    ]
    ts = await SlackDelivery(client).send(TEAM, "C0GENERAL", REPLY)
    assert ts and fake.count("chat.postMessage") == 2


@pytest.mark.parametrize("error", ["channel_not_found", "not_in_channel", "is_archived"])
async def test_lost_channels_raise_channel_unavailable(client, fake: FakeSlack, error) -> None:
    fake.scripted["chat.postMessage"] = [(200, {}, {"ok": False, "error": error})]
    with pytest.raises(ChannelUnavailable):
        await SlackDelivery(client).send(TEAM, "C0GONE", REPLY)


async def test_other_failures_are_worth_retrying(client, fake: FakeSlack) -> None:
    fake.scripted["chat.postMessage"] = [(200, {}, {"ok": False, "error": "fatal_error"})]
    with pytest.raises(DeliveryError) as raised:
        await SlackDelivery(client).send(TEAM, "C0GENERAL", REPLY)
    assert not isinstance(raised.value, ChannelUnavailable)
