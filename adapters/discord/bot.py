"""RootsBot: the discord.py client, with the core injected and the cogs loaded in setup_hook."""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any, cast

import discord
import yarl
from discord import app_commands
from discord.ext import commands
from discord.gateway import DiscordWebSocket
from discord.http import Route

from adapters.discord.config import DEFAULT_API_URL, DiscordSettings
from adapters.discord.delivery import DiscordDelivery
from adapters.discord.i18n import RootsTranslator
from adapters.discord.render import render_reply
from adapters.discord.respond import answer
from adapters.discord.teams import role_team
from adapters.discord.translate import (
    PLATFORM,
    Option,
    client_locale,
    command_call,
    interaction_context,
    member_of,
)
from adapters.discord.views import RootsButton
from bot.config import SettingsError
from bot.messages import DEFAULT_LOCALE, normalize_locale, text
from bot.router import error_reply
from bot.services.detect import ACTIONS as DETECT_ACTIONS
from bot.services.detect import parse_value
from bot.services.reconnect import THANK_ACTION
from bot.types import ButtonClicked, CommandCall, Context, Member, Reply
from bot.wiring import Core

log = logging.getLogger(__name__)

COGS = (
    "cogs.kudos",
    "cogs.leaderboard",
    "cogs.roots",
    "cogs.config",
    "cogs.admin",
    "cogs.prompts",
    "cogs.goals",
    "cogs.listeners",
)
SEEN_INTERACTIONS = 4096


def intents_for(settings: DiscordSettings) -> discord.Intents:
    """The least that works: guilds and reactions; messages only for ``++``."""
    intents = discord.Intents.none()
    intents.guilds = True
    intents.guild_reactions = True
    if settings.message_content:
        intents.guild_messages = True
        intents.message_content = True
    if settings.members:  # team kudos: a role's members (privileged, opt-in)
        intents.members = True
    return intents


class RootsTree(app_commands.CommandTree["RootsMixin"]):
    async def interaction_check(self, interaction: discord.Interaction, /) -> bool:
        bot = self.client
        if not bot.first_time("tree", interaction.id):
            return False  # a replayed INTERACTION_CREATE: already answered
        if interaction.guild_id is None:
            await bot.not_in_dms(interaction)
            return False
        return True

    async def on_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError, /
    ) -> None:
        bot = self.client
        if (
            isinstance(error, app_commands.TransformerError)
            and error.type is discord.AppCommandOptionType.channel
            and bot.core is not None
        ):
            # discord.py resolves a channel option in this interaction's server only;
            # one it can't (another server's channel) gets a polite answer.
            log.warning(
                "Interaction %s in guild %s: channel option %r is not one of its channels",
                interaction.id,
                interaction.guild_id,
                error.value,
            )
            work = bot._refuse(interaction, "schedule.channel_not_given.discord")
            await answer(interaction, work, defer_after=bot.discord_settings.defer_after)
            return
        log.error("Command %s failed", interaction.command, exc_info=error)


if TYPE_CHECKING:
    # The mixin is only ever mixed into a commands.Bot (sharded or not): typed as one.
    _BotBase = commands.Bot
else:
    _BotBase = object


