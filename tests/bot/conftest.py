"""Fixtures: a manual clock and a running core on a real database.

``db_url`` (and so ``settings`` and ``core``) runs each test twice: on a SQLite file
and on a PostgreSQL schema of its own (skipped when no server is reachable).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.clock import ManualClock
from bot.config import Settings
from bot.wiring import Core, running_core
from tests.fakes import START
from tests.storage import pg


@pytest.fixture
def clock() -> ManualClock:
    """2026-03-25T10:00Z, a Wednesday."""
    return ManualClock(START)


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/roots.db"
    url: str = request.getfixturevalue("postgres_url")
    if hasattr(request.module, "db_rows"):  # tests peek at rows with SQLite's placeholders

        def db_rows(core: Any, sql: str, *params: object) -> list[tuple[Any, ...]]:
            return pg.rows(url, sql, *params)

        monkeypatch.setattr(request.module, "db_rows", db_rows)
    return url


@pytest.fixture
def settings(db_url: str) -> Settings:
    return Settings(database_url=db_url)


@pytest.fixture
async def core(settings: Settings, clock: ManualClock) -> AsyncIterator[Core]:
    async with running_core(settings, clock=clock) as running:
        yield running
