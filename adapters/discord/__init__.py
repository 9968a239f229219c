"""Discord adapter: Roots on discord.py 2.x, slash commands as cogs in ``cogs/``.

Entry points: :func:`run_discord` (run the bot on a shared core),
:func:`sync_commands` (`roots discord sync`), :func:`invite_url_for`
(`roots discord invite`), :func:`load_discord_settings` (the environment).
"""

from adapters.discord.bot import RootsBot, ShardedRootsBot, create_bot, run_discord
from adapters.discord.config import DiscordSettings, load_discord_settings
from adapters.discord.delivery import DiscordDelivery
from adapters.discord.manage import invite_url, invite_url_for, sync_commands

__all__ = [
    "DiscordDelivery",
    "DiscordSettings",
    "RootsBot",
    "ShardedRootsBot",
    "create_bot",
    "invite_url",
    "invite_url_for",
    "load_discord_settings",
    "run_discord",
    "sync_commands",
]
