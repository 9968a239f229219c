"""/leaderboard [board] [period]."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

if TYPE_CHECKING:
    from adapters.discord.bot import RootsBot

BOARDS = [
    app_commands.Choice(name="givers", value="givers"),
    app_commands.Choice(name="receivers", value="receivers"),
]
PERIODS = [
    app_commands.Choice(name="this week", value="week"),
    app_commands.Choice(name="this month", value="month"),
    app_commands.Choice(name="this season", value="all"),
]


class Leaderboard(commands.Cog):
    def __init__(self, bot: RootsBot) -> None:
        self.bot = bot

    @app_commands.command(name="leaderboard", description="Who gives and who receives kudos")
    @app_commands.guild_only()
    @app_commands.describe(board="both boards when left out", period="this week by default")
    @app_commands.choices(board=BOARDS, period=PERIODS)
    async def leaderboard(
        self,
        interaction: discord.Interaction,
        board: app_commands.Choice[str] | None = None,
        period: app_commands.Choice[str] | None = None,
    ) -> None:
        args = [board.value if board else None, period.value if period else None]
        await self.bot.forward(interaction, "leaderboard", args, public_hint=True)

    @app_commands.command(name="help", description="What Roots can do")
    @app_commands.guild_only()
    async def help(self, interaction: discord.Interaction) -> None:
        await self.bot.forward(interaction, "help")


async def setup(bot: RootsBot) -> None:
    await bot.add_cog(Leaderboard(bot))
