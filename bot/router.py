"""The neutral command set: parses arguments, calls services, returns replies.

Every adapter (console, Slack, Discord) feeds :class:`CommandCall`,
:class:`MessagePosted` and :class:`ReactionAdded` values in here. Whatever
happens, a handler answers with replies and never raises: rule breaks become
polite ephemeral errors, storage trouble a "try again", bugs a logged apology.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable
from dataclasses import replace

from bot.emoji import CHECK_MARKS, normalize_emoji, same_emoji
from bot.errors import Refusal
from bot.messages import for_platform, t, text
from bot.periods import Window
from bot.plusplus import MENTION_RE, parse_plusplus
from bot.services.challenge import ChallengeService
from bot.services.community import CommunityService
from bot.services.kudos import KudosService, excerpt
from bot.services.leaderboard import LeaderboardService
from bot.services.prompts import CHECKIN_ACTION, PromptService, channel_word
from bot.services.roots import RootsService
from bot.storage.base import TOMBSTONE_PREFIX, Role, StorageError
from bot.types import (
    ButtonClicked,
    CommandCall,
    Context,
    Field,
    Member,
    MessagePosted,
    ReactionAdded,
    Reply,
    Tone,
    Visibility,
)

log = logging.getLogger(__name__)

Handler = Callable[[CommandCall], Awaitable[list[Reply]]]

ROLE_WORDS = {
    "givers": Role.GIVERS,
    "giver": Role.GIVERS,
    "donneurs": Role.GIVERS,
    "receivers": Role.RECEIVERS,
    "receiver": Role.RECEIVERS,
    "receveurs": Role.RECEIVERS,
}
WINDOW_WORDS = {
    "week": Window.WEEK,
    "semaine": Window.WEEK,
    "month": Window.MONTH,
    "mois": Window.MONTH,
    "all": Window.ALL,
    "alltime": Window.ALL,
    "tout": Window.ALL,
}
CONFIG_SETTINGS = {
    "timezone": "timezone",
    "tz": "timezone",
    "locale": "locale",
    "language": "locale",
    "langue": "locale",
    "budget": "daily_budget",
    "cooldown": "cooldown_seconds",
    "emoji": "kudos_emoji",
    "reason": "reason_required",
    "leaderboard": "leaderboards_enabled",
    "leaderboards": "leaderboards_enabled",
}
MAX_ARGS_TEXT = 2000
SCHEDULE_SUBS = frozenset(
    {"prompts", "prompt", "digest", "résumé", "resume", "catchup", "rattrapage", "themes",
     "theme", "thèmes"}
)  # fmt: skip
THEME_ACTIONS = frozenset({"exclude", "exclure", "include", "inclure", "on", "off"})
FORGET_WORDS = frozenset({"forget", "oublier", "effacer"})
CONFIRM_WORDS = frozenset({"confirm", "confirmer", "yes", "oui"})
PROMPT_DECISIONS = {
    "approve": "approve",
    "approuver": "approve",
    "reject": "reject",
    "rejeter": "reject",
    "refuser": "reject",
    "remove": "remove",
    "retirer": "remove",
    "supprimer": "remove",
}


def error_reply(locale: str, key: str, **values: object) -> Reply:
    return Reply(t(locale, key, **values), tone=Tone.ERROR, visibility=Visibility.EPHEMERAL)


class Router:
    def __init__(
        self,
        communities: CommunityService,
        kudos: KudosService,
        leaderboard: LeaderboardService,
        roots: RootsService,
        prompts: PromptService | None = None,
        challenges: ChallengeService | None = None,
    ) -> None:
        self.communities = communities
        self.kudos = kudos
        self.leaderboard = leaderboard
        self.roots = roots
        self.prompts = prompts
        self.challenges = challenges
        self.commands: dict[str, Handler] = {
            "kudos": self._kudos,
            "leaderboard": self._leaderboard,
            "roots": self._roots,
            "roots-config": self._config,
            "roots-admin": self._admin,
            "help": self._help,
        }
        if prompts is not None:
            self.commands["prompt"] = self._prompt
            self.commands["done"] = self._done
        if challenges is not None:
            self.commands["challenge"] = self._challenge

    # ------------------------------------------------------------ entry points

    async def command(self, call: CommandCall) -> list[Reply]:
        handler = self.commands.get(call.name.lower())
        return await self._guard(call.ctx, lambda: self._dispatch(call, handler))

    async def message(self, msg: MessagePosted) -> list[Reply]:
        return await self._guard(msg.ctx, lambda: self._plusplus(msg))

    async def reaction(self, event: ReactionAdded) -> list[Reply]:
        return await self._guard(event.ctx, lambda: self._reaction(event))

    async def button(self, event: ButtonClicked) -> list[Reply]:
        return await self._guard(event.ctx, lambda: self._button(event))

    async def _guard(self, ctx: Context, work: Callable[[], Awaitable[list[Reply]]]) -> list[Reply]:
        locale = await self._locale(ctx)
        try:
            return await work()
        except Refusal as refusal:
            key = for_platform(refusal.key, ctx.platform)
            return [error_reply(locale, key, **refusal.values)]
        except StorageError:
            log.exception("Storage error in %s", ctx.community_id)
            return [error_reply(locale, "error.storage")]
        except Exception:
            log.exception("Unexpected error handling an event in %s", ctx.community_id)
            return [error_reply(locale, "error.unexpected")]

    async def _locale(self, ctx: Context) -> str:
        try:
            return (await self.communities.settings(ctx)).locale
        except Exception:
            log.exception("Could not read settings of %s", ctx.community_id)
            return self.communities.defaults.locale

    async def _dispatch(self, call: CommandCall, handler: Handler | None) -> list[Reply]:
        if handler is None:
            raise Refusal("error.unknown_command", name=call.name)
        if sum(len(a) + 1 for a in call.args) > MAX_ARGS_TEXT:
            raise Refusal("error.too_long", limit=MAX_ARGS_TEXT)
        await self.communities.see(call.ctx.community_id, call.ctx.actor)
        replies = await handler(call)
        if self.prompts is not None and call.ctx.is_admin:
            # A schedule paused because its channel went away: tell the next admin.
            replies = [*replies, *await self.prompts.pause_notices(call.ctx)]
        return replies

    async def _resolve(self, ctx: Context, word: str, mentions: dict[str, Member]) -> Member:
        """The member behind a mention token (or a known name), or a polite 'who?'."""
        match = MENTION_RE.fullmatch(word)
        if match and match.group(1) in mentions:
            return mentions[match.group(1)]
        name = match.group(1) if match else word.removeprefix("@")
        record = await self.communities.store.find_member_by_name(ctx.community_id, name)
        if record is None:
            raise Refusal("kudos.unknown_member", name=name)
        return Member(record.id, record.name, record.is_bot)

    # ------------------------------------------------------------ /kudos

    async def _kudos(self, call: CommandCall) -> list[Reply]:
        args = list(call.args)
        sub = args[0].lower() if args else ""
        if sub in ("undo", "annuler"):
            return [await self.kudos.undo(call.ctx)]
        if sub in ("revoke", "revoquer", "révoquer"):
            if len(args) < 2:
                raise Refusal("usage.revoke")
            return [await self.kudos.revoke(call.ctx, args[1])]
        receivers: list[Member] = []
        while args and (call.reason is not None or _looks_like_mention(args[0])):
            receivers.append(await self._resolve(call.ctx, args.pop(0), call.mentions))
        if not receivers:
            raise Refusal("usage.kudos")
        typed = " ".join(args) if call.reason is None else call.reason
        reason = humanize_mentions(typed, call.mentions)
        given = await self.kudos.give(
            call.ctx, receivers, reason, source="command", event_id=call.event_id
        )
        return [given.reply] if given else []

    async def _plusplus(self, msg: MessagePosted) -> list[Reply]:
        if msg.ctx.actor.is_bot:
            return []
        found = parse_plusplus(msg.text)
        if found is None:
            return []
        receivers = [
            await self._resolve(msg.ctx, f"<@{rid}>", msg.mentions) for rid in found.receiver_ids
        ]
        reason = humanize_mentions(found.reason, msg.mentions)
        event_id = msg.event_id or f"message:{msg.message_id}"
        given = await self.kudos.give(
            msg.ctx, receivers, reason, source="plusplus", event_id=event_id
        )
        return [given.reply] if given else []

    async def _reaction(self, event: ReactionAdded) -> list[Reply]:
        if self.prompts is not None and normalize_emoji(event.emoji) in CHECK_MARKS:
            checked = await self.prompts.check_in_message(event.ctx, event.message_id)
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
            event_id=f"reaction:{event.message_id}:{event.ctx.actor.id}",
        )
        return [given.reply] if given else []

    # ------------------------------------------------------------ /leaderboard, /roots

    async def _leaderboard(self, call: CommandCall) -> list[Reply]:
        roles: tuple[Role, ...] = (Role.GIVERS, Role.RECEIVERS)
        window = Window.WEEK
        for word in (a.lower() for a in call.args):
            if word in ROLE_WORDS:
                roles = (ROLE_WORDS[word],)
            elif word in WINDOW_WORDS:
                window = WINDOW_WORDS[word]
            else:
                raise Refusal("usage.leaderboard", word=word)
        reply = await self.leaderboard.board(call.ctx, roles, window)
        return [_public(reply)]

    async def _roots(self, call: CommandCall) -> list[Reply]:
        sub = call.args[0].lower() if call.args else ""
        if sub in ("optout", "opt-out"):
            return [await self.roots.opt(call.ctx, True)]
        if sub in ("optin", "opt-in"):
            return [await self.roots.opt(call.ctx, False)]
        if len(call.args) > 1:
            raise Refusal("usage.roots")
        member = (
            await self._resolve(call.ctx, call.args[0], call.mentions)
            if call.args
            else call.ctx.actor
        )
        return [await self.roots.roots(call.ctx, member)]

    # ------------------------------------------------------------ /roots-config

    async def _config(self, call: CommandCall) -> list[Reply]:
        ctx = call.ctx
        sub = call.args[0].lower() if call.args else "show"
        if not ctx.is_admin:
            raise Refusal("error.admin_only")
        if sub == "show":
            return [await self._show_config(ctx)]
        if sub in SCHEDULE_SUBS and self.prompts is not None:
            return [await self._schedule_config(call, sub)]
        if sub == "season":
            settings = await self.communities.new_season(ctx)
            return [
                Reply(
                    t(settings.locale, "config.season_started", season=settings.season),
                    tone=Tone.SUCCESS,
                    visibility=Visibility.PUBLIC,
                )
            ]
        setting = CONFIG_SETTINGS.get(sub)
        if setting is None:
            raise Refusal("config.unknown", value=sub)
        if len(call.args) != 2:
            raise Refusal("config.usage", setting=sub)
        settings = await self.communities.update(ctx, setting, call.args[1])
        shown = getattr(settings, setting)
        value = _on_off(settings.locale, shown) if isinstance(shown, bool) else shown
        return [
            Reply(
                t(settings.locale, "config.updated", setting=sub, value=str(value)),
                tone=Tone.SUCCESS,
            )
        ]

    async def _show_config(self, ctx: Context) -> Reply:
        s = await self.communities.settings(ctx)
        locale = s.locale
        rows = [
            ("timezone", s.timezone),
            ("locale", s.locale),
            ("budget", str(s.daily_budget)),
            ("cooldown", str(s.cooldown_seconds)),
            ("emoji", s.kudos_emoji),
            ("reason", _on_off(locale, s.reason_required)),
            ("leaderboard", _on_off(locale, s.leaderboards_enabled)),
            ("season", str(s.season)),
            ("catchup", str(await self.communities.store.get_catchup_minutes(ctx.community_id))),
        ]
        fields = tuple(Field(t(locale, f"config.name.{k}"), t(locale, "raw", v=v)) for k, v in rows)
        return Reply(body=t(locale, "config.title"), fields=fields)

    async def _schedule_config(self, call: CommandCall, sub: str) -> Reply:
        """`/roots-config prompts|digest|catchup|themes …`."""
        assert self.prompts is not None
        ctx, args = call.ctx, list(call.args[1:])
        if sub in ("catchup", "rattrapage"):
            if len(args) != 1:
                raise Refusal("config.usage", setting=sub)
            return await self.prompts.set_catchup(ctx, args[0])
        if sub in ("themes", "theme", "thèmes"):
            if not args:
                return await self.prompts.themes(ctx)
            if len(args) != 2 or args[0].lower() not in THEME_ACTIONS:
                raise Refusal("prompt.usage_themes")
            return await self.prompts.set_theme(ctx, args[0].lower(), args[1])
        kind = "digest" if sub in ("digest", "résumé", "resume") else "prompt"
        if not args:
            return await self.prompts.overview(ctx)
        channel = channel_word(args[0])
        if channel is None:
            raise Refusal("schedule.bad_channel", value=args[0])
        rest = args[1:]
        if len(rest) == 1 and rest[0].lower() in ("on", "off", "oui", "non"):
            return await self.prompts.switch(ctx, channel, rest[0].lower() in ("on", "oui"), kind)
        if kind == "digest":
            return await self.prompts.configure(
                ctx, channel, rest, kind="digest", default_days=frozenset({4})
            )
        return await self.prompts.configure(ctx, channel, rest)

    # ------------------------------------------------------------ /prompt, /done

    async def _prompt(self, call: CommandCall) -> list[Reply]:
        assert self.prompts is not None
        ctx = call.ctx
        args = list(call.args)
        sub = args.pop(0).lower() if args else "next"
        rest = humanize_mentions(" ".join(args), call.mentions)
        if sub in ("next", "suivant", "prochain", "now", "maintenant"):
            if len(args) > 1:
                raise Refusal("prompt.usage")
            channel = channel_word(args[0]) if args else None
            if args and channel is None:
                raise Refusal("schedule.bad_channel", value=args[0])
            if sub in ("now", "maintenant"):
                return [await self.prompts.post_now(ctx, channel)]
            return [await self.prompts.preview(ctx, channel)]
        if sub in ("add", "ajouter"):
            return [await self.prompts.add(ctx, rest, suggest=False)]
        if sub in ("suggest", "suggerer", "suggérer", "proposer"):
            return [await self.prompts.add(ctx, rest, suggest=True)]
        if sub in ("list", "liste"):
            return [await self.prompts.listing(ctx, "active")]
        if sub in ("queue", "file"):
            return [await self.prompts.listing(ctx, "pending")]
        if sub in PROMPT_DECISIONS:
            if len(args) != 1:
                raise Refusal("prompt.usage")
            return [await self.prompts.decide(ctx, args[0], PROMPT_DECISIONS[sub])]
        if sub in ("themes", "thèmes"):
            return [await self.prompts.themes(ctx)]
        raise Refusal("prompt.usage")

    async def _done(self, call: CommandCall) -> list[Reply]:
        assert self.prompts is not None
        args = list(call.args)
        receivers: list[Member] = []
        while args and _looks_like_mention(args[0]):
            receivers.append(await self._resolve(call.ctx, args.pop(0), call.mentions))
        note = humanize_mentions(" ".join(args), call.mentions)
        event_id = f"checkin:{call.event_id}" if call.event_id else None
        return await self.prompts.done(call.ctx, note, receivers, event_id)

    async def _button(self, event: ButtonClicked) -> list[Reply]:
        if event.action_id == CHECKIN_ACTION and self.prompts is not None:
            await self.communities.see(event.ctx.community_id, event.ctx.actor)
            return await self.prompts.check_in_button(event.ctx, event.value)
        return []

    # ------------------------------------------------------------ /challenge

    async def _challenge(self, call: CommandCall) -> list[Reply]:
        assert self.challenges is not None
        args = list(call.args)
        sub = args.pop(0).lower() if args else "status"
        if sub in ("start", "lancer", "demarrer", "démarrer"):
            channel: str | None = None
            start: str | None = None
            for word in args:
                found = channel_word(word)
                if found is not None and channel is None:
                    channel = found
                elif start is None:
                    start = word
                else:
                    raise Refusal("challenge.usage")
            return [await self.challenges.start(call.ctx, channel, start)]
        if args:
            raise Refusal("challenge.usage")
        if sub in ("join", "rejoindre", "participer"):
            return [await self.challenges.join(call.ctx)]
        if sub in ("leave", "quitter"):
            return [await self.challenges.leave(call.ctx)]
        if sub in ("status", "statut", "etat", "état"):
            return [await self.challenges.status(call.ctx)]
        raise Refusal("challenge.usage")

    # ------------------------------------------------------------ /roots-admin forget

    async def _admin(self, call: CommandCall) -> list[Reply]:
        """`/roots-admin forget @member [confirm]`: erase a member's personal data.

        Without ``confirm`` it only says what would be erased. Any other shape of
        arguments, a bot, or a member the community knows nothing about is refused
        politely and changes nothing. Admins may forget themselves.
        """
        ctx = call.ctx
        if not ctx.is_admin:
            raise Refusal("error.admin_only")
        args = list(call.args)
        if not args or args.pop(0).lower() not in FORGET_WORDS:
            raise Refusal("forget.usage")
        confirmed = bool(args) and args[-1].lower() in CONFIRM_WORDS
        if confirmed:
            args.pop()
        if len(args) != 1 or not _looks_like_mention(args[0]):
            raise Refusal("forget.usage")
        target = await self._forget_target(ctx, args[0], call.mentions)
        locale = (await self.communities.settings(ctx)).locale
        store = self.communities.store
        if not confirmed:
            life = (await store.tallies(ctx.community_id, target.id, ["life"]))["life"]
            key = for_platform("forget.preview", ctx.platform)
            body = t(locale, key, name=target.name, given=life.given, received=life.received)
            return [Reply(body, tone=Tone.INFO, visibility=Visibility.EPHEMERAL)]
        report = await store.forget_member(
            ctx.community_id, target.id, placeholder=text(locale, "forget.placeholder")
        )
        if not report.found:
            raise Refusal("forget.unknown", name=target.name)
        self.communities.forget(ctx.community_id, target.id)
        log.info("Erased a member's personal data in %s", ctx.community_id)
        done = t(
            locale,
            "forget.done",
            name=target.name,
            given=report.kudos_given,
            received=report.kudos_received,
            checkins=report.checkins,
        )
        return [Reply(done, tone=Tone.SUCCESS, visibility=Visibility.EPHEMERAL)]

    async def _forget_target(self, ctx: Context, word: str, mentions: dict[str, Member]) -> Member:
        """The member to forget, by mention (even one never seen) or by known name."""
        store = self.communities.store
        match = MENTION_RE.fullmatch(word)
        if match:
            member_id = match.group(1)
            record = await store.get_member(ctx.community_id, member_id)
            mentioned = mentions.get(member_id)
            name = record.name if record else mentioned.name if mentioned else member_id
            is_bot = bool(record and record.is_bot) or bool(mentioned and mentioned.is_bot)
        else:
            name = word.removeprefix("@")
            record = await store.find_member_by_name(ctx.community_id, name)
            is_bot = bool(record and record.is_bot)
        if is_bot:
            raise Refusal("forget.bot", name=name)
        if record is None or record.id.startswith(TOMBSTONE_PREFIX):
            raise Refusal("forget.unknown", name=name)
        return Member(record.id, record.name, record.is_bot)

    # ------------------------------------------------------------ /help

    async def _help(self, call: CommandCall) -> list[Reply]:
        locale = (await self.communities.settings(call.ctx)).locale
        keys = ["kudos", "plusplus", "reaction", "undo", "leaderboard", "roots", "optout"]
        if self.prompts is not None:
            keys += ["done", "prompt"]
        if self.challenges is not None:
            keys += ["challenge"]
        keys += ["help"]
        if call.ctx.is_admin:
            keys += ["revoke", "config", "admin_forget"]
            if self.prompts is not None:
                keys += ["prompt_admin", "schedule"]
            if self.challenges is not None:
                keys += ["challenge_admin"]
        platform = call.ctx.platform
        lines = tuple(t(locale, for_platform(f"help.{k}", platform)) for k in keys)
        return [Reply(body=t(locale, "help.intro"), title=t(locale, "help.title"), lines=lines)]


# ---------------------------------------------------------------- helpers


def _looks_like_mention(word: str) -> bool:
    return bool(MENTION_RE.fullmatch(word)) or (word.startswith("@") and len(word) > 1)


def humanize_mentions(text: str, mentions: dict[str, Member]) -> str:
    """Replace canonical tokens by @name so a stored reason reads well anywhere."""

    def name(match: re.Match[str]) -> str:
        member = mentions.get(match.group(1))
        return f"@{member.name}" if member else f"@{match.group(1)}"

    return MENTION_RE.sub(name, text)


def _on_off(locale: str, value: bool) -> str:
    return text(locale, "on" if value else "off")


def _public(reply: Reply) -> Reply:
    return replace(reply, visibility=Visibility.PUBLIC)
