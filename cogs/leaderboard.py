"""/leaderboard [board] [period]."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from adapters.discord.options import about, options

if TYPE_CHECKING:
    from adapters.discord.bot import RootsBot


class Leaderboard(commands.Cog):
    def __init__(self, bot: RootsBot) -> None:
        self.bot = bot

    @app_commands.command(name="leaderboard", description=about("leaderboard"))
    @app_commands.guild_only()
    @options("leaderboard")
    async def leaderboard(
        self,
        interaction: discord.Interaction,
        board: app_commands.Choice[str] | None = None,
        period: app_commands.Choice[str] | None = None,
    ) -> None:
        values = {
            "board": board.value if board else None,
            "period": period.value if period else None,
        }
        await self.bot.forward(interaction, "leaderboard", public_hint=True, values=values)

    @app_commands.command(name="help", description=about("help"))
    @app_commands.guild_only()
    async def help(self, interaction: discord.Interaction) -> None:
        await self.bot.forward(interaction, "help")


async def setup(bot: RootsBot) -> None:
    await bot.add_cog(Leaderboard(bot))
