"""The core's Delivery port on Discord: scheduled prompts, recaps and digests.

Each post carries a nonce derived from its channel and content, sent with
``enforce_nonce`` (discord.py does so whenever a nonce is given): when Roots
restarts right after a send and sends the same post again, Discord returns the
first message instead of posting twice.

A post goes only to a channel of the community's own server: the channel's guild is
read from the bot's cache (the guilds intent keeps every channel of its servers) or,
for a channel it doesn't know, asked to Discord (``GET /channels/{id}``). A channel
of another server is refused (:class:`ForeignChannel`, which pauses the schedule)
and logged.
"""

from __future__ import annotations

import hashlib
import logging
from typing import TYPE_CHECKING

import discord

from adapters.discord.pictures import picture_file, show
from adapters.discord.render import Rendered, render_reply
from bot.delivery import (
    ChannelUnavailable,
    DeliveryError,
    DirectMessagesClosed,
    ForeignChannel,
    Ownership,
)
from bot.numbers import snowflake
from bot.types import Reply

if TYPE_CHECKING:
    from discord.ext import commands

    from adapters.discord.config import DiscordSettings

log = logging.getLogger(__name__)

CANNOT_MESSAGE_USER = 50007  # Discord's code when a member does not take DMs from Roots


def delivery_nonce(channel_id: str, rendered: Rendered) -> str:
    """At most 25 characters, the same for the same post in the same channel."""
    embed = rendered.embed.to_dict()
    buttons = ",".join(f"{b.action_id}:{b.value}" for b in rendered.buttons)
    key = f"{channel_id}\n{rendered.content}\n{sorted(embed.items())!r}\n{buttons}"
    return hashlib.sha256(key.encode()).hexdigest()[:25]


class DiscordDelivery:
    def __init__(self, bot: commands.Bot, settings: DiscordSettings) -> None:
        self.bot = bot
        self.settings = settings

    async def _guild_of(self, channel_id: int) -> int | None:
        """The guild of a channel (None: not a server channel). ChannelUnavailable when
        it is gone or hidden from the bot, DeliveryError when Discord can't say now."""
        found = self.bot.get_channel(channel_id)
        if found is None:
            try:
                found = await self.bot.fetch_channel(channel_id)
            except (discord.NotFound, discord.Forbidden) as exc:
                raise ChannelUnavailable(f"channel {channel_id}: {exc.status} {exc.text}") from exc
            except discord.HTTPException as exc:
                raise DeliveryError(f"channel {channel_id}: {exc.status} {exc.text}") from exc
        guild = getattr(found, "guild", None)
        return guild.id if guild is not None else None

    async def ownership(self, community_id: str, channel_id: str) -> Ownership:
        channel, community = snowflake(channel_id), snowflake(community_id)
        if channel is None or community is None:
            return Ownership.UNKNOWN  # another platform's ids: not for Discord to judge
        try:
            guild_id = await self._guild_of(channel)
        except ChannelUnavailable:
            return Ownership.GONE
        except DeliveryError:
            return Ownership.UNKNOWN
        return Ownership.OWN if guild_id == community else Ownership.FOREIGN

    async def _channel(self, community_id: str, channel_id: str) -> discord.PartialMessageable:
        channel, community = snowflake(channel_id), snowflake(community_id)
        if channel is None or community is None:
            # Another platform's channel (one core, several adapters): not ours to pause.
            raise DeliveryError(f"not a Discord channel id: {channel_id!r}")
        guild_id = await self._guild_of(channel)
        if guild_id != community:
            log.warning(
                "Refused to post in channel %s of guild %s for guild %s: it belongs to "
                "another community",
                channel_id,
                guild_id,
                community_id,
            )
            raise ForeignChannel(f"channel {channel_id} is in guild {guild_id}")
        return self.bot.get_partial_messageable(channel, guild_id=guild_id)

    async def send(self, community_id: str, channel_id: str, reply: Reply) -> str:
        channel = await self._channel(community_id, channel_id)
        rendered = render_reply(reply)
        # the nonce is of the post without its picture: the same whether or not it drew
        nonce = delivery_nonce(channel_id, rendered)
        file = await picture_file(reply.picture)  # the digest's chart (issue 14)
        show(rendered.embed, file)
        try:
            if file is not None:
                message = await channel.send(nonce=nonce, file=file, **rendered.send_kwargs())
            else:
                message = await channel.send(nonce=nonce, **rendered.send_kwargs())
        except (discord.NotFound, discord.Forbidden) as exc:
            raise ChannelUnavailable(f"channel {channel_id}: {exc.status} {exc.text}") from exc
        except discord.HTTPException as exc:
            raise DeliveryError(f"channel {channel_id}: {exc.status} {exc.text}") from exc
        return str(message.id)

    async def edit(self, community_id: str, channel_id: str, message_id: str, reply: Reply) -> bool:
        channel = await self._channel(community_id, channel_id)
        rendered = render_reply(reply)
        if reply.picture is not None:  # the message keeps its attachment: still show it
            rendered.embed.set_image(url=f"attachment://{reply.picture.filename}")
        kwargs = rendered.send_kwargs()
        try:
            await channel.get_partial_message(int(message_id)).edit(
                content=kwargs.get("content"),
                embed=rendered.embed,
                view=kwargs.get("view"),
                allowed_mentions=rendered.allowed_mentions,
            )
        except (discord.NotFound, discord.Forbidden) as exc:
            raise ChannelUnavailable(f"channel {channel_id}: {exc.status} {exc.text}") from exc
        except discord.HTTPException as exc:
            raise DeliveryError(f"message {message_id}: {exc.status} {exc.text}") from exc
        return True

    async def send_private(self, community_id: str, member_id: str, reply: Reply) -> str:
        """A direct message (the weekly nudge of reconnect, issue 16). A member who
        blocks DMs from the server's members (403, code 50007) raises
        DirectMessagesClosed: the core skips the nudge and tells them once."""
        user_id = snowflake(member_id)
        if user_id is None:
            raise DeliveryError(f"not a Discord user id: {member_id!r}")
        rendered = render_reply(reply)
        file = await picture_file(reply.picture)
        show(rendered.embed, file)
        try:
            channel = await self.bot.create_dm(discord.Object(id=user_id))
            if file is not None:
                message = await channel.send(file=file, **rendered.send_kwargs())
            else:
                message = await channel.send(**rendered.send_kwargs())
        except discord.Forbidden as exc:
            if exc.code == CANNOT_MESSAGE_USER:
                raise DirectMessagesClosed(f"user {member_id}: {exc.status} {exc.text}") from exc
            raise DeliveryError(f"user {member_id}: {exc.status} {exc.text}") from exc
        except discord.HTTPException as exc:
            raise DeliveryError(f"user {member_id}: {exc.status} {exc.text}") from exc
        return str(message.id)
