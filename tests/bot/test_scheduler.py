"""The prompt scheduler on a simulated clock: DST, calendars, exactly once, catch-up,
failures, paused channels, restarts and two instances on one database."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.clock import ManualClock, SystemClock
from bot.config import Settings
from bot.delivery import Ownership
from bot.messages import text
from bot.storage.records import Replan
from bot.types import Reply, Tone
from bot.wiring import Core, running_core
from tests.fakes import RecordingDelivery, ask, db_rows, say, utc


@pytest.fixture
def db_file(tmp_path: Path) -> Path:
    return tmp_path / "roots.db"


@pytest.fixture
def settings(db_file: Path) -> Settings:  # overrides conftest's, same file name
    return Settings(database_url=f"sqlite:///{db_file}")


@pytest.fixture
async def core(settings: Settings, clock: ManualClock) -> AsyncIterator[Core]:
    async with running_core(settings, clock=clock) as running:
        running.attach_delivery(RecordingDelivery(clock))
        yield running


def delivered(core: Core) -> RecordingDelivery:
    found = core.scheduler.delivery
    assert isinstance(found, RecordingDelivery)
    return found


async def schedule(core: Core, *words: str, channel: str = "#general") -> Reply:
    reply = await ask(core, "roots-config", "prompts", channel, *words, actor="admin", admin=True)
    assert reply.tone is Tone.SUCCESS, reply.as_text()
    return reply


def posts(core: Core) -> list[tuple[str, str, int]]:
    return [
        (day, status, attempts)
        for day, status, attempts in db_rows(
            core, "SELECT local_date, status, attempts FROM posts ORDER BY post_id"
        )
    ]


# ---------------------------------------------------------------- DST and calendars


@pytest.mark.parametrize(
    ("start", "at", "zone", "until", "expected"),
    [
        pytest.param(
            utc(2026, 3, 27, 12),
            "02:30",
            "Europe/Paris",
            utc(2026, 3, 31),
            [utc(2026, 3, 28, 1, 30), utc(2026, 3, 29, 1, 0), utc(2026, 3, 30, 0, 30)],
            id="paris-spring-forward",  # 02:30 does not exist on 29 March: 03:00 CEST
        ),
        pytest.param(
            utc(2026, 10, 23, 12),
            "02:30",
            "Europe/Paris",
            utc(2026, 10, 27),
            [utc(2026, 10, 24, 0, 30), utc(2026, 10, 25, 0, 30), utc(2026, 10, 26, 1, 30)],
            id="paris-fall-back",  # 02:30 happens twice on 25 October: the first one
        ),
        pytest.param(
            utc(2025, 3, 7, 12),
            "02:30",
            "America/New_York",
            utc(2025, 3, 11),
            [utc(2025, 3, 8, 7, 30), utc(2025, 3, 9, 7, 0), utc(2025, 3, 10, 6, 30)],
            id="new-york-spring-forward",
        ),
        pytest.param(
            utc(2025, 10, 31, 12),
            "01:30",
            "America/New_York",
            utc(2025, 11, 4),
            [utc(2025, 11, 1, 5, 30), utc(2025, 11, 2, 5, 30), utc(2025, 11, 3, 6, 30)],
            id="new-york-fall-back",
        ),
        pytest.param(
            utc(2026, 10, 2),
            "02:15",
            "Australia/Lord_Howe",
            utc(2026, 10, 5),
            [utc(2026, 10, 2, 15, 45), utc(2026, 10, 3, 15, 30), utc(2026, 10, 4, 15, 15)],
            id="lord-howe-30-minute-gap",
        ),
        pytest.param(
            utc(2026, 4, 3),
            "01:45",
            "Australia/Lord_Howe",
            utc(2026, 4, 6),
            [utc(2026, 4, 3, 14, 45), utc(2026, 4, 4, 14, 45), utc(2026, 4, 5, 15, 15)],
            id="lord-howe-30-minute-overlap",
        ),
    ],
)
async def test_posts_follow_the_local_calendar_across_dst(
    core, clock, start, at, zone, until, expected
):
    clock.set(start)
    await schedule(core, at, zone)

    await core.scheduler.advance_to(until)

    assert [s.at for s in delivered(core).sent] == expected
    assert len({day for day, _, _ in posts(core)}) == len(expected)  # one row per date


async def test_a_date_the_zone_skipped_posts_nothing(core, clock):
    clock.set(utc(2011, 12, 27, 12))
    await schedule(core, "09:00", "Pacific/Apia")

    await core.scheduler.advance_to(utc(2012, 1, 1, 12))

    assert [day for day, _, _ in posts(core)] == [
        "2011-12-27",
        "2011-12-28",
        "2011-12-29",
        "2011-12-31",  # 2011-12-30 never happened in Samoa
        "2012-01-01",
    ]
    assert len(delivered(core).sent) == 5


async def test_weekdays_only(core, clock):  # clock starts Wednesday 2026-03-25 10:00 UTC
    await schedule(core, "09:00", "Europe/Paris", "weekdays")

    await core.scheduler.advance_to(utc(2026, 4, 2, 12))

    assert [day for day, _, _ in posts(core)] == [
        "2026-03-26",
        "2026-03-27",
        "2026-03-30",
        "2026-03-31",
        "2026-04-01",
        "2026-04-02",
    ]


async def test_the_post_reads_like_a_prompt_with_a_checkin_button(core, clock):
    await schedule(core, "11:00", "UTC")

    await core.scheduler.advance_to(utc(2026, 3, 25, 11))

    (sent,) = delivered(core).sent
    assert sent.channel == "general"
    assert sent.reply.as_text().startswith(text("en", "prompt.title"))
    assert text("en", "prompt.checkin_hint") in sent.reply.as_text()
    (button,) = sent.reply.buttons
    ((post_id, message_id),) = db_rows(core, "SELECT post_id, platform_message_id FROM posts")
    assert (button.action_id, button.value) == ("roots:checkin", str(post_id))
    assert message_id == "m1"


async def test_the_scheduler_wakes_once_per_due_instant_not_every_minute(core, clock):
    await schedule(core, "09:00", "UTC", channel="#a")
    await schedule(core, "09:00", "UTC", channel="#b")
    await schedule(core, "18:00", "UTC", channel="#c")

    await core.scheduler.advance_to(utc(2026, 4, 1, 10))  # 7 days of 09:00 and 18:00

    assert len(delivered(core).sent) == 7 * 3
    assert core.scheduler.wakeups == 7 * 2


async def test_changing_a_schedule_replans_it(core, clock):
    await schedule(core, "09:00", "UTC")
    await schedule(core, "10:30", "UTC")  # today, still ahead

    await core.scheduler.advance_to(utc(2026, 3, 25, 23))

    assert [s.at for s in delivered(core).sent] == [utc(2026, 3, 25, 10, 30)]


async def test_the_background_task_sleeps_until_due_and_wakes_on_changes(core, clock):
    task = core.scheduler.start()
    try:
        await asyncio.sleep(0.05)
        await schedule(core, "10:30", "UTC")
        clock.set(utc(2026, 3, 25, 10, 30))
        for _ in range(100):
            if delivered(core).sent:
                break
            await asyncio.sleep(0.01)
        assert [s.at for s in delivered(core).sent] == [utc(2026, 3, 25, 10, 30)]
    finally:
        await core.scheduler.stop()
    assert task.done()


# ---------------------------------------------------------------- restarts


async def restart(settings: Settings, clock: ManualClock) -> AsyncIterator[Core]:
    async with running_core(settings, clock=clock) as again:
        again.attach_delivery(RecordingDelivery(clock, tag="n"))
        await again.scheduler.startup()
        yield again


@pytest.mark.parametrize("offset", [-1, 1])
async def test_a_restart_around_the_due_time_posts_exactly_once(settings, clock, offset):
    async with running_core(settings, clock=clock) as first:
        first.attach_delivery(RecordingDelivery(clock))
        await schedule(first, "11:00", "UTC")
        await first.scheduler.advance_to(utc(2026, 3, 25, 11) + timedelta(seconds=offset))
        before = len(delivered(first).sent)
        assert before == (1 if offset > 0 else 0)

    async for second in restart(settings, clock):
        await second.scheduler.advance_to(utc(2026, 3, 27, 12))
        after = len(delivered(second).sent)
        assert [day for day, _, _ in posts(second)] == ["2026-03-25", "2026-03-26", "2026-03-27"]
        assert {status for _, status, _ in posts(second)} == {"sent"}
        assert before + after == 3


async def test_down_across_the_due_time_and_back_a_second_later_posts_on_time(settings, clock):
    async with running_core(settings, clock=clock) as first:
        first.attach_delivery(RecordingDelivery(clock))
        await schedule(first, "11:00", "UTC")
        await first.scheduler.advance_to(utc(2026, 3, 25, 10, 59, 59))
    clock.set(utc(2026, 3, 25, 11, 0, 1))  # the due time passed while down

    async for second in restart(settings, clock):
        await second.scheduler.run_due()
        (sent,) = delivered(second).sent
        assert text("en", "prompt.late") not in sent.reply.as_text()
        await second.scheduler.run_due()
        assert len(delivered(second).sent) == 1


async def test_a_post_left_in_doubt_by_a_crash_is_not_sent_again(settings, clock, caplog):
    class Hanging(RecordingDelivery):
        async def send(self, community_id: str, channel_id: str, reply: Reply) -> str:
            await asyncio.Event().wait()  # the process dies while sending
            return "never"

    async with running_core(settings, clock=clock) as first:
        first.attach_delivery(Hanging(clock))
        await schedule(first, "11:00", "UTC")
        clock.set(utc(2026, 3, 25, 11))
        crashing = asyncio.create_task(first.scheduler.run_due())
        for _ in range(200):
            if db_rows(first, "SELECT status FROM posts"):
                break
            await asyncio.sleep(0.01)
        crashing.cancel()
        with pytest.raises(asyncio.CancelledError):
            await crashing
    clock.set(utc(2026, 3, 25, 11, 30))

    with caplog.at_level(logging.WARNING):
        async for second in restart(settings, clock):
            await second.scheduler.advance_to(utc(2026, 3, 26, 12))
            assert posts(second) == [("2026-03-25", "claimed", 0), ("2026-03-26", "sent", 1)]
            assert [s.at for s in delivered(second).sent] == [utc(2026, 3, 26, 11)]
    assert "never confirmed" in caplog.text


# ---------------------------------------------------------------- catch-up


async def test_downtime_inside_the_catch_up_window_posts_once_late(settings, clock):
    async with running_core(settings, clock=clock) as first:
        first.attach_delivery(RecordingDelivery(clock))
        await schedule(first, "11:00", "UTC")
    clock.set(utc(2026, 3, 25, 13, 30))  # 2 h 30 late; the default window is 3 h

    async for second in restart(settings, clock):
        await second.scheduler.run_due()
        (sent,) = delivered(second).sent
        assert sent.at == utc(2026, 3, 25, 13, 30)
        assert text("en", "prompt.late") in sent.reply.as_text()
        await second.scheduler.advance_to(utc(2026, 3, 26, 12))
        assert posts(second) == [("2026-03-25", "sent", 1), ("2026-03-26", "sent", 1)]


async def test_downtime_beyond_the_catch_up_window_skips_and_logs(settings, clock, caplog):
    async with running_core(settings, clock=clock) as first:
        first.attach_delivery(RecordingDelivery(clock))
        await schedule(first, "11:00", "UTC")
        reply = await ask(first, "roots-config", "catchup", "1h", actor="admin", admin=True)
        assert reply.as_text() == text("en", "schedule.catchup_saved", minutes=60)
    clock.set(utc(2026, 3, 25, 12, 30))

    with caplog.at_level(logging.WARNING):
        async for second in restart(settings, clock):
            await second.scheduler.advance_to(utc(2026, 3, 26, 12))
            assert posts(second) == [("2026-03-25", "skipped", 0), ("2026-03-26", "sent", 1)]
            assert [s.at for s in delivered(second).sent] == [utc(2026, 3, 26, 11)]
    assert "beyond the catch-up window" in caplog.text


async def test_only_the_latest_missed_post_is_caught_up(settings, clock, caplog):
    async with running_core(settings, clock=clock) as first:
        first.attach_delivery(RecordingDelivery(clock))
        await schedule(first, "11:00", "UTC")
    clock.set(utc(2026, 3, 28, 12))  # down for three days

    with caplog.at_level(logging.WARNING):
        async for second in restart(settings, clock):
            await second.scheduler.run_due()
            assert posts(second) == [("2026-03-28", "sent", 1)]
            assert len(delivered(second).sent) == 1
    assert "were missed while Roots was offline" in caplog.text


async def test_a_zero_catch_up_window_never_posts_late(settings, clock):
    async with running_core(settings, clock=clock) as first:
        first.attach_delivery(RecordingDelivery(clock))
        await schedule(first, "11:00", "UTC")
        await ask(first, "roots-config", "catchup", "0", actor="admin", admin=True)
    clock.set(utc(2026, 3, 25, 11, 10))

    async for second in restart(settings, clock):
        await second.scheduler.run_due()
        assert posts(second) == [("2026-03-25", "skipped", 0)]


@pytest.mark.parametrize("bad", ["soon", "-1", "3x", "100h"])
async def test_a_bad_catch_up_window_is_refused_politely(core, bad):
    await ask(core, "help")  # the community exists
    before = db_rows(core, "SELECT catchup_minutes FROM communities")

    reply = await ask(core, "roots-config", "catchup", bad, actor="admin", admin=True)

    assert reply.tone is Tone.ERROR
    assert reply.as_text() == text("en", "schedule.bad_catchup", value=bad, high=48 * 60)
    assert db_rows(core, "SELECT catchup_minutes FROM communities") == before


# ---------------------------------------------------------------- failures


async def test_a_failed_send_is_retried_then_succeeds(core, clock, caplog):
    await schedule(core, "11:00", "UTC")
    delivered(core).fail_next = 1

    with caplog.at_level(logging.WARNING):
        await core.scheduler.advance_to(utc(2026, 3, 25, 11))
        assert posts(core) == [("2026-03-25", "failed", 1)]
        await core.scheduler.advance_to(utc(2026, 3, 25, 11, 30))

    assert posts(core) == [("2026-03-25", "sent", 2)]
    assert [s.at for s in delivered(core).sent] == [utc(2026, 3, 25, 11, 1)]
    assert "attempt 1 of 3" in caplog.text


async def test_retries_are_bounded_then_logged_not_looped(core, clock, caplog):
    await schedule(core, "11:00", "UTC")
    delivered(core).fail_next = 100

    with caplog.at_level(logging.WARNING):
        await core.scheduler.advance_to(utc(2026, 3, 25, 23))

    assert posts(core) == [("2026-03-25", "failed", 3)]
    assert db_rows(core, "SELECT next_attempt_at FROM posts") == [(None,)]
    assert "failed 3 times; giving up" in caplog.text
    assert core.scheduler.wakeups == 3
    delivered(core).fail_next = 0
    await core.scheduler.advance_to(utc(2026, 3, 26, 12))
    assert posts(core)[-1] == ("2026-03-26", "sent", 1)  # the schedule goes on


async def test_a_gone_channel_pauses_its_schedule_and_admins_hear_of_it(core, clock):
    await schedule(core, "11:00", "UTC", channel="#old")
    await schedule(core, "11:00", "UTC", channel="#general")
    delivered(core).gone.add("old")

    await core.scheduler.advance_to(utc(2026, 3, 27, 12))

    assert [s.channel for s in delivered(core).sent] == ["general"] * 3
    assert db_rows(core, "SELECT channel_id, paused_reason FROM schedules ORDER BY 1") == [
        ("general", None),
        ("old", "channel_unavailable"),
    ]
    # A member's command says nothing about it; the next admin command does, once.
    assert len(await say(core, "leaderboard", actor="bob")) == 1
    first = await say(core, "leaderboard", actor="admin", admin=True)
    assert len(first) == 2
    assert first[1].as_text() == text(
        "en",
        "schedule.paused_notice",
        kind=text("en", "schedule.kind_prompt"),
        channel="#old",
    )
    assert len(await say(core, "leaderboard", actor="admin", admin=True)) == 1
    # Setting the schedule again resumes it.
    await schedule(core, "11:00", "UTC", channel="#old")
    delivered(core).gone.clear()
    await core.scheduler.advance_to(utc(2026, 3, 28, 12))
    assert sorted(s.channel for s in delivered(core).sent[-2:]) == ["general", "old"]


# ---------------------------------------------------------------- two instances


async def test_two_schedulers_on_one_database_post_everything_exactly_once(settings, clock):
    clock.set(utc(2026, 3, 20, 12))
    zones = [
        ("#paris", "02:30", "Europe/Paris"),
        ("#nyc", "01:30", "America/New_York"),
        ("#howe", "02:15", "Australia/Lord_Howe"),
        ("#utc", "00:00", "UTC"),
        ("#week", "09:00", "Asia/Tokyo", "weekdays"),
    ]
    async with (
        running_core(settings, clock=clock) as a,
        running_core(settings, clock=clock) as b,
    ):
        a.attach_delivery(RecordingDelivery(clock, tag="a"))
        b.attach_delivery(RecordingDelivery(clock, tag="b"))
        for channel, *words in zones:
            await schedule(a, *words, channel=channel)
        end = clock.now() + timedelta(days=30)
        step = 0
        while True:
            nxt = await a.store.earliest_due()
            if nxt is None or nxt > end:
                break
            clock.set(nxt)
            first, second = (a, b) if step % 2 else (b, a)
            await asyncio.gather(first.scheduler.run_due(), second.scheduler.run_due())
            step += 1

        sent = delivered(a).sent + delivered(b).sent
        assert delivered(a).sent and delivered(b).sent  # both took part
        rows = db_rows(a, "SELECT channel_id, local_date, status FROM posts")
        assert len(rows) == len(sent)
        assert {status for _, _, status in rows} == {"sent"}
        keys = [(channel, day) for channel, day, _ in rows]
        assert len(set(keys)) == len(keys)
        per_channel = {c: sum(1 for k in keys if k[0] == c) for c in ("paris", "nyc", "howe")}
        assert per_channel == {"paris": 30, "nyc": 30, "howe": 30}
        assert sum(1 for k in keys if k[0] == "utc") in (30, 31)
        assert sum(1 for k in keys if k[0] == "week") == 20


async def test_on_a_real_clock_the_task_sleeps_until_the_planned_instant(settings):
    clock = SystemClock()
    async with running_core(settings, clock=clock) as real:
        delivery = RecordingDelivery(ManualClock(clock.now()))
        real.attach_delivery(delivery)
        now = clock.now()
        await schedule(real, f"{now:%H:%M}", "UTC")
        (schedule_id,) = db_rows(real, "SELECT schedule_id FROM schedules")[0]
        # Plan the fire a moment from now (schedules have minute resolution).
        await real.store.replan([Replan(schedule_id, now.date(), now + timedelta(seconds=0.3))])
        real.scheduler.start()
        for _ in range(1000):
            if real.scheduler.sent:  # counted once the send is recorded
                break
            await asyncio.sleep(0.01)
        await real.scheduler.stop()

        assert len(delivery.sent) == 1
        assert posts(real) == [(now.date().isoformat(), "sent", 1)]
        assert real.scheduler.wakeups <= 3  # woke for the post, not in a polling loop


async def test_two_platforms_in_one_process_each_get_their_own_posts(tmp_path) -> None:
    """Slack and Discord share one scheduler: each community's post goes to its platform."""
    from bot.clock import ManualClock
    from bot.config import Settings
    from bot.storage.records import CommunityDefaults
    from bot.types import Plain, Reply
    from bot.wiring import running_core

    class Recorder:
        def __init__(self) -> None:
            self.sent: list[tuple[str, str]] = []

        async def send(self, community_id: str, channel_id: str, reply: Reply) -> str:
            self.sent.append((community_id, channel_id))
            return f"m{len(self.sent)}"

        async def edit(self, *args: object) -> bool:
            return False

        async def ownership(self, community_id: str, channel_id: str) -> Ownership:
            return Ownership.UNKNOWN  # cannot tell: ``send`` decides

    settings = Settings(database_url=f"sqlite:///{tmp_path}/roots.db")
    async with running_core(settings, clock=ManualClock(datetime(2026, 3, 25, tzinfo=UTC))) as core:
        for community, platform in (("T1", "slack"), ("G1", "discord")):
            await core.store.get_community(community, CommunityDefaults(platform, "UTC", "en"))
        slack, discord = Recorder(), Recorder()
        core.attach_delivery(slack, platform="slack")
        core.attach_delivery(discord, platform="discord")
        hello = Reply((Plain("hello"),))
        assert await core.scheduler.delivery.send("T1", "C1", hello) == "m1"
        assert await core.scheduler.delivery.send("G1", "42", hello) == "m1"
    assert slack.sent == [("T1", "C1")]
    assert discord.sent == [("G1", "42")]
