"""/roots-admin forget member [confirm]: (admins) erase a member's personal data."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from adapters.discord.options import about, options

if TYPE_CHECKING:
    from adapters.discord.bot import RootsBot

GUILD = app_commands.AppCommandContext(guild=True)


class Admin(commands.Cog):
    admin = app_commands.Group(
        name="roots-admin",
        description=about("roots-admin"),
        guild_only=True,
        allowed_contexts=GUILD,
        default_permissions=discord.Permissions(manage_guild=True),
    )

    def __init__(self, bot: RootsBot) -> None:
        self.bot = bot

    @admin.command(name="forget", description=about("roots-admin forget"))
    @options("roots-admin forget")
    async def forget(
        self, interaction: discord.Interaction, member: discord.User, confirm: bool = False
    ) -> None:
        # Permissions are only a default a server may change: the core checks the
        # admin again on every call (forward's admin_only, then the router).
        await self.bot.forward(
            interaction,
            "roots-admin",
            sub="forget",
            values={"member": member, "confirm": confirm},
            admin_only=True,
        )


async def setup(bot: RootsBot) -> None:
    await bot.add_cog(Admin(bot))
