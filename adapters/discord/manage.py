"""`roots discord sync` and `roots discord invite`: one-off chores, no gateway connection."""

from __future__ import annotations

import base64
import binascii

import discord

from adapters.discord.config import DiscordSettings
from bot.numbers import snowflake

SCOPES = ("bot", "applications.commands")


def bot_permissions() -> discord.Permissions:
    """What Roots needs: see channels, post embeds (threads too), read reacted messages."""
    return discord.Permissions(
        view_channel=True,
        send_messages=True,
        send_messages_in_threads=True,
        embed_links=True,
        read_message_history=True,
    )


def application_id_from_token(token: str) -> int | None:
    """A bot token starts with the bot's user id (base64), the application id for new apps."""
    head = token.split(".", 1)[0]
    try:
        raw = base64.b64decode(head + "=" * (-len(head) % 4), validate=False).decode()
    except (binascii.Error, UnicodeDecodeError):
        return None
    return snowflake(raw)


def invite_url(application_id: int) -> str:
    return discord.utils.oauth_url(application_id, permissions=bot_permissions(), scopes=SCOPES)


def invite_url_for(settings: DiscordSettings) -> str:
    """The invite URL, from DISCORD_APPLICATION_ID or else the token; ValueError if neither."""
    app_id = settings.application_id or application_id_from_token(settings.token)
    if app_id is None:
        raise ValueError(
            "Set DISCORD_APPLICATION_ID (General Information in the developer portal)."
        )
    return invite_url(app_id)


async def sync_commands(settings: DiscordSettings, guild_id: int | None = None) -> list[str]:
    """Register the slash commands and menus with Discord; their names.

    With ``guild_id`` the commands are copied to that guild (visible at once, for
    testing); without it they are registered globally.
    """
    from adapters.discord.bot import create_bot

    bot = create_bot(None, settings)  # type: ignore[arg-type]  # no core needed to sync
    async with bot:
        await bot.login(settings.token)
        if guild_id is not None:
            guild = discord.Object(guild_id)
            bot.tree.copy_global_to(guild=guild)
            synced = await bot.tree.sync(guild=guild)
        else:
            synced = await bot.tree.sync()
    return [command.name for command in synced]
