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
from datetime import datetime
from typing import TextIO

from adapters.console.render import render_reply, render_rich
from bot.clock import ManualClock
from bot.delivery import Ownership
from bot.demo import DemoSummary, Place
from bot.demo import seed_demo as seed_demo_community
from bot.messages import text
from bot.numbers import ascii_int
from bot.services.schedules import channel_word, parse_duration
from bot.timezones import load_zone
from bot.types import (
    Button,
    ButtonClicked,
    CommandCall,
    Context,
    Member,
    MessagePosted,
    ReactionAdded,
    Reply,
    Visibility,
)
from bot.wiring import Core

log = logging.getLogger(__name__)

COMMUNITY_ID = "console"
DEFAULT_ACTOR = "you"  # plain `roots console`: the newcomer at the keyboard
CHANNEL_ID = "general"
NAME_RE = re.compile(r"[A-Za-z0-9_.\-]{1,32}")
MENTION_WORD = re.compile(r"(?<![\w@])@([A-Za-z0-9_\-]+(?:\.[A-Za-z0-9_\-]+)*)")
# Words a platform reads as "everybody" (and Roots itself): a mention of them never
# creates a member.
NOT_MEMBERS = frozenset({"everyone", "here", "channel", "all", "roots"})


@dataclass
class Posted:
    message_id: str
    author: Member
    text: str


@dataclass(frozen=True)
class Pressable:
    """A Roots message with buttons, as the console showed it: ``viewer`` is the only
    member who saw it when it was private (None: everyone in the channel)."""

    buttons: tuple[Button, ...]
    viewer: str | None


ROOTS = Member("roots", "roots", is_bot=True)


class ConsoleDelivery:
    """Scheduled posts (prompts, recaps, digests) printed with their local timestamp:
    `[2026-03-30 09:00 Europe/Paris] #general` then the post. React to them with
    `/react ✅ 1` to check in."""

    def __init__(self, console: ConsoleAdapter) -> None:
        self.console = console

    async def stamp(self, community_id: str, channel_id: str, at: datetime | None = None) -> str:
        core = self.console.core
        ctx = Context("console", community_id, channel_id, self.console.actor)
        zone = (await core.communities.settings(ctx)).timezone
        local = (at or core.clock.now()).astimezone(load_zone(zone))
        return f"[{local:%Y-%m-%d %H:%M} {zone}] #{channel_id}"

    async def send(self, community_id: str, channel_id: str, reply: Reply) -> str:
        console = self.console
        message_id = console._next_id("post")
        console.print(await self.stamp(community_id, channel_id))
        console.print(render_reply(reply, console.actor.name))
        console.history.append(Posted(message_id, ROOTS, reply.as_text()))
        console.remember_buttons(reply, public=True)
        return message_id

    async def send_private(self, community_id: str, member_id: str, reply: Reply) -> str:
        """A direct message (the weekly nudge): ``roots (only alice sees this): …``."""
        console = self.console
        message_id = console._next_id("dm")
        record = await console.core.store.get_member(community_id, member_id)
        name = record.name if record is not None else member_id
        stamp = await self.stamp(community_id, member_id)
        console.print(stamp.rsplit(" #", 1)[0])
        ctx = Context("console", community_id, member_id, console.actor)
        locale = (await console.core.communities.settings(ctx)).locale
        console.print(render_reply(reply, name, locale))
        console.history.append(Posted(message_id, ROOTS, reply.as_text()))
        return message_id

    async def edit(self, community_id: str, channel_id: str, message_id: str, reply: Reply) -> bool:
        update = render_rich(reply.lines[-1]) if reply.lines else render_rich(reply.body)
        self.console.print(f"{await self.stamp(community_id, channel_id)} (updated): {update}")
        return True

    async def ownership(self, community_id: str, channel_id: str) -> Ownership:
        return Ownership.UNKNOWN  # one community, every channel its own: send decides


def _button_named(buttons: tuple[Button, ...], label: str) -> Button | None:
    """The button whose label starts with ``label`` (any case; the first when empty)."""
    wanted = label.strip().casefold()
    for button in buttons:
        if render_rich(button.label).strip("[] ").casefold().startswith(wanted):
            return button
    return None


