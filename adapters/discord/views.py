"""Persistent buttons: ``roots:<action>:<value>`` custom ids, alive across restarts.

A :class:`discord.ui.DynamicItem` is registered once (``Client.add_dynamic_items``),
so a button on any old message (a prompt's "Done" button, custom id
``roots:checkin:<post id>``) still reaches the core after a restart.
"""

from __future__ import annotations

import logging
import re
from typing import Any, Protocol, runtime_checkable

import discord

from bot.types import Button, plain_text

log = logging.getLogger(__name__)

STYLES = {"roots:checkin": discord.ButtonStyle.success}


def custom_id(action_id: str, value: str) -> str:
    """``roots:checkin`` + ``42`` -> ``roots:checkin:42``; other actions get the prefix."""
    action = action_id if action_id.startswith("roots:") else f"roots:{action_id}"
    return f"{action}:{value}"


@runtime_checkable
class ButtonClicks(Protocol):
    """What a button needs of the client it is clicked on (the Roots bot): so this
    module does not depend on :mod:`adapters.discord.bot`, which depends on it."""

    async def click(self, interaction: discord.Interaction, action_id: str, value: str) -> None:
        """Hand the click to the core."""


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
        client = interaction.client
        if not isinstance(client, ButtonClicks):
            log.error("Button %s clicked on a client that is not Roots' bot", self.action)
            return
        await client.click(interaction, self.action, self.value)


def button_view(buttons: tuple[Button, ...]) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    for button in buttons:
        view.add_item(RootsButton(button.action_id, button.value, plain_text(button.label)))
    return view