class RootsMixin(_BotBase):
    """What Roots adds to a discord.py bot (sharded or not)."""

    core: Core
    discord_settings: DiscordSettings
    _seen: OrderedDict[tuple[str, int], None]
    _saved_endpoints: tuple[str, yarl.URL] | None

    def _roots_init(self, core: Core, settings: DiscordSettings, start_scheduler: bool) -> None:
        self.core = core
        self.discord_settings = settings
        self.start_scheduler = start_scheduler
        self._seen = OrderedDict()
        self._saved_endpoints = None
        self.foreign_sweep: asyncio.Task[None] | None = None

    # ------------------------------------------------------------ endpoints

    async def login(self, token: str) -> None:
        if self.discord_settings.api_url:
            self._saved_endpoints = (Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY)
            Route.BASE = self.discord_settings.api_url
        await super().login(token)  # runs setup_hook

    async def _point_gateway(self) -> None:
        """With DISCORD_API_URL, connect where that API says (or DISCORD_GATEWAY_URL)."""
        settings = self.discord_settings
        if not settings.api_url:
            return
        url = settings.gateway_url
        if url is None:
            _, url, _ = await self.http.get_bot_gateway()
        DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(url)

    async def close(self) -> None:
        if self.foreign_sweep is not None:
            self.foreign_sweep.cancel()
        await super().close()
        if self._saved_endpoints is not None:
            Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = self._saved_endpoints
            self._saved_endpoints = None

    # ------------------------------------------------------------ the dashboard

    async def web_admin(self, community_id: str, member_id: str) -> bool | None:
        """The dashboard's admin re-check (``bot.weblogin.AdminCheck``): whether the member
        has Manage Server in the guild now (what the admin commands take from an
        interaction), fetched from Discord; None when Discord can't say."""
        if not (community_id.isdigit() and member_id.isdigit()):
            return False
        guild = self.get_guild(int(community_id))
        if guild is None:
            return None  # not a guild this process holds (another shard, or left)
        try:
            found = await guild.fetch_member(int(member_id))
        except discord.NotFound:
            return False  # no longer a member
        except discord.HTTPException:
            return None
        return bool(found.guild_permissions.manage_guild)

    # ------------------------------------------------------------ startup

    async def setup_hook(self) -> None:
        if self.core is not None:  # None only for `roots discord sync` (no gateway)
            await self._point_gateway()
            self.core.attach_delivery(
                DiscordDelivery(self, self.discord_settings),
                platform="discord",
            )
            if self.core.web is not None:  # the dashboard's admin pages ask Discord again
                self.core.web.admin_checks["discord"] = self.web_admin
            # Several processes share the shards: each posts for its own guilds only
            # (the scope is given to the scheduler when the core is built).
            if self.core.scheduler.scope != self.discord_settings.scope():
                log.warning(
                    "This process holds shards %s of %s, but its scheduler posts for %s: "
                    "build the core with the Discord settings' scope",
                    self.discord_settings.shard_ids,
                    self.discord_settings.shard_count,
                    self.core.scheduler.scope or "every guild",
                )
            self.foreign_sweep = asyncio.create_task(self._pause_foreign_schedules())
            if self.start_scheduler:
                self.core.scheduler.start()  # idempotent: one scheduler per core
        self.add_dynamic_items(RootsButton)
        await self.tree.set_translator(RootsTranslator())
        for name in COGS:
            await self.load_extension(name)

    async def _pause_foreign_schedules(self) -> None:
        """Once the servers are known, pause the schedules stored before channels were
        checked that post in another server's channel (a Discord channel id doesn't
        tell its server, so no SQL migration can find them)."""
        try:
            await self.wait_until_ready()
            delivery = DiscordDelivery(self, self.discord_settings)
            paused = await self.core.scheduler.pause_foreign("discord", delivery)
            if paused:
                log.warning("Paused %d schedule(s) posting in another server's channel", paused)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("Could not check the schedules' channels; sends still check them")

    async def name_guild(self, guild: discord.Guild) -> None:
        """Record the server's name for the dashboard (a write only when it is new to
        this process); a failure is logged, never in the way of a command."""
        if self.core is None:
            return
        try:
            await self.core.communities.name_community("discord", str(guild.id), guild.name)
        except Exception:
            log.exception("Could not record the name of guild %s", guild.id)

    async def on_guild_update(self, before: discord.Guild, after: discord.Guild) -> None:
        if before.name != after.name:
            await self.name_guild(after)

    async def on_message(self, message: discord.Message) -> None:
        """No prefix commands: ``++`` is handled by the listeners cog."""

    # ------------------------------------------------------------ helpers for cogs

    def first_time(self, kind: str, interaction_id: int) -> bool:
        key = (kind, interaction_id)
        if key in self._seen:
            return False
        self._seen[key] = None
        if len(self._seen) > SEEN_INTERACTIONS:
            self._seen.popitem(last=False)
        return True

    async def not_in_dms(self, interaction: discord.Interaction) -> None:
        lang = normalize_locale(str(interaction.locale)) or DEFAULT_LOCALE
        await interaction.response.send_message(text(lang, "error.guild_only"), ephemeral=True)

    async def forward(
        self,
        interaction: discord.Interaction,
        name: str,
        *,
        public_hint: bool = False,
        admin_only: bool = False,
        source: str = "command",
        sub: str | None = None,
        values: Mapping[str, Option] | None = None,
        team: discord.Role | None = None,
    ) -> None:
        """Send ``/name`` to the core and answer the interaction with its replies.

        ``sub`` and ``values`` are the typed options, by the registry's names (see
        CommandCall.values); ``source`` says how kudos were asked for (see
        CommandCall.source).
        """
        if not self.first_time("forward", interaction.id):
            return
        if interaction.guild_id is None:
            await self.not_in_dms(interaction)
            return
        if interaction.guild is not None:
            await self.name_guild(interaction.guild)
        call = command_call(interaction, name, sub=sub, values=values)
        if source != call.source:
            call = replace(call, source=source)
        if admin_only and not call.ctx.is_admin:
            work = self._refuse(interaction, "error.admin_only")
        elif team is not None:  # team kudos: the role's members, read in the work
            work = self._team_command(call, team)
        else:
            work = self.core.router.command(call)
        await answer(
            interaction,
            work,
            defer_after=self.discord_settings.defer_after,
            public_hint=public_hint,
        )

    async def click(self, interaction: discord.Interaction, action_id: str, value: str) -> None:
        """A Roots button (a prompt's "Done"): the core's ``button`` entry point.

        The "Keep this as kudos?" buttons are in a DM (Discord has no private message in
        a channel outside interactions): their value names the server, and the core
        checks that the clicker is the thanker the offer was made to."""
        if not self.first_time("forward", interaction.id):
            return
        ctx = interaction_context(interaction) if interaction.guild_id is not None else None
        if ctx is None and action_id in DETECT_ACTIONS and (parsed := parse_value(value)):
            ctx = Context(
                PLATFORM,
                parsed[0],
                str(interaction.channel_id),
                member_of(interaction.user),
                platform_locale=client_locale(interaction),
            )
        if ctx is None:
            await self.not_in_dms(interaction)
            return
        if action_id == THANK_ACTION and await self._thank_again(interaction, value):
            return
        event = ButtonClicked(
            ctx,
            action_id,
            value,
            event_id=f"discord:interaction:{interaction.id}",
        )
        await answer(
            interaction,
            self.core.router.button(event),
            defer_after=self.discord_settings.defer_after,
        )

    async def _thank_again(self, interaction: discord.Interaction, member_id: str) -> bool:
        """Reconnect's "Say thanks again": the kudos form for that member, as the "Give
        kudos" menu opens it. False (the core answers) for someone it doesn't know."""
        from cogs.kudos import ReasonModal  # the cog module imports this one

        ctx = interaction_context(interaction)
        record = await self.core.store.get_member(ctx.community_id, member_id)
        if record is None or record.id == ctx.actor.id:
            return False
        locale = await self.core.communities.private_locale(ctx)  # the form is theirs
        receiver = Member(record.id, record.name, record.is_bot)
        bot = cast("RootsBot", self)  # the mixin only ever runs as a RootsBot
        await interaction.response.send_modal(ReasonModal(bot, receiver, locale=locale))
        return True

    async def _team_command(self, call: CommandCall, role: discord.Role) -> list[Reply]:
        """``call`` with the role as its team (listing it may take a member chunk)."""
        thanked = await role_team(role, self.discord_settings.members)
        return await self.core.router.command(replace(call, team=thanked))

    async def _refuse(self, interaction: discord.Interaction, key: str) -> list[Reply]:
        locale = await self.core.communities.private_locale(interaction_context(interaction))
        return [error_reply(locale, key)]

    async def post_replies(
        self,
        channel: discord.abc.Messageable,
        replies: list[Reply],
        *,
        actor: discord.User | discord.Member,
        reference: discord.MessageReference | None = None,
    ) -> None:
        """Replies to a message or reaction: public ones in the channel, personal ones by DM."""
        for reply in replies:
            rendered = render_reply(reply)
            kwargs = rendered.send_kwargs()
            try:
                if rendered.ephemeral:
                    await actor.send(**kwargs)
                elif reference is None:
                    await channel.send(mention_author=False, **kwargs)
                else:
                    await channel.send(reference=reference, mention_author=False, **kwargs)
            except discord.HTTPException as exc:
                log.warning("Could not post a reply (%s %s)", exc.status, exc.text)


