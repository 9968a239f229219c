"""Discord objects -> neutral events. community_id is the guild id, ids are strings."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

import discord

from bot.types import CommandCall, Context, Member, MessagePosted, ReactionAdded

log = logging.getLogger(__name__)

PLATFORM = "discord"
_USER_MENTION = re.compile(r"<@!?([0-9]{1,21})>")


def member_of(user: discord.abc.User) -> Member:
    return Member(str(user.id), user.display_name, user.bot)


def interaction_context(interaction: discord.Interaction) -> Context:
    """Who acts, where; admin means Manage Server, read from this very interaction."""
    return Context(
        PLATFORM,
        str(interaction.guild_id),
        str(interaction.channel_id),
        member_of(interaction.user),
        is_admin=interaction.permissions.manage_guild,
    )


def canonical(text: str, users: Iterable[discord.abc.User]) -> tuple[str, dict[str, Member]]:
    """``<@123>`` and ``<@!123>`` -> ``<@123>``; the mentioned members by id."""
    mentions = {str(u.id): member_of(u) for u in users}
    return _USER_MENTION.sub(r"<@\1>", text), mentions


Arg = str | discord.abc.User | discord.abc.GuildChannel | None


def command_call(
    interaction: discord.Interaction,
    name: str,
    args: Iterable[Arg],
    reason: str | None = None,
) -> CommandCall:
    """``/name`` with typed options flattened into words; users become ``<@ID>``.

    A channel option becomes ``<#ID>``, and its id goes into ``channels`` when it is
    a channel of this interaction's server: the only way a channel reaches the core
    from Discord. A ``<#ID>`` typed inside a free-text option stays a word the core
    refuses to take as a channel (it may belong to any server).
    """
    words: list[str] = []
    mentions: dict[str, Member] = {}
    channels: list[str] = []
    for arg in args:
        if arg is None:
            continue
        if isinstance(arg, str):
            words.extend(arg.split())
        elif isinstance(arg, discord.abc.GuildChannel):
            words.append(f"<#{arg.id}>")
            if arg.guild.id == interaction.guild_id:
                channels.append(str(arg.id))
            else:
                log.warning(
                    "Interaction %s in guild %s named channel %s of guild %s: not used",
                    interaction.id,
                    interaction.guild_id,
                    arg.id,
                    arg.guild.id,
                )
        else:
            words.append(f"<@{arg.id}>")
            mentions[str(arg.id)] = member_of(arg)
    return CommandCall(
        interaction_context(interaction),
        name,
        tuple(words),
        mentions,
        event_id=f"discord:interaction:{interaction.id}",
        reason=reason,
        channels=tuple(channels),
    )


def message_posted(message: discord.Message) -> MessagePosted | None:
    if message.guild is None:
        return None
    text, mentions = canonical(message.content, message.mentions)
    ctx = Context(
        PLATFORM, str(message.guild.id), str(message.channel.id), member_of(message.author)
    )
    return MessagePosted(
        ctx, str(message.id), text, mentions, event_id=f"discord:message:{message.id}"
    )


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
