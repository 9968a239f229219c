"""Giving kudos (/kudos, ++, reactions): the rules members run into, and what is stored."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from bot.storage.records import Tally
from bot.types import Tone, Visibility, plain_text
from tests.fakes import (
    active,
    ask,
    assert_given,
    assert_refused,
    call,
    configure,
    db_rows,
    en,
    is_refusal,
    member,
    mention,
    posted,
    reacted,
    reset_at,
    say,
    tally,
    thank,
)

ALICE, BOB, CAROL, DAN, ERIN, FRANK = (
    member(n) for n in ("alice", "bob", "carol", "dan", "erin", "frank")
)


def kudos_rows(core):
    return db_rows(
        core,
        "SELECT kudos_id, giver_id, receiver_id, reason, source, revoked_at FROM kudos"
        " ORDER BY kudos_id",
    )


# ---------------------------------------------------------------- giving


async def test_one_receiver_gets_a_public_thank_you_and_is_counted(core):
    reply = await thank(core, "alice", "bob", reason="thanks for the review")

    assert_given(reply)
    assert reply.ping == (BOB.id,)
    assert reply.as_text() == "\n".join(
        [
            en("kudos.given", giver=mention("alice"), receivers="@bob"),
            en("kudos.reason", reason="thanks for the review"),
            en("kudos.footer", ids="#1", left=4, budget=5),
        ]
    )
    assert kudos_rows(core) == [(1, ALICE.id, BOB.id, "thanks for the review", "command", None)]
    assert await active(core) == 1
    assert await tally(core, "alice") == Tally(given=1, received=0)
    assert await tally(core, "bob") == Tally(given=0, received=1)


async def test_several_receivers_in_one_go(core):
    reply = await thank(core, "alice", "bob", "carol", "dan", reason="great pairing session")

    assert_given(reply)
    assert set(reply.ping) == {BOB.id, CAROL.id, DAN.id}
    text = reply.as_text()
    assert en("kudos.given", giver=mention("alice"), receivers="@bob, @carol, and @dan") in text
    assert en("kudos.footer", ids="#1, #2, #3", left=2, budget=5) in text
    assert await active(core) == 3
    assert await tally(core, "alice") == Tally(given=3)
    for who in ("bob", "carol", "dan"):
        assert await tally(core, who) == Tally(received=1)


async def test_the_same_receiver_mentioned_twice_is_thanked_once(core):
    reply = await thank(core, "alice", "bob", "bob", reason="double thanks")

    assert_given(reply)
    assert await active(core) == 1
    assert await tally(core, "bob") == Tally(received=1)


async def test_a_known_member_can_be_named_instead_of_mentioned(core):
    await thank(core, "bob", "carol")  # the store now knows bob's name
    reply = await ask(core, "kudos", "@Bob", "thanks", "for", "the", "docs", actor="alice")

    assert_given(reply)
    assert reply.ping == (BOB.id,)
    assert await tally(core, "bob") == Tally(given=1, received=1)


async def test_kudos_to_yourself_is_refused(core):
    reply = await thank(core, "alice", "alice", reason="I did great")

    assert_refused(reply, "kudos.self")
    assert await active(core) == 0


async def test_yourself_among_others_is_refused_whole(core):
    reply = await thank(core, "alice", "bob", "alice", reason="team work")

    assert_refused(reply, "kudos.self")
    assert await active(core) == 0
    assert await tally(core, "bob") == Tally()


async def test_someone_with_the_same_name_is_not_yourself(core):
    other_sam = member("sam", id="U-sam-2")
    reply = await ask(core, "kudos", other_sam, "thanks", "namesake", actor=member("sam"))

    assert_given(reply)
    assert reply.ping == ("U-sam-2",)
    assert await tally(core, other_sam) == Tally(received=1)
    assert await tally(core, member("sam")) == Tally(given=1)


async def test_kudos_to_a_bot_is_refused(core):
    robot = member("deploybot", bot=True)
    reply = await ask(core, "kudos", BOB, robot, "thanks", "for", "the", "deploy")

    assert_refused(reply, "kudos.to_bot", name=mention(robot))
    assert await active(core) == 0


async def test_more_than_five_receivers_is_refused(core):
    reply = await thank(core, "alice", "bob", "carol", "dan", "erin", "frank", "gina")

    assert_refused(reply, "kudos.too_many", count=6, limit=5)
    assert "5" in reply.as_text()
    assert await active(core) == 0


async def test_exactly_five_receivers_is_fine(core):
    assert_given(await thank(core, "alice", "bob", "carol", "dan", "erin", "frank"))
    assert await active(core) == 5


async def test_no_receiver_answers_with_usage(core):
    reply = await ask(core, "kudos", "thanks", "everyone")

    assert_refused(reply, "usage.kudos")
    assert await active(core) == 0


async def test_a_reason_is_required_by_default(core):
    reply = await thank(core, "alice", "bob", reason="")

    assert_refused(reply, "kudos.reason_required")
    assert await active(core) == 0


async def test_the_reason_becomes_optional_when_the_community_turns_it_off(core):
    await configure(core, "reason", "off")
    reply = await thank(core, "alice", "bob", reason="")

    assert_given(reply)
    assert en("kudos.reason", reason="") not in reply.as_text()
    assert len(reply.lines) == 1  # only the footer
    assert kudos_rows(core) == [(1, ALICE.id, BOB.id, "", "command", None)]


async def test_a_reason_over_280_characters_is_refused_with_the_limit(core):
    reason = "x" * 281
    reply = await ask(core, "kudos", BOB, reason)

    assert_refused(reply, "kudos.reason_too_long", limit=280, length=281)
    assert "280" in reply.as_text()
    assert await active(core) == 0


async def test_a_reason_of_exactly_280_characters_is_fine(core):
    reply = await ask(core, "kudos", BOB, "y" * 280)

    assert_given(reply)
    assert db_rows(core, "SELECT length(reason) FROM kudos") == [(280,)]


async def test_any_unicode_in_a_reason_is_kept_and_can_be_read_back(core):
    """Quotes, emoji, scripts; a lone surrogate (which a client can send in JSON, and no
    database can store) becomes U+FFFD instead of poisoning the ledger."""
    reasons = ['merci "pour" \\ ça 🌱 中文', "broken \ud800 text"]
    for i, reason in enumerate(reasons):
        assert_given(await ask(core, "kudos", member(f"r{i}"), reason))

    stored = [row[3] for row in kudos_rows(core)]
    assert stored == ['merci "pour" \\ ça 🌱 中文', "broken \ufffd text"]
    roots = await ask(core, "roots", actor="r1")
    assert roots.tone is not Tone.ERROR


async def test_a_display_name_with_a_lone_surrogate_gives_and_receives_kudos(core):
    """A platform can hand over a display name no database can store as is: the member
    still gives and receives, and the name is kept with U+FFFD in place of the surrogate."""
    odd_giver = member("ali\udfffce", id="U-odd-giver")
    odd_receiver = member("bo\ud800b", id="U-odd-receiver")

    assert_given(await ask(core, "kudos", odd_receiver, "thanks", actor=odd_giver))
    assert_given(await ask(core, "kudos", odd_giver, "thanks back", actor=BOB))

    names = db_rows(
        core,
        "SELECT display_name FROM members WHERE member_id IN ('U-odd-giver', 'U-odd-receiver')"
        " ORDER BY member_id",
    )
    assert names == [("ali\ufffdce",), ("bo\ufffdb",)]
    assert await active(core) == 2
    board = await ask(core, "leaderboard", actor=odd_giver)
    assert board.tone is not Tone.ERROR
    assert "ali\ufffdce" in board.as_text()


async def test_an_unknown_member_is_refused(core):
    reply = await ask(core, "kudos", "@nobody", "thanks")

    assert_refused(reply, "kudos.unknown_member", name="nobody")
    assert await active(core) == 0


async def test_a_mention_token_without_a_known_member_is_refused(core):
    reply = await ask(core, "kudos", "<@U404>", "thanks")

    assert_refused(reply, "kudos.unknown_member", name="U404")
    assert await active(core) == 0


# ---------------------------------------------------------------- daily budget


async def test_daily_budget_is_five_and_the_sixth_is_refused(core):
    for who in ("bob", "carol", "dan", "erin", "frank"):
        assert_given(await thank(core, "alice", who))
    reply = await thank(core, "alice", "gina")

    assert_refused(reply, "kudos.over_budget", budget=5, left=0, asked=1, reset=reset_at())
    assert await active(core) == 5
    assert await tally(core, "alice") == Tally(given=5)
    assert await tally(core, "gina") == Tally()


async def test_a_multi_receiver_kudos_that_would_overflow_the_budget_is_refused_whole(core):
    assert_given(await thank(core, "alice", "bob", "carol", "dan", "erin"))
    reply = await thank(core, "alice", "frank", "gina")

    assert_refused(reply, "kudos.over_budget", budget=5, left=1, asked=2, reset=reset_at())
    assert await active(core) == 4
    assert_given(await thank(core, "alice", "frank"))


async def test_the_budget_is_per_giver(core):
    for who in ("bob", "carol", "dan", "erin", "frank"):
        await thank(core, "alice", who)
    assert_given(await thank(core, "bob", "carol"))


@pytest.mark.parametrize(
    ("zone", "still_same_day", "next_local_day"),
    [
        # 10:00Z is 23:00 Wednesday in Auckland (NZDT, +13): midnight comes before
        # UTC's, while the UTC date is still the 25th.
        ("Pacific/Auckland", "2026-03-25T10:45", "2026-03-25T11:30"),
        # 10:00Z is 03:00 Wednesday in Los Angeles (PDT, -7): UTC midnight passes
        # hours before the local one.
        ("America/Los_Angeles", "2026-03-26T00:30", "2026-03-26T07:30"),
    ],
)
async def test_the_budget_resets_at_local_midnight(
    core, clock, zone, still_same_day, next_local_day
):
    await configure(core, "timezone", zone)
    for who in ("bob", "carol", "dan", "erin", "frank"):
        assert_given(await thank(core, "alice", who))

    clock.set(datetime.fromisoformat(still_same_day).replace(tzinfo=UTC))
    midnight = reset_at(clock.now(), zone)
    assert_refused(
        await thank(core, "alice", "gina"),
        "kudos.over_budget",
        budget=5,
        left=0,
        asked=1,
        reset=midnight,
    )
    # the refusal names the local midnight, half an hour before next_local_day
    assert midnight.at == datetime.fromisoformat(next_local_day).replace(tzinfo=UTC, minute=0)

    clock.set(datetime.fromisoformat(next_local_day).replace(tzinfo=UTC))
    reply = await thank(core, "alice", "gina")
    assert_given(reply)
    assert en("kudos.footer", ids="#6", left=4, budget=5) in reply.as_text()
    assert await active(core) == 6
    days = db_rows(core, "SELECT DISTINCT local_day FROM kudos ORDER BY local_day")
    assert [d for (d,) in days] == ["2026-03-25", "2026-03-26"]


# ---------------------------------------------------------------- cooldown


async def test_cooldown_between_two_kudos_to_the_same_person(core, clock):
    assert_given(await thank(core, "alice", "bob"))

    clock.advance(timedelta(seconds=20.5))
    reply = await thank(core, "alice", "bob", reason="again!")
    assert_refused(reply, "kudos.cooldown", name=mention("bob"), count=40)
    assert await tally(core, "bob") == Tally(received=1)

    assert_given(await thank(core, "alice", "carol"))  # another receiver is fine
    assert_given(await thank(core, "dan", "bob"))  # another giver is fine

    clock.set(datetime(2026, 3, 25, 10, 1, 1, tzinfo=UTC))  # 61 s after the first
    assert_given(await thank(core, "alice", "bob", reason="again!"))
    assert await tally(core, "bob") == Tally(received=3)


async def test_cooldown_blocks_a_multi_receiver_kudos_whole(core, clock):
    await thank(core, "alice", "bob")
    clock.advance(timedelta(seconds=29.5))
    reply = await thank(core, "alice", "carol", "bob")

    assert_refused(reply, "kudos.cooldown", name=mention("bob"), count=31)
    assert await tally(core, "carol") == Tally()
    assert await active(core) == 1


# ---------------------------------------------------------------- opt-out


async def test_an_opted_out_member_cannot_receive_kudos_until_they_opt_back_in(core):
    assert_given(await thank(core, "carol", "bob"))  # bob is known
    await ask(core, "roots", "optout", actor="bob")

    reply = await thank(core, "alice", "bob")
    assert_refused(reply, "kudos.opted_out", name=mention("bob"))
    assert await tally(core, "bob") == Tally(received=1)

    await ask(core, "roots", "optin", actor="bob")
    assert_given(await thank(core, "alice", "bob"))
    assert await tally(core, "bob") == Tally(received=2)


# ---------------------------------------------------------------- the same event twice


async def test_a_kudos_command_delivered_twice_counts_once(core, clock):
    first = await say(core, "kudos", BOB, "thanks", actor="alice", event_id="evt-1")
    assert len(first) == 1
    assert_given(first[0])

    again = await say(core, "kudos", BOB, "thanks", actor="alice", event_id="evt-1")
    assert again == []
    clock.advance(timedelta(minutes=2))  # past the cooldown: still the same event
    assert await say(core, "kudos", BOB, "thanks", actor="alice", event_id="evt-1") == []

    assert await active(core) == 1
    assert await tally(core, "bob") == Tally(received=1)


async def test_a_plusplus_message_delivered_twice_counts_once(core):
    msg = posted("alice", BOB, "++ ", CAROL, "++ thanks for the demo", message_id="m-42")

    first = await core.router.message(msg)
    assert len(first) == 1
    assert_given(first[0])
    assert set(first[0].ping) == {BOB.id, CAROL.id}
    assert await core.router.message(msg) == []

    assert await active(core) == 2
    rows = kudos_rows(core)
    assert [(r[2], r[3], r[4]) for r in rows] == [
        (BOB.id, "thanks for the demo", "plusplus"),
        (CAROL.id, "thanks for the demo", "plusplus"),
    ]


async def test_a_message_without_plusplus_is_ignored(core):
    assert await core.router.message(posted("alice", "hello ", BOB)) == []
    assert await active(core) == 0


async def test_a_reaction_gives_kudos_to_the_author(core):
    replies = await core.router.reaction(reacted("carol", "bob", message_text="fixed  the\nbuild"))

    assert len(replies) == 1
    assert_given(replies[0])
    assert en("kudos.reason", reason="fixed the build") in replies[0].as_text()
    assert kudos_rows(core) == [(1, CAROL.id, BOB.id, "fixed the build", "reaction", None)]


async def test_a_reaction_removed_and_added_again_counts_once(core, clock):
    first = await core.router.reaction(reacted("carol", "bob", event_id="ev-a"))
    assert len(first) == 1
    clock.advance(timedelta(minutes=3))
    # Slack sends the emoji name; the platform gives the re-add a new event id.
    again = await core.router.reaction(reacted("carol", "bob", emoji="seedling", event_id="ev-b"))

    assert again == []
    assert await active(core) == 1
    # Someone else reacting to the same message is another kudos.
    assert len(await core.router.reaction(reacted("dan", "bob"))) == 1
    assert await tally(core, "bob") == Tally(received=2)


async def test_a_reaction_with_another_emoji_is_ignored(core):
    assert await core.router.reaction(reacted("carol", "bob", emoji="🎉")) == []
    assert await active(core) == 0


# ---------------------------------------------------------------- refusals change nothing


async def test_refusals_change_nothing_in_the_database(core):
    await thank(core, "alice", "bob")
    await ask(core, "roots", "optout", actor="erin")
    before = db_rows(core, "SELECT * FROM kudos ORDER BY kudos_id")
    totals_before = db_rows(core, "SELECT * FROM kudos_totals ORDER BY 1, 2, 3")
    pairs_before = db_rows(core, "SELECT * FROM kudos_pairs ORDER BY 1, 2, 3")

    refusals = [
        ("kudos.self", await thank(core, "alice", "alice")),
        ("kudos.to_bot", await ask(core, "kudos", member("bot", bot=True), "hi")),
        ("kudos.too_many", await thank(core, "alice", *"bcdefg")),
        ("kudos.reason_required", await thank(core, "alice", "carol", reason="")),
        ("kudos.reason_too_long", await thank(core, "alice", "carol", reason="z" * 300)),
        ("kudos.cooldown", await thank(core, "alice", "bob")),
        ("kudos.opted_out", await thank(core, "alice", "erin")),
        ("kudos.unknown_member", await ask(core, "kudos", "@ghost", "hi")),
        ("error.admin_only", await ask(core, "kudos", "revoke", "1", actor="bob")),
    ]
    for key, reply in refusals:
        assert reply.tone is Tone.ERROR, (key, reply.as_text())
        assert reply.visibility is Visibility.EPHEMERAL

    assert db_rows(core, "SELECT * FROM kudos ORDER BY kudos_id") == before
    assert db_rows(core, "SELECT * FROM kudos_totals ORDER BY 1, 2, 3") == totals_before
    assert db_rows(core, "SELECT * FROM kudos_pairs ORDER BY 1, 2, 3") == pairs_before
    assert db_rows(core, "SELECT count(*) FROM kudos_revocations") == [(0,)]
    assert await active(core) == 1
    assert await tally(core, "alice") == Tally(given=1)


# ---------------------------------------------------------------- undo


async def test_undo_takes_back_the_whole_last_action(core, clock):
    await thank(core, "alice", "bob", "carol", reason="release help")
    clock.advance(timedelta(minutes=4, seconds=59))

    reply = await ask(core, "kudos", "undo", actor="alice")

    assert reply.tone is Tone.SUCCESS
    assert reply.as_text() == en("kudos.undone", receivers="@bob and @carol")
    assert await active(core) == 0
    assert await tally(core, "alice") == Tally()
    assert await tally(core, "bob") == Tally()
    assert await tally(core, "carol") == Tally()
    # Audit: the rows stay, marked revoked, with who undid them.
    assert [r[5] is not None for r in kudos_rows(core)] == [True, True]
    assert db_rows(
        core, "SELECT kudos_id, revoked_by, kind FROM kudos_revocations ORDER BY kudos_id"
    ) == [(1, ALICE.id, "undo"), (2, ALICE.id, "undo")]


async def test_undo_gives_the_budget_back(core):
    for who in ("bob", "carol", "dan", "erin", "frank"):
        await thank(core, "alice", who)
    await ask(core, "kudos", "undo", actor="alice")

    assert_given(await thank(core, "alice", "gina"))
    assert await active(core) == 5


async def test_undo_only_takes_back_the_latest_action(core, clock):
    await thank(core, "alice", "bob")
    clock.advance(timedelta(seconds=5))
    await thank(core, "alice", "carol")

    reply = await ask(core, "kudos", "undo", actor="alice")

    assert reply.as_text() == en("kudos.undone", receivers="@carol")
    assert await tally(core, "bob") == Tally(received=1)
    assert await tally(core, "carol") == Tally()


async def test_undo_after_five_minutes_is_refused(core, clock):
    await thank(core, "alice", "bob")
    clock.advance(timedelta(minutes=5, seconds=1))

    reply = await ask(core, "kudos", "undo", actor="alice")

    assert_refused(reply, "kudos.nothing_to_undo", minutes=5)
    assert await active(core) == 1
    assert db_rows(core, "SELECT count(*) FROM kudos_revocations") == [(0,)]


async def test_you_cannot_undo_someone_elses_kudos(core):
    await thank(core, "alice", "bob")

    assert_refused(
        await ask(core, "kudos", "undo", actor="bob"), "kudos.nothing_to_undo", minutes=5
    )
    assert await active(core) == 1


# ---------------------------------------------------------------- admin revoke


async def test_an_admin_revokes_a_kudos_by_number(core, clock):
    await thank(core, "alice", "bob", "carol")
    clock.advance(timedelta(hours=3))

    reply = await ask(core, "kudos", "revoke", "#2", actor="mod", admin=True)

    assert reply.tone is Tone.SUCCESS
    assert reply.as_text() == en("kudos.revoked", id=2)
    assert await active(core) == 1
    assert await tally(core, "carol") == Tally()
    assert await tally(core, "bob") == Tally(received=1)
    assert await tally(core, "alice") == Tally(given=1)
    assert db_rows(core, "SELECT kudos_id, revoked_by, kind FROM kudos_revocations") == [
        (2, "U-mod", "revoke")
    ]


async def test_revoke_by_a_non_admin_is_refused(core):
    await thank(core, "alice", "bob")

    reply = await ask(core, "kudos", "revoke", "1", actor="bob")

    assert_refused(reply, "error.admin_only")
    assert await active(core) == 1


@pytest.mark.parametrize(
    ("raw", "key", "shown"),
    [
        ("999", "kudos.unknown_id", "999"),
        ("#999", "kudos.unknown_id", "999"),
        ("abc", "kudos.bad_id", "abc"),
        ("-1", "kudos.bad_id", "-1"),
    ],
)
async def test_revoke_with_a_bad_or_unknown_number(core, raw, key, shown):
    await thank(core, "alice", "bob")

    reply = await ask(core, "kudos", "revoke", raw, actor="mod", admin=True)

    assert_refused(reply, key, id=shown)
    assert await active(core) == 1


async def test_revoke_without_a_number_answers_with_usage(core):
    assert_refused(await ask(core, "kudos", "revoke", actor="mod", admin=True), "usage.revoke")


async def test_revoking_twice_says_it_was_already_revoked(core):
    await thank(core, "alice", "bob")
    await ask(core, "kudos", "revoke", "1", actor="mod", admin=True)

    reply = await ask(core, "kudos", "revoke", "1", actor="mod", admin=True)

    assert_refused(reply, "kudos.already_revoked", id=1)
    assert await tally(core, "bob") == Tally()
    assert db_rows(core, "SELECT count(*) FROM kudos_revocations") == [(1,)]


async def test_an_undone_kudos_counts_as_already_revoked(core):
    await thank(core, "alice", "bob")
    await ask(core, "kudos", "undo", actor="alice")

    reply = await ask(core, "kudos", "revoke", "1", actor="mod", admin=True)

    assert_refused(reply, "kudos.already_revoked", id=1)


async def test_kudos_of_another_community_cannot_be_revoked_here(core):
    await thank(core, "alice", "bob")

    reply = await ask(core, "kudos", "revoke", "1", actor="mod", admin=True, community="T-other")

    assert_refused(reply, "kudos.unknown_id", id="1")
    assert await active(core) == 1


async def test_revoke_with_a_superscript_digit_is_a_bad_number(core):
    await thank(core, "alice", "bob")

    reply = await ask(core, "kudos", "revoke", "²", actor="mod", admin=True)

    assert_refused(reply, "kudos.bad_id", id="²")


# ---------------------------------------------------------------- concurrency


async def test_fifty_concurrent_kudos_from_one_giver_respect_the_budget(core):
    receivers = [member(f"r{i:02d}") for i in range(50)]

    replies = await asyncio.gather(
        *(core.router.command(call("kudos", r, "thanks", actor="alice")) for r in receivers)
    )

    flat = [reply for rs in replies for reply in rs]
    assert len(flat) == 50
    given = [r for r in flat if r.tone is Tone.SUCCESS]
    refused = [
        r
        for r in flat
        if is_refusal(r, "kudos.over_budget", budget=5, left=0, asked=1, reset=reset_at())
    ]
    assert len(given) == 5
    assert len(refused) == 45
    # Each success shows its own number and what was left right after it.
    assert {plain_text(r.lines[-1]) for r in given} == {
        en("kudos.footer", ids=f"#{i}", left=5 - i, budget=5) for i in range(1, 6)
    }
    assert await active(core) == 5
    assert await tally(core, "alice") == Tally(given=5)


async def test_fifty_different_givers_at_once_are_all_recorded(core):
    givers = [member(f"g{i:02d}") for i in range(50)]

    replies = await asyncio.gather(
        *(core.router.command(call("kudos", BOB, "thank", "you", actor=g)) for g in givers)
    )

    assert all(len(rs) == 1 and rs[0].tone is Tone.SUCCESS for rs in replies)
    assert {plain_text(rs[0].lines[-1]) for rs in replies} == {
        en("kudos.footer", ids=f"#{i}", left=4, budget=5) for i in range(1, 51)
    }
    assert await active(core) == 50
    assert await tally(core, "bob") == Tally(received=50)
    for g in givers:
        assert await tally(core, g) == Tally(given=1)
    assert db_rows(core, "SELECT count(DISTINCT giver_id), count(*) FROM kudos") == [(50, 50)]
