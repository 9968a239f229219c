"""/roots: tallies, giving streak, top helpers, "pay it back", opt-out and opt-in."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.types import Reply, Tone, plain_text
from tests.fakes import (
    START,
    ask,
    assert_refused,
    configure,
    db_rows,
    en,
    field_map,
    member,
    mention,
    thank,
)

THIS_WEEK = en("roots.this_week")
ALL_TIME = en("roots.all_time")
STREAK = en("roots.streak")
HELPED = en("roots.helped_most")
PAY_BACK = en("roots.pay_back")
AUCKLAND = "Pacific/Auckland"


async def roots(core, *args, actor: str = "alice") -> Reply:
    reply = await ask(core, "roots", *args, actor=actor)
    assert reply.tone is not Tone.ERROR, reply.as_text()
    return reply


async def fields(core, *args, actor: str = "alice") -> dict[str, str]:
    return field_map(await roots(core, *args, actor=actor))


def tally(received: int, given: int) -> str:
    parts = {"received": received, "given": given}
    return en("roots.tally_line", **{k: en(f"roots.{k}", count=n) for k, n in parts.items()})


def streak(days: int) -> str:
    return en("roots.streak_days", count=days)


def local(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=ZoneInfo(AUCKLAND))


# ---------------------------------------------------------------- tallies


async def test_received_and_given_this_week_and_all_time(core, clock):
    clock.set(START - timedelta(days=7))  # the Wednesday before
    await thank(core, "bob", "alice")
    await thank(core, "alice", "carol")
    clock.set(START)
    await thank(core, "bob", "alice")
    await thank(core, "dan", "alice")
    await thank(core, "alice", "bob")

    reply = await roots(core)

    assert reply.title is not None
    assert plain_text(reply.title) == en("roots.title", name=mention("alice"))
    shown = field_map(reply)
    assert shown[THIS_WEEK] == tally(received=2, given=1)
    assert shown[ALL_TIME] == tally(received=3, given=2)


async def test_a_newcomer_has_empty_roots(core):
    shown = await fields(core, actor="newcomer")

    assert shown[THIS_WEEK] == tally(0, 0)
    assert shown[ALL_TIME] == tally(0, 0)
    assert shown[STREAK] == streak(0)
    assert shown[HELPED] == en("roots.no_helpers")
    assert shown[PAY_BACK] == en("roots.pay_back_none")


# ---------------------------------------------------------------- streak


async def _give_on(core, clock, days: list[int], hour: int = 12) -> None:
    for i, day in enumerate(days):
        clock.set(local(2026, 3, day, hour, 0))
        await thank(core, "alice", f"friend{i}")


async def test_streak_counts_consecutive_local_days(core, clock):
    await configure(core, "timezone", AUCKLAND)
    # Monday noon, Tuesday 22:00 and Wednesday 01:00 in Auckland. The last two are
    # the same UTC day (Tuesday 09:00Z and 12:00Z): only local days count.
    for i, moment in enumerate(
        [local(2026, 3, 23, 12), local(2026, 3, 24, 22), local(2026, 3, 25, 1)]
    ):
        clock.set(moment)
        await thank(core, "alice", f"friend{i}")
    clock.set(local(2026, 3, 25, 9))

    assert (await fields(core))[STREAK] == streak(3)
    assert db_rows(core, "SELECT local_day FROM kudos ORDER BY kudos_id") == [
        ("2026-03-23",),
        ("2026-03-24",),
        ("2026-03-25",),
    ]


async def test_streak_is_still_alive_the_next_day_and_broken_after_a_full_day_off(core, clock):
    await configure(core, "timezone", AUCKLAND)
    await _give_on(core, clock, [23, 24, 25])

    clock.set(local(2026, 3, 26, 23, 59))  # nothing given yet today
    assert (await fields(core))[STREAK] == streak(3)

    clock.set(local(2026, 3, 27, 0, 1))  # all of Thursday without a kudos
    assert (await fields(core))[STREAK] == streak(0)


async def test_a_gap_restarts_the_streak(core, clock):
    await configure(core, "timezone", AUCKLAND)
    await _give_on(core, clock, [19, 20, 21, 23, 24, 25])

    assert (await fields(core))[STREAK] == streak(3)


async def test_undone_kudos_do_not_count_for_the_streak(core, clock):
    await configure(core, "timezone", AUCKLAND)
    await _give_on(core, clock, [24, 25])
    assert (await fields(core))[STREAK] == streak(2)

    await ask(core, "kudos", "undo", actor="alice")

    assert (await fields(core))[STREAK] == streak(1)  # yesterday's still alive


# ---------------------------------------------------------------- helpers


async def test_top_three_helpers_by_count_then_most_recent(core, clock):
    await thank(core, "bob", "alice")
    await thank(core, "carol", "alice")
    await thank(core, "dan", "alice")
    clock.advance(timedelta(seconds=61))
    await thank(core, "bob", "alice")
    await thank(core, "carol", "alice")
    clock.advance(timedelta(seconds=61))
    await thank(core, "bob", "alice")
    await thank(core, "erin", "alice")
    clock.advance(timedelta(seconds=61))
    await thank(core, "erin", "alice")  # erin's last is more recent than carol's

    shown = await fields(core)

    expected = ", ".join(
        en("roots.person_count", name=mention(who), count=n)
        for who, n in [("bob", 3), ("erin", 2), ("carol", 2)]
    )
    assert shown[HELPED] == expected
    assert "dan" not in shown[HELPED]


async def test_undone_kudos_do_not_make_a_helper(core):
    await thank(core, "bob", "alice")
    await ask(core, "kudos", "undo", actor="bob")

    assert (await fields(core))[HELPED] == en("roots.no_helpers")


# ---------------------------------------------------------------- pay it back


async def test_pay_it_back_lists_recent_thanks_not_yet_returned(core, clock):
    clock.set(START - timedelta(days=31))
    await thank(core, "carol", "alice")  # too long ago to be listed
    clock.set(START - timedelta(days=2))
    await thank(core, "bob", "alice")
    await thank(core, "dan", "alice")
    await thank(core, "alice", "dan")  # already thanked back
    clock.set(START)

    shown = await fields(core)
    assert shown[PAY_BACK] == en("roots.pay_back_list", names="@bob", count=1)

    await thank(core, "alice", "bob")
    assert (await fields(core))[PAY_BACK] == en("roots.pay_back_none")


async def test_pay_it_back_lists_most_recent_first(core, clock):
    clock.set(START - timedelta(days=3))
    await thank(core, "bob", "alice")
    clock.set(START - timedelta(days=1))
    await thank(core, "carol", "alice")
    clock.set(START)

    assert (await fields(core))[PAY_BACK] == en(
        "roots.pay_back_list", names="@carol and @bob", count=2
    )


async def test_pay_it_back_skips_opted_out_members(core):
    await thank(core, "bob", "alice")
    await ask(core, "roots", "optout", actor="bob")

    assert (await fields(core))[PAY_BACK] == en("roots.pay_back_none")


# ---------------------------------------------------------------- someone else's roots


async def test_roots_of_another_member(core, clock):
    await thank(core, "alice", "bob")
    clock.advance(timedelta(minutes=1))
    await thank(core, "carol", "bob")

    reply = await roots(core, member("bob"))

    assert reply.title is not None
    assert plain_text(reply.title) == en("roots.title", name=mention("bob"))
    shown = field_map(reply)
    assert shown[ALL_TIME] == tally(received=2, given=0)
    # Someone else's roots speak of them, never of "you" (alice reads bob's).
    assert shown[PAY_BACK] == en(
        "roots.pay_back_list_other", names="@carol and @alice", name="@bob", count=2
    )
    assert "you" not in shown[PAY_BACK]
    await thank(core, "bob", "alice")
    await thank(core, "bob", "carol")
    assert field_map(await roots(core, member("bob")))[PAY_BACK] == en(
        "roots.pay_back_none_other", name="@bob"
    )
    # A known member may also be named.
    named = (await roots(core, "@bob")).title
    assert named is not None
    assert plain_text(named) == plain_text(reply.title)


async def test_roots_of_an_unknown_name(core):
    reply = await ask(core, "roots", "@ghost")

    assert_refused(reply, "kudos.unknown_member", name="ghost")


async def test_roots_with_two_names_answers_with_usage(core):
    reply = await ask(core, "roots", member("bob"), member("carol"))

    assert_refused(reply, "usage.roots")


async def test_an_opted_out_members_roots_are_private(core):
    await thank(core, "alice", "bob")
    await ask(core, "roots", "optout", actor="bob")

    reply = await ask(core, "roots", member("bob"), actor="alice")
    assert reply.as_text() == en("roots.opted_out", name=mention("bob"))
    assert not reply.fields

    own = field_map(await roots(core, actor="bob"))  # bob still sees his own
    assert own[ALL_TIME] == tally(received=1, given=0)


# ---------------------------------------------------------------- opt-out / opt-in


@pytest.mark.parametrize(("out_word", "in_word"), [("optout", "optin"), ("opt-out", "opt-in")])
async def test_opt_out_and_back_in(core, out_word, in_word):
    reply = await ask(core, "roots", out_word, actor="bob")

    assert reply.tone is Tone.SUCCESS
    assert reply.as_text() == en("roots.optout_done")
    assert db_rows(core, "SELECT opted_out FROM members WHERE member_id = 'U-bob'") == [(1,)]

    reply = await ask(core, "roots", in_word, actor="bob")

    assert reply.tone is Tone.SUCCESS
    assert reply.as_text() == en("roots.optin_done")
    assert db_rows(core, "SELECT opted_out FROM members WHERE member_id = 'U-bob'") == [(0,)]
