"""The core's Delivery port on Discord: scheduled prompts, recaps and digests.

Each post carries a nonce derived from its channel and content, sent with
``enforce_nonce`` (discord.py does so whenever a nonce is given): when Roots
restarts right after a send and sends the same post again, Discord returns the
first message instead of posting twice.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

import discord

from adapters.discord.render import Rendered, render_reply
from bot.delivery import ChannelUnavailable, DeliveryError
from bot.numbers import snowflake
from bot.types import Reply

if TYPE_CHECKING:
    from discord.ext import commands

    from adapters.discord.config import DiscordSettings


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

    def _channel(self, community_id: str, channel_id: str) -> discord.PartialMessageable:
        channel = snowflake(channel_id)
        if channel is None:
            # Another platform's channel (one core, several adapters): not ours to pause.
            raise DeliveryError(f"not a Discord channel id: {channel_id!r}")
        return self.bot.get_partial_messageable(channel, guild_id=snowflake(community_id))

    async def send(self, community_id: str, channel_id: str, reply: Reply) -> str:
        channel = self._channel(community_id, channel_id)
        rendered = render_reply(reply)
        try:
            message = await channel.send(
                nonce=delivery_nonce(channel_id, rendered), **rendered.send_kwargs()
            )
        except (discord.NotFound, discord.Forbidden) as exc:
            raise ChannelUnavailable(f"channel {channel_id}: {exc.status} {exc.text}") from exc
        except discord.HTTPException as exc:
            raise DeliveryError(f"channel {channel_id}: {exc.status} {exc.text}") from exc
        return str(message.id)

    async def edit(self, community_id: str, channel_id: str, message_id: str, reply: Reply) -> bool:
        channel = self._channel(community_id, channel_id)
        rendered = render_reply(reply)
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
