"""The baseline for Discord: a discord.py bot whose ``/kudos`` only answers "ok".

    python -m bench.bare_discord_bot    (started by bench.discord_kudos, not by hand)

A ``commands.Bot`` with no intents; REST at ``DISCORD_API_URL``, the gateway at
``DISCORD_GATEWAY_URL``, token ``DISCORD_TOKEN``. Its ``send_message("ok")`` (the
interaction callback) is its whole answer. It runs until killed (SIGTERM).
"""

from __future__ import annotations

import logging
import os

import discord
import yarl
from discord import app_commands
from discord.ext import commands
from discord.gateway import DiscordWebSocket
from discord.http import Route


class BareBot(commands.Bot):
    def __init__(self) -> None:
        super().__init__(command_prefix=commands.when_mentioned, intents=discord.Intents.none())

        @app_commands.command(name="kudos", description="bare")
        async def kudos(
            interaction: discord.Interaction, member: discord.User, reason: str | None = None
        ) -> None:
            await interaction.response.send_message("ok")

        self.tree.add_command(kudos)


def main() -> None:
    Route.BASE = os.environ["DISCORD_API_URL"]
    DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(os.environ["DISCORD_GATEWAY_URL"])
    BareBot().run(os.environ["DISCORD_TOKEN"], log_level=logging.WARNING)


if __name__ == "__main__":
    main()
