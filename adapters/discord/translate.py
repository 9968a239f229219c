"""Discord objects -> neutral events. community_id is the guild id, ids are strings."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping

import discord

from bot.types import CommandCall, Context, Member, MessagePosted, ReactionAdded, Value

log = logging.getLogger(__name__)

PLATFORM = "discord"
_USER_MENTION = re.compile(r"<@!?([0-9]{1,21})>")


def member_of(user: discord.abc.User) -> Member:
    return Member(str(user.id), user.display_name, user.bot)


def interaction_context(interaction: discord.Interaction) -> Context:
    """Who acts, where; admin means Manage Server, read from this very interaction.
    ``platform_locale`` is the member's client language (``fr``, ``es-ES``, ``en-US``),
    which every interaction carries: private answers follow it on /roots language auto."""
    return Context(
        PLATFORM,
        str(interaction.guild_id),
        str(interaction.channel_id),
        member_of(interaction.user),
        is_admin=interaction.permissions.manage_guild,
        platform_locale=client_locale(interaction),
    )


def client_locale(interaction: discord.Interaction) -> str:
    """The language of the member's Discord client, as Discord names it (``es-419``)."""
    return str(interaction.locale.value)


def canonical(text: str, users: Iterable[discord.abc.User]) -> tuple[str, dict[str, Member]]:
    """``<@123>`` and ``<@!123>`` -> ``<@123>``; the mentioned members by id."""
    mentions = {str(u.id): member_of(u) for u in users}
    return _USER_MENTION.sub(r"<@\1>", text), mentions


# A typed option's value as discord.py gives it (a Choice's .value is passed as is).
# A core Member passes as it is (the kudos form opened by "Say thanks again").
Option = str | int | bool | discord.abc.User | discord.abc.GuildChannel | Member | None


def command_call(
    interaction: discord.Interaction,
    name: str,
    *,
    sub: str | None = None,
    values: Mapping[str, Option] | None = None,
) -> CommandCall:
    """``/name`` with its typed options (by the registry's argument names), as they are.

    A user becomes a Member (also in ``mentions``); numbers, yes/no and text are
    unchanged; nothing is flattened into words. A channel becomes its id, and the id
    goes into ``channels`` only when it is a channel of this interaction's server:
    the only way a channel reaches the core from Discord (CommandCall.channel refuses
    any other). A ``<#ID>`` typed inside a free-text option is never taken as one.
    """
    mentions: dict[str, Member] = {}
    channels: list[str] = []
    typed: dict[str, Value] = {}
    for key, value in (values or {}).items():
        if value is None:
            continue
        # Concrete types first: isinstance on discord.abc.User (a Protocol) is slow.
        if isinstance(value, str | int | float):
            typed[key] = value
        elif isinstance(value, discord.abc.GuildChannel):
            typed[key] = str(value.id)  # used only if in channels (CommandCall.channel)
            if _own_channel(interaction, value):
                channels.append(str(value.id))
        elif isinstance(value, discord.Member | discord.User | discord.abc.User):
            typed[key] = mentions[str(value.id)] = member_of(value)
        else:
            typed[key] = value
    return CommandCall(
        interaction_context(interaction),
        name,
        mentions=mentions,
        event_id=f"discord:interaction:{interaction.id}",
        channels=tuple(channels),
        sub=sub,
        values=typed,
    )


def _own_channel(interaction: discord.Interaction, channel: discord.abc.GuildChannel) -> bool:
    """Whether ``channel`` is one of this interaction's server (else logged, not used)."""
    if channel.guild.id == interaction.guild_id:
        return True
    log.warning(
        "Interaction %s in guild %s named channel %s of guild %s: not used",
        interaction.id,
        interaction.guild_id,
        channel.id,
        channel.guild.id,
    )
    return False


def message_posted(message: discord.Message) -> MessagePosted | None:
    if message.guild is None:
        return None
    text, mentions = canonical(message.content, message.mentions)
    ctx = Context(
        PLATFORM, str(message.guild.id), str(message.channel.id), member_of(message.author)
    )
    return MessagePosted(
        ctx,
        str(message.id),
        text,
        mentions,
        event_id=f"discord:message:{message.id}",
        reply_to=replied_author(message),
        posted_at=message.created_at,
    )


def replied_author(message: discord.Message) -> Member | None:
    """The author of the message ``message`` replies to, when Discord sent it along."""
    reference = message.reference
    resolved = reference.resolved if reference is not None else None
    if isinstance(resolved, discord.Message):
        return member_of(resolved.author)
    return None


def reaction_added(
    payload: discord.RawReactionActionEvent,
    reactor: discord.abc.User,
    author: discord.abc.User,
    message_text: str,
) -> ReactionAdded:
    ctx = Context(PLATFORM, str(payload.guild_id), str(payload.channel_id), member_of(reactor))
    return ReactionAdded(
        ctx,
        str(payload.message_id),
        str(payload.emoji),
        member_of(author),
        message_text,
        event_id=f"discord:reaction:{payload.message_id}:{payload.user_id}:{payload.emoji}",
    )
