"""Persistent buttons: ``roots:<action>:<value>`` custom ids, alive across restarts.

A :class:`discord.ui.DynamicItem` is registered once (``Client.add_dynamic_items``),
so a button on any old message (a prompt's "Done" button, custom id
``roots:checkin:<post id>``) still reaches the core after a restart.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import discord

from bot.types import Button, plain_text

if TYPE_CHECKING:
    from adapters.discord.bot import RootsBot

STYLES = {"roots:checkin": discord.ButtonStyle.success}


def custom_id(action_id: str, value: str) -> str:
    """``roots:checkin`` + ``42`` -> ``roots:checkin:42``; other actions get the prefix."""
    action = action_id if action_id.startswith("roots:") else f"roots:{action_id}"
    return f"{action}:{value}"


class RootsButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=r"(?P<action>roots:[A-Za-z0-9_\-]+):(?P<value>[^:]{0,80})",
):
    def __init__(self, action: str, value: str, label: str = "", *, row: int | None = None):
        super().__init__(
            discord.ui.Button(
                label=label[:80] or action,
                style=STYLES.get(action, discord.ButtonStyle.secondary),
                custom_id=custom_id(action, value),
            ),
            row=row,
        )
        self.action = action
        self.value = value

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction,
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> RootsButton:
        return cls(match["action"], match["value"])

    async def callback(self, interaction: discord.Interaction) -> None:
        bot: RootsBot = interaction.client  # type: ignore[assignment]
        await bot.click(interaction, self.action, self.value)


def button_view(buttons: tuple[Button, ...]) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    for button in buttons:
        view.add_item(RootsButton(button.action_id, button.value, plain_text(button.label)))
    return view
