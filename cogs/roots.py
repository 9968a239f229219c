"""/roots [member], /roots-optout, /roots-optin, /roots-detect, /roots-reconnect,
/roots-nudges, /roots-web [action], /roots-language [language]."""

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

    @app_commands.command(name="roots-language", description=about("roots-language"))
    @app_commands.guild_only()
    @options("roots-language")
    async def language(
        self, interaction: discord.Interaction, language: app_commands.Choice[str] | None = None
    ) -> None:
        values = {"language": language.value if language else None}
        await self.bot.forward(interaction, "roots", sub="language", values=values)

    @app_commands.command(name="roots-optin", description=about("roots-optin"))
    @app_commands.guild_only()
    async def optin(self, interaction: discord.Interaction) -> None:
        await self.bot.forward(interaction, "roots", sub="optin")

    @app_commands.command(name="roots-detect", description=about("roots-detect"))
    @app_commands.guild_only()
    @options("roots-detect")
    async def detect(
        self, interaction: discord.Interaction, asks: app_commands.Choice[str]
    ) -> None:
        await self.bot.forward(interaction, "roots", sub="detect", values={"asks": asks.value})

    # ---- reconnect (issue 16)
    @app_commands.command(name="roots-reconnect", description=about("roots-reconnect"))
    @app_commands.guild_only()
    async def reconnect(self, interaction: discord.Interaction) -> None:
        await self.bot.forward(interaction, "roots", sub="reconnect")

    @app_commands.command(name="roots-nudges", description=about("roots-nudges"))
    @app_commands.guild_only()
    @options("roots-nudges")
    async def nudges(
        self,
        interaction: discord.Interaction,
        state: app_commands.Choice[str],
        day: app_commands.Choice[str] | None = None,
        time: app_commands.Range[str, 0, 5] | None = None,
    ) -> None:
        values = {"state": state.value, "day": day.value if day else None, "time": time}
        await self.bot.forward(interaction, "roots", sub="nudges", values=values)


async def setup(bot: RootsBot) -> None:
    await bot.add_cog(Roots(bot))
