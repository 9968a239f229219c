"""Small builders for the neutral events the router takes, and read-only DB peeks.

Members are named: ``member("bob")`` is ``Member("U-bob", "bob")``. A :class:`Member`
passed as a command argument becomes a canonical ``<@ID>`` mention (as an adapter
would produce); a plain string such as ``"@bob"`` stays typed text.
"""

from __future__ import annotations

import asyncio
import inspect
import sqlite3
from collections.abc import Callable, Iterable
from contextlib import closing
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from bot.clock import ManualClock
from bot.delivery import ChannelUnavailable, DirectMessagesClosed, Ownership
from bot.messages import text
from bot.periods import next_midnight
from bot.services.schedules import channel_word
from bot.storage.records import Tally
from bot.types import (
    CommandCall,
    Context,
    Field,
    Member,
    Mention,
    MessagePosted,
    Moment,
    MomentStyle,
    ReactionAdded,
    Reply,
    Tone,
    Visibility,
    plain_text,
)

PLATFORM = "test"
COMMUNITY = "T-roots"
CHANNEL = "C-general"
START = datetime(2026, 3, 25, 10, 0, tzinfo=UTC)  # a Wednesday, ISO week 2026-W13


# ---------------------------------------------------------------- members & contexts


def member(name: str, *, id: str | None = None, bot: bool = False) -> Member:
    return Member(id or f"U-{name}", name, bot)


def as_member(who: str | Member) -> Member:
    return who if isinstance(who, Member) else member(who)


def mention(who: str | Member) -> Mention:
    m = as_member(who)
    return Mention(m.id, m.name)


def context(
    actor: str | Member = "alice", *, admin: bool = False, community: str = COMMUNITY
) -> Context:
    return Context(PLATFORM, community, CHANNEL, as_member(actor), admin)


def call(
    name: str,
    *args: str | Member,
    actor: str | Member = "alice",
    admin: bool = False,
    mentions: Iterable[Member] = (),
    event_id: str | None = None,
    community: str = COMMUNITY,
) -> CommandCall:
    """``/name args...``; Member arguments become ``<@ID>`` tokens with their mention.

    Channel words (``#general``, ``<#C1>``) are channels the platform resolved as the
    community's, as an adapter's channel picker gives them.
    """
    words: list[str] = []
    found: dict[str, Member] = {m.id: m for m in mentions}
    for arg in args:
        if isinstance(arg, Member):
            words.append(f"<@{arg.id}>")
            found[arg.id] = arg
        else:
            words.append(arg)
    return CommandCall(
        context(actor, admin=admin, community=community),
        name,
        tuple(words),
        found,
        event_id,
        channels=tuple(c for c in map(channel_word, words) if c is not None),
    )


def posted(
    actor: str | Member,
    *parts: str | Member,
    message_id: str = "msg-1",
    event_id: str | None = None,
) -> MessagePosted:
    """A chat message; Member parts become ``<@ID>`` tokens, strings are joined as is."""
    found: dict[str, Member] = {}
    pieces: list[str] = []
    for part in parts:
        if isinstance(part, Member):
            pieces.append(f"<@{part.id}>")
            found[part.id] = part
        else:
            pieces.append(part)
    return MessagePosted(context(actor), message_id, "".join(pieces), found, event_id)


def reacted(
    actor: str | Member,
    author: str | Member,
    *,
    emoji: str = "🌱",
    message_id: str = "msg-1",
    message_text: str = "here is the fix for the flaky build",
    event_id: str | None = None,
) -> ReactionAdded:
    return ReactionAdded(
        context(actor), message_id, emoji, as_member(author), message_text, event_id
    )


# ---------------------------------------------------------------- talking to the core


async def say(core: Any, name: str, *args: str | Member, **kw: Any) -> list[Reply]:
    replies: list[Reply] = await core.router.command(call(name, *args, **kw))
    return replies


async def ask(core: Any, name: str, *args: str | Member, **kw: Any) -> Reply:
    """Run a command that must answer with exactly one reply."""
    replies = await say(core, name, *args, **kw)
    assert len(replies) == 1, replies
    return replies[0]


async def thank(
    core: Any,
    giver: str | Member,
    *receivers: str | Member,
    reason: str = "thanks for the help",
    event_id: str | None = None,
) -> Reply:
    words = [as_member(r) for r in receivers]
    args: list[str | Member] = [*words, *reason.split()]
    return await ask(core, "kudos", *args, actor=giver, event_id=event_id)


async def configure(core: Any, setting: str, value: str) -> Reply:
    reply = await ask(core, "roots-config", setting, value, actor="admin", admin=True)
    assert reply.tone is Tone.SUCCESS, reply.as_text()
    return reply


