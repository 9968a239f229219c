"""Team kudos (issue 15): /kudos @group thanks everyone in a Discord role or a Slack user
group, for one unit of the giver's budget, in the members' roots and the digest but never
on leaderboards, and the public confirmation pings nobody."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from bot.services.kudos import MAX_TEAM
from bot.services.member_summary import tally as summary_tally
from bot.storage.records import Tally
from bot.types import CommandCall, Member, Reply, Team, UserText, Visibility, plain_text
from tests.fakes import (
    COMMUNITY,
    active,
    ask,
    assert_given,
    assert_refused,
    call,
    configure,
    db_rows,
    en,
    field_map,
    member,
    reset_at,
    tally,
    thank,
)

ALICE, BOB, CAROL, DAN = (member(n) for n in ("alice", "bob", "carol", "dan"))
DESIGN = Team("S-design", "@design", (BOB, CAROL, DAN))


def team_call(
    team: Team, *words: str | Member, actor: str | Member = "alice", event_id: str | None = None
) -> CommandCall:
    """``/kudos @team words...`` as an adapter gives it: the group resolved apart."""
    return replace(call("kudos", *words, actor=actor, event_id=event_id), team=team)


async def give_team(core, team: Team, *words: str | Member, **kw) -> list[Reply]:
    replies: list[Reply] = await core.router.command(team_call(team, *words, **kw))
    return replies


def crowd(n: int, prefix: str = "m") -> tuple[Member, ...]:
    return tuple(member(f"{prefix}{i:02d}") for i in range(n))


def team_rows(core):
    return db_rows(core, "SELECT giver_id, receiver_id, source FROM kudos ORDER BY receiver_id")


async def test_a_team_kudos_thanks_every_member_and_names_only_the_group(core):
    (reply,) = await give_team(core, DESIGN, "great", "launch")

    assert_given(reply)
    assert plain_text(reply.body) == en("team.given", giver="@alice", team="@design")
    assert UserText("@design") in reply.body  # member-chosen text: never a live ping
    assert reply.ping == ()
    assert en("kudos.reason", reason="great launch") in reply.as_text()
    assert en("team.footer", count=3, left=4, budget=5) in reply.as_text()
    for m in (BOB, CAROL, DAN):
        assert "@" + m.name not in reply.as_text()
    assert team_rows(core) == [
        ("U-alice", "U-bob", "team"),
        ("U-alice", "U-carol", "team"),
        ("U-alice", "U-dan", "team"),
    ]


async def test_a_team_kudos_costs_one_unit_of_the_budget(core):
    await configure(core, "budget", "2")
    assert_given((await give_team(core, DESIGN, "thanks"))[0])
    assert_given(await thank(core, "alice", "erin"))

    (refused,) = await give_team(core, Team("S-ops", "@ops", crowd(3)), "thanks")

    assert_refused(refused, "kudos.over_budget", budget=2, left=0, asked=1, reset=reset_at())
    assert await active(core) == 4


async def test_a_26_member_group_is_refused_with_its_size_and_the_limit(core):
    (reply,) = await give_team(core, Team("S-big", "@big", crowd(MAX_TEAM + 1)), "thanks")

    assert_refused(reply, "team.too_big", team="@big", count=MAX_TEAM + 1, limit=MAX_TEAM)
    assert await active(core) == 0


async def test_25_members_and_the_giver_are_thanked_as_25(core):
    team = Team("S-25", "@crew", (*crowd(MAX_TEAM), ALICE))
    (reply,) = await give_team(core, team, "thanks")

    assert_given(reply)
    assert await active(core) == MAX_TEAM


async def test_a_group_the_adapter_did_not_list_is_refused_by_its_size(core):
    (reply,) = await give_team(core, Team("S-all", "@everyone-ish", size=4000), "hi")

    assert_refused(reply, "team.too_big", team="@everyone-ish", count=4000, limit=MAX_TEAM)


async def test_the_giver_bots_and_opted_out_members_are_left_out(core):
    await ask(core, "roots", "optout", actor="carol")
    team = Team("S-mix", "@mix", (ALICE, BOB, CAROL, member("robot", bot=True), DAN))

    (reply,) = await give_team(core, team, "thanks")

    assert_given(reply)
    assert en("team.footer", count=2, left=4, budget=5) in reply.as_text()
    assert [r[1] for r in team_rows(core)] == ["U-bob", "U-dan"]


async def test_a_group_of_nobody_to_thank_is_refused(core):
    await ask(core, "roots", "optout", actor="bob")
    team = Team("S-me", "@me", (ALICE, BOB, member("robot", bot=True)))

    (reply,) = await give_team(core, team, "thanks")

    assert_refused(reply, "team.empty", team="@me")
    assert await active(core) == 0


async def test_a_group_the_platform_cannot_list_is_refused_with_what_to_enable(core):
    team = Team("R-1", "@design", unavailable="team.discord_members_off")

    (reply,) = await give_team(core, team, "thanks")

    assert_refused(reply, "team.discord_members_off", team="@design")


async def test_a_reason_is_required_and_bounded_as_for_kudos(core):
    (none,) = await give_team(core, DESIGN)
    (long,) = await give_team(core, DESIGN, "x" * 281)

    assert_refused(none, "kudos.reason_required")
    assert_refused(long, "kudos.reason_too_long", limit=280, length=281)
    assert await active(core) == 0


async def test_a_group_and_members_in_one_kudos_is_refused(core):
    (reply,) = await give_team(core, DESIGN, BOB, "thanks")

    assert_refused(reply, "team.and_members")
    assert await active(core) == 0


async def test_the_cooldown_per_pair_applies(core):
    assert_given(await thank(core, "alice", "bob"))

    (reply,) = await give_team(core, DESIGN, "thanks")

    assert_refused(reply, "kudos.cooldown", name="@bob", count=60)
    assert await active(core) == 1


async def test_a_retried_event_is_counted_once(core):
    first = await give_team(core, DESIGN, "thanks", event_id="ev-1")
    again = await give_team(core, DESIGN, "thanks", event_id="ev-1")

    assert_given(first[0])
    assert again == []
    assert await active(core) == 3


async def test_team_kudos_stay_off_leaderboards(core):
    await give_team(core, DESIGN, "thanks")
    assert_given(await thank(core, "bob", "carol"))

    board = await ask(core, "leaderboard", actor="dan")

    shown = board.as_text()
    assert "@alice" not in shown and "@dan" not in shown
    assert en("leaderboard.row", rank=1, name="@carol", count=1) in shown
    assert en("leaderboard.row", rank=1, name="@bob", count=1) in shown


async def test_team_kudos_show_in_the_members_roots(core):
    await give_team(core, DESIGN, "thanks")

    roots = field_map(await ask(core, "roots", actor="dan"))
    alice = field_map(await ask(core, "roots", actor="alice"))

    assert roots[en("roots.this_week")] == plain_text(summary_tally("en", Tally(received=1)))
    assert "@alice" in roots[en("roots.helped_most")]
    assert alice[en("roots.this_week")] == plain_text(summary_tally("en", Tally(given=3)))
    assert (await tally(core, "dan")).received == 1


async def test_team_kudos_count_in_the_digest_once_for_the_giver(core):
    await give_team(core, DESIGN, "thanks")
    assert_given(await thank(core, "bob", "carol"))
    now = core.clock.now()

    stats = await core.store.digest_stats(COMMUNITY, now - timedelta(days=7), now + timedelta(1))

    assert stats.kudos == 4
    assert [(m.name, n) for m, n in stats.top_givers] == [("alice", 1), ("bob", 1)]


async def test_undo_takes_back_the_whole_team_kudos_and_its_budget_unit(core):
    await configure(core, "budget", "1")
    await give_team(core, DESIGN, "thanks")

    undone = await ask(core, "kudos", "undo")
    again = await give_team(core, Team("S-ops", "@ops", crowd(2)), "thanks")

    assert undone.visibility is Visibility.EPHEMERAL
    assert await tally(core, "bob") == await tally(core, "nobody")
    assert_given(again[0])
    assert await active(core) == 2


async def test_the_leaderboard_help_says_team_kudos_stay_off_boards(core):
    slack = call("help")
    slack = replace(slack, ctx=replace(slack.ctx, platform="slack"))
    (reply,) = await core.router.command(slack)

    assert en("help.leaderboard_team") in reply.as_text()
