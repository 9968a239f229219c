"""/roots [member], /roots-optout, /roots-optin."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

if TYPE_CHECKING:
    from adapters.discord.bot import RootsBot


class Roots(commands.Cog):
    def __init__(self, bot: RootsBot) -> None:
        self.bot = bot

    @app_commands.command(name="roots", description="Who helped you most, and whom to thank back")
    @app_commands.guild_only()
    @app_commands.describe(member="whose roots (yours when left out)")
    async def roots(
        self, interaction: discord.Interaction, member: discord.User | None = None
    ) -> None:
        await self.bot.forward(interaction, "roots", [member])

    @app_commands.command(name="roots-optout", description="Receive no kudos, leave leaderboards")
    @app_commands.guild_only()
    async def optout(self, interaction: discord.Interaction) -> None:
        await self.bot.forward(interaction, "roots", ["optout"])

    @app_commands.command(name="roots-optin", description="Receive kudos again")
    @app_commands.guild_only()
    async def optin(self, interaction: discord.Interaction) -> None:
        await self.bot.forward(interaction, "roots", ["optin"])


async def setup(bot: RootsBot) -> None:
    await bot.add_cog(Roots(bot))
