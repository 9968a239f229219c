"""/prompt …, /prompt-admin …, /done, /challenge …, /challenge-admin …"""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from adapters.discord.options import about, options
from cogs.config import GUILD

if TYPE_CHECKING:
    from adapters.discord.bot import RootsBot
    from adapters.discord.translate import Option

ADMIN = discord.Permissions(manage_guild=True)


class Prompts(commands.Cog):
    prompt = app_commands.Group(
        name="prompt",
        description=about("prompt"),
        guild_only=True,
        allowed_contexts=GUILD,
    )
    prompt_admin = app_commands.Group(
        name="prompt-admin",
        description="(admins) Manage daily prompts",
        guild_only=True,
        allowed_contexts=GUILD,
        default_permissions=ADMIN,
    )
    challenge = app_commands.Group(
        name="challenge",
        description=about("challenge"),
        guild_only=True,
        allowed_contexts=GUILD,
    )
    challenge_admin = app_commands.Group(
        name="challenge-admin",
        description="(admins) Run the gratitude challenge",
        guild_only=True,
        allowed_contexts=GUILD,
        default_permissions=ADMIN,
    )

    def __init__(self, bot: RootsBot) -> None:
        self.bot = bot

    # ------------------------------------------------------------ /prompt

    @prompt.command(name="next", description=about("prompt next"))
    @options("prompt next")
    async def next(
        self, interaction: discord.Interaction, channel: discord.TextChannel | None = None
    ) -> None:
        await self.bot.forward(interaction, "prompt", sub="next", values={"channel": channel})

    @prompt.command(name="suggest", description=about("prompt suggest"))
    @options("prompt suggest")
    async def suggest(
        self, interaction: discord.Interaction, text: app_commands.Range[str, 1, 280]
    ) -> None:
        await self.bot.forward(interaction, "prompt", sub="suggest", values={"text": text})

    @prompt.command(name="themes", description=about("prompt themes"))
    async def themes(self, interaction: discord.Interaction) -> None:
        await self.bot.forward(interaction, "prompt", sub="themes")

    # ------------------------------------------------------------ /prompt-admin

    async def _typed(self, interaction: discord.Interaction, sub: str, **values: Option) -> None:
        await self.bot.forward(interaction, "prompt", sub=sub, values=values, admin_only=True)

    @prompt_admin.command(name="now", description=about("prompt-admin now"))
    @options("prompt-admin now")
    async def now(
        self, interaction: discord.Interaction, channel: discord.TextChannel | None = None
    ) -> None:
        await self._typed(interaction, "now", channel=channel)

    @prompt_admin.command(name="add", description=about("prompt-admin add"))
    @options("prompt-admin add")
    async def add(
        self, interaction: discord.Interaction, text: app_commands.Range[str, 1, 280]
    ) -> None:
        await self._typed(interaction, "add", text=text)

    @prompt_admin.command(name="list", description=about("prompt-admin list"))
    async def list_prompts(self, interaction: discord.Interaction) -> None:
        await self._typed(interaction, "list")

    @prompt_admin.command(name="queue", description=about("prompt-admin queue"))
    async def queue(self, interaction: discord.Interaction) -> None:
        await self._typed(interaction, "queue")

    @prompt_admin.command(name="approve", description=about("prompt-admin approve"))
    @options("prompt-admin approve")
    async def approve(
        self, interaction: discord.Interaction, number: app_commands.Range[int, 1]
    ) -> None:
        await self._typed(interaction, "approve", number=number)

    @prompt_admin.command(name="reject", description=about("prompt-admin reject"))
    @options("prompt-admin reject")
    async def reject(
        self,
        interaction: discord.Interaction,
        number: app_commands.Range[int, 1] | None = None,
        more: app_commands.Range[str, 0, 300] | None = None,
        member: discord.User | None = None,
    ) -> None:
        # The core refuses a mix of numbers and a member, or nothing, with the usage.
        await self._typed(interaction, "reject", number=number, more=more, member=member)

    @prompt_admin.command(name="remove", description=about("prompt-admin remove"))
    @options("prompt-admin remove")
    async def remove(
        self, interaction: discord.Interaction, number: app_commands.Range[int, 1]
    ) -> None:
        await self._typed(interaction, "remove", number=number)

    # ------------------------------------------------------------ /done

    @app_commands.command(name="done", description=about("done"))
    @app_commands.guild_only()
    @options("done")
    async def done(
        self,
        interaction: discord.Interaction,
        member: discord.User | None = None,
        note: app_commands.Range[str, 0, 280] | None = None,
    ) -> None:
        await self.bot.forward(interaction, "done", values={"member": member, "note": note})

    # ------------------------------------------------------------ /challenge

    @challenge.command(name="join", description=about("challenge join"))
    async def join(self, interaction: discord.Interaction) -> None:
        await self.bot.forward(interaction, "challenge", sub="join")

    @challenge.command(name="leave", description=about("challenge leave"))
    async def leave(self, interaction: discord.Interaction) -> None:
        await self.bot.forward(interaction, "challenge", sub="leave")

    @challenge.command(name="status", description=about("challenge status"))
    async def status(self, interaction: discord.Interaction) -> None:
        await self.bot.forward(interaction, "challenge", sub="status")

    @challenge_admin.command(name="start", description=about("challenge-admin start"))
    @options("challenge-admin start")
    async def start(
        self,
        interaction: discord.Interaction,
        channel: discord.TextChannel | None = None,
        start: str | None = None,
    ) -> None:
        values = {"channel": channel, "start": start}
        await self.bot.forward(
            interaction, "challenge", sub="start", values=values, admin_only=True
        )


async def setup(bot: RootsBot) -> None:
    await bot.add_cog(Prompts(bot))
