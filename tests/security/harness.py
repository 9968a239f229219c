"""Roots on the fake Slack and the fake Discord, for the security tests of issue #12.

The fixtures of tests/adapters/{slack,discord}/conftest.py as context managers, so
that test modules here can build their own fixtures without a conftest of their own.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import AsyncIterator
from pathlib import Path

from bot.clock import ManualClock
from bot.config import Settings
from bot.wiring import running_core
from tests.adapters.slack.conftest import Roots, serving, workspace
from tests.adapters.slack.fake_slack import FakeSlack
from tests.fakes import START


@contextlib.asynccontextmanager
async def slack_roots(tmp_path: Path) -> AsyncIterator[Roots]:
    """Roots in HTTP mode against a fresh fake Slack (the workspace of the Slack tests)."""
    fake = FakeSlack()
    workspace(fake)
    await fake.start()
    settings = Settings(database_url=f"sqlite:///{tmp_path}/roots.db")
    try:
        async with (
            running_core(settings, clock=ManualClock(START)) as core,
            serving(core, fake) as running,
        ):
            yield running
    finally:
        await fake.stop()


class Stopwatch:
    """A monotonic clock the test moves by hand (for the users.info cache)."""

    def __init__(self) -> None:
        self.now = time.monotonic()  # profiles learned before the swap stay consistent

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def directory_clock(roots: Roots) -> Stopwatch:
    """Give the running adapter's users.info cache a clock the test moves."""
    watch = Stopwatch()
    roots.runtime.adapter.directory.clock = watch
    return watch
