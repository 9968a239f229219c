"""/kudos, /kudos-undo, /kudos-revoke and the "Give kudos" / "Thank for this message" menus."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from adapters.discord.options import about, options
from adapters.discord.translate import interaction_context
from bot.messages import text
from bot.services.kudos import MAX_REASON, excerpt
from bot.types import Member

if TYPE_CHECKING:
    from adapters.discord.bot import RootsBot


class ReasonModal(discord.ui.Modal):
    """Asks for the reason, then gives kudos to ``receiver``."""

    def __init__(
        self,
        bot: RootsBot,
        receiver: discord.abc.User | Member,
        default: str = "",
        locale: str = "en",
        source: str = "command",
    ) -> None:
        title, label = text(locale, "kudos.modal_title"), text(locale, "kudos.modal_reason")
        super().__init__(title=title, timeout=600)
        self.bot = bot
        self.receiver = receiver
        self.source = source
        self.reason: discord.ui.TextInput[ReasonModal] = discord.ui.TextInput(
            label=label,
            style=discord.TextStyle.paragraph,
            max_length=MAX_REASON,
            required=False,
            default=default[:MAX_REASON] or None,
        )
        self.add_item(self.reason)

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await self.bot.forward(
            interaction,
            "kudos",
            public_hint=True,
            source=self.source,
            values={"member": self.receiver, "reason": self.reason.value or ""},
        )


class Kudos(commands.Cog):
    def __init__(self, bot: RootsBot) -> None:
        self.bot = bot
        self.menus = [
            app_commands.ContextMenu(name="Give kudos", callback=self.give_kudos),
            app_commands.ContextMenu(name="Thank for this message", callback=self.thank_message),
        ]
        for menu in self.menus:
            app_commands.guild_only()(menu)
            bot.tree.add_command(menu)

    async def cog_unload(self) -> None:
        for menu in self.menus:
            self.bot.tree.remove_command(menu.name, type=menu.type)

    @app_commands.command(name="kudos", description=about("kudos"))
    @app_commands.guild_only()
    @options("kudos")
    async def kudos(
        self,
        interaction: discord.Interaction,
        member: discord.User | None = None,
        reason: app_commands.Range[str, 0, MAX_REASON] | None = None,
        member2: discord.User | None = None,
        member3: discord.User | None = None,
        member4: discord.User | None = None,
        member5: discord.User | None = None,
        team: discord.Role | None = None,
    ) -> None:
        values = {
            "member": member,
            "member2": member2,
            "member3": member3,
            "member4": member4,
            "member5": member5,
            "reason": reason or "",
        }
        await self.bot.forward(interaction, "kudos", public_hint=True, values=values, team=team)

    @app_commands.command(name="kudos-undo", description=about("kudos-undo"))
    @app_commands.guild_only()
    async def kudos_undo(self, interaction: discord.Interaction) -> None:
        await self.bot.forward(interaction, "kudos", sub="undo")

    @app_commands.command(name="kudos-revoke", description=about("kudos-revoke"))
    @app_commands.guild_only()
    @app_commands.default_permissions(manage_guild=True)
    @options("kudos-revoke")
    async def kudos_revoke(
        self, interaction: discord.Interaction, number: app_commands.Range[int, 1]
    ) -> None:
        values = {"number": number}
        await self.bot.forward(interaction, "kudos", sub="revoke", values=values, admin_only=True)

    async def _locale(self, interaction: discord.Interaction) -> str:
        """The form's language: the member's (it is theirs alone)."""
        return await self.bot.core.communities.private_locale(interaction_context(interaction))

    async def give_kudos(self, interaction: discord.Interaction, member: discord.User) -> None:
        locale = await self._locale(interaction)
        await interaction.response.send_modal(ReasonModal(self.bot, member, locale=locale))

    async def thank_message(
        self, interaction: discord.Interaction, message: discord.Message
    ) -> None:
        default = excerpt(message.content) if message.content else ""
        locale = await self._locale(interaction)
        # "menu": the reason starts as the author's own words, so forgetting the
        # author blanks it (as a reaction's excerpt), even if the giver edited it.
        modal = ReasonModal(self.bot, message.author, default, locale, source="menu")
        await interaction.response.send_modal(modal)


async def setup(bot: RootsBot) -> None:
    await bot.add_cog(Kudos(bot))