def en(key: str, **values: object) -> str:
    return text("en", key, **values)


def reset_at(now: datetime = START, zone: str = "UTC") -> Moment:
    """When a daily budget spent at ``now`` resets, as the refusal shows it: the
    community's next midnight, in its zone."""
    return Moment(next_midnight(now, zone), zone, MomentStyle.TIME)


def is_refusal(reply: Reply, key: str, locale: str = "en", **values: object) -> bool:
    return (
        reply.tone is Tone.ERROR
        and reply.visibility is Visibility.EPHEMERAL
        and reply.as_text() == text(locale, key, **values)
    )


def assert_refused(reply: Reply, key: str, locale: str = "en", **values: object) -> None:
    assert reply.tone is Tone.ERROR, reply.as_text()
    assert reply.visibility is Visibility.EPHEMERAL
    assert reply.as_text() == text(locale, key, **values)


def assert_given(reply: Reply) -> None:
    assert reply.tone is Tone.SUCCESS, reply.as_text()
    assert reply.visibility is Visibility.PUBLIC


def field_map(reply: Reply) -> dict[str, str]:
    """Field name -> value, both as plain text."""
    return {plain_text(f.name): plain_text(f.value) for f in reply.fields}


def field_lines(field: Field) -> list[str]:
    return plain_text(field.value).split("\n")


# ---------------------------------------------------------------- database peeks


def db_rows(core: Any, sql: str, *params: object) -> list[tuple[Any, ...]]:
    """Read committed rows straight from the SQLite file (a separate connection)."""
    with closing(sqlite3.connect(core.store.path)) as db:
        return db.execute(sql, params).fetchall()


async def tally(core: Any, who: str | Member, period: str = "life") -> Tally:
    found: dict[str, Tally] = await core.store.tallies(COMMUNITY, as_member(who).id, [period])
    return found[period]


async def active(core: Any) -> int:
    count: int = await core.store.count_active_kudos(COMMUNITY)
    return count


# ---------------------------------------------------------------- scheduled posts


@dataclass
class Sent:
    at: datetime
    channel: str
    reply: Reply


@dataclass
class RecordingDelivery:
    """A platform that records posts; it can fail on demand."""

    clock: ManualClock
    sent: list[Sent] = field(default_factory=list)
    edits: list[tuple[str, Reply]] = field(default_factory=list)
    fail_next: int = 0
    gone: set[str] = field(default_factory=set)
    tag: str = "m"

    async def send(self, community_id: str, channel_id: str, reply: Reply) -> str:
        if channel_id in self.gone:
            raise ChannelUnavailable(f"#{channel_id} was deleted")
        if self.fail_next:
            self.fail_next -= 1
            raise ConnectionError("the platform timed out")
        self.sent.append(Sent(self.clock.now(), channel_id, reply))
        return f"{self.tag}{len(self.sent)}"

    async def edit(self, community_id: str, channel_id: str, message_id: str, reply: Reply) -> bool:
        self.edits.append((message_id, reply))
        return True

    async def ownership(self, community_id: str, channel_id: str) -> Ownership:
        # The test platform cannot tell whose a channel is: ``send`` decides, as it did
        # before Delivery had ``ownership`` (bot.delivery.ownership's UNKNOWN).
        return Ownership.UNKNOWN

    # Direct messages (the weekly nudge): recorded apart, with the member's id as channel.
    private: list[Sent] = field(default_factory=list)
    dm_closed: set[str] = field(default_factory=set)  # members who refuse DMs

    async def send_private(self, community_id: str, member_id: str, reply: Reply) -> str:
        if member_id in self.dm_closed:
            raise DirectMessagesClosed(f"{member_id} does not take direct messages")
        if self.fail_next:
            self.fail_next -= 1
            raise ConnectionError("the platform timed out")
        self.private.append(Sent(self.clock.now(), member_id, reply))
        return f"dm{len(self.private)}"


def utc(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)


def sent(core: Any) -> list[Reply]:
    """Replies the scheduler posted through the test's RecordingDelivery."""
    delivery = core.scheduler.delivery
    assert isinstance(delivery, RecordingDelivery)
    return [s.reply for s in delivery.sent]


async def admin(core: Any, name: str, *args: str | Member) -> Reply:
    return await ask(core, name, *args, actor="admin", admin=True)


async def eventually(
    check: Callable[[], Any], within: float = 10.0, what: str = "the condition"
) -> Any:
    """Poll ``check()`` (sync or async) until it is truthy; fail after ``within`` seconds."""
    deadline = asyncio.get_running_loop().time() + within
    while True:
        found = check()
        if inspect.isawaitable(found):
            found = await found
        if found:
            return found
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"{what} did not happen within {within} s")
        await asyncio.sleep(0.02)
