"""Issue #12, item 1, in the core (SQLite and PostgreSQL): a channel reaches the core
only as one the platform resolved for the command's community (``CommandCall.channels``),
the core asks the delivery port whose channel it is before storing or posting, and a
schedule whose channel belongs to another community is paused and never posts."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import timedelta

import pytest

from bot.calendar.timing import EVERY_DAY
from bot.clock import ManualClock
from bot.config import Settings
from bot.delivery import ForeignChannel, Ownership
from bot.storage.records import Replan, ScheduleDraft
from bot.types import CommandCall, Reply, Tone
from bot.wiring import Core, running_core
from tests.fakes import (
    CHANNEL,
    COMMUNITY,
    START,
    RecordingDelivery,
    admin,
    assert_refused,
    context,
    db_rows,
    en,
)

THEIRS = "C-theirs"  # a channel of another community


@dataclass
class TwoCommunities(RecordingDelivery):
    """A platform on which THEIRS belongs to another community; it refuses to post there."""

    foreign: set[str] = field(default_factory=lambda: {THEIRS})
    asked: list[tuple[str, str]] = field(default_factory=list)

    async def ownership(self, community_id: str, channel_id: str) -> Ownership:
        self.asked.append((community_id, channel_id))
        return Ownership.FOREIGN if channel_id in self.foreign else Ownership.OWN

    async def send(self, community_id: str, channel_id: str, reply: Reply) -> str:
        if channel_id in self.foreign:
            raise ForeignChannel(f"#{channel_id} belongs to another community")
        return await super().send(community_id, channel_id, reply)


@pytest.fixture
async def core(settings: Settings, clock: ManualClock) -> AsyncIterator[Core]:
    async with running_core(settings, clock=clock) as running:
        running.attach_delivery(TwoCommunities(clock))
        yield running


def delivery(core: Core) -> TwoCommunities:
    found = core.scheduler.delivery
    assert isinstance(found, TwoCommunities)
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


@pytest.mark.parametrize(
    "words",
    [
        ("roots-config", "prompts", f"<#{THEIRS}>", "09:00"),
        ("roots-config", "digest", f"<#{THEIRS}>", "friday", "17:00"),
        ("challenge", "start", f"<#{THEIRS}>", "2026-03-26"),
        ("prompt", "now", f"<#{THEIRS}>"),
    ],
)
async def test_item1_the_core_asks_the_platform_whose_channel_it_is(core, words):
    """Even a channel an adapter passed as resolved is checked against the community."""
    (reply,) = await core.router.command(typed(*words, channels=(THEIRS,)))

    assert_refused(reply, "schedule.foreign_channel", channel=f"#{THEIRS}")
    assert (COMMUNITY, THEIRS) in delivery(core).asked
    nothing_stored_for(core, THEIRS)


async def test_item1_resolved_channels_of_the_community_still_work(core):
    (saved,) = await core.router.command(
        typed("roots-config", "prompts", "<#C-prompts>", "09:00", channels=("C-prompts",))
    )
    assert saved.tone is Tone.SUCCESS, saved.as_text()
    (started,) = await core.router.command(
        typed("challenge", "start", "<#C-prompts>", "2026-03-26", channels=("C-prompts",))
    )
    assert started.tone is Tone.SUCCESS, started.as_text()
    assert (COMMUNITY, "C-prompts") in delivery(core).asked
    assert [s.channel for s in delivery(core).sent] == ["C-prompts"]  # the announcement


async def store_foreign_schedules(core: Core) -> None:
    """Rows stored before the fix: our prompts and digest in their channel, plus our own
    prompts in our channel."""
    await admin(core, "roots-config", "show")  # our community's row
    for channel, kind in ((THEIRS, "prompt"), (THEIRS, "digest"), (CHANNEL, "prompt")):
        draft = ScheduleDraft(COMMUNITY, channel, kind, "09:00", "UTC", EVERY_DAY, "en")
        await core.store.upsert_schedule(draft, Replan(0, None, None))


def paused(core: Core) -> list[tuple[str, str, str | None]]:
    return db_rows(
        core, "SELECT channel_id, kind, paused_reason FROM schedules ORDER BY channel_id, kind"
    )


async def test_item1_existing_foreign_schedules_are_paused_and_never_post(core):
    await store_foreign_schedules(core)

    assert await core.scheduler.pause_foreign("discord") == 0  # another platform's only
    assert await core.scheduler.pause_foreign("test") == 2
    assert await core.scheduler.pause_foreign("test") == 0  # already paused
    assert paused(core) == [
        (CHANNEL, "prompt", None),
        (THEIRS, "digest", "foreign_channel"),
        (THEIRS, "prompt", "foreign_channel"),
    ]
    await core.scheduler.startup()
    await core.scheduler.advance_to(START + timedelta(days=8))
    assert {s.channel for s in delivery(core).sent} == {CHANNEL}
    assert db_rows(core, "SELECT count(*) FROM posts WHERE channel_id = ?", THEIRS) == [(0,)]

    # Our admins hear about it once, at their next command.
    replies = await core.router.command(typed("roots-config", "show"))
    notices = [r.as_text() for r in replies if r.tone is Tone.ERROR]
    assert notices == [
        en("schedule.paused_notice_foreign", kind=en(f"schedule.kind_{kind}"), channel=f"#{THEIRS}")
        for kind in ("prompt", "digest")  # by schedule id
    ]
    assert len(await core.router.command(typed("roots-config", "show"))) == 1


async def test_item1_a_foreign_channel_refused_at_send_pauses_without_retry(core):
    await store_foreign_schedules(core)  # no start-up sweep: the delivery refuses instead

    await core.scheduler.startup()
    await core.scheduler.advance_to(START + timedelta(days=3))

    assert paused(core)[1:] == [
        (THEIRS, "digest", "foreign_channel"),
        (THEIRS, "prompt", "foreign_channel"),
    ]
    attempts = db_rows(core, "SELECT status, attempts FROM posts WHERE channel_id = ?", THEIRS)
    assert attempts == [("failed", 1), ("failed", 1)]  # one try each, never retried
    assert {s.channel for s in delivery(core).sent} == {CHANNEL}