class ConsoleAdapter:
    def __init__(
        self,
        core: Core,
        out: TextIO = sys.stdout,
        actor: str = DEFAULT_ACTOR,
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
        self.pressable: list[Pressable] = []  # Roots' messages with buttons, oldest first
        self.last_event: object | None = None
        self._counter = 0
        self.demo: DemoSummary | None = None
        self.delivery = ConsoleDelivery(self)
        core.attach_delivery(self.delivery)
        self.web_url: str | None = None  # the dashboard's address, when it is served

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
        """`@bob` -> `<@bob>`, creating members the console has never seen.

        Members seen in an earlier session (kept in the database) are known too. A new
        name that fits the console's name rules joins the community, as with `/as`: the
        console is a sandbox, and a typo there costs nothing. The first mention says so.
        """
        joined: list[Member] = []
        for typed in dict.fromkeys(MENTION_WORD.findall(words)):
            name = typed.lower()
            if name in self.members:
                continue
            record = await self.core.store.find_member_by_name(COMMUNITY_ID, name)
            if record is not None:
                if record.id == name:
                    self.members[name] = Member(record.id, record.name, record.is_bot)
            elif NAME_RE.fullmatch(typed) and name not in NOT_MEMBERS:
                joined.append(self._member(typed))
        if joined:
            await self.core.communities.settings(self._ctx())
            await self.core.communities.see(COMMUNITY_ID, *joined)
            names = ", ".join(f"@{m.name}" for m in joined)
            await self.say("console.joined", names=names)
        found: dict[str, Member] = {}

        def swap(match: re.Match[str]) -> str:
            member = self.members.get(match.group(1).lower())
            if member is None:
                return match.group(0)
            found[member.id] = member
            return f"<@{member.id}>"

        return MENTION_WORD.sub(swap, words), found

    async def locale(self) -> str:
        return await self.core.communities.private_locale(self._ctx())  # the one reader

    async def say(self, key: str, **values: object) -> None:
        self.print(text(await self.locale(), key, **values))

    def print(self, line: str) -> None:
        self.out.write(line + "\n")
        self.out.flush()

    async def show(self, replies: list[Reply]) -> None:
        locale = await self.locale() if replies else ""
        for reply in replies:
            self.print(render_reply(reply, self.actor.name, locale))
            self.remember_buttons(reply)

    def remember_buttons(self, reply: Reply, *, public: bool = False) -> None:
        """Keep a shown message's buttons for /press (a private one: for its viewer only)."""
        if not reply.buttons:
            return
        shared = public or reply.visibility is Visibility.PUBLIC
        self.pressable.append(Pressable(reply.buttons, None if shared else self.actor.id))
        del self.pressable[:-50]  # the console is a sandbox: the last 50 are plenty

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
            await self.show(await router.command(event))
        elif isinstance(event, MessagePosted):
            await self.show(await router.message(event))
        elif isinstance(event, ReactionAdded):
            await self.show(await router.reaction(event))
        elif isinstance(event, ButtonClicked):
            await self.show(await router.button(event))

    async def _command(self, name: str, rest: str) -> None:
        canonical, mentions = await self._canonical(rest)
        words = tuple(canonical.split())
        # One community, every channel its own: a #name is always one of its channels.
        channels = tuple(c for c in map(channel_word, words) if c is not None)
        call = CommandCall(
            self._ctx(), name, words, mentions, event_id=self._next_id("cmd"), channels=channels
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

    async def _cmd_press(self, rest: str) -> None:
        """`/press 1 keep`: press a button of the n-th last Roots message that has buttons
        (its first button when no label is given), as the acting member."""
        number, _, label = rest.strip().partition(" ")
        n = ascii_int(number, 3) if number else 1
        if n is None:
            await self.say("console.usage_press")
            return
        if not 1 <= n <= len(self.pressable):
            await self.say("console.no_buttons", n=number or "1")
            return
        target = self.pressable[-n]
        if target.viewer is not None and target.viewer != self.actor.id:
            await self.say(
                "console.not_your_buttons", name=self.members.get(target.viewer, self.actor).name
            )
            return
        button = _button_named(target.buttons, label)
        if button is None:
            labels = ", ".join(render_rich(b.label) for b in target.buttons)
            await self.say("console.no_such_button", label=label, labels=labels)
            return
        await self._deliver(
            ButtonClicked(
                self._ctx(), button.action_id, button.value, event_id=self._next_id("press")
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

    async def seed_demo(self) -> DemoSummary:
        """Fill the console's community with the demo community (bot/demo.py).

        Needs a fresh database and a core on a ManualClock; the clock ends on the demo's
        last Friday, just after its weekly digest.
        """
        self.demo = await seed_demo_community(self.core, Place("console", COMMUNITY_ID, CHANNEL_ID))
        return self.demo

    async def _show_latest_digest(self) -> None:
        """The demo's latest post in #general, its weekly digest, as it was posted."""
        post = self.demo.latest_digest if self.demo else None
        if post is None:
            return
        reply = await self.core.digest.render(post)
        self.print(await self.delivery.stamp(post.community_id, post.channel_id, post.due_at))
        self.print(render_reply(reply, self.actor.name))
        message_id = post.platform_message_id or self._next_id("post")
        self.history.append(Posted(message_id, ROOTS, reply.as_text()))

    async def welcome(self) -> None:
        """Two lines: where you are, then what to try first; then where the dashboard is."""
        if self.demo is not None:
            zone = (await self.core.communities.settings(self._ctx())).timezone
            local = self.core.clock.now().astimezone(load_zone(zone))
            now = f"{local:%Y-%m-%d %H:%M} {zone}"
            await self.say("console.demo_welcome", time=now, name=self.actor.name)
            await self.say("console.demo_try", friend=self.demo.friend)
        else:
            if self.actor.name == DEFAULT_ACTOR:
                await self.say("console.welcome")
            else:
                await self.say("console.welcome_as", name=self.actor.name)
            await self.say("console.try")
        if self.web_url:
            await self.say("console.web", url=self.web_url)

    async def run(self, stream: TextIO = sys.stdin, *, interactive: bool | None = None) -> None:
        interactive = stream.isatty() if interactive is None else interactive
        await self.core.communities.settings(self._ctx())
        await self.core.communities.see(COMMUNITY_ID, self.actor)
        if self.demo is not None:
            await self._show_latest_digest()
        if interactive:
            await self.welcome()
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
