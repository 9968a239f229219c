"""Quiet announcements (issue 15): /roots-config announce here|thread|#channel|private
decides where public kudos confirmations go; leaderboards and digests don't move."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pytest

from bot.delivery import Ownership
from bot.types import CommandCall, Visibility, plain_text
from tests.fakes import (
    CHANNEL,
    RecordingDelivery,
    active,
    admin,
    ask,
    assert_given,
    assert_refused,
    call,
    en,
    field_map,
    member,
    posted,
    reacted,
    thank,
)

BOB = member("bob")
LOG = "C-log"


@dataclass
class Channels(RecordingDelivery):
    """A platform that knows whose channels are whose."""

    foreign: frozenset[str] = frozenset({"C-elsewhere"})

    async def ownership(self, community_id: str, channel_id: str) -> Ownership:
        if channel_id in self.foreign:
            return Ownership.FOREIGN
        return Ownership.GONE if channel_id in self.gone else Ownership.OWN


@pytest.fixture
def platform(core, clock) -> Channels:
    delivery = Channels(clock)
    core.attach_delivery(delivery)
    return delivery


async def announce(core, *words: str) -> None:
    reply = await admin(core, "roots-config", "announce", *words)
    assert not reply.is_error, reply.as_text()


async def test_by_default_kudos_are_confirmed_here(core, platform) -> None:
    reply = await thank(core, "alice", "bob")

    assert_given(reply)
    assert not reply.thread
    assert platform.sent == []


async def test_thread_answers_a_plusplus_in_its_thread_and_a_command_here(core, platform):
    await announce(core, "thread")

    (given,) = await core.router.message(posted("alice", BOB, "++ for the fix"))
    command = await thank(core, "carol", "bob")

    assert_given(given)
    assert given.thread
    assert_given(command)
    assert not command.thread


async def test_thread_answers_a_reaction_in_its_thread(core, platform) -> None:
    await announce(core, "fil")

    (given,) = await core.router.reaction(reacted("alice", "bob"))

    assert_given(given)
    assert given.thread


async def test_a_log_channel_gets_the_confirmation_and_the_giver_is_told(core, platform):
    await announce(core, f"<#{LOG}>")

    reply = await ask(core, "kudos", BOB, "for", "the", "review", actor="alice")

    assert reply.visibility is Visibility.EPHEMERAL
    assert reply.as_text() == en("announce.posted", channel=f"#{LOG}")
    ((sent_channel, confirmation),) = [(s.channel, s.reply) for s in platform.sent]
    assert sent_channel == LOG
    assert plain_text(confirmation.body) == en("kudos.given", giver="@alice", receivers="@bob")
    assert confirmation.ping == (BOB.id,)
    assert await active(core) == 1


async def test_a_plusplus_in_log_channel_mode_says_nothing_here(core, platform) -> None:
    await announce(core, f"<#{LOG}>")

    replies = await core.router.message(posted("alice", BOB, "++ thanks"))

    assert replies == []
    assert [s.channel for s in platform.sent] == [LOG]


async def test_a_log_channel_that_fails_falls_back_to_here(core, platform) -> None:
    await announce(core, f"<#{LOG}>")
    platform.fail_next = 1

    reply = await thank(core, "alice", "bob")

    assert_given(reply)
    assert platform.sent == []
    assert await active(core) == 1


async def test_private_tells_only_the_giver_and_the_receiver(core, platform) -> None:
    await announce(core, "private")

    reply = await thank(core, "alice", "bob")
    (reaction,) = await core.router.reaction(reacted("carol", "bob"))

    assert plain_text(reply.body) == en("kudos.given", giver="@alice", receivers="@bob")
    assert plain_text(reaction.body) == en("kudos.given", giver="@carol", receivers="@bob")
    for shown in (reply, reaction):
        assert shown.visibility is Visibility.EPHEMERAL
        assert shown.ping == ()
    assert platform.sent == []  # nothing in any channel
    # Bob is told of each, privately, with nobody pinged.
    assert [(sent.channel, plain_text(sent.reply.body)) for sent in platform.private] == [
        (BOB.id, en("kudos.given", giver="@alice", receivers="@bob")),
        (BOB.id, en("kudos.given", giver="@carol", receivers="@bob")),
    ]
    assert all(sent.reply.ping == () for sent in platform.private)
    assert await active(core) == 2


async def test_private_still_gives_when_a_receiver_takes_no_private_messages(
    core, platform
) -> None:
    await announce(core, "private")
    platform.dm_closed.add(BOB.id)

    reply = await thank(core, "alice", "bob")

    assert plain_text(reply.body) == en("kudos.given", giver="@alice", receivers="@bob")
    assert reply.visibility is Visibility.EPHEMERAL
    assert await active(core) == 1


async def test_leaderboards_are_unaffected(core, platform) -> None:
    await announce(core, "private")
    await thank(core, "alice", "bob")

    board = await ask(core, "leaderboard")

    assert board.visibility is Visibility.PUBLIC


async def test_a_channel_typed_as_text_is_refused_and_nothing_changes(core, platform) -> None:
    typed = replace(
        call("roots-config", "announce", f"<#{LOG}>", actor="admin", admin=True), channels=()
    )

    (reply,) = await core.router.command(typed)

    assert_refused(reply, "schedule.channel_not_given")
    assert_given(await thank(core, "alice", "bob"))  # still here


async def test_another_communitys_channel_is_refused(core, platform) -> None:
    reply = await admin(core, "roots-config", "announce", "<#C-elsewhere>")

    assert_refused(reply, "schedule.foreign_channel", channel="#C-elsewhere")
    assert (await thank(core, "alice", "bob")).visibility is Visibility.PUBLIC


async def test_a_bad_word_gets_the_usage(core, platform) -> None:
    reply = await admin(core, "roots-config", "announce", "everywhere")
    none = await admin(core, "roots-config", "announce")

    assert_refused(reply, "announce.usage")
    assert_refused(none, "announce.usage")


async def test_members_cannot_change_it(core, platform) -> None:
    reply = await ask(core, "roots-config", "announce", "private", actor="alice")

    assert_refused(reply, "error.admin_only")
    assert (await thank(core, "alice", "bob")).visibility is Visibility.PUBLIC


async def test_show_and_the_confirmations_say_where(core, platform) -> None:
    done = await admin(core, "roots-config", "announce", f"<#{LOG}>")
    shown = field_map(await admin(core, "roots-config", "show"))

    assert done.as_text() == en("announce.set_channel", channel=f"#{LOG}")
    assert shown[en("config.name.announce")] == en("announce.mode_channel", channel=f"#{LOG}")

    await announce(core, "here")
    assert_given(await thank(core, "alice", "bob"))
    assert platform.sent == []


async def test_typed_options_set_it_too(core, platform) -> None:
    ctx = call("roots-config", actor="admin", admin=True).ctx
    typed = CommandCall(
        ctx,
        "roots-config",
        sub="announce",
        values={"where": "channel", "channel": LOG},
        channels=(LOG,),
    )
    missing = CommandCall(ctx, "roots-config", sub="announce", values={"where": "channel"})

    (done,) = await core.router.command(typed)
    (refused,) = await core.router.command(missing)

    assert done.as_text() == en("announce.set_channel", channel=f"#{LOG}")
    assert_refused(refused, "announce.usage")
    await thank(core, "alice", "bob")
    assert [s.channel for s in platform.sent] == [LOG]
    assert CHANNEL != LOG


async def test_a_channel_roots_cannot_see_is_refused(core, platform) -> None:
    platform.gone = {LOG}

    reply = await admin(core, "roots-config", "announce", f"<#{LOG}>")

    assert_refused(reply, "announce.channel_gone", channel=f"#{LOG}")
    assert (await thank(core, "alice", "bob")).visibility is Visibility.PUBLIC
