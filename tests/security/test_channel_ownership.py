"""Issue #12, item 1, in the core (SQLite and PostgreSQL): a channel reaches the core
only as one the platform resolved for the command's community (``CommandCall.channels``)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.clock import ManualClock
from bot.config import Settings
from bot.types import CommandCall
from bot.wiring import Core, running_core
from tests.fakes import (
    RecordingDelivery,
    assert_refused,
    context,
    db_rows,
)

THEIRS = "C-theirs"  # a channel of another community


@pytest.fixture
async def core(settings: Settings, clock: ManualClock) -> AsyncIterator[Core]:
    async with running_core(settings, clock=clock) as running:
        running.attach_delivery(RecordingDelivery(clock))
        yield running


def delivery(core: Core) -> RecordingDelivery:
    found = core.scheduler.delivery
    assert isinstance(found, RecordingDelivery)
    return found


def typed(*words: str, channels: tuple[str, ...] = ()) -> CommandCall:
    """An admin's command; ``channels``: the ids the platform resolved as this
    community's (a word like ``<#C1>`` typed in text is not one of them)."""
    return CommandCall(context("admin", admin=True), words[0], words[1:], channels=channels)


def nothing_stored_for(core: Core, channel: str) -> None:
    for table in ("schedules", "challenges", "posts"):
        found = db_rows(core, f"SELECT count(*) FROM {table} WHERE channel_id = ?", channel)
        assert found == [(0,)], table
    assert [s for s in delivery(core).sent if s.channel == channel] == []


TYPED_IN_TEXT = [
    ("roots-config", "prompts", f"<#{THEIRS}>", "09:00"),
    ("roots-config", "prompts", f"<#{THEIRS}>", "off"),
    ("roots-config", "digest", f"<#{THEIRS}>", "friday", "17:00"),
    ("roots-config", "prompts", "<#C-general>", f"<#{THEIRS}>", "09:00"),
    ("challenge", "start", f"<#{THEIRS}>", "2026-03-26"),
    ("challenge", "start", "2026-03-26", f"#{THEIRS}"),
    ("prompt", "now", f"<#{THEIRS}>"),
    ("prompt", "next", f"#{THEIRS}"),
]


@pytest.mark.parametrize("words", TYPED_IN_TEXT)
async def test_item1_a_channel_the_platform_did_not_resolve_is_refused(core, words):
    (reply,) = await core.router.command(typed(*words, channels=("C-general",)))

    assert_refused(reply, "schedule.channel_not_given")
    nothing_stored_for(core, THEIRS)
    assert delivery(core).sent == []
