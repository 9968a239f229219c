"""/goal list|set|help|done|drop and /goal-admin remove (issue 16)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from adapters.discord.options import about, options
from cogs.config import GUILD

if TYPE_CHECKING:
    from adapters.discord.bot import RootsBot

ADMIN = discord.Permissions(manage_guild=True)


class Goals(commands.Cog):
    goal = app_commands.Group(
        name="goal",
        description=about("goal"),
        guild_only=True,
        allowed_contexts=GUILD,
    )
    goal_admin = app_commands.Group(
        name="goal-admin",
        description="(admins) Moderate members' goals",
        guild_only=True,
        allowed_contexts=GUILD,
        default_permissions=ADMIN,
    )

    def __init__(self, bot: RootsBot) -> None:
        self.bot = bot

    @goal.command(name="list", description=about("goal list"))
    async def list_goals(self, interaction: discord.Interaction) -> None:
        await self.bot.forward(interaction, "goal", sub="list")

    @goal.command(name="set", description=about("goal set"))
    @options("goal set")
    async def set_goal(
        self, interaction: discord.Interaction, text: app_commands.Range[str, 1, 200]
    ) -> None:
        await self.bot.forward(interaction, "goal", sub="set", values={"text": text})

    @goal.command(name="help", description=about("goal help"))
    @options("goal help")
    async def help_goal(
        self,
        interaction: discord.Interaction,
        member: discord.User,
        minutes: app_commands.Range[int, 5, 240] | None = None,
        note: app_commands.Range[str, 1, 200] | None = None,
    ) -> None:
        values = {"member": member, "minutes": minutes, "note": note}
        await self.bot.forward(interaction, "goal", sub="help", values=values)

    @goal.command(name="done", description=about("goal done"))
    async def done(self, interaction: discord.Interaction) -> None:
        await self.bot.forward(interaction, "goal", sub="done")

    @goal.command(name="drop", description=about("goal drop"))
    async def drop(self, interaction: discord.Interaction) -> None:
        await self.bot.forward(interaction, "goal", sub="drop")

    @goal_admin.command(name="remove", description=about("goal-admin remove"))
    @options("goal-admin remove")
    async def remove(self, interaction: discord.Interaction, member: discord.User) -> None:
        values = {"member": member}
        await self.bot.forward(interaction, "goal", sub="remove", values=values, admin_only=True)


async def setup(bot: RootsBot) -> None:
    await bot.add_cog(Goals(bot))
