"""The console adapter: Roots in a terminal, no token needed.

Every line is one input: `/as alice` switches the acting member, lines starting
with `/` are slash commands, anything else is a message posted in #general.
Works interactively and from piped stdin (one reply block per input).
"""

from __future__ import annotations

import asyncio
import logging
import re
import secrets
import sys
from dataclasses import dataclass
from typing import TextIO

from adapters.console.render import render_reply, render_rich
from bot.clock import ManualClock
from bot.messages import text
from bot.numbers import ascii_int
from bot.services.prompts import parse_duration
from bot.timezones import load_zone
from bot.types import CommandCall, Context, Member, MessagePosted, ReactionAdded, Reply
from bot.wiring import Core

log = logging.getLogger(__name__)

COMMUNITY_ID = "console"
CHANNEL_ID = "general"
NAME_RE = re.compile(r"[A-Za-z0-9_.\-]{1,32}")
MENTION_WORD = re.compile(r"(?<![\w@])@([A-Za-z0-9_\-]+(?:\.[A-Za-z0-9_\-]+)*)")


@dataclass
class Posted:
    message_id: str
    author: Member
    text: str


ROOTS = Member("roots", "roots", is_bot=True)


class ConsoleDelivery:
    """Scheduled posts (prompts, recaps, digests) printed with their local timestamp:
    `[2026-03-30 09:00 Europe/Paris] #general` then the post. React to them with
    `/react ✅ 1` to check in."""

    def __init__(self, console: ConsoleAdapter) -> None:
        self.console = console

    async def _stamp(self, community_id: str, channel_id: str) -> str:
        core = self.console.core
        ctx = Context("console", community_id, channel_id, self.console.actor)
        zone = (await core.communities.settings(ctx)).timezone
        local = core.clock.now().astimezone(load_zone(zone))
        return f"[{local:%Y-%m-%d %H:%M} {zone}] #{channel_id}"

    async def send(self, community_id: str, channel_id: str, reply: Reply) -> str:
        console = self.console
        message_id = console._next_id("post")
        console.print(await self._stamp(community_id, channel_id))
        console.print(render_reply(reply, console.actor.name))
        console.history.append(Posted(message_id, ROOTS, reply.as_text()))
        return message_id

    async def edit(self, community_id: str, channel_id: str, message_id: str, reply: Reply) -> bool:
        update = render_rich(reply.lines[-1]) if reply.lines else render_rich(reply.body)
        self.console.print(f"{await self._stamp(community_id, channel_id)} (updated): {update}")
        return True


