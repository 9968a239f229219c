"""The core's events (bot/events.py): what metrics and later observers hear, and that an
observer never changes what a member sees."""

from __future__ import annotations

from bot.events import CommandHandled, KudosGiven, PostSent
from bot.wiring import Core
from tests.fakes import active, ask, assert_given, member, say, thank


async def test_a_kudos_and_the_command_that_gave_it_are_published(core: Core) -> None:
    heard: list[object] = []
    core.events.subscribe(KudosGiven, heard.append)
    core.events.subscribe(CommandHandled, heard.append)
    reply = await ask(core, "kudos", member("bob"), member("carol"), "thanks", "for", "it")
    assert_given(reply)
    given, handled = heard
    assert isinstance(given, KudosGiven) and given.receivers == 2 and given.source == "command"
    assert isinstance(handled, CommandHandled)
    assert (handled.command, handled.platform, handled.replies) == ("kudos", "test", [reply])
    await say(core, "no-such-command")
    assert isinstance(heard[-1], CommandHandled) and heard[-1].command == "unknown"


async def test_a_refused_kudos_publishes_no_kudos(core: Core) -> None:
    heard: list[KudosGiven] = []
    core.events.subscribe(KudosGiven, heard.append)
    await say(core, "kudos", "nobody")
    await thank(core, "alice", "bob")
    assert [e.receivers for e in heard] == [1]


async def test_a_failing_observer_changes_nothing_for_the_member(core: Core) -> None:
    def broken(event: object) -> None:
        raise RuntimeError("observer bug")

    core.events.subscribe(KudosGiven, broken)
    core.events.subscribe(CommandHandled, broken)
    core.events.subscribe(PostSent, broken)
    assert_given(await thank(core, "alice", "bob"))
    assert await active(core) == 1
