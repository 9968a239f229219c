"""The 7-day Roots challenge and the weekly digest, on a simulated clock."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.builtin_prompts import CHALLENGE_PROMPTS
from bot.clock import ManualClock
from bot.config import Settings
from bot.types import Tone, Visibility
from bot.wiring import Core, running_core
from tests.fakes import (
    RecordingDelivery,
    admin,
    ask,
    assert_refused,
    db_rows,
    en,
    member,
    say,
    sent,
    thank,
    utc,
)


@pytest.fixture
async def core(settings: Settings, clock: ManualClock) -> AsyncIterator[Core]:
    async with running_core(settings, clock=clock) as running:
        running.attach_delivery(RecordingDelivery(clock))
        yield running


# ---------------------------------------------------------------- the challenge


async def test_an_admin_announces_the_challenge(core):
    reply = await admin(core, "challenge", "start", "2026-03-30")

    assert reply.visibility is Visibility.PUBLIC
    assert reply.as_text() == "\n".join(
        [
            en("challenge.announce_title"),
            en(
                "challenge.announce",
                channel="#C-general",
                date="Monday, March 30",
                time="09:00",
                zone="UTC",
            ),
            en("challenge.are_you_in"),
        ]
    )
    assert db_rows(core, "SELECT channel_id, start_date, end_date, status FROM challenges") == [
        ("C-general", "2026-03-30", "2026-04-06", "active")
    ]


async def test_starting_is_for_admins_with_a_sensible_date(core):
    assert_refused(await ask(core, "challenge", "start", actor="bob"), "error.admin_only")
    assert_refused(
        await admin(core, "challenge", "start", "2020-01-01"),
        "challenge.bad_start",
        value="2020-01-01",
    )
    assert_refused(
        await admin(core, "challenge", "start", "next-week"),
        "challenge.bad_start",
        value="next-week",
    )
    assert db_rows(core, "SELECT count(*) FROM challenges") == [(0,)]
    await admin(core, "challenge", "start")
    assert_refused(await admin(core, "challenge", "start"), "challenge.already_running")
    assert db_rows(core, "SELECT start_date FROM challenges") == [("2026-03-26",)]  # tomorrow


async def test_members_join_and_leave(core):
    assert_refused(await ask(core, "challenge", "join", actor="bob"), "challenge.none")
    await admin(core, "challenge", "start", "2026-03-26")

    joined = await ask(core, "challenge", "join", actor="bob")
    again = await ask(core, "challenge", "join", actor="bob")
    left = await ask(core, "challenge", "leave", actor="carol")

    assert joined.as_text() == en("challenge.joined", name="@bob", date="Thursday, March 26")
    assert joined.visibility is Visibility.PUBLIC
    assert again.as_text() == en("challenge.already_in")
    assert left.as_text() == en("challenge.not_in")
    assert (await ask(core, "challenge", "leave", actor="bob")).as_text() == en("challenge.left")
    assert db_rows(
        core, "SELECT member_id, active FROM challenge_participants ORDER BY member_id"
    ) == [("U-admin", 1), ("U-bob", 0)]
    bot_reply = await ask(core, "challenge", "join", actor=member("helper", bot=True))
    assert_refused(bot_reply, "challenge.bot")


async def test_a_week_of_challenge_days_then_a_recap(core, clock):
    await admin(core, "challenge", "start", "2026-03-26")
    for who in ("alice", "bob", "carol"):
        await ask(core, "challenge", "join", actor=who)
    await ask(core, "challenge", "leave", actor="admin")

    for day in range(26, 33):  # 26 March .. 1 April: days 1 to 7
        await core.scheduler.advance_to(utc(2026, 3, day, 9) if day <= 31 else utc(2026, 4, 1, 9))
        await ask(core, "done", actor="alice")
        if day % 2:
            await ask(core, "done", actor="bob")
    await thank(core, "carol", "alice")
    await say(core, "done", member("bob"), "thanks", "for", "the", "week", actor="carol")

    status = await ask(core, "challenge", "status", actor="bob")
    assert status.as_text().splitlines() == [
        en("challenge.status_day", day=7, total=7),
        en("challenge.progress", name="@alice", count=7, total=7),
        en("challenge.progress", name="@bob", count=3, total=7),
        en("challenge.progress", name="@carol", count=1, total=7),
    ]

    await core.scheduler.advance_to(utc(2026, 4, 3, 12))

    posts = sent(core)
    assert len(posts) == 8
    for n, (post, prompt) in enumerate(zip(posts, CHALLENGE_PROMPTS, strict=False), start=1):
        assert post.as_text().splitlines()[:2] == [
            en("challenge.day_title", day=n, total=7),
            prompt.text_for("en"),
        ]
    recap = posts[-1]
    assert recap.as_text().splitlines() == [
        en("challenge.recap_title"),
        en("challenge.recap_body"),
        en("challenge.recap_participants", count=3),
        "@alice, @bob, @carol",
        en("challenge.recap_completed", names="@alice"),
        en("challenge.recap_kudos", count=2),
    ]
    assert db_rows(core, "SELECT status FROM challenges") == [("ended",)]
    assert db_rows(core, "SELECT enabled, next_due_at FROM schedules") == [(0, None)]
    assert_refused(await ask(core, "challenge", "status"), "challenge.none")


async def test_the_challenge_posts_at_the_channel_prompt_time(core, clock):
    await admin(core, "roots-config", "prompts", "#C-general", "07:30", "Europe/Paris")
    await admin(core, "challenge", "start", "2026-03-26")

    await core.scheduler.advance_to(utc(2026, 3, 26, 12))

    delivery = core.scheduler.delivery
    assert isinstance(delivery, RecordingDelivery)
    assert [(s.at, s.reply.as_text().splitlines()[0]) for s in delivery.sent] == [
        (utc(2026, 3, 26, 6, 30), en("prompt.title")),
        (utc(2026, 3, 26, 6, 30), en("challenge.day_title", day=1, total=7)),
    ]


# ---------------------------------------------------------------- the weekly digest


async def test_the_weekly_digest(core, clock):
    reply = await admin(core, "roots-config", "digest", "#C-general", "friday", "17:00")
    assert reply.tone is Tone.SUCCESS
    assert reply.as_text() == en(
        "schedule.saved_digest",
        channel="#C-general",
        time="17:00",
        zone="UTC",
        days="Friday",
        next="Friday, March 27 at 5:00\u202fPM (UTC)",
    )
    await thank(core, "alice", "bob")
    await thank(core, "bob", "alice")
    await thank(core, "carol", "bob")

    await core.scheduler.advance_to(utc(2026, 3, 27, 18))

    (digest,) = sent(core)
    assert digest.visibility is Visibility.PUBLIC
    assert digest.as_text().splitlines() == [
        en("digest.title"),
        en("digest.body"),
        en("digest.kudos", kudos=3, count=3),
        en("digest.connections", count=2),
        en("digest.top_givers", names="@alice (1), @bob (1), @carol (1)"),
        en("digest.checkins", count=0),
    ]
    # Next week counts only next week's kudos; an old pair is not a new connection.
    clock.set(utc(2026, 3, 30, 10))
    await thank(core, "alice", "bob")
    await core.scheduler.advance_to(utc(2026, 4, 3, 18))
    assert sent(core)[-1].as_text().splitlines()[2:4] == [
        en("digest.kudos", kudos=1, count=1),
        en("digest.connections", count=0),
    ]


async def test_a_digest_can_be_switched_off(core, clock):
    await admin(core, "roots-config", "digest", "#C-general", "17:00")
    off = await admin(core, "roots-config", "digest", "#C-general", "off")

    assert off.as_text() == en("schedule.switched_off", channel="#C-general")
    await core.scheduler.advance_to(utc(2026, 4, 10))
    assert sent(core) == []


async def test_a_challenge_whose_recap_never_came_ends_by_itself(core, clock):
    await admin(core, "challenge", "start", "2026-03-26")
    clock.set(utc(2026, 4, 10, 12))  # Roots was down for the whole week and more

    assert_refused(await ask(core, "challenge", "status"), "challenge.none")
    again = await admin(core, "challenge", "start")
    assert again.tone is Tone.SUCCESS
    assert db_rows(core, "SELECT status FROM challenges ORDER BY challenge_id") == [
        ("ended",),
        ("active",),
    ]


async def test_a_challenge_in_another_channel_is_announced_there_too(core):
    reply = await admin(core, "challenge", "start", "#C-together", "2026-03-27")

    (posted,) = sent(core)
    assert posted.as_text() == reply.as_text()
    assert (
        en(
            "challenge.announce",
            channel="#C-together",
            date="Friday, March 27",
            time="09:00",
            zone="UTC",
        )
        in reply.as_text()
    )
    delivery = core.scheduler.delivery
    assert isinstance(delivery, RecordingDelivery)
    assert delivery.sent[0].channel == "C-together"


async def test_the_digest_counts_prompts_answered(core, clock):
    await admin(core, "roots-config", "prompts", "#C-general", "11:00", "UTC")
    await admin(core, "roots-config", "digest", "#C-general", "friday", "17:00")
    for day in (25, 26, 27):
        await core.scheduler.advance_to(utc(2026, 3, day, 11))
        await ask(core, "done", actor="alice")
    await ask(core, "done", actor="bob")

    await core.scheduler.advance_to(utc(2026, 3, 27, 18))

    digest = sent(core)[-1]
    assert digest.as_text().splitlines()[0] == en("digest.title")
    assert en("digest.checkins", count=4) in digest.as_text()
