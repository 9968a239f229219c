"""Run the real Roots bot against the fake Discord, on a real SQLite file."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from adapters.discord.bot import RootsBot, ShardedRootsBot, create_bot
from adapters.discord.config import DiscordSettings
from bot.clock import ManualClock
from bot.config import Settings
from bot.storage.records import ShardScope
from bot.wiring import Core, running_core
from tests.adapters.discord.fake_discord import FakeDiscord, user
from tests.fakes import START

ALICE = user(400000000000000001, "alice")
BOB = user(400000000000000002, "bob")
CAROL = user(400000000000000003, "carol")
DAVE = user(400000000000000004, "dave")
ADMIN = user(400000000000000009, "admin")
OTHER_BOT = user(400000000000000099, "otherbot", bot=True)


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    server = await FakeDiscord().start()
    try:
        yield server
    finally:
        await server.stop()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "roots.db"


@contextlib.asynccontextmanager
async def core_on(db_path: Path, scope: ShardScope | None = None) -> AsyncIterator[Core]:
    settings = Settings(database_url=f"sqlite:///{db_path}")
    async with running_core(settings, clock=ManualClock(START), scope=scope) as core:
        yield core


@pytest.fixture
async def core(db_path: Path) -> AsyncIterator[Core]:
    async with core_on(db_path) as running:
        yield running


def settings_for(fake: FakeDiscord, **overrides: Any) -> DiscordSettings:
    return replace(DiscordSettings(token="fake-token", api_url=fake.api_url), **overrides)


@contextlib.asynccontextmanager
async def bot_on(
    fake: FakeDiscord, core: Core, **overrides: Any
) -> AsyncIterator[RootsBot | ShardedRootsBot]:
    settings = settings_for(fake, **overrides)
    bot = create_bot(core, settings)
    sessions_before = len(fake.sessions)
    task = asyncio.create_task(bot.start(settings.token))
    try:
        await fake.wait_for(lambda: task.done() or len(fake.sessions) > sessions_before, within=10)
        if task.done():
            task.result()
        yield bot
    finally:
        await bot.close()
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.wait_for(task, 5)


@pytest.fixture
async def bot(fake: FakeDiscord, core: Core) -> AsyncIterator[RootsBot | ShardedRootsBot]:
    async with bot_on(fake, core) as running:
        yield running
