"""Reconnect (issue 16): suggestions, "Not now", memories and the weekly nudge.

Every test runs on SQLite and on PostgreSQL (the ``core`` fixture), on a manual clock.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from bot.clock import ManualClock
from bot.config import Settings
from bot.messages import text as catalog
from bot.services.reconnect import SNOOZE_ACTION, THANK_ACTION, add_months, anniversaries
from bot.storage.records import NUDGE_KIND
from bot.types import ButtonClicked, Member, Reply, Tone, UserText, plain_text
from bot.wiring import Core, running_core
from tests.fakes import (
    COMMUNITY,
    START,
    RecordingDelivery,
    admin,
    ask,
    assert_refused,
    context,
    db_rows,
    en,
    field_map,
    member,
    mention,
    say,
    thank,
    utc,
)

DAY = timedelta(days=1)


async def thank_at(
    core: Core, clock: ManualClock, when: datetime, giver: str, receiver: str, reason: str
) -> None:
    clock.set(when)
    reply = await thank(core, giver, receiver, reason=reason)
    assert reply.tone is Tone.SUCCESS, reply.as_text()


async def reconnect(core: Core, who: str) -> Reply:
    return await ask(core, "roots", "reconnect", actor=who)


def suggested(reply: Reply) -> list[str]:
    """Member ids suggested, in order (each has a "Not now" button)."""
    return [b.value for b in reply.buttons if b.action_id == SNOOZE_ACTION]


async def click(core: Core, who: str, action: str, value: str) -> Reply:
    event = ButtonClicked(context(who), action, value, event_id=f"click-{who}-{value}")
    replies = await core.router.button(event)
    assert len(replies) == 1, replies
    return replies[0]


# ---------------------------------------------------------------- the rules, at their edges


async def test_someone_is_suggested_60_days_after_the_last_thank_you_not_a_second_sooner(
    core, clock
):
    await thank_at(core, clock, START, "alice", "bob", "helped me debug the release")
    last = START + DAY
    await thank_at(core, clock, last, "bob", "alice", "thanks for the review")

    clock.set(last + timedelta(days=60) - timedelta(seconds=1))
    quiet = await reconnect(core, "alice")
    assert suggested(quiet) == []
    assert quiet.as_text() == en("reconnect.none", days=60)

    clock.set(last + timedelta(days=60))
    reply = await reconnect(core, "alice")
    assert suggested(reply) == ["U-bob"]
    assert reply.visibility.value == "ephemeral"
    ago = en("ago.months.other", n=2)
    line = en(
        "reconnect.line_they", name=mention("bob"), count=2, ago=ago, reason="thanks for the review"
    )
    assert line in reply.as_text()
    # bob sees alice too (either way counts), with his own words as the last reason
    assert suggested(await reconnect(core, "bob")) == ["U-alice"]


async def test_one_thank_you_is_not_enough_two_are_whichever_way(core, clock):
    await thank_at(core, clock, START, "alice", "carol", "once")
    await thank_at(core, clock, START, "alice", "dave", "first")
    await thank_at(core, clock, START + DAY, "alice", "dave", "second")
    clock.set(START + timedelta(days=100))
    assert suggested(await reconnect(core, "alice")) == ["U-dave"]
    assert suggested(await reconnect(core, "carol")) == []


async def test_a_revoked_thank_you_does_not_count(core, clock):
    await thank_at(core, clock, START, "alice", "bob", "first")
    await thank_at(core, clock, START + DAY, "alice", "bob", "second")
    assert (await ask(core, "kudos", "undo", actor="alice")).tone is Tone.SUCCESS
    clock.set(START + timedelta(days=100))
    assert suggested(await reconnect(core, "alice")) == []


async def test_at_most_three_the_quietest_first(core, clock):
    for n, name in enumerate(["erin", "bob", "dave", "carol"]):
        first = START + timedelta(days=2 * n)
        await thank_at(core, clock, first, "alice", name, "thanks")
        await thank_at(core, clock, first + DAY, name, "alice", "thanks back")
    clock.set(START + timedelta(days=200))
    assert suggested(await reconnect(core, "alice")) == ["U-erin", "U-bob", "U-dave"]


async def test_opted_out_bots_departed_and_erased_members_are_never_suggested(core, clock):
    for n, name in enumerate(["olga", "robo", "lea", "erin", "bob"]):
        await thank_at(core, clock, START + timedelta(days=n), "alice", name, "thanks")
        await thank_at(core, clock, START + timedelta(days=n, hours=1), name, "alice", "back")
    clock.set(START + timedelta(days=100))
    assert (await ask(core, "roots", "optout", actor="olga")).tone is Tone.SUCCESS
    await core.communities.store.upsert_members(COMMUNITY, [Member("U-robo", "robo", True)])
    await core.reconnect.member_left(COMMUNITY, "U-lea", True)
    erased = await admin(core, "roots-admin", "forget", f"<@{member('erin').id}>", "confirm")
    assert erased.tone is Tone.SUCCESS, erased.as_text()
    assert suggested(await reconnect(core, "alice")) == ["U-bob"]
    # lea comes back: suggested again
    await core.reconnect.member_left(COMMUNITY, "U-lea", False)
    assert suggested(await reconnect(core, "alice")) == ["U-lea", "U-bob"]


async def test_the_last_reason_is_member_text_that_never_pings(core, clock):
    await thank_at(core, clock, START, "alice", "bob", "fix shared with @everyone")
    await thank_at(core, clock, START + DAY, "alice", "bob", "again for @here")
    clock.set(START + timedelta(days=90))
    reply = await reconnect(core, "alice")
    assert reply.ping == ()
    spans = [s for line in reply.lines for s in line]
    assert UserText("again for @here") in spans


# ---------------------------------------------------------------- the buttons


async def test_not_now_hides_a_person_for_90_days_and_not_91(core, clock):
    await thank_at(core, clock, START, "alice", "bob", "thanks")
    await thank_at(core, clock, START + DAY, "bob", "alice", "thanks back")
    await thank_at(core, clock, START + 2 * DAY, "alice", "carol", "thanks")
    await thank_at(core, clock, START + 3 * DAY, "carol", "alice", "thanks back")
    snoozed_at = START + timedelta(days=70)
    clock.set(snoozed_at)
    assert suggested(await reconnect(core, "alice")) == ["U-bob", "U-carol"]

    done = await click(core, "alice", SNOOZE_ACTION, "U-bob")
    assert done.as_text() == en("reconnect.snoozed", name=mention("bob"), days=90)
    assert suggested(await reconnect(core, "alice")) == ["U-carol"]

    clock.set(snoozed_at + timedelta(days=90) - timedelta(minutes=1))
    assert suggested(await reconnect(core, "alice")) == ["U-carol"]
    clock.set(snoozed_at + timedelta(days=91))
    assert suggested(await reconnect(core, "alice")) == ["U-bob", "U-carol"]
    # bob's own suggestions never depended on alice's "Not now"
    clock.set(snoozed_at)
    assert suggested(await reconnect(core, "bob")) == ["U-alice"]


async def test_not_now_on_someone_unknown_is_refused_and_stores_nothing(core, clock):
    reply = await click(core, "alice", SNOOZE_ACTION, "U-nobody")
    assert_refused(reply, "reconnect.unknown")
    assert db_rows(core, "SELECT * FROM reconnect_snoozes") == []


async def test_say_thanks_again_without_a_form_tells_the_kudos_line(core, clock):
    await thank_at(core, clock, START, "alice", "bob", "thanks")
    await thank_at(core, clock, START + DAY, "alice", "bob", "thanks again")
    clock.set(START + timedelta(days=61))
    reply = await reconnect(core, "alice")
    thank_button = next(b for b in reply.buttons if b.action_id == THANK_ACTION)
    answer = await click(core, "alice", THANK_ACTION, thank_button.value)
    assert answer.as_text() == en("reconnect.thank_line", name=mention("bob"), handle="bob")


async def test_reconnect_with_extra_words_is_refused(core):
    reply = await ask(core, "roots", "reconnect", "bob", actor="alice")
    assert_refused(reply, "reconnect.usage")


# ---------------------------------------------------------------- memories


def memories(reply: Reply) -> list[str]:
    found = field_map(reply).get(en("roots.memories"))
    return found.split("\n") if found else []


async def test_roots_remembers_a_year_and_six_months_but_not_a_revoked_thank_you(core, clock):
    await thank_at(core, clock, utc(2025, 3, 25, 12), "bob", "alice", "you unblocked me")
    await thank_at(core, clock, utc(2025, 3, 25, 13), "dave", "alice", "taken back")
    assert (await ask(core, "kudos", "undo", actor="dave")).tone is Tone.SUCCESS
    await thank_at(core, clock, utc(2025, 9, 25, 9), "carol", "alice", "great pairing")
    clock.set(START)
    reply = await ask(core, "roots", actor="alice")
    year = en("memory.today.years.one", name=mention("bob"), reason="you unblocked me")
    half = en("memory.today.six_months", name=mention("carol"), reason="great pairing")
    assert memories(reply) == [year, half]
    # someone else's roots never show alice's memories
    assert memories(await ask(core, "roots", member("alice"), actor="bob")) == []
    clock.set(START + DAY)
    assert memories(await ask(core, "roots", actor="alice")) == []


async def test_an_erased_givers_thank_you_is_never_remembered(core, clock):
    await thank_at(core, clock, utc(2025, 3, 25, 12), "bob", "alice", "you unblocked me")
    clock.set(START)
    erased = await admin(core, "roots-admin", "forget", f"<@{member('bob').id}>", "confirm")
    assert erased.tone is Tone.SUCCESS, erased.as_text()
    assert memories(await ask(core, "roots", actor="alice")) == []


def test_29_february_is_remembered_on_28_february_in_years_without_one():
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert add_months(date(2024, 2, 29), 48) == date(2028, 2, 29)
    assert add_months(date(2024, 8, 31), 6) == date(2025, 2, 28)
    assert anniversaries(date(2025, 2, 28))[date(2024, 2, 29)] == 12
    assert date(2024, 2, 29) not in anniversaries(date(2025, 3, 1))
    assert date(2024, 2, 29) not in anniversaries(date(2028, 2, 28))
    assert anniversaries(date(2028, 2, 29))[date(2024, 2, 29)] == 48


async def test_a_29_february_thank_you_on_both_backends(core, clock):
    await thank_at(core, clock, utc(2024, 2, 29, 12), "bob", "alice", "leap day rescue")
    bob, why = mention("bob"), "leap day rescue"
    one = en("memory.today.years.one", name=bob, reason=why)
    four = en("memory.today.years.other", years=4, name=bob, reason=why)
    for day, expected in [
        (utc(2025, 2, 28, 10), [one]),
        (utc(2025, 3, 1, 10), []),
        (utc(2028, 2, 28, 10), []),
        (utc(2028, 2, 29, 10), [four]),
    ]:
        clock.set(day)
        assert memories(await ask(core, "roots", actor="alice")) == expected, day


# ---------------------------------------------------------------- the weekly nudge


def nudge_schedule(core: Core, who: str) -> list[tuple[object, ...]]:
    return db_rows(
        core,
        "SELECT at_time, days, enabled FROM schedules WHERE kind = ? AND channel_id = ?",
        NUDGE_KIND,
        member(who).id,
    )


async def history(core: Core, clock: ManualClock) -> RecordingDelivery:
    """alice and bob thanked each other twice, 70 days before START; a delivery."""
    await thank_at(core, clock, START - timedelta(days=71), "alice", "bob", "helped me ship")
    await thank_at(core, clock, START - timedelta(days=70), "bob", "alice", "thanks back")
    clock.set(START)
    delivery = RecordingDelivery(clock)
    core.attach_delivery(delivery)
    return delivery


async def test_nudges_are_off_by_default_and_come_once_a_week_privately(core, clock):
    delivery = await history(core, clock)
    assert (await ask(core, "roots", "nudges", actor="alice")).as_text() == en("nudges.status_off")
    await core.scheduler.advance_to(START + timedelta(days=14))
    assert delivery.private == []

    clock.set(START)
    on = await ask(core, "roots", "nudges", "on", actor="alice")
    assert on.as_text() == en("nudges.on", day="Monday", time="10:00", zone="UTC")
    await core.scheduler.advance_to(START + timedelta(days=21))
    assert [(s.at, s.channel) for s in delivery.private] == [
        (utc(2026, 3, 30, 10), "U-alice"),
        (utc(2026, 4, 6, 10), "U-alice"),
        (utc(2026, 4, 13, 10), "U-alice"),
    ]
    assert delivery.sent == []  # nothing in any channel
    text = delivery.private[0].reply.as_text()
    assert en("nudge.title") in text
    assert "helped me ship" in text or "thanks back" in text


async def test_a_week_with_nothing_to_say_sends_nothing(core, clock):
    delivery = await history(core, clock)
    await ask(core, "roots", "nudges", "on", actor="zoe")
    await core.scheduler.advance_to(START + timedelta(days=8))
    assert delivery.private == []
    rows = db_rows(core, "SELECT status FROM posts WHERE kind = ?", NUDGE_KIND)
    assert rows == [("skipped",)]


async def test_the_nudge_holds_the_weeks_memories(core, clock):
    await thank_at(core, clock, utc(2025, 3, 27, 12), "bob", "zoe", "welcome aboard")
    clock.set(START)
    delivery = RecordingDelivery(clock)
    core.attach_delivery(delivery)
    await ask(core, "roots", "nudges", "on", "friday", "18:30", actor="zoe")
    await core.scheduler.advance_to(START + timedelta(days=3))
    assert [s.at for s in delivery.private] == [utc(2026, 3, 27, 18, 30)]
    line = en("memory.week.years.one", name=mention("bob"), reason="welcome aboard")
    assert line in delivery.private[0].reply.as_text()


async def test_nudges_follow_the_communitys_zone_across_a_dst_change(core, clock):
    delivery = await history(core, clock)
    await admin(core, "roots-config", "timezone", "Europe/Paris")
    await ask(core, "roots", "nudges", "on", actor="alice")
    await core.scheduler.advance_to(START + timedelta(days=8))
    # 30 March 2026, the day after clocks went forward: 10:00 in Paris is 08:00 UTC
    assert [s.at for s in delivery.private] == [utc(2026, 3, 30, 8)]


async def test_nudges_off_stops_them(core, clock):
    delivery = await history(core, clock)
    await ask(core, "roots", "nudges", "on", actor="alice")
    off = await ask(core, "roots", "nudges", "off", actor="alice")
    assert off.as_text() == en("nudges.off")
    await core.scheduler.advance_to(START + timedelta(days=14))
    assert delivery.private == []


@pytest.mark.parametrize(
    ("words", "key", "values"),
    [
        (("on", "25:00"), "nudges.bad_time", {"value": "25:00"}),
        (("on", "someday"), "nudges.bad_day", {"value": "someday"}),
        (("on", "weekdays"), "nudges.bad_day", {"value": "weekdays"}),
        (("maybe",), "nudges.usage", {}),
    ],
)
async def test_bad_nudge_settings_are_refused_and_change_nothing(core, words, key, values):
    reply = await ask(core, "roots", "nudges", *words, actor="alice")
    assert_refused(reply, key, **values)
    assert nudge_schedule(core, "alice") == []


async def test_a_refused_direct_message_is_skipped_and_told_once(core, clock):
    delivery = await history(core, clock)
    delivery.dm_closed.add("U-alice")
    await ask(core, "roots", "nudges", "on", actor="alice")
    await core.scheduler.advance_to(START + timedelta(days=8))
    assert delivery.private == []
    assert db_rows(core, "SELECT status FROM posts WHERE kind = ?", NUDGE_KIND) == [("skipped",)]
    first = await say(core, "leaderboard", actor="alice")
    assert first[-1].as_text() == en("nudges.dm_refused")
    assert first[-1].visibility.value == "ephemeral"
    again = await say(core, "leaderboard", actor="alice")
    assert en("nudges.dm_refused") not in [r.as_text() for r in again]
    # others are never told
    assert en("nudges.dm_refused") not in [
        r.as_text() for r in await say(core, "leaderboard", actor="bob")
    ]


async def test_one_nudge_a_week_across_a_restart(settings: Settings, clock: ManualClock):
    monday = utc(2026, 3, 30, 10)
    async with running_core(settings, clock=clock) as first:
        delivery = await history(first, clock)
        await ask(first, "roots", "nudges", "on", actor="alice")
        await first.scheduler.advance_to(monday + timedelta(seconds=30))
        assert len(delivery.private) == 1
    # Roots restarts a minute later, and again the next day: nothing is sent twice
    for moment in (monday + timedelta(minutes=1), monday + DAY):
        clock.set(moment)
        async with running_core(settings, clock=clock) as again:
            again_delivery = RecordingDelivery(clock)
            again.attach_delivery(again_delivery)
            await again.scheduler.startup()
            await again.scheduler.run_due()
            assert again_delivery.private == []
    async with running_core(settings, clock=clock) as later:
        later_delivery = RecordingDelivery(clock)
        later.attach_delivery(later_delivery)
        await later.scheduler.startup()
        await later.scheduler.advance_to(monday + timedelta(days=7, minutes=1))
        assert [s.at for s in later_delivery.private] == [monday + timedelta(days=7)]


# ---------------------------------------------------------------- erasure


async def test_erasing_a_member_removes_their_snoozes_nudges_and_memories(core, clock):
    await thank_at(core, clock, utc(2025, 3, 25, 12), "alice", "bob", "a year ago")
    await thank_at(core, clock, utc(2025, 3, 25, 13), "bob", "alice", "and back")
    delivery = await history(core, clock)
    await click(core, "alice", SNOOZE_ACTION, "U-bob")
    await click(core, "bob", SNOOZE_ACTION, "U-alice")
    await click(core, "carol", SNOOZE_ACTION, "U-bob")
    await ask(core, "roots", "nudges", "on", actor="alice")
    delivery.dm_closed.add("U-alice")
    await core.scheduler.advance_to(START + timedelta(days=6))
    await core.reconnect.member_left(COMMUNITY, "U-alice", True)
    assert db_rows(core, "SELECT count(*) FROM dm_refusals") == [(1,)]
    clock.set(START)  # the anniversary of the kudos alice gave bob
    assert memories(await ask(core, "roots", actor="bob")) != []

    erased = await admin(core, "roots-admin", "forget", f"<@{member('alice').id}>", "confirm")
    assert erased.tone is Tone.SUCCESS, erased.as_text()

    assert db_rows(core, "SELECT member_id, other_id FROM reconnect_snoozes") == [
        ("U-carol", "U-bob")
    ]
    assert nudge_schedule(core, "alice") == []
    assert db_rows(core, "SELECT count(*) FROM posts WHERE kind = ?", NUDGE_KIND) == [(0,)]
    assert db_rows(core, "SELECT count(*) FROM dm_refusals") == [(0,)]
    assert db_rows(core, "SELECT count(*) FROM member_departures") == [(0,)]
    assert memories(await ask(core, "roots", actor="bob")) == []
    clock.set(START + timedelta(days=200))
    assert suggested(await reconnect(core, "bob")) == []
    await core.scheduler.advance_to(START + timedelta(days=214))
    assert delivery.private == []


def test_anniversaries_are_exactly_the_days_whose_months_later_is_today():
    """Every day of 2027 and 2028 (a leap year), against adding months day by day."""
    import calendar

    from bot.services.reconnect import MEMORY_MONTHS

    day = date(2027, 1, 1)
    while day.year < 2029:
        expected = {}
        for months in MEMORY_MONTHS[:4]:
            back = add_months(date(day.year, day.month, 1), -months)
            for n in range(1, calendar.monthrange(back.year, back.month)[1] + 1):
                source = date(back.year, back.month, n)
                if add_months(source, months) == day:
                    expected[source] = months
        found = {s: m for s, m in anniversaries(day).items() if m in MEMORY_MONTHS[:4]}
        assert found == expected, day
        day += DAY


async def test_a_dm_refused_in_another_process_is_told_within_a_minute(core, clock):
    assert await say(core, "leaderboard", actor="alice")  # this process read the refusals
    await core.store.note_dm_refused(COMMUNITY, "U-alice", clock.now())  # another process
    clock.set(START + timedelta(seconds=61))
    replies = await say(core, "leaderboard", actor="alice")
    assert replies[-1].as_text() == en("nudges.dm_refused")
    again = await say(core, "leaderboard", actor="alice")
    assert en("nudges.dm_refused") not in [r.as_text() for r in again]


async def test_the_nudge_follows_a_new_community_zone_from_the_next_week(core, clock):
    delivery = await history(core, clock)
    await ask(core, "roots", "nudges", "on", actor="alice")
    await admin(core, "roots-config", "timezone", "America/New_York")
    await core.scheduler.advance_to(START + timedelta(days=14))
    # set in UTC: Monday 10:00 UTC once, then Monday 10:00 in New York (14:00 UTC)
    assert [s.at for s in delivery.private] == [utc(2026, 3, 30, 10), utc(2026, 4, 6, 14)]
    status = await ask(core, "roots", "nudges", actor="alice")
    assert status.as_text() == en(
        "nudges.status_on", day="Monday", time="10:00", zone="America/New_York"
    )


async def test_the_weekly_nudge_is_in_the_members_language(core, clock):
    """Issue 18: a direct message is read by one member alone: in the language they
    chose with /roots language (the community's is English here)."""
    delivery = await history(core, clock)
    await ask(core, "roots", "language", "es", actor="alice")
    on = await ask(core, "roots", "nudges", "on", actor="alice")
    assert on.as_text() == catalog("es", "nudges.on", day="lunes", time="10:00", zone="UTC")

    await core.scheduler.advance_to(START + timedelta(days=7))

    (sent,) = delivery.private
    assert sent.reply.title is not None
    assert plain_text(sent.reply.title) == catalog("es", "nudge.title")
