"""The neutral command set: parses arguments, calls services, returns replies.

Every adapter (console, Slack, Discord) feeds :class:`CommandCall`,
:class:`MessagePosted` and :class:`ReactionAdded` values in here. Whatever
happens, a handler answers with replies and never raises: rule breaks become
polite ephemeral errors, storage trouble a "try again", bugs a logged apology.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import replace

from bot.commands.admin import AdminCommands
from bot.commands.challenge import ChallengeCommands
from bot.commands.config import ConfigCommands
from bot.commands.daily_prompts import DailyPromptCommands
from bot.commands.goals import GoalCommands
from bot.commands.parsing import humanize_mentions, looks_like_mention, resolve_member
from bot.commands.registry import BY_NAME, COMMANDS, DETECT_WORDS, command, help_keys
from bot.emoji import CHECK_MARKS, normalize_emoji, reaction_kind, same_emoji
from bot.errors import Refusal
from bot.events import CommandHandled, Events
from bot.messages import for_platform, language_name, t, text
from bot.periods import Window
from bot.plusplus import MENTION_RE, parse_plusplus
from bot.services.announce import AnnounceService
from bot.services.challenge import ChallengeService
from bot.services.checkins import CheckinService
from bot.services.community import CommunityService, language_choices
from bot.services.detect import ACTIONS as DETECT_ACTIONS
from bot.services.detect import DetectService, switch
from bot.services.goals import THANKS_ACTION, GoalService
from bot.services.kudos import MAX_RECIPIENTS, Given, KudosService, excerpt
from bot.services.leaderboard import LeaderboardService
from bot.services.member_summary import MemberSummaryService
from bot.services.prompts import PromptService
from bot.services.reconnect import ACTIONS as RECONNECT_ACTIONS
from bot.services.reconnect import ReconnectService
from bot.services.schedules import ScheduleService
from bot.services.wallboard import WallboardService
from bot.services.web import WebService
from bot.storage.base import StorageError
from bot.storage.records import Role
from bot.throttle import MemberTurns, NoticeLimiter
from bot.types import (
    ButtonClicked,
    CommandCall,
    Context,
    Member,
    MessagePosted,
    Plain,
    ReactionAdded,
    Reply,
    Tone,
    Visibility,
)

__all__ = ["MAX_ARGS_TEXT", "Router", "error_reply", "humanize_mentions"]

log = logging.getLogger(__name__)

Handler = Callable[[CommandCall], Awaitable[list[Reply]]]
MAX_ARGS_TEXT = 2000
# The kudos sources a command may carry (CommandCall.source); any other is "command".
KUDOS_CALL_SOURCES = ("command", "menu")
# /kudos's typed receiver options (bot/commands/registry.py)
RECEIVER_ARGS = ("member", "member2", "member3", "member4", "member5")
KUDOS, ROOTS, LEADERBOARD = BY_NAME["kudos"], BY_NAME["roots"], BY_NAME["leaderboard"]
# The values of /leaderboard's choices (the registry's "board" and "period")
BOARDS = {"givers": Role.GIVERS, "receivers": Role.RECEIVERS}


def error_reply(locale: str, key: str, **values: object) -> Reply:
    return Reply(t(locale, key, **values), tone=Tone.ERROR, visibility=Visibility.EPHEMERAL)


class Router(ConfigCommands, DailyPromptCommands, ChallengeCommands, AdminCommands, GoalCommands):
    """Routes every incoming event to its handler, inside one error guard.

    The handlers of /kudos, ++, reactions, /leaderboard, /roots and /help are
    here; the others come from the mixins in :mod:`bot.commands`.
    """

    def __init__(
        self,
        communities: CommunityService,
        kudos: KudosService,
        leaderboard: LeaderboardService,
        summaries: MemberSummaryService,
        *,
        schedules: ScheduleService | None = None,
        prompts: PromptService | None = None,
        checkins: CheckinService | None = None,
        challenges: ChallengeService | None = None,
        events: Events | None = None,
        detector: DetectService | None = None,
        reconnect: ReconnectService | None = None,
        goals: GoalService | None = None,
        web: WebService | None = None,
        announcer: AnnounceService | None = None,
        wallboards: WallboardService | None = None,
    ) -> None:
        self.communities = communities
        self.reconnect = reconnect
        self.web = web  # /roots web; None when there is no dashboard
        self.events = events or Events()
        self.kudos = kudos
        self.leaderboard = leaderboard
        self.summaries = summaries
        self.schedules = schedules
        self.prompts = prompts
        self.checkins = checkins
        self.challenges = challenges
        self.detector = detector
        self.goals = goals
        self.announcer = announcer  # where kudos confirmations go (issue 15)
        self.wallboards = wallboards  # /roots-config wallboard (issue 14)
        # The optional services this router runs: a command that needs another one
        # does not exist here (see bot/commands/registry.py). The daily prompts are
        # three services (schedules, prompts, check-ins), there all together or not.
        daily = schedules is not None and prompts is not None and checkins is not None
        optional = (
            ("prompts", daily),
            ("challenges", challenges is not None),
            ("goals", goals is not None),
        )
        self.services = frozenset(name for name, present in optional if present)
        self.commands: dict[str, Handler] = {
            spec.name: getattr(self, spec.handler)
            for spec in COMMANDS
            if spec.needs is None or spec.needs in self.services
        }
        # Reactions can be repeated at will: a few refusal notices per member per
        # minute, and one member's reactions handled one at a time (see reaction_turn).
        self.notices = NoticeLimiter(kudos.clock.now)
        self._turns = MemberTurns()

    # ------------------------------------------------------------ entry points

    async def command(self, call: CommandCall) -> list[Reply]:
        start = time.perf_counter()
        name = call.name.lower()
        handler = self.commands.get(name)
        replies = await self._guard(call.ctx, lambda: self._dispatch(call, handler))
        self._handled(name if handler else "unknown", call.ctx, replies, start)
        return replies

    async def message(self, msg: MessagePosted) -> list[Reply]:
        """A chat message: ``@bob++`` gives kudos; a plain "thanks @bob" is offered,
        privately to its author, as kudos (see bot/services/detect.py)."""
        start = time.perf_counter()
        if msg.ctx.actor.is_bot or parse_plusplus(msg.text) is not None:
            given = await self._guard(msg.ctx, lambda: self._plusplus(msg))
            self._handled("plusplus", msg.ctx, given, start)
            return given
        detector = self.detector
        offered: list[Reply] = []
        if detector is not None:
            offered = await self._guard(msg.ctx, lambda: detector.offer(msg))
        self._handled("detect" if offered else "plusplus", msg.ctx, offered, start)
        return offered

    async def message_deleted(self, community_id: str, channel_id: str, message_id: str) -> None:
        """A message was deleted: a pending offer about it disappears. Never raises."""
        if self.detector is None:
            return
        try:
            await self.detector.deleted(community_id, channel_id, message_id)
        except Exception:
            log.exception("Could not drop the offers of a deleted message in %s", community_id)

    async def reaction(self, event: ReactionAdded) -> list[Reply]:
        start = time.perf_counter()
        replies = await self._guard(event.ctx, lambda: self._reaction(event))
        replies = self.limit_notices(event.ctx, replies)
        self._handled("reaction", event.ctx, replies, start)
        return replies

    def reaction_turn(self, ctx: Context) -> AbstractAsyncContextManager[None]:
        """Hold while handling one reaction of ``ctx.actor`` (pre-check, reading the
        message, ``reaction``): their next one waits, then sees what this one recorded."""
        return self._turns.turn((ctx.community_id, ctx.actor.id))

    async def reaction_precheck(
        self, ctx: Context, emoji: str, message_id: str, author_id: str | None
    ) -> list[Reply] | None:
        """Before an adapter reads the message a reaction is on (a platform call):
        None to go on; otherwise the replies to send instead (maybe none).

        A kudos reaction the member can't give now (daily budget spent, cooling down
        on the author, the author opted out, their own message) is refused here,
        without reading anything; one already counted is dropped silently. Check
        marks go on (they may be check-ins). Refusals go through ``limit_notices``.
        """
        settings = await self.communities.settings(ctx)
        kind = reaction_kind(emoji, settings.kudos_emoji)
        if ctx.actor.is_bot or kind.check or not kind.kudos:
            return None
        receiver = Member(author_id, author_id) if author_id else None
        go_on: list[bool] = []

        async def check() -> list[Reply]:
            go_on.append(
                await self.kudos.precheck(
                    ctx,
                    receiver,
                    source="reaction",
                    event_id=_reaction_event_id(message_id, ctx.actor.id),
                )
            )
            return []

        refused = await self._guard(ctx, check)
        if refused:
            return self.limit_notices(ctx, refused)
        return None if go_on == [True] else []

    def limit_notices(self, ctx: Context, replies: list[Reply]) -> list[Reply]:
        """``replies`` without the refusals beyond a few per member per minute."""
        key = (ctx.community_id, ctx.actor.id)
        return [r for r in replies if r.tone is not Tone.ERROR or self.notices.allow(key)]

    async def button(self, event: ButtonClicked) -> list[Reply]:
        start = time.perf_counter()
        replies = await self._guard(event.ctx, lambda: self._any_button(event))
        self._handled("button", event.ctx, replies, start)
        return replies

    async def _any_button(self, event: ButtonClicked) -> list[Reply]:
        if self.detector is not None and event.action_id in DETECT_ACTIONS:
            return await self.detector.answer(event)
        if self.reconnect is not None and event.action_id in RECONNECT_ACTIONS:
            await self.communities.see(event.ctx.community_id, event.ctx.actor)
            return [await self.reconnect.button(event.ctx, event.action_id, event.value)]
        if event.action_id == THANKS_ACTION and self.goals is not None:  # a goal's thank-you
            await self.communities.see(event.ctx.community_id, event.ctx.actor)
            return await self.goals.thank(event.ctx, event.value)
        return await self._button(event)

    def _handled(self, name: str, ctx: Context, replies: list[Reply], start: float) -> None:
        """Tell the subscribers (metrics) that one event was answered, and how fast."""
        if self.events.wants(CommandHandled):
            seconds = time.perf_counter() - start
            self.events.publish(CommandHandled(name, ctx.platform, replies, seconds))

    async def _guard(self, ctx: Context, work: Callable[[], Awaitable[list[Reply]]]) -> list[Reply]:
        """``work``'s replies; a refusal or a failure becomes a private reply, in the
        member's language (they alone read it)."""
        await self._community(ctx)  # read first: it creates the community on first use
        try:
            return await work()
        except Refusal as refusal:
            key = for_platform(refusal.key, ctx.platform)
            return [error_reply(await self._locale(ctx), key, **refusal.values)]
        except StorageError:
            log.exception("Storage error in %s", ctx.community_id)
            return [error_reply(await self._locale(ctx), "error.storage")]
        except Exception:
            log.exception("Unexpected error handling an event in %s", ctx.community_id)
            return [error_reply(await self._locale(ctx), "error.unexpected")]

    async def _community(self, ctx: Context) -> None:
        try:
            await self.communities.settings(ctx)
        except Exception:
            log.exception("Could not read settings of %s", ctx.community_id)

    async def _locale(self, ctx: Context) -> str:
        """The language of a private answer to ``ctx.actor``; never raises (an error
        message must still be written when the database is down)."""
        try:
            return await self.communities.private_locale(ctx)
        except Exception:
            log.exception("Could not read the language for %s", ctx.community_id)
        try:  # the community's, which this process may still have at hand
            return (await self.communities.settings(ctx)).locale
        except Exception:
            return self.communities.defaults.locale

    async def _dispatch(self, call: CommandCall, handler: Handler | None) -> list[Reply]:
        if handler is None:
            raise Refusal("error.unknown_command", name=call.name)
        if sum(len(a) + 1 for a in call.args) > MAX_ARGS_TEXT:
            raise Refusal("error.too_long", limit=MAX_ARGS_TEXT)
        await self.communities.see(call.ctx.community_id, call.ctx.actor)
        spec = command(call.name)
        if spec is not None and spec.admin_for(call.args, call.sub) and not call.ctx.is_admin:
            # The admin guard: the registry says which commands and sub-commands are
            # for admins; no handler checks it again.
            raise Refusal("error.admin_only")
        replies = await handler(call)
        if self.schedules is not None and call.ctx.is_admin:
            # A schedule paused because its channel went away: tell the next admin.
            replies = [*replies, *await self.schedules.pause_notices(call.ctx)]
        if self.reconnect is not None:
            # A weekly nudge the platform refused (DMs closed): tell the member once.
            replies = [*replies, *await self.reconnect.dm_notices(call.ctx)]
        return replies

    # ------------------------------------------------------------ /kudos

    async def _kudos(self, call: CommandCall) -> list[Reply]:
        if call.typed:
            return await self._kudos_typed(call)
        args = list(call.args)
        sub = KUDOS.sub_name(args[0]) if args else None
        if sub == "undo":
            return [await self.kudos.undo(call.ctx)]
        if sub == "revoke":
            if len(args) < 2:
                raise Refusal("usage.revoke")
            return [await self.kudos.revoke(call.ctx, args[1])]
        if call.team is not None:
            return await self._team_kudos(call, " ".join(args))
        named = 0
        while named < len(args) and looks_like_mention(args[named]):
            named += 1
        _at_most_recipients(args[:named])  # before any lookup
        receivers: list[Member] = []
        while args and looks_like_mention(args[0]):
            receivers.append(
                await resolve_member(self.communities, call.ctx, args.pop(0), call.mentions)
            )
        if not receivers:
            raise Refusal("usage.kudos")
        reason = humanize_mentions(" ".join(args), call.mentions)
        source = call.source if call.source in KUDOS_CALL_SOURCES else "command"
        given = await self.kudos.give(
            call.ctx, receivers, reason, source=source, event_id=call.event_id
        )
        return await self._announce(call.ctx, given, asked=True)

    async def _kudos_typed(self, call: CommandCall) -> list[Reply]:
        """/kudos, /kudos-undo, /kudos-revoke with Discord's typed options."""
        values = call.values
        if call.sub == "undo":
            return [await self.kudos.undo(call.ctx)]
        if call.sub == "revoke":
            number = values.get("number")
            if not isinstance(number, int):
                raise Refusal("usage.revoke")
            return [await self.kudos.revoke(call.ctx, number)]
        receivers = [m for k in RECEIVER_ARGS if isinstance(m := values.get(k), Member)]
        if call.team is not None:
            if receivers:
                raise Refusal("team.and_members")
            typed_reason = values.get("reason")
            return await self._team_kudos(
                call, typed_reason if isinstance(typed_reason, str) else ""
            )
        _at_most_recipients([m.id for m in receivers])
        if not receivers:
            raise Refusal("usage.kudos")
        typed = values.get("reason")
        reason = humanize_mentions(typed if isinstance(typed, str) else "", call.mentions)
        source = call.source if call.source in KUDOS_CALL_SOURCES else "command"
        given = await self.kudos.give(
            call.ctx, receivers, reason, source=source, event_id=call.event_id
        )
        return await self._announce(call.ctx, given, asked=True)

    async def _team_kudos(self, call: CommandCall, typed: str) -> list[Reply]:
        """/kudos @team reason (issue 15): the group is the receiver, the rest the reason
        (a member named in it is read as text: one kudos thanks a group or members)."""
        assert call.team is not None
        words = typed.split()
        if words and MENTION_RE.fullmatch(words[0]):
            raise Refusal("team.and_members")
        reason = humanize_mentions(typed, call.mentions)
        given = await self.kudos.give_team(call.ctx, call.team, reason, event_id=call.event_id)
        return await self._announce(call.ctx, given, asked=True)

    async def _plusplus(self, msg: MessagePosted) -> list[Reply]:
        if msg.ctx.actor.is_bot:
            return []
        found = parse_plusplus(msg.text)
        if found is None:
            return []
        _at_most_recipients(found.receiver_ids)  # before any lookup
        receivers = [
            await resolve_member(self.communities, msg.ctx, f"<@{rid}>", msg.mentions)
            for rid in found.receiver_ids
        ]
        reason = humanize_mentions(found.reason, msg.mentions)
        event_id = msg.event_id or f"message:{msg.message_id}"
        given = await self.kudos.give(
            msg.ctx, receivers, reason, source="plusplus", event_id=event_id
        )
        return await self._announce(msg.ctx, given, asked=False)

    async def _reaction(self, event: ReactionAdded) -> list[Reply]:
        if self.checkins is not None and normalize_emoji(event.emoji) in CHECK_MARKS:
            checked = await self.checkins.check_in_message(event.ctx, event.message_id)
            if checked:
                return checked
        settings = await self.communities.settings(event.ctx)
        if event.ctx.actor.is_bot or not same_emoji(event.emoji, settings.kudos_emoji):
            return []
        reason = excerpt(event.message_text) or text(settings.locale, "kudos.reaction_reason")
        given = await self.kudos.give(
            event.ctx,
            [event.author],
            reason,
            source="reaction",
            event_id=_reaction_event_id(event.message_id, event.ctx.actor.id),
        )
        return await self._announce(event.ctx, given, asked=False)

    async def _announce(self, ctx: Context, given: Given | None, *, asked: bool) -> list[Reply]:
        """A kudos confirmation, where the community wants it (/roots-config announce)."""
        if given is None:
            return []
        if self.announcer is None:
            return [given.reply]
        return await self.announcer.place(ctx, given, asked=asked)

    # ------------------------------------------------------------ /leaderboard, /roots

    async def _leaderboard(self, call: CommandCall) -> list[Reply]:
        # Discord gives the registry's choices as values; text platforms words for them.
        board, period = call.values.get("board"), call.values.get("period")
        board_arg, period_arg = LEADERBOARD.arg("board"), LEADERBOARD.arg("period")
        for word in call.args:
            if (value := board_arg.value_of(word)) is not None:
                board = value
            elif (value := period_arg.value_of(word)) is not None:
                period = value
            else:
                raise Refusal("usage.leaderboard", word=word.lower())
        roles = (BOARDS[board],) if isinstance(board, str) else (Role.GIVERS, Role.RECEIVERS)
        window = Window(period) if isinstance(period, str) else Window.WEEK
        reply = await self.leaderboard.board(call.ctx, roles, window)
        return [_public(reply)]

    async def _roots(self, call: CommandCall) -> list[Reply]:
        if call.sub == "detect" or (call.args and call.args[0].lower() in DETECT_WORDS):
            return [await self._detect_member(call)]
        reconnect = await self._reconnect(call)
        if reconnect is not None:
            return reconnect
        if call.typed:
            if call.sub in ("optout", "optin"):
                return [await self.summaries.opt(call.ctx, call.sub == "optout")]
            if call.sub == "web":
                return [await self._web(call.ctx, call.values.get("action") == "logout")]
            if call.sub == "language":
                chosen = call.values.get("language")
                return [await self._language(call.ctx, [chosen] if isinstance(chosen, str) else [])]
            member = call.values.get("member")
            shown = member if isinstance(member, Member) else call.ctx.actor
            return [await self.summaries.summary(call.ctx, shown)]
        sub = ROOTS.sub_name(call.args[0]) if call.args else None
        if sub in ("optout", "optin"):
            return [await self.summaries.opt(call.ctx, sub == "optout")]
        if sub == "web":
            rest = [word.lower() for word in call.args[1:]]
            if rest not in ([], ["logout"], ["déconnexion"], ["deconnexion"]):
                raise Refusal("usage.web")
            return [await self._web(call.ctx, bool(rest))]
        if sub == "language":
            return [await self._language(call.ctx, call.args[1:])]
        if len(call.args) > 1:
            raise Refusal("usage.roots")
        member = (
            await resolve_member(self.communities, call.ctx, call.args[0], call.mentions)
            if call.args
            else call.ctx.actor
        )
        return [await self.summaries.summary(call.ctx, member)]

    async def _detect_member(self, call: CommandCall) -> Reply:
        """`/roots detect on|off` (Discord: /roots-detect): the member's own switch."""
        if self.detector is None:
            raise Refusal("error.unknown_command", name=call.name)
        words = (str(call.values["asks"]),) if "asks" in call.values else call.args[1:]
        return await self.detector.set_member(call.ctx, switch(words, "detect.usage_member"))

    async def _reconnect(self, call: CommandCall) -> list[Reply] | None:
        """``/roots reconnect`` and ``/roots nudges …`` (issue 16); None for other words."""
        if self.reconnect is None:
            return None
        spec = command("roots")
        assert spec is not None
        if call.typed:
            if call.sub == "reconnect":
                return [await self.reconnect.reconnect(call.ctx)]
            if call.sub == "nudges":
                words = [str(call.values[k]) for k in ("state", "day", "time") if k in call.values]
                return [await self.reconnect.nudges(call.ctx, words)]
            return None
        sub = spec.sub(call.args[0]) if call.args else None
        if sub is None or sub.name not in ("reconnect", "nudges"):
            return None
        if sub.name == "reconnect":
            if len(call.args) > 1:
                raise Refusal("reconnect.usage")
            return [await self.reconnect.reconnect(call.ctx)]
        return [await self.reconnect.nudges(call.ctx, call.args[1:])]

    async def _web(self, ctx: Context, logout: bool) -> Reply:
        """``/roots web [logout]``: a private sign-in link, or the end of every session."""
        if self.web is None:
            raise Refusal("web.off")
        return await (self.web.logout(ctx) if logout else self.web.link(ctx))

    async def _language(self, ctx: Context, words: list[str] | tuple[str, ...]) -> Reply:
        """``/roots language [fr|en|es|de|auto]``: the member's language for private
        answers; without a word, the one in use. The answer is in the new language."""
        if len(words) > 1:
            raise Refusal("language.usage", value=" ".join(words), choices=_choices())
        if words:
            chosen = await self.communities.set_language(ctx, words[0])
        else:
            chosen = await self.communities.language(ctx.community_id, ctx.actor.id)
        locale = await self.communities.private_locale(ctx)
        name = Plain(language_name(locale, locale))
        if words:
            key = "language.set" if chosen else "language.set_auto"
            return Reply(t(locale, key, language=name), tone=Tone.SUCCESS)
        key = for_platform("language.current" if chosen else "language.current_auto", ctx.platform)
        return Reply(t(locale, key, language=name, choices=_choices()))

    # ------------------------------------------------------------ /help

    async def _help(self, call: CommandCall) -> list[Reply]:
        locale = await self.communities.private_locale(call.ctx)
        platform = call.ctx.platform
        keys = help_keys(self.services, admin=call.ctx.is_admin, platform=platform)
        lines = tuple(t(locale, for_platform(f"help.{k}", platform)) for k in keys)
        return [Reply(body=t(locale, "help.intro"), title=t(locale, "help.title"), lines=lines)]


# ---------------------------------------------------------------- helpers


def _at_most_recipients(words: list[str] | tuple[str, ...]) -> None:
    """Refuse too many receivers up front: resolving each one may cost a lookup."""
    count = len(set(words))
    if count > MAX_RECIPIENTS:
        raise Refusal("kudos.too_many", limit=MAX_RECIPIENTS, count=count)


def _reaction_event_id(message_id: str, actor_id: str) -> str:
    """One kudos per member per message by reaction, however often they react."""
    return f"reaction:{message_id}:{actor_id}"


def _choices() -> Plain:
    """The words /roots language takes ("en, fr, es, de, auto"), as trusted text."""
    return Plain(language_choices())


def _public(reply: Reply) -> Reply:
    return replace(reply, visibility=Visibility.PUBLIC)
