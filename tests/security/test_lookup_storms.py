"""Issue #12, item 5: lookup storms on Slack (users.info), and the bounded directory.

Slack's Web API is the local fake (tests/adapters/slack/fake_slack.py), which counts
every call Roots makes.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from adapters.slack import SlackSettings, make_client
from adapters.slack import directory as slack_directory
from adapters.slack.directory import Directory
from bot.messages import text
from tests.adapters.slack.conftest import ALICE, BOB, CAROL, Roots
from tests.adapters.slack.fake_slack import BOT_TOKEN, TEAM, FakeSlack, user
from tests.fakes import db_rows
from tests.security.harness import Stopwatch, directory_clock, slack_roots

LATE = "U0LATE"

RATE_LIMITED = (429, {"Retry-After": "17"}, {"ok": False, "error": "ratelimited"})


@pytest.fixture
async def roots(tmp_path: Path) -> AsyncIterator[Roots]:
    async with slack_roots(tmp_path) as running:
        yield running


def en(key: str, **values: object) -> str:
    return text("en", key, **values)


def strangers(n: int) -> list[str]:
    return [f"U9{i:08d}" for i in range(n)]


def message(user_id: str, body: str, ts: str) -> dict[str, object]:
    return {"type": "message", "user": user_id, "text": body, "channel": "C0GENERAL", "ts": ts}


def kudos_rows(roots: Roots) -> list[tuple[str, str]]:
    return db_rows(roots.core, "SELECT giver_id, receiver_id FROM kudos ORDER BY kudos_id")


# ---------------------------------------------------------------- ++ with thousands of mentions


async def test_item5_plusplus_with_3000_receivers_looks_up_at_most_the_limit(
    roots: Roots,
) -> None:
    body = " ".join(f"<@{uid}>++" for uid in strangers(3000)) + " thanks all"
    await roots.slack.event(message(ALICE, body, "1774432800.000100"))
    (sorry,) = await roots.fake.wait_calls("chat.postEphemeral", within=20)
    assert "3000 people at once" in sorry["text"]
    assert roots.fake.count("users.info") <= 1 + 6  # the giver, then at most limit + 1
    assert kudos_rows(roots) == []


async def test_item5_plusplus_with_3000_mentions_in_its_reason_looks_up_a_few(
    roots: Roots,
) -> None:
    body = f"<@{BOB}>++ thanks " + " ".join(f"<@{uid}>" for uid in strangers(3000))
    await roots.slack.event(message(ALICE, body, "1774432800.000200"))
    (sorry,) = await roots.fake.wait_calls("chat.postEphemeral", within=20)
    assert "characters long" in sorry["text"]  # the reason is far too long
    assert roots.fake.count("users.info") <= 1 + 6
    assert kudos_rows(roots) == []


# ---------------------------------------------------------------- /kudos with hundreds of mentions


async def test_item5_too_long_kudos_command_is_refused_before_any_lookup(roots: Roots) -> None:
    status, body = await roots.slack.command(
        "/kudos", " ".join(f"<@{uid}>" for uid in strangers(300)) + " thanks", user=ALICE
    )
    assert status == 200 and body["response_type"] == "ephemeral"
    assert en("error.too_long", limit=2000) in body["text"]
    assert roots.fake.count("users.info") == 0


async def test_item5_kudos_command_with_too_many_receivers_looks_up_a_few(roots: Roots) -> None:
    status, body = await roots.slack.command(
        "/kudos", " ".join(f"<@{uid}>" for uid in strangers(140)) + " thanks", user=ALICE
    )
    assert status == 200 and body["response_type"] == "ephemeral"
    assert "140 people at once" in body["text"]
    assert roots.fake.count("users.info") <= 1 + 6
    # A reason full of mentions: only a few of them are looked up.
    reason = " ".join(f"<@{uid}>" for uid in strangers(100))
    status, body = await roots.slack.command("/kudos", f"<@{BOB}> with {reason}", user=ALICE)
    assert "characters long" in body["text"]
    assert roots.fake.count("users.info") <= 2 * (1 + 6)
    assert kudos_rows(roots) == []


# ---------------------------------------------------------------- 429 on users.info


async def test_item5_rate_limited_lookup_makes_nobody_wait(roots: Roots) -> None:
    """A 429 on users.info: no command waits the Retry-After. Members already known are
    served from the cache; a command that needs an unknown member is answered at once,
    politely, and users.info is left alone until the Retry-After has passed."""
    clock = directory_clock(roots)
    status, body = await roots.slack.command("/kudos", f"<@{BOB}> <@{CAROL}> docs", user=ALICE)
    assert body["response_type"] == "in_channel"  # Alice, Bob and Carol are known
    # Lena joined after Roots started, and her team_join was missed: she is unknown.
    roots.fake.users[LATE] = user(LATE, "Lena")
    calls = roots.fake.count("users.info")
    roots.fake.scripted["users.info"] = [RATE_LIMITED] * 5

    started = time.monotonic()
    status, body = await roots.slack.command("/kudos", f"<@{BOB}> thanks", user=LATE)
    assert time.monotonic() - started < 1.5
    assert status == 200 and body["response_type"] == "ephemeral"
    assert en("error.slack_busy") in body["text"]
    assert roots.fake.count("users.info") == calls + 1  # Lena's lookup: 429, not retried

    started = time.monotonic()
    status, body = await roots.slack.command("/kudos", f"<@{CAROL}> for the review", user=BOB)
    assert time.monotonic() - started < 1.5
    assert body["response_type"] == "in_channel"  # known members: served from the cache
    status, body = await roots.slack.command("/kudos", f"<@{BOB}> thanks", user=LATE)
    assert en("error.slack_busy") in body["text"]
    assert roots.fake.count("users.info") == calls + 1  # Slack is left alone meanwhile

    roots.fake.scripted.clear()
    clock.advance(18)  # past the Retry-After
    status, body = await roots.slack.command("/kudos", f"<@{BOB}> thanks", user=LATE)
    assert body["response_type"] == "in_channel"
    assert kudos_rows(roots) == [(ALICE, BOB), (ALICE, CAROL), (BOB, CAROL), (LATE, BOB)]


# ---------------------------------------------------------------- a bounded cache


@pytest.fixture
async def fake() -> AsyncIterator[FakeSlack]:
    server = FakeSlack()
    server.users.update({uid: user(uid, f"Member {uid}") for uid in strangers(300)})
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
async def client(fake: FakeSlack) -> AsyncIterator[object]:
    async with aiohttp.ClientSession() as session:
        yield make_client(SlackSettings(bot_token=BOT_TOKEN, api_url=fake.api_url), session)


async def test_item5_directory_cache_is_bounded_lru_with_ttl(client, fake: FakeSlack) -> None:
    assert slack_directory.DEFAULT_MAX_ENTRIES == 10_000
    assert Directory(client).max_entries == slack_directory.DEFAULT_MAX_ENTRIES
    clock = Stopwatch()
    directory = Directory(client, ttl=60, max_entries=100, clock=clock)
    ids = strangers(300)
    for uid in ids[:100]:
        await directory.profile(TEAM, uid)
    await directory.profile(TEAM, ids[0])  # used again: the most recently used now
    for uid in ids[100:150]:
        await directory.profile(TEAM, uid)
    assert len(directory) == 100
    assert fake.count("users.info") == 150
    assert directory.known(TEAM, ids[0]) is not None  # recently used: kept
    assert directory.known(TEAM, ids[1]) is None  # least recently used: evicted
    assert directory.known(TEAM, ids[50]) is None
    assert directory.known(TEAM, ids[51]) is not None
    assert fake.count("users.info") == 150  # known entries cost no call

    clock.advance(61)  # every entry has expired: they are dropped
    await asyncio.gather(*(directory.profile(TEAM, uid) for uid in ids[250:260]))
    assert len(directory) == 10
    assert all(directory.known(TEAM, uid) is not None for uid in ids[250:260])