class ConsoleAdapter:
    def __init__(
        self,
        core: Core,
        out: TextIO = sys.stdout,
        actor: str = "you",
        session: str | None = None,
    ) -> None:
        self.core = core
        # Event ids are unique per console process, so two consoles on one database never
        # take each other's events for platform retries.
        self.session = session if session is not None else secrets.token_hex(4)
        self.out = out
        self.members: dict[str, Member] = {}
        self.actor = self._member(actor)
        self.is_admin = False
        self.history: list[Posted] = []
        self.last_event: object | None = None
        self._counter = 0
        core.attach_delivery(ConsoleDelivery(self))

    # ------------------------------------------------------------ helpers

    def _member(self, name: str, is_bot: bool = False) -> Member:
        key = name.lower()
        member = Member(id=key, name=name, is_bot=is_bot)
        self.members[key] = member
        return member

    def _ctx(self) -> Context:
        return Context("console", COMMUNITY_ID, CHANNEL_ID, self.actor, self.is_admin)

    def _next_id(self, kind: str) -> str:
        self._counter += 1
        return f"console-{self.session}-{kind}-{self._counter}"

    async def _canonical(self, words: str) -> tuple[str, dict[str, Member]]:
        """`@bob` -> `<@bob>` for known members; unknown names stay as typed.

        Members seen in an earlier session (kept in the database) are known too.
        """
        for name in {m.lower() for m in MENTION_WORD.findall(words)} - set(self.members):
            record = await self.core.store.find_member_by_name(COMMUNITY_ID, name)
            if record is not None and record.id == name:
                self.members[name] = Member(record.id, record.name, record.is_bot)
        found: dict[str, Member] = {}

        def swap(match: re.Match[str]) -> str:
            member = self.members.get(match.group(1).lower())
            if member is None:
                return match.group(0)
            found[member.id] = member
            return f"<@{member.id}>"

        return MENTION_WORD.sub(swap, words), found

    async def locale(self) -> str:
        return (await self.core.communities.settings(self._ctx())).locale

    async def say(self, key: str, **values: object) -> None:
        self.print(text(await self.locale(), key, **values))

    def print(self, line: str) -> None:
        self.out.write(line + "\n")
        self.out.flush()

    def show(self, replies: list[Reply]) -> None:
        for reply in replies:
            self.print(render_reply(reply, self.actor.name))

    # ------------------------------------------------------------ input

    async def handle_line(self, line: str) -> bool:
        """Handle one input line; False when the console should stop."""
        line = line.strip()
        if not line:
            return True
        if line in ("/quit", "/exit"):
            return False
        if line.startswith("/"):
            name, _, rest = line[1:].partition(" ")
            local = getattr(self, f"_cmd_{name.lower()}", None) if name.isalpha() else None
            if local is not None:
                await local(rest.strip())
                return True
            await self._command(name, rest)
            return True
        await self._message(line)
        return True

    async def _deliver(self, event: object) -> None:
        self.last_event = event
        router = self.core.router
        if isinstance(event, CommandCall):
            self.show(await router.command(event))
        elif isinstance(event, MessagePosted):
            self.show(await router.message(event))
        elif isinstance(event, ReactionAdded):
            self.show(await router.reaction(event))

    async def _command(self, name: str, rest: str) -> None:
        canonical, mentions = await self._canonical(rest)
        call = CommandCall(
            self._ctx(), name, tuple(canonical.split()), mentions, event_id=self._next_id("cmd")
        )
        await self._deliver(call)

    async def _message(self, line: str) -> None:
        message_id = self._next_id("msg")
        self.history.append(Posted(message_id, self.actor, line))
        canonical, mentions = await self._canonical(line)
        await self._deliver(
            MessagePosted(self._ctx(), message_id, canonical, mentions, event_id=message_id)
        )

    # ------------------------------------------------------------ console-only commands

    async def _cmd_as(self, rest: str) -> None:
        kind, _, name = rest.rpartition(":")
        if kind not in ("", "admin", "bot") or not NAME_RE.fullmatch(name):
            await self.say("console.bad_name", name=rest)
            return
        self.actor = self._member(name, is_bot=kind == "bot")
        self.is_admin = kind == "admin"
        await self.core.communities.settings(self._ctx())
        await self.core.communities.see(COMMUNITY_ID, self.actor)
        await self.say(
            "console.acting_as_admin" if self.is_admin else "console.acting_as", name=name
        )

    async def _cmd_react(self, rest: str) -> None:
        parts = rest.split()
        n = ascii_int(parts[1], 6) if len(parts) == 2 else None
        if n is None:
            await self.say("console.usage_react")
            return
        emoji = parts[0]
        if not 1 <= n <= len(self.history):
            await self.say("console.no_message", n=parts[1])
            return
        target = self.history[-n]
        await self._deliver(
            ReactionAdded(
                self._ctx(),
                target.message_id,
                emoji,
                target.author,
                target.text,
                event_id=self._next_id("reaction"),
            )
        )

    async def _cmd_retry(self, rest: str) -> None:
        if self.last_event is None:
            await self.say("console.nothing_to_retry")
            return
        event_id = getattr(self.last_event, "event_id", None) or "?"
        await self.say("console.retried", event=event_id)
        await self._deliver(self.last_event)

    async def _cmd_wait(self, rest: str) -> None:
        """`/wait 2d`: move the simulated clock, printing every post that falls due."""
        clock = self.core.clock
        if not isinstance(clock, ManualClock):
            await self.say("console.wait_needs_clock")
            return
        try:
            delta = parse_duration(rest)
        except ValueError:
            await self.say("console.usage_wait")
            return
        try:
            await self.core.scheduler.advance_to(clock.now() + delta)
        except Exception:
            log.exception("The scheduler failed while the clock moved")
            await self.say("error.unexpected")
            return
        zone = (await self.core.communities.settings(self._ctx())).timezone
        local = clock.now().astimezone(load_zone(zone))
        await self.say("console.waited", time=f"{local:%Y-%m-%d %H:%M} {zone}")

    async def _cmd_help(self, rest: str) -> None:
        await self._command("help", rest)
        await self.say("console.help")

    # ------------------------------------------------------------ loop

    async def run(self, stream: TextIO = sys.stdin, *, interactive: bool | None = None) -> None:
        interactive = stream.isatty() if interactive is None else interactive
        await self.core.communities.settings(self._ctx())
        await self.core.communities.see(COMMUNITY_ID, self.actor)
        if interactive:
            await self.say("console.welcome", name=self.actor.name)
        loop = asyncio.get_running_loop()
        while True:
            if interactive:
                self.out.write(f"{self.actor.name}> ")
                self.out.flush()
            line = await loop.run_in_executor(None, stream.readline)
            if not line:
                break
            if not await self.handle_line(line):
                break
