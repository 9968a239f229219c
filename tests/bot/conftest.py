"""Fixtures: a manual clock and a running core on a real SQLite file."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.clock import ManualClock
from bot.config import Settings
from bot.wiring import Core, running_core
from tests.fakes import START


@pytest.fixture
def clock() -> ManualClock:
    """2026-03-25T10:00Z, a Wednesday."""
    return ManualClock(START)


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path}/roots.db"


@pytest.fixture
def settings(db_url: str) -> Settings:
    return Settings(database_url=db_url)


@pytest.fixture
async def core(settings: Settings, clock: ManualClock) -> AsyncIterator[Core]:
    async with running_core(settings, clock=clock) as running:
        yield running
