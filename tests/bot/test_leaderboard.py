"""/leaderboard: ranks, the top-10 cut, windows in the community's time zone, seasons."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.types import Reply, Tone, Visibility, plain_text
from tests.fakes import (
    active,
    ask,
    assert_given,
    assert_refused,
    configure,
    db_rows,
    en,
    field_lines,
    field_map,
    member,
    mention,
    thank,
)

GIVERS = en("leaderboard.givers")
RECEIVERS = en("leaderboard.receivers")
EMPTY = en("leaderboard.empty")


async def board(core, *words: str, actor: str = "alice") -> Reply:
    reply = await ask(core, "leaderboard", *words, actor=actor)
    assert reply.tone is not Tone.ERROR, reply.as_text()
    assert reply.visibility is Visibility.PUBLIC
    return reply


def lines(reply: Reply, field_name: str) -> list[str]:
    (field,) = [f for f in reply.fields if plain_text(f.name) == field_name]
    return field_lines(field)


def row(rank: int, name: str, count: int) -> str:
    return en("leaderboard.row", rank=rank, name=mention(name), count=count)


def at(zone: str, year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=ZoneInfo(zone))


# ---------------------------------------------------------------- ranks


async def test_ties_share_a_rank_and_the_next_rank_is_skipped(core):
    await thank(core, "g1", "r1", "r2")
    await thank(core, "g2", "r1", "r2")
    await thank(core, "g3", "r1")

    reply = await board(core)

    assert reply.title is not None
    assert plain_text(reply.title) == en("leaderboard.title.week")
    assert lines(reply, GIVERS) == [row(1, "g1", 2), row(1, "g2", 2), row(3, "g3", 1)]
    assert lines(reply, RECEIVERS) == [row(1, "r1", 3), row(2, "r2", 2)]


async def test_an_empty_board_invites_to_be_first(core):
    reply = await board(core)

    assert lines(reply, GIVERS) == [EMPTY]
    assert lines(reply, RECEIVERS) == [EMPTY]


async def _twelve_givers(core) -> None:
    """g01 gives 1 kudos, g02 gives 2, ... g12 gives 12 (to distinct receivers)."""
    await configure(core, "budget", "50")
    for i in range(1, 13):
        receivers = [f"r{i:02d}-{j:02d}" for j in range(i)]
        for start in range(0, i, 5):
            assert_given(await thank(core, f"g{i:02d}", *receivers[start : start + 5]))


async def test_the_board_shows_the_top_ten_and_your_own_rank_below(core):
    await _twelve_givers(core)

    reply = await board(core, "givers", actor="g01")

    shown = lines(reply, GIVERS)
    assert shown[:10] == [row(rank, f"g{13 - rank:02d}", 13 - rank) for rank in range(1, 11)]
    assert shown[10:] == [en("leaderboard.you", rank=12, count=1)]
    assert all("g02" not in line for line in shown)


async def test_no_extra_line_when_you_are_in_the_top_ten_or_not_ranked(core):
    await _twelve_givers(core)

    assert len(lines(await board(core, "givers", actor="g12"), GIVERS)) == 10
    assert len(lines(await board(core, "givers", actor="g05"), GIVERS)) == 10
    assert len(lines(await board(core, "givers", actor="newcomer"), GIVERS)) == 10


# ---------------------------------------------------------------- parsing


@pytest.mark.parametrize(
    ("words", "window", "fields"),
    [
        ((), "week", [GIVERS, RECEIVERS]),
        (("givers",), "week", [GIVERS]),
        (("receivers",), "week", [RECEIVERS]),
        (("week",), "week", [GIVERS, RECEIVERS]),
        (("month",), "month", [GIVERS, RECEIVERS]),
        (("all",), "all", [GIVERS, RECEIVERS]),
        (("receivers", "month"), "month", [RECEIVERS]),
        (("ALL", "Givers"), "all", [GIVERS]),
        (("donneurs", "semaine"), "week", [GIVERS]),
    ],
)
async def test_board_words(core, words, window, fields):
    await thank(core, "alice", "bob")

    reply = await board(core, *words)

    assert reply.title is not None
    assert plain_text(reply.title) == en(f"leaderboard.title.{window}", season=1)
    assert list(field_map(reply)) == fields
    if GIVERS in fields:
        assert lines(reply, GIVERS) == [row(1, "alice", 1)]
    if RECEIVERS in fields:
        assert lines(reply, RECEIVERS) == [row(1, "bob", 1)]


async def test_an_unknown_word_is_answered_with_usage(core):
    reply = await ask(core, "leaderboard", "givers", "weekly")

    assert_refused(reply, "usage.leaderboard", word="weekly")
    assert "/leaderboard [givers|receivers] [week|month|all]" in reply.as_text()


# ---------------------------------------------------------------- turned off


async def test_leaderboards_off_is_a_polite_no_and_kudos_still_work(core):
    await configure(core, "leaderboard", "off")

    reply = await ask(core, "leaderboard", "givers")
    assert_refused(reply, "leaderboard.off")

    assert_given(await thank(core, "alice", "bob"))
    assert await active(core) == 1
    roots = await ask(core, "roots", actor="bob")
    assert roots.title is not None
    assert plain_text(roots.title) == en("roots.title", name=mention("bob"))

    await configure(core, "leaderboard", "on")
    assert lines(await board(core), RECEIVERS) == [row(1, "bob", 1)]


# ---------------------------------------------------------------- windows in local time


@pytest.mark.parametrize("zone", ["America/Los_Angeles", "Pacific/Auckland"])
async def test_the_week_ends_at_sunday_midnight_local_time(core, clock, zone):
    await configure(core, "timezone", zone)

    clock.set(at(zone, 2026, 3, 29, 23, 30))  # Sunday 23:30 local
    await thank(core, "alice", "bob")
    assert lines(await board(core, "receivers"), RECEIVERS) == [row(1, "bob", 1)]

    clock.set(at(zone, 2026, 3, 30, 0, 30))  # Monday 00:30 local
    await thank(core, "carol", "dan")
    clock.set(at(zone, 2026, 3, 30, 9, 0))

    assert lines(await board(core, "receivers", "week"), RECEIVERS) == [row(1, "dan", 1)]
    assert lines(await board(core, "receivers", "month"), RECEIVERS) == [
        row(1, "bob", 1),
        row(1, "dan", 1),
    ]
    assert db_rows(core, "SELECT receiver_id, local_day, week_key FROM kudos ORDER BY 1") == [
        ("U-bob", "2026-03-29", "2026-W13"),
        ("U-dan", "2026-03-30", "2026-W14"),
    ]


@pytest.mark.parametrize("zone", ["America/Los_Angeles", "Pacific/Auckland"])
async def test_the_month_ends_at_midnight_local_time(core, clock, zone):
    await configure(core, "timezone", zone)

    clock.set(at(zone, 2026, 3, 31, 23, 30))
    await thank(core, "alice", "bob")
    clock.set(at(zone, 2026, 4, 1, 0, 30))
    await thank(core, "carol", "dan")
    clock.set(at(zone, 2026, 4, 1, 12, 0))

    assert lines(await board(core, "receivers", "month"), RECEIVERS) == [row(1, "dan", 1)]
    # Tuesday and Wednesday are in the same ISO week.
    assert lines(await board(core, "receivers", "week"), RECEIVERS) == [
        row(1, "bob", 1),
        row(1, "dan", 1),
    ]
    assert db_rows(core, "SELECT month_key FROM kudos ORDER BY kudos_id") == [
        ("2026-03",),
        ("2026-04",),
    ]


# ---------------------------------------------------------------- seasons


async def test_a_new_season_resets_the_boards_but_not_lifetime_roots(core):
    await thank(core, "alice", "bob")

    refused = await ask(core, "roots-config", "season", actor="alice")
    assert_refused(refused, "error.admin_only")
    assert db_rows(core, "SELECT season FROM communities") == [(1,)]

    started = await ask(core, "roots-config", "season", actor="admin", admin=True)
    assert started.tone is Tone.SUCCESS
    assert started.visibility is Visibility.PUBLIC
    assert started.as_text() == en("config.season_started", season=2)
    assert db_rows(core, "SELECT season, season_started_at IS NOT NULL FROM communities") == [
        (2, 1)
    ]

    for window in ("week", "month", "all"):
        reply = await board(core, window)
        assert lines(reply, GIVERS) == [EMPTY]
        assert lines(reply, RECEIVERS) == [EMPTY]
    title = (await board(core, "all")).title
    assert title is not None
    assert plain_text(title) == en("leaderboard.title.all", season=2)

    await thank(core, "carol", "bob")
    assert lines(await board(core, "receivers", "all"), RECEIVERS) == [row(1, "bob", 1)]
    roots = field_map(await ask(core, "roots", actor="bob"))
    assert roots[en("roots.all_time")] == en(
        "roots.tally_line",
        received=en("roots.received", count=2),
        given=en("roots.given", count=0),
    )


# ---------------------------------------------------------------- opted-out members


async def test_opted_out_members_are_absent_from_the_boards(core):
    await thank(core, "bob", "dan")
    await thank(core, "alice", "bob", "carol")
    await ask(core, "roots", "optout", actor="bob")

    reply = await board(core, actor="bob")
    assert lines(reply, GIVERS) == [row(1, "alice", 2)]
    assert lines(reply, RECEIVERS) == [row(1, "carol", 1), row(1, "dan", 1)]
    assert all("bob" not in line for line in lines(reply, GIVERS) + lines(reply, RECEIVERS))

    await ask(core, "roots", "optin", actor="bob")
    reply = await board(core, "givers")
    assert lines(reply, GIVERS) == [row(1, "alice", 2), row(2, "bob", 1)]


async def test_board_names_follow_the_latest_display_name(core, clock):
    await thank(core, "alice", "bob")
    renamed = member("bobby", id="U-bob")
    await ask(core, "kudos", renamed, "thanks", "again", actor="carol")

    reply = await board(core, "receivers")

    assert lines(reply, RECEIVERS) == [
        en("leaderboard.row", rank=1, name=mention(renamed), count=2)
    ]
