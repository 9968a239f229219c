"""/prompt …, /prompt-admin …, /done, /challenge …, /challenge-admin …"""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from cogs.config import GUILD

if TYPE_CHECKING:
    from adapters.discord.bot import RootsBot
    from adapters.discord.translate import Arg

ADMIN = discord.Permissions(manage_guild=True)


class Prompts(commands.Cog):
    prompt = app_commands.Group(
        name="prompt",
        description="Daily pay-it-forward prompts",
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
        description="The gratitude challenge",
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

    @prompt.command(name="next", description="Today's prompt")
    async def next(
        self, interaction: discord.Interaction, channel: discord.TextChannel | None = None
    ) -> None:
        await self.bot.forward(interaction, "prompt", ["next", channel])

    @prompt.command(name="suggest", description="Suggest a prompt to the admins")
    async def suggest(
        self, interaction: discord.Interaction, text: app_commands.Range[str, 1, 280]
    ) -> None:
        await self.bot.forward(interaction, "prompt", ["suggest", text])

    @prompt.command(name="themes", description="The prompt themes")
    async def themes(self, interaction: discord.Interaction) -> None:
        await self.bot.forward(interaction, "prompt", ["themes"])

    # ------------------------------------------------------------ /prompt-admin

    async def _admin(self, interaction: discord.Interaction, *words: Arg) -> None:
        await self.bot.forward(interaction, "prompt", list(words), admin_only=True)

    @prompt_admin.command(name="now", description="Post a prompt now")
    async def now(
        self, interaction: discord.Interaction, channel: discord.TextChannel | None = None
    ) -> None:
        await self._admin(interaction, "now", channel)

    @prompt_admin.command(name="add", description="Add a prompt to this server's rotation")
    async def add(
        self, interaction: discord.Interaction, text: app_commands.Range[str, 1, 280]
    ) -> None:
        await self._admin(interaction, "add", text)

    @prompt_admin.command(name="list", description="This server's own prompts")
    async def list_prompts(self, interaction: discord.Interaction) -> None:
        await self._admin(interaction, "list")

    @prompt_admin.command(name="queue", description="Suggestions waiting for a decision")
    async def queue(self, interaction: discord.Interaction) -> None:
        await self._admin(interaction, "queue")

    @prompt_admin.command(name="approve", description="Approve a suggested prompt")
    async def approve(
        self, interaction: discord.Interaction, number: app_commands.Range[int, 1]
    ) -> None:
        await self._admin(interaction, "approve", str(number))

    @prompt_admin.command(
        name="reject", description="Reject suggestions: a number, several, or a member's"
    )
    @app_commands.describe(
        number="the suggestion's number",
        more="more numbers, separated by spaces",
        member="reject all of this member's waiting suggestions",
    )
    async def reject(
        self,
        interaction: discord.Interaction,
        number: app_commands.Range[int, 1] | None = None,
        more: app_commands.Range[str, 0, 300] | None = None,
        member: discord.User | None = None,
    ) -> None:
        # Becomes "/prompt reject 12 13 …" or "/prompt reject all @member"; the core
        # refuses a mix of both, or nothing, with the usage.
        numbers = [str(number)] if number is not None else []
        numbers += more.split() if more else []
        if member is not None:
            await self._admin(interaction, "reject", "all", member, *numbers)
        else:
            await self._admin(interaction, "reject", *numbers)

    @prompt_admin.command(name="remove", description="Remove one of this server's prompts")
    async def remove(
        self, interaction: discord.Interaction, number: app_commands.Range[int, 1]
    ) -> None:
        await self._admin(interaction, "remove", str(number))

    # ------------------------------------------------------------ /done

    @app_commands.command(name="done", description="Check in: you did today's prompt")
    @app_commands.guild_only()
    @app_commands.describe(member="whom you helped or thanked", note="a word about it")
    async def done(
        self,
        interaction: discord.Interaction,
        member: discord.User | None = None,
        note: app_commands.Range[str, 0, 280] | None = None,
    ) -> None:
        await self.bot.forward(interaction, "done", [member, note])

    # ------------------------------------------------------------ /challenge

    @challenge.command(name="join", description="Join the challenge")
    async def join(self, interaction: discord.Interaction) -> None:
        await self.bot.forward(interaction, "challenge", ["join"])

    @challenge.command(name="leave", description="Leave the challenge")
    async def leave(self, interaction: discord.Interaction) -> None:
        await self.bot.forward(interaction, "challenge", ["leave"])

    @challenge.command(name="status", description="How the challenge is going")
    async def status(self, interaction: discord.Interaction) -> None:
        await self.bot.forward(interaction, "challenge", ["status"])

    @challenge_admin.command(name="start", description="Start a challenge")
    @app_commands.describe(channel="where it runs", start="start date, YYYY-MM-DD")
    async def start(
        self,
        interaction: discord.Interaction,
        channel: discord.TextChannel | None = None,
        start: str | None = None,
    ) -> None:
        words = ["start", channel, start]
        await self.bot.forward(interaction, "challenge", words, admin_only=True)


async def setup(bot: RootsBot) -> None:
    await bot.add_cog(Prompts(bot))
