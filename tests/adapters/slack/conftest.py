"""Roots in HTTP mode on a free loopback port, talking to a local fake Slack."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from adapters.slack import SlackRuntime, SlackSettings, run_slack
from bot.clock import ManualClock
from bot.config import Settings
from bot.wiring import Core, running_core
from tests.adapters.slack.fake_slack import BOT_TOKEN, SECRET, FakeSlack, SlackDriver, user
from tests.fakes import START

ALICE, BOB, CAROL, ADMIN, OWNER, HELPER, BOTU = (
    "U0ALICE",
    "U0BOB",
    "U0CAROL",
    "U0ADMIN",
    "U0OWNER",
    "U0HELPER",
    "U0BOT",
)


@dataclass
class Roots:
    core: Core
    runtime: SlackRuntime
    fake: FakeSlack
    slack: SlackDriver


def workspace(fake: FakeSlack) -> None:
    fake.users.update(
        {
            ALICE: user(ALICE, "Alice"),
            BOB: user(BOB, "Bob"),
            CAROL: user(CAROL, "Carol"),
            ADMIN: user(ADMIN, "Ada", is_admin=True),
            OWNER: user(OWNER, "Olga", is_owner=True),
            HELPER: user(HELPER, "Hugo"),
            BOTU: user(BOTU, "Deploybot", is_bot=True),
        }
    )


@pytest.fixture
async def fake() -> AsyncIterator[FakeSlack]:
    server = FakeSlack()
    workspace(server)
    await server.start()
    yield server
    await server.stop()


def slack_settings(fake: FakeSlack) -> SlackSettings:
    return SlackSettings(
        bot_token=BOT_TOKEN,
        signing_secret=SECRET,
        api_url=fake.api_url,
        http_port=0,
        admins=frozenset({HELPER}),
    )


@pytest.fixture
async def core(tmp_path: Path) -> AsyncIterator[Core]:
    settings = Settings(database_url=f"sqlite:///{tmp_path}/roots.db")
    async with running_core(settings, clock=ManualClock(START)) as running:
        yield running


@contextlib.asynccontextmanager
async def serving(core: Core, fake: FakeSlack) -> AsyncIterator[Roots]:
    """Roots in HTTP mode on ``core``, in front of ``fake``, until the block ends."""
    loop = asyncio.get_running_loop()
    started: asyncio.Future[SlackRuntime] = loop.create_future()
    task = asyncio.create_task(
        run_slack(core, slack_settings(fake), host="127.0.0.1", ready=started.set_result)
    )
    runtime = await asyncio.wait_for(started, 10)
    assert runtime.server is not None
    # The member directory is filled from users.list in the background: tests start
    # once it has been (members added to the fake later are looked up on demand).
    await asyncio.wait_for(runtime.adapter.filled.wait(), 10)
    driver = SlackDriver(f"http://127.0.0.1:{runtime.server.port}", fake)
    try:
        yield Roots(core, runtime, fake, driver)
    finally:
        await driver.close()
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


@pytest.fixture
async def roots(core: Core, fake: FakeSlack) -> AsyncIterator[Roots]:
    async with serving(core, fake) as running:
        yield running