class RootsBot(RootsMixin, commands.Bot):
    def __init__(
        self,
        core: Core,
        settings: DiscordSettings,
        *,
        start_scheduler: bool = False,
        **options: Any,
    ) -> None:
        self._roots_init(core, settings, start_scheduler)
        super().__init__(**_bot_options(settings), **options)

    def link_up(self) -> bool:
        """Whether the gateway connection is open right now (for /healthz)."""
        return not self.is_closed() and self.ws is not None and self.ws.open


class ShardedRootsBot(RootsMixin, commands.AutoShardedBot):
    def __init__(
        self,
        core: Core,
        settings: DiscordSettings,
        *,
        start_scheduler: bool = False,
        **options: Any,
    ) -> None:
        self._roots_init(core, settings, start_scheduler)
        if settings.shard_ids is not None:  # none given: discord.py's default (every shard)
            options["shard_ids"] = list(settings.shard_ids)
        super().__init__(shard_count=settings.shard_count, **_bot_options(settings), **options)

    def link_up(self) -> bool:
        """Whether every shard this process holds is connected right now (for /healthz)."""
        shards = self.shards
        return (
            not self.is_closed()
            and bool(shards)
            and not any(shard.is_closed() for shard in shards.values())
        )


def _bot_options(settings: DiscordSettings) -> dict[str, Any]:
    return {
        "command_prefix": commands.when_mentioned,
        "help_command": None,
        "intents": intents_for(settings),
        "allowed_mentions": discord.AllowedMentions.none(),
        "tree_cls": RootsTree,
        "chunk_guilds_at_startup": False,
        "application_id": settings.application_id,
    }


