"""/roots-config …: (admins) this community's settings and schedules."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from adapters.discord.options import about, options
from bot.timezones import zone_names

if TYPE_CHECKING:
    from adapters.discord.bot import RootsBot
    from adapters.discord.translate import Option

MAX_CHOICES = 25
GUILD = app_commands.AppCommandContext(guild=True)


@lru_cache(maxsize=1)
def _zones() -> tuple[str, ...]:
    return tuple(sorted(z for z in zone_names() if "/" in z or z == "UTC"))


def zone_choices(current: str) -> list[app_commands.Choice[str]]:
    needle = current.strip().lower().replace(" ", "_")
    found = [z for z in _zones() if needle in z.lower()] if needle else list(_zones())
    found.sort(key=lambda z: (not z.lower().startswith(needle), z))
    return [app_commands.Choice(name=z, value=z) for z in found[:MAX_CHOICES]]


class Config(commands.Cog):
    config = app_commands.Group(
        name="roots-config",
        description=about("roots-config"),
        guild_only=True,
        allowed_contexts=GUILD,
        default_permissions=discord.Permissions(manage_guild=True),
    )

    def __init__(self, bot: RootsBot) -> None:
        self.bot = bot

    async def _typed(self, interaction: discord.Interaction, sub: str, **values: Option) -> None:
        await self.bot.forward(interaction, "roots-config", sub=sub, values=values, admin_only=True)

    @config.command(name="show", description=about("roots-config show"))
    async def show(self, interaction: discord.Interaction) -> None:
        await self._typed(interaction, "show")

    @config.command(name="timezone", description=about("roots-config timezone"))
    @options("roots-config timezone")
    async def timezone(self, interaction: discord.Interaction, zone: str) -> None:
        await self._typed(interaction, "timezone", zone=zone)

    @timezone.autocomplete("zone")
    async def timezone_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return zone_choices(current)

    @config.command(name="locale", description=about("roots-config locale"))
    @options("roots-config locale")
    async def locale(
        self, interaction: discord.Interaction, language: app_commands.Choice[str]
    ) -> None:
        await self._typed(interaction, "locale", language=language.value)

    @config.command(name="formality", description=about("roots-config formality"))
    @options("roots-config formality")
    async def formality(
        self, interaction: discord.Interaction, tone: app_commands.Choice[str]
    ) -> None:
        """Tu/du or vous/Sie in French and German (issue 18)."""
        await self._typed(interaction, "formality", tone=tone.value)

    @config.command(name="budget", description=about("roots-config budget"))
    @options("roots-config budget")
    async def budget(
        self, interaction: discord.Interaction, recipients: app_commands.Range[int, 1, 50]
    ) -> None:
        await self._typed(interaction, "budget", recipients=recipients)

    @config.command(name="cooldown", description=about("roots-config cooldown"))
    @options("roots-config cooldown")
    async def cooldown(
        self, interaction: discord.Interaction, seconds: app_commands.Range[int, 0, 86400]
    ) -> None:
        await self._typed(interaction, "cooldown", seconds=seconds)

    @config.command(name="emoji", description=about("roots-config emoji"))
    @options("roots-config emoji")
    async def emoji(
        self, interaction: discord.Interaction, emoji: app_commands.Range[str, 1, 64]
    ) -> None:
        await self._typed(interaction, "emoji", emoji=emoji)

    @config.command(name="reason", description=about("roots-config reason"))
    @options("roots-config reason")
    async def reason(
        self, interaction: discord.Interaction, required: app_commands.Choice[str]
    ) -> None:
        await self._typed(interaction, "reason", required=required.value)

    @config.command(name="leaderboard", description=about("roots-config leaderboard"))
    @options("roots-config leaderboard")
    async def leaderboard(
        self, interaction: discord.Interaction, shown: app_commands.Choice[str]
    ) -> None:
        await self._typed(interaction, "leaderboard", shown=shown.value)

    @config.command(name="detect", description=about("roots-config detect"))
    @options("roots-config detect")
    async def detect(
        self, interaction: discord.Interaction, enabled: app_commands.Choice[str]
    ) -> None:
        await self._typed(interaction, "detect", enabled=enabled.value)

    @config.command(name="announce", description=about("roots-config announce"))
    @options("roots-config announce")
    async def announce(
        self,
        interaction: discord.Interaction,
        where: app_commands.Choice[str],
        channel: discord.TextChannel | None = None,
    ) -> None:
        await self._typed(interaction, "announce", where=where.value, channel=channel)

    @config.command(name="wallboard", description=about("roots-config wallboard"))
    @options("roots-config wallboard")
    async def wallboard(
        self, interaction: discord.Interaction, shown: app_commands.Choice[str]
    ) -> None:
        await self._typed(interaction, "wallboard", shown=shown.value)

    @config.command(name="season", description=about("roots-config season"))
    async def season(self, interaction: discord.Interaction) -> None:
        await self._typed(interaction, "season")

    @config.command(name="prompts", description=about("roots-config prompts"))
    @options("roots-config prompts")
    async def prompts(
        self,
        interaction: discord.Interaction,
        channel: discord.TextChannel | None = None,
        when: str | None = None,
    ) -> None:
        await self._typed(interaction, "prompts", channel=channel, when=when)

    @config.command(name="digest", description=about("roots-config digest"))
    @options("roots-config digest")
    async def digest(
        self,
        interaction: discord.Interaction,
        channel: discord.TextChannel | None = None,
        when: str | None = None,
    ) -> None:
        await self._typed(interaction, "digest", channel=channel, when=when)

    @config.command(name="catchup", description=about("roots-config catchup"))
    @options("roots-config catchup")
    async def catchup(
        self, interaction: discord.Interaction, minutes: app_commands.Range[int, 0, 2880]
    ) -> None:
        await self._typed(interaction, "catchup", minutes=minutes)

    @config.command(name="themes", description=about("roots-config themes"))
    @options("roots-config themes")
    async def themes(
        self,
        interaction: discord.Interaction,
        action: app_commands.Choice[str] | None = None,
        theme: str | None = None,
    ) -> None:
        action_value = action.value if action else None
        await self._typed(interaction, "themes", action=action_value, theme=theme)


async def setup(bot: RootsBot) -> None:
    await bot.add_cog(Config(bot))
