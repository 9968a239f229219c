"""Issue #12, item 6: a member's reaction storm costs Roots a few platform calls.

Before reading a reacted-to message (Slack ``conversations.history``, Discord's message
fetch) Roots asks the core whether the member can give kudos at all right now (budget
left, not cooling down on the author, not their own message); the core then sends at
most a few refusal notices per member per minute and stays silent after that.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.clock import ManualClock
from bot.messages import text
from bot.throttle import MemberTurns, NoticeLimiter
from tests.adapters.discord.conftest import ADMIN as D_ADMIN
from tests.adapters.discord.conftest import ALICE as D_ALICE
from tests.adapters.discord.conftest import BOB as D_BOB
from tests.adapters.discord.conftest import CAROL as D_CAROL
from tests.adapters.discord.conftest import DAVE as D_DAVE
from tests.adapters.discord.conftest import bot_on, core_on
from tests.adapters.discord.fake_discord import FakeDiscord
from tests.adapters.slack.conftest import ADMIN, ALICE, BOB, CAROL, HELPER, OWNER, Roots
from tests.fakes import db_rows
from tests.security.harness import slack_roots

NOTICES_PER_MINUTE = 3


def en(key: str, **values: object) -> str:
    return text("en", key, **values)


# ---------------------------------------------------------------- Slack


@pytest.fixture
async def roots(tmp_path: Path) -> AsyncIterator[Roots]:
    async with slack_roots(tmp_path) as running:
        yield running


def reaction(user: str, author: str, ts: str) -> dict[str, Any]:
    return {
        "type": "reaction_added",
        "user": user,
        "reaction": "seedling",
        "item_user": author,
        "item": {"type": "message", "channel": "C0GENERAL", "ts": ts},
        "event_ts": f"{time.time():.6f}",
    }


def old_messages(roots: Roots, authors: list[str], start: int = 0) -> list[tuple[str, str]]:
    """Messages Roots never saw (reading one costs a conversations.history call)."""
    found = []
    for i, author in enumerate(authors, start):
        ts = f"1774400000.{i:06d}"
        roots.fake.messages[("C0GENERAL", ts)] = {
            "type": "message",
            "user": author,
            "text": f"fix number {i}",
            "ts": ts,
        }
        found.append((author, ts))
    return found


async def storm(roots: Roots, user: str, targets: list[tuple[str, str]]) -> None:
    for author, ts in targets:
        status, _ = await roots.slack.event(reaction(user, author, ts))
        assert status == 200
    await roots.runtime.adapter.drain()


def slack_kudos(roots: Roots) -> list[tuple[str, str]]:
    return db_rows(roots.core, "SELECT giver_id, receiver_id FROM kudos ORDER BY kudos_id")


async def test_item6_slack_reaction_storm_reads_few_messages_and_sends_few_notices(
    roots: Roots,
) -> None:
    authors = [BOB, CAROL, ADMIN, OWNER, HELPER]
    targets = old_messages(roots, list(itertools.islice(itertools.cycle(authors), 100)))
    await storm(roots, ALICE, targets)
    assert sorted(slack_kudos(roots)) == sorted((ALICE, a) for a in authors)  # budget: 5
    assert roots.fake.count("chat.postMessage") == 5
    # Only the five messages that became kudos were read; the other 95 reactions
    # were refused before reading anything, and only a few refusals were sent.
    assert roots.fake.count("conversations.history") == 5
    notices = roots.fake.of("chat.postEphemeral")
    assert len(notices) == NOTICES_PER_MINUTE
    assert all(n["user"] == ALICE for n in notices)
    # (refused for the daily budget, or for thanking the same author within a minute)
    assert all("daily budget" in n["text"] or "You just thanked" in n["text"] for n in notices)

    # Another member is not silenced by Alice's storm.
    await storm(roots, BOB, [(BOB, targets[0][1])])  # his own message
    assert roots.fake.of("chat.postEphemeral")[-1]["user"] == BOB

    # A minute later Alice is told again (once per refusal, up to the limit).
    clock = roots.core.clock
    assert isinstance(clock, ManualClock)
    clock.advance(timedelta(seconds=61))
    await storm(roots, ALICE, old_messages(roots, [BOB], start=500))  # budget still spent
    assert roots.fake.of("chat.postEphemeral")[-1]["user"] == ALICE
    assert len(roots.fake.of("chat.postEphemeral")) == NOTICES_PER_MINUTE + 2
    assert roots.fake.count("conversations.history") == 5


async def test_item6_slack_reactions_to_ones_own_messages_read_nothing(roots: Roots) -> None:
    targets = old_messages(roots, [ALICE] * 30)
    await storm(roots, ALICE, targets)
    assert roots.fake.count("conversations.history") == 0
    notices = roots.fake.of("chat.postEphemeral")
    assert len(notices) == NOTICES_PER_MINUTE
    assert en("kudos.self") in notices[0]["text"]
    assert slack_kudos(roots) == []


async def test_item6_slack_cooldown_is_refused_before_reading_and_names_the_author(
    roots: Roots,
) -> None:
    targets = old_messages(roots, [BOB, BOB])
    await storm(roots, ALICE, targets)
    assert slack_kudos(roots) == [(ALICE, BOB)]
    assert roots.fake.count("conversations.history") == 1
    (notice,) = roots.fake.of("chat.postEphemeral")
    assert en("kudos.cooldown", name="@Bob", count=60) in notice["text"]


# ---------------------------------------------------------------- Discord


@pytest.fixture
async def discord() -> AsyncIterator[FakeDiscord]:
    server = await FakeDiscord().start()
    try:
        yield server
    finally:
        await server.stop()


def dm_posts(fake: FakeDiscord) -> list[dict[str, Any]]:
    return [
        r.body
        for r in fake.requests
        if r.method == "POST"
        and r.path.endswith("/messages")
        and int(r.path.split("/")[2]) in fake.dm_channels
    ]


async def test_item6_discord_reaction_storm_fetches_few_messages_and_sends_few_dms(
    discord: FakeDiscord, tmp_path: Path
) -> None:
    fake = discord
    async with core_on(tmp_path / "roots.db") as core, bot_on(fake, core):
        authors = [D_BOB, D_CAROL, D_DAVE, D_ADMIN]
        messages = [
            await fake.post_message(author, f"fix number {i}")
            for i, author in enumerate(itertools.islice(itertools.cycle(authors), 100))
        ]
        for message in messages:
            await fake.react(D_ALICE, message, "🌱")
        await fake.wait_for(lambda: len(fake.channel_posts()) == 4)
        await fake.wait_for(lambda: len(dm_posts(fake)) >= NOTICES_PER_MINUTE)
        await asyncio.sleep(1.0)  # let every reaction reach Roots
        fetches = [r for r in fake.requests if r.method == "GET" and "/messages/" in r.path]
        assert len(fetches) == 4  # only the messages that became kudos were read
        assert len(dm_posts(fake)) == NOTICES_PER_MINUTE
        rows = db_rows(core, "SELECT giver_id, receiver_id FROM kudos ORDER BY kudos_id")
        # One kudos per author (the cooldown); reactions run concurrently, so in any order.
        assert sorted(rows) == sorted((D_ALICE["id"], a["id"]) for a in authors)


# ---------------------------------------------------------------- the core's limits


def test_item6_notice_limiter_counts_per_member_per_minute_and_stays_bounded() -> None:
    clock = ManualClock(datetime(2026, 3, 25, 10, 0, tzinfo=UTC))
    limiter = NoticeLimiter(clock.now, limit=3, max_tracked=100)
    assert [limiter.allow("alice") for _ in range(5)] == [True, True, True, False, False]
    assert limiter.allow("bob")
    clock.advance(timedelta(seconds=59))
    assert not limiter.allow("alice")
    clock.advance(timedelta(seconds=1))
    assert limiter.allow("alice")
    for i in range(1000):
        limiter.allow(f"member-{i}")
    assert len(limiter) == 100


async def test_item6_member_turns_run_one_at_a_time_and_forget_idle_members() -> None:
    turns = MemberTurns()
    order: list[str] = []

    async def react(key: str, name: str) -> None:
        async with turns.turn(key):
            order.append(f"{name} in")
            await asyncio.sleep(0.01)
            order.append(f"{name} out")

    await asyncio.gather(react("alice", "a1"), react("alice", "a2"), react("bob", "b1"))
    assert order.index("a1 out") < order.index("a2 in")
    assert order.index("b1 in") < order.index("a1 out")  # others don't wait
    assert len(turns) == 0