def create_bot(
    core: Core, settings: DiscordSettings, *, start_scheduler: bool = False
) -> RootsBot | ShardedRootsBot:
    """The bot; with ``start_scheduler`` it also starts the core's scheduler once logged in."""
    if settings.sharded:
        return ShardedRootsBot(core, settings, start_scheduler=start_scheduler)
    return RootsBot(core, settings, start_scheduler=start_scheduler)


async def run_discord(
    core: Core, settings: DiscordSettings, *, ready: Callable[[Any], None] | None = None
) -> None:
    """Run Roots on Discord until cancelled or closed (shares ``core`` with other adapters).

    Attaches the Discord delivery to the core and starts its scheduler after login.
    ``ready(bot)`` is called once the gateway says READY.
    """
    bot = create_bot(core, settings, start_scheduler=True)

    async def announce() -> None:
        await bot.wait_until_ready()
        if ready is not None:
            ready(bot)

    try:
        async with bot:
            notifier = asyncio.create_task(announce())
            try:
                await bot.start(settings.token)
            finally:
                notifier.cancel()
    except discord.LoginFailure as exc:
        raise SettingsError(
            "Discord refused DISCORD_TOKEN: copy the bot token again"
            " (developer portal, Bot, Reset Token)."
        ) from exc
    except discord.PrivilegedIntentsRequired as exc:
        raise SettingsError(
            "ROOTS_DISCORD_MESSAGE_CONTENT=1 needs the Message Content intent, and"
            " ROOTS_DISCORD_MEMBERS=1 the Server Members intent: enable them in the developer"
            " portal (Bot, Privileged Gateway Intents) or unset the setting."
        ) from exc


__all__ = ["DEFAULT_API_URL", "RootsBot", "ShardedRootsBot", "create_bot", "run_discord"]
