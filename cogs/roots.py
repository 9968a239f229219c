"""/roots [member], /roots-optout, /roots-optin, /roots-web [action]."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from adapters.discord.options import about, options

if TYPE_CHECKING:
    from adapters.discord.bot import RootsBot


class Roots(commands.Cog):
    def __init__(self, bot: RootsBot) -> None:
        self.bot = bot

    @app_commands.command(name="roots", description=about("roots"))
    @app_commands.guild_only()
    @options("roots")
    async def roots(
        self, interaction: discord.Interaction, member: discord.User | None = None
    ) -> None:
        await self.bot.forward(interaction, "roots", values={"member": member})

    @app_commands.command(name="roots-optout", description=about("roots-optout"))
    @app_commands.guild_only()
    async def optout(self, interaction: discord.Interaction) -> None:
        await self.bot.forward(interaction, "roots", sub="optout")

    @app_commands.command(name="roots-web", description=about("roots-web"))
    @app_commands.guild_only()
    @options("roots-web")
    async def web(
        self, interaction: discord.Interaction, action: app_commands.Choice[str] | None = None
    ) -> None:
        values = {"action": action.value if action else None}
        await self.bot.forward(interaction, "roots", sub="web", values=values)

    @app_commands.command(name="roots-optin", description=about("roots-optin"))
    @app_commands.guild_only()
    async def optin(self, interaction: discord.Interaction) -> None:
        await self.bot.forward(interaction, "roots", sub="optin")


async def setup(bot: RootsBot) -> None:
    await bot.add_cog(Roots(bot))
